//! The vertical layout of the composed blocks and where their pages end.
//!
//! GB/T 9704 puts the 版记 at the foot of the last page, and practice wants
//! that page even (the back of the last sheet in double-sided printing);
//! §7.5 leaves the blank page before a 版记 page, and that page, without a
//! number. Whether the body ends on an odd or an even page is a matter of
//! layout, and no OOXML construct settles it in every reader: LibreOffice
//! ignores an even-page section break. So the writer estimates the layout
//! here, line by line, and inserts the blank page itself; the preview can
//! show the same page breaks.
//!
//! Everything vertical that the .docx writer does is decided here (blank
//! lines, spacing, line heights, table rows), so the estimate and the file
//! cannot drift apart. Widths follow the standard's fonts: a CJK character
//! or full-width mark is one em, ASCII half an em, a fifth of an em of
//! automatic space stands between ideographs and Latin letters or digits,
//! and lines break greedily, never inside a Latin word, never before
//! closing punctuation and never after opening punctuation, and no mark
//! hangs in the margin: a full line whose next character is a comma gives
//! its last character to the next line (as LibreOffice does with the
//! file's `w:overflowPunct`; see notice-office's docx/styles.rs).

use super::compose::{Block, Face, Indent, Span};
use super::gbt9704 as spec;
use super::model::Notice;

/// Where a block starts: its page (from 1) and twips below the top of the
/// text block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub page: u32,
    pub y: i32,
}

/// Where the 版记 goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImprintPlacement {
    /// The notice has no 版记.
    None,
    /// At the foot of the body's last page, which is even and has room.
    LastBodyPage,
    /// Alone on the page after the body, which ends on an odd page.
    NextPage,
    /// On the second page after the body: the body ends on an even page
    /// without room for it, and a blank page keeps the 版记 on an even one.
    AfterBlankPage,
}

/// The estimated layout of a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// Where each block starts, in the order of the blocks given.
    pub starts: Vec<Position>,
    /// Pages the body (everything but the 版记) fills.
    pub body_pages: u32,
    /// Twips the body uses on its last page.
    pub last_page_used: i32,
    /// The 版记's height in twips (0 without one).
    pub imprint_height: i32,
    pub imprint: ImprintPlacement,
    /// The 信函格式 (§10.1): no number on page 1, and the 版记 at the foot
    /// of the last page whether odd or even.
    pub letter: bool,
}

impl Pagination {
    /// Pages of the whole file.
    pub fn total_pages(&self) -> u32 {
        self.body_pages
            + match self.imprint {
                ImprintPlacement::None | ImprintPlacement::LastBodyPage => 0,
                ImprintPlacement::NextPage => 1,
                ImprintPlacement::AfterBlankPage => 2,
            }
    }

    /// Pages that carry a number: the body's (§7.5: a blank page before
    /// the 版记 and a 版记 page of its own carry none).
    pub fn numbered_pages(&self) -> u32 {
        if self.letter {
            self.total_pages()
        } else {
            self.body_pages
        }
    }

    /// The number printed on page `page` (from 1), if any: a letter's first
    /// page carries none (§10.1).
    pub fn number(&self, page: u32) -> Option<u32> {
        (page <= self.numbered_pages() && !(self.letter && page == 1)).then_some(page)
    }

    /// Pages the preview shows and the file prints: never none, even for
    /// an empty notice.
    pub fn page_count(&self) -> u32 {
        self.total_pages().max(1)
    }
}

/// The notice's page count, as the preview shows it and `notice pages`
/// prints it.
pub fn page_count(notice: &Notice) -> u32 {
    paginate(&super::compose::blocks(notice)).page_count()
}

/// One 三号 character's advance in the body, condensed (§5.2.3).
pub const BODY_CHAR: i32 = (spec::SIZE_BODY as i32) * 10 + spec::BODY_CHAR_SPACING;

/// Characters that never start a line (closing punctuation, GB/T 15834
/// practice and LibreOffice's zh-CN rules).
const NO_LINE_START: &str = "，。、；：？！）》」』】〕〗〉”’…—·％‰℃,.;:?!)]}%>";
/// Characters that never end a line (opening punctuation).
const NO_LINE_END: &str = "（《「『【〔〖〈“‘([{<";

/// Half-width characters: ASCII and the Latin, Greek and Cyrillic blocks
/// take half an em in the standard's fonts; everything else one.
fn is_narrow(c: char) -> bool {
    (c as u32) < 0x2000 && !matches!(c, '·' | '×' | '÷' | '§' | '°' | '±')
}

/// Letters and digits between which and ideographs Word and LibreOffice
/// add their automatic space.
fn is_latin_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

