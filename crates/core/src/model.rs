//! The notice as the user drafts it: plain data, serialisable, with no
//! knowledge of the browser or of .docx. Every field has a default so that a
//! draft saved with fewer fields still loads.
//!
//! Two shapes are expressible (see [`NoticeShape`]): a direct notice whose
//! body is the plan itself, and a cover notice that issues (印发) an attached
//! plan. In both, [`Notice::sections`] is the plan's body.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};
use std::fmt;

/// A campaign notice such as the yearly 质量月 notice.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Notice {
    pub shape: NoticeShape,
    /// The campaign: its name (质量月) and year, from which titles are composed.
    pub campaign: Campaign,
    /// 版头.
    pub header: Header,
    /// 标题; `None` means "composed from organ, year and shape".
    pub title: Option<String>,
    /// 主送机关, one entry per addressee group.
    pub recipients: Vec<String>,
    /// The cover notice's own text (shape [`NoticeShape::IssuesPlan`] only),
    /// one paragraph per entry.
    pub cover_body: Vec<String>,
    /// The attached plan's title; `None` means composed.
    pub plan_title: Option<String>,
    /// The body (of the plan, or of the direct notice), in order.
    pub sections: Vec<Section>,
    /// 活动安排: the task list and how it is shown.
    pub tasks: TaskList,
    /// 联系人, after the body.
    pub contacts: Vec<Contact>,
    /// 附件说明: names of attachments, numbered when there are several.
    pub attachments: Vec<String>,
    /// The attachments' own pages (GB/T 9704 §8), after the body, each
    /// under the 附件说明 name it belongs to.
    pub attachment_pages: Vec<AttachmentPage>,
    /// 发文机关署名 and 成文日期.
    pub signature: Signature,
    /// 附注, such as 此件公开发布 (written in parentheses).
    pub note: String,
    /// 版记.
    pub imprint: Imprint,
}

/// Which of the two shapes of notice this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum NoticeShape {
    /// 关于开展…活动的通知: the body is the plan itself.
    #[default]
    Direct,
    /// 关于印发《…方案》的通知: a short cover notice, then the plan.
    IssuesPlan,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Campaign {
    /// The campaign's name as quoted in titles, e.g. 质量月.
    pub name: String,
    pub year: Option<u16>,
}

impl Default for Campaign {
    fn default() -> Self {
        Self {
            name: "质量月".into(),
            year: None,
        }
    }
}

/// 版头 (GB/T 9704 §7.2).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Header {
    /// 发文机关 names; several for a joint notice, the host organ first.
    pub organs: Vec<String>,
    /// Whether the 发文机关标志 reads "…文件".
    pub with_wenjian: bool,
    /// 份号, six digits when present.
    pub copy_number: String,
    /// 密级和保密期限, e.g. 秘密★1年.
    pub secrecy: String,
    /// 紧急程度: 特急 or 加急.
    pub urgency: String,
    pub doc_number: DocNumber,
    /// 签发人 (for documents sent upward).
    pub signers: Vec<String>,
    /// The form of the 版头: the usual one, or the 信函格式 of a 函.
    pub form: HeaderForm,
}

/// Which 版头 the notice takes (GB/T 9704 §7.2 or §10.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum HeaderForm {
    /// 通用格式 (§7.2): the 发文机关标志 in the text block, the red rule.
    #[default]
    Standard,
    /// 信函格式 (§10.1): the organ's name 30 mm from the paper's top
    /// between red double lines, no page number on page 1.
    Letter,
}

impl Header {
    /// The organs' names, trimmed, without the empty ones.
    pub fn named_organs(&self) -> impl Iterator<Item = &str> {
        self.organs
            .iter()
            .map(|o| o.trim())
            .filter(|o| !o.is_empty())
    }

    /// The host (first) organ's name, trimmed; empty when none is given.
    pub fn host_organ(&self) -> &str {
        self.named_organs().next().unwrap_or("")
    }
}

