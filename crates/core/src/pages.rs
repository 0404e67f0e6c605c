//! The pages as the preview draws them, as plain data: every line, table row and rule of
//! every page, in twips, where the core's layout ([`pagination::lay_out`],
//! the walk whose decisions the .docx writer also follows) puts it, with
//! the line breaks of [`pagination::break_lines`]. The component only turns
//! these into elements; nothing here is measured by the browser, so the
//! preview breaks lines and pages where the export's estimate does.

use crate::compose::{self, Block, Composition, Face, Indent, Source, Span};
use crate::gbt9704 as spec;
use crate::pagination::{self, ImprintPlacement, PieceKind, BODY_CHAR};
use crate::Field;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// Twips of the text block's width.
const WIDTH: i32 = spec::TEXT_WIDTH as i32;

/// How a line sits in its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Align {
    Left,
    Center,
    Right,
    /// Spread to the full width (a justified paragraph's lines but its last).
    Justify,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Run {
    pub text: String,
    pub font: Face,
    /// Twips of space before the run: the automatic space between
    /// ideographs and Latin letters or digits that the layout counts
    /// ([`pagination::space_between`]).
    pub gap: i32,
}

/// Runs of text in their fonts, cut where the layout puts space between
/// two characters.
fn runs(pieces: &[(&str, Face)], size: usize, spacing: i32) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut previous: Option<char> = None;
    for &(text, font) in pieces {
        for c in text.chars() {
            let gap = previous.map_or(0, |p| pagination::space_between(p, c, size, spacing));
            match out.last_mut() {
                Some(run) if run.font == font && gap == 0 => run.text.push(c),
                _ => out.push(Run {
                    text: c.to_string(),
                    font,
                    gap,
                }),
            }
            previous = Some(c);
        }
    }
    out
}

/// One line of text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TextLine {
    /// Twips from the left edge of the text block (or of the table cell).
    pub left: i32,
    /// Twips the line may fill.
    pub width: i32,
    pub align: Align,
    /// Half-points.
    pub size: usize,
    /// Character spacing, twips.
    pub spacing: i32,
    pub red: bool,
    /// The 发文字号 with 签发人: the runs before this index at the left,
    /// the others at the right (the writer's tab stop).
    pub split: Option<usize>,
    pub runs: Vec<Run>,
}

impl TextLine {
    #[cfg(test)]
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A task-table cell's part of a row.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cell {
    /// Twips from the table's left edge.
    pub left: i32,
    pub width: i32,
    /// Twips from the row's top to the first line (cells are centred
    /// vertically).
    pub offset: i32,
    pub lines: Vec<TextLine>,
}

/// One row of the 版记.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImprintRow {
    pub field: Field,
    /// Twips, without the rules.
    pub height: i32,
    /// Lines with their twips below the row's top.
    pub lines: Vec<(i32, TextLine)>,
}

/// What an item draws.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Draw {
    /// A line of text in a line box `line_height` high; `rule`: the red
    /// rule under the 发文字号 at the item's foot.
    Text {
        line: TextLine,
        line_height: i32,
        rule: bool,
    },
    /// A joint 发文机关标志 with 文件: the organs stacked, 文件 at the right.
    MarkTable {
        organs: Vec<String>,
        suffix: String,
        size: usize,
        suffix_width: i32,
        line_height: i32,
    },
    /// A row of the task table (the header row when `header`); `bottom`:
    /// the table's last row on this page, closing the grid.
    Row {
        header: bool,
        bottom: bool,
        cells: Vec<Cell>,
    },
    /// The 版记 with its rules: thick first and last, thin between.
    Imprint {
        rows: Vec<ImprintRow>,
        thick: usize,
        thin: usize,
    },
    /// The area preprinted letterhead (套打) has its 标志 in: shown, not
    /// printed.
    Reserved,
    /// A red rule filling the item's height, `left` twips from the text
    /// block's left edge and `width` long: a line of the 信函格式's double
    /// lines.
    Rule { left: i32, width: i32 },
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Item {
    /// Twips below the top of the text block.
    pub top: i32,
    /// Twips.
    pub height: i32,
    /// The editor field it comes from (to focus on a click).
    pub field: Field,
    pub draw: Draw,
}

/// One A4 page.
#[derive(Debug, Clone)]
pub struct Page {
    /// From 1.
    pub index: u32,
    /// The printed page number: none on the blank page before the 版记 and
    /// on a 版记 page of its own (§7.5).
    pub number: Option<u32>,
    pub items: Vec<Item>,
    /// A hash of all of the above: a page whose key is unchanged is not
    /// drawn again.
    pub key: u64,
}

/// Pages are the same when their keys are: comparing every item again is
/// what the key saves.
impl PartialEq for Page {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for Page {}

impl Page {
    fn new(index: u32, number: Option<u32>, items: Vec<Item>) -> Self {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (index, number, &items).hash(&mut hasher);
        Self {
            index,
            number,
            items,
            key: hasher.finish(),
        }
    }

