//! Roll forward: last year's notice as the start of this year's.
//!
//! What changes, and why only that:
//!
//! - the campaign year, and the 发文字号's year with its serial cleared
//!   (next year's number is not known yet);
//! - every date (成文日期, 印发日期, 总结报送's deadline), moved by the same
//!   number of years, keeping month and day (29 February becomes the 28th);
//! - in every text the user wrote (titles, 主送, paragraphs, headings,
//!   tasks, requirements, 附件, 版记), the notice's own year written as a
//!   four-digit number standing alone: `2021年9月` and `皖剑－2021`, but not
//!   `20210`, `a2021` or a phone number, since a digit or a Latin letter next
//!   to it means it is part of something else;
//! - the 活动主题 when it is the old year's national theme and the new year's
//!   is known.
//!
//! Not changed, but flagged for the user: numbers of other documents cited
//! in the text (国市监质〔2021〕51号), since next year's basis documents are
//! different ones and their numbers cannot be guessed; other years in the
//! text (2022年1月 in a 2021 notice, or 2021—2023年), since whether they
//! move depends on what they mean; a 活动主题 that is not the national one.
//!
//! The result is computed from the input alone, and the input is left as it
//! was: undo is keeping the old draft. Rolling to the notice's own year
//! changes nothing.

use super::compose;
use super::model::{DocDate, Notice, NoticeShape, SectionContent};
use super::themes::national_theme;
use std::ops::Range;

/// One change made, for the list the user accepts or undoes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Where, in words: 标题, 第3项活动·活动时间, 正文·活动要求·第2条·内容.
    pub field: String,
    pub old: String,
    pub new: String,
}

/// Something left as it was that the user should look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub field: String,
    /// The text in question, e.g. the cited number.
    pub text: String,
    pub why: String,
}

/// The rolled notice, what was changed, and what to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollForward {
    pub notice: Notice,
    pub changes: Vec<Change>,
    pub flagged: Vec<Flag>,
}

/// The notice brought to `to_year`; see the module documentation.
pub fn roll_forward(notice: &Notice, to_year: u16) -> RollForward {
    let mut out = notice.clone();
    let from = notice.year();
    if from == Some(to_year) {
        return RollForward {
            notice: out,
            changes: Vec::new(),
            flagged: Vec::new(),
        };
    }
    let mut roller = Roller {
        from,
        to: to_year,
        changes: Vec::new(),
        flagged: Vec::new(),
    };
    roller.roll(&mut out, notice);
    RollForward {
        notice: out,
        changes: roller.changes,
        flagged: roller.flagged,
    }
}

struct Roller {
    /// The notice's own year; `None` when it has none (then no text changes).
    from: Option<u16>,
    to: u16,
    changes: Vec<Change>,
    flagged: Vec<Flag>,
}

const CITED_WHY: &str =
    "引用的其他文件文号未改动：新年度的依据文件不同，请核对并更新文件名称和文号。";
const OTHER_YEAR_WHY: &str = "文中的其他年份未改动，请核对是否需要修改。";

