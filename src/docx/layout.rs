//! Draws the composed blocks ([`crate::core::compose`]) with docx-rs. Every
//! measure comes from [`crate::core::gbt9704`]; this file only decides how
//! each block becomes OOXML.

use crate::core::compose::{self, Block, Face, Indent, Span};
use crate::core::gbt9704 as spec;
use crate::core::text::xml_safe;
use crate::core::Notice;
use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, LineSpacing, LineSpacingType, PageMargin,
    Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts,
    SpecialIndentType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableLayoutType, TableRow, VAlignType, WidthType,
};

/// Fonts used for each face.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FontSet {
    pub title: &'static str,
    pub body: &'static str,
    pub hei: &'static str,
    pub kai: &'static str,
    pub song: &'static str,
}

impl FontSet {
    /// The fonts of the standard's practice (GB2312 families).
    pub const STANDARD: FontSet = FontSet {
        title: spec::FONT_TITLE,
        body: spec::FONT_BODY,
        hei: spec::FONT_HEITI,
        kai: spec::FONT_KAITI,
        song: spec::FONT_SONGTI,
    };

    /// For machines without the GB2312 fonts: the 仿宋 and 楷体 that Windows
    /// ships.
    pub const COMMON: FontSet = FontSet {
        title: spec::FONT_TITLE,
        body: spec::FONT_BODY_COMMON,
        hei: spec::FONT_HEITI,
        kai: spec::FONT_KAITI_COMMON,
        song: spec::FONT_SONGTI,
    };

    fn of(&self, face: Face) -> &'static str {
        match face {
            Face::Title => self.title,
            Face::Body => self.body,
            Face::Hei => self.hei,
            Face::Kai => self.kai,
            Face::Song => self.song,
        }
    }
}

/// Line spacing inside table cells: 20 pt exact; the body's 579-twip spacing
/// would make rows far too tall.
const CELL_LINE_SPACING: i32 = 400;

/// One 三号 character's advance, condensed as the body is.
const CHAR: i32 = (spec::SIZE_BODY as i32 / 2) * 20 + spec::BODY_CHAR_SPACING;

struct Writer {
    docx: Docx,
    fonts: FontSet,
}

pub(super) fn lay_out(notice: &Notice, fonts: FontSet) -> Docx {
    let docx = Docx::new()
        .page_size(spec::PAGE_WIDTH, spec::PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(spec::MARGIN_TOP)
                .bottom(spec::MARGIN_BOTTOM)
                .left(spec::MARGIN_LEFT)
                .right(spec::MARGIN_RIGHT),
        )
        .default_fonts(font_slots(fonts.body))
        .default_size(spec::SIZE_BODY);
    let mut writer = Writer { docx, fonts };
    let blocks = compose::blocks(notice);
    let mut marks = 0;
    let mut previous: Option<&Block> = None;
    for block in &blocks {
        writer.block(block, previous, marks);
        if matches!(block, Block::HeaderMark(_)) {
            marks += 1;
        }
        previous = Some(block);
    }
    writer.docx
}

/// East Asian and Latin slots alike, with the eastAsia hint so full-width
/// quotes and dashes keep the Chinese face.
fn font_slots(name: &str) -> RunFonts {
    RunFonts::new()
        .ascii(name)
        .hi_ansi(name)
        .east_asia(name)
        .cs(name)
        .hint("eastAsia")
}

fn exact(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
        .before(0)
        .after(0)
}

/// A paragraph on the 22-line grid, widow control off (with it on, full
/// pages drop to 21 lines in LibreOffice).
fn grid_paragraph() -> Paragraph {
    Paragraph::new()
        .line_spacing(exact(spec::BODY_LINE_SPACING))
        .widow_control(false)
}

fn blank_line() -> Paragraph {
    grid_paragraph()
}

/// Approximate width in twips: CJK one em, ASCII half an em.
fn text_width(text: &str) -> i32 {
    text.chars()
        .map(|c| if c.is_ascii() { CHAR / 2 } else { CHAR })
        .sum()
}