fn is_ideograph(c: char) -> bool {
    !is_narrow(c) && !NO_LINE_START.contains(c) && !NO_LINE_END.contains(c) && c != '\u{3000}'
}

/// The advance of one character in twips at `size` half-points with
/// `spacing` twips of character spacing.
pub fn char_width(c: char, size: usize, spacing: i32) -> i32 {
    let em = size as i32 * 10;
    match c {
        '\r' => 0,
        '\t' => 2 * em,
        c if is_narrow(c) => em / 2 + spacing,
        _ => em + spacing,
    }
}

/// What stands between two neighbouring characters beyond their advances.
/// Measured in LibreOffice 7.4 (Noto Sans Mono CJK standing in for the
/// GB2312 fonts, whose metrics it shares): a fifth of an em of automatic
/// space between an ideograph and a Latin letter or digit, and, where the
/// script changes between full- and half-width text, the character spacing
/// of the character before the change is not applied.
fn joint(a: char, b: char, size: usize, spacing: i32) -> i32 {
    let mut extra = 0;
    if (is_ideograph(a) && is_latin_word(b)) || (is_latin_word(a) && is_ideograph(b)) {
        extra += size as i32 * 10 / 5;
    }
    if is_narrow(a) != is_narrow(b) {
        extra -= spacing;
    }
    extra
}

/// The space between two neighbouring characters beyond their advances
/// (see `joint` above), for drawing what [`text_width`] measures: the
/// preview puts it before `b`.
pub fn space_between(a: char, b: char, size: usize, spacing: i32) -> i32 {
    joint(a, b, size, spacing)
}

/// Width of a text on one line, in twips.
pub fn text_width(text: &str, size: usize, spacing: i32) -> i32 {
    let mut width = 0;
    let mut previous = None;
    for c in text.chars() {
        width += char_width(c, size, spacing);
        if let Some(p) = previous {
            width += joint(p, c, size, spacing);
        }
        previous = Some(c);
    }
    width
}

/// Whether a line may break between `a` and `b`.
fn may_break(a: char, b: char) -> bool {
    if a == ' ' {
        return true;
    }
    if b == ' ' || NO_LINE_START.contains(b) || NO_LINE_END.contains(a) {
        return false;
    }
    // Latin words and numbers stay whole; so do —— and …….
    !(a.is_ascii_graphic() && b.is_ascii_graphic() || (a == b && matches!(a, '—' | '…')))
}

/// How many lines `text` takes: the first line `first` twips wide, the
/// others (after a wrap or a `\n` line break) `rest` twips wide. The
/// count of [`break_lines`], so that what is counted here is what the
/// preview draws.
pub fn line_count(text: &str, first: i32, rest: i32, size: usize, spacing: i32) -> u32 {
    break_lines(text, first, rest, size, spacing).len().max(1) as u32
}

/// Where `text` breaks into lines, as byte ranges of `text` (a `\n` ends a
/// line and belongs to none): the first line `first` twips wide, the others
/// `rest` twips wide. Lines break greedily between segments no line may
/// break inside (see the module's notes); spaces at the end of a full line
/// hang in the margin and stay on it; a segment wider than a line breaks
/// anywhere. Always at least one line (an empty one for an empty text).
pub fn break_lines(
    text: &str,
    first: i32,
    rest: i32,
    size: usize,
    spacing: i32,
) -> Vec<std::ops::Range<usize>> {
    let mut lines = Vec::new();
    let mut width = first;
    let mut offset = 0;
    for part in text.split('\n') {
        let chars: Vec<(usize, char)> = part
            .char_indices()
            .map(|(at, c)| (offset + at, c))
            .collect();
        let end = offset + part.len();
        let at = |i: usize| chars.get(i).map_or(end, |&(at, _)| at);
        let mut start = offset;
        // Segments: runs of characters no line may break inside.
        let mut segments: Vec<(usize, usize)> = Vec::new();
        let mut seg_start = 0;
        for i in 1..=chars.len() {
            if i == chars.len() || may_break(chars[i - 1].1, chars[i].1) {
                if i > seg_start {
                    segments.push((seg_start, i));
                }
                seg_start = i;
            }
        }
        let mut used = 0;
        let mut last: Option<char> = None;
        for (from, to) in segments {
            let seg = &chars[from..to];
            let seg_width: i32 = seg
                .iter()
                .map(|&(_, c)| char_width(c, size, spacing))
                .sum::<i32>()
                + seg
                    .windows(2)
                    .map(|w| joint(w[0].1, w[1].1, size, spacing))
                    .sum::<i32>();
            let join = last.map_or(0, |p| joint(p, seg[0].1, size, spacing));
            if used + join + seg_width <= width {
                used += join + seg_width;
            } else if seg.iter().all(|&(_, c)| c == ' ') {
                // Spaces at the end of a line hang in the margin.
            } else if used > 0 && seg_width <= rest {
                lines.push(start..at(from));
                start = at(from);
                width = rest;
                used = seg_width;
            } else {
                // A segment wider than a line breaks anywhere.
                if used > 0 {
                    lines.push(start..at(from));
                    start = at(from);
                    width = rest;
                    used = 0;
                }
                for (k, &(_, c)) in seg.iter().enumerate() {
                    let w = char_width(c, size, spacing);
                    if used + w > width && used > 0 {
                        lines.push(start..at(from + k));
                        start = at(from + k);
                        width = rest;
                        used = 0;
                    }
                    used += w;
                }
            }
            last = seg.last().map(|&(_, c)| c);
        }
        lines.push(start..end);
        width = rest;
        offset = end + 1;
    }
    lines
}