impl Roller {
    fn roll(&mut self, out: &mut Notice, old: &Notice) {
        if let Some(year) = out.campaign.year {
            let new = self.to;
            out.campaign.year = Some(new);
            self.change("年度", year.to_string(), new.to_string());
        }
        let number = &mut out.header.doc_number;
        if !number.is_empty() && (number.year.is_some() || number.serial.is_some()) {
            let before = number.to_string();
            if number.year.is_some() {
                number.year = Some(self.to);
            }
            number.serial = None;
            let after = number.to_string();
            self.change("发文字号", before, after);
        }
        match &mut out.title {
            Some(title) if !title.trim().is_empty() => self.text("标题".into(), title),
            _ => {}
        }
        for (i, recipient) in out.recipients.iter_mut().enumerate() {
            self.text(numbered("主送机关", i, old.recipients.len()), recipient);
        }
        if out.shape == NoticeShape::IssuesPlan {
            for (i, paragraph) in out.cover_body.iter_mut().enumerate() {
                self.text(format!("通知正文·第{}段", i + 1), paragraph);
            }
        }
        match &mut out.plan_title {
            Some(title) if !title.trim().is_empty() => self.text("方案标题".into(), title),
            _ => {}
        }
        self.sections(out);
        self.tasks(out);
        for (i, attachment) in out.attachments.iter_mut().enumerate() {
            self.text(numbered("附件", i, old.attachments.len()), attachment);
        }
        self.attachment_pages(out);
        if let Some(date) = out.signature.date {
            let moved = self.date(date);
            out.signature.date = Some(moved);
            self.change("成文日期", date.to_string(), moved.to_string());
        }
        self.text("附注".into(), &mut out.note);
        let count = out.imprint.cc.len();
        for (i, cc) in out.imprint.cc.iter_mut().enumerate() {
            self.text(numbered("版记·抄送", i, count), cc);
        }
        self.text("版记·印发机关".into(), &mut out.imprint.printer);
        if let Some(date) = out.imprint.print_date {
            let moved = self.date(date);
            out.imprint.print_date = Some(moved);
            self.change("版记·印发日期", date.to_string(), moved.to_string());
        }
        // Composed titles follow the year by themselves; the user still sees
        // that they changed.
        if old.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            self.change(
                "标题（自动生成）",
                compose::composed_title(old),
                compose::composed_title(out),
            );
        }
        if old.shape == NoticeShape::IssuesPlan
            && old
                .plan_title
                .as_deref()
                .is_none_or(|t| t.trim().is_empty())
        {
            self.change(
                "方案标题（自动生成）",
                compose::composed_plan_title(old),
                compose::composed_plan_title(out),
            );
        }
    }

    /// Every text of the attachments' pages: name, paragraphs, list
    /// items, table headings and cells.
    fn attachment_pages(&mut self, out: &mut Notice) {
        let count = out.attachment_pages.len();
        for (i, page) in out.attachment_pages.iter_mut().enumerate() {
            let path = numbered("附件页", i, count);
            self.text(format!("{path}·名称"), &mut page.name);
            for (k, text) in page.paragraphs.iter_mut().enumerate() {
                self.text(format!("{path}·第{}段", k + 1), text);
            }
            for (k, text) in page.items.iter_mut().enumerate() {
                self.text(format!("{path}·第{}条", k + 1), text);
            }
            for (k, text) in page.columns.iter_mut().enumerate() {
                self.text(format!("{path}·第{}列标题", k + 1), text);
            }
            for (r, row) in page.rows.iter_mut().enumerate() {
                for (k, text) in row.iter_mut().enumerate() {
                    self.text(format!("{path}·第{}行第{}列", r + 1, k + 1), text);
                }
            }
            for (k, text) in page.above.iter_mut().enumerate() {
                self.text(format!("{path}·表上第{}行", k + 1), text);
            }
            for (k, text) in page.below.iter_mut().enumerate() {
                self.text(format!("{path}·表下第{}行", k + 1), text);
            }
        }
    }

    fn sections(&mut self, out: &mut Notice) {
        for section in &mut out.sections {
            let label = if section.heading.trim().is_empty() {
                section.content.kind_label().to_owned()
            } else {
                section.heading.trim().to_owned()
            };
            let path = format!("正文·{label}");
            self.text(format!("{path}·小标题"), &mut section.heading);
            match &mut section.content {
                SectionContent::Preamble { paragraphs } => {
                    for (i, text) in paragraphs.iter_mut().enumerate() {
                        self.text(format!("{path}·第{}段", i + 1), text);
                    }
                }
                SectionContent::Text { blocks } => {
                    for (i, block) in blocks.iter_mut().enumerate() {
                        self.text(format!("{path}·第{}段", i + 1), &mut block.text);
                    }
                }
                SectionContent::Theme { theme } => self.theme(&path, theme),
                SectionContent::Time { text } => self.text(path.clone(), text),
                SectionContent::Tasks { intro } => self.text(format!("{path}·引言"), intro),
                SectionContent::ByDepartment { groups } => {
                    for (i, group) in groups.iter_mut().enumerate() {
                        let name = if group.department.trim().is_empty() {
                            format!("第{}个部门", i + 1)
                        } else {
                            group.department.trim().to_owned()
                        };
                        self.text(
                            format!("{path}·第{}个部门·名称", i + 1),
                            &mut group.department,
                        );
                        for (j, activity) in group.activities.iter_mut().enumerate() {
                            self.text(format!("{path}·{name}·第{}项", j + 1), activity);
                        }
                    }
                }
                SectionContent::Requirements { items } => {
                    for (i, item) in items.iter_mut().enumerate() {
                        self.text(format!("{path}·第{}条·要点", i + 1), &mut item.lead);
                        self.text(format!("{path}·第{}条·内容", i + 1), &mut item.text);
                    }
                }
                SectionContent::Summary(summary) => {
                    if let Some(date) = summary.deadline {
                        let moved = self.date(date);
                        summary.deadline = Some(moved);
                        self.change(
                            format!("{path}·截止日期"),
                            date.to_string(),
                            moved.to_string(),
                        );
                    }
                    self.text(format!("{path}·报送内容"), &mut summary.what);
                    self.text(format!("{path}·报送对象"), &mut summary.to);
                    self.text(format!("{path}·补充说明"), &mut summary.extra);
                }
            }
        }
    }

    fn tasks(&mut self, out: &mut Notice) {
        for (i, row) in out.tasks.rows.iter_mut().enumerate() {
            let path = format!("第{}项活动", i + 1);
            self.text(format!("{path}·活动内容"), &mut row.name);
            self.text(format!("{path}·具体内容"), &mut row.description);
            self.text(format!("{path}·活动时间"), &mut row.time);
            self.text(format!("{path}·活动地点"), &mut row.place);
            self.text(format!("{path}·牵头部门"), &mut row.lead);
            let count = row.support.len();
            for (j, name) in row.support.iter_mut().enumerate() {
                self.text(numbered(&format!("{path}·配合部门"), j, count), name);
            }
        }
    }

    /// The national theme replaced by the new year's; any other theme kept
    /// (its years rolled like any text) and flagged.
    fn theme(&mut self, path: &str, theme: &mut String) {
        if theme.trim().is_empty() {
            return;
        }
        let field = path.to_owned();
        let new_national = national_theme(self.to);
        let is_old_national = self
            .from
            .and_then(national_theme)
            .is_some_and(|t| same_words(t.theme, theme));
        match (is_old_national, new_national) {
            (true, Some(new)) => {
                let before = std::mem::replace(theme, new.theme.to_owned());
                self.change(field, before, new.theme.to_owned());
            }
            (true, None) => self.flag(
                field,
                theme.clone(),
                format!(
                    "这是{}年的全国“质量月”主题，{}年的主题尚未收录，请填写新主题。",
                    self.from.unwrap_or_default(),
                    self.to
                ),
            ),
            (false, new) => {
                self.text(field.clone(), theme);
                let why = match new {
                    Some(new) => format!(
                        "活动主题不是全国主题，未替换；{}年全国“质量月”主题为“{}”，请核对。",
                        self.to, new.theme
                    ),
                    None => "活动主题不是全国主题，未替换，请核对。".to_owned(),
                };
                self.flag(field, theme.clone(), why);
            }
        }
    }

    /// Rolls the years of one text, records the change, flags what stays.
    fn text(&mut self, field: String, text: &mut String) {
        if text.is_empty() {
            return;
        }
        let cited = cited_spans(text);
        for range in &cited {
            self.flag(
                field.clone(),
                text[range.clone()].to_owned(),
                CITED_WHY.into(),
            );
        }
        let Some(from) = self.from else {
            return;
        };
        for year in standalone_years(text, &cited) {
            if year.1 != from && (1900..=2199).contains(&year.1) {
                self.flag(
                    field.clone(),
                    text[year.0.clone()].to_owned(),
                    OTHER_YEAR_WHY.into(),
                );
            }
        }
        let rolled = replace_year(text, from, self.to, &cited);
        if rolled != *text {
            let before = std::mem::replace(text, rolled.clone());
            self.change(field, before, rolled);
        }
    }

    fn date(&self, date: DocDate) -> DocDate {
        let year = match self.from {
            Some(from) => (i32::from(date.year) + i32::from(self.to) - i32::from(from))
                .clamp(1, i32::from(u16::MAX)) as u16,
            None => self.to,
        };
        date.with_year(year)
    }

    fn change(&mut self, field: impl Into<String>, old: String, new: String) {
        if old != new {
            self.changes.push(Change {
                field: field.into(),
                old,
                new,
            });
        }
    }

    fn flag(&mut self, field: String, text: String, why: String) {
        self.flagged.push(Flag { field, text, why });
    }
}

