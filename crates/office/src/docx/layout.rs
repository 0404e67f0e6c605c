//! Draws the composed blocks ([`notice_core::compose`]) with docx-rs. Every
//! measure comes from [`notice_core::gbt9704`], every vertical decision
//! (blank lines, where the pages end, where the 版记 goes) from
//! [`notice_core::pagination`]; this file only decides how each block
//! becomes OOXML.
//!
//! Sections and page numbers (§7.4, §7.5). Odd and even pages carry
//! different footers (`w:evenAndOddHeaders`): "— n —" right with one
//! character's space on odd pages, left on even ones. When the 版记 fits at
//! the foot of the body's last page (an even one) it floats there, in the
//! one section. Otherwise the body ends its own section (the `w:sectPr` in
//! its last paragraph, so no empty paragraph can spill onto a page of its
//! own), and the 版记 gets a last section starting on a new page; when the
//! body ends on an even page a one-page section holding an empty paragraph
//! comes between, so that the 版记 page is even. The blank section and the
//! 版记 section are one page each and show their first-page footer, which is
//! empty (`w:titlePg`): footers are inherited from section to section, and
//! docx-rs only registers footer parts through the last section, so the
//! numbered footers stay the default and even ones everywhere and only the
//! first-page footer is blank. The 版记 section is also marked `evenPage`:
//! Word and WPS then keep the 版记 on an even page even where the estimate
//! missed; LibreOffice ignores that mark, so the estimate is what it sees.

use super::styles;
use docx_rs::{
    AlignmentType, BorderType, BreakType, DocGrid, DocGridType, DocumentChild, Docx, FieldCharType,
    Footer, InstrPAGE, InstrText, LineSpacing, LineSpacingType, PageMargin, PageSize, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, SectionProperty,
    SectionType, SpecialIndentType, Table, TableBorder, TableBorderPosition, TableBorders,
    TableCell, TableCellMargins, TableLayoutType, TablePositionProperty, TableRow, VAlignType,
    WidthType,
};
use notice_core::compose::{self, Block, Face, Indent, Span};
use notice_core::gbt9704 as spec;
use notice_core::pagination::{self, ImprintPlacement, BODY_CHAR};
use notice_core::text::xml_safe;
use notice_core::Notice;

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

struct Writer {
    docx: Docx,
    fonts: FontSet,
}

fn page_margin() -> PageMargin {
    PageMargin::new()
        .top(spec::MARGIN_TOP)
        .bottom(spec::MARGIN_BOTTOM)
        .left(spec::MARGIN_LEFT)
        .right(spec::MARGIN_RIGHT)
        .footer(spec::FOOTER_DISTANCE as i32)
}

/// The document grid (§5.2.2: 22 lines a page) recorded at the body's
/// exact line pitch, as Word's "no grid" (`default`): a line grid
/// (`lines`) makes LibreOffice push table rows at the foot of a page into
/// the footer (measured on the render tests' varied notices), and Word
/// lays exact-spaced lines out the same with either. A character grid is
/// left out too: Word snaps characters to it and may fit 27 a line where
/// the condensed spacing fits 28.
fn line_grid() -> DocGrid {
    DocGrid::new()
        .grid_type(DocGridType::Default)
        .line_pitch(spec::BODY_LINE_SPACING as usize)
}

