//! Rendering: exported notices converted to PDF by LibreOffice and measured
//! with poppler (`pdftotext -bbox` for words, `pdftoppm` for rules and
//! colours), against GB/T 9704-2012: A4, the 156 x 225 mm text block at
//! 28 mm / 37 mm, 22 lines of 28 characters, sizes, the red 版头, page
//! numbers, the 版记 on an even last page, the repeated table header.
//!
//! Needs LibreOffice and poppler-utils; run through scripts/test.sh, which
//! installs both, or `cargo test --test render -- --ignored`.
#![cfg(not(target_arch = "wasm32"))]

use notice_tests as support;

use notice_core::gbt9704 as spec;
use notice_core::pagination::{self, ImprintPlacement, Pagination};
use notice_core::*;
use notice_office::docx::{export_docx, DocumentMeta};
use std::path::{Path, PathBuf};
use std::process::Command;
use support::notices::{fixture, long_notice, table_notice, with_attachment_pages, with_imprint};
use support::random::Random;

const MM_PER_PT: f64 = 25.4 / 72.0;
/// The text block (§5.2.2), millimetres from the paper's top left corner.
const LEFT: f64 = 28.0;
const TOP: f64 = 37.0;
const RIGHT: f64 = 28.0 + 156.0;
const BOTTOM: f64 = 37.0 + 225.0;
/// Tolerance of the standard's measures (±1 mm).
const TOL: f64 = 1.0;
/// One 四号 character (14 pt) in millimetres: the page numbers' indent.
const SIHAO_MM: f64 = 14.0 * MM_PER_PT;
/// The body's line pitch, 579 twips.
const LINE_MM: f64 = 579.0 / 20.0 * MM_PER_PT;

#[derive(Debug, Clone)]
struct Word {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

#[derive(Debug)]
struct Page {
    width: f64,
    height: f64,
    words: Vec<Word>,
}

/// A line of words on a page, left to right.
#[derive(Debug)]
struct Line {
    y0: f64,
    y1: f64,
    words: Vec<Word>,
}

impl Line {
    fn text(&self) -> String {
        self.words.iter().map(|w| w.text.as_str()).collect()
    }
    fn x0(&self) -> f64 {
        self.words.first().map_or(0.0, |w| w.x0)
    }
    fn x1(&self) -> f64 {
        self.words.last().map_or(0.0, |w| w.x1)
    }
}

impl Page {
    /// Words above the footer: the text block's content.
    fn body_words(&self) -> impl Iterator<Item = &Word> {
        self.words.iter().filter(|w| w.y0 < BOTTOM)
    }

    fn footer_words(&self) -> Vec<&Word> {
        self.words.iter().filter(|w| w.y0 >= BOTTOM).collect()
    }

    /// Words grouped into lines by their top edge.
    fn lines(&self) -> Vec<Line> {
        let mut words: Vec<Word> = self.body_words().cloned().collect();
        words.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
        let mut lines: Vec<Line> = Vec::new();
        for word in words {
            match lines.last_mut() {
                Some(line) if (word.y0 - line.y0).abs() < 0.8 => {
                    line.y1 = line.y1.max(word.y1);
                    line.words.push(word);
                }
                _ => lines.push(Line {
                    y0: word.y0,
                    y1: word.y1,
                    words: vec![word],
                }),
            }
        }
        for line in &mut lines {
            line.words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        }
        lines
    }

    fn text(&self) -> String {
        self.words.iter().map(|w| w.text.as_str()).collect()
    }
}

/// The words of every page, in millimetres (pdftotext -bbox).
fn measure(pdf: &Path) -> Vec<Page> {
    let output = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed (poppler-utils)");
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    // Astral characters come out as CESU-8 surrogates, and control
    // characters of the document's title unescaped: neither is XML.
    let html: String = String::from_utf8_lossy(&output.stdout)
        .chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..))
        .collect();
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let xml = roxmltree::Document::parse_with_options(&html, options).expect("pdftotext's XHTML");
    let number = |node: roxmltree::Node, name: &str| -> f64 {
        node.attribute(name).unwrap().parse::<f64>().unwrap() * MM_PER_PT
    };
    xml.descendants()
        .filter(|n| n.has_tag_name("page"))
        .map(|page| Page {
            width: number(page, "width"),
            height: number(page, "height"),
            words: page
                .children()
                .filter(|n| n.has_tag_name("word"))
                .map(|w| Word {
                    x0: number(w, "xMin"),
                    y0: number(w, "yMin"),
                    x1: number(w, "xMax"),
                    y1: number(w, "yMax"),
                    text: w.text().unwrap_or("").to_owned(),
                })
                .collect(),
        })
        .collect()
}

/// One page rendered to pixels (pdftoppm, binary PPM).
struct Image {
    width: usize,
    height: usize,
    dpi: f64,
    rgb: Vec<u8>,
}

impl Image {
    fn of(pdf: &Path, page: usize, dpi: u32) -> Image {
        let output = Command::new("pdftoppm")
            .args(["-r", &dpi.to_string(), "-f", &page.to_string(), "-l"])
            .arg(page.to_string())
            .arg(pdf)
            .output()
            .expect("pdftoppm is installed (poppler-utils)");
        assert!(output.status.success());
        let data = output.stdout;
        // "P6\n<width> <height>\n255\n" then the pixels.
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            while data[at].is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while !data[at].is_ascii_whitespace() {
                at += 1;
            }
            fields.push(String::from_utf8_lossy(&data[start..at]).into_owned());
        }
        assert_eq!(fields[0], "P6");
        Image {
            width: fields[1].parse().unwrap(),
            height: fields[2].parse().unwrap(),
            dpi: dpi as f64,
            rgb: data[at + 1..].to_vec(),
        }
    }

    fn px(&self, mm: f64) -> usize {
        (mm / 25.4 * self.dpi).round() as usize
    }

    fn mm(&self, px: usize) -> f64 {
        px as f64 * 25.4 / self.dpi
    }

    fn pixel(&self, x: usize, y: usize) -> (u8, u8, u8) {
        let i = 3 * (y * self.width + x);
        (self.rgb[i], self.rgb[i + 1], self.rgb[i + 2])
    }

    /// Rows (in mm) between `y0` and `y1` where at least `share` of the
    /// pixels from `x0` to `x1` pass `test`: horizontal rules.
    fn rows(
        &self,
        (x0, x1): (f64, f64),
        (y0, y1): (f64, f64),
        share: f64,
        test: impl Fn((u8, u8, u8)) -> bool,
    ) -> Vec<f64> {
        let (x0, x1) = (self.px(x0), self.px(x1).min(self.width));
        let (y0, y1) = (self.px(y0), self.px(y1).min(self.height));
        (y0..y1)
            .filter(|&y| {
                let hits = (x0..x1).filter(|&x| test(self.pixel(x, y))).count();
                hits as f64 >= share * (x1 - x0) as f64
            })
            .map(|y| self.mm(y))
            .collect()
    }
}

fn dark((r, g, b): (u8, u8, u8)) -> bool {
    r < 110 && g < 110 && b < 110
}

fn red((r, g, b): (u8, u8, u8)) -> bool {
    r > 170 && g < 110 && b < 110
}

/// An exported and rendered notice.
struct Rendered {
    name: String,
    pdf: PathBuf,
    document: String,
    pages: Vec<Page>,
    plan: Pagination,
    /// Whether the text holds Latin letters or punctuation (not only
    /// digits), whose widths depend on the fallback font.
    latin: bool,
}

fn render(notice: &Notice, name: &str) -> Rendered {
    render_with_fonts(notice, name, &[])
}

