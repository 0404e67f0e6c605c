//! Every number of the GB/T 9704-2012 layout, in one place, each with the
//! clause it comes from. The .docx writer and the preview both read these, so
//! the two cannot drift apart. Units: twips (1/20 pt, 1/1440 in) unless the
//! name says otherwise; font sizes in half-points as OOXML's `w:sz` wants.

/// §5.2.1: A4 paper, 210 x 297 mm.
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;

/// §5.2.2: 天头 (top margin) 37 mm ±1.
pub const MARGIN_TOP: i32 = 2098;
/// §5.2.2: 订口 (left margin) 28 mm ±1.
pub const MARGIN_LEFT: i32 = 1587;
/// §5.2.2: 版心 156 x 225 mm, so the bottom margin is 297 - 37 - 225 = 35 mm…
pub const MARGIN_BOTTOM: i32 = 1984;
/// …and the right margin 210 - 28 - 156 = 26 mm.
pub const MARGIN_RIGHT: i32 = 1474;

/// §5.2.2: 版心 width 156 mm; full-width tables and rules use it.
pub const TEXT_WIDTH: u32 = 8844;
/// §5.2.2: 版心 height 225 mm.
pub const TEXT_HEIGHT: u32 = 12756;

/// §5.2.3: 22 lines a page.
pub const LINES_PER_PAGE: u32 = 22;
/// §5.2.3: 28 characters a line.
pub const CHARS_PER_LINE: u32 = 28;

/// §5.2.3 in practice: exact line spacing giving 22 lines in 225 mm. 225 mm /
/// 22 = 28.99 pt; 579 twips (28.95 pt) is the largest whole value that still
/// fits 22 lines (LibreOffice gives 21 lines at 580). Chosen over the common
/// local rule of 28 pt because it fills the block as the standard draws it.
pub const BODY_LINE_SPACING: i32 = 579;

/// §5.2.3 in practice: 156 mm / 28 = 15.79 pt < 16 pt, so 三号 characters are
/// condensed by 0.25 pt (`w:spacing` is in twentieths of a point).
pub const BODY_CHAR_SPACING: i32 = -5;

/// Font sizes (half-points) named as in Chinese typesetting.
pub const SIZE_XIAOCHU: usize = 72; // 小初 36 pt
pub const SIZE_ERHAO: usize = 44; // 二号 22 pt
pub const SIZE_SANHAO: usize = 32; // 三号 16 pt
pub const SIZE_SIHAO: usize = 28; // 四号 14 pt

/// §5.2.3 / §7.3.3: body text 三号.
pub const SIZE_BODY: usize = SIZE_SANHAO;
/// §7.3.1: 标题 二号.
pub const SIZE_TITLE: usize = SIZE_ERHAO;
/// §7.2.3: the 发文机关标志 is at most 小初 (practice; the standard leaves the
/// size to the organ, bounded by the text block width).
pub const SIZE_ORGAN_MAX: usize = SIZE_XIAOCHU;

/// §7.3.3: first-line indent of two 三号 characters (2 x 16 pt).
pub const BODY_FIRST_LINE_INDENT: i32 = 640;

/// §5.2.3 / §7.2.3: red is printed red; in the file it is pure red.
pub const RED: &str = "FF0000";

/// §7.2.5: the red rule under the 发文字号 is 156 mm wide; thickness is left
/// open: 1.5 pt (`w:sz` in eighths of a point).
pub const RED_RULE_SIZE: usize = 12;
/// §7.2.5: the rule sits 4 mm below the 发文字号. Measured in LibreOffice 7.4
/// (tests/render.rs): a bottom border with `w:space="5"` (points) lands
/// 3.4 mm below the characters' lowest ink (3.9 mm below the baseline);
/// 7 points put it 4.1 mm below the ink.
pub const RED_RULE_SPACE: usize = 7;

/// §7.2.3: the 发文机关标志's top edge stands 35 mm below the top of the
/// text block.
pub const ORGAN_MARK_TOP: i32 = 1984;
/// §7.2.3 in practice: the 标志's lines are 1.2 times its size apart
/// (exact spacing, in tenths of the size).
pub const ORGAN_MARK_LINE_TENTHS: i32 = 12;
/// §7.2.3 in practice: a joint notice with 文件 stacks the organs left of
/// one 文件, this far apart.
pub const ORGAN_SUFFIX_GAP: i32 = 200;