    /// The texts of the page's lines, top to bottom, each line's runs and
    /// cells joined left to right (for tests).
    #[cfg(test)]
    pub fn line_texts(&self) -> Vec<String> {
        let mut lines: Vec<(i32, i32, String)> = Vec::new();
        for item in &self.items {
            match &item.draw {
                Draw::Text { line, .. } => lines.push((item.top, line.left, line.text())),
                Draw::MarkTable { organs, suffix, .. } => {
                    for (i, organ) in organs.iter().enumerate() {
                        lines.push((item.top + i as i32, 0, organ.clone()));
                    }
                    lines.push((item.top, WIDTH, suffix.clone()));
                }
                Draw::Row { cells, .. } => {
                    for cell in cells {
                        for (k, line) in cell.lines.iter().enumerate() {
                            let top = item.top + cell.offset + k as i32 * spec::CELL_LINE_SPACING;
                            lines.push((top, cell.left, line.text()));
                        }
                    }
                }
                Draw::Reserved | Draw::Rule { .. } => {}
                Draw::Imprint { rows, .. } => {
                    let mut top = item.top;
                    for row in rows {
                        for (offset, line) in &row.lines {
                            lines.push((top + offset, line.left, line.text()));
                        }
                        top += row.height;
                    }
                }
            }
        }
        lines.sort();
        let mut out: Vec<(i32, String)> = Vec::new();
        for (top, _, text) in lines {
            match out.last_mut() {
                Some((last, joined)) if (top - *last).abs() < 100 => joined.push_str(&text),
                _ => out.push((top, text)),
            }
        }
        out.into_iter()
            .map(|(_, t)| t)
            .filter(|t| !t.trim().is_empty())
            .collect()
    }
}

/// Lines of a paragraph of spans: the first line from `first_left`, the
/// others from `rest_left`, all ending `right` twips short of the block's
/// right edge, broken where [`pagination::break_lines`] breaks them.
fn wrap(
    spans: &[(&str, Face)],
    first_left: i32,
    rest_left: i32,
    right: i32,
    size: usize,
    spacing: i32,
    align: Align,
) -> Vec<TextLine> {
    let text: String = spans.iter().map(|(t, _)| *t).collect();
    let ranges = pagination::break_lines(
        &text,
        WIDTH - first_left - right,
        WIDTH - rest_left - right,
        size,
        spacing,
    );
    let count = ranges.len();
    ranges
        .iter()
        .enumerate()
        .map(|(k, range)| {
            let mut pieces = Vec::new();
            let mut start = 0;
            for &(span, font) in spans {
                let end = start + span.len();
                let from = range.start.max(start);
                let to = range.end.min(end);
                if from < to {
                    pieces.push((&text[from..to], font));
                }
                start = end;
            }
            // A paragraph's last line, and a line ended by a line break,
            // are not spread.
            let ends_paragraph = k + 1 == count || ranges[k + 1].start > range.end;
            let left = if k == 0 { first_left } else { rest_left };
            TextLine {
                left,
                width: WIDTH - left - right,
                align: match align {
                    Align::Justify if ends_paragraph => Align::Left,
                    other => other,
                },
                size,
                spacing,
                red: false,
                split: None,
                runs: runs(&pieces, size, spacing),
            }
        })
        .collect()
}

fn body_wrap(spans: &[(&str, Face)], first_left: i32, rest_left: i32, right: i32) -> Vec<TextLine> {
    wrap(
        spans,
        first_left,
        rest_left,
        right,
        spec::SIZE_BODY,
        spec::BODY_CHAR_SPACING,
        if right > 0 {
            Align::Right
        } else {
            Align::Justify
        },
    )
}

fn text(line: TextLine, line_height: i32) -> Option<Draw> {
    Some(Draw::Text {
        line,
        line_height,
        rule: false,
    })
}

/// What each `Line(n)` piece of a block draws, by `n` (none for a piece
/// that draws nothing: the page break's line, the space above a stacked
/// 发文机关标志).
fn block_lines(block: &Block) -> Vec<Option<Draw>> {
    let line = spec::BODY_LINE_SPACING;
    let body = |lines: Vec<TextLine>| -> Vec<Option<Draw>> {
        lines.into_iter().map(|l| text(l, line)).collect()
    };
    match block {
        Block::HeaderMark(span) => body(body_wrap(&[(&span.text, span.face)], 0, 0, 0)),
        Block::OrganMark { organs, suffix } => {
            let size = pagination::organ_mark_size(organs, suffix);
            let mark_line = pagination::organ_mark_line(size);
            if pagination::organ_mark_is_table(organs, suffix) {
                let suffix_width =
                    (size * 10 * suffix.chars().count()) as i32 + spec::ORGAN_SUFFIX_GAP;
                return vec![
                    None,
                    Some(Draw::MarkTable {
                        organs: organs.clone(),
                        suffix: suffix.clone(),
                        size,
                        suffix_width,
                        line_height: mark_line,
                    }),
                ];
            }
            let mut out = Vec::new();
            for (i, organ) in organs.iter().enumerate() {
                let text_of = if i + 1 == organs.len() {
                    format!("{organ}{suffix}")
                } else {
                    organ.clone()
                };
                for mut l in wrap(&[(&text_of, Face::Title)], 0, 0, 0, size, 0, Align::Center) {
                    l.red = true;
                    out.push(text(l, mark_line));
                }
            }
            out
        }
        Block::DocNumber {
            number,
            signers,
            rule,
        } => {
            let mut lines = if signers.is_empty() {
                wrap(
                    &[(number, Face::Body)],
                    0,
                    0,
                    0,
                    spec::SIZE_BODY,
                    spec::BODY_CHAR_SPACING,
                    Align::Center,
                )
            } else {
                let signer_text = signers.join(" ");
                let lead = format!("{number}　");
                let spans = [
                    (lead.as_str(), Face::Body),
                    ("签发人：", Face::Body),
                    (signer_text.as_str(), Face::Kai),
                ];
                let mut lines = body_wrap(&spans, 0, 0, 0);
                if let [single] = lines.as_mut_slice() {
                    // On one line: the number one character in, the
                    // signers ending one character short of the edge.
                    single.left = BODY_CHAR;
                    single.width = WIDTH - 2 * BODY_CHAR;
                    single.align = Align::Left;
                    let left = runs(&[(number, Face::Body)], single.size, single.spacing);
                    let right = runs(
                        &[("签发人：", Face::Body), (&signer_text, Face::Kai)],
                        single.size,
                        single.spacing,
                    );
                    single.split = Some(left.len());
                    single.runs = left.into_iter().chain(right).collect();
                }
                lines
            };
            for l in &mut lines {
                if l.align == Align::Justify {
                    l.align = Align::Left;
                }
            }
            let count = lines.len();
            lines
                .into_iter()
                .enumerate()
                .map(|(k, l)| {
                    Some(Draw::Text {
                        line: l,
                        line_height: line,
                        rule: *rule && k + 1 == count,
                    })
                })
                .collect()
        }
        Block::Title { lines } => lines
            .iter()
            .flat_map(|t| {
                wrap(
                    &[(t, Face::Title)],
                    0,
                    0,
                    0,
                    spec::SIZE_TITLE,
                    0,
                    Align::Center,
                )
            })
            .map(|l| text(l, line))
            .collect(),
        Block::Recipients(t) => body(body_wrap(&[(t, Face::Body)], 0, 0, 0)),
        Block::Paragraph { spans, indent, .. } => {
            let first = match indent {
                Indent::FirstLine => spec::BODY_FIRST_LINE_INDENT,
                Indent::None => 0,
            };
            let spans: Vec<(&str, Face)> = spans
                .iter()
                .map(|Span { text, face }| (text.as_str(), *face))
                .collect();
            body(body_wrap(&spans, first, 0, 0))
        }
        Block::Attachments(items) => pagination::attachment_lines(items)
            .into_iter()
            .flat_map(|a| body_wrap(&[(&a.text, Face::Body)], a.first_start, a.left, 0))
            .map(|l| text(l, line))
            .collect(),
        Block::Signature {
            organs,
            date,
            sealed,
        } => pagination::signature_lines(organs, date, *sealed)
            .into_iter()
            .flat_map(|(t, right)| body_wrap(&[(&t, Face::Body)], 0, 0, right))
            .map(|l| text(l, line))
            .collect(),
        Block::Note(t) => body(body_wrap(
            &[(t, Face::Body)],
            spec::BODY_FIRST_LINE_INDENT,
            0,
            0,
        )),
        Block::PageBreak | Block::LetterHead { .. } => vec![None],
        Block::LetterLines { marks, number } => {
            let size = spec::SIZE_BODY;
            let spacing = spec::BODY_CHAR_SPACING;
            (0..marks.len().max(1))
                .map(|k| {
                    let mut runs_of = match marks.get(k) {
                        Some(m) => runs(&[(&m.text, m.face)], size, spacing),
                        None => Vec::new(),
                    };
                    let with_number = k == 0 && !number.is_empty();
                    let split = (with_number && !runs_of.is_empty()).then_some(runs_of.len());
                    if with_number {
                        runs_of.extend(runs(&[(number, Face::Body)], size, spacing));
                    }
                    let align = if with_number && split.is_none() {
                        Align::Right
                    } else {
                        Align::Left
                    };
                    text(
                        TextLine {
                            left: 0,
                            width: WIDTH,
                            align,
                            size,
                            spacing,
                            red: false,
                            split,
                            runs: runs_of,
                        },
                        line,
                    )
                })
                .collect()
        }
        Block::Reserved(_) => vec![Some(Draw::Reserved)],
        Block::AttachmentLabel(t) => body(body_wrap(&[(t, Face::Hei)], 0, 0, 0)),
        Block::TaskTable { .. } | Block::Table { .. } | Block::Imprint { .. } => Vec::new(),
    }
}

/// A table's geometry and every cell's lines.
struct Table {
    lefts: Vec<i32>,
    widths: Vec<usize>,
    header: Arc<Vec<Vec<TextLine>>>,
    rows: Vec<Arc<Vec<Vec<TextLine>>>>,
}

/// What the preview drew last time, by content: a block's lines and a table
/// row's cells are broken again only when their text (or, for a row, the
/// columns) changed. Entries the last update did not use are dropped.
#[derive(Default)]
pub struct Cache {
    blocks: HashMap<u64, Arc<Vec<Option<Draw>>>>,
    rows: HashMap<u64, Arc<Vec<Vec<TextLine>>>>,
    used_blocks: HashMap<u64, Arc<Vec<Option<Draw>>>>,
    used_rows: HashMap<u64, Arc<Vec<Vec<TextLine>>>>,
}

impl Cache {
    fn block(&mut self, block: &Block) -> Arc<Vec<Option<Draw>>> {
        let key = block_key(block);
        let drawn = self
            .blocks
            .remove(&key)
            .or_else(|| self.used_blocks.get(&key).cloned())
            .unwrap_or_else(|| Arc::new(block_lines(block)));
        self.used_blocks.insert(key, drawn.clone());
        drawn
    }

