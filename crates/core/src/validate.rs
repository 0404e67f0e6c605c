//! Validation: parsing what users type into the forms the standard wants,
//! and the list of problems shown on the check page. Parsing refuses only
//! impossible input (with a message, changing nothing); everything else is
//! a warning that never blocks saving or export.

use super::compose;
use super::field::{AttachmentField, ContactField, Field, TaskField};
use super::model::{AttachmentKind, DocDate, DocNumber, Notice, SectionContent};

/// The editor's steps, in order; problems link to the step of their field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Header,
    Title,
    Body,
    Tasks,
    Requirements,
    Contacts,
    Closing,
    Check,
}

impl Step {
    pub const ALL: [Step; 8] = [
        Step::Header,
        Step::Title,
        Step::Body,
        Step::Tasks,
        Step::Requirements,
        Step::Contacts,
        Step::Closing,
        Step::Check,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Step::Header => "版头",
            Step::Title => "标题与主送",
            Step::Body => "正文",
            Step::Tasks => "活动安排",
            Step::Requirements => "活动要求",
            Step::Contacts => "联系与附件",
            Step::Closing => "落款与版记",
            Step::Check => "检查与导出",
        }
    }

    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// Whether the user has written anything that belongs to `step`: a step
/// with no problem is shown as done only when it also has content, so a
/// blank draft has no step done.
pub fn has_content(notice: &Notice, step: Step) -> bool {
    let filled = |s: &String| !s.trim().is_empty();
    match step {
        Step::Header => {
            notice.header.organs.iter().any(filled) || !notice.header.doc_number.is_empty()
        }
        Step::Title => {
            notice.title.as_ref().is_some_and(filled) || notice.recipients.iter().any(filled)
        }
        Step::Body => !notice.sections.is_empty(),
        Step::Tasks => notice.tasks.rows.iter().any(|t| !t.is_blank()),
        Step::Requirements => notice.sections.iter().any(|s| match &s.content {
            SectionContent::Requirements { items } => {
                items.iter().any(|r| filled(&r.lead) || filled(&r.text))
            }
            _ => false,
        }),
        Step::Contacts => {
            notice.contacts.iter().any(|c| !c.is_blank())
                || notice.attachments.iter().any(filled)
                || !compose::drawn_attachment_pages(notice).is_empty()
        }
        Step::Closing => {
            notice.signature.organs.iter().any(filled)
                || notice.signature.date.is_some()
                || !notice.imprint.is_empty()
        }
        Step::Check => false,
    }
}

/// One problem found in the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The step that has the field.
    pub step: Step,
    /// The field to correct.
    pub field: Field,
    pub message: String,
}

fn problem(field: Field, message: impl Into<String>) -> Problem {
    Problem {
        step: field.step(),
        field,
        message: message.into(),
    }
}

const DOC_NUMBER_FORM: &str = "发文字号应写成“机关代字〔年份〕序号号”，如：砀市监发〔2021〕12号。";

/// Reads a 发文字号 as users type it: any of [] () （） 【】 ［］ 〔〕 around
/// the year, with or without 第 and 号, serial with leading zeros. Gives the
/// normalised number, or a message.
pub fn parse_doc_number(text: &str) -> Result<DocNumber, String> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if text.is_empty() {
        return Ok(DocNumber::default());
    }
    let open = text
        .find(['〔', '[', '(', '（', '【', '［', '{', '｛'])
        .ok_or_else(|| DOC_NUMBER_FORM.to_owned())?;
    let prefix = &text[..open];
    let rest = &text[open..];
    let mut chars = rest.chars();
    chars.next();
    let after_open = chars.as_str();
    let close = after_open
        .find(['〕', ']', ')', '）', '】', '］', '}', '｝'])
        .ok_or_else(|| DOC_NUMBER_FORM.to_owned())?;
    let year_text = &after_open[..close];
    let mut tail = after_open[close..].chars();
    tail.next();
    let serial_text = tail
        .as_str()
        .trim_start_matches('第')
        .trim_end_matches('号');
    if prefix.is_empty() {
        return Err("发文字号缺少机关代字，如“砀市监发”。".into());
    }
    let year: u16 = year_text
        .parse()
        .ok()
        .filter(|y| (1949..=2999).contains(y) && year_text.len() == 4)
        .ok_or_else(|| "发文字号的年份应为四位数字，如〔2021〕，不能简写。".to_owned())?;
    let serial = if serial_text.is_empty() {
        None
    } else {
        let serial: u32 = serial_text
            .parse()
            .map_err(|_| "发文字号的序号应为数字，如“12号”。".to_owned())?;
        if serial == 0 {
            return Err("发文字号的序号不能为0。".into());
        }
        Some(serial)
    };
    Ok(DocNumber {
        prefix: prefix.to_owned(),
        year: Some(year),
        serial,
    })
}