/// 主送机关 when there is one, 主送机关第2项 when there are several.
fn numbered(label: &str, index: usize, count: usize) -> String {
    if count <= 1 {
        label.to_owned()
    } else {
        format!("{label}第{}项", index + 1)
    }
}

/// Two themes are the same when they differ only in spacing (one space,
/// two, or a full-width one between the phrases).
fn same_words(a: &str, b: &str) -> bool {
    let squeeze = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    squeeze(a) == squeeze(b)
}

/// A digit, or a Latin letter and the marks of e-mail addresses and file
/// names, next to four digits makes them part of something else.
fn joins_number(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '@' || c == '_'
}

/// Four-digit numbers standing alone, with their byte ranges, outside
/// `protected` ranges.
fn standalone_years(text: &str, protected: &[Range<usize>]) -> Vec<(Range<usize>, u16)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let run = bytes[i..i + 4].iter().all(u8::is_ascii_digit);
        if !run {
            i += 1;
            continue;
        }
        let before = text[..i].chars().next_back();
        let after = text[i + 4..].chars().next();
        let alone = !before.is_some_and(joins_number) && !after.is_some_and(joins_number);
        let inside = protected.iter().any(|r| r.start < i + 4 && i < r.end);
        if alone && !inside {
            if let Ok(year) = text[i..i + 4].parse() {
                out.push((i..i + 4, year));
            }
            i += 4;
        } else {
            // Skip the whole run of digits so that 20210 is never read as
            // 2021 followed by 0.
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    out
}