/// Blank body lines the writer puts before a block.
pub fn blank_lines_before(block: &Block, previous: Option<&Block>) -> u32 {
    match (block, previous) {
        (Block::Title { .. }, Some(Block::LetterHead { .. } | Block::LetterLines { .. })) => {
            spec::BLANK_LINES_LETTER_TO_TITLE
        }
        (Block::DocNumber { .. }, Some(Block::OrganMark { .. })) => {
            spec::BLANK_LINES_MARK_TO_NUMBER
        }
        (Block::Title { .. }, Some(Block::DocNumber { .. })) => spec::BLANK_LINES_RULE_TO_TITLE,
        // The page break's own paragraph is line 1.
        (Block::Title { .. }, Some(Block::PageBreak | Block::AttachmentLabel(_))) => {
            spec::BLANK_LINES_BEFORE_ATTACHED_TITLE
        }
        (Block::Attachments(_), _) => spec::BLANK_LINES_BEFORE_ATTACHMENTS,
        (Block::Signature { sealed: true, .. }, _) => spec::BLANK_LINES_BEFORE_SEALED_SIGNATURE,
        (Block::Signature { sealed: false, .. }, _) => spec::BLANK_LINES_BEFORE_SIGNATURE,
        _ => 0,
    }
}

/// Blank body lines the writer puts after a block.
pub fn blank_lines_after(block: &Block) -> u32 {
    match block {
        Block::Title { .. } => spec::BLANK_LINES_AFTER_TITLE,
        _ => 0,
    }
}

/// The 版头's height: twips from the top of the text block to the foot of
/// the red rule (0 without a 发文字号 line). What preprinted letterhead
/// reserves by default (see [`super::compose::on_letterhead`]).
pub fn header_height(blocks: &[Block]) -> i32 {
    let Some(number) = blocks
        .iter()
        .position(|b| matches!(b, Block::DocNumber { .. }))
    else {
        return 0;
    };
    let layout = lay_out(&blocks[..=number]);
    layout
        .pieces
        .iter()
        .filter(|p| p.block == number)
        .map(|p| p.y + p.height)
        .max()
        .unwrap_or(0)
}

/// A rule's width in twips, from `w:sz`'s eighths of a point.
pub fn rule_twips(eighths: usize) -> i32 {
    eighths as i32 * 20 / 8
}

/// The 信函格式's 版头 (§10.1) as the writer draws it: twips from the
/// paper's top (vertical) and from the text block's left edge
/// (horizontal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LetterHead {
    /// The 标志's size (half-points), sized to fit the block as the usual
    /// 标志 is, and its exact line height.
    pub size: usize,
    pub line: i32,
    /// Top of the 标志's line box: its characters' top edge is
    /// [`spec::LETTER_MARK_TOP`].
    pub line_top: i32,
    /// The first double line's distance under the 标志's line box, in
    /// whole points (a border's `w:space`).
    pub space_pt: i32,
    /// Top edges of the first double line's thick and thin lines.
    pub thick_top: i32,
    pub thin_top: i32,
    /// Where the body starts on page 1.
    pub body_top: i32,
    /// Top edges of the second double line's thin and thick lines.
    pub lower_thin_top: i32,
    pub lower_thick_top: i32,
    /// Left edge of both double lines (left of the block: negative).
    pub rule_left: i32,
}