/// Renders with the file's fonts replaced (see
/// [`support::libreoffice_pdf_with_fonts`]); with replacements, the text
/// counts as having the standard metrics (no fallback-font widths).
fn render_with_fonts(notice: &Notice, name: &str, fonts: &[(&str, &str)]) -> Rendered {
    let dir = support::temp_dir(&format!("render-{name}"));
    let docx = dir.join(format!("{name}.docx"));
    let bytes = export_docx(notice, &DocumentMeta::at("2021-09-06T08:00:00Z")).unwrap();
    std::fs::write(&docx, &bytes).unwrap();
    let pdf = if fonts.is_empty() {
        support::libreoffice_pdf(&docx)
    } else {
        support::libreoffice_pdf_with_fonts(&docx, fonts)
    };
    // Keep the PDF beside the .docx: the converter's folder is reused.
    let kept = dir.join(format!("{name}.pdf"));
    std::fs::copy(&pdf, &kept).unwrap();
    let pages = measure(&kept);
    Rendered {
        name: name.to_owned(),
        pdf: kept,
        document: support::zip_part(&docx, "word/document.xml"),
        pages,
        plan: pagination::paginate(&compose::blocks(notice)),
        latin: fonts.is_empty()
            && compose::blocks(notice).iter().any(|b| {
                b.text()
                    .chars()
                    .any(|c| c.is_ascii_graphic() && !c.is_ascii_digit())
            }),
    }
}

/// Reports what was measured when a check fails.
fn describe(r: &Rendered) -> String {
    let mut out = format!(
        "{}: {} pages (estimate: body {} pages, {} twips on the last, 版记 {:?}, {} in all)\n",
        r.name,
        r.pages.len(),
        r.plan.body_pages,
        r.plan.last_page_used,
        r.plan.imprint,
        r.plan.total_pages()
    );
    for (i, page) in r.pages.iter().enumerate() {
        let lines = page.lines();
        out.push_str(&format!("  page {}: {} lines", i + 1, lines.len()));
        if let Some(last) = lines.last() {
            out.push_str(&format!(
                ", last at {:.1}-{:.1} mm: {}",
                last.y0,
                last.y1,
                last.text().chars().take(20).collect::<String>()
            ));
        }
        let footer: String = page
            .footer_words()
            .iter()
            .map(|w| w.text.as_str())
            .collect();
        out.push_str(&format!(", footer {footer:?}\n"));
    }
    out
}

/// The page number of a page as printed ("— 3 —"), with its words.
fn page_number(page: &Page) -> Option<(u32, f64, f64)> {
    let words = page.footer_words();
    let text: String = words.iter().map(|w| w.text.as_str()).collect();
    let digits = text.strip_prefix('—')?.strip_suffix('—')?;
    let n = digits.trim().parse().ok()?;
    let x0 = words.iter().map(|w| w.x0).fold(f64::MAX, f64::min);
    let x1 = words.iter().map(|w| w.x1).fold(f64::MIN, f64::max);
    Some((n, x0, x1))
}

/// The checks every rendered notice passes.
fn check_page_geometry(r: &Rendered) {
    let info = describe(r);
    assert_eq!(
        r.pages.len() as u32,
        r.plan.total_pages(),
        "the estimate missed the page count\n{info}"
    );
    check_estimate(r);
    for (i, page) in r.pages.iter().enumerate() {
        // §5.2.1: A4.
        assert!((page.width - 210.0).abs() < 0.5 && (page.height - 297.0).abs() < 0.5);
        // §5.2.2: everything but the page number inside the text block
        // (no punctuation hangs in the margin).
        for word in page.body_words() {
            assert!(
                word.x0 >= LEFT - TOL && word.x1 <= RIGHT + TOL,
                "page {}: {:?} sticks out sideways ({:.1}-{:.1} mm)\n{info}",
                i + 1,
                word.text,
                word.x0,
                word.x1
            );
            assert!(
                word.y0 >= TOP - TOL && word.y1 <= BOTTOM + TOL,
                "page {}: {:?} sticks out vertically ({:.1}-{:.1} mm)\n{info}",
                i + 1,
                word.text,
                word.y0,
                word.y1
            );
        }
    }
}

/// The estimate (notice_core::pagination) against the rendering: where the
/// body's last line ends on its last page. The estimate gives Latin
/// letters and punctuation half an em, as the GB2312 fonts the file names
/// have them; LibreOffice here sets them in its fallback, DejaVu Sans,
/// narrower or wider, so a table cell holding "(农)" may wrap one line
/// shorter, and over a long table such lines add up to a row moving to
/// the next page. Text with no Latin but digits must match to half a line;
/// other text must end on the same page (checked with the page count),
/// however far down.
fn check_estimate(r: &Rendered) {
    let info = describe(r);
    let page = &r.pages[r.plan.body_pages as usize - 1];
    let imprint_top = match r.plan.imprint {
        ImprintPlacement::LastBodyPage => {
            BOTTOM - r.plan.imprint_height as f64 / 20.0 * MM_PER_PT - 1.0
        }
        _ => BOTTOM + 1.0,
    };
    let last = page
        .lines()
        .into_iter()
        .rfind(|l| l.y0 < imprint_top)
        .unwrap_or_else(|| panic!("the body's last page is empty\n{info}"));
    let estimated = TOP + r.plan.last_page_used as f64 / 20.0 * MM_PER_PT;
    println!(
        "{}: body ends at {:.1} mm on page {}, estimated {:.1} mm",
        r.name, last.y1, r.plan.body_pages, estimated
    );
    assert!(
        r.latin || (last.y1 - estimated).abs() < LINE_MM / 2.0,
        "the body ends at {:.1} mm, the estimate says {estimated:.1} mm\n{info}",
        last.y1
    );
}

/// §7.5: "— n —" under every body page, right on odd pages and left on
/// even ones with one character's space, the dash 7 mm below the block;
/// none on a blank page before the 版记 or on a 版记 page of its own.
fn check_page_numbers(r: &Rendered) {
    let info = describe(r);
    let numbered = r.plan.numbered_pages() as usize;
    for (i, page) in r.pages.iter().enumerate() {
        let n = i + 1;
        if n > numbered {
            assert!(
                page.footer_words().is_empty(),
                "page {n} (blank or 版记) carries a number\n{info}"
            );
            continue;
        }
        let (number, x0, x1) =
            page_number(page).unwrap_or_else(|| panic!("page {n} has no \"— n —\"\n{info}"));
        assert_eq!(number as usize, n, "{info}");
        if n <= 2 {
            println!(
                "{}: page {n} number \"— {number} —\" at {x0:.1}-{x1:.1} mm",
                r.name
            );
        }
        if n % 2 == 1 {
            assert!(
                (x1 - (RIGHT - SIHAO_MM)).abs() < TOL,
                "odd page {n}: number ends at {x1:.1} mm, not one character in from {RIGHT} mm"
            );
        } else {
            assert!(
                (x0 - (LEFT + SIHAO_MM)).abs() < TOL,
                "even page {n}: number starts at {x0:.1} mm, not one character in from {LEFT} mm"
            );
        }
    }
    // The dash's ink, on the first page: 7 mm below the block.
    let image = Image::of(&r.pdf, 1, 300);
    let (_, x0, x1) = page_number(&r.pages[0]).unwrap();
    let dash = (x0, x0 + SIHAO_MM * 0.8);
    let rows = image.rows(dash, (BOTTOM, BOTTOM + 15.0), 0.6, dark);
    assert!(
        !rows.is_empty(),
        "no dash found under page 1 ({x0:.1}-{x1:.1} mm)"
    );
    let top = rows[0];
    println!(
        "{}: page number dash {:.1} mm below the block",
        r.name,
        top - BOTTOM
    );
    assert!(
        (top - (BOTTOM + 7.0)).abs() < TOL,
        "the page number's dash is {:.1} mm below the block, not 7",
        top - BOTTOM
    );
}

