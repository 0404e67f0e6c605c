//! Composition: the notice's texts that the user does not type (titles,
//! numbers, sentences), and the notice as an ordered list of layout blocks.
//! The .docx writer and the preview both draw these blocks, so they make
//! the same decisions: the same numbering, the same title lines, the same
//! parts in the same order.

use super::field::{
    AttachmentField, ContactField, Field, RequirementField, SectionField, TaskField,
};
use super::model::{
    join_names, AttachmentKind, AttachmentPage, Contact, HeaderForm, Level, Notice, NoticeShape,
    Requirement, SectionContent, Summary, TaskLayout, TaskRow,
};

/// The face a span is set in (GB/T 9704 §7.3.3 and practice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    /// 小标宋: titles and the organ mark.
    Title,
    /// 仿宋: body.
    Body,
    /// 黑体: first-level headings, table header, 密级.
    Hei,
    /// 楷体: second-level headings.
    Kai,
    /// 宋体: page numbers.
    Song,
}

/// A run of text in one face.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub face: Face,
}

impl Span {
    pub fn new(text: impl Into<String>, face: Face) -> Self {
        Self {
            text: text.into(),
            face,
        }
    }
}

/// How a body paragraph sits on the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indent {
    /// First line indented two characters (body text and headings).
    FirstLine,
    /// Flush left (主送机关, table-less lines).
    None,
}

/// One thing on the page, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// 份号, 密级和保密期限 or 紧急程度: flush left on the first lines.
    HeaderMark(Span),
    /// The red 发文机关标志: one line per organ; `suffix` is 文件 or empty.
    OrganMark { organs: Vec<String>, suffix: String },
    /// 发文字号 (with 签发人 when there are signers) and the red rule under it
    /// (`rule` false on preprinted letterhead, whose rule is on the paper;
    /// the space the rule takes stays).
    DocNumber {
        number: String,
        signers: Vec<String>,
        rule: bool,
    },
    /// 信函格式 (§10.1): the organ's name between red double lines at the
    /// paper's top, and the second double line near its foot (page 1).
    LetterHead { organ: String },
    /// 信函格式: under the first double line, 份号, 密级 and 紧急程度 flush
    /// left one a line, the 发文字号 flush right on the first line.
    LetterLines { marks: Vec<Span>, number: String },
    /// Blank space of this many twips where preprinted letterhead (套打)
    /// has its 发文机关标志.
    Reserved(i32),
    /// 标题 (cover or plan), already broken into lines.
    Title { lines: Vec<String> },
    /// 主送机关, ending with ：.
    Recipients(String),
    /// A paragraph of the body; `heading` is its level, 1 (一、) to 4
    /// (（1）), or `None` for body text.
    Paragraph {
        spans: Vec<Span>,
        indent: Indent,
        heading: Option<u8>,
    },
    /// The task table: header cells, then rows of five cells.
    TaskTable {
        header: [String; 5],
        rows: Vec<[String; 5]>,
    },
    /// A table of an attachment, with its own columns: header cells, then
    /// rows of as many cells.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// 附件说明.
    Attachments(Vec<String>),
    /// An attachment's 附件 or 附件2 (§8): starts a new page, 三号黑体 flush
    /// left on its first line.
    AttachmentLabel(String),
    /// 发文机关署名 and 成文日期.
    Signature {
        organs: Vec<String>,
        date: String,
        sealed: bool,
    },
    /// 附注, already in parentheses.
    Note(String),
    /// The attached plan starts on a new page.
    PageBreak,
    /// 版记, at the foot of the last (even) page.
    Imprint {
        cc: String,
        printer: String,
        print_date: String,
    },
}

impl Block {
    /// All the text of the block, for tests and search.
    pub fn text(&self) -> String {
        match self {
            Block::HeaderMark(span) => span.text.clone(),
            Block::OrganMark { organs, suffix } => format!("{}{suffix}", organs.join("")),
            Block::DocNumber {
                number, signers, ..
            } => {
                if signers.is_empty() {
                    number.clone()
                } else {
                    format!("{number} 签发人：{}", signers.join(" "))
                }
            }
            Block::LetterHead { organ } => organ.clone(),
            Block::LetterLines { marks, number } => marks
                .iter()
                .map(|m| m.text.as_str())
                .chain(std::iter::once(number.as_str()))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
            Block::Title { lines } => lines.concat(),
            Block::Recipients(text) | Block::Note(text) => text.clone(),
            Block::Paragraph { spans, .. } => spans.iter().map(|s| s.text.as_str()).collect(),
            Block::TaskTable { header, rows } => std::iter::once(header)
                .chain(rows)
                .map(|r| r.join(" "))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Table { header, rows } => std::iter::once(header)
                .chain(rows)
                .map(|r| r.join(" "))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Attachments(items) => items.join("\n"),
            Block::AttachmentLabel(label) => label.clone(),
            Block::Signature { organs, date, .. } => format!("{} {date}", organs.join(" ")),
            Block::PageBreak | Block::Reserved(_) => String::new(),
            Block::Imprint {
                cc,
                printer,
                print_date,
            } => format!("{cc} {printer} {print_date}"),
        }
    }
}

/// Chinese numerals for heading numbers: 一 … 九十九.
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => DIGITS[0].to_owned(),
        1..=9 => DIGITS[n].to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