/// Reads a campaign year: empty, or four digits from 1978 (the first
/// 质量月) on.
pub fn parse_year(text: &str) -> Result<Option<u16>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<u16>()
        .ok()
        .filter(|y| (1978..=2999).contains(y) && text.len() == 4)
        .map(Some)
        .ok_or_else(|| "年度应为四位数字，如 2021。".to_owned())
}

/// Reads a date as users type it: 2021年9月6日, 2021-09-06, 2021.9.6,
/// 2021/9/6. Impossible dates (2月30日) are refused with a message.
pub fn parse_date(text: &str) -> Result<Option<DocDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let numbers: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    let shape_ok = text
        .chars()
        .all(|c| c.is_ascii_digit() || "年月日-./ ".contains(c));
    let form = "日期应写成“2021年9月6日”。";
    if numbers.len() != 3 || !shape_ok || numbers[0].len() != 4 {
        return Err(form.into());
    }
    let year: u16 = numbers[0].parse().map_err(|_| form.to_owned())?;
    let month: u8 = numbers[1].parse().map_err(|_| form.to_owned())?;
    let day: u8 = numbers[2].parse().map_err(|_| form.to_owned())?;
    DocDate::new(year, month, day)
        .map(Some)
        .ok_or_else(|| format!("{year}年{month}月{day}日不是有效的日期。"))
}

/// Reads the height preprinted letterhead reserves (套打) as typed, in
/// millimetres from the top of the text block down to the paper's red rule
/// (82.6, 82.6mm, 82.6毫米). Empty means the notice's own 版头 height. Gives
/// twips; refuses what no letterhead measures.
pub fn parse_letterhead_mm(text: &str) -> Result<Option<i32>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let number = text
        .trim_end_matches("毫米")
        .trim_end_matches("mm")
        .trim_end_matches("MM")
        .trim();
    match number.parse::<f64>() {
        Ok(mm) if (20.0..=150.0).contains(&mm) => Ok(Some((mm / 25.4 * 1440.0).round() as i32)),
        _ => Err(format!(
            "“{text}”不是有效的红头高度：应为20到150之间的毫米数，如 82.6。"
        )),
    }
}

/// A phone or fax number: digits with - ( ) spaces, an optional 转 extension,
/// 7 to 15 digits in all.
pub fn phone_problem(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let allowed = text
        .chars()
        .all(|c| c.is_ascii_digit() || "-－—()（） +转".contains(c));
    let digits = text.chars().filter(char::is_ascii_digit).count();
    if !allowed || !(7..=15).contains(&digits) {
        return Some(format!(
            "“{text}”不像电话号码，应为如 0557-8021234 或 13800000000 的形式。"
        ));
    }
    None
}

/// An e-mail address: one @, a local part, a domain with a dot, no spaces.
pub fn email_problem(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let valid = match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && text.is_ascii()
                && !text.contains(char::is_whitespace)
        }
        None => false,
    };
    (!valid).then(|| format!("“{text}”不是有效的电子邮箱地址，如 zlg@example.cn。"))
}

