//! The preview's pages (every line, table row and rule where the core's
//! layout puts it) as sheets of positioned glyphs and strokes: the same
//! page breaks, line breaks and positions as the preview and the .docx.

use super::sheet::{Element, Face, Glyphs, Sheet, Stroke};
use notice_core::compose::Face as LayoutFace;
use notice_core::gbt9704 as spec;
use notice_core::pages::{self, Align, Draw, TextLine};
use notice_core::pagination;
use notice_core::{Field, Notice};

/// Millimetres in a twip.
const MM_PER_TWIP: f64 = 25.4 / 1440.0;

fn mm(twips: f64) -> f64 {
    twips * MM_PER_TWIP
}

/// Where the baseline of a line sits in its line box `line_height` twips
/// tall, from the box's top: at the share of the box that the font's
/// ascent has of its ascent and descent, as LibreOffice sets exactly spaced
/// lines (measured here: 1.16 and 0.288 em for the CJK fonts that stand in
/// for the standard's, within 0.05 mm of its PDF for 三号, 二号 and 小初).
fn baseline_in(line_height: i32) -> f64 {
    line_height as f64 * 1.16 / (1.16 + 0.288)
}

/// Every page of the notice, as the preview draws it.
pub fn sheets(notice: &Notice) -> Vec<Sheet> {
    let pages = pages::pages(&notice_core::compose::compose(notice));
    pages.iter().map(sheet).collect()
}

fn face(font: LayoutFace) -> Face {
    match font {
        LayoutFace::Title => Face::Title,
        LayoutFace::Body => Face::Body,
        LayoutFace::Hei => Face::Hei,
        LayoutFace::Kai => Face::Kai,
        LayoutFace::Song => Face::Song,
    }
}

/// The element an item of the preview shows, by the field it comes from.
fn element_of(field: Field) -> Element {
    match field {
        Field::CopyNumber => Element::CopyNumber,
        Field::Secrecy => Element::Secrecy,
        Field::Urgency => Element::Urgency,
        Field::Organs | Field::WithWenjian => Element::OrganMark,
        Field::DocNumber => Element::DocNumber,
        Field::Signers => Element::Signer,
        Field::Title => Element::Title,
        Field::Recipients => Element::Recipients,
        Field::Attachments => Element::Attachments,
        Field::SignatureOrgans | Field::ProxyNote | Field::Sealed => Element::Signature,
        Field::SignatureDate => Element::Date,
        Field::Note => Element::Note,
        Field::PlanTitle => Element::AttachedPlan,
        Field::ImprintCc => Element::Cc,
        Field::ImprintPrinter => Element::Printer,
        Field::ImprintDate => Element::PrintDate,
        _ => Element::Body,
    }
}