/// §7.4: the 版记 at the foot of the last page, an even one, its last rule
/// on the bottom edge of the block.
fn check_imprint(r: &Rendered, first_words: &str) {
    let info = describe(r);
    let last = r.pages.len();
    assert_eq!(last % 2, 0, "the 版记 page {last} is odd\n{info}");
    let page = &r.pages[last - 1];
    assert!(
        page.text().contains(first_words),
        "the last page lacks {first_words}\n{info}"
    );
    if r.plan.imprint == ImprintPlacement::AfterBlankPage {
        assert!(
            r.pages[last - 2].words.is_empty(),
            "the page before the 版记 is not blank\n{info}"
        );
    }
    let image = Image::of(&r.pdf, last, 200);
    let rules = image.rows((LEFT + 2.0, RIGHT - 2.0), (TOP, BOTTOM + 5.0), 0.9, dark);
    let bottom = *rules
        .last()
        .unwrap_or_else(|| panic!("no rules on the 版记 page\n{info}"));
    println!(
        "{}: 版记 ({:?}) on page {last} of {last}, last rule at {bottom:.1} mm",
        r.name, r.plan.imprint
    );
    assert!(
        (bottom - BOTTOM).abs() < TOL,
        "the 版记's last rule is at {bottom:.1} mm, not on the block's bottom edge ({BOTTOM} mm)"
    );
    // The rules are the 版记's: its words stand between them.
    let words: Vec<&Word> = page.body_words().filter(|w| w.y0 > bottom - 30.0).collect();
    assert!(words.iter().any(|w| w.text.contains("印发")), "{info}");
}

fn sizes_pt(line: &Line) -> Vec<f64> {
    line.words
        .iter()
        .filter(|w| w.text.chars().count() >= 2 && w.text.chars().all(|c| !c.is_ascii()))
        .map(|w| (w.x1 - w.x0) / w.text.chars().count() as f64 / MM_PER_PT)
        .collect()
}

#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn full_body_pages_hold_22_lines_of_28_characters_in_the_text_block() {
    let r = render(&with_imprint(long_notice(30, 140)), "long");
    check_page_geometry(&r);
    check_page_numbers(&r);
    check_imprint(&r, "抄送");
    let info = describe(&r);
    // Page 2 is body text from top to bottom.
    let lines = r.pages[1].lines();
    assert_eq!(lines.len(), 22, "page 2 does not hold 22 lines\n{info}");
    let pitch = (lines[21].y0 - lines[0].y0) / 21.0;
    assert!(
        (pitch - LINE_MM).abs() < 0.05,
        "line pitch {pitch:.3} mm, not 579 twips ({LINE_MM:.3} mm)"
    );
    // The first line's glyphs start at the block's top, the last end at
    // its bottom.
    assert!(lines[0].y0 >= TOP - TOL && lines[0].y0 < TOP + LINE_MM);
    assert!(lines[21].y1 <= BOTTOM + TOL && lines[21].y1 > BOTTOM - LINE_MM);
    let mut full = 0;
    for line in &lines {
        let chars = line.text().chars().count();
        if line.x0() < LEFT + 1.0 && line.x1() > RIGHT - 2.0 {
            full += 1;
            assert_eq!(
                chars,
                28,
                "a full line holds {chars} characters: {}",
                line.text()
            );
            assert!((line.x0() - LEFT).abs() < TOL && (line.x1() - RIGHT).abs() < TOL);
        } else {
            assert!(chars <= 28, "{}", line.text());
        }
    }
    assert!(full >= 15, "only {full} full lines on page 2\n{info}");
    println!(
        "long: page 2 holds {} lines at a pitch of {pitch:.3} mm, first glyphs at {:.1} mm, last at {:.1} mm; {full} full lines of 28 characters from {:.1} to {:.1} mm",
        lines.len(),
        lines[0].y0,
        lines[21].y1,
        lines[1].x0(),
        lines[1].x1()
    );
    // Every page between the first and the last is full.
    for (i, page) in r.pages.iter().enumerate().skip(1) {
        if (i + 1) < r.plan.body_pages as usize {
            assert_eq!(page.lines().len(), 22, "page {}\n{info}", i + 1);
        }
    }
}

#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn the_red_header_title_and_body_have_their_sizes_and_places() {
    let r = render(&long_notice(3, 100), "header");
    check_page_geometry(&r);
    assert!(r.document.contains(r#"w:color w:val="FF0000""#));
    let page = &r.pages[0];
    let lines = page.lines();
    let find = |needle: &str| {
        lines
            .iter()
            .find(|l| l.text().contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle}\n{}", describe(&r)))
    };
    // §7.2.3: the 标志's top edge 35 mm below the block's top, in red.
    let organ = find("砀山县市场监督管理局");
    let image = Image::of(&r.pdf, 1, 300);
    let ink = image.rows((organ.x0(), organ.x1()), (organ.y0, organ.y1), 0.0001, red);
    assert!(!ink.is_empty(), "the 发文机关标志 is not red");
    assert!(
        (ink[0] - (TOP + 35.0)).abs() < TOL,
        "the 发文机关标志's top edge is {:.1} mm below the block",
        ink[0] - TOP
    );
    // §7.2.6: the red rule, as wide as the block, 4 mm under the 发文字号.
    let number = find("砀市监发");
    let glyphs = image.rows(
        (number.x0(), number.x1()),
        (number.y0, number.y1),
        0.0001,
        dark,
    );
    let rules = image.rows(
        (LEFT + 1.0, RIGHT - 1.0),
        (number.y1, number.y1 + 10.0),
        0.95,
        red,
    );
    assert!(!rules.is_empty(), "no red rule under the 发文字号");
    let gap = rules[0] - glyphs.last().unwrap();
    println!(
        "header: 标志 ink from {:.1} mm ({:.1} mm below the block's top); red rule {gap:.1} mm under the 发文字号, {:.2} mm thick",
        ink[0],
        ink[0] - TOP,
        rules.last().unwrap() - rules[0]
    );
    assert!(
        (gap - 4.0).abs() < TOL,
        "the red rule is {gap:.1} mm under the 发文字号"
    );
    let outside = image.rows(
        (LEFT - 3.0, LEFT - 0.5),
        (rules[0] - 0.2, rules[0] + 0.2),
        0.5,
        red,
    );
    assert!(outside.is_empty(), "the red rule reaches past the block");
    // §7.3.1: 标题 二号 (22 pt), §5.2.3: body 三号 (16 pt, condensed 0.25 pt).
    let title = find("关于开展");
    let title_size = sizes_pt(title);
    assert!(
        title_size.iter().all(|s| (s - 22.0).abs() < 0.5),
        "{title_size:?}"
    );
    let body = find("各股室");
    let body_size = sizes_pt(body);
    assert!(
        body_size.iter().all(|s| (s - 15.75).abs() < 0.5),
        "{body_size:?}"
    );
    // The glyph boxes scale with the size too.
    let ratio = title.y1 - title.y0;
    let body_height = body.y1 - body.y0;
    assert!(
        ((ratio / body_height) - 22.0 / 16.0).abs() < 0.08,
        "title {ratio:.2} mm tall, body {body_height:.2} mm"
    );
    // §7.3.1: two blank lines between the red rule and the title.
    println!(
        "header: title {title_size:?} pt a character, {ratio:.2} mm tall; body {body_size:?} pt, {body_height:.2} mm tall"
    );
    let gap_lines = (title.y0 - number.y0) / LINE_MM;
    assert!(
        (3.0..3.6).contains(&gap_lines),
        "{gap_lines:.2} lines from number to title"
    );
}

#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn the_city_sample_with_its_task_table_renders_to_the_standard() {
    for (notice, name) in [
        (fixture("city-plan-table.json"), "city"),
        (
            with_imprint(fixture("city-plan-table.json")),
            "city-imprint",
        ),
    ] {
        let r = render(&notice, name);
        check_page_geometry(&r);
        check_page_numbers(&r);
        if !notice.imprint.is_empty() {
            check_imprint(&r, "抄送");
        }
        let text: String = r.pages.iter().map(Page::text).collect();
        for expected in ["福鼎市市场监督管理局", "活动内容", "开展黄鱼无抗认"]
        {
            assert!(text.contains(expected), "{name}: no {expected}");
        }
    }
}

