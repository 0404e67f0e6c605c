//! Lays the notice out as docx-rs elements. Every measure comes from
//! [`crate::core::gbt9704`].

use crate::core::gbt9704 as spec;
use crate::core::text::xml_safe;
use crate::core::{Notice, TaskRow};
use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, LineSpacing, LineSpacingType, PageMargin,
    Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts,
    SpecialIndentType, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

/// Column widths of the task table (序号/活动内容/活动时间/牵头部门/配合部门),
/// summing to the 156 mm text block.
const TASK_COLUMNS: [(&str, usize); 5] = [
    ("序号", 700),
    ("活动内容", 3544),
    ("活动时间", 1400),
    ("牵头部门", 1600),
    ("配合部门", 1600),
];

/// Line spacing inside table cells: single-ish 20 pt; the body's 579-twip
/// spacing would make rows far too tall.
const CELL_LINE_SPACING: i32 = 400;

pub(super) fn lay_out(notice: &Notice) -> Docx {
    let mut docx = Docx::new()
        .page_size(spec::PAGE_WIDTH, spec::PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(spec::MARGIN_TOP)
                .bottom(spec::MARGIN_BOTTOM)
                .left(spec::MARGIN_LEFT)
                .right(spec::MARGIN_RIGHT),
        )
        .default_fonts(fonts(spec::FONT_BODY))
        .default_size(spec::SIZE_BODY);

    for paragraph in header_block(notice) {
        docx = docx.add_paragraph(paragraph);
    }
    docx = docx.add_paragraph(title(notice));
    let recipients: Vec<&str> = notice
        .recipients
        .iter()
        .map(|r| r.trim())
        .filter(|r| !r.is_empty())
        .collect();
    if !recipients.is_empty() {
        let line = format!("{}：", recipients.join("，").trim_end_matches(['：', ':']));
        docx = docx.add_paragraph(body_paragraph(&line, 0));
    }
    for text in notice.body.iter().filter(|t| !t.trim().is_empty()) {
        docx = docx.add_paragraph(body_paragraph(text.trim(), spec::BODY_FIRST_LINE_INDENT));
    }
    let tasks: Vec<&TaskRow> = notice.tasks.iter().filter(|t| !t.is_blank()).collect();
    if !tasks.is_empty() {
        docx = docx.add_table(task_table(&tasks));
    }
    for paragraph in signature_block(notice) {
        docx = docx.add_paragraph(paragraph);
    }
    docx
}

/// East Asian and Latin slots alike, with the eastAsia hint so full-width
/// quotes and dashes keep the Chinese face.
fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .ascii(name)
        .hi_ansi(name)
        .east_asia(name)
        .cs(name)
        .hint("eastAsia")
}

/// A run of text in one font and size. Line breaks inside the text become
/// `w:br` (docx-rs's `add_text` would drop them).
fn run(text: &str, font: &str, size: usize) -> Run {
    let mut run = Run::new()
        .fonts(fonts(font))
        .size(size)
        .character_spacing(spec::BODY_CHAR_SPACING);
    for (i, line) in xml_safe(text).split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line.trim_end_matches('\r'));
    }
    run
}

fn body_spacing() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(spec::BODY_LINE_SPACING)
        .before(0)
        .after(0)
}

fn body_paragraph(text: &str, first_line_indent: i32) -> Paragraph {
    let mut paragraph = Paragraph::new()
        .line_spacing(body_spacing())
        .widow_control(false)
        .add_run(run(text, spec::FONT_BODY, spec::SIZE_BODY));
    if first_line_indent > 0 {
        // Twips, not `first_line_chars`, which docx-rs never writes.
        paragraph = paragraph.indent(
            None,
            Some(SpecialIndentType::FirstLine(first_line_indent)),
            None,
            None,
        );
    }
    paragraph
}

fn blank_line() -> Paragraph {
    Paragraph::new()
        .line_spacing(body_spacing())
        .widow_control(false)
}