/// The geometry of a letter's 版头 for the organ `organ`.
pub fn letter_head(organ: &str) -> LetterHead {
    let size = spec::organ_mark_size(organ.chars().count());
    let line = organ_mark_line(size);
    let leading = (line - size as i32 * 10) / 2;
    let line_top = spec::LETTER_MARK_TOP - leading;
    // 4 mm from the characters' foot to the line, in the whole points a
    // border's distance takes.
    let space_pt = ((spec::LETTER_MARK_TO_RULE - leading) as f64 / 20.0)
        .round()
        .max(0.0) as i32;
    let thick = rule_twips(spec::LETTER_THICK_RULE);
    let thin = rule_twips(spec::LETTER_THIN_RULE);
    let thick_top = line_top + line + space_pt * 20;
    let thin_top = thick_top + thick + spec::LETTER_RULE_GAP;
    let body_top = thin_top + thin + spec::LETTER_BELOW_RULE - spec::LETTER_LINE_INK;
    let lower_thick_top = spec::PAGE_HEIGHT as i32 - spec::LETTER_LOWER_RULE - thick;
    let lower_thin_top = lower_thick_top - spec::LETTER_RULE_GAP - thin;
    LetterHead {
        size,
        line,
        line_top,
        space_pt,
        thick_top,
        thin_top,
        body_top,
        lower_thin_top,
        lower_thick_top,
        rule_left: (spec::TEXT_WIDTH as i32 - spec::LETTER_RULE_LENGTH) / 2,
    }
}

/// The space before the 发文机关标志's first line: the characters' top edge
/// 35 mm below the top of the text block (§7.2.3), less the header marks'
/// lines above and the half of the line's leading above the characters.
pub fn organ_mark_space_before(marks_before: usize, size: usize) -> i32 {
    let leading = (organ_mark_line(size) - size as i32 * 10) / 2;
    (spec::ORGAN_MARK_TOP - leading - marks_before as i32 * spec::BODY_LINE_SPACING).max(0)
}

/// Exact line height of a 发文机关标志 line.
pub fn organ_mark_line(size: usize) -> i32 {
    size as i32 * spec::ORGAN_MARK_LINE_TENTHS
}

/// The size of a 发文机关标志 with these organs and suffix.
pub fn organ_mark_size(organs: &[String], suffix: &str) -> usize {
    let longest = organs.iter().map(|o| o.chars().count()).max().unwrap_or(0);
    let chars = longest + suffix.chars().count();
    let mut size = spec::organ_mark_size(chars);
    if organ_mark_is_table(organs, suffix) {
        // The stacked names and 文件 keep a gap between them.
        while size > spec::SIZE_SANHAO
            && (chars * size * 10) as i32 + spec::ORGAN_SUFFIX_GAP > spec::TEXT_WIDTH as i32
        {
            size -= 1;
        }
    }
    size
}

/// Whether the 发文机关标志 is drawn as a table: a joint notice with 文件
/// stacks the organs left of one 文件.
pub fn organ_mark_is_table(organs: &[String], suffix: &str) -> bool {
    organs.len() > 1 && !suffix.is_empty()
}

/// Whether a block keeps with the next one's first line: a heading on a
/// line of its own (一、 in 黑体, （一） in 楷体) never ends a page.
pub fn keeps_with_next(block: &Block) -> bool {
    match block {
        Block::Paragraph { spans, .. } => {
            spans.len() == 1 && matches!(spans[0].face, Face::Hei | Face::Kai)
        }
        _ => false,
    }
}

/// Height of what a heading at the start of `blocks` keeps on its page:
/// the heading, every heading kept with it in turn (一、 followed at once
/// by （一）: Word and LibreOffice move the whole chain), and the first
/// piece of the block that ends the chain.
fn kept_height(blocks: &[Block]) -> i32 {
    let line = spec::BODY_LINE_SPACING;
    let mut height = 0;
    let mut previous: Option<&Block> = None;
    for block in blocks {
        let blanks = blank_lines_before(block, previous) as i32 * line;
        match block {
            Block::Paragraph { spans, indent, .. } if keeps_with_next(block) => {
                height += blanks + paragraph_lines(spans, *indent) as i32 * line;
            }
            _ => return height + blanks + first_piece(Some(block)),
        }
        previous = Some(block);
    }
    height
}

/// Height of what must stand on the same page as a heading kept with it:
/// the block's first line, or a table's header and first row (rows do not
/// break across pages).
fn first_piece(block: Option<&Block>) -> i32 {
    match block {
        Some(block @ (Block::TaskTable { .. } | Block::Table { .. })) => {
            let Some(table) = block.table() else {
                return 0;
            };
            let first = table
                .rows
                .first()
                .map_or(0, |r| row_height(r, &table.widths));
            (row_height(table.header, &table.widths) + first).min(PAGE)
        }
        Some(Block::Imprint { .. }) | None => 0,
        Some(_) => spec::BODY_LINE_SPACING,
    }
}