#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn the_county_sample_with_task_subsections_renders_to_the_standard() {
    for (notice, name) in [
        (fixture("county-plan-sections.json"), "county"),
        (
            with_imprint(fixture("county-plan-sections.json")),
            "county-imprint",
        ),
    ] {
        let r = render(&notice, name);
        check_page_geometry(&r);
        check_page_numbers(&r);
        if !notice.imprint.is_empty() {
            check_imprint(&r, "抄送");
        }
    }
}

#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn a_200_task_table_repeats_its_header_on_every_page() {
    let r = render(&with_imprint(table_notice(200)), "tasks-200");
    check_page_geometry(&r);
    check_page_numbers(&r);
    check_imprint(&r, "抄送");
    let info = describe(&r);
    let table_pages: Vec<usize> = (0..r.pages.len())
        .filter(|&i| r.pages[i].text().contains("质量提升专项行动"))
        .collect();
    assert!(table_pages.len() >= 5, "{info}");
    for &i in &table_pages {
        let lines = r.pages[i].lines();
        let head = lines
            .iter()
            .position(|l| l.text().contains("活动内容") && l.text().contains("活动时间"))
            .unwrap_or_else(|| panic!("page {} has no table header\n{info}", i + 1));
        // On every page but the first, the header is the page's first row.
        if i != table_pages[0] {
            assert!(
                lines[head].y0 < TOP + 12.0,
                "page {}: header at {:.1} mm",
                i + 1,
                lines[head].y0
            );
        }
    }
    let text: String = r.pages.iter().map(Page::text).collect();
    assert!(text.contains("开展第200项"), "{info}");
}

#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn the_imprint_lands_on_an_even_page_wherever_the_body_ends() {
    // Bodies ending at every kind of place: early and late on odd and
    // even pages, with and without room for the 版记.
    let mut seen = std::collections::BTreeSet::new();
    for paragraphs in [4, 10, 14, 17, 20, 24, 27] {
        let notice = with_imprint(long_notice(paragraphs, 112));
        let name = format!("imprint-{paragraphs}");
        let r = render(&notice, &name);
        check_page_geometry(&r);
        check_page_numbers(&r);
        check_imprint(&r, "抄送");
        seen.insert(format!("{:?}", r.plan.imprint));
    }
    assert_eq!(seen.len(), 3, "not every placement was exercised: {seen:?}");
}

/// §8: each attachment on a page of its own after the body: 附件N 三号黑体
/// flush left on line 1, its title 二号 centred on line 3, then its
/// content (here a numbered list and a ruled, full-width table whose header
/// repeats), page numbers continuing, the 版记 after them.
#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn attachments_stand_on_their_own_pages_with_label_title_and_content() {
    let notice = with_imprint(with_attachment_pages(long_notice(3, 100), 30));
    let r = render(&notice, "attachments");
    check_page_geometry(&r);
    check_page_numbers(&r);
    check_imprint(&r, "抄送");
    let info = describe(&r);
    let blocks = compose::blocks(&notice);
    let label_pages: Vec<u32> = blocks
        .iter()
        .zip(&r.plan.starts)
        .filter(|(b, _)| matches!(b, compose::Block::AttachmentLabel(_)))
        .map(|(_, at)| at.page)
        .collect();
    assert_eq!(label_pages.len(), 2, "{info}");
    let body_line = {
        let lines = r.pages[0].lines();
        let line = lines
            .iter()
            .find(|l| l.text().starts_with("质量强国"))
            .unwrap();
        line.y1 - line.y0
    };
    for (k, (label, title)) in [("附件1", "活动口号"), ("附件2", "信息报送表")]
        .into_iter()
        .enumerate()
    {
        let page = &r.pages[label_pages[k] as usize - 1];
        let lines = page.lines();
        // The estimate's page is the print's, and the label opens it.
        let first = &lines[0];
        assert_eq!(first.text(), label, "page {}\n{info}", label_pages[k]);
        assert!(
            (first.x0() - LEFT).abs() < TOL,
            "{label} starts at {:.1} mm, not flush left",
            first.x0()
        );
        assert!(
            first.y0 - TOP < LINE_MM,
            "{label} is not on line 1 ({:.1} mm)",
            first.y0 - TOP
        );
        let height = first.y1 - first.y0;
        assert!(
            (height / body_line - 1.0).abs() < 0.1,
            "{label} is {height:.2} mm tall, body text {body_line:.2} mm: not 三号"
        );
        // 黑体 is set on the label's run (the fonts LibreOffice finds here
        // are substitutes, so the face is checked in the file).
        let title_line = lines
            .iter()
            .find(|l| l.text().contains(title))
            .unwrap_or_else(|| panic!("no title {title}\n{info}"));
        let lines_down = (title_line.y0 - first.y0) / LINE_MM;
        let centre = (title_line.x0() + title_line.x1()) / 2.0;
        // 二号: glyphs 22/16 as tall as the body's (character widths would
        // count the quotes, set here in a Latin fallback).
        let size = (title_line.y1 - title_line.y0) / body_line * 16.0;
        println!(
            "attachments: {label} at {:.1} mm from the left, {:.1} mm below the block's top, {height:.2} mm tall; title {lines_down:.2} lines below it, centred at {centre:.1} mm, {size:.1} pt by its height",
            first.x0(),
            first.y0 - TOP
        );
        assert!(
            (1.6..2.3).contains(&lines_down),
            "the title is {lines_down:.2} lines below {label}, not on line 3"
        );
        assert!(
            (centre - (LEFT + 78.0)).abs() < TOL,
            "title centred at {centre:.1} mm"
        );
        assert!(
            (size - 22.0).abs() < 1.0,
            "the title is {size:.1} pt, not 二号"
        );
    }
    // The list, numbered, in the body's size and indent.
    let slogans = r.pages[label_pages[0] as usize - 1].lines();
    let item = slogans
        .iter()
        .find(|l| l.text().starts_with("1.建设质量强国"))
        .unwrap_or_else(|| panic!("no numbered slogan\n{info}"));
    assert!(
        (item.x0() - (LEFT + 2.0 * 16.0 * MM_PER_PT)).abs() < TOL,
        "the slogan starts at {:.1} mm, not two characters in",
        item.x0()
    );
    // The table: ruled across the whole block width, its top rule one
    // blank line under the title (line 5), header repeated on the next page.
    let page = label_pages[1] as usize;
    let image = Image::of(&r.pdf, page, 200);
    let rules = image.rows((LEFT + 0.3, RIGHT - 0.3), (TOP, BOTTOM + 1.0), 0.97, dark);
    assert!(rules.len() >= 10, "no table rules on page {page}\n{info}");
    let top_rule = rules[0];
    let expected = TOP + 4.0 * LINE_MM;
    println!(
        "attachments: table's top rule {:.1} mm below the block's top (line 5 starts at {:.1}), {} rule rows",
        top_rule - TOP,
        expected - TOP,
        rules.len()
    );
    assert!(
        (top_rule - expected).abs() < TOL,
        "the table starts at {top_rule:.1} mm, not at line 5 ({expected:.1} mm)"
    );
    let outside = image.rows(
        (LEFT - 4.0, LEFT - 0.6),
        (top_rule - 0.3, top_rule + 0.3),
        0.5,
        dark,
    );
    assert!(outside.is_empty(), "the table is wider than the block");
    let header = |p: usize| {
        r.pages[p - 1].lines().iter().position(|l| {
            ["序号", "单位", "联系人", "电话"]
                .iter()
                .all(|h| l.text().contains(h))
        })
    };
    assert!(header(page).is_some(), "{info}");
    let next = &r.pages[page];
    assert!(
        next.text().contains("市场监督管理所"),
        "the table does not continue\n{info}"
    );
    assert_eq!(
        header(page + 1),
        Some(0),
        "the header does not repeat\n{info}"
    );
    // Filled 序号 cells skip the blank rows: 30 rows, 20 with content.
    let text: String = r.pages.iter().map(Page::text).collect();
    assert!(text.contains("第29市场监督管理所"), "{info}");
    assert!(r.document.contains("附件2"));
}