/// 发文字号: 代字, year in 六角括号 and serial, e.g. 砀市监发〔2021〕12号.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct DocNumber {
    /// 机关代字, e.g. 砀市监发.
    pub prefix: String,
    pub year: Option<u16>,
    /// 发文顺序号; never zero-padded when written.
    pub serial: Option<u32>,
}

impl DocNumber {
    pub fn is_empty(&self) -> bool {
        self.prefix.trim().is_empty() && self.year.is_none() && self.serial.is_none()
    }
}

impl fmt::Display for DocNumber {
    /// GB/T 9704 §7.2.4: full year in 〔〕, no 第, no leading zeros.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return Ok(());
        }
        f.write_str(self.prefix.trim())?;
        if let Some(year) = self.year {
            write!(f, "〔{year}〕")?;
        }
        if let Some(serial) = self.serial {
            write!(f, "{serial}号")?;
        }
        Ok(())
    }
}

/// One part of the body, with an optional heading (numbered 一、二、… when
/// written).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Section {
    /// Stable within the notice, for the editor's lists.
    pub id: u32,
    /// The heading without its number, e.g. 活动主题.
    pub heading: String,
    pub content: SectionContent,
}

/// What a section holds; each type has its own editor and layout.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        tag = "type",
        rename_all = "snake_case",
        try_from = "repr::SectionContentRepr"
    )
)]
pub enum SectionContent {
    /// The opening paragraphs before the first heading, citing the basis
    /// documents (e.g. 《…》（国市监质〔2021〕51号）). Never numbered.
    Preamble { paragraphs: Vec<String> },
    /// 指导思想, 目标任务 or any free text: paragraphs with heading levels.
    Text { blocks: Vec<TextBlock> },
    /// 活动主题, often the year's national theme.
    Theme { theme: String },
    /// 活动时间.
    Time { text: String },
    /// 活动内容/活动安排: an introduction, then the notice's task list.
    Tasks { intro: String },
    /// Activities grouped by department (领导小组办公室 notices).
    ByDepartment { groups: Vec<DepartmentActivities> },
    /// 活动要求: numbered items （一）lead。text.
    Requirements { items: Vec<Requirement> },
    /// 总结报送: what to send, to whom, by when.
    Summary(Summary),
}

/// serde's reading of a section (the reference for the codec), through one
/// flat struct so that every field of a kind may be left out, as the codec
/// allows. The JSON is the same (`{"type": "theme", "theme": "…"}`).
#[cfg(feature = "serde")]
mod repr {
    use super::*;

    #[cfg_attr(feature = "serde", derive(Deserialize))]
    #[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
    pub(super) enum SectionKind {
        Preamble,
        Text,
        Theme,
        Time,
        Tasks,
        ByDepartment,
        Requirements,
        Summary,
    }

    #[derive(Default)]
    #[cfg_attr(feature = "serde", derive(Deserialize))]
    #[cfg_attr(feature = "serde", serde(default))]
    pub(super) struct SectionContentRepr {
        #[cfg_attr(feature = "serde", serde(rename = "type"))]
        kind: Option<SectionKind>,
        paragraphs: Vec<String>,
        blocks: Vec<TextBlock>,
        theme: String,
        text: String,
        intro: String,
        groups: Vec<DepartmentActivities>,
        items: Vec<Requirement>,
        deadline: Option<DocDate>,
        what: String,
        to: String,
        extra: String,
    }

    impl TryFrom<SectionContentRepr> for SectionContent {
        type Error = &'static str;

        fn try_from(r: SectionContentRepr) -> Result<Self, Self::Error> {
            Ok(match r.kind.ok_or("missing field `type`")? {
                SectionKind::Preamble => Self::Preamble {
                    paragraphs: r.paragraphs,
                },
                SectionKind::Text => Self::Text { blocks: r.blocks },
                SectionKind::Theme => Self::Theme { theme: r.theme },
                SectionKind::Time => Self::Time { text: r.text },
                SectionKind::Tasks => Self::Tasks { intro: r.intro },
                SectionKind::ByDepartment => Self::ByDepartment { groups: r.groups },
                SectionKind::Requirements => Self::Requirements { items: r.items },
                SectionKind::Summary => Self::Summary(Summary {
                    deadline: r.deadline,
                    what: r.what,
                    to: r.to,
                    extra: r.extra,
                }),
            })
        }
    }
}