    fn row(
        &mut self,
        cells: &[String],
        widths: &[usize],
        left: &[bool],
        header: bool,
    ) -> Arc<Vec<Vec<TextLine>>> {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (cells, widths, left, header).hash(&mut hasher);
        let key = hasher.finish();
        let drawn = self
            .rows
            .remove(&key)
            .or_else(|| self.used_rows.get(&key).cloned())
            .unwrap_or_else(|| Arc::new(row_lines(cells, widths, left, header)));
        self.used_rows.insert(key, drawn.clone());
        drawn
    }

    /// Keeps what this update used, for the next.
    fn finish(&mut self) {
        self.blocks = std::mem::take(&mut self.used_blocks);
        self.rows = std::mem::take(&mut self.used_rows);
    }
}

/// A hash of a block's content (compose's blocks are not `Hash`).
fn block_key(block: &Block) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::mem::discriminant(block).hash(&mut h);
    match block {
        Block::HeaderMark(span) => (&span.text, span.face).hash(&mut h),
        Block::OrganMark { organs, suffix } => (organs, suffix).hash(&mut h),
        Block::DocNumber {
            number,
            signers,
            rule,
        } => (number, signers, rule).hash(&mut h),
        Block::Reserved(height) => height.hash(&mut h),
        Block::LetterHead { organ } => organ.hash(&mut h),
        Block::LetterLines { marks, number } => {
            for span in marks {
                (&span.text, span.face).hash(&mut h);
            }
            number.hash(&mut h);
        }
        Block::Title { lines } => lines.hash(&mut h),
        Block::Recipients(t) | Block::Note(t) => t.hash(&mut h),
        Block::Paragraph { spans, indent, .. } => {
            for span in spans {
                (&span.text, span.face).hash(&mut h);
            }
            matches!(indent, Indent::FirstLine).hash(&mut h);
        }
        Block::TaskTable { header, rows } => (header, rows).hash(&mut h),
        Block::Table { header, rows } => (header, rows).hash(&mut h),
        Block::Attachments(items) => items.hash(&mut h),
        Block::AttachmentLabel(t) => t.hash(&mut h),
        Block::Signature {
            organs,
            date,
            sealed,
        } => (organs, date, sealed).hash(&mut h),
        Block::PageBreak => {}
        Block::Imprint {
            cc,
            printer,
            print_date,
        } => (cc, printer, print_date).hash(&mut h),
    }
    h.finish()
}

/// The lines of each cell of a table row.
fn row_lines(
    cells: &[String],
    widths: &[usize],
    left: &[bool],
    header: bool,
) -> Vec<Vec<TextLine>> {
    let font = if header { Face::Hei } else { Face::Body };
    cells
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(col, (t, &w))| {
            let width = pagination::cell_text_width(w);
            pagination::break_lines(t, width, width, spec::SIZE_TABLE, 0)
                .into_iter()
                .map(|range| TextLine {
                    left: spec::CELL_MARGIN,
                    width,
                    align: if left.get(col) == Some(&true) && !header {
                        Align::Left
                    } else {
                        Align::Center
                    },
                    size: spec::SIZE_TABLE,
                    spacing: 0,
                    red: false,
                    split: None,
                    runs: runs(&[(&t[range], font)], spec::SIZE_TABLE, 0),
                })
                .collect()
        })
        .collect()
}