/// The templates with attachments (slogans, 报送表, 回执, the 函's 反馈表):
/// the print has the estimate's pages and numbers, each attachment opens
/// its page with its label flush left on line 1 and its title below it,
/// and a form's 填报单位 line stands flush left above its ruled table, its
/// 注 under it.
#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn the_templates_attachments_stand_on_their_own_pages() {
    let mut rendered = 0;
    for template in templates::TEMPLATES {
        let mut notice = (template.notice)(2026);
        if notice.attachment_pages.is_empty() {
            continue;
        }
        notice.signature.date = DocDate::new(2026, 8, 20);
        notice.header.doc_number.serial = Some(8);
        let r = render(&notice, template.id);
        if notice.header.form == HeaderForm::Letter {
            // A letter's head stands above the text block and its page 1
            // has no number (§10.1; the letter's own test measures both):
            // here, the pages after it are numbered in order.
            check_estimate(&r);
            assert!(r.pages[0].footer_words().is_empty(), "{}", describe(&r));
            for (i, page) in r.pages.iter().enumerate().skip(1) {
                let number = page_number(page).map(|(n, _, _)| n as usize);
                assert_eq!(number, Some(i + 1), "{}", describe(&r));
            }
        } else {
            check_page_geometry(&r);
            check_page_numbers(&r);
        }
        let info = describe(&r);
        let blocks = compose::blocks(&notice);
        let labels: Vec<(String, u32)> = blocks
            .iter()
            .zip(&r.plan.starts)
            .filter_map(|(b, at)| match b {
                compose::Block::AttachmentLabel(l) => Some((l.clone(), at.page)),
                _ => None,
            })
            .collect();
        assert_eq!(labels.len(), notice.attachment_pages.len(), "{info}");
        for ((label, at), page) in labels.iter().zip(&notice.attachment_pages) {
            let lines = r.pages[*at as usize - 1].lines();
            let first = &lines[0];
            assert_eq!(first.text(), *label, "{}: page {at}\n{info}", template.id);
            assert!((first.x0() - LEFT).abs() < TOL && first.y0 - TOP < LINE_MM);
            let title = lines
                .iter()
                .position(|l| l.text().contains("质量月"))
                .unwrap_or_else(|| panic!("{}: no title for {label}\n{info}", template.id));
            let down = (lines[title].y0 - first.y0) / LINE_MM;
            assert!(
                (1.6..2.3).contains(&down),
                "{}: title {down:.2} lines down",
                template.id
            );
            if page.kind != AttachmentKind::Table {
                continue;
            }
            let image = Image::of(&r.pdf, *at as usize, 200);
            let rules = image.rows((LEFT + 0.3, RIGHT - 0.3), (TOP, BOTTOM + 1.0), 0.97, dark);
            assert!(
                rules.len() > page.rows.len(),
                "{}: {} rules",
                template.id,
                rules.len()
            );
            // Line 5, or one line lower for each line set above it.
            let expected = TOP + (4 + page.above.len()) as f64 * LINE_MM;
            assert!(
                (rules[0] - expected).abs() < TOL,
                "{}: the table starts at {:.1} mm, not {expected:.1} mm\n{info}",
                template.id,
                rules[0]
            );
            let header = lines
                .iter()
                .position(|l| l.text().starts_with("序号"))
                .unwrap_or_else(|| panic!("{}: no header row\n{info}", template.id));
            if let Some(above) = page.above.first() {
                let words: String = above.chars().take(4).collect();
                let line = lines
                    .iter()
                    .position(|l| l.text().starts_with(&words))
                    .unwrap_or_else(|| panic!("{}: no {words}\n{info}", template.id));
                assert!(
                    line > title && line < header,
                    "{}: {words} not above",
                    template.id
                );
                assert!(
                    (lines[line].x0() - LEFT).abs() < TOL,
                    "{words} not flush left"
                );
                assert!(lines[line].y1 <= rules[0] + 0.5, "{words} inside the table");
            }
            let note = lines
                .iter()
                .position(|l| l.text().starts_with("注："))
                .unwrap_or_else(|| panic!("{}: no 注\n{info}", template.id));
            assert!(
                lines[note].y0 >= rules[rules.len() - 1] - 0.5,
                "注 not under the table"
            );
            println!(
                "{}: {label} on page {at}, title {down:.2} lines down, {} rule rows, table top at {:.1} mm",
                template.id,
                rules.len(),
                rules[0] - TOP
            );
        }
        rendered += 1;
    }
    assert_eq!(rendered, 4);
}

/// Renders the notice for preprinted letterhead reserving `reserved`
/// twips (套打).
fn render_on_letterhead(notice: &Notice, name: &str, reserved: i32) -> Rendered {
    let dir = support::temp_dir(&format!("render-{name}"));
    let docx = dir.join(format!("{name}.docx"));
    let meta = DocumentMeta {
        letterhead: Some(reserved),
        ..DocumentMeta::at("2021-09-06T08:00:00Z")
    };
    std::fs::write(&docx, export_docx(notice, &meta).unwrap()).unwrap();
    let pdf = support::libreoffice_pdf(&docx);
    let kept = dir.join(format!("{name}.pdf"));
    std::fs::copy(&pdf, &kept).unwrap();
    let blocks = compose::on_letterhead(compose::compose(notice), reserved).blocks;
    Rendered {
        name: name.to_owned(),
        pages: measure(&kept),
        pdf: kept,
        document: support::zip_part(&docx, "word/document.xml"),
        plan: pagination::paginate(&blocks),
        latin: false,
    }
}

/// 套打: on preprinted letterhead nothing red is printed, no 标志, and the
/// 发文字号, the title and the body stand exactly where they stand under
/// the app's own printed 版头; a taller letterhead moves them down by the
/// difference.
#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn on_letterhead_the_body_starts_where_the_printed_header_ends() {
    let mut notice = long_notice(3, 100);
    notice.header.secrecy = "秘密★1年".into();
    let standard = render(&notice, "letterhead-standard");
    let own = pagination::header_height(&compose::blocks(&notice));
    let lines_of = |r: &Rendered| {
        let lines = r.pages[0].lines();
        let at = |needle: &str| {
            lines
                .iter()
                .find(|l| l.text().contains(needle))
                .map(|l| l.y0)
                .unwrap_or_else(|| panic!("{}: no {needle}\n{}", r.name, describe(r)))
        };
        [at("秘密"), at("砀市监发"), at("关于开展"), at("各股室")]
    };
    let expected = lines_of(&standard);
    for (extra_mm, name) in [(0.0, "letterhead"), (20.0, "letterhead-taller")] {
        let extra = (extra_mm / 25.4 * 1440.0_f64).round() as i32;
        let r = render_on_letterhead(&notice, name, own + extra);
        check_page_geometry(&r);
        check_page_numbers(&r);
        let info = describe(&r);
        assert!(
            !r.pages[0].text().contains("砀山县市场监督管理局"),
            "{info}"
        );
        assert!(
            !r.document.contains(r#"w:color w:val="FF0000""#),
            "red in the file"
        );
        let image = Image::of(&r.pdf, 1, 150);
        let red_rows = image.rows((0.0, 210.0), (0.0, 297.0), 0.002, red);
        assert!(
            red_rows.is_empty(),
            "{name}: red ink at {:?} mm",
            red_rows.first()
        );
        let found = lines_of(&r);
        println!(
            "{name} (reserving {:.1} mm): 密级, 发文字号, title, 主送 at {:?} mm; printed 版头 {:?} mm",
            (own + extra) as f64 / 1440.0 * 25.4,
            found.map(|y| (y * 10.0).round() / 10.0),
            expected.map(|y| (y * 10.0).round() / 10.0)
        );
        assert!(
            (found[0] - expected[0]).abs() < 0.3,
            "{name}: the 密级 moved"
        );
        for k in 1..4 {
            let moved = found[k] - expected[k];
            assert!(
                (moved - extra_mm).abs() < 0.3,
                "{name}: line {k} moved {moved:.2} mm, not {extra_mm} mm\n{info}"
            );
        }
    }
}