impl Default for SectionContent {
    fn default() -> Self {
        Self::Text { blocks: Vec::new() }
    }
}

impl SectionContent {
    /// The kind's name in the editor.
    pub fn kind_label(&self) -> &'static str {
        self.kind().label()
    }
}

/// A paragraph of free text at a heading level.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct TextBlock {
    pub level: Level,
    pub text: String,
}

/// Levels inside a section (the section heading itself is level 1, 一、).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Level {
    /// A body paragraph, first line indented two characters.
    #[default]
    Body,
    /// （一） 楷体.
    Second,
    /// 1. 仿宋.
    Third,
    /// （1） 仿宋.
    Fourth,
}

/// One department's activities.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct DepartmentActivities {
    pub department: String,
    /// One activity per entry.
    pub activities: Vec<String>,
}

/// One requirement: （一）加强组织领导。县局各股室要…
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Requirement {
    /// The lead phrase, without its number or final 。.
    pub lead: String,
    pub text: String,
}

/// 总结报送.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Summary {
    pub deadline: Option<DocDate>,
    /// What is sent, e.g. 活动总结（电子档并附2张以上图片）.
    pub what: String,
    /// To whom, e.g. 质量股（邮箱：…）.
    pub to: String,
    /// Further text, written after the composed sentence.
    pub extra: String,
}

/// The task list and its presentation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct TaskList {
    pub layout: TaskLayout,
    pub rows: Vec<TaskRow>,
    /// The word for the lead department (table header and lines); empty
    /// means 牵头部门. Real notices also say 牵头责任部门 or 牵头单位.
    pub lead_label: String,
    /// Likewise for the others; empty means 配合部门 (also 协助部门…).
    pub support_label: String,
}

/// The three ways real notices show a task list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TaskLayout {
    /// A table 序号/活动内容/活动时间/牵头部门/配合部门.
    #[default]
    Table,
    /// Numbered subsections （一）name, description, then 牵头部门：… 配合部门：….
    Subsections,
    /// Numbered items ending with the department in parentheses.
    Items,
}

/// One task (活动).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct TaskRow {
    /// Short name, e.g. 开展计量专项检查.
    pub name: String,
    /// What is done, in a sentence or a paragraph.
    pub description: String,
    /// 活动时间, free text such as 9月1日-3日.
    pub time: String,
    /// 活动地点/范围.
    pub place: String,
    /// 牵头部门.
    pub lead: String,
    /// 配合部门, several.
    pub support: Vec<String>,
}

impl TaskRow {
    pub fn is_blank(&self) -> bool {
        [
            &self.name,
            &self.description,
            &self.time,
            &self.place,
            &self.lead,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
            && self.support.iter().all(|s| s.trim().is_empty())
    }

    /// The support departments as written: 办公室、各市场监督管理所.
    pub fn support_text(&self) -> String {
        join_names(&self.support)
    }
}

/// Joins non-empty names with 、.
pub fn join_names(names: &[String]) -> String {
    names
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("、")
}

/// Splits a list of names written with 、，, ; or line breaks. A separator
/// inside brackets belongs to the name: 各县（市、区）教育局 is one name.
pub fn split_names(text: &str) -> Vec<String> {
    split_outside_brackets(text, &['、', '，', ',', '；', ';', '\n'])
        .into_iter()
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect()
}

/// Names as they are being typed, split on 、 outside brackets only and
/// kept as typed (blank ones too), so that joining them with 、 gives the
/// text back.
pub fn split_typed_names(text: &str) -> Vec<String> {
    split_outside_brackets(text, &['、'])
}

fn split_outside_brackets(text: &str, separators: &[char]) -> Vec<String> {
    let mut names = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '（' | '(' | '〔' | '【' | '《' | '“' => depth += 1,
            '）' | ')' | '〕' | '】' | '》' | '”' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && separators.contains(&c) {
            names.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    names.push(current);
    names
}

/// An attachment's page(s): its name (the 附件说明 entry, and its title on
/// the page) and its content. One flat record rather than an enum per kind,
/// so that switching the kind in the editor loses nothing typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct AttachmentPage {
    pub name: String,
    pub kind: AttachmentKind,
    /// [`AttachmentKind::Text`]: one paragraph per entry; one that starts
    /// with 一、 or （一） is a heading, set as the body's headings are.
    pub paragraphs: Vec<String>,
    /// [`AttachmentKind::Table`]: the column headings…
    pub columns: Vec<String>,
    /// …and the rows, one cell per column (blank rows are kept: a 报送表
    /// leaves rows to fill in).
    pub rows: Vec<Vec<String>>,
    /// [`AttachmentKind::Table`]: lines set above the table (填报单位：…
    /// 填报日期：…) and under it (注：…), one per entry.
    pub above: Vec<String>,
    pub below: Vec<String>,
    /// [`AttachmentKind::List`]: one item per entry, numbered 1. 2. ….
    pub items: Vec<String>,
}

/// What an attachment holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum AttachmentKind {
    /// Paragraphs with headings, formatted like the body.
    #[default]
    Text,
    /// A table with the user's columns (序号, 单位, 联系人, 电话…).
    Table,
    /// A numbered list, such as the year's slogans.
    List,
}