/// Height the red rule adds below the 发文字号's line: the border's
/// distance and its width (§7.2.6).
pub const RED_RULE_EXTRA: i32 =
    spec::RED_RULE_SPACE as i32 * 20 + spec::RED_RULE_SIZE as i32 * 20 / 8;

/// Height a table row's border adds: LibreOffice lays each horizontal
/// border of `w:sz` 2 (a quarter point) inside the row.
const TABLE_RULE: i32 = 5;

/// Text width of a table cell.
pub fn cell_text_width(cell_width: usize) -> i32 {
    cell_width as i32 - 2 * spec::CELL_MARGIN
}

/// Lines of one task-table cell.
pub fn cell_lines(text: &str, cell_width: usize) -> u32 {
    let width = cell_text_width(cell_width);
    line_count(text, width, width, spec::SIZE_TABLE, 0)
}

/// Lines of a table row: its tallest cell's.
pub fn row_lines(cells: &[String], widths: &[usize]) -> u32 {
    cells
        .iter()
        .zip(widths)
        .map(|(text, &w)| cell_lines(text, w))
        .max()
        .unwrap_or(1)
}

/// Height of one table row.
pub fn row_height(cells: &[String], widths: &[usize]) -> i32 {
    row_lines(cells, widths) as i32 * spec::CELL_LINE_SPACING + TABLE_RULE
}

/// The 版记's rows: 抄送 (when there is one) and 印发机关/印发日期, each with
/// its lines.
pub fn imprint_rows(cc: &str, printer: &str, print_date: &str) -> Vec<u32> {
    let size = spec::SIZE_IMPRINT;
    let width = spec::TEXT_WIDTH as i32;
    let mut rows = Vec::new();
    if !cc.is_empty() {
        let label = "抄送：";
        let label_width = text_width(label, size, 0);
        let first = width - 2 * spec::IMPRINT_INDENT;
        let rest = first - label_width;
        rows.push(line_count(&format!("{label}{cc}"), first, rest, size, 0));
    }
    if !printer.is_empty() || !print_date.is_empty() {
        let half = width / 2 - spec::IMPRINT_INDENT;
        let lines = line_count(printer, half, half, size, 0)
            .max(line_count(print_date, half, half, size, 0));
        rows.push(lines);
    }
    rows
}

/// The 版记's height: its rows at the body's line spacing and its rules.
pub fn imprint_height(cc: &str, printer: &str, print_date: &str) -> i32 {
    let rows = imprint_rows(cc, printer, print_date);
    if rows.is_empty() {
        return 0;
    }
    let lines: u32 = rows.iter().sum();
    let rules =
        (2 * spec::IMPRINT_THICK_RULE + (rows.len() - 1) * spec::IMPRINT_THIN_RULE) as i32 * 20 / 8;
    lines as i32 * spec::BODY_LINE_SPACING + rules
}

/// What a placed piece of a block is (see [`Piece`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PieceKind {
    /// The block's `n`th line (from 0), in the order the writer draws
    /// them: the lines of each of its paragraphs in turn (for the
    /// 发文机关标志 drawn as a table, line 0 is the space above it and
    /// line 1 the whole table; the 发文字号's last line holds the red rule).
    Line(u32),
    /// The task table's header row, at its start and at the top of each
    /// page the table continues on.
    TableHeader,
    /// Lines `from..to` of the task table's row `row` (from 0): the whole
    /// row, unless it is taller than a page.
    TableRow { row: usize, from: u32, to: u32 },
}

/// One piece of a block on its page: what the preview draws where the
/// writer's layout puts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Piece {
    /// Index of the block in the blocks laid out.
    pub block: usize,
    /// Page, from 1.
    pub page: u32,
    /// Twips below the top of the text block.
    pub y: i32,
    /// Twips.
    pub height: i32,
    pub kind: PieceKind,
}

/// The layout of a notice: the pagination and every piece's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub pagination: Pagination,
    /// Every line, table header and table row of the body, in order (blank
    /// lines between blocks and the 版记 are not pieces).
    pub pieces: Vec<Piece>,
}

/// The page being filled.
struct Flow {
    page: u32,
    y: i32,
    /// The block whose pieces are being placed (none for blank lines).
    block: Option<usize>,
    /// Lines of that block placed so far.
    line_no: u32,
    pieces: Vec<Piece>,
}

const PAGE: i32 = spec::TEXT_HEIGHT as i32;

impl Flow {
    fn new_page(&mut self) {
        self.page += 1;
        self.y = 0;
    }