/// The number written before a heading of `level` (1 = 一、).
pub fn heading_number(level: u8, n: usize) -> String {
    match level {
        1 => format!("{}、", chinese_number(n)),
        2 => format!("（{}）", chinese_number(n)),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

/// 标题 composed from organ, year and shape, as real notices word it.
pub fn composed_title(notice: &Notice) -> String {
    let year = notice.year().map(|y| format!("{y}年")).unwrap_or_default();
    let name = quoted_campaign(notice);
    match notice.shape {
        NoticeShape::Direct => format!("关于开展{year}{name}活动的通知"),
        NoticeShape::IssuesPlan => format!(
            "关于印发{}{year}{name}活动方案的通知",
            notice.header.host_organ()
        ),
    }
}

/// The attached plan's title, composed: 砀山县市场监督管理局2021年“质量月”活动方案.
pub fn composed_plan_title(notice: &Notice) -> String {
    let year = notice.year().map(|y| format!("{y}年")).unwrap_or_default();
    format!(
        "{}{year}{}活动方案",
        notice.header.host_organ(),
        quoted_campaign(notice)
    )
}

fn quoted_campaign(notice: &Notice) -> String {
    let name = notice.campaign.name.trim().trim_matches(['“', '”', '"']);
    if name.is_empty() {
        String::new()
    } else {
        format!("“{name}”")
    }
}

/// The title in force: the user's, or the composed one.
pub fn title(notice: &Notice) -> String {
    match &notice.title {
        Some(text) if !text.trim().is_empty() => text.trim().to_owned(),
        _ => composed_title(notice),
    }
}

/// The plan title in force.
pub fn plan_title(notice: &Notice) -> String {
    match &notice.plan_title {
        Some(text) if !text.trim().is_empty() => text.trim().to_owned(),
        _ => composed_plan_title(notice),
    }
}

/// Display width in characters: CJK one, ASCII half.
pub fn width(text: &str) -> f32 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// Breaks a title into balanced lines of at most about `max` characters
/// (GB/T 9704 §7.3.1: break between words, keep the lines shaped, never
/// inside 《》 or quotes). Breaks fall where no bracket or quote is open,
/// not inside a run of digits or Latin letters, and never before closing
/// punctuation.
pub fn title_lines(text: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = text.trim().chars().collect();
    let total = width(text.trim());
    if total <= max as f32 || chars.len() < 2 {
        return vec![text.trim().to_owned()];
    }
    // Allowed break positions: before chars[i].
    let mut depth = 0i32;
    let mut allowed = vec![false; chars.len()];
    for i in 0..chars.len() {
        if i > 0 {
            let (prev, next) = (chars[i - 1], chars[i]);
            // Numbers stay whole and keep their unit: 2021年 never breaks.
            let in_word = prev.is_ascii_alphanumeric();
            let closing = "。，、；：？！”’》）〕】".contains(next);
            let opening = "“‘《（〔【".contains(prev);
            allowed[i] = depth == 0 && !in_word && !closing && !opening;
        }
        match chars[i] {
            '《' | '“' | '‘' | '（' | '〔' | '【' => depth += 1,
            '》' | '”' | '’' | '）' | '〕' | '】' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    let lines_needed = (total / max as f32).ceil() as usize;
    // Dynamic programming over break positions: minimise the largest line
    // width's deviation from the ideal, refusing lines wider than max + 2
    // (a quoted name may force a slightly long line).
    let prefix: Vec<f32> = std::iter::once(0.0)
        .chain(chars.iter().scan(0.0, |acc, c| {
            *acc += if c.is_ascii() { 0.5 } else { 1.0 };
            Some(*acc)
        }))
        .collect();
    for lines in lines_needed..=chars.len() {
        let ideal = total / lines as f32;
        if let Some(breaks) = best_breaks(&prefix, &allowed, lines, ideal, max as f32 + 2.0) {
            let mut out = Vec::new();
            let mut start = 0;
            for b in breaks.into_iter().chain(std::iter::once(chars.len())) {
                out.push(chars[start..b].iter().collect());
                start = b;
            }
            return out;
        }
    }
    vec![text.trim().to_owned()]
}

fn best_breaks(
    prefix: &[f32],
    allowed: &[bool],
    lines: usize,
    ideal: f32,
    limit: f32,
) -> Option<Vec<usize>> {
    let n = prefix.len() - 1;
    // cost[k][i]: best cost covering chars[..i] with k lines; prev for path.
    let mut cost = vec![vec![f32::INFINITY; n + 1]; lines + 1];
    let mut prev = vec![vec![0usize; n + 1]; lines + 1];
    cost[0][0] = 0.0;
    for k in 1..=lines {
        for i in 1..=n {
            if i < n && !allowed[i] {
                continue;
            }
            for j in 0..i {
                if cost[k - 1][j].is_infinite() || (j > 0 && !allowed[j]) {
                    continue;
                }
                let w = prefix[i] - prefix[j];
                if w > limit {
                    continue;
                }
                let c = cost[k - 1][j].max((w - ideal).abs());
                if c < cost[k][i] {
                    cost[k][i] = c;
                    prev[k][i] = j;
                }
            }
        }
    }
    if cost[lines][n].is_infinite() {
        return None;
    }
    let mut breaks = Vec::new();
    let mut i = n;
    for k in (1..=lines).rev() {
        i = prev[k][i];
        if k > 1 {
            breaks.push(i);
        }
    }
    breaks.reverse();
    Some(breaks)
}

/// The title's maximum line length in characters (GB/T 9704 practice).
pub const TITLE_LINE_CHARS: usize = 20;

fn body(text: impl Into<String>) -> Block {
    Block::Paragraph {
        spans: vec![Span::new(text, Face::Body)],
        indent: Indent::FirstLine,
        heading: None,
    }
}

/// A numbered item in body text, styled as the heading level of its number.
fn numbered(level: u8, text: String) -> Block {
    Block::Paragraph {
        spans: vec![Span::new(text, Face::Body)],
        indent: Indent::FirstLine,
        heading: Some(level),
    }
}

fn heading(level: u8, number: String, text: &str) -> Block {
    let face = match level {
        1 => Face::Hei,
        2 => Face::Kai,
        _ => Face::Body,
    };
    Block::Paragraph {
        spans: vec![Span::new(format!("{number}{}", text.trim()), face)],
        indent: Indent::FirstLine,
        heading: Some(level),
    }
}

/// Paragraphs of a multi-line text: each non-blank line is one paragraph.
fn paragraphs(text: &str) -> impl Iterator<Item = Block> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(body)
}

fn ends_with_stop(text: &str) -> bool {
    text.ends_with(['。', '！', '？', '；', '：', '.'])
}

/// 加强组织领导 → 加强组织领导。 (a lead phrase is a sentence of its own).
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() || ends_with_stop(text) {
        text.to_owned()
    } else {
        format!("{text}。")
    }
}

/// The 牵头/配合 labels of the task list.
pub fn task_labels(notice: &Notice) -> (&str, &str) {
    let lead = notice.tasks.lead_label.trim();
    let support = notice.tasks.support_label.trim();
    (
        if lead.is_empty() {
            "牵头部门"
        } else {
            lead
        },
        if support.is_empty() {
            "配合部门"
        } else {
            support
        },
    )
}

/// The 活动内容 cell of a task: its name, and its description after a colon.
pub fn task_content(task: &TaskRow) -> String {
    let name = task.name.trim();
    let description = task.description.trim();
    match (name.is_empty(), description.is_empty()) {
        (_, true) => name.to_owned(),
        (true, false) => description.to_owned(),
        (false, false) => format!("{name}：{description}"),
    }
}

/// Widths of the task table's columns (序号/活动内容/活动时间/牵头部门/
/// 配合部门) in twips, summing to `total`: each narrow column as wide as its
/// longest cell (between 4 and 8 四号 characters, as cells wrap), 序号 fixed,
/// 活动内容 the rest.
pub fn task_column_widths(rows: &[[String; 5]], total: u32) -> [usize; 5] {
    const SIHAO: f32 = 280.0; // one 四号 character, twips
    const PADDING: f32 = 240.0; // cell margins
    let total = total as f32;
    // "序号" on one line: two characters and both cell margins, with room
    // for renderers' rounding (at 700 twips LibreOffice broke it in two).
    let serial = 2.0 * SIHAO + 2.0 * super::gbt9704::CELL_MARGIN as f32 + 24.0;
    // 活动内容 keeps at least 40% of the width: it is what is read.
    let content_min = total * 0.4;
    let desired = |col: usize| {
        let longest = rows.iter().map(|r| width(&r[col])).fold(4.0, f32::max);
        longest.min(8.0) * SIHAO + PADDING
    };
    let mut narrow = [desired(2), desired(3), desired(4)];
    let room = total - serial - content_min;
    let wanted: f32 = narrow.iter().sum();
    if wanted > room {
        let floor = 4.0 * SIHAO + PADDING;
        let scale = (room - 3.0 * floor).max(0.0) / (wanted - 3.0 * floor).max(1.0);
        for w in &mut narrow {
            *w = floor + (*w - floor) * scale;
        }
    }
    let mut widths = [
        serial as usize,
        0,
        narrow[0] as usize,
        narrow[1] as usize,
        narrow[2] as usize,
    ];
    widths[1] = total as usize - widths.iter().sum::<usize>();
    widths
}

/// A task as a numbered item ending with its departments in parentheses:
/// 1.开展计量专项检查。对集贸市场电子秤进行集中检查。（标准计量股牵头，市场监督检验所配合）
pub fn task_item(n: usize, task: &TaskRow) -> String {
    let mut text = format!("{}{}", heading_number(3, n), sentence(&task.name));
    let description = task.description.trim();
    if !description.is_empty() {
        text.push_str(&sentence(description));
    }
    let lead = task.lead.trim();
    let support = task.support_text();
    let departments = match (lead.is_empty(), support.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!("（{lead}）"),
        (true, false) => format!("（{support}配合）"),
        (false, false) => format!("（{lead}牵头，{support}配合）"),
    };
    text.push_str(&departments);
    text
}

fn task_blocks(notice: &Notice, out: &mut Out) {
    let rows: Vec<(usize, &TaskRow)> = notice
        .tasks
        .rows
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.is_blank())
        .collect();
    let (lead_label, support_label) = task_labels(notice);
    match notice.tasks.layout {
        TaskLayout::Table => {
            if rows.is_empty() {
                return;
            }
            let fields = rows.iter().map(|(i, _)| Field::Task(*i, TaskField::Name));
            out.push_rows(
                fields.collect(),
                Block::TaskTable {
                    header: [
                        "序号".into(),
                        "活动内容".into(),
                        "活动时间".into(),
                        lead_label.into(),
                        support_label.into(),
                    ],
                    rows: rows
                        .iter()
                        .enumerate()
                        .map(|(i, (_, t))| {
                            [
                                (i + 1).to_string(),
                                task_content(t),
                                t.time.trim().to_owned(),
                                t.lead.trim().to_owned(),
                                t.support_text(),
                            ]
                        })
                        .collect(),
                },
            );
        }
        TaskLayout::Subsections => {
            for (i, (row, task)) in rows.iter().enumerate() {
                let field = |part| Field::Task(*row, part);
                out.at(field(TaskField::Name)).push(heading(
                    2,
                    heading_number(2, i + 1),
                    &task.name,
                ));
                out.at(field(TaskField::Description))
                    .extend(paragraphs(&task.description));
                for (part, label, value) in [
                    (TaskField::Time, "活动时间", task.time.trim().to_owned()),
                    (TaskField::Place, "活动地点", task.place.trim().to_owned()),
                    (TaskField::Lead, lead_label, task.lead.trim().to_owned()),
                    (TaskField::Support, support_label, task.support_text()),
                ] {
                    if !value.is_empty() {
                        out.at(field(part))
                            .push(body(format!("{label}：{}", sentence(&value))));
                    }
                }
            }
        }
        TaskLayout::Items => {
            for (i, (row, task)) in rows.iter().enumerate() {
                out.at(Field::Task(*row, TaskField::Name))
                    .push(numbered(3, task_item(i + 1, task)));
            }
        }
    }
}

fn requirement_block(n: usize, item: &Requirement) -> Block {
    let mut spans = vec![Span::new(
        format!("{}{}", heading_number(2, n), sentence(&item.lead)),
        Face::Kai,
    )];
    let text = item.text.trim();
    if !text.is_empty() {
        spans.push(Span::new(text, Face::Body));
    }
    Block::Paragraph {
        spans,
        indent: Indent::FirstLine,
        heading: Some(2),
    }
}

/// 总结报送 as a sentence: 请于2021年9月30日前将活动总结报送质量股。
pub fn summary_sentence(summary: &Summary) -> String {
    let what = summary.what.trim();
    let to = summary.to.trim();
    let mut text = String::new();
    if !what.is_empty() || !to.is_empty() {
        text.push('请');
        if let Some(date) = summary.deadline {
            text.push_str(&format!("于{date}前"));
        }
        if !what.is_empty() {
            text.push_str(&format!("将{what}"));
        }
        text.push_str("报送");
        text.push_str(to);
        text = sentence(&text);
    }
    text.push_str(summary.extra.trim());
    text
}

/// 联系人：张三，电话：0557-1234567，邮箱：…，传真：….
pub fn contact_line(contact: &Contact) -> String {
    let parts: Vec<String> = [
        ("联系人", &contact.name),
        ("电话", &contact.phone),
        ("邮箱", &contact.email),
        ("传真", &contact.fax),
    ]
    .iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| format!("{k}：{}", v.trim()))
    .collect();
    sentence(&parts.join("，"))
}