/// Blank body lines between parts, as the standard counts them:
/// §7.2.4: the 发文字号 two lines below the 发文机关标志;
pub const BLANK_LINES_MARK_TO_NUMBER: u32 = 2;
/// §7.3.1: the 标题 two lines below the red rule;
pub const BLANK_LINES_RULE_TO_TITLE: u32 = 2;
/// §7.3.2: the 主送机关 one line below the 标题;
pub const BLANK_LINES_AFTER_TITLE: u32 = 1;
/// §7.3.4 (附件): "附件" on line 1, its title on line 3;
pub const BLANK_LINES_BEFORE_ATTACHED_TITLE: u32 = 1;
/// §7.3.4: 附件说明 one line below the body;
pub const BLANK_LINES_BEFORE_ATTACHMENTS: u32 = 1;
/// §7.3.5.1 in practice: room for the seal above a sealed signature;
pub const BLANK_LINES_BEFORE_SEALED_SIGNATURE: u32 = 2;
/// §7.3.5.2: one line before an unsealed 署名.
pub const BLANK_LINES_BEFORE_SIGNATURE: u32 = 1;

/// §7.4.1: 版记 rules: first and last 0.35 mm, between 0.25 mm (`w:sz` in
/// eighths of a point: 0.35 mm = 0.99 pt, 0.25 mm = 0.71 pt).
pub const IMPRINT_THICK_RULE: usize = 8;
pub const IMPRINT_THIN_RULE: usize = 6;
/// §7.4.2/§7.4.3: 抄送 and 印发 lines are 四号.
pub const SIZE_IMPRINT: usize = SIZE_SIHAO;
/// §7.4.2/§7.4.3: 抄送 and the 印发 line are indented one 四号 character
/// (14 pt) on each side.
pub const IMPRINT_INDENT: i32 = 280;
/// §7.4 in practice: the 版记 shares the body's last page only when at least
/// one blank body line (besides the line its anchor paragraph takes) stays
/// between the text and its first rule, so that an estimate that is a line
/// short still leaves the rules clear of the text.
pub const IMPRINT_CLEARANCE_LINES: u32 = 1;

/// §7.5: page numbers are 四号, half-width 宋体 digits between two 一字线.
pub const SIZE_PAGE_NUMBER: usize = SIZE_SIHAO;
/// §7.5: odd page numbers stand right with one character's space, even ones
/// left with one character's space: one 四号 character, 14 pt.
pub const PAGE_NUMBER_INDENT: i32 = 280;
/// §7.5: the page number's line is one 四号 line of exact height, so that
/// where the 一字线 falls does not depend on the font's ascent and descent.
pub const PAGE_NUMBER_LINE: i32 = 280;
/// §7.5: the 一字线 stands 7 mm below the text block. The footer's line
/// ends `w:footer` twips above the paper's bottom edge; the dash sits about
/// 0.55 em above that, so 25.4 mm puts it 297 - 25.4 - 2.7 ≈ 269 mm, 7 mm
/// under the block's bottom edge at 262 mm. Measured in LibreOffice 7.4
/// (tests/render.rs): 7.0 mm; the 1380 of the first digest, measured with
/// single spacing and another fallback font, gave 7.9 mm here.
pub const FOOTER_DISTANCE: u32 = 1440;

/// §10.1 信函格式: the 发文机关标志's top edge 30 mm below the paper's top
/// edge (twips from the paper's top).
pub const LETTER_MARK_TOP: i32 = 1701;
/// §10.1: the first red double line 4 mm under the 标志.
pub const LETTER_MARK_TO_RULE: i32 = 227;
/// §10.1: both double lines 170 mm long and centred; centred on the text
/// block, as the 标志 above them is (the block stands 1 mm right of the
/// paper's middle, for binding).
pub const LETTER_RULE_LENGTH: i32 = 9638;
/// §10.1: the second double line 20 mm above the paper's bottom edge (its
/// lower edge there).
pub const LETTER_LOWER_RULE: i32 = 1134;
/// §10.1: the double lines are thick over thin (the first) and thin over
/// thick (the second); their widths are left open: 1.5 pt and 0.5 pt
/// (eighths of a point, as `w:sz`)…
pub const LETTER_THICK_RULE: usize = 12;
pub const LETTER_THIN_RULE: usize = 4;
/// …1 pt apart (twips).
pub const LETTER_RULE_GAP: i32 = 20;
/// §10.1: 份号, 密级, 紧急程度 (flush left) and the 发文字号 (flush right)
/// stand under the first double line, the first line's characters 7/8 of a
/// 三号 character's height below it: 16 pt x 7/8 = 14 pt.
pub const LETTER_BELOW_RULE: i32 = 280;
/// The characters' top edge in a 579-twip body line, below the line's top:
/// LibreOffice 7.4 puts the baseline at 1.16 / (1.16 + 0.288) of an exactly
/// spaced line (the OFD writer does the same), and a CJK character's top
/// 0.88 em above it. Measured (tests/render.rs): 3.3 mm.
pub const LETTER_LINE_INK: i32 = 185;
/// §10.1: the 标题 two lines below the last element above it.
pub const BLANK_LINES_LETTER_TO_TITLE: u32 = 2;