/// A notice with arbitrary text in every text field.
fn arbitrary_notice(seed: u64) -> Notice {
    let r = &mut Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let level =
        |r: &mut Random| [Level::Body, Level::Second, Level::Third, Level::Fourth][r.below(4)];
    let mut sections = Vec::new();
    for id in 1..=8u32 {
        let content = match r.below(8) {
            0 => SectionContent::Preamble {
                paragraphs: r.texts(3, 200),
            },
            1 => SectionContent::Text {
                blocks: (0..r.below(4))
                    .map(|_| TextBlock {
                        level: level(r),
                        text: r.text(120),
                    })
                    .collect(),
            },
            2 => SectionContent::Theme { theme: r.text(40) },
            3 => SectionContent::Time { text: r.text(40) },
            4 => SectionContent::Tasks { intro: r.text(80) },
            5 => SectionContent::ByDepartment {
                groups: (0..r.below(3))
                    .map(|_| DepartmentActivities {
                        department: r.text(20),
                        activities: r.texts(3, 60),
                    })
                    .collect(),
            },
            6 => SectionContent::Requirements {
                items: (0..r.below(3))
                    .map(|_| Requirement {
                        lead: r.text(20),
                        text: r.text(120),
                    })
                    .collect(),
            },
            _ => SectionContent::Summary(Summary {
                deadline: r.date(),
                what: r.text(30),
                to: r.text(30),
                extra: r.text(60),
            }),
        };
        sections.push(Section {
            id,
            heading: r.text(20),
            content,
        });
    }
    Notice {
        shape: if r.below(2) == 0 {
            NoticeShape::Direct
        } else {
            NoticeShape::IssuesPlan
        },
        campaign: Campaign {
            name: r.text(10),
            year: Some(2000 + r.below(50) as u16),
        },
        header: Header {
            organs: r.texts(3, 30),
            with_wenjian: r.below(2) == 0,
            copy_number: r.text(8),
            secrecy: r.text(10),
            urgency: r.text(4),
            doc_number: DocNumber {
                prefix: r.text(10),
                year: Some(2000 + r.below(50) as u16),
                serial: Some(r.below(1000) as u32),
            },
            signers: r.texts(2, 6),
            form: if r.below(3) == 0 {
                HeaderForm::Letter
            } else {
                HeaderForm::Standard
            },
        },
        title: Some(r.text(60)),
        recipients: r.texts(3, 30),
        cover_body: r.texts(3, 200),
        plan_title: Some(r.text(40)),
        sections,
        tasks: TaskList {
            layout: [
                TaskLayout::Table,
                TaskLayout::Subsections,
                TaskLayout::Items,
            ][r.below(3)],
            rows: (0..r.below(12))
                .map(|_| TaskRow {
                    name: r.text(30),
                    description: r.text(80),
                    time: r.text(10),
                    place: r.text(10),
                    lead: r.text(12),
                    support: r.texts(3, 12),
                })
                .collect(),
            lead_label: r.text(6),
            support_label: r.text(6),
        },
        contacts: (0..r.below(3))
            .map(|_| Contact {
                name: r.text(6),
                phone: r.text(14),
                email: r.text(20),
                fax: r.text(14),
            })
            .collect(),
        attachments: r.texts(3, 30),
        attachment_pages: Vec::new(),
        signature: Signature {
            organs: r.texts(3, 30),
            date: r.date(),
            sealed: r.below(2) == 0,
            proxy_note: r.text(6),
        },
        note: r.text(20),
        imprint: Imprint {
            cc: r.texts(4, 20),
            printer: r.text(20),
            print_date: r.date(),
        },
    }
}

/// Every part of a package, by name.
fn package_parts(bytes: &[u8]) -> Vec<(String, String)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            (entry.name().to_owned(), text)
        })
        .collect()
}

#[test]
fn arbitrary_text_in_every_field_still_gives_well_formed_parts() {
    let meta = DocumentMeta::at("2021-09-06T08:00:00Z");
    for seed in 0..200 {
        let notice = arbitrary_notice(seed);
        let bytes = export_docx(&notice, &meta).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        for (name, text) in package_parts(&bytes) {
            roxmltree::Document::parse(&text)
                .unwrap_or_else(|e| panic!("seed {seed}: {name} is not well-formed XML: {e}"));
        }
        let pages = pagination::paginate(&compose::blocks(&notice));
        assert!(pages.body_pages >= 1 && pages.total_pages() >= pages.body_pages);
    }
}

#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn libreoffice_opens_notices_full_of_arbitrary_text() {
    for seed in [1, 7, 42] {
        let notice = arbitrary_notice(seed);
        let r = render(&notice, &format!("arbitrary-{seed}"));
        assert!(!r.pages.is_empty(), "seed {seed}: no pages");
        assert!(
            r.pages.iter().any(|p| !p.words.is_empty()),
            "seed {seed}: LibreOffice rendered nothing"
        );
        // Whatever the text, every page number is where §7.5 puts it.
        for (i, page) in r.pages.iter().enumerate() {
            if let Some((n, _, _)) = page_number(page) {
                assert_eq!(n as usize, i + 1, "seed {seed}\n{}", describe(&r));
            }
        }
    }
}

/// A joint notice with every part: 份号, 密级, 紧急程度, two organs with
/// 文件, 签发人, headings of all four levels, a task table, 附件说明, an
/// unsealed signature, 附注 and the 版记.
fn every_part_notice() -> Notice {
    let mut notice = table_notice(12);
    notice.header = Header {
        organs: vec!["砀山县市场监督管理局".into(), "砀山县教育局".into()],
        with_wenjian: true,
        copy_number: "000123".into(),
        secrecy: "秘密★1年".into(),
        urgency: "特急".into(),
        doc_number: DocNumber {
            prefix: "砀市监联发".into(),
            year: Some(2021),
            serial: Some(3),
        },
        signers: vec!["张三".into(), "李四".into()],
        form: HeaderForm::Standard,
    };
    notice.sections.push(Section {
        id: 3,
        heading: "工作要求".into(),
        content: SectionContent::Text {
            blocks: vec![
                TextBlock {
                    level: Level::Second,
                    text: "加强组织领导".into(),
                },
                TextBlock {
                    level: Level::Body,
                    text: "各单位要高度重视，明确责任分工，确保各项任务落到实处。".repeat(3),
                },
                TextBlock {
                    level: Level::Third,
                    text: "细化工作方案".into(),
                },
                TextBlock {
                    level: Level::Fourth,
                    text: "按时报送材料".into(),
                },
            ],
        },
    });
    notice.attachments = vec![
        "砀山县2021年“质量月”活动安排表".into(),
        "活动总结报送格式".into(),
    ];
    notice.signature = Signature {
        organs: vec!["砀山县市场监督管理局".into(), "砀山县教育局".into()],
        date: DocDate::new(2021, 9, 6),
        sealed: false,
        proxy_note: String::new(),
    };
    notice.note = "此件公开发布".into();
    with_imprint(notice)
}

#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn a_joint_notice_with_every_part_renders_to_the_standard() {
    let r = render(&every_part_notice(), "every-part");
    check_page_geometry(&r);
    check_page_numbers(&r);
    check_imprint(&r, "抄送");
    let text: String = r.pages.iter().map(Page::text).collect();
    for expected in [
        "000123",
        "秘密★1年",
        "特急",
        "砀山县教育局",
        "文件",
        "签发人：",
        "附件：1.砀山县2021年“质量月”活动安排表",
        "（此件公开发布）",
    ] {
        assert!(text.contains(expected), "no {expected}\n{}", describe(&r));
    }
}