fn section_blocks(notice: &Notice, out: &mut Out) {
    // The 活动要求 step edits the first 活动要求 section only.
    let first_requirements = notice
        .sections
        .iter()
        .find(|s| matches!(s.content, SectionContent::Requirements { .. }))
        .map(|s| s.id);
    let mut number = 0;
    for section in &notice.sections {
        let id = section.id;
        let field = |part| Field::Section(id, part);
        let numbered_heading = !matches!(section.content, SectionContent::Preamble { .. })
            && !section.heading.trim().is_empty();
        if numbered_heading {
            number += 1;
            out.at(field(SectionField::Heading)).push(heading(
                1,
                heading_number(1, number),
                &section.heading,
            ));
        }
        match &section.content {
            SectionContent::Preamble { paragraphs: texts } => {
                out.at(field(SectionField::Text));
                for text in texts {
                    out.extend(paragraphs(text));
                }
            }
            SectionContent::Text { blocks } => {
                let mut counters = [0usize; 4];
                let blocks = blocks.iter().enumerate();
                for (i, block) in blocks.filter(|(_, b)| !b.text.trim().is_empty()) {
                    out.at(field(SectionField::Block(i)));
                    let level = match block.level {
                        Level::Body => {
                            out.extend(paragraphs(&block.text));
                            continue;
                        }
                        Level::Second => 2,
                        Level::Third => 3,
                        Level::Fourth => 4,
                    };
                    counters[level - 1] += 1;
                    for deeper in counters.iter_mut().skip(level) {
                        *deeper = 0;
                    }
                    out.push(heading(
                        level as u8,
                        heading_number(level as u8, counters[level - 1]),
                        &block.text,
                    ));
                }
            }
            SectionContent::Theme { theme } => {
                out.at(field(SectionField::Theme)).extend(paragraphs(theme))
            }
            SectionContent::Time { text } => {
                out.at(field(SectionField::Time)).extend(paragraphs(text))
            }
            SectionContent::Tasks { intro } => {
                out.at(field(SectionField::Intro)).extend(paragraphs(intro));
                task_blocks(notice, out);
            }
            SectionContent::ByDepartment { groups } => {
                let groups = groups.iter().enumerate().filter(|(_, g)| {
                    !g.department.trim().is_empty()
                        || g.activities.iter().any(|a| !a.trim().is_empty())
                });
                for (n, (i, group)) in groups.enumerate() {
                    out.at(field(SectionField::Department(i))).push(heading(
                        2,
                        heading_number(2, n + 1),
                        &group.department,
                    ));
                    out.at(field(SectionField::Activities(i)));
                    let activities = group.activities.iter().filter(|a| !a.trim().is_empty());
                    for (j, activity) in activities.enumerate() {
                        out.push(numbered(
                            3,
                            format!("{}{}", heading_number(3, j + 1), activity.trim()),
                        ));
                    }
                }
            }
            SectionContent::Requirements { items } => {
                let items = items
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| !r.lead.trim().is_empty() || !r.text.trim().is_empty());
                for (n, (i, item)) in items.enumerate() {
                    out.at(if first_requirements == Some(id) {
                        Field::Requirement(i, RequirementField::Lead)
                    } else {
                        field(SectionField::Heading)
                    })
                    .push(requirement_block(n + 1, item));
                }
            }
            SectionContent::Summary(summary) => {
                let text = summary_sentence(summary);
                if !text.is_empty() {
                    out.at(field(SectionField::What)).push(body(text));
                }
            }
        }
    }
    let contacts = notice.contacts.iter().enumerate();
    for (i, contact) in contacts.filter(|(_, c)| !c.is_blank()) {
        out.at(Field::Contact(i, ContactField::Name))
            .push(body(contact_line(contact)));
    }
}