/// Task table practice (the standard does not fix table fonts): cells 四号…
pub const SIZE_TABLE: usize = SIZE_SIHAO;
/// …at 20 pt exact spacing; the body's 579-twip spacing would make rows far
/// too tall.
pub const CELL_LINE_SPACING: i32 = 400;
/// …with Word's usual 0.19 cm cell margins left and right (none above and
/// below), written out so that no reader falls back to its own default.
pub const CELL_MARGIN: i32 = 108;

/// Default Word font names (the fonts of the standard's practice).
pub const FONT_TITLE: &str = "方正小标宋简体";
pub const FONT_BODY: &str = "仿宋_GB2312";
pub const FONT_HEITI: &str = "黑体";
pub const FONT_KAITI: &str = "楷体_GB2312";
pub const FONT_SONGTI: &str = "宋体";
/// Fallbacks for machines without the GB2312 fonts (a setting).
pub const FONT_BODY_COMMON: &str = "仿宋";
pub const FONT_KAITI_COMMON: &str = "楷体";

/// The 发文机关标志's size: the largest size up to 小初 at which `chars`
/// characters fit in the 156 mm text block (§7.2.3 says: centred, red, sized
/// by the organ, not wider than the block).
pub fn organ_mark_size(chars: usize) -> usize {
    if chars == 0 {
        return SIZE_ORGAN_MAX;
    }
    // One CJK character is one em wide: chars * (half_points / 2) pt * 20
    // twips/pt <= TEXT_WIDTH.
    let fit = (TEXT_WIDTH as usize) / (chars * 10);
    fit.clamp(SIZE_SANHAO, SIZE_ORGAN_MAX)
}

/// Millimetres to twips.
pub const fn mm_to_twips(mm: i32) -> i32 {
    (mm * 1440 * 10 + 127) / 254
}

/// Twips to millimetres, for the preview's CSS.
pub fn twips_to_mm(twips: f64) -> f64 {
    twips * 25.4 / 1440.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_block_is_156_by_225_mm() {
        let width = PAGE_WIDTH as i32 - MARGIN_LEFT - MARGIN_RIGHT;
        let height = PAGE_HEIGHT as i32 - MARGIN_TOP - MARGIN_BOTTOM;
        // A4's 210 mm is 11905.5 twips, written 11906: allow that half twip.
        assert!((width - TEXT_WIDTH as i32).abs() <= 1, "{width}");
        assert!((height - TEXT_HEIGHT as i32).abs() <= 1, "{height}");
        assert!((twips_to_mm(TEXT_WIDTH as f64) - 156.0).abs() < 0.1);
        assert!((twips_to_mm(TEXT_HEIGHT as f64) - 225.0).abs() < 0.1);
        assert!((twips_to_mm(MARGIN_TOP as f64) - 37.0).abs() < 0.1);
        assert!((twips_to_mm(MARGIN_LEFT as f64) - 28.0).abs() < 0.1);
    }

    #[test]
    fn twenty_two_lines_fit_the_block_and_twenty_three_do_not() {
        assert!(LINES_PER_PAGE as i32 * BODY_LINE_SPACING <= TEXT_HEIGHT as i32);
        assert!((LINES_PER_PAGE as i32) * (BODY_LINE_SPACING + 1) > TEXT_HEIGHT as i32);
    }

    #[test]
    fn twenty_eight_condensed_characters_fit_a_line() {
        let advance = (SIZE_BODY as i32 / 2) * 20 + BODY_CHAR_SPACING;
        assert!(CHARS_PER_LINE as i32 * advance <= TEXT_WIDTH as i32);
    }

    #[test]
    fn the_letter_form_numbers_are_its_millimetres() {
        assert_eq!(LETTER_MARK_TOP, mm_to_twips(30));
        assert_eq!(LETTER_MARK_TO_RULE, mm_to_twips(4));
        assert_eq!(LETTER_RULE_LENGTH, mm_to_twips(170));
        assert_eq!(LETTER_LOWER_RULE, mm_to_twips(20));
        // 7/8 of a 三号 (16 pt) character: 14 pt.
        assert_eq!(LETTER_BELOW_RULE * 8, SIZE_SANHAO as i32 * 10 * 7);
    }

    #[test]
    fn organ_mark_fits_the_block() {
        assert_eq!(organ_mark_size(10), SIZE_XIAOCHU);
        assert_eq!(organ_mark_size(12), SIZE_XIAOCHU);
        let size = organ_mark_size(16);
        assert!(size < SIZE_XIAOCHU);
        assert!(16 * size * 10 <= TEXT_WIDTH as usize);
    }
}