impl AttachmentKind {
    /// The kind's name in the UI.
    pub fn label(self) -> &'static str {
        match self {
            Self::Text => "文字段落",
            Self::Table => "表格",
            Self::List => "条目（如口号）",
        }
    }
}

impl AttachmentPage {
    /// Whether the page has nothing to show beyond its title.
    pub fn is_empty(&self) -> bool {
        let blank = |s: &String| s.trim().is_empty();
        match self.kind {
            AttachmentKind::Text => self.paragraphs.iter().all(blank),
            AttachmentKind::Table => {
                self.columns.iter().all(blank) && self.rows.iter().flatten().all(blank)
            }
            AttachmentKind::List => self.items.iter().all(blank),
        }
    }
}

/// 联系人.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Contact {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub fax: String,
}

impl Contact {
    pub fn is_blank(&self) -> bool {
        [&self.name, &self.phone, &self.email, &self.fax]
            .iter()
            .all(|s| s.trim().is_empty())
    }
}

/// 发文机关署名 and 成文日期 (GB/T 9704 §7.3.5).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Signature {
    /// One or several organs (a joint notice signs with each).
    pub organs: Vec<String>,
    pub date: Option<DocDate>,
    /// Whether the document is sealed (印章), which changes the geometry.
    pub sealed: bool,
    /// A 代章 note, e.g. （代章）, written after the organ.
    pub proxy_note: String,
}

impl Default for Signature {
    fn default() -> Self {
        Self {
            organs: Vec::new(),
            date: None,
            sealed: true,
            proxy_note: String::new(),
        }
    }
}

/// 版记 (GB/T 9704 §7.4).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Imprint {
    /// 抄送机关.
    pub cc: Vec<String>,
    /// 印发机关.
    pub printer: String,
    /// 印发日期.
    pub print_date: Option<DocDate>,
}

impl Imprint {
    pub fn is_empty(&self) -> bool {
        self.cc.iter().all(|c| c.trim().is_empty())
            && self.printer.trim().is_empty()
            && self.print_date.is_none()
    }
}

/// A date written 2021年9月6日 (Arabic numerals, no zero padding).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DocDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl DocDate {
    /// A real calendar date, or `None`.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let days = days_in_month(year, month)?;
        (year >= 1 && (1..=days).contains(&day)).then_some(Self { year, month, day })
    }

    /// Parses the ISO form `2021-09-06` that `<input type="date">` gives.
    pub fn from_iso(text: &str) -> Option<Self> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Self::new(year, month, day)
    }

    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The same month and day in another year; 29 February becomes the 28th
    /// in a common year.
    pub fn with_year(self, year: u16) -> Self {
        Self::new(year, self.month, self.day).unwrap_or(Self {
            year,
            month: self.month,
            day: 28,
        })
    }
}