fn trimmed(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

fn closing_blocks(notice: &Notice, out: &mut Out) {
    let attachments = trimmed(&notice.attachments);
    if !attachments.is_empty() {
        out.at(Field::Attachments)
            .push(Block::Attachments(attachments));
    }
    let mut organs = notice.signing_organs();
    if let Some(last) = organs.last_mut() {
        last.push_str(notice.signature.proxy_note.trim());
    }
    let date = notice
        .signature
        .date
        .map(|d| d.to_string())
        .unwrap_or_default();
    if !organs.is_empty() || !date.is_empty() {
        out.at(Field::SignatureOrgans).push(Block::Signature {
            organs,
            date,
            sealed: notice.signature.sealed,
        });
    }
    let note = notice
        .note
        .trim()
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    if !note.is_empty() {
        out.at(Field::Note).push(Block::Note(format!("（{note}）")));
    }
}

/// Where a block comes from: the field to focus for it, and for the task
/// table and the 版记 one field per row.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Source {
    pub field: Field,
    /// The task table's rows (and the 版记's: 抄送, then 印发机关/日期).
    pub rows: Vec<Field>,
}

impl Source {
    pub fn of(field: Field) -> Self {
        Self {
            field,
            rows: Vec::new(),
        }
    }

    /// The field of row `row`, or of the whole block.
    pub fn row(&self, row: usize) -> Field {
        self.rows.get(row).copied().unwrap_or(self.field)
    }
}