pub(super) fn lay_out(notice: &Notice, fonts: FontSet, letterhead: Option<i32>) -> Docx {
    let docx = Docx::new()
        .page_size(spec::PAGE_WIDTH, spec::PAGE_HEIGHT)
        .page_margin(page_margin())
        .default_fonts(font_slots(fonts.body))
        .default_size(spec::SIZE_BODY);
    let mut docx = docx;
    docx.document = std::mem::take(&mut docx.document).doc_grid(line_grid());
    let mut writer = Writer { docx, fonts };
    let blocks = match letterhead {
        Some(reserved) => compose::on_letterhead(compose::compose(notice), reserved).blocks,
        None => compose::blocks(notice),
    };
    let pages = pagination::paginate(&blocks);
    let letter = blocks.iter().find_map(|b| match b {
        Block::LetterHead { organ } => Some(organ.as_str()),
        _ => None,
    });
    let mut marks = 0;
    let mut previous: Option<&Block> = None;
    let mut imprint = None;
    for (i, block) in blocks.iter().enumerate() {
        if matches!(block, Block::Imprint { .. }) {
            imprint = Some(block);
            continue;
        }
        for _ in 0..pagination::blank_lines_before(block, previous) {
            writer.push(blank_line());
        }
        writer.block(block, marks);
        if matches!(block, Block::Signature { .. })
            && pagination::signature_keeps_with_next(blocks.get(i + 1))
        {
            writer.keep_last_with_next();
        }
        for _ in 0..pagination::blank_lines_after(block) {
            writer.push(blank_line());
        }
        if matches!(block, Block::HeaderMark(_)) {
            marks += 1;
        }
        previous = Some(block);
    }
    if let Some(organ) = letter {
        writer.letter_head(organ);
    }
    writer.finish(imprint, pages.imprint, letter.is_some())
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
/// pages drop to 21 lines in LibreOffice): the 正文 style, repeated as
/// direct formatting.
fn grid_paragraph() -> Paragraph {
    Paragraph::new()
        .style(styles::BODY)
        .line_spacing(exact(spec::BODY_LINE_SPACING))
        .widow_control(false)
}

/// Indents in twips. The 正文 style indents first lines, so every other
/// paragraph says its own first-line (or hanging) indent, if only 0.
fn indent(paragraph: Paragraph, left: i32, special: SpecialIndentType, right: i32) -> Paragraph {
    paragraph.indent(Some(left), Some(special), Some(right), None)
}

fn flush(paragraph: Paragraph) -> Paragraph {
    indent(paragraph, 0, SpecialIndentType::FirstLine(0), 0)
}

fn blank_line() -> Paragraph {
    grid_paragraph()
}

/// The 正文 style of a paragraph: its heading level's, or body text's.
fn paragraph_style(heading: Option<u8>) -> &'static str {
    match heading {
        Some(level @ 1..=4) => styles::HEADINGS[level as usize - 1],
        _ => styles::BODY,
    }
}

/// Which footer: odd pages or even ones.
#[derive(Clone, Copy)]
enum Side {
    Odd,
    Even,
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