fn days_in_month(year: u16, month: u8) -> Option<u8> {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

impl fmt::Display for DocDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl Notice {
    /// The year the notice is about: the campaign's, else the document
    /// number's, else the date's.
    pub fn year(&self) -> Option<u16> {
        self.campaign
            .year
            .or(self.header.doc_number.year)
            .or(self.signature.date.map(|d| d.year))
    }

    /// A fresh section id.
    pub fn next_section_id(&self) -> u32 {
        self.sections
            .iter()
            .map(|s| s.id)
            .max()
            .map_or(1, |m| m + 1)
    }

    /// The organs that sign: the signature's, else the header's.
    pub fn signing_organs(&self) -> Vec<String> {
        let own: Vec<String> = self
            .signature
            .organs
            .iter()
            .filter(|o| !o.trim().is_empty())
            .cloned()
            .collect();
        if own.is_empty() {
            self.header
                .organs
                .iter()
                .filter(|o| !o.trim().is_empty())
                .cloned()
                .collect()
        } else {
            own
        }
    }
}

// How drafts are written and read by `super::json`. Each list is its
// struct's fields in declaration order, as serde writes them;
// tests/draft_json.rs checks both against serde.
use super::json::{json_enum, json_object, read_object, write_object, Json, JsonError, JsonField};

json_object!(Notice {
    shape,
    campaign,
    header,
    title,
    recipients,
    cover_body,
    plan_title,
    sections,
    tasks,
    contacts,
    attachments,
    attachment_pages,
    signature,
    note,
    imprint,
});
json_enum!(NoticeShape { Direct = "direct", IssuesPlan = "issues_plan" });
json_object!(Campaign { name, year });
json_object!(Header {
    organs,
    with_wenjian,
    copy_number,
    secrecy,
    urgency,
    doc_number,
    signers,
    form
});
json_enum!(HeaderForm { Standard = "standard", Letter = "letter" });
json_object!(DocNumber {
    prefix,
    year,
    serial
});
json_object!(Section {
    id,
    heading,
    content
});
json_object!(TextBlock { level, text });
json_enum!(Level { Body = "body", Second = "second", Third = "third", Fourth = "fourth" });
json_object!(DepartmentActivities {
    department,
    activities
});
json_object!(Requirement { lead, text });
json_object!(Summary {
    deadline,
    what,
    to,
    extra
});
json_object!(TaskList {
    layout,
    rows,
    lead_label,
    support_label
});
json_enum!(TaskLayout { Table = "table", Subsections = "subsections", Items = "items" });
json_object!(TaskRow {
    name,
    description,
    time,
    place,
    lead,
    support
});
json_object!(AttachmentPage {
    name,
    kind,
    paragraphs,
    columns,
    rows,
    above,
    below,
    items
});
json_enum!(AttachmentKind { Text = "text", Table = "table", List = "list" });
json_object!(Contact {
    name,
    phone,
    email,
    fax
});
json_object!(Signature {
    organs,
    date,
    sealed,
    proxy_note
});
json_object!(Imprint {
    cc,
    printer,
    print_date
});

/// The variants' tags, in declaration order.
const SECTION_KINDS: &[&str] = &[
    "preamble",
    "text",
    "theme",
    "time",
    "tasks",
    "by_department",
    "requirements",
    "summary",
];

/// Internally tagged, as `#[cfg_attr(feature = "serde", serde(tag = "type"))]` writes it: the tag first,
/// then the variant's fields.
impl JsonField for SectionContent {
    fn read_json(&mut self, value: &Json) -> Result<(), JsonError> {
        let mut kind = String::new();
        read_object(value, &["type"], &mut [("type", &mut kind)])?;
        *self = match super::json::read_variant(&Json::String(kind.into()), SECTION_KINDS)
            .map_err(|e| e.inside("type"))?
        {
            0 => Self::Preamble {
                paragraphs: Vec::new(),
            },
            1 => Self::Text { blocks: Vec::new() },
            2 => Self::Theme {
                theme: String::new(),
            },
            3 => Self::Time {
                text: String::new(),
            },
            4 => Self::Tasks {
                intro: String::new(),
            },
            5 => Self::ByDepartment { groups: Vec::new() },
            6 => Self::Requirements { items: Vec::new() },
            _ => Self::Summary(Summary::default()),
        };
        let (name, field): (&'static str, &mut dyn JsonField) = match self {
            Self::Preamble { paragraphs } => ("paragraphs", paragraphs),
            Self::Text { blocks } => ("blocks", blocks),
            Self::Theme { theme } => ("theme", theme),
            Self::Time { text } => ("text", text),
            Self::Tasks { intro } => ("intro", intro),
            Self::ByDepartment { groups } => ("groups", groups),
            Self::Requirements { items } => ("items", items),
            Self::Summary(summary) => return summary.read_json(value),
        };
        read_object(value, &[], &mut [(name, field)])
    }

    fn write_json(&self, out: &mut String) {
        let (index, name, field): (usize, &str, &dyn JsonField) = match self {
            Self::Preamble { paragraphs } => (0, "paragraphs", paragraphs),
            Self::Text { blocks } => (1, "blocks", blocks),
            Self::Theme { theme } => (2, "theme", theme),
            Self::Time { text } => (3, "text", text),
            Self::Tasks { intro } => (4, "intro", intro),
            Self::ByDepartment { groups } => (5, "groups", groups),
            Self::Requirements { items } => (6, "items", items),
            Self::Summary(s) => {
                let kind = SECTION_KINDS[7].to_owned();
                let fields: [(&str, &dyn JsonField); 5] = [
                    ("type", &kind),
                    ("deadline", &s.deadline),
                    ("what", &s.what),
                    ("to", &s.to),
                    ("extra", &s.extra),
                ];
                return write_object(out, &fields);
            }
        };
        let kind = SECTION_KINDS[index].to_owned();
        write_object(out, &[("type", &kind), (name, field)]);
    }
}

/// Every field required, as serde reads a struct without defaults.
impl JsonField for Option<DocDate> {
    fn read_json(&mut self, value: &Json) -> Result<(), JsonError> {
        if *value == Json::Null {
            *self = None;
            return Ok(());
        }
        let (mut year, mut month, mut day) = (0u16, 0u8, 0u8);
        read_object(
            value,
            &["year", "month", "day"],
            &mut [
                ("year", &mut year),
                ("month", &mut month),
                ("day", &mut day),
            ],
        )?;
        *self = Some(DocDate { year, month, day });
        Ok(())
    }

    fn write_json(&self, out: &mut String) {
        match self {
            Some(d) => write_object(
                out,
                &[("year", &d.year), ("month", &d.month), ("day", &d.day)],
            ),
            None => out.push_str("null"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_number_is_written_with_hexagonal_brackets_and_no_padding() {
        let number = DocNumber {
            prefix: "砀市监发".into(),
            year: Some(2021),
            serial: Some(12),
        };
        assert_eq!(number.to_string(), "砀市监发〔2021〕12号");
        assert_eq!(DocNumber::default().to_string(), "");
    }

    #[test]
    fn dates_are_written_without_zero_padding() {
        let date = DocDate::new(2021, 9, 6).unwrap();
        assert_eq!(date.to_string(), "2021年9月6日");
        assert_eq!(date.to_iso(), "2021-09-06");
        assert_eq!(DocDate::from_iso("2021-09-06"), Some(date));
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(DocDate::new(2021, 2, 29), None);
        assert!(DocDate::new(2024, 2, 29).is_some());
        assert_eq!(DocDate::new(2021, 13, 1), None);
        assert_eq!(DocDate::new(2021, 4, 31), None);
        assert_eq!(DocDate::from_iso("2021-9"), None);
        assert_eq!(DocDate::from_iso("abc"), None);
    }

    #[test]
    fn leap_day_moves_to_the_28th_in_a_common_year() {
        let leap = DocDate::new(2024, 2, 29).unwrap();
        assert_eq!(leap.with_year(2025), DocDate::new(2025, 2, 28).unwrap());
        assert_eq!(leap.with_year(2028), leap.with_year(2028));
        let date = DocDate::new(2021, 9, 6).unwrap();
        assert_eq!(date.with_year(2022).to_string(), "2022年9月6日");
    }

    #[test]
    fn names_split_on_any_separator_and_join_with_dunhao() {
        let names = split_names("办公室,各市场监督管理所、 质量股；标准计量股");
        assert_eq!(
            names,
            ["办公室", "各市场监督管理所", "质量股", "标准计量股"]
        );
        assert_eq!(
            join_names(&names),
            "办公室、各市场监督管理所、质量股、标准计量股"
        );
    }

    #[test]
    fn names_split_outside_brackets() {
        assert_eq!(
            split_names("各县（市、区）教育局、办公室,质量股\n标准股"),
            ["各县（市、区）教育局", "办公室", "质量股", "标准股"]
        );
        let typed = "各县（市、区）教育局、、办公";
        assert_eq!(
            split_typed_names(typed),
            ["各县（市、区）教育局", "", "办公"]
        );
        assert_eq!(split_typed_names(typed).join("、"), typed);
    }

    #[test]
    fn partial_drafts_load_with_defaults() {
        let mut notice = Notice::default();
        notice
            .read_json(&crate::json::parse(
                r#"{"title":"关于开展活动的通知","sections":[{"heading":"活动主题","content":{"type":"theme","theme":"质量"}}]}"#,
            ).unwrap())
            .unwrap();
        assert_eq!(notice.title.as_deref(), Some("关于开展活动的通知"));
        assert_eq!(notice.campaign.name, "质量月");
        assert!(notice.signature.sealed);
        assert_eq!(
            notice.sections[0].content,
            SectionContent::Theme {
                theme: "质量".into()
            }
        );
    }

    #[test]
    fn every_shape_round_trips_through_json() {
        let notice = Notice {
            shape: NoticeShape::IssuesPlan,
            sections: vec![
                Section {
                    id: 1,
                    heading: String::new(),
                    content: SectionContent::Preamble {
                        paragraphs: vec!["为…".into()],
                    },
                },
                Section {
                    id: 2,
                    heading: "活动要求".into(),
                    content: SectionContent::Requirements {
                        items: vec![Requirement {
                            lead: "加强组织领导".into(),
                            text: "…".into(),
                        }],
                    },
                },
                Section {
                    id: 3,
                    heading: "总结报送".into(),
                    content: SectionContent::Summary(Summary {
                        deadline: DocDate::new(2021, 9, 30),
                        ..Summary::default()
                    }),
                },
            ],
            tasks: TaskList {
                layout: TaskLayout::Items,
                rows: vec![TaskRow {
                    support: vec!["办公室".into()],
                    ..TaskRow::default()
                }],
                ..TaskList::default()
            },
            ..Notice::default()
        };
        let json = crate::json::to_string(&notice);
        let mut read = Notice::default();
        read.read_json(&crate::json::parse(&json).unwrap()).unwrap();
        assert_eq!(read, notice);
    }

    #[test]
    fn a_form_keeps_the_lines_around_its_table() {
        let page = AttachmentPage {
            name: "信息报送表".into(),
            kind: AttachmentKind::Table,
            columns: vec!["序号".into(), "单位".into()],
            rows: vec![vec!["1".into(), String::new()], vec![String::new(); 2]],
            above: vec!["填报单位（盖章）：".into()],
            below: vec!["注：9月5日前报送。".into()],
            ..AttachmentPage::default()
        };
        let json = crate::json::to_string(&page);
        let mut read = AttachmentPage::default();
        read.read_json(&crate::json::parse(&json).unwrap()).unwrap();
        assert_eq!(read, page);
        // A page saved before these lines existed reads with none.
        let mut old = AttachmentPage::default();
        old.read_json(&crate::json::parse(r#"{"name":"名单","kind":"table"}"#).unwrap())
            .unwrap();
        assert!(old.above.is_empty() && old.below.is_empty());
    }
}