/// Every problem in the draft, in the order of the steps.
pub fn problems(notice: &Notice) -> Vec<Problem> {
    let mut out = Vec::new();
    let header = &notice.header;
    if header.host_organ().is_empty() {
        out.push(problem(Field::Organs, "请填写发文机关名称。"));
    }
    let copy = header.copy_number.trim();
    let six_digits = copy.len() == 6 && copy.chars().all(|c| c.is_ascii_digit());
    if !copy.is_empty() && !six_digits {
        out.push(problem(
            Field::CopyNumber,
            "份号应为6位阿拉伯数字，如 000001。",
        ));
    }
    let urgency = header.urgency.trim();
    if !urgency.is_empty() && urgency != "特急" && urgency != "加急" {
        out.push(problem(Field::Urgency, "紧急程度应为“特急”或“加急”。"));
    }
    let secrecy = header.secrecy.trim();
    if !secrecy.is_empty()
        && !["绝密", "机密", "秘密"]
            .iter()
            .any(|s| secrecy.starts_with(s))
    {
        out.push(problem(
            Field::Secrecy,
            "密级应为“绝密”“机密”或“秘密”，可加保密期限，如“秘密★1年”。",
        ));
    }
    let number = &header.doc_number;
    if number.is_empty() {
        out.push(problem(Field::DocNumber, "尚未填写发文字号。"));
    } else if number.year.is_none() || number.serial.is_none() {
        out.push(problem(
            Field::DocNumber,
            "发文字号不完整：需要机关代字、年份和序号。",
        ));
    }
    if let (Some(year), Some(date)) = (number.year, notice.signature.date) {
        if year != date.year {
            out.push(problem(
                Field::SignatureDate,
                format!(
                    "成文日期的年份（{}）与发文字号的年份（{year}）不一致。",
                    date.year
                ),
            ));
        }
    }
    let title = compose::title(notice);
    if title.chars().count() > 60 {
        out.push(problem(Field::Title, "标题过长，请精简到60字以内。"));
    }
    if notice.recipients.iter().all(|r| r.trim().is_empty()) {
        out.push(problem(Field::Recipients, "请填写主送机关。"));
    }
    if notice.sections.is_empty() {
        out.push(problem(Field::AddSection, "正文还没有任何内容。"));
    }
    let has_tasks_section = notice
        .sections
        .iter()
        .any(|s| matches!(s.content, SectionContent::Tasks { .. }));
    let task_count = notice.tasks.rows.iter().filter(|t| !t.is_blank()).count();
    if task_count > 0 && !has_tasks_section {
        out.push(problem(
            Field::AddSection,
            "已填写活动安排，但正文中没有“活动安排”部分，导出时不会出现。",
        ));
    }
    for (i, task) in notice.tasks.rows.iter().enumerate() {
        if task.is_blank() {
            continue;
        }
        if task.name.trim().is_empty() && task.description.trim().is_empty() {
            out.push(problem(
                Field::Task(i, TaskField::Name),
                format!("第{}项活动没有活动内容。", i + 1),
            ));
        }
        if task.lead.trim().is_empty() {
            out.push(problem(
                Field::Task(i, TaskField::Lead),
                format!("第{}项活动没有牵头部门。", i + 1),
            ));
        }
    }
    for (i, contact) in notice.contacts.iter().enumerate() {
        for (field, text) in [
            (ContactField::Phone, &contact.phone),
            (ContactField::Fax, &contact.fax),
        ] {
            if let Some(message) = phone_problem(text) {
                out.push(problem(Field::Contact(i, field), message));
            }
        }
        if let Some(message) = email_problem(&contact.email) {
            out.push(problem(Field::Contact(i, ContactField::Email), message));
        }
    }
    attachment_problems(notice, &mut out);
    if notice.signing_organs().is_empty() {
        out.push(problem(Field::SignatureOrgans, "请填写发文机关署名。"));
    }
    if notice.signature.date.is_none() {
        out.push(problem(Field::SignatureDate, "请填写成文日期。"));
    }
    out
}