impl Writer {
    /// A run in one face and size. Line breaks become `w:br` (docx-rs's
    /// `add_text` drops them); text is stripped of XML-illegal characters.
    fn run(&self, text: &str, face: Face, size: usize) -> Run {
        let mut run = Run::new().fonts(font_slots(self.fonts.of(face))).size(size);
        if size == spec::SIZE_BODY {
            run = run.character_spacing(spec::BODY_CHAR_SPACING);
        }
        for (i, line) in xml_safe(text).split('\n').enumerate() {
            if i > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            run = run.add_text(line.trim_end_matches('\r'));
        }
        run
    }

    fn span_run(&self, span: &Span) -> Run {
        self.run(&span.text, span.face, spec::SIZE_BODY)
    }

    fn push(&mut self, paragraph: Paragraph) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_paragraph(paragraph);
    }

    fn push_table(&mut self, table: Table) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_table(table);
    }

    fn block(&mut self, block: &Block, previous: Option<&Block>, marks_before: usize) {
        match block {
            Block::HeaderMark(span) => {
                let paragraph = grid_paragraph().add_run(self.span_run(span));
                self.push(paragraph);
            }
            Block::OrganMark { organs, suffix } => self.organ_mark(organs, suffix, marks_before),
            Block::DocNumber { number, signers } => {
                if matches!(previous, Some(Block::OrganMark { .. })) {
                    // §7.2.4: two blank lines between the 标志 and the 发文字号.
                    self.push(blank_line());
                    self.push(blank_line());
                }
                self.doc_number(number, signers);
            }
            Block::Title { lines } => {
                match previous {
                    // §7.3.1: two blank lines below the red rule.
                    Some(Block::DocNumber { .. }) => {
                        self.push(blank_line());
                        self.push(blank_line());
                    }
                    Some(Block::PageBreak) => {
                        self.push(blank_line());
                    }
                    _ => {}
                }
                let mut run = Run::new()
                    .fonts(font_slots(self.fonts.title))
                    .size(spec::SIZE_TITLE);
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        run = run.add_break(BreakType::TextWrapping);
                    }
                    run = run.add_text(xml_safe(line));
                }
                self.push(grid_paragraph().align(AlignmentType::Center).add_run(run));
                // §7.3.2: one blank line below the title.
                self.push(blank_line());
            }
            Block::Recipients(text) => {
                let paragraph = grid_paragraph()
                    .align(AlignmentType::Both)
                    .add_run(self.run(text, Face::Body, spec::SIZE_BODY));
                self.push(paragraph);
            }
            Block::Paragraph { spans, indent } => {
                let mut paragraph = grid_paragraph().align(AlignmentType::Both);
                if *indent == Indent::FirstLine {
                    // Twips, not `first_line_chars`, which docx-rs never writes.
                    paragraph = paragraph.indent(
                        None,
                        Some(SpecialIndentType::FirstLine(spec::BODY_FIRST_LINE_INDENT)),
                        None,
                        None,
                    );
                }
                for span in spans {
                    paragraph = paragraph.add_run(self.span_run(span));
                }
                self.push(paragraph);
            }
            Block::TaskTable { header, rows } => self.task_table(header, rows),
            Block::Attachments(items) => self.attachments(items),
            Block::Signature {
                organs,
                date,
                sealed,
            } => self.signature(organs, date, *sealed),
            Block::Note(text) => {
                let paragraph = grid_paragraph()
                    .indent(
                        None,
                        Some(SpecialIndentType::FirstLine(spec::BODY_FIRST_LINE_INDENT)),
                        None,
                        None,
                    )
                    .add_run(self.run(text, Face::Body, spec::SIZE_BODY));
                self.push(paragraph);
            }
            Block::PageBreak => {
                self.push(grid_paragraph().add_run(Run::new().add_break(BreakType::Page)));
            }
            Block::Imprint {
                cc,
                printer,
                print_date,
            } => self.imprint(cc, printer, print_date),
        }
    }

    /// The red 发文机关标志 (§7.2.3): centred, 小标宋, sized to fit the block;
    /// its top edge 35 mm below the top of the text block. A joint notice
    /// with 文件 stacks the organs left of one 文件.
    fn organ_mark(&mut self, organs: &[String], suffix: &str, marks_before: usize) {
        let longest = organs.iter().map(|o| o.chars().count()).max().unwrap_or(0);
        let size = spec::organ_mark_size(longest + suffix.chars().count());
        let before = (spec::ORGAN_MARK_TOP - marks_before as i32 * spec::BODY_LINE_SPACING).max(0);
        let line = (size as i32 * 10 * 6) / 5; // 1.2 x the size, in twips
        let red_run = |text: &str| {
            Run::new()
                .fonts(font_slots(self.fonts.title))
                .size(size)
                .color(spec::RED)
                .add_text(xml_safe(text))
        };
        if organs.len() > 1 && !suffix.is_empty() {
            let suffix_width = (size * 10 * suffix.chars().count()) as i32 + 200;
            let name_width = spec::TEXT_WIDTH as i32 - suffix_width;
            let names = organs.iter().fold(TableCell::new(), |cell, organ| {
                cell.add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Distribute)
                        .line_spacing(exact(line))
                        .add_run(red_run(organ)),
                )
            });
            let table = Table::without_borders(vec![TableRow::new(vec![
                names.width(name_width as usize, WidthType::Dxa),
                TableCell::new()
                    .width(suffix_width as usize, WidthType::Dxa)
                    .vertical_align(VAlignType::Center)
                    .add_paragraph(
                        Paragraph::new()
                            .align(AlignmentType::Right)
                            .add_run(red_run(suffix)),
                    ),
            ])])
            .set_grid(vec![name_width as usize, suffix_width as usize])
            .layout(TableLayoutType::Fixed)
            .width(spec::TEXT_WIDTH as usize, WidthType::Dxa);
            self.push(Paragraph::new().line_spacing(exact(before.max(20))));
            self.push_table(table);
            return;
        }
        for (i, organ) in organs.iter().enumerate() {
            let text = if i + 1 == organs.len() {
                format!("{organ}{suffix}")
            } else {
                organ.clone()
            };
            let spacing = LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(line)
                .before(if i == 0 { before as u32 } else { 0 })
                .after(0);
            let paragraph = Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(spacing)
                .widow_control(false)
                .add_run(red_run(&text));
            self.push(paragraph);
        }
    }

    /// 发文字号 (§7.2.4), centred; with 签发人 (§7.2.5) flush left with one
    /// character's indent and the signers at the right. The red rule is the
    /// paragraph's bottom border, 4 mm below (§7.2.6).
    fn doc_number(&mut self, number: &str, signers: &[String]) {
        let rule = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
            .val(BorderType::Single)
            .size(spec::RED_RULE_SIZE)
            .space(spec::RED_RULE_SPACE)
            .color(spec::RED);
        let mut paragraph = grid_paragraph();
        if signers.is_empty() {
            paragraph = paragraph.align(AlignmentType::Center).add_run(self.run(
                number,
                Face::Body,
                spec::SIZE_BODY,
            ));
        } else {
            let signer_text = signers.join(" ");
            let right = text_width(&signer_text) + text_width("签发人：") + CHAR;
            paragraph = paragraph
                .indent(Some(CHAR), None, None, None)
                .add_tab(
                    docx_rs::Tab::new()
                        .val(docx_rs::TabValueType::Left)
                        .pos((spec::TEXT_WIDTH as i32 - right).max(0) as usize),
                )
                .add_run(self.run(number, Face::Body, spec::SIZE_BODY))
                .add_run(Run::new().add_tab())
                .add_run(self.run("签发人：", Face::Body, spec::SIZE_BODY))
                .add_run(self.run(&signer_text, Face::Kai, spec::SIZE_BODY));
        }
        // Only the bottom edge: `set_border` would start from a full box.
        paragraph.property = paragraph
            .property
            .set_borders(ParagraphBorders::with_empty().set(rule));
        self.push(paragraph);
    }

    fn cell(&self, text: &str, width: usize, face: Face, align: AlignmentType) -> TableCell {
        let paragraph = Paragraph::new()
            .align(align)
            .line_spacing(exact(CELL_LINE_SPACING))
            .widow_control(false)
            .add_run(self.run(text, face, spec::SIZE_SIHAO));
        TableCell::new()
            .width(width, WidthType::Dxa)
            .vertical_align(VAlignType::Center)
            .add_paragraph(paragraph)
    }

    /// The task table: full width, fixed layout, grid and every cell's
    /// width; header 黑体, repeated on each page (the package step adds
    /// `w:tblHeader` next to the header row's `w:cantSplit`).
    fn task_table(&mut self, header: &[String; 5], rows: &[[String; 5]]) {
        let columns = compose::task_column_widths(rows, spec::TEXT_WIDTH);
        let head = TableRow::new(
            header
                .iter()
                .zip(columns)
                .map(|(name, width)| self.cell(name, width, Face::Hei, AlignmentType::Center))
                .collect(),
        )
        .cant_split();
        let mut table_rows = vec![head];
        for row in rows {
            table_rows.push(TableRow::new(
                row.iter()
                    .zip(columns)
                    .enumerate()
                    .map(|(col, (text, width))| {
                        let align = if col == 1 {
                            AlignmentType::Left
                        } else {
                            AlignmentType::Center
                        };
                        self.cell(text, width, Face::Body, align)
                    })
                    .collect(),
            ));
        }
        let table = Table::new(table_rows)
            .set_grid(columns.to_vec())
            .layout(TableLayoutType::Fixed)
            .width(spec::TEXT_WIDTH as usize, WidthType::Dxa);
        self.push_table(table);
    }

    /// 附件说明 (§7.3.4): one blank line below the body, indent two
    /// characters, "附件：1. 名称", wrapped names aligned with the name.
    fn attachments(&mut self, items: &[String]) {
        self.push(blank_line());
        let label = "附件：";
        let label_width = text_width(label);
        for (i, item) in items.iter().enumerate() {
            let number = if items.len() > 1 {
                format!("{}.", i + 1)
            } else {
                String::new()
            };
            let name = item.trim_end_matches(['。', '.', '；', ';', '，']);
            let number_width = text_width(&number);
            let left = spec::BODY_FIRST_LINE_INDENT + label_width + number_width;
            let (text, hanging) = if i == 0 {
                (format!("{label}{number}{name}"), label_width + number_width)
            } else {
                (format!("{number}{name}"), number_width)
            };
            let paragraph = grid_paragraph()
                .indent(
                    Some(left),
                    Some(SpecialIndentType::Hanging(hanging)),
                    None,
                    None,
                )
                .add_run(self.run(&text, Face::Body, spec::SIZE_BODY));
            self.push(paragraph);
        }
    }

    /// 发文机关署名 and 成文日期 (§7.3.5). Sealed: the date right-indented
    /// four characters, each organ centred over it. Unsealed: one blank line,
    /// the organ right-indented two characters, the date on the next line
    /// starting two characters right of the organ's first character (or, when
    /// the date is the longer, the date right-indented two and the organ
    /// moved left to keep that offset).
    fn signature(&mut self, organs: &[String], date: &str, sealed: bool) {
        let date_width = text_width(date);
        // Organ lines keep with the date: a date alone on a page is wrong.
        let line = |this: &Self, text: &str, right: i32, keep: bool| {
            grid_paragraph()
                .keep_next(keep)
                .align(AlignmentType::Right)
                .indent(None, None, Some(right.max(0)), None)
                .add_run(this.run(text, Face::Body, spec::SIZE_BODY))
        };
        if sealed {
            self.push(blank_line());
            self.push(blank_line());
            let date_right = 4 * CHAR;
            for organ in organs {
                let right = if date.is_empty() {
                    date_right
                } else {
                    date_right + (date_width - text_width(organ)) / 2
                };
                let paragraph = line(self, organ, right, true);
                self.push(paragraph);
            }
            if !date.is_empty() {
                let paragraph = line(self, date, date_right, false);
                self.push(paragraph);
            }
        } else {
            self.push(blank_line());
            let widest = organs.iter().map(|o| text_width(o)).max().unwrap_or(0);
            // Where the organ's first character stands, from the right edge.
            let organ_start = (2 * CHAR + widest).max(2 * CHAR + date_width + 2 * CHAR);
            for organ in organs {
                let paragraph = line(self, organ, organ_start - text_width(organ), true);
                self.push(paragraph);
            }
            if !date.is_empty() {
                let paragraph = line(self, date, organ_start - 2 * CHAR - date_width, false);
                self.push(paragraph);
            }
        }
    }

    /// 版记 (§7.4): 抄送 and 印发机关/印发日期 between full-width rules, thick
    /// first and last, thin between, 四号.
    fn imprint(&mut self, cc: &str, printer: &str, print_date: &str) {
        let rule = |position, size| {
            TableBorder::new(position)
                .border_type(BorderType::Single)
                .size(size)
                .color("000000")
        };
        let thick = spec::IMPRINT_THICK_RULE;
        let thin = spec::IMPRINT_THIN_RULE;
        let borders = TableBorders::with_empty()
            .set(rule(TableBorderPosition::Top, thick))
            .set(rule(TableBorderPosition::Bottom, thick))
            .set(rule(TableBorderPosition::InsideH, thin));
        let size = spec::SIZE_IMPRINT;
        let char_width = (size as i32 / 2) * 20;
        let paragraph = |this: &Self, text: &str, align: AlignmentType, left: i32, right: i32| {
            Paragraph::new()
                .align(align)
                .line_spacing(exact(spec::BODY_LINE_SPACING))
                .widow_control(false)
                .indent(Some(left), None, Some(right), None)
                .add_run(this.run(text, Face::Body, size))
        };
        let width = spec::TEXT_WIDTH as usize;
        let mut rows = Vec::new();
        if !cc.is_empty() {
            let label = "抄送：";
            let label_width = char_width * 3;
            let p = paragraph(
                self,
                &format!("{label}{cc}"),
                AlignmentType::Left,
                char_width,
                char_width,
            )
            .indent(
                Some(char_width + label_width),
                Some(SpecialIndentType::Hanging(label_width)),
                Some(char_width),
                None,
            );
            rows.push(TableRow::new(vec![TableCell::new()
                .width(width, WidthType::Dxa)
                .grid_span(2)
                .add_paragraph(p)]));
        }
        if !printer.is_empty() || !print_date.is_empty() {
            let half = width / 2;
            rows.push(TableRow::new(vec![
                TableCell::new()
                    .width(half, WidthType::Dxa)
                    .add_paragraph(paragraph(self, printer, AlignmentType::Left, char_width, 0)),
                TableCell::new()
                    .width(width - half, WidthType::Dxa)
                    .add_paragraph(paragraph(
                        self,
                        print_date,
                        AlignmentType::Right,
                        0,
                        char_width,
                    )),
            ]));
        }
        if rows.is_empty() {
            return;
        }
        // A blank line keeps the imprint off the body.
        self.push(blank_line());
        let half = width / 2;
        let table = Table::new(rows)
            .set_borders(borders)
            .set_grid(vec![half, width - half])
            .layout(TableLayoutType::Fixed)
            .width(width, WidthType::Dxa)
            .margins(docx_rs::TableCellMargins::new().margin(0, 0, 0, 0));
        self.push_table(table);
    }
}