/// 版头: the red 发文机关标志, the 发文字号 and the red rule under it.
fn header_block(notice: &Notice) -> Vec<Paragraph> {
    let organ = notice.organ.trim();
    let number = notice.doc_number.to_string();
    if organ.is_empty() && number.is_empty() {
        return Vec::new();
    }
    let mut block = Vec::new();
    if !organ.is_empty() {
        let size = spec::organ_mark_size(organ.chars().count());
        block.push(
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().before(0).after(0))
                .add_run(run(organ, spec::FONT_TITLE, size).color(spec::RED)),
        );
        // §7.2.4: two blank lines between the 标志 and the 发文字号.
        block.push(blank_line());
        block.push(blank_line());
    }
    let rule = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
        .val(BorderType::Single)
        .size(spec::RED_RULE_SIZE)
        .space(spec::RED_RULE_SPACE)
        .color(spec::RED);
    let mut number_line = body_paragraph(&number, 0).align(AlignmentType::Center);
    // Only the bottom edge: `set_border` would start from a full box.
    number_line.property = number_line
        .property
        .set_borders(ParagraphBorders::with_empty().set(rule));
    block.push(number_line);
    // §7.3.1: the title stands two blank lines below the rule.
    block.push(blank_line());
    block.push(blank_line());
    block
}

/// 标题: 二号 小标宋, centred; one blank line below it before 主送机关.
fn title(notice: &Notice) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(spec::BODY_LINE_SPACING * 3 / 2)
                .before(0)
                .after(spec::BODY_LINE_SPACING as u32),
        )
        .add_run(run(notice.title.trim(), spec::FONT_TITLE, spec::SIZE_TITLE))
}

fn cell(text: &str, width: usize, font: &str, align: AlignmentType) -> TableCell {
    TableCell::new().width(width, WidthType::Dxa).add_paragraph(
        Paragraph::new()
            .align(align)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Exact)
                    .line(CELL_LINE_SPACING)
                    .before(0)
                    .after(0),
            )
            .add_run(run(text, font, spec::SIZE_SIHAO)),
    )
}

fn task_table(tasks: &[&TaskRow]) -> Table {
    let header = TableRow::new(
        TASK_COLUMNS
            .iter()
            .map(|(name, width)| cell(name, *width, spec::FONT_HEITI, AlignmentType::Center))
            .collect(),
    );
    let mut rows = vec![header];
    for (i, task) in tasks.iter().enumerate() {
        let texts = [
            (i + 1).to_string(),
            task.content.clone(),
            task.time.clone(),
            task.lead.clone(),
            task.support.clone(),
        ];
        rows.push(TableRow::new(
            texts
                .iter()
                .zip(TASK_COLUMNS)
                .enumerate()
                .map(|(col, (text, (_, width)))| {
                    let align = if col == 1 {
                        AlignmentType::Left
                    } else {
                        AlignmentType::Center
                    };
                    cell(text, width, spec::FONT_BODY, align)
                })
                .collect(),
        ));
    }
    Table::new(rows)
        .set_grid(TASK_COLUMNS.iter().map(|(_, w)| *w).collect())
        .layout(TableLayoutType::Fixed)
        .width(spec::TEXT_WIDTH as usize, WidthType::Dxa)
}

/// Approximate width of a line in twips: CJK one em, ASCII half an em.
fn text_width(text: &str, size: usize) -> i32 {
    let em = (size as i32 / 2) * 20 + spec::BODY_CHAR_SPACING;
    text.chars()
        .map(|c| if c.is_ascii() { em / 2 } else { em })
        .sum()
}

/// 署名 and 成文日期, sealed geometry (§7.3.5.1): the date right-indented four
/// characters, the organ centred over the date.
fn signature_block(notice: &Notice) -> Vec<Paragraph> {
    let organ = notice.signature.organ.trim();
    let date = notice
        .signature
        .date
        .map(|d| d.to_string())
        .unwrap_or_default();
    if organ.is_empty() && date.is_empty() {
        return Vec::new();
    }
    let char_width = text_width("字", spec::SIZE_BODY);
    let date_indent = 4 * char_width;
    let mut block = vec![blank_line(), blank_line()];
    if !organ.is_empty() {
        let centred = date_indent
            + (text_width(&date, spec::SIZE_BODY) - text_width(organ, spec::SIZE_BODY)) / 2;
        block.push(body_paragraph(organ, 0).align(AlignmentType::Right).indent(
            None,
            None,
            Some(centred.max(0)),
            None,
        ));
    }
    if !date.is_empty() {
        block.push(body_paragraph(&date, 0).align(AlignmentType::Right).indent(
            None,
            None,
            Some(date_indent),
            None,
        ));
    }
    block
}