    fn block(&mut self, block: &Block, marks_before: usize) {
        match block {
            Block::HeaderMark(span) => {
                let paragraph = flush(grid_paragraph()).add_run(self.span_run(span));
                self.push(paragraph);
            }
            Block::OrganMark { organs, suffix } => self.organ_mark(organs, suffix, marks_before),
            Block::DocNumber {
                number,
                signers,
                rule,
            } => self.doc_number(number, signers, *rule),
            // Drawn in page 1's header and footer (see `letter_head`).
            Block::LetterHead { .. } => {}
            Block::LetterLines { marks, number } => self.letter_lines(marks, number),
            // One empty line of exactly that height (space before a first
            // paragraph is dropped at the top of a page by some readers).
            Block::Reserved(height) => {
                self.push(
                    flush(Paragraph::new().style(styles::BODY))
                        .line_spacing(exact(*height))
                        .widow_control(false),
                );
            }
            Block::Title { lines } => {
                let mut run = Run::new()
                    .fonts(font_slots(self.fonts.title))
                    .size(spec::SIZE_TITLE);
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        run = run.add_break(BreakType::TextWrapping);
                    }
                    run = run.add_text(xml_safe(line));
                }
                let paragraph = flush(grid_paragraph().style(styles::TITLE))
                    .align(AlignmentType::Center)
                    .add_run(run);
                self.push(paragraph);
            }
            Block::Recipients(text) => {
                let paragraph = flush(grid_paragraph())
                    .align(AlignmentType::Both)
                    .add_run(self.run(text, Face::Body, spec::SIZE_BODY));
                self.push(paragraph);
            }
            Block::Paragraph {
                spans,
                indent: how,
                heading,
            } => {
                let mut paragraph = grid_paragraph()
                    .style(paragraph_style(*heading))
                    .keep_next(pagination::keeps_with_next(block))
                    .align(AlignmentType::Both);
                paragraph = match how {
                    Indent::FirstLine => indent(
                        paragraph,
                        0,
                        SpecialIndentType::FirstLine(spec::BODY_FIRST_LINE_INDENT),
                        0,
                    ),
                    Indent::None => flush(paragraph),
                };
                for span in spans {
                    paragraph = paragraph.add_run(self.span_run(span));
                }
                self.push(paragraph);
            }
            Block::TaskTable { .. } | Block::Table { .. } => {
                if let Some(table) = block.table() {
                    self.table(&table);
                }
            }
            // Starts its page as the page break's paragraph does (§8).
            Block::AttachmentLabel(text) => {
                let paragraph = flush(grid_paragraph())
                    .page_break_before(true)
                    .add_run(self.run(text, Face::Hei, spec::SIZE_BODY));
                self.push(paragraph);
            }
            Block::Attachments(items) => self.attachments(items),
            Block::Signature {
                organs,
                date,
                sealed,
            } => self.signature(organs, date, *sealed),
            Block::Note(text) => {
                let paragraph = indent(
                    grid_paragraph(),
                    0,
                    SpecialIndentType::FirstLine(spec::BODY_FIRST_LINE_INDENT),
                    0,
                )
                .add_run(self.run(text, Face::Body, spec::SIZE_BODY));
                self.push(paragraph);
            }
            // A paragraph that starts the page, not a page-break run: a break
            // in an empty paragraph at the very foot of a page would leave a
            // blank page behind it.
            Block::PageBreak => self.push(blank_line().page_break_before(true)),
            Block::Imprint { .. } => {}
        }
    }

    /// The red 发文机关标志 (§7.2.3): centred, 小标宋, sized to fit the block;
    /// its top edge 35 mm below the top of the text block. A joint notice
    /// with 文件 stacks the organs left of one 文件.
    fn organ_mark(&mut self, organs: &[String], suffix: &str, marks_before: usize) {
        let size = pagination::organ_mark_size(organs, suffix);
        let before = pagination::organ_mark_space_before(marks_before, size);
        let line = pagination::organ_mark_line(size);
        let red_run = |text: &str| {
            Run::new()
                .fonts(font_slots(self.fonts.title))
                .size(size)
                .color(spec::RED)
                .add_text(xml_safe(text))
        };
        let mark_paragraph = || {
            flush(Paragraph::new().style(styles::BODY))
                .line_spacing(exact(line))
                .widow_control(false)
        };
        if pagination::organ_mark_is_table(organs, suffix) {
            let suffix_width = (size * 10 * suffix.chars().count()) as i32 + spec::ORGAN_SUFFIX_GAP;
            let name_width = spec::TEXT_WIDTH as i32 - suffix_width;
            let names = organs.iter().fold(TableCell::new(), |cell, organ| {
                cell.add_paragraph(
                    mark_paragraph()
                        .align(AlignmentType::Distribute)
                        .add_run(red_run(organ)),
                )
            });
            let table = Table::without_borders(vec![TableRow::new(vec![
                names.width(name_width as usize, WidthType::Dxa),
                TableCell::new()
                    .width(suffix_width as usize, WidthType::Dxa)
                    .vertical_align(VAlignType::Center)
                    .add_paragraph(
                        mark_paragraph()
                            .align(AlignmentType::Right)
                            .add_run(red_run(suffix)),
                    ),
            ])])
            .set_grid(vec![name_width as usize, suffix_width as usize])
            .layout(TableLayoutType::Fixed)
            .width(spec::TEXT_WIDTH as usize, WidthType::Dxa)
            // The names fill their cell edge to edge.
            .margins(TableCellMargins::new().margin(0, 0, 0, 0));
            self.push(flush(grid_paragraph()).line_spacing(exact(before.max(20))));
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
            let paragraph = mark_paragraph()
                .align(AlignmentType::Center)
                .line_spacing(spacing)
                .add_run(red_run(&text));
            self.push(paragraph);
        }
    }

    /// 发文字号 (§7.2.4), centred; with 签发人 (§7.2.5) flush left with one
    /// character's indent and the signers at the right. The red rule is the
    /// paragraph's bottom border, 4 mm below (§7.2.6).
    /// 发文字号 (§7.2.4) and, unless the paper has it printed, the red rule
    /// (§7.2.5) as its bottom border; without the rule, space after takes
    /// the room the rule takes, so what follows stands where it would.
    fn doc_number(&mut self, number: &str, signers: &[String], rule_drawn: bool) {
        let rule = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
            .val(BorderType::Single)
            .size(spec::RED_RULE_SIZE)
            .space(spec::RED_RULE_SPACE)
            .color(spec::RED);
        let mut paragraph = grid_paragraph();
        if signers.is_empty() {
            paragraph = flush(paragraph)
                .align(AlignmentType::Center)
                .add_run(self.run(number, Face::Body, spec::SIZE_BODY));
        } else {
            let signer_text = signers.join(" ");
            let width =
                |t: &str| pagination::text_width(t, spec::SIZE_BODY, spec::BODY_CHAR_SPACING);
            let right = width(&signer_text) + width("签发人：") + BODY_CHAR;
            paragraph = indent(paragraph, BODY_CHAR, SpecialIndentType::FirstLine(0), 0)
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
        if rule_drawn {
            // Only the bottom edge: `set_border` would start from a full box.
            paragraph.property = paragraph
                .property
                .set_borders(ParagraphBorders::with_empty().set(rule));
        } else {
            paragraph = paragraph.line_spacing(
                exact(spec::BODY_LINE_SPACING).after(pagination::RED_RULE_EXTRA as u32),
            );
        }
        self.push(paragraph);
    }

    /// A letter's 份号, 密级 and 紧急程度 flush left, one a line, and its
    /// 发文字号 flush right on the first line (§10.1).
    fn letter_lines(&mut self, marks: &[Span], number: &str) {
        for k in 0..marks.len().max(1) {
            let mut paragraph = flush(grid_paragraph());
            if let Some(mark) = marks.get(k) {
                paragraph = paragraph.add_run(self.span_run(mark));
            }
            if k == 0 && !number.is_empty() {
                paragraph = if marks.is_empty() {
                    paragraph.align(AlignmentType::Right)
                } else {
                    paragraph
                        .add_tab(
                            docx_rs::Tab::new()
                                .val(docx_rs::TabValueType::Right)
                                .pos(spec::TEXT_WIDTH as usize),
                        )
                        .add_run(Run::new().add_tab())
                };
                paragraph = paragraph.add_run(self.run(number, Face::Body, spec::SIZE_BODY));
            }
            self.push(paragraph);
        }
    }

    /// The 信函格式's 版头 (§10.1), on page 1 only (`w:titlePg`): in the
    /// first-page header the red 标志 with its top edge 30 mm below the
    /// paper's top and the double line under it (thick over thin, each a
    /// paragraph's bottom border, 170 mm wide by negative indents); the
    /// header reaches into the text block, which Word and LibreOffice start
    /// under it, so the header's last paragraph spaces the body's first line
    /// below the line. In the first-page footer the second double line
    /// (thin over thick), its foot 20 mm above the paper's bottom edge: the
    /// footer's distance. That footer fills the space under the text block
    /// exactly, so page 1's block ends where every other page's does; page
    /// 1 has no number.
    fn letter_head(&mut self, organ: &str) {
        let head = pagination::letter_head(organ);
        let sides = |paragraph: Paragraph| {
            let right = spec::TEXT_WIDTH as i32 - head.rule_left - spec::LETTER_RULE_LENGTH;
            indent(
                paragraph,
                head.rule_left,
                SpecialIndentType::FirstLine(0),
                right,
            )
        };
        let line = |size: usize, space: usize| {
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size(size)
                    .space(space)
                    .color(spec::RED),
            )
        };
        let plain = |height: i32, after: i32| {
            sides(Paragraph::new().style(styles::BODY))
                .line_spacing(exact(height).after(after.max(0) as u32))
                .widow_control(false)
        };
        let mut mark = plain(head.line, 0).align(AlignmentType::Center).add_run(
            Run::new()
                .fonts(font_slots(self.fonts.title))
                .size(head.size)
                .color(spec::RED)
                .add_text(xml_safe(organ)),
        );
        mark.property = mark
            .property
            .set_borders(line(spec::LETTER_THICK_RULE, head.space_pt as usize));
        let thin = pagination::rule_twips(spec::LETTER_THIN_RULE);
        let thick = pagination::rule_twips(spec::LETTER_THICK_RULE);
        let below = head.body_top - (head.thin_top + thin);
        let mut second = plain(spec::LETTER_RULE_GAP, below);
        second.property = second.property.set_borders(line(spec::LETTER_THIN_RULE, 0));
        let header = docx_rs::Header::new()
            .add_paragraph(mark)
            .add_paragraph(second);
        let under_block = spec::MARGIN_BOTTOM - spec::LETTER_LOWER_RULE;
        let mut upper = plain(under_block - thin - spec::LETTER_RULE_GAP - thick, 0);
        upper.property = upper.property.set_borders(line(spec::LETTER_THIN_RULE, 0));
        let mut lower = plain(spec::LETTER_RULE_GAP, 0);
        lower.property = lower.property.set_borders(line(spec::LETTER_THICK_RULE, 0));
        let footer = Footer::new().add_paragraph(upper).add_paragraph(lower);
        self.docx = std::mem::take(&mut self.docx)
            .first_header(header)
            .first_footer(footer);
        let margin = page_margin()
            .header(head.line_top)
            .footer(spec::LETTER_LOWER_RULE);
        self.docx.document.section_property.page_margin = margin;
    }

    fn cell(&self, text: &str, width: usize, face: Face, align: AlignmentType) -> TableCell {
        let paragraph = flush(Paragraph::new().style(styles::TABLE))
            .align(align)
            .line_spacing(exact(spec::CELL_LINE_SPACING))
            .widow_control(false)
            .add_run(self.run(text, face, spec::SIZE_TABLE));
        TableCell::new()
            .width(width, WidthType::Dxa)
            .vertical_align(VAlignType::Center)
            .add_paragraph(paragraph)
    }

    /// A table (the task table or an attachment's): full width, fixed
    /// layout, grid and every cell's width; header 黑体, repeated on each
    /// page (the package step adds `w:tblHeader` to the first row of a
    /// table whose rows do not split).
    fn table(&mut self, table: &compose::TableView) {
        let columns = &table.widths;
        let head = TableRow::new(
            table
                .header
                .iter()
                .zip(columns)
                .map(|(name, &width)| self.cell(name, width, Face::Hei, AlignmentType::Center))
                .collect(),
        )
        .cant_split();
        let mut table_rows = vec![head];
        for row in &table.rows {
            // Rows never break across pages: Word would break them between
            // any two lines and LibreOffice only where it likes, so the page
            // estimate could follow neither.
            table_rows.push(
                TableRow::new(
                    row.iter()
                        .zip(columns)
                        .zip(&table.left)
                        .map(|((text, &width), &left)| {
                            let align = if left {
                                AlignmentType::Left
                            } else {
                                AlignmentType::Center
                            };
                            self.cell(text, width, Face::Body, align)
                        })
                        .collect(),
                )
                .cant_split(),
            );
        }
        let margin = spec::CELL_MARGIN as usize;
        let table = Table::new(table_rows)
            .set_grid(columns.clone())
            .layout(TableLayoutType::Fixed)
            .width(spec::TEXT_WIDTH as usize, WidthType::Dxa)
            .margins(TableCellMargins::new().margin(0, margin, 0, margin));
        self.push_table(table);
    }

    /// 附件说明 (§7.3.4): indent two characters, "附件：1. 名称", wrapped
    /// names aligned with the name.
    fn attachments(&mut self, items: &[String]) {
        for line in pagination::attachment_lines(items) {
            let hanging = line.left - line.first_start;
            let paragraph = indent(
                grid_paragraph(),
                line.left,
                SpecialIndentType::Hanging(hanging),
                0,
            )
            .add_run(self.run(&line.text, Face::Body, spec::SIZE_BODY));
            self.push(paragraph);
        }
    }

    /// 发文机关署名 and 成文日期 (§7.3.5), as [`pagination::signature_lines`]
    /// places them. The lines keep together: a date alone on a page is
    /// wrong.
    fn signature(&mut self, organs: &[String], date: &str, sealed: bool) {
        let lines = pagination::signature_lines(organs, date, sealed);
        let count = lines.len();
        for (i, (text, right)) in lines.into_iter().enumerate() {
            let paragraph = indent(grid_paragraph(), 0, SpecialIndentType::FirstLine(0), right)
                .keep_next(i + 1 < count)
                .align(AlignmentType::Right)
                .add_run(self.run(&text, Face::Body, spec::SIZE_BODY));
            self.push(paragraph);
        }
    }

    /// The page number (§7.5): "— n —", 四号 宋体, the number a PAGE field
    /// built from field characters (docx-rs's page-number helper cannot be
    /// styled).
    fn page_number_footer(&self, side: Side, letter: bool) -> Footer {
        let run = |this: &Self| {
            Run::new()
                .fonts(font_slots(this.fonts.song))
                .size(spec::SIZE_PAGE_NUMBER)
        };
        // A letter's footers stand lower (its second double line sets their
        // distance): space under the number keeps it 7 mm under the block.
        let after = if letter {
            spec::FOOTER_DISTANCE as i32 - spec::LETTER_LOWER_RULE
        } else {
            0
        };
        let paragraph = Paragraph::new()
            .style(styles::FOOTER)
            .line_spacing(exact(spec::PAGE_NUMBER_LINE).after(after as u32))
            .widow_control(false);
        let paragraph = match side {
            Side::Odd => indent(
                paragraph,
                0,
                SpecialIndentType::FirstLine(0),
                spec::PAGE_NUMBER_INDENT,
            )
            .align(AlignmentType::Right),
            Side::Even => indent(
                paragraph,
                spec::PAGE_NUMBER_INDENT,
                SpecialIndentType::FirstLine(0),
                0,
            )
            .align(AlignmentType::Left),
        }
        .add_run(run(self).add_text("— "))
        .add_run(run(self).add_field_char(FieldCharType::Begin, false))
        .add_run(run(self).add_instr_text(InstrText::PAGE(InstrPAGE::new())))
        .add_run(run(self).add_field_char(FieldCharType::Separate, false))
        .add_run(run(self).add_text("1"))
        .add_run(run(self).add_field_char(FieldCharType::End, false))
        .add_run(run(self).add_text(" —"));
        Footer::new().add_paragraph(paragraph)
    }

    /// The 版记 (§7.4) as a table floating at the foot of its page: 抄送 and
    /// 印发机关/印发日期 between full-width rules, thick first and last,
    /// thin between, 四号. Anchored to the page horizontally (LibreOffice
    /// lays a block-wide floating table inline otherwise) and to the
    /// bottom margin vertically, so its last rule is the bottom edge of the
    /// text block.
    fn imprint_table(
        &self,
        cc: &str,
        printer: &str,
        print_date: &str,
        letter: bool,
    ) -> Option<Table> {
        let rule = |position, size| {
            TableBorder::new(position)
                .border_type(BorderType::Single)
                .size(size)
                .color("000000")
        };
        // §10.1: a letter's 版记 has no rules.
        let borders = if letter {
            TableBorders::with_empty()
        } else {
            TableBorders::with_empty()
                .set(rule(TableBorderPosition::Top, spec::IMPRINT_THICK_RULE))
                .set(rule(TableBorderPosition::Bottom, spec::IMPRINT_THICK_RULE))
                .set(rule(TableBorderPosition::InsideH, spec::IMPRINT_THIN_RULE))
        };
        let size = spec::SIZE_IMPRINT;
        let side = spec::IMPRINT_INDENT;
        let paragraph = |text: &str, align: AlignmentType, left, special, right| {
            indent(
                Paragraph::new().style(styles::IMPRINT),
                left,
                special,
                right,
            )
            .align(align)
            .line_spacing(exact(spec::BODY_LINE_SPACING))
            .widow_control(false)
            .add_run(self.run(text, Face::Body, size))
        };
        let width = spec::TEXT_WIDTH as usize;
        let half = width / 2;
        let mut rows = Vec::new();
        if !cc.is_empty() {
            // §7.4.2: wrapped lines align after the colon.
            let label = "抄送：";
            let label_width = pagination::text_width(label, size, 0);
            let p = paragraph(
                &format!("{label}{cc}"),
                AlignmentType::Left,
                side + label_width,
                SpecialIndentType::Hanging(label_width),
                side,
            );
            rows.push(TableRow::new(vec![TableCell::new()
                .width(width, WidthType::Dxa)
                .grid_span(2)
                .add_paragraph(p)]));
        }
        if !printer.is_empty() || !print_date.is_empty() {
            let flat = SpecialIndentType::FirstLine(0);
            rows.push(TableRow::new(vec![
                TableCell::new()
                    .width(half, WidthType::Dxa)
                    .add_paragraph(paragraph(printer, AlignmentType::Left, side, flat, 0)),
                TableCell::new()
                    .width(width - half, WidthType::Dxa)
                    .add_paragraph(paragraph(print_date, AlignmentType::Right, 0, flat, side)),
            ]));
        }
        if rows.is_empty() {
            return None;
        }
        let position = TablePositionProperty::new()
            .left_from_text(0)
            .right_from_text(0)
            .vertical_anchor("margin")
            .horizontal_anchor("page")
            .position_x(spec::MARGIN_LEFT)
            .position_y_alignment("bottom");
        Some(
            Table::new(rows)
                .set_borders(borders)
                .set_grid(vec![half, width - half])
                .layout(TableLayoutType::Fixed)
                .width(width, WidthType::Dxa)
                .margins(TableCellMargins::new().margin(0, 0, 0, 0))
                .position(position),
        )
    }

    /// The section properties of a section ending inside the body, with
    /// the same page and the same footers as the last section.
    fn inner_section(&self) -> SectionProperty {
        let last = &self.docx.document.section_property;
        let mut section = SectionProperty::new()
            .page_size(PageSize::new().size(spec::PAGE_WIDTH, spec::PAGE_HEIGHT))
            .page_margin(page_margin())
            .doc_grid(line_grid());
        section.footer_reference = last.footer_reference.clone();
        section.even_footer_reference = last.even_footer_reference.clone();
        section
    }

    /// Keeps the last paragraph written on the page of the next one.
    fn keep_last_with_next(&mut self) {
        if let Some(DocumentChild::Paragraph(last)) = self.docx.document.children.last_mut() {
            last.property.keep_next = Some(true);
        }
    }

    /// Ends the section with the last paragraph written.
    fn end_section(&mut self, section: SectionProperty) {
        if let Some(DocumentChild::Paragraph(last)) = self.docx.document.children.last_mut() {
            last.property.section_property = Some(section);
            return;
        }
        // A table cannot carry a section break: a paragraph must follow it.
        let mut paragraph = flush(Paragraph::new().style(styles::BODY)).line_spacing(exact(20));
        paragraph.property.section_property = Some(section);
        self.push(paragraph);
    }

    /// Footers, and the 版记 where the estimate puts it.
    fn finish(
        mut self,
        imprint: Option<&Block>,
        placement: ImprintPlacement,
        letter: bool,
    ) -> Docx {
        let odd = self.page_number_footer(Side::Odd, letter);
        let even = self.page_number_footer(Side::Even, letter);
        self.docx = std::mem::take(&mut self.docx).footer(odd).even_footer(even);
        let table = match imprint {
            Some(Block::Imprint {
                cc,
                printer,
                print_date,
            }) => self.imprint_table(cc, printer, print_date, letter),
            _ => None,
        };
        let Some(table) = table else {
            return self.docx;
        };
        match placement {
            ImprintPlacement::None => {}
            ImprintPlacement::LastBodyPage => {
                self.push_table(table);
                // The floating table's anchor, on the line after the body.
                self.push(blank_line());
            }
            // A letter keeps one section (its first page's header and
            // footer are the section's): the 版记 on the next page, numbered.
            ImprintPlacement::NextPage if letter => {
                self.push(blank_line().page_break_before(true));
                self.push_table(table);
                self.push(blank_line());
            }
            ImprintPlacement::NextPage | ImprintPlacement::AfterBlankPage => {
                let body = self.inner_section();
                self.end_section(body);
                // The empty footer fills the space under the text block
                // exactly: LibreOffice ends a first-page style's text area
                // at the top of its footer's content (measured: a 正文 line
                // lifted the 版记 0.6 mm, a page-number line dropped it
                // 4.5 mm below the block), and Word never lets a footer
                // reach above the bottom margin.
                let under_block = spec::MARGIN_BOTTOM - spec::FOOTER_DISTANCE as i32;
                let blank_footer = Footer::new().add_paragraph(
                    Paragraph::new()
                        .style(styles::FOOTER)
                        .line_spacing(exact(under_block)),
                );
                self.docx = std::mem::take(&mut self.docx).first_footer(blank_footer);
                if placement == ImprintPlacement::AfterBlankPage {
                    let mut blank = self.inner_section();
                    blank.first_footer_reference = self
                        .docx
                        .document
                        .section_property
                        .first_footer_reference
                        .clone();
                    blank.title_pg = true;
                    let mut paragraph = blank_line();
                    paragraph.property.section_property = Some(blank);
                    self.push(paragraph);
                }
                // LibreOffice drops the footers of a section that starts
                // with a floating table: an empty paragraph comes first.
                self.push(blank_line());
                self.push_table(table);
                self.push(blank_line());
                self.docx.document.section_property.section_type = Some(SectionType::EvenPage);
            }
        }
        self.docx
    }
}