    /// Records a piece of the current block, if any.
    fn record(&mut self, y: i32, height: i32, kind: PieceKind) {
        if let Some(block) = self.block {
            self.pieces.push(Piece {
                block,
                page: self.page,
                y,
                height,
                kind,
            });
        }
    }

    /// One line (or an unbreakable piece) of `height`.
    fn line(&mut self, height: i32) {
        if self.y + height > PAGE && self.y > 0 {
            self.new_page();
        }
        self.record(self.y, height, PieceKind::Line(self.line_no));
        self.line_no += 1;
        self.y += height;
    }

    fn lines(&mut self, count: u32, height: i32) {
        for _ in 0..count {
            self.line(height);
        }
    }

    /// Pieces kept on one page when they fit on one (keep with next),
    /// together with `after` twips of what follows them.
    fn keep(&mut self, heights: &[i32], after: i32) {
        let total: i32 = heights.iter().sum::<i32>() + after;
        if self.y + total > PAGE && self.y > 0 && total <= PAGE {
            self.new_page();
        }
        for &h in heights {
            self.line(h);
        }
    }

    fn space(&mut self, height: i32) {
        self.y = (self.y + height).min(PAGE);
    }

    /// Where something of `height` would start.
    fn at(&self, height: i32) -> Position {
        if self.y + height > PAGE && self.y > 0 {
            Position {
                page: self.page + 1,
                y: 0,
            }
        } else {
            Position {
                page: self.page,
                y: self.y,
            }
        }
    }

    /// A table whose first row repeats at the top of each page. No row
    /// breaks across pages (`w:cantSplit`: Word would break a row between
    /// any two lines, LibreOffice only where it likes); a row taller than a
    /// page, which every reader must break, fills page after page.
    fn table(&mut self, header: i32, rows: &[(u32, i32)]) {
        let line = spec::CELL_LINE_SPACING;
        let room = PAGE - header;
        // The header row never stands alone at the foot of a page.
        let first = rows.first().map_or(0, |&(_, h)| h.min(room));
        if self.y + header + first > PAGE && self.y > 0 {
            self.new_page();
        }
        self.record(self.y, header, PieceKind::TableHeader);
        self.y += header;
        for (row, &(lines, height)) in rows.iter().enumerate() {
            let whole = PieceKind::TableRow {
                row,
                from: 0,
                to: lines,
            };
            if self.y + height <= PAGE {
                self.record(self.y, height, whole);
                self.y += height;
            } else if height <= room {
                self.new_page();
                self.record(0, header, PieceKind::TableHeader);
                self.record(header, height, whole);
                self.y = header + height;
            } else {
                let here = ((PAGE - self.y - TABLE_RULE) / line).max(0);
                if here > 0 {
                    let part = PieceKind::TableRow {
                        row,
                        from: 0,
                        to: (here as u32).min(lines),
                    };
                    self.record(self.y, PAGE - self.y, part);
                }
                let mut done = (here as u32).min(lines);
                let mut left = lines as i32 - here;
                loop {
                    self.new_page();
                    self.record(0, header, PieceKind::TableHeader);
                    self.y = header;
                    let fit = ((room - TABLE_RULE) / line).max(1);
                    if left <= fit {
                        let to = lines.max(done);
                        let height = left.max(0) * line + TABLE_RULE;
                        let part = PieceKind::TableRow {
                            row,
                            from: done,
                            to,
                        };
                        self.record(header, height, part);
                        self.y += height;
                        break;
                    }
                    let part = PieceKind::TableRow {
                        row,
                        from: done,
                        to: done + fit as u32,
                    };
                    self.record(header, fit * line + TABLE_RULE, part);
                    done += fit as u32;
                    left -= fit;
                }
            }
        }
    }
}

/// Lines of the 附注, indented two characters.
fn note_lines(text: &str) -> u32 {
    let width = spec::TEXT_WIDTH as i32;
    line_count(
        text,
        width - spec::BODY_FIRST_LINE_INDENT,
        width,
        spec::SIZE_BODY,
        spec::BODY_CHAR_SPACING,
    )
}

/// Whether the 成文日期 keeps the block after it on its page: the 附注
/// stands on the line after the date (§7.3.7), never alone on the next
/// page.
pub fn signature_keeps_with_next(next: Option<&Block>) -> bool {
    matches!(next, Some(Block::Note(_)))
}

/// Lines of a body paragraph.
fn paragraph_lines(spans: &[Span], indent: Indent) -> u32 {
    let text: String = spans.iter().map(|s| s.text.as_str()).collect();
    let width = spec::TEXT_WIDTH as i32;
    let first = match indent {
        Indent::FirstLine => width - spec::BODY_FIRST_LINE_INDENT,
        Indent::None => width,
    };
    line_count(
        &text,
        first,
        width,
        spec::SIZE_BODY,
        spec::BODY_CHAR_SPACING,
    )
}