impl Table {
    fn of(table: &compose::TableView, cache: &mut Cache) -> Self {
        let widths = table.widths.clone();
        let lefts = widths
            .iter()
            .scan(0, |x, &w| {
                let left = *x;
                *x += w as i32;
                Some(left)
            })
            .collect();
        Self {
            lefts,
            header: cache.row(table.header, &widths, &table.left, true),
            rows: table
                .rows
                .iter()
                .map(|r| cache.row(r, &widths, &table.left, false))
                .collect(),
            widths,
        }
    }

    /// A row's item: lines `from..to` of each cell, centred in `height`
    /// when the row is whole.
    fn row(&self, cells: &[Vec<TextLine>], from: u32, to: u32, height: i32) -> Vec<Cell> {
        let whole = from == 0 && cells.iter().all(|c| c.len() as u32 <= to);
        cells
            .iter()
            .enumerate()
            .map(|(col, lines)| {
                let shown: Vec<TextLine> = lines
                    .iter()
                    .skip(from as usize)
                    .take(to.saturating_sub(from) as usize)
                    .cloned()
                    .collect();
                let offset = if whole {
                    (height - shown.len() as i32 * spec::CELL_LINE_SPACING).max(0) / 2
                } else {
                    0
                };
                Cell {
                    left: self.lefts[col],
                    width: self.widths[col] as i32,
                    offset,
                    lines: shown,
                }
            })
            .collect()
    }
}

/// The 版记's rows as the writer draws them (see
/// [`pagination::imprint_rows`], which counts the same lines).
fn imprint(cc: &str, printer: &str, print_date: &str, source: &Source) -> Vec<ImprintRow> {
    let size = spec::SIZE_IMPRINT;
    let side = spec::IMPRINT_INDENT;
    let line = spec::BODY_LINE_SPACING;
    let plain = |t: &str, left: i32, width: i32, align: Align| TextLine {
        left,
        width,
        align,
        size,
        spacing: 0,
        red: false,
        split: None,
        runs: runs(&[(t, Face::Body)], size, 0),
    };
    let mut rows = Vec::new();
    if !cc.is_empty() {
        let label = "抄送：";
        let label_width = pagination::text_width(label, size, 0);
        let first = WIDTH - 2 * side;
        let rest = first - label_width;
        let all = format!("{label}{cc}");
        let lines: Vec<(i32, TextLine)> = pagination::break_lines(&all, first, rest, size, 0)
            .into_iter()
            .enumerate()
            .map(|(k, range)| {
                let (left, width) = if k == 0 {
                    (side, first)
                } else {
                    (side + label_width, rest)
                };
                (
                    k as i32 * line,
                    plain(&all[range], left, width, Align::Left),
                )
            })
            .collect();
        rows.push(ImprintRow {
            field: source.row(rows.len()),
            height: lines.len() as i32 * line,
            lines,
        });
    }
    if !printer.is_empty() || !print_date.is_empty() {
        let half = WIDTH / 2 - side;
        let mut lines = Vec::new();
        let mut count = 0;
        for (t, left, align) in [
            (printer, side, Align::Left),
            (print_date, WIDTH - WIDTH / 2, Align::Right),
        ] {
            let ranges = pagination::break_lines(t, half, half, size, 0);
            count = count.max(ranges.len());
            for (k, range) in ranges.into_iter().enumerate() {
                lines.push((k as i32 * line, plain(&t[range], left, half, align)));
            }
        }
        rows.push(ImprintRow {
            field: source.row(rows.len()),
            height: count as i32 * line,
            lines,
        });
    }
    rows
}

/// Every page of the composed notice ([`compose::compose`]).
pub fn pages(composition: &Composition) -> Vec<Page> {
    pages_with(composition, &mut Cache::default())
}

/// [`pages`], reusing what `cache` kept of the last update.
pub fn pages_with(composition: &Composition, cache: &mut Cache) -> Vec<Page> {
    let pages = lay_out_pages(composition, cache);
    cache.finish();
    pages
}

fn lay_out_pages(composition: &Composition, cache: &mut Cache) -> Vec<Page> {
    let Composition { blocks, sources } = composition;
    let layout = pagination::lay_out(blocks);
    let plan = &layout.pagination;
    let total = plan.page_count() as usize;
    let mut items: Vec<Vec<Item>> = vec![Vec::new(); total];
    let mut lines: Vec<Option<Arc<Vec<Option<Draw>>>>> = vec![None; blocks.len()];
    let mut tables: Vec<Option<Table>> = (0..blocks.len()).map(|_| None).collect();
    for (i, piece) in layout.pieces.iter().enumerate() {
        let block = &blocks[piece.block];
        let source = &sources[piece.block];
        let page = &mut items[(piece.page as usize - 1).min(total - 1)];
        match piece.kind {
            PieceKind::Line(n) => {
                let drawn = lines[piece.block].get_or_insert_with(|| cache.block(block));
                if let Some(Some(draw)) = drawn.get(n as usize) {
                    // A letter's marks: each line its own field.
                    let field = match block {
                        Block::LetterLines { .. } => source.row(n as usize),
                        _ => source.field,
                    };
                    page.push(Item {
                        top: piece.y,
                        height: piece.height,
                        field,
                        draw: draw.clone(),
                    });
                }
            }
            PieceKind::TableHeader | PieceKind::TableRow { .. } => {
                if tables[piece.block].is_none() {
                    let Some(view) = block.table() else {
                        continue;
                    };
                    tables[piece.block] = Some(Table::of(&view, cache));
                }
                let Some(table) = tables[piece.block].as_ref() else {
                    continue;
                };
                // The grid closes under the table's last row on the page.
                let bottom = layout.pieces.get(i + 1).is_none_or(|next| {
                    next.block != piece.block
                        || next.page != piece.page
                        || next.kind == PieceKind::TableHeader
                });
                let (cells, field, header) = match piece.kind {
                    PieceKind::TableRow { row, from, to } => (
                        table.row(&table.rows[row], from, to, piece.height),
                        source.row(row),
                        false,
                    ),
                    _ => (
                        table.row(&table.header, 0, u32::MAX, piece.height),
                        source.field,
                        true,
                    ),
                };
                page.push(Item {
                    top: piece.y,
                    height: piece.height,
                    field,
                    draw: Draw::Row {
                        header,
                        bottom,
                        cells,
                    },
                });
            }
        }
    }
    let imprint_page = match plan.imprint {
        ImprintPlacement::None => None,
        ImprintPlacement::LastBodyPage => Some(plan.body_pages),
        ImprintPlacement::NextPage => Some(plan.body_pages + 1),
        ImprintPlacement::AfterBlankPage => Some(plan.body_pages + 2),
    };
    if let Some(page) = imprint_page {
        let found = blocks.iter().enumerate().find_map(|(i, b)| match b {
            Block::Imprint {
                cc,
                printer,
                print_date,
            } => Some((i, cc, printer, print_date)),
            _ => None,
        });
        if let Some((i, cc, printer, print_date)) = found {
            let source = &sources[i];
            let rows = imprint(cc, printer, print_date, source);
            items[(page as usize - 1).min(total - 1)].push(Item {
                top: spec::TEXT_HEIGHT as i32 - plan.imprint_height,
                height: plan.imprint_height,
                field: source.field,
                // §10.1: a letter's 版记 has no rules.
                draw: Draw::Imprint {
                    rows,
                    thick: if plan.letter {
                        0
                    } else {
                        spec::IMPRINT_THICK_RULE
                    },
                    thin: if plan.letter {
                        0
                    } else {
                        spec::IMPRINT_THIN_RULE
                    },
                },
            });
        }
    }
    if let Some(organ) = blocks.iter().find_map(|b| match b {
        Block::LetterHead { organ } => Some(organ),
        _ => None,
    }) {
        items[0].extend(letter_items(organ));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, items)| {
            let index = i as u32 + 1;
            Page::new(index, plan.number(index), items)
        })
        .collect()
}