/// A realistic notice varied by `seed`: the two samples' own texts, cut,
/// recombined and re-laid (shape, task layout and count, 版记, seal).
fn varied_notice(seed: u64) -> Notice {
    let r = &mut Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let city = fixture("city-plan-table.json");
    let county = fixture("county-plan-sections.json");
    let mut notice = if r.below(2) == 0 {
        city.clone()
    } else {
        county.clone()
    };
    let cut = |r: &mut Random, text: &str| -> String {
        let chars: Vec<char> = text.chars().collect();
        let keep = chars.len() / 3 + r.below(chars.len() * 2 / 3 + 1);
        chars[..keep.min(chars.len())].iter().collect()
    };
    for section in &mut notice.sections {
        match &mut section.content {
            SectionContent::Preamble { paragraphs } => {
                for p in paragraphs.iter_mut() {
                    *p = cut(r, p);
                }
            }
            SectionContent::Requirements { items } => {
                items.truncate(1 + r.below(items.len().max(1)));
                for item in items.iter_mut() {
                    item.text = cut(r, &item.text);
                }
            }
            _ => {}
        }
    }
    notice.shape = if r.below(2) == 0 {
        NoticeShape::Direct
    } else {
        NoticeShape::IssuesPlan
    };
    let mut rows = city.tasks.rows.clone();
    rows.extend(county.tasks.rows.clone());
    notice.tasks.rows = (0..1 + r.below(40))
        .map(|_| rows[r.below(rows.len())].clone())
        .collect();
    notice.tasks.layout = [
        TaskLayout::Table,
        TaskLayout::Subsections,
        TaskLayout::Items,
    ][r.below(3)];
    notice.signature.sealed = r.below(2) == 0;
    if r.below(3) > 0 {
        notice = with_imprint(notice);
    }
    notice
}

#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn the_page_estimate_matches_libreoffice_on_varied_real_notices() {
    for seed in 0..12 {
        let notice = varied_notice(seed);
        let r = render(&notice, &format!("varied-{seed}"));
        check_page_geometry(&r);
        check_page_numbers(&r);
        if !notice.imprint.is_empty() {
            check_imprint(&r, "抄送");
        }
    }
}

#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn with_the_standard_fonts_metrics_the_estimate_is_exact_to_the_line() {
    // LibreOffice sets Latin text in DejaVu Sans when the GB2312 fonts are
    // missing; given their metrics instead, the estimate must hold to the
    // line even for the samples' half-width punctuation and digits.
    let mono = support::standard_metrics_font();
    let fonts: Vec<(&str, &str)> = [
        spec::FONT_BODY,
        spec::FONT_KAITI,
        spec::FONT_HEITI,
        spec::FONT_SONGTI,
        spec::FONT_TITLE,
    ]
    .into_iter()
    .map(|f| (f, mono))
    .collect();
    let mut notices = vec![
        (
            with_imprint(fixture("city-plan-table.json")),
            "metrics-city".to_owned(),
        ),
        (
            with_imprint(fixture("county-plan-sections.json")),
            "metrics-county".to_owned(),
        ),
    ];
    for seed in [4, 12, 14, 19, 28, 29, 36, 37, 40, 41, 42, 47, 55] {
        notices.push((varied_notice(seed), format!("metrics-varied-{seed}")));
    }
    for (notice, name) in &notices {
        let r = render_with_fonts(notice, name, &fonts);
        check_page_geometry(&r);
        check_page_numbers(&r);
        if !notice.imprint.is_empty() {
            check_imprint(&r, "抄送");
        }
    }
}

/// A notice in the 信函格式 (§10.1), with 份号 and 紧急程度.
fn letter_notice(paragraphs: usize, chars: usize) -> Notice {
    let mut notice = with_imprint(long_notice(paragraphs, chars));
    notice.header.form = HeaderForm::Letter;
    notice.header.copy_number = "000123".into();
    notice.header.urgency = "特急".into();
    notice.header.doc_number.prefix = "砀市监函".into();
    notice
}

/// Runs of rows (mm, top and bottom edges) where red ink crosses at least
/// 90 % of the 170 mm the double lines take.
fn red_lines(image: &Image, (y0, y1): (f64, f64)) -> Vec<(f64, f64)> {
    let centre = LEFT + 78.0;
    let rows = image.rows((centre - 80.0, centre + 80.0), (y0, y1), 0.9, red);
    let step = 25.4 / image.dpi;
    let mut runs: Vec<(f64, f64)> = Vec::new();
    for y in rows {
        match runs.last_mut() {
            Some(run) if y - run.1 < step * 1.5 => run.1 = y,
            _ => runs.push((y, y)),
        }
    }
    runs.into_iter().map(|(a, b)| (a, b + step)).collect()
}

/// Where red ink starts and ends on one row (mm).
fn red_extent(image: &Image, y: f64) -> (f64, f64) {
    let row = image.px(y);
    let xs: Vec<usize> = (0..image.width)
        .filter(|&x| red(image.pixel(x, row)))
        .collect();
    (image.mm(xs[0]), image.mm(*xs.last().unwrap() + 1))
}