/// Lays out the blocks and places the 版记.
pub fn paginate(blocks: &[Block]) -> Pagination {
    lay_out(blocks).pagination
}

/// Lays out the blocks, places the 版记, and keeps where each piece of
/// each block went: the one walk that both the .docx writer's page
/// decisions ([`paginate`]) and the preview's pages come from.
pub fn lay_out(blocks: &[Block]) -> Layout {
    let mut flow = Flow {
        page: 1,
        y: 0,
        block: None,
        line_no: 0,
        pieces: Vec::new(),
    };
    let mut starts = Vec::with_capacity(blocks.len());
    let mut previous: Option<&Block> = None;
    let mut marks = 0;
    let mut imprint_height = 0;
    let letter = blocks.iter().any(|b| matches!(b, Block::LetterHead { .. }));
    let line = spec::BODY_LINE_SPACING;
    let width = spec::TEXT_WIDTH as i32;
    let body = |text: &str, first: i32, rest: i32| {
        line_count(text, first, rest, spec::SIZE_BODY, spec::BODY_CHAR_SPACING)
    };
    for (i, block) in blocks.iter().enumerate() {
        if let Block::Imprint {
            cc,
            printer,
            print_date,
        } = block
        {
            starts.push(flow.at(line));
            imprint_height = if letter {
                // §10.1: no rules.
                imprint_rows(cc, printer, print_date).iter().sum::<u32>() as i32 * line
            } else {
                self::imprint_height(cc, printer, print_date)
            };
            continue;
        }
        flow.lines(blank_lines_before(block, previous), line);
        if matches!(block, Block::PageBreak | Block::AttachmentLabel(_)) && flow.y > 0 {
            flow.new_page();
        }
        if keeps_with_next(block) {
            let need = kept_height(&blocks[i..]);
            if flow.y + need > PAGE && flow.y > 0 && need <= PAGE {
                flow.new_page();
            }
        }
        starts.push(flow.at(line));
        flow.block = Some(i);
        flow.line_no = 0;
        match block {
            Block::HeaderMark(span) => {
                flow.lines(body(&span.text, width, width), line);
                marks += 1;
            }
            Block::OrganMark { organs, suffix } => {
                let size = organ_mark_size(organs, suffix);
                let mark_line = organ_mark_line(size);
                let before = organ_mark_space_before(marks, size);
                if organ_mark_is_table(organs, suffix) {
                    flow.line(before.max(20));
                    flow.line(organs.len() as i32 * mark_line);
                } else {
                    flow.space(before);
                    for (i, organ) in organs.iter().enumerate() {
                        let text = if i + 1 == organs.len() {
                            format!("{organ}{suffix}")
                        } else {
                            organ.clone()
                        };
                        let lines = line_count(&text, width, width, size, 0);
                        flow.lines(lines, mark_line);
                    }
                }
            }
            Block::Reserved(height) => flow.line(*height),
            // What the 版头 takes of page 1's text block.
            Block::LetterHead { organ } => {
                flow.line((letter_head(organ).body_top - spec::MARGIN_TOP).max(0));
            }
            Block::LetterLines { marks, .. } => flow.lines(marks.len().max(1) as u32, line),
            Block::DocNumber {
                number, signers, ..
            } => {
                let text = if signers.is_empty() {
                    number.clone()
                } else {
                    format!("{number}　签发人：{}", signers.join(" "))
                };
                let lines = body(&text, width, width);
                flow.lines(lines - 1, line);
                flow.line(line + RED_RULE_EXTRA);
            }
            Block::Title { lines } => {
                for text in lines {
                    flow.lines(line_count(text, width, width, spec::SIZE_TITLE, 0), line);
                }
            }
            Block::Recipients(text) => flow.lines(body(text, width, width), line),
            Block::Paragraph { spans, indent, .. } => {
                flow.lines(paragraph_lines(spans, *indent), line);
            }
            Block::Note(text) => flow.lines(note_lines(text), line),
            Block::TaskTable { .. } | Block::Table { .. } => {
                let Some(table) = block.table() else {
                    unreachable!()
                };
                let head = row_height(table.header, &table.widths);
                let rows: Vec<(u32, i32)> = table
                    .rows
                    .iter()
                    .map(|r| (row_lines(r, &table.widths), row_height(r, &table.widths)))
                    .collect();
                flow.table(head, &rows);
            }
            Block::Attachments(items) => {
                for item in attachment_lines(items) {
                    flow.lines(
                        body(&item.text, width - item.first_start, width - item.left),
                        line,
                    );
                }
            }
            Block::Signature {
                organs,
                date,
                sealed,
            } => {
                let mut heights = Vec::new();
                for (text, right) in signature_lines(organs, date, *sealed) {
                    let lines = body(&text, width - right, width - right);
                    heights.extend(std::iter::repeat_n(line, lines as usize));
                }
                // With the first line of a 附注 after it, as the writer's
                // keep-with-next on the date keeps it.
                let note = if signature_keeps_with_next(blocks.get(i + 1)) {
                    line
                } else {
                    0
                };
                flow.keep(&heights, note);
            }
            Block::PageBreak => flow.line(line),
            Block::AttachmentLabel(text) => flow.lines(body(text, width, width), line),
            Block::Imprint { .. } => unreachable!(),
        }
        flow.block = None;
        flow.lines(blank_lines_after(block), line);
        previous = Some(block);
    }
    let body_pages = flow.page;
    let last_page_used = flow.y;
    let fits =
        last_page_used + (1 + spec::IMPRINT_CLEARANCE_LINES as i32) * line + imprint_height <= PAGE;
    let imprint = if imprint_height == 0 {
        ImprintPlacement::None
    } else if letter {
        // §10.1: at the foot of the last page's text block, odd or even.
        if fits {
            ImprintPlacement::LastBodyPage
        } else {
            ImprintPlacement::NextPage
        }
    } else if body_pages % 2 == 1 {
        ImprintPlacement::NextPage
    } else if fits {
        ImprintPlacement::LastBodyPage
    } else {
        ImprintPlacement::AfterBlankPage
    };
    Layout {
        pagination: Pagination {
            starts,
            body_pages,
            last_page_used,
            imprint_height,
            imprint,
            letter,
        },
        pieces: flow.pieces,
    }
}