fn replace_year(text: &str, from: u16, to: u16, protected: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (range, year) in standalone_years(text, protected) {
        if year == from {
            out.push_str(&text[last..range.start]);
            out.push_str(&to.to_string());
            last = range.end;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Byte ranges of document numbers cited in a text: 代字, the year in any
/// bracket people type (〔〕 [] ［］ () （） 【】), the serial and 号, as in
/// 国市监质〔2021〕51号 or 宁市监[2020]184号. Agrees with
/// [`super::edit::cited_numbers`] on the 〔〕 form.
pub fn cited_spans(text: &str) -> Vec<Range<usize>> {
    const OPEN: &[char] = &['〔', '[', '［', '(', '（', '【'];
    const CLOSE: &[char] = &['〕', ']', '］', ')', '）', '】'];
    let mut out: Vec<Range<usize>> = Vec::new();
    for (open_at, open) in text.char_indices().filter(|(_, c)| OPEN.contains(c)) {
        let year_at = open_at + open.len_utf8();
        let rest = &text[year_at..];
        if rest.len() < 5 || !rest.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            continue;
        }
        let Some(close) = rest[4..].chars().next().filter(|c| CLOSE.contains(c)) else {
            continue;
        };
        let mut end = year_at + 4 + close.len_utf8();
        let tail = &text[end..];
        let tail = tail.strip_prefix('第').unwrap_or(tail);
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || !tail[digits..].starts_with('号') {
            continue;
        }
        end = text.len() - tail.len() + digits + '号'.len_utf8();
        let start = text[..open_at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_prefix_char(*c))
            .last()
            .map(|(i, _)| i);
        if let Some(start) = start {
            out.push(start..end);
        }
    }
    out
}

/// Characters of a 机关代字: not punctuation, not space.
fn is_prefix_char(c: char) -> bool {
    !c.is_whitespace()
        && !c.is_ascii_punctuation()
        && !"（）《》〈〉“”‘’，、。；：！？【】〔〕［］".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn notice() -> Notice {
        Notice {
            shape: NoticeShape::Direct,
            campaign: Campaign {
                name: "质量月".into(),
                year: Some(2021),
            },
            header: Header {
                organs: vec!["某县市场监督管理局".into()],
                doc_number: DocNumber {
                    prefix: "某市监".into(),
                    year: Some(2021),
                    serial: Some(7),
                },
                ..Header::default()
            },
            sections: vec![
                Section {
                    id: 1,
                    heading: String::new(),
                    content: SectionContent::Preamble {
                        paragraphs: vec![
                            "按照《关于开展2021年全国“质量月”活动的通知》（国市监质〔2021〕51号）、某市监[2021]3号要求，于2021年9月开展，2022年1月总结。".into(),
                        ],
                    },
                },
                Section {
                    id: 2,
                    heading: "活动主题".into(),
                    content: SectionContent::Theme {
                        theme: "深入实施质量提升行动  大力推进质量强国建设".into(),
                    },
                },
                Section {
                    id: 3,
                    heading: "总结报送".into(),
                    content: SectionContent::Summary(Summary {
                        deadline: DocDate::new(2021, 10, 8),
                        what: "活动总结".into(),
                        to: "质量股（zl2021@example.cn，电话0557-2021123）".into(),
                        extra: String::new(),
                    }),
                },
            ],
            tasks: TaskList {
                rows: vec![TaskRow {
                    name: "开展“皖剑－2021”行动".into(),
                    time: "2021年9月".into(),
                    ..TaskRow::default()
                }],
                ..TaskList::default()
            },
            signature: Signature {
                date: DocDate::new(2021, 9, 6),
                ..Signature::default()
            },
            ..Notice::default()
        }
    }

    #[test]
    fn years_dates_number_and_theme_move_and_every_change_is_listed() {
        let rolled = roll_forward(&notice(), 2022);
        let n = &rolled.notice;
        assert_eq!(n.campaign.year, Some(2022));
        assert_eq!(n.header.doc_number.to_string(), "某市监〔2022〕");
        assert_eq!(n.signature.date, DocDate::new(2022, 9, 6));
        let SectionContent::Preamble { paragraphs } = &n.sections[0].content else {
            panic!()
        };
        assert_eq!(
            paragraphs[0],
            "按照《关于开展2022年全国“质量月”活动的通知》（国市监质〔2021〕51号）、某市监[2021]3号要求，于2022年9月开展，2022年1月总结。"
        );
        assert_eq!(
            n.sections[1].content,
            SectionContent::Theme {
                theme: "推动质量变革创新 促进质量强国建设".into()
            }
        );
        let SectionContent::Summary(summary) = &n.sections[2].content else {
            panic!()
        };
        assert_eq!(summary.deadline, DocDate::new(2022, 10, 8));
        assert_eq!(summary.to, "质量股（zl2021@example.cn，电话0557-2021123）");
        assert_eq!(n.tasks.rows[0].name, "开展“皖剑－2022”行动");
        assert_eq!(n.tasks.rows[0].time, "2022年9月");
        let fields: Vec<&str> = rolled.changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "年度",
                "发文字号",
                "正文·开头（依据）·第1段",
                "正文·活动主题",
                "正文·总结报送·截止日期",
                "第1项活动·活动内容",
                "第1项活动·活动时间",
                "成文日期",
                "标题（自动生成）",
            ]
        );
        assert_eq!(rolled.changes[1].old, "某市监〔2021〕7号");
        let flagged: Vec<&str> = rolled.flagged.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(flagged, ["国市监质〔2021〕51号", "某市监[2021]3号", "2022"]);
    }

    #[test]
    fn rolling_to_the_same_year_changes_nothing() {
        let rolled = roll_forward(&notice(), 2021);
        assert_eq!(rolled.notice, notice());
        assert!(rolled.changes.is_empty() && rolled.flagged.is_empty());
    }

    #[test]
    fn a_leap_day_and_an_unknown_theme() {
        let mut n = notice();
        n.signature.date = DocDate::new(2024, 2, 29);
        n.campaign.year = Some(2024);
        n.sections[1].content = SectionContent::Theme {
            theme: "加强质量支撑 共建质量强国".into(),
        };
        let rolled = roll_forward(&n, 2031);
        assert_eq!(rolled.notice.signature.date, DocDate::new(2031, 2, 28));
        assert_eq!(rolled.notice.sections[1].content, n.sections[1].content);
        assert!(rolled
            .flagged
            .iter()
            .any(|f| f.field == "正文·活动主题" && f.why.contains("尚未收录")));
    }

    #[test]
    fn numbers_inside_other_numbers_stay() {
        assert_eq!(
            replace_year("20210 a2021 2021b 2021年", 2021, 2022, &[]),
            "20210 a2021 2021b 2022年"
        );
        assert_eq!(
            replace_year("2021—2023年、2021.9.6", 2021, 2022, &[]),
            "2022—2023年、2022.9.6"
        );
        let text = "宁市监〔2020〕184号、闽质强省办（2020）第5号、〔2020〕8号";
        let spans: Vec<&str> = cited_spans(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(spans, ["宁市监〔2020〕184号", "闽质强省办（2020）第5号"]);
    }

    #[test]
    fn the_year_in_attachment_pages_moves_too() {
        use crate::model::{AttachmentKind, AttachmentPage};
        let mut n = notice();
        n.attachment_pages = vec![AttachmentPage {
            name: "2021年全国“质量月”活动口号".into(),
            kind: AttachmentKind::Table,
            columns: vec!["2021年计划".into()],
            rows: vec![vec!["2021年9月".into(), "13820211234".into()]],
            items: vec!["2021质量月".into()],
            paragraphs: vec!["2021年".into()],
            above: vec!["填报日期：2021年  月  日".into()],
            below: vec!["注：2021年9月5日前报送。".into()],
        }];
        let rolled = roll_forward(&n, 2022);
        let page = &rolled.notice.attachment_pages[0];
        assert_eq!(page.name, "2022年全国“质量月”活动口号");
        assert_eq!(page.columns, ["2022年计划"]);
        // A phone number's digits are not a year.
        assert_eq!(page.rows, [["2022年9月", "13820211234"]]);
        assert_eq!(page.items, ["2022质量月"]);
        assert_eq!(page.paragraphs, ["2022年"]);
        assert_eq!(page.above, ["填报日期：2022年  月  日"]);
        assert_eq!(page.below, ["注：2022年9月5日前报送。"]);
        assert!(rolled.changes.iter().any(|c| c.field == "附件页·名称"));
    }
}