/// The notice composed: its blocks in reading order, and the source of
/// each (`sources[i]` is where `blocks[i]` comes from).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Composition {
    pub blocks: Vec<Block>,
    pub sources: Vec<Source>,
}

/// The blocks composed so far; each is pushed with the field being written.
struct Out {
    composition: Composition,
    field: Field,
}

impl Out {
    /// The field the next blocks come from.
    fn at(&mut self, field: Field) -> &mut Self {
        self.field = field;
        self
    }

    fn push(&mut self, block: Block) {
        self.composition.blocks.push(block);
        self.composition.sources.push(Source::of(self.field));
    }

    fn push_rows(&mut self, rows: Vec<Field>, block: Block) {
        self.composition.blocks.push(block);
        self.composition.sources.push(Source {
            field: rows.first().copied().unwrap_or(self.field),
            rows,
        });
    }

    fn extend(&mut self, blocks: impl IntoIterator<Item = Block>) {
        for block in blocks {
            self.push(block);
        }
    }
}

/// A name as the 附件说明 writes it: no final punctuation.
fn attachment_name(name: &str) -> &str {
    name.trim().trim_end_matches(['。', '.', '；', ';', '，'])
}

/// The attachment pages that are drawn: those with a name or content.
pub fn drawn_attachment_pages(notice: &Notice) -> Vec<&AttachmentPage> {
    notice
        .attachment_pages
        .iter()
        .filter(|p| !p.name.trim().is_empty() || !p.is_empty())
        .collect()
}

/// The 附件说明 number of the page's name (from 1), if the 附件说明 lists it.
pub fn attachment_number(notice: &Notice, page: &AttachmentPage) -> Option<usize> {
    let name = attachment_name(&page.name);
    trimmed(&notice.attachments)
        .iter()
        .position(|n| attachment_name(n) == name)
        .map(|i| i + 1)
}

/// 附件 or 附件2 (§8: numbered when the 附件说明 lists several). A page
/// whose name the 附件说明 lacks (a problem the check reports) takes its
/// place among the pages.
pub fn attachment_label(notice: &Notice, page: &AttachmentPage, index: usize) -> String {
    let listed = trimmed(&notice.attachments).len();
    let pages = drawn_attachment_pages(notice).len();
    if listed.max(pages) <= 1 {
        return "附件".into();
    }
    let n = attachment_number(notice, page).unwrap_or(index + 1);
    format!("附件{n}")
}