/// §8: the 附件说明 and the attachment pages agree: every page's name is
/// listed, once, in the same order; once pages are used, every listed
/// attachment has one.
fn attachment_problems(notice: &Notice, out: &mut Vec<Problem>) {
    let pages = &notice.attachment_pages;
    let drawn: Vec<usize> = (0..pages.len())
        .filter(|&i| !pages[i].name.trim().is_empty() || !pages[i].is_empty())
        .collect();
    if drawn.is_empty() {
        return;
    }
    let mut numbers = Vec::new();
    for (k, &i) in drawn.iter().enumerate() {
        let page = &pages[i];
        let name = page.name.trim();
        let name_field = Field::Attachment(i, AttachmentField::Name);
        if name.is_empty() {
            out.push(problem(name_field, format!("第{}个附件没有名称。", k + 1)));
            continue;
        }
        match compose::attachment_number(notice, page) {
            None => out.push(problem(
                name_field,
                format!("附件“{name}”未列入附件说明，请在附件说明中加上这一名称，或改为与之相同的名称。"),
            )),
            Some(n) if numbers.contains(&n) => out.push(problem(
                name_field,
                format!("附件“{name}”有两份附件页。"),
            )),
            Some(n) => {
                if numbers.last().is_some_and(|&last| last > n) {
                    out.push(problem(
                        name_field,
                        format!("附件“{name}”的顺序与附件说明不一致（附件说明中为第{n}个）。"),
                    ));
                }
                numbers.push(n);
            }
        }
        if page.is_empty() {
            out.push(problem(
                Field::Attachment(
                    i,
                    match page.kind {
                        AttachmentKind::Text => AttachmentField::Paragraphs,
                        AttachmentKind::Table => AttachmentField::Rows,
                        AttachmentKind::List => AttachmentField::Items,
                    },
                ),
                format!("附件“{name}”还没有内容。"),
            ));
        }
    }
    let listed: Vec<&String> = notice
        .attachments
        .iter()
        .filter(|a| !a.trim().is_empty())
        .collect();
    for (n, name) in listed.iter().enumerate() {
        if !numbers.contains(&(n + 1)) {
            out.push(problem(
                Field::Attachments,
                format!("附件说明中的“{}”没有附件页。", name.trim()),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AttachmentPage, Contact, Section, TaskRow};

    #[test]
    fn a_blank_draft_has_no_step_with_content_and_a_task_gives_step_4_content() {
        let mut notice = Notice::default();
        assert!(Step::ALL.iter().all(|s| !has_content(&notice, *s)));
        notice.tasks.rows.push(TaskRow::default());
        assert!(!has_content(&notice, Step::Tasks));
        notice.tasks.rows[0].name = "质量开放日".into();
        assert!(has_content(&notice, Step::Tasks));
        notice.header.organs.push("砀山县市场监督管理局".into());
        assert!(has_content(&notice, Step::Header));
    }

    #[test]
    fn doc_numbers_in_every_bracket_normalise_to_hexagonal() {
        for typed in [
            "砀市监发〔2021〕12号",
            "砀市监发[2021]12号",
            "砀市监发(2021)12号",
            "砀市监发（2021）12号",
            "砀市监发【2021】12号",
            "砀市监发［2021］12号",
            "砀市监发〔2021〕第12号",
            "砀市监发 〔2021〕 012号",
            "砀市监发〔2021〕12",
        ] {
            let number = parse_doc_number(typed).unwrap_or_else(|e| panic!("{typed}: {e}"));
            assert_eq!(number.to_string(), "砀市监发〔2021〕12号", "{typed}");
        }
    }

    #[test]
    fn doc_numbers_without_serial_or_wrong_parts_are_explained() {
        assert_eq!(
            parse_doc_number("宁市监〔2020〕").unwrap().to_string(),
            "宁市监〔2020〕"
        );
        assert_eq!(parse_doc_number("  ").unwrap(), DocNumber::default());
        assert!(parse_doc_number("砀市监发2021年12号")
            .unwrap_err()
            .contains("〔年份〕"));
        assert!(parse_doc_number("〔2021〕12号")
            .unwrap_err()
            .contains("代字"));
        assert!(parse_doc_number("砀市监发〔21〕12号")
            .unwrap_err()
            .contains("四位"));
        assert!(parse_doc_number("砀市监发〔2021〕十二号")
            .unwrap_err()
            .contains("数字"));
        assert!(parse_doc_number("砀市监发〔2021〕0号")
            .unwrap_err()
            .contains("0"));
    }

    #[test]
    fn dates_are_read_in_the_forms_people_type() {
        let expected = DocDate::new(2021, 9, 6);
        for typed in [
            "2021年9月6日",
            "2021年09月06日",
            "2021-09-06",
            "2021.9.6",
            "2021/9/6",
        ] {
            assert_eq!(parse_date(typed), Ok(expected), "{typed}");
        }
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(
            parse_date("2021年2月30日").unwrap_err(),
            "2021年2月30日不是有效的日期。"
        );
        assert!(parse_date("9月6日").is_err());
        assert!(parse_date("二〇二一年九月六日").is_err());
        assert!(parse_date("21年9月6日").is_err());
    }

    #[test]
    fn years_are_four_digits() {
        assert_eq!(parse_year(" 2021 "), Ok(Some(2021)));
        assert_eq!(parse_year(""), Ok(None));
        assert!(parse_year("202").is_err());
        assert!(parse_year("二〇二一").is_err());
        assert!(parse_year("1900").is_err());
    }

    #[test]
    fn phones_and_emails() {
        assert_eq!(phone_problem("0557-8021234"), None);
        assert_eq!(phone_problem("13800000000"), None);
        assert_eq!(phone_problem("(0593)7898656转8001"), None);
        assert_eq!(phone_problem("7898656"), None);
        assert!(phone_problem("123").is_some());
        assert!(phone_problem("电话号码").is_some());
        assert_eq!(email_problem("513402271@qq.com"), None);
        assert!(email_problem("513402271qq.com").is_some());
        assert!(email_problem("a@b").is_some());
        assert!(email_problem("a b@c.cn").is_some());
    }

    #[test]
    fn an_empty_notice_lists_what_is_missing_and_a_complete_one_nothing() {
        let empty = problems(&Notice::default());
        let fields: Vec<Field> = empty.iter().map(|p| p.field).collect();
        for field in [
            Field::Organs,
            Field::DocNumber,
            Field::Recipients,
            Field::AddSection,
            Field::SignatureDate,
        ] {
            assert!(fields.contains(&field), "{field:?} missing from {fields:?}");
        }
        let mut notice = Notice::default();
        notice.header.organs = vec!["砀山县市场监督管理局".into()];
        notice.header.doc_number = parse_doc_number("砀市监发〔2021〕12号").unwrap();
        notice.recipients = vec!["各股室、队、所".into()];
        notice.sections = vec![Section {
            id: 1,
            heading: "活动安排".into(),
            content: SectionContent::Tasks {
                intro: String::new(),
            },
        }];
        notice.tasks.rows = vec![TaskRow {
            name: "开展计量专项检查".into(),
            lead: "标准计量股".into(),
            ..TaskRow::default()
        }];
        notice.contacts = vec![Contact {
            name: "张三".into(),
            phone: "0557-8021234".into(),
            email: "zlg@example.cn".into(),
            fax: String::new(),
        }];
        notice.signature.date = DocDate::new(2021, 9, 6);
        assert_eq!(problems(&notice), vec![]);

        notice.contacts[0].email = "zlg".into();
        notice.tasks.rows[0].lead.clear();
        notice.signature.date = DocDate::new(2022, 1, 4);
        let fields: Vec<Field> = problems(&notice).into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                Field::SignatureDate,
                Field::Task(0, TaskField::Lead),
                Field::Contact(0, ContactField::Email)
            ]
        );
    }

    #[test]
    fn attachment_pages_and_the_attachment_list_must_agree() {
        let mut notice = Notice {
            attachments: vec!["活动口号".into(), "报送表".into()],
            ..Notice::default()
        };
        let of = |notice: &Notice| -> Vec<String> {
            problems(notice)
                .into_iter()
                .filter(|p| matches!(p.field, Field::Attachment(..) | Field::Attachments))
                .map(|p| p.message)
                .collect()
        };
        // Without pages, the list alone is not a problem.
        assert!(of(&notice).is_empty());
        let page = |name: &str| AttachmentPage {
            name: name.into(),
            kind: AttachmentKind::List,
            items: vec!["质量第一".into()],
            ..AttachmentPage::default()
        };
        notice.attachment_pages = vec![page("活动口号"), page("报送表。")];
        assert_eq!(of(&notice), Vec::<String>::new());
        assert!(has_content(&notice, Step::Contacts));
        notice.attachment_pages.reverse();
        assert_eq!(
            of(&notice),
            ["附件“活动口号”的顺序与附件说明不一致（附件说明中为第1个）。"]
        );
        notice.attachment_pages = vec![page("活动口号"), page("回执")];
        let found = of(&notice);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("“回执”未列入附件说明"));
        assert_eq!(found[1], "附件说明中的“报送表”没有附件页。");
        notice.attachment_pages = vec![page("活动口号"), page("活动口号"), page("报送表")];
        assert_eq!(of(&notice), ["附件“活动口号”有两份附件页。"]);
        notice.attachment_pages = vec![
            page("活动口号"),
            AttachmentPage {
                name: "报送表".into(),
                kind: AttachmentKind::Table,
                ..AttachmentPage::default()
            },
        ];
        assert_eq!(of(&notice), ["附件“报送表”还没有内容。"]);
    }

    #[test]
    fn letterhead_heights_are_read_in_millimetres() {
        assert_eq!(parse_letterhead_mm(" "), Ok(None));
        assert_eq!(parse_letterhead_mm("82.6"), Ok(Some(4683)));
        assert_eq!(parse_letterhead_mm("80mm"), Ok(Some(4535)));
        assert_eq!(parse_letterhead_mm("80 毫米"), Ok(Some(4535)));
        for bad in ["8", "300", "abc", "-80", "NaN"] {
            let message = parse_letterhead_mm(bad).unwrap_err();
            assert!(message.contains("20到150"), "{bad}: {message}");
        }
    }
}