fn sheet(page: &pages::Page) -> Sheet {
    let mut out = Sheet::default();
    let left = spec::MARGIN_LEFT as f64;
    let top = spec::MARGIN_TOP as f64;
    let width = spec::TEXT_WIDTH as f64;
    // The signature's last line on the page is its date.
    let last_signature = page
        .items
        .iter()
        .rposition(|i| i.field == Field::SignatureOrgans);
    for (index, item) in page.items.iter().enumerate() {
        let y = top + item.top as f64;
        let mut element = element_of(item.field);
        if element == Element::Signature && Some(index) == last_signature {
            element = Element::Date;
        }
        match &item.draw {
            // 套打: the printed letterhead's place stays blank, as in the
            // .docx.
            Draw::Reserved => {}
            // A line of a letter's double lines (§10.1), filling its item.
            Draw::Rule { left: x, width: w } => {
                let h = item.height as f64;
                let x0 = left + *x as f64;
                let ry = y + h / 2.0;
                out.strokes
                    .push(stroke(x0, ry, x0 + *w as f64, ry, h, true));
            }
            Draw::Text {
                line,
                line_height,
                rule,
            } => {
                let baseline = y + baseline_in(*line_height);
                place(&mut out, line, left, baseline, element);
                if *rule {
                    // The border of the 发文字号's paragraph (§7.2.6), drawn
                    // inside the foot of its box as the preview draws it.
                    let w = spec::RED_RULE_SIZE as f64 * 20.0 / 8.0;
                    let ry = y + item.height as f64 - w / 2.0;
                    out.strokes
                        .push(stroke(left, ry, left + width, ry, w, true));
                }
            }
            Draw::MarkTable {
                organs,
                suffix,
                size,
                suffix_width,
                line_height,
            } => {
                let names = spec::TEXT_WIDTH as i32 - suffix_width;
                for (k, organ) in organs.iter().enumerate() {
                    let line = plain(
                        organ,
                        LayoutFace::Title,
                        *size,
                        0,
                        names,
                        Align::Justify,
                        true,
                    );
                    let baseline = y + (k as i32 * line_height) as f64 + baseline_in(*line_height);
                    place(&mut out, &line, left, baseline, Element::OrganMark);
                }
                let mut line = plain(
                    suffix,
                    LayoutFace::Title,
                    *size,
                    names,
                    *suffix_width,
                    Align::Right,
                    true,
                );
                line.left = names;
                let box_top = y + (item.height - line_height) as f64 / 2.0;
                let baseline = box_top + baseline_in(*line_height);
                place(&mut out, &line, left, baseline, Element::OrganMark);
            }
            Draw::Row { bottom, cells, .. } => {
                // The grid: quarter-point rules (practice for the task
                // table; the standard fixes none).
                let w = 5.0;
                let h = item.height as f64;
                let black = |x0, y0, x1, y1| stroke(x0, y0, x1, y1, w, false);
                out.strokes
                    .push(black(left, y + w / 2.0, left + width, y + w / 2.0));
                if *bottom {
                    out.strokes
                        .push(black(left, y + h - w / 2.0, left + width, y + h - w / 2.0));
                }
                out.strokes
                    .push(black(left + w / 2.0, y, left + w / 2.0, y + h));
                out.strokes.push(black(
                    left + width - w / 2.0,
                    y,
                    left + width - w / 2.0,
                    y + h,
                ));
                for cell in cells {
                    let x = left + cell.left as f64;
                    if cell.left > 0 {
                        out.strokes.push(black(x + w / 2.0, y, x + w / 2.0, y + h));
                    }
                    for (k, line) in cell.lines.iter().enumerate() {
                        let line_top =
                            y + (cell.offset + k as i32 * spec::CELL_LINE_SPACING) as f64;
                        let baseline = line_top + baseline_in(spec::CELL_LINE_SPACING);
                        place(&mut out, line, x, baseline, element);
                    }
                }
            }
            Draw::Imprint { rows, thick, thin } => {
                let rule = |eighths: usize| eighths as f64 * 20.0 / 8.0;
                // A letter's 版记 has none (§10.1).
                let ruled = *thick > 0;
                // A rule of width `w` whose top edge is at `top`.
                let rule_at = |top: f64, w: f64| {
                    ruled
                        .then(|| stroke(left, top + w / 2.0, left + width, top + w / 2.0, w, false))
                };
                let mut cursor = y;
                for (i, row) in rows.iter().enumerate() {
                    let w = rule(if i == 0 { *thick } else { *thin });
                    out.strokes.extend(rule_at(cursor, w));
                    cursor += w;
                    let element = element_of(row.field);
                    for (offset, line) in &row.lines {
                        let baseline =
                            cursor + *offset as f64 + baseline_in(spec::BODY_LINE_SPACING);
                        // The printer's row: the organ left, the date right.
                        let element = if element == Element::Printer && line.align == Align::Right {
                            Element::PrintDate
                        } else {
                            element
                        };
                        place(&mut out, line, left, baseline, element);
                    }
                    cursor += row.height as f64;
                }
                out.strokes.extend(rule_at(cursor, rule(*thick)));
            }
        }
    }
    if let Some(number) = page.number {
        // §7.5: 四号 宋体 numerals between em dashes, 7 mm under the text
        // block, odd pages right and even pages left, one character in.
        let odd = page.index % 2 == 1;
        let indent = spec::PAGE_NUMBER_INDENT;
        let text = format!("— {number} —");
        let line = plain(
            &text,
            LayoutFace::Song,
            spec::SIZE_PAGE_NUMBER,
            if odd { 0 } else { indent },
            spec::TEXT_WIDTH as i32 - indent,
            if odd { Align::Right } else { Align::Left },
            false,
        );
        let line_top =
            (spec::PAGE_HEIGHT - spec::FOOTER_DISTANCE) as f64 - spec::PAGE_NUMBER_LINE as f64;
        let baseline = line_top + baseline_in(spec::PAGE_NUMBER_LINE);
        place(&mut out, &line, left, baseline, Element::PageNumber);
    }
    // Twips to millimetres, once.
    for g in &mut out.glyphs {
        g.x = mm(g.x);
        g.baseline = mm(g.baseline);
        g.size = mm(g.size);
        for a in &mut g.advances {
            *a = mm(*a);
        }
    }
    for s in &mut out.strokes {
        s.from = (mm(s.from.0), mm(s.from.1));
        s.to = (mm(s.to.0), mm(s.to.1));
        s.width = mm(s.width);
    }
    out
}

fn stroke(x0: f64, y0: f64, x1: f64, y1: f64, width: f64, red: bool) -> Stroke {
    Stroke {
        from: (x0, y0),
        to: (x1, y1),
        width,
        red,
    }
}