/// Whether a paragraph typed with its own number is a heading: 一、 in
/// 黑体, （一） in 楷体 (its lead sentence only, when text follows).
fn numbered_paragraph(text: &str) -> Block {
    let numeral = |s: &str| {
        let n = s
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .count();
        (n > 0).then(|| s.char_indices().nth(n).map_or(s.len(), |(at, _)| at))
    };
    if let Some(end) = numeral(text) {
        if text[end..].starts_with('、') {
            return heading(1, String::new(), text);
        }
    }
    if let Some(inner) = text.strip_prefix('（') {
        if let Some(end) = numeral(inner) {
            if inner[end..].starts_with('）') {
                let mut spans = Vec::new();
                match text.find('。') {
                    Some(stop) if stop + '。'.len_utf8() < text.len() => {
                        let (lead, rest) = text.split_at(stop + '。'.len_utf8());
                        spans.push(Span::new(lead, Face::Kai));
                        spans.push(Span::new(rest, Face::Body));
                    }
                    _ => spans.push(Span::new(text, Face::Kai)),
                }
                return Block::Paragraph {
                    spans,
                    indent: Indent::FirstLine,
                    heading: Some(2),
                };
            }
        }
    }
    body(text)
}

/// Whether an item already starts with its number (1. or 1、).
fn starts_numbered(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && text[digits..].starts_with(['.', '．', '、'])
}

/// An attachment's table: columns with neither heading nor cells dropped,
/// every row as many cells as columns, an empty 序号 cell of a row with
/// content numbered.
fn attachment_table(page: &AttachmentPage) -> Option<Block> {
    let blank = |s: &str| s.trim().is_empty();
    let width = page
        .rows
        .iter()
        .map(Vec::len)
        .chain(std::iter::once(page.columns.len()))
        .max()
        .unwrap_or(0);
    let cell = |row: &[String], c: usize| row.get(c).map_or("", |s| s.trim()).to_owned();
    let kept: Vec<usize> = (0..width)
        .filter(|&c| {
            !blank(page.columns.get(c).map_or("", String::as_str))
                || page.rows.iter().any(|r| !cell(r, c).is_empty())
        })
        .collect();
    if kept.is_empty() {
        return None;
    }
    let header: Vec<String> = kept.iter().map(|&c| cell(&page.columns, c)).collect();
    let serial = header.iter().position(|h| h == "序号");
    let mut number = 0;
    let rows = page
        .rows
        .iter()
        .map(|r| {
            let mut cells: Vec<String> = kept.iter().map(|&c| cell(r, c)).collect();
            if let Some(s) = serial {
                if cells.iter().any(|c| !c.is_empty()) {
                    number += 1;
                    if cells[s].is_empty() {
                        cells[s] = number.to_string();
                    }
                }
            }
            cells
        })
        .collect();
    Some(Block::Table { header, rows })
}

/// The attachments' pages (§8): each on a new page, 附件 on line 1, its
/// title centred on line 3, then its content formatted like the body.
fn attachment_blocks(notice: &Notice, out: &mut Out) {
    let pages = notice
        .attachment_pages
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.name.trim().is_empty() || !p.is_empty());
    for (index, (i, page)) in pages.enumerate() {
        let field = |part| Field::Attachment(i, part);
        out.at(field(AttachmentField::Name))
            .push(Block::AttachmentLabel(attachment_label(
                notice, page, index,
            )));
        let name = attachment_name(&page.name);
        if !name.is_empty() {
            out.push(Block::Title {
                lines: title_lines(name, TITLE_LINE_CHARS),
            });
        }
        match page.kind {
            AttachmentKind::Text => {
                out.at(field(AttachmentField::Paragraphs));
                for text in &page.paragraphs {
                    out.extend(
                        text.lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                            .map(numbered_paragraph),
                    );
                }
            }
            AttachmentKind::List => {
                out.at(field(AttachmentField::Items));
                let items = page
                    .items
                    .iter()
                    .map(|t| t.trim())
                    .filter(|t| !t.is_empty());
                for (n, item) in items.enumerate() {
                    out.push(if starts_numbered(item) {
                        numbered(3, item.to_owned())
                    } else {
                        numbered(3, format!("{}{item}", heading_number(3, n + 1)))
                    });
                }
            }
            AttachmentKind::Table => {
                let lines = |out: &mut Out, part, texts: &[String]| {
                    out.at(field(part)).extend(
                        texts
                            .iter()
                            .map(|t| t.trim())
                            .filter(|t| !t.is_empty())
                            .map(|t| Block::Paragraph {
                                spans: vec![Span::new(t, Face::Body)],
                                indent: Indent::None,
                                heading: None,
                            }),
                    );
                };
                lines(out, AttachmentField::Above, &page.above);
                if let Some(table) = attachment_table(page) {
                    let rows = match &table {
                        Block::Table { rows, .. } => rows.len(),
                        _ => 0,
                    };
                    out.at(field(AttachmentField::Columns))
                        .push_rows(vec![field(AttachmentField::Rows); rows], table);
                }
                lines(out, AttachmentField::Below, &page.below);
            }
        }
    }
}