/// One line of the 附件说明 (§7.3.4): "附件：1. 名称", wrapped names aligned
/// with the first character of the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentLine {
    pub text: String,
    /// Left indent of the wrapped lines, twips.
    pub left: i32,
    /// Where the first line starts, twips from the left edge.
    pub first_start: i32,
}

/// The 附件说明's paragraphs, as the writer draws them.
pub fn attachment_lines(items: &[String]) -> Vec<AttachmentLine> {
    let label = "附件：";
    let label_width = text_width(label, spec::SIZE_BODY, spec::BODY_CHAR_SPACING);
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let number = if items.len() > 1 {
                format!("{}.", i + 1)
            } else {
                String::new()
            };
            let name = item.trim_end_matches(['。', '.', '；', ';', '，']);
            let number_width = text_width(&number, spec::SIZE_BODY, spec::BODY_CHAR_SPACING);
            let left = spec::BODY_FIRST_LINE_INDENT + label_width + number_width;
            if i == 0 {
                AttachmentLine {
                    text: format!("{label}{number}{name}"),
                    left,
                    first_start: spec::BODY_FIRST_LINE_INDENT,
                }
            } else {
                AttachmentLine {
                    text: format!("{number}{name}"),
                    left,
                    first_start: left - number_width,
                }
            }
        })
        .collect()
}

/// The 署名 and 成文日期 lines (§7.3.5), each with its right indent in
/// twips. Sealed: the date right-indented four characters, each organ
/// centred over it. Unsealed: the organ right-indented two characters, the
/// date starting two characters right of the organ's first character (or,
/// when the date is the longer, the date right-indented two and the organ
/// moved left to keep that offset).
pub fn signature_lines(organs: &[String], date: &str, sealed: bool) -> Vec<(String, i32)> {
    let width = |t: &str| text_width(t, spec::SIZE_BODY, spec::BODY_CHAR_SPACING);
    let date_width = width(date);
    let mut out = Vec::new();
    if sealed {
        let date_right = 4 * BODY_CHAR;
        for organ in organs {
            let right = if date.is_empty() {
                date_right
            } else {
                date_right + (date_width - width(organ)) / 2
            };
            out.push((organ.clone(), right.max(0)));
        }
        if !date.is_empty() {
            out.push((date.to_owned(), date_right));
        }
    } else {
        let widest = organs.iter().map(|o| width(o)).max().unwrap_or(0);
        // Where the organ's first character stands, from the right edge.
        let organ_start = (2 * BODY_CHAR + widest).max(2 * BODY_CHAR + date_width + 2 * BODY_CHAR);
        for organ in organs {
            out.push((organ.clone(), (organ_start - width(organ)).max(0)));
        }
        if !date.is_empty() {
            out.push((
                date.to_owned(),
                (organ_start - 2 * BODY_CHAR - date_width).max(0),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests;