/// What a letter's 版头 draws on page 1 (§10.1), twips below the top of
/// the text block (above it: negative): the 标志 and the two double lines.
fn letter_items(organ: &str) -> Vec<Item> {
    let head = pagination::letter_head(organ);
    let top = |y: i32| y - spec::MARGIN_TOP;
    let mut items = Vec::new();
    let mut mark = wrap(
        &[(organ, Face::Title)],
        0,
        0,
        0,
        head.size,
        0,
        Align::Center,
    );
    if let Some(line) = mark.first_mut() {
        line.red = true;
        mark.truncate(1);
    }
    for line in mark.into_iter().filter(|l| !l.runs.is_empty()) {
        items.push(Item {
            top: top(head.line_top),
            height: head.line,
            field: Field::Organs,
            draw: Draw::Text {
                line,
                line_height: head.line,
                rule: false,
            },
        });
    }
    let thick = pagination::rule_twips(spec::LETTER_THICK_RULE);
    let thin = pagination::rule_twips(spec::LETTER_THIN_RULE);
    for (y, height) in [
        (head.thick_top, thick),
        (head.thin_top, thin),
        (head.lower_thin_top, thin),
        (head.lower_thick_top, thick),
    ] {
        items.push(Item {
            top: top(y),
            height,
            field: Field::HeaderForm,
            draw: Draw::Rule {
                left: head.rule_left,
                width: spec::LETTER_RULE_LENGTH,
            },
        });
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::DraftEnvelope;
    use crate::model::*;

    fn fixture(name: &str) -> Notice {
        let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        DraftEnvelope::from_json(&std::fs::read_to_string(path).unwrap())
            .unwrap()
            .notice
    }

    fn pages_of(notice: &Notice) -> Vec<Page> {
        pages(&compose::compose(notice))
    }

    fn all_text(pages: &[Page]) -> String {
        pages
            .iter()
            .flat_map(Page::line_texts)
            .collect::<String>()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    }

    #[test]
    fn the_pages_are_the_writers_pages() {
        for name in ["city-plan-table.json", "county-plan-sections.json"] {
            let notice = fixture(name);
            let blocks = compose::blocks(&notice);
            let plan = pagination::paginate(&blocks);
            let pages = pages_of(&notice);
            assert_eq!(pages.len() as u32, plan.total_pages(), "{name}");
            for (i, page) in pages.iter().enumerate() {
                assert_eq!(page.index, i as u32 + 1);
                assert_eq!(page.number, Some(page.index), "{name}");
                for item in &page.items {
                    assert!(item.top >= 0, "{name} {item:?}");
                    assert!(
                        item.top + item.height <= spec::TEXT_HEIGHT as i32,
                        "{name} {item:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_text_of_the_samples_is_on_the_pages() {
        for name in ["city-plan-table.json", "county-plan-sections.json"] {
            let notice = fixture(name);
            let text = all_text(&pages_of(&notice));
            for block in compose::blocks(&notice) {
                let expected: String = block
                    .text()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                // Table rows are joined cell by cell on each line, so look
                // for each cell's text instead.
                match &block {
                    Block::TaskTable { rows, .. } => {
                        for row in rows {
                            for cell in row.iter().filter(|c| c.chars().count() < 6) {
                                assert!(text.contains(cell.as_str()), "{name}: {cell}");
                            }
                        }
                    }
                    _ => assert!(text.contains(&expected), "{name}: {expected}"),
                }
            }
        }
    }

    #[test]
    fn a_paragraph_is_cut_where_the_writer_counts_its_lines() {
        let notice = fixture("county-plan-sections.json");
        let blocks = compose::blocks(&notice);
        let pages = pages_of(&notice);
        let lines: usize = pages
            .iter()
            .flat_map(|p| &p.items)
            .filter(|i| matches!(i.draw, Draw::Text { .. }))
            .count();
        let layout = pagination::lay_out(&blocks);
        let drawn_pieces = layout
            .pieces
            .iter()
            .filter(|p| {
                matches!(p.kind, PieceKind::Line(_)) && !matches!(blocks[p.block], Block::PageBreak)
            })
            .count();
        assert_eq!(lines, drawn_pieces);
        // Justified lines are full lines; a paragraph's last line is not.
        for page in &pages {
            for item in &page.items {
                if let Draw::Text { line, .. } = &item.draw {
                    if line.align == Align::Justify {
                        let w = pagination::text_width(&line.text(), line.size, line.spacing);
                        assert!(w <= line.width, "{}", line.text());
                        assert!(
                            w + 2 * BODY_CHAR > line.width,
                            "a short line is spread: {}",
                            line.text()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_table_header_repeats_and_each_task_row_leads_to_its_task() {
        let mut notice = fixture("city-plan-table.json");
        let rows = notice.tasks.rows.clone();
        for _ in 0..8 {
            notice.tasks.rows.extend(rows.iter().cloned());
        }
        let pages = pages_of(&notice);
        let mut tables = 0;
        let mut fields = Vec::new();
        for page in &pages {
            let headers = page
                .items
                .iter()
                .filter(|i| matches!(i.draw, Draw::Row { header: true, .. }))
                .count();
            let rows: Vec<&Item> = page
                .items
                .iter()
                .filter(|i| matches!(i.draw, Draw::Row { header: false, .. }))
                .collect();
            if !rows.is_empty() {
                tables += 1;
                assert_eq!(headers, 1, "page {}", page.index);
                let bottoms = rows
                    .iter()
                    .filter(|i| matches!(i.draw, Draw::Row { bottom: true, .. }))
                    .count();
                assert_eq!(bottoms, 1, "page {}", page.index);
            }
            fields.extend(rows.iter().map(|i| i.field));
        }
        assert!(tables >= 4, "{tables}");
        let expected: Vec<Field> = (0..notice.tasks.rows.len())
            .filter(|&i| !notice.tasks.rows[i].is_blank())
            .map(|i| Field::Task(i, crate::TaskField::Name))
            .collect();
        assert_eq!(fields, expected);
    }

    #[test]
    fn the_imprint_and_page_numbers_follow_the_standard() {
        let mut notice = fixture("county-plan-sections.json");
        notice.imprint = Imprint {
            cc: vec!["县委办".into(), "县政府办".into()],
            printer: "砀山县市场监督管理局办公室".into(),
            print_date: DocDate::new(2021, 9, 6),
        };
        let blocks = compose::blocks(&notice);
        let plan = pagination::paginate(&blocks);
        let pages = pages_of(&notice);
        assert_eq!(pages.len() as u32, plan.total_pages());
        let last = pages.last().unwrap();
        assert_eq!(last.index % 2, 0, "the 版记 is on an even page");
        let imprint = last
            .items
            .iter()
            .find(|i| matches!(i.draw, Draw::Imprint { .. }))
            .unwrap();
        assert_eq!(imprint.top + imprint.height, spec::TEXT_HEIGHT as i32);
        let texts = last.line_texts();
        assert!(
            texts.iter().any(|t| t.starts_with("抄送：县委办")),
            "{texts:?}"
        );
        assert!(texts
            .iter()
            .any(|t| t.contains("砀山县市场监督管理局办公室") && t.contains("2021年9月6日印发")));
        for page in &pages {
            let numbered = page.index <= plan.body_pages;
            assert_eq!(page.number.is_some(), numbered, "page {}", page.index);
        }
    }

    #[test]
    fn the_header_is_red_and_ruled_and_a_joint_mark_stacks() {
        let mut notice = fixture("county-plan-sections.json");
        notice.header.doc_number = DocNumber {
            prefix: "砀市监发".into(),
            year: Some(2021),
            serial: Some(12),
        };
        let first = &pages_of(&notice)[0];
        let mark = first
            .items
            .iter()
            .find(|i| i.field == Field::Organs)
            .expect("the organ mark");
        match &mark.draw {
            Draw::Text { line, .. } => {
                assert!(line.red);
                assert_eq!(line.align, Align::Center);
            }
            other => panic!("{other:?}"),
        }
        let rule = first
            .items
            .iter()
            .find(|i| matches!(i.draw, Draw::Text { rule: true, .. }))
            .expect("the red rule");
        assert_eq!(rule.field, Field::DocNumber);
        assert_eq!(
            rule.height,
            spec::BODY_LINE_SPACING + pagination::RED_RULE_EXTRA
        );
        notice.header.organs = vec!["砀山县市场监督管理局".into(), "砀山县教育局".into()];
        notice.header.with_wenjian = true;
        let first = &pages_of(&notice)[0];
        assert!(first
            .items
            .iter()
            .any(|i| matches!(&i.draw, Draw::MarkTable { organs, .. } if organs.len() == 2)));
    }

    #[test]
    fn the_doc_number_with_signers_stands_left_and_the_signers_right() {
        let mut notice = fixture("county-plan-sections.json");
        notice.header.doc_number = DocNumber {
            prefix: "砀市监发".into(),
            year: Some(2021),
            serial: Some(12),
        };
        notice.header.signers = vec!["张三".into(), "李四".into()];
        let first = &pages_of(&notice)[0];
        let line = first
            .items
            .iter()
            .find_map(|i| match &i.draw {
                Draw::Text {
                    line, rule: true, ..
                } => Some(line),
                _ => None,
            })
            .unwrap();
        let at = line.split.expect("number and signers apart");
        let left: String = line.runs[..at].iter().map(|r| r.text.as_str()).collect();
        let right: String = line.runs[at..].iter().map(|r| r.text.as_str()).collect();
        assert_eq!(left, "砀市监发〔2021〕12号");
        assert_eq!(right, "签发人：张三 李四");
        assert_eq!(line.runs.last().unwrap().font, Face::Kai);
        // One character in from each side, as the writer's indent and tab.
        assert_eq!(line.left, BODY_CHAR);
        assert_eq!(line.left + line.width, WIDTH - BODY_CHAR);
        // The automatic space between 〕 and 12 and between 12 and 号.
        assert!(line.runs.iter().any(|r| r.gap > 0));
    }

    #[test]
    fn an_unchanged_page_keeps_its_key_and_a_changed_one_does_not() {
        let mut notice = fixture("city-plan-table.json");
        let before = pages_of(&notice);
        // One character of the last task's name, for another of its width:
        // the table keeps its columns, and only that row's page changes.
        let last = notice.tasks.rows.len() - 1;
        let name = &mut notice.tasks.rows[last].name;
        let first = name.chars().next().unwrap();
        *name = name.replacen(first, "甲", 1);
        let after = pages_of(&notice);
        assert_eq!(before.len(), after.len());
        let changed: Vec<u32> = before
            .iter()
            .zip(&after)
            .filter(|(a, b)| a.key != b.key)
            .map(|(a, _)| a.index)
            .collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
    }

    #[test]
    fn signatures_sit_at_the_right_in_both_geometries() {
        for sealed in [true, false] {
            let mut notice = fixture("county-plan-sections.json");
            notice.signature.sealed = sealed;
            let pages = pages_of(&notice);
            let lines: Vec<&TextLine> = pages
                .iter()
                .flat_map(|p| &p.items)
                .filter(|i| i.field == Field::SignatureOrgans)
                .filter_map(|i| match &i.draw {
                    Draw::Text { line, .. } => Some(line),
                    _ => None,
                })
                .collect();
            assert!(lines.len() >= 2);
            let expected = pagination::signature_lines(
                &notice.signing_organs(),
                &notice.signature.date.unwrap().to_string(),
                sealed,
            );
            for (line, (_, right)) in lines.iter().zip(&expected) {
                assert_eq!(line.align, Align::Right);
                assert_eq!(line.left + line.width, WIDTH - right);
            }
        }
    }

    #[test]
    fn attachment_pages_are_drawn_where_the_writer_puts_them() {
        use crate::field::AttachmentField;
        let mut notice = fixture("county-plan-sections.json");
        notice.attachments = vec!["活动口号".into(), "信息报送表".into()];
        notice.attachment_pages = vec![
            AttachmentPage {
                name: "活动口号".into(),
                kind: AttachmentKind::List,
                items: vec!["质量第一".into()],
                ..AttachmentPage::default()
            },
            AttachmentPage {
                name: "信息报送表".into(),
                kind: AttachmentKind::Table,
                columns: vec!["序号".into(), "单位".into()],
                rows: vec![vec!["".into(), "质量股".into()]; 40],
                ..AttachmentPage::default()
            },
        ];
        let composition = compose::compose(&notice);
        let plan = pagination::paginate(&composition.blocks);
        let pages = pages_of(&notice);
        assert_eq!(pages.len() as u32, plan.total_pages());
        let label_pages: Vec<u32> = composition
            .blocks
            .iter()
            .zip(&plan.starts)
            .filter(|(b, _)| matches!(b, Block::AttachmentLabel(_)))
            .map(|(_, at)| at.page)
            .collect();
        for (k, &page) in label_pages.iter().enumerate() {
            let page = &pages[page as usize - 1];
            let first = page.items.iter().min_by_key(|i| i.top).unwrap();
            assert_eq!(first.top, 0);
            assert_eq!(first.field, Field::Attachment(k, AttachmentField::Name));
            assert_eq!(page.line_texts()[0], format!("附件{}", k + 1));
            // Page numbers continue through the attachments.
            assert_eq!(page.number, Some(page.index));
        }
        // 40 rows run over two pages, each with its header; every row
        // leads to the table's rows.
        let table_pages: Vec<&Page> = pages
            .iter()
            .filter(|p| {
                p.items
                    .iter()
                    .any(|i| matches!(i.draw, Draw::Row { header: false, .. }))
            })
            .filter(|p| p.index >= label_pages[1])
            .collect();
        assert_eq!(table_pages.len(), 2);
        for page in table_pages {
            let rows = page
                .items
                .iter()
                .filter(|i| matches!(i.draw, Draw::Row { .. }));
            for item in rows {
                assert!(matches!(
                    item.field,
                    Field::Attachment(1, AttachmentField::Columns | AttachmentField::Rows)
                ));
            }
            assert!(page
                .items
                .iter()
                .any(|i| matches!(i.draw, Draw::Row { header: true, .. })));
        }
    }

    #[test]
    fn on_letterhead_the_reserved_area_is_shown_and_the_rule_is_not() {
        let notice = fixture("county-plan-sections.json");
        let composition = compose::compose(&notice);
        let own = pagination::header_height(&composition.blocks);
        let printed = pages(&composition);
        let plain = pages(&compose::on_letterhead(composition, own));
        let rules = |pages: &[Page]| {
            pages[0]
                .items
                .iter()
                .filter(|i| matches!(i.draw, Draw::Text { rule: true, .. }))
                .count()
        };
        assert_eq!((rules(&printed), rules(&plain)), (1, 0));
        let reserved: Vec<&Item> = plain[0]
            .items
            .iter()
            .filter(|i| i.draw == Draw::Reserved)
            .collect();
        assert_eq!(reserved.len(), 1);
        assert_eq!(reserved[0].field, Field::Organs);
        // Below the 版头, the same lines at the same heights.
        let below = |page: &Page| -> Vec<(i32, String)> {
            page.items
                .iter()
                .filter(|i| i.top >= own)
                .filter_map(|i| match &i.draw {
                    Draw::Text { line, .. } => Some((i.top, line.text())),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(below(&plain[0]), below(&printed[0]));
        assert_eq!(plain.len(), printed.len());
    }
}

#[cfg(test)]
mod cache_tests {
    use super::*;
    use crate::draft::DraftEnvelope;

    #[test]
    fn pages_drawn_from_the_cache_are_the_pages_drawn_afresh() {
        let path = format!(
            "{}/../../tests/fixtures/city-plan-table.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let mut notice = DraftEnvelope::from_json(&std::fs::read_to_string(path).unwrap())
            .unwrap()
            .notice;
        let mut cache = Cache::default();
        for round in 0..6 {
            match round {
                1 => notice.tasks.rows[3].name.push_str("，并通报检查结果"),
                2 => notice.recipients[0].push_str("，各乡镇"),
                3 => notice.tasks.rows[0].lead = "办公室、质量发展股、标准计量股".into(),
                4 => notice.tasks.rows.truncate(5),
                5 => notice.header.organs.push("福鼎市教育局".into()),
                _ => {}
            }
            let composition = compose::compose(&notice);
            let blocks = &composition.blocks;
            let cached = pages_with(&composition, &mut cache);
            let fresh = pages(&composition);
            assert_eq!(cached.len(), fresh.len(), "round {round}");
            for (a, b) in cached.iter().zip(&fresh) {
                assert_eq!(a.items, b.items, "round {round}, page {}", a.index);
                assert_eq!(a.key, b.key);
            }
            // Only what this round drew is kept.
            assert!(cache.blocks.len() <= blocks.len());
        }
    }
}

#[cfg(test)]
mod letter_tests {
    use super::*;
    use crate::draft::DraftEnvelope;
    use crate::Notice;

    fn fixture(name: &str) -> Notice {
        let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        DraftEnvelope::from_json(&std::fs::read_to_string(path).unwrap())
            .unwrap()
            .notice
    }

    fn letter(notice: &mut Notice) {
        notice.header.form = crate::HeaderForm::Letter;
        notice.header.copy_number = "000123".into();
        notice.header.urgency = "特急".into();
    }

    const MM: f64 = 1440.0 / 25.4;

    #[test]
    fn a_letter_head_stands_where_the_standard_puts_it() {
        let head = pagination::letter_head("砀山县市场监督管理局");
        assert_eq!(head.size, spec::SIZE_XIAOCHU);
        // The 标志's characters' top edge 30 mm below the paper's top.
        let leading = (head.line - head.size as i32 * 10) / 2;
        assert_eq!(head.line_top + leading, (30.0 * MM).round() as i32);
        // The thick line 4 mm under the characters' foot (to the point a
        // border's distance is set in), thin under thick.
        let foot = head.line_top + leading + head.size as i32 * 10;
        assert!(((head.thick_top - foot) as f64 / MM - 4.0).abs() < 0.2);
        let thick = pagination::rule_twips(spec::LETTER_THICK_RULE);
        let thin = pagination::rule_twips(spec::LETTER_THIN_RULE);
        assert!(thick > thin);
        assert_eq!(
            head.thin_top,
            head.thick_top + thick + spec::LETTER_RULE_GAP
        );
        // The second double line thin over thick, its foot 20 mm above the
        // paper's bottom edge.
        assert_eq!(
            head.lower_thick_top,
            head.lower_thin_top + thin + spec::LETTER_RULE_GAP
        );
        let foot = head.lower_thick_top + thick;
        assert_eq!(spec::PAGE_HEIGHT as i32 - foot, (20.0 * MM).round() as i32);
        // 170 mm, centred on the block.
        assert_eq!(
            head.rule_left * 2 + spec::LETTER_RULE_LENGTH,
            spec::TEXT_WIDTH as i32
        );
        assert!((spec::LETTER_RULE_LENGTH as f64 / MM - 170.0).abs() < 0.05);
        // The first line's characters 7/8 of a 三号 character under the
        // double line.
        assert_eq!(
            head.body_top + spec::LETTER_LINE_INK - (head.thin_top + thin),
            14 * 20
        );
        // A long name is set smaller, so the line moves up with it.
        let long = pagination::letter_head(&"国".repeat(16));
        assert!(long.size < head.size && long.thick_top < head.thick_top);
    }

    #[test]
    fn a_letter_draws_its_head_marks_and_number_and_numbers_from_page_2() {
        let mut notice = fixture("county-plan-sections.json");
        letter(&mut notice);
        let composition = compose::compose(&notice);
        let blocks = &composition.blocks;
        assert!(
            matches!(&blocks[0], Block::LetterHead { organ } if organ == "砀山县市场监督管理局")
        );
        assert!(!blocks.iter().any(|b| matches!(
            b,
            Block::OrganMark { .. } | Block::DocNumber { .. } | Block::HeaderMark(_)
        )));
        let pages = pages(&composition);
        let plan = pagination::paginate(blocks);
        assert_eq!(pages.len() as u32, plan.page_count());
        assert!(pages.len() >= 2);
        assert_eq!(pages[0].number, None);
        assert_eq!(pages[1].number, Some(2));
        let head = pagination::letter_head("砀山县市场监督管理局");
        let first = &pages[0];
        // The 标志, above the text block.
        let mark = first
            .items
            .iter()
            .find(|i| matches!(&i.draw, Draw::Text { line, .. } if line.red))
            .expect("the red 标志");
        assert_eq!(mark.top, head.line_top - spec::MARGIN_TOP);
        assert!(mark.top < 0);
        // Four red lines, 170 mm, centred; two under the 标志, two at the foot.
        let rules: Vec<&Item> = first
            .items
            .iter()
            .filter(|i| matches!(i.draw, Draw::Rule { .. }))
            .collect();
        assert_eq!(rules.len(), 4);
        for rule in &rules {
            assert_eq!(
                rule.draw,
                Draw::Rule {
                    left: head.rule_left,
                    width: spec::LETTER_RULE_LENGTH
                }
            );
        }
        assert_eq!(rules[0].top, head.thick_top - spec::MARGIN_TOP);
        assert!(rules[0].height > rules[1].height, "thick over thin");
        assert!(rules[2].height < rules[3].height, "thin over thick");
        assert_eq!(
            rules[3].top + rules[3].height + spec::MARGIN_TOP,
            spec::PAGE_HEIGHT as i32 - spec::LETTER_LOWER_RULE
        );
        // Under the first line: the 份号 left with the number right, then
        // 特急; the title two blank lines below.
        let texts = first.line_texts();
        assert_eq!(texts[0], "砀山县市场监督管理局");
        assert_eq!(texts[1], "000123砀市监函〔2021〕12号".replace("函", "发"));
        assert_eq!(texts[2], "特急");
        let number = first
            .items
            .iter()
            .find(|i| i.field == Field::DocNumber)
            .unwrap();
        assert_eq!(number.top, head.body_top - spec::MARGIN_TOP);
        let Draw::Text { line, .. } = &number.draw else {
            panic!()
        };
        assert_eq!(line.split, Some(1));
        let title = first
            .items
            .iter()
            .find(|i| i.field == Field::Title)
            .unwrap();
        assert_eq!(title.top, number.top + 4 * spec::BODY_LINE_SPACING);
        // No other page draws the head.
        for page in &pages[1..] {
            assert!(page
                .items
                .iter()
                .all(|i| !matches!(i.draw, Draw::Rule { .. })));
        }
    }

    #[test]
    fn a_letters_imprint_has_only_cc_and_no_rules_at_the_foot_of_the_last_page() {
        let mut notice = fixture("county-plan-sections.json");
        letter(&mut notice);
        notice.imprint.cc = vec!["县委办".into(), "县政府办".into()];
        notice.imprint.printer = "砀山县市场监督管理局办公室".into();
        let composition = compose::compose(&notice);
        let imprint = composition.blocks.last().unwrap();
        assert_eq!(
            imprint,
            &Block::Imprint {
                cc: "县委办、县政府办。".into(),
                printer: String::new(),
                print_date: String::new()
            }
        );
        let plan = pagination::paginate(&composition.blocks);
        assert_eq!(plan.imprint_height, spec::BODY_LINE_SPACING);
        let pages = pages(&composition);
        let last = pages.last().unwrap();
        let item = last
            .items
            .iter()
            .find(|i| matches!(i.draw, Draw::Imprint { .. }))
            .unwrap();
        assert_eq!(item.top + item.height, spec::TEXT_HEIGHT as i32);
        assert!(matches!(
            item.draw,
            Draw::Imprint {
                thick: 0,
                thin: 0,
                ..
            }
        ));
        // An odd last page keeps it: a letter needs no even one.
        assert_eq!(last.index, plan.body_pages);
    }

    #[test]
    fn the_form_is_kept_in_drafts_and_old_drafts_are_standard() {
        let mut notice = fixture("county-plan-sections.json");
        assert_eq!(notice.header.form, crate::HeaderForm::Standard);
        letter(&mut notice);
        let text = DraftEnvelope::new(notice.clone(), "2021-09-06T08:00:00Z").to_json();
        assert!(text.contains(r#""form":"letter""#), "{text}");
        let back = DraftEnvelope::from_json(&text).unwrap();
        assert_eq!(back.notice, notice);
        let old = text.replace(r#","form":"letter""#, "");
        assert_ne!(old, text);
        let back = DraftEnvelope::from_json(&old).unwrap();
        assert_eq!(back.notice.header.form, crate::HeaderForm::Standard);
    }
}