/// Widths of an attachment table's columns in twips, summing to `total`:
/// each column at least as wide as its heading on one line (序号 exactly
/// that), and as wide as its longest cell wants up to 10 四号 characters
/// (longer cells wrap); what is left over, or missing, is shared in
/// proportion to what each column wants beyond its heading.
pub fn table_column_widths(header: &[String], rows: &[Vec<String>], total: u32) -> Vec<usize> {
    const SIHAO: f32 = 280.0;
    // Both cell margins, and room for renderers' rounding (at 700 twips
    // LibreOffice broke a two-character 序号 in two).
    let padding = 2.0 * super::gbt9704::CELL_MARGIN as f32 + 24.0;
    let columns = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0));
    if columns == 0 {
        return Vec::new();
    }
    let heading = |c: usize| header.get(c).map_or("", |h| h.as_str());
    let least: Vec<f32> = (0..columns)
        .map(|c| width(heading(c)).max(2.0) * SIHAO + padding)
        .collect();
    let wanted: Vec<f32> = (0..columns)
        .map(|c| {
            if heading(c) == "序号" {
                return least[c];
            }
            let longest = rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|t| width(t))
                .fold(0.0, f32::max);
            least[c].max(longest.min(10.0) * SIHAO + padding)
        })
        .collect();
    let total_f = total as f32;
    let (sum_least, sum_wanted) = (least.iter().sum::<f32>(), wanted.iter().sum::<f32>());
    let widths: Vec<f32> = if sum_wanted <= total_f {
        // Room to spare: every column but 序号 grows with what it wants.
        let growing: f32 = (0..columns)
            .filter(|&c| heading(c) != "序号")
            .map(|c| wanted[c])
            .sum();
        (0..columns)
            .map(|c| {
                if heading(c) == "序号" || growing == 0.0 {
                    wanted[c]
                } else {
                    wanted[c] + (total_f - sum_wanted) * wanted[c] / growing
                }
            })
            .collect()
    } else if sum_least < total_f {
        let share = (total_f - sum_least) / (sum_wanted - sum_least);
        (0..columns)
            .map(|c| least[c] + (wanted[c] - least[c]) * share)
            .collect()
    } else {
        least.iter().map(|w| w * total_f / sum_least).collect()
    };
    let mut widths: Vec<usize> = widths.iter().map(|&w| w as usize).collect();
    let used: usize = widths[..columns - 1].iter().sum();
    widths[columns - 1] = (total as usize).saturating_sub(used);
    widths
}

/// A table as the writer and the preview draw it.
pub struct TableView<'a> {
    pub header: &'a [String],
    pub rows: Vec<&'a [String]>,
    /// Twips, summing to the text block's width.
    pub widths: Vec<usize>,
    /// Per column: left-aligned text (else centred); header cells are
    /// always centred.
    pub left: Vec<bool>,
}

impl Block {
    /// The block's table, if it is one.
    pub fn table(&self) -> Option<TableView<'_>> {
        let total = super::gbt9704::TEXT_WIDTH;
        match self {
            Block::TaskTable { header, rows } => Some(TableView {
                header,
                rows: rows.iter().map(|r| &r[..]).collect(),
                widths: task_column_widths(rows, total).to_vec(),
                left: (0..5).map(|c| c == 1).collect(),
            }),
            Block::Table { header, rows } => {
                let widths = table_column_widths(header, rows, total);
                // Columns of sentences read left-aligned; short entries centred.
                let left = (0..widths.len())
                    .map(|c| {
                        rows.iter()
                            .any(|r| r.get(c).is_some_and(|t| width(t) > 8.0))
                    })
                    .collect();
                Some(TableView {
                    header,
                    rows: rows.iter().map(Vec::as_slice).collect(),
                    widths,
                    left,
                })
            }
            _ => None,
        }
    }
}

/// The whole notice as layout blocks, in reading order.
pub fn blocks(notice: &Notice) -> Vec<Block> {
    compose(notice).blocks
}