/// A line of one text in one font, outside the preview's blocks (the
/// joint 标志's names, the page number).
fn plain(
    text: &str,
    font: LayoutFace,
    size: usize,
    left: i32,
    width: i32,
    align: Align,
    red: bool,
) -> TextLine {
    let mut runs = Vec::new();
    let mut previous: Option<char> = None;
    for c in text.chars() {
        let gap = previous.map_or(0, |p| pagination::space_between(p, c, size, 0));
        match runs.last_mut() {
            Some(pages::Run { text, .. }) if gap == 0 => text.push(c),
            _ => runs.push(pages::Run {
                text: c.to_string(),
                font,
                gap,
            }),
        }
        previous = Some(c);
    }
    TextLine {
        left,
        width,
        align,
        size,
        spacing: 0,
        red,
        split: None,
        runs,
    }
}

/// Whether the justification may add space between `a` and `b`: between
/// any two characters but inside a Latin word or number.
fn stretchable(a: char, b: char) -> bool {
    let narrow = |c: char| pagination::char_width(c, 2, 0) == 10 && !c.is_whitespace();
    !(narrow(a) && narrow(b))
}

/// One glyph of a line: where it starts (twips from the line's start),
/// its character and font.
struct Placed {
    x: f64,
    c: char,
    font: LayoutFace,
}

/// The glyphs of `runs` from 0, each advancing by its width and the
/// layout's space before the next run.
fn lay(runs: &[pages::Run], size: usize, spacing: i32) -> (Vec<Placed>, f64) {
    let mut out = Vec::new();
    let mut x = 0.0;
    for (k, run) in runs.iter().enumerate() {
        if k > 0 {
            x += run.gap as f64;
        }
        for c in run.text.chars() {
            out.push(Placed {
                x,
                c,
                font: run.font,
            });
            x += pagination::char_width(c, size, spacing) as f64;
        }
    }
    (out, x)
}

/// Puts a line's glyphs on the sheet: `origin` is the x of its container
/// (text block or cell), in twips from the page's left edge.
fn place(out: &mut Sheet, line: &TextLine, origin: f64, baseline: f64, element: Element) {
    let start = origin + line.left as f64;
    let available = line.width as f64;
    let mut placed: Vec<Placed> = Vec::new();
    let mut hscale = 1.0;
    let mut signer_from = usize::MAX;
    if let Some(at) = line.split {
        // The 发文字号 at the left, 签发人 at the right.
        let at = at.min(line.runs.len());
        let (left, _) = lay(&line.runs[..at], line.size, line.spacing);
        let (right, right_width) = lay(&line.runs[at..], line.size, line.spacing);
        placed.extend(left);
        signer_from = placed.len();
        let shift = available - right_width;
        placed.extend(right.into_iter().map(|p| Placed {
            x: p.x + shift,
            ..p
        }));
    } else {
        let (glyphs, natural) = lay(&line.runs, line.size, line.spacing);
        placed = glyphs;
        let shift = match line.align {
            Align::Left | Align::Justify => 0.0,
            Align::Center => (available - natural) / 2.0,
            Align::Right => available - natural,
        };
        if natural > available + 0.5 {
            // Wider than its room: condensed to fit (the layout breaks
            // lines so that this happens to a long unbroken word only).
            hscale = available / natural;
            for p in &mut placed {
                p.x *= hscale;
            }
        } else if line.align == Align::Justify && placed.len() > 1 {
            let extra = available - natural;
            let slots = placed
                .windows(2)
                .filter(|w| stretchable(w[0].c, w[1].c))
                .count();
            if slots > 0 && extra > 0.0 {
                let each = extra / slots as f64;
                let mut added = 0.0;
                for k in 1..placed.len() {
                    if stretchable(placed[k - 1].c, placed[k].c) {
                        added += each;
                    }
                    placed[k].x += added;
                }
            }
        } else {
            for p in &mut placed {
                p.x += shift;
            }
        }
    }
    // One run of glyphs per font.
    let size = line.size as f64 * 10.0;
    let mut k = 0;
    while k < placed.len() {
        let font = placed[k].font;
        let mut end = k + 1;
        while end < placed.len() && placed[end].font == font && end != signer_from {
            end += 1;
        }
        let run = &placed[k..end];
        let element = if k >= signer_from && element == Element::DocNumber {
            Element::Signer
        } else {
            element
        };
        if run.iter().any(|p| !p.c.is_whitespace()) {
            out.glyphs.push(Glyphs {
                face: face(font),
                size,
                x: start + run[0].x,
                baseline,
                text: run.iter().map(|p| p.c).collect(),
                advances: run.windows(2).map(|w| w[1].x - w[0].x).collect(),
                red: line.red,
                hscale,
                element,
            });
        }
        k = end;
    }
}