/// §10.1, the 信函格式: the organ's name 30 mm from the paper's top; 4 mm
/// under it a red double line, thick over thin, and 20 mm above the
/// paper's bottom another, thin over thick, both 170 mm and centred; the
/// 份号 and 紧急程度 flush left and the 发文字号 flush right, 7/8 of a 三号
/// character under the first line; the title two lines below; no number
/// on page 1, a number from page 2; the 版记 with 抄送 only, no rules, at
/// the foot of the last page; as many pages as the preview shows.
#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn a_letter_has_its_head_double_lines_and_numbers_where_the_standard_puts_them() {
    let notice = letter_notice(6, 160);
    let r = render(&notice, "letter");
    let info = describe(&r);
    let preview = notice_core::pages::pages(&compose::compose(&notice));
    assert_eq!(r.pages.len(), preview.len(), "the preview's pages\n{info}");
    assert_eq!(r.pages.len() as u32, r.plan.total_pages(), "{info}");
    assert!(r.pages.len() >= 2, "{info}");
    check_estimate(&r);
    let image = Image::of(&r.pdf, 1, 300);
    let page = &r.pages[0];
    let lines = page.lines();
    let find = |needle: &str| {
        lines
            .iter()
            .find(|l| l.text().contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle}\n{info}"))
    };
    // The double lines: two under the 标志, two at the paper's foot.
    let upper = red_lines(&image, (35.0, 70.0));
    let lower = red_lines(&image, (250.0, 297.0));
    println!("letter: double lines at {upper:.2?} and {lower:.2?} mm");
    assert_eq!(upper.len(), 2, "{upper:?}\n{info}");
    assert_eq!(lower.len(), 2, "{lower:?}\n{info}");
    let thickness = |run: &(f64, f64)| run.1 - run.0;
    assert!(
        thickness(&upper[0]) > thickness(&upper[1]) * 1.5,
        "the first double line is not thick over thin: {upper:?}"
    );
    assert!(
        thickness(&lower[1]) > thickness(&lower[0]) * 1.5,
        "the second double line is not thin over thick: {lower:?}"
    );
    for run in upper.iter().chain(&lower) {
        let (x0, x1) = red_extent(&image, (run.0 + run.1) / 2.0);
        println!("letter: line at {:.2} mm from {x0:.1} to {x1:.1} mm", run.0);
        assert!(
            (x1 - x0 - 170.0).abs() < TOL,
            "a double line is {:.1} mm long",
            x1 - x0
        );
        let centre = (x0 + x1) / 2.0;
        assert!(
            (centre - (LEFT + 78.0)).abs() < TOL,
            "a double line is centred at {centre:.1} mm"
        );
    }
    let foot = lower[1].1;
    assert!(
        (297.0 - foot - 20.0).abs() < TOL,
        "the second double line is {:.1} mm above the paper's foot",
        297.0 - foot
    );
    // The 标志: red, its top edge 30 mm below the paper's top, 4 mm above
    // the first double line.
    let organ = find("砀山县市场监督管理局");
    let ink = image.rows(
        (organ.x0(), organ.x1()),
        (20.0, upper[0].0 - 0.3),
        0.0001,
        red,
    );
    assert!(!ink.is_empty(), "the 标志 is not red\n{info}");
    let (ink_top, ink_foot) = (ink[0], *ink.last().unwrap() + 25.4 / 300.0);
    println!(
        "letter: 标志 ink {ink_top:.2}-{ink_foot:.2} mm, first double line {:.2} mm under it",
        upper[0].0 - ink_foot
    );
    assert!(
        (ink_top - 30.0).abs() < TOL,
        "the 标志's top edge is at {ink_top:.1} mm"
    );
    assert!(
        (upper[0].0 - ink_foot - 4.0).abs() < TOL,
        "the double line is {:.1} mm under the 标志",
        upper[0].0 - ink_foot
    );
    // Under the line: the 份号 flush left, the 发文字号 flush right on the
    // same line, the characters 7/8 of a 三号 height (4.94 mm) under it;
    // the 紧急程度 on the next line, flush left.
    let seven_eighths = 16.0 * 7.0 / 8.0 * MM_PER_PT;
    let first = find("000123");
    assert!(first.text().contains("砀市监函"), "{info}");
    assert!(
        (first.x0() - LEFT).abs() < TOL,
        "the 份号 starts at {:.1} mm",
        first.x0()
    );
    assert!(
        (first.x1() - RIGHT).abs() < TOL,
        "the 发文字号 ends at {:.1} mm",
        first.x1()
    );
    let number = first
        .words
        .iter()
        .find(|w| w.text.contains("砀市监函"))
        .unwrap();
    let glyphs = image.rows((number.x0, number.x1), (number.y0, number.y1), 0.0001, dark);
    let below = glyphs[0] - upper[1].1;
    println!(
        "letter: 份号 from {:.1} mm, 发文字号 to {:.1} mm, its characters {below:.2} mm under the double line (7/8 三号 = {seven_eighths:.2})",
        first.x0(),
        first.x1()
    );
    assert!(
        (below - seven_eighths).abs() < TOL,
        "the 发文字号 is {below:.2} mm under the double line"
    );
    let urgent = find("特急");
    assert!((urgent.x0() - LEFT).abs() < TOL);
    assert!(((urgent.y0 - first.y0) / LINE_MM - 1.0).abs() < 0.1);
    // §10.1: the title two lines below the last of them: two blank lines,
    // three line pitches from line to line (the 二号 title's glyph box
    // stands about 0.2 of a line higher in its line than a 三号 one's;
    // one blank line more or less is a pitch off).
    let title = find("关于开展");
    let gap_lines = (title.y0 - urgent.y0) / LINE_MM;
    println!("letter: title {gap_lines:.2} lines below the 紧急程度");
    assert!(
        (2.6..3.2).contains(&gap_lines),
        "{gap_lines:.2} lines from the 紧急程度 to the title"
    );
    // Everything else on page 1 stands in the text block, under the line.
    for word in page.body_words().filter(|w| w.y0 > upper[1].1) {
        assert!(
            word.x0 >= LEFT - TOL && word.x1 <= RIGHT + TOL && word.y1 <= BOTTOM + TOL,
            "{word:?}\n{info}"
        );
    }
    // No number on page 1; "— 2 —" on page 2, left, 7 mm under the block.
    assert!(
        page.footer_words().is_empty(),
        "page 1 carries a number\n{info}"
    );
    let (n, x0, _) =
        page_number(&r.pages[1]).unwrap_or_else(|| panic!("no number on page 2\n{info}"));
    assert_eq!(n, 2);
    assert!((x0 - (LEFT + SIHAO_MM)).abs() < TOL, "{x0:.1}");
    let second = Image::of(&r.pdf, 2, 300);
    let rows = second.rows(
        (x0, x0 + SIHAO_MM * 0.8),
        (BOTTOM, BOTTOM + 15.0),
        0.6,
        dark,
    );
    let dash = rows[0] - BOTTOM;
    println!("letter: page 2 number \"— 2 —\" from {x0:.1} mm, dash {dash:.1} mm below the block");
    assert!(
        (dash - 7.0).abs() < TOL,
        "the dash is {dash:.1} mm under the block"
    );
    for (i, p) in r.pages.iter().enumerate().skip(1) {
        let (number, _, _) =
            page_number(p).unwrap_or_else(|| panic!("page {} unnumbered\n{info}", i + 1));
        assert_eq!(number as usize, i + 1);
    }
    // Only page 1 has the double lines.
    assert!(
        red_lines(&second, (0.0, 297.0)).is_empty(),
        "red lines on page 2"
    );
    // The 版记: 抄送 only, no rules, its line at the foot of the block.
    let last = r.pages.last().unwrap();
    let cc = last
        .lines()
        .into_iter()
        .find(|l| l.text().contains("抄送"))
        .unwrap_or_else(|| panic!("no 抄送 on the last page\n{info}"));
    assert!(!last.text().contains("印发"), "{info}");
    println!(
        "letter: 抄送 line {:.1}-{:.1} mm on page {} of {}",
        cc.y0,
        cc.y1,
        r.pages.len(),
        r.pages.len()
    );
    assert!(cc.y1 <= BOTTOM + TOL && cc.y1 > BOTTOM - LINE_MM, "{info}");
    let image = Image::of(&r.pdf, r.pages.len(), 200);
    let rules = image.rows((LEFT + 2.0, RIGHT - 2.0), (TOP, BOTTOM + 5.0), 0.9, dark);
    assert!(
        rules.is_empty(),
        "rules on the 版记 page at {:?}",
        rules.first()
    );
}

/// The preview shows as many pages as LibreOffice prints for letters of
/// every length, with and without a 版记 and marks.
#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn a_letters_pages_are_the_previews() {
    let mut letters = Vec::new();
    for (paragraphs, chars, imprint, marks) in [
        (1, 80, true, true),
        (4, 150, false, true),
        (7, 200, true, false),
        (12, 180, true, true),
        (13, 150, true, true),
    ] {
        let mut notice = letter_notice(paragraphs, chars);
        if !imprint {
            notice.imprint = Imprint::default();
        }
        if !marks {
            notice.header.copy_number.clear();
            notice.header.urgency.clear();
        }
        letters.push((format!("letter-{paragraphs}x{chars}"), notice));
    }
    // And one whose 抄送 does not fit under its last line: on a page of
    // its own, numbered, in the one section.
    let next_page = (100..400)
        .map(|chars| letter_notice(5, chars))
        .find(|n| pagination::paginate(&compose::blocks(n)).imprint == ImprintPlacement::NextPage)
        .expect("a letter whose 版记 takes the next page");
    letters.push(("letter-next-page".into(), next_page));
    for (name, notice) in letters {
        let r = render(&notice, &name);
        let preview = notice_core::pages::pages(&compose::compose(&notice)).len();
        println!(
            "{name}: LibreOffice {} pages, preview {preview} (版记 {:?})",
            r.pages.len(),
            r.plan.imprint
        );
        assert_eq!(r.pages.len(), preview, "{}", describe(&r));
        check_estimate(&r);
        if !notice.imprint.is_empty() {
            let last = r.pages.last().unwrap();
            assert!(last.text().contains("抄送"), "{}", describe(&r));
            assert_eq!(
                page_number(last).map(|n| n.0 as usize),
                Some(r.pages.len()).filter(|&n| n > 1),
                "{}",
                describe(&r)
            );
        }
    }
}