/// The whole notice as layout blocks with their sources.
pub fn compose(notice: &Notice) -> Composition {
    let mut out = Out {
        composition: Composition::default(),
        field: Field::Title,
    };
    let header = &notice.header;
    let letter = header.form == HeaderForm::Letter;
    if letter {
        letter_head(notice, &mut out);
    }
    if !letter && !header.copy_number.trim().is_empty() {
        out.at(Field::CopyNumber).push(Block::HeaderMark(Span::new(
            header.copy_number.trim(),
            Face::Body,
        )));
    }
    for (field, mark) in [
        (Field::Secrecy, &header.secrecy),
        (Field::Urgency, &header.urgency),
    ] {
        if !letter && !mark.trim().is_empty() {
            out.at(field)
                .push(Block::HeaderMark(Span::new(mark.trim(), Face::Hei)));
        }
    }
    let organs = trimmed(&header.organs);
    if !letter && !organs.is_empty() {
        out.at(Field::Organs).push(Block::OrganMark {
            organs: organs.clone(),
            suffix: if header.with_wenjian { "文件" } else { "" }.into(),
        });
    }
    let number = header.doc_number.to_string();
    let signers = trimmed(&header.signers);
    // The red rule belongs to the 版头 even before a number is assigned.
    if !letter && (!number.is_empty() || !signers.is_empty() || !organs.is_empty()) {
        out.at(Field::DocNumber).push(Block::DocNumber {
            number,
            signers,
            rule: true,
        });
    }
    out.at(Field::Title).push(Block::Title {
        lines: title_lines(&title(notice), TITLE_LINE_CHARS),
    });
    let recipients = trimmed(&notice.recipients);
    if !recipients.is_empty() {
        let joined = recipients.join("，");
        out.at(Field::Recipients).push(Block::Recipients(format!(
            "{}：",
            joined.trim_end_matches(['：', ':', '，', ','])
        )));
    }
    match notice.shape {
        NoticeShape::Direct => {
            section_blocks(notice, &mut out);
            closing_blocks(notice, &mut out);
            attachment_blocks(notice, &mut out);
        }
        NoticeShape::IssuesPlan => {
            out.at(Field::CoverBody);
            for text in &notice.cover_body {
                out.extend(paragraphs(text));
            }
            closing_blocks(notice, &mut out);
            out.at(Field::PlanTitle).push(Block::PageBreak);
            out.push(Block::Title {
                lines: title_lines(&plan_title(notice), TITLE_LINE_CHARS),
            });
            section_blocks(notice, &mut out);
            attachment_blocks(notice, &mut out);
        }
    }
    let imprint = &notice.imprint;
    if !imprint.is_empty() {
        let mut rows = Vec::new();
        if imprint.cc.iter().any(|c| !c.trim().is_empty()) {
            rows.push(Field::ImprintCc);
        }
        // §10.1: a letter's 版记 has no 印发机关 and 印发日期.
        if !letter && (!imprint.printer.trim().is_empty() || imprint.print_date.is_some()) {
            rows.push(Field::ImprintPrinter);
        }
        let cc = join_cc(&imprint.cc);
        if letter && cc.is_empty() {
            return out.composition;
        }
        out.at(Field::ImprintCc);
        out.composition.blocks.push(Block::Imprint {
            cc,
            printer: if letter {
                String::new()
            } else {
                imprint.printer.trim().to_owned()
            },
            print_date: match imprint.print_date {
                Some(d) if !letter => format!("{d}印发"),
                _ => String::new(),
            },
        });
        out.composition.sources.push(Source {
            field: Field::ImprintCc,
            rows,
        });
    }
    out.composition
}

/// The 信函格式's 版头 (§10.1): the host organ's name (a joint letter
/// carries the lead organ's), and under the first double line the marks
/// flush left and the 发文字号 flush right.
fn letter_head(notice: &Notice, out: &mut Out) {
    let header = &notice.header;
    out.at(Field::Organs).push(Block::LetterHead {
        organ: header.host_organ().to_owned(),
    });
    let mut marks = Vec::new();
    let mut rows = Vec::new();
    for (field, mark, face) in [
        (Field::CopyNumber, &header.copy_number, Face::Body),
        (Field::Secrecy, &header.secrecy, Face::Hei),
        (Field::Urgency, &header.urgency, Face::Hei),
    ] {
        if !mark.trim().is_empty() {
            marks.push(Span::new(mark.trim(), face));
            rows.push(field);
        }
    }
    let number = header.doc_number.to_string();
    if marks.is_empty() && number.is_empty() {
        return;
    }
    // The first line holds the number too: it leads there when given.
    if !number.is_empty() {
        if let Some(first) = rows.first_mut() {
            *first = Field::DocNumber;
        }
    }
    out.composition
        .blocks
        .push(Block::LetterLines { marks, number });
    out.composition.sources.push(Source {
        field: Field::DocNumber,
        rows,
    });
}

/// The composition for printing on preprinted letterhead (套打): the
/// 发文机关标志 and the red rule are on the paper, so the 标志 becomes blank
/// space and the rule is not drawn, and the 发文字号 stands on the line
/// above the paper's rule. `reserved` is the height, in twips from the top
/// of the text block, down to the paper's rule: with
/// [`pagination::header_height`] of the notice's own 版头 everything below
/// stands exactly where it would under the printed one; a taller value
/// moves it down by the difference. A notice without an organ is left as
/// it is.
pub fn on_letterhead(composition: Composition, reserved: i32) -> Composition {
    let blocks = &composition.blocks;
    let (Some(mark), Some(number)) = (
        blocks
            .iter()
            .position(|b| matches!(b, Block::OrganMark { .. })),
        blocks
            .iter()
            .position(|b| matches!(b, Block::DocNumber { .. })),
    ) else {
        return composition;
    };
    // The 版头's own height less the 标志 and the blank lines after it.
    let own = super::pagination::header_height(blocks);
    let layout = super::pagination::lay_out(&blocks[..=number]);
    let number_top = layout.pagination.starts[number].y;
    let mark_top = layout.pagination.starts[mark].y;
    let space = (reserved - own + number_top - mark_top).max(0);
    let Composition {
        mut blocks,
        mut sources,
    } = composition;
    if let Block::DocNumber { rule, .. } = &mut blocks[number] {
        *rule = false;
    }
    blocks[mark] = Block::Reserved(space);
    // The blank lines between the 标志 and the number are in the space.
    sources[mark] = Source::of(Field::Organs);
    Composition { blocks, sources }
}

fn join_cc(cc: &[String]) -> String {
    let names = trimmed(cc);
    if names.is_empty() {
        String::new()
    } else {
        // §7.4.2: 抄送机关 separated by 、 (or ，), ending with 。
        format!("{}。", join_names(&names).trim_end_matches(['。', '.']))
    }
}

#[cfg(test)]
mod sources;
#[cfg(test)]
mod tests;
