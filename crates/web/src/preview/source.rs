//! Which editor field each composed block comes from, and back: the preview
//! focuses a block's field when it is clicked, and highlights the blocks of
//! the field being edited.
//!
//! [`sources`] walks the notice in the order [`compose::blocks`] does and
//! gives one [`Source`] per block; the tests check, on the samples, the
//! templates and generated notices, that the two walks stay in step (same
//! count, and each block of the kind its field edits). Field ids are the
//! editor's element ids (see src/ui/steps): `title`, `organ-0`,
//! `task-3-name`, `section-2-heading`, `requirement-1-text`…
//!
//! Pure Rust: no Leptos, no DOM (tests/e2e_preview.rs compiles it natively).

use notice_core::compose::{self, Block};
use notice_core::model::{Level, Notice, NoticeShape, SectionContent, TaskLayout};
use notice_core::validate::Step;

/// Where a block comes from: the field to focus for it, and for the task
/// table one field per row.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Source {
    pub field: String,
    /// The task table's rows (and the 版记's: 抄送, then 印发机关/日期).
    pub rows: Vec<String>,
}

impl Source {
    fn of(field: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            rows: Vec::new(),
        }
    }

    /// The field of row `row`, or of the whole block.
    pub fn row(&self, row: usize) -> &str {
        self.rows
            .get(row)
            .map_or(self.field.as_str(), String::as_str)
    }
}

/// Non-blank lines of a text: what `compose` makes paragraphs of.
fn paragraph_count(text: &str) -> usize {
    text.lines().filter(|l| !l.trim().is_empty()).count()
}

fn push_n(out: &mut Vec<Source>, n: usize, field: &str) {
    out.extend(std::iter::repeat_n(Source::of(field), n));
}

fn trimmed_count(list: &[String]) -> usize {
    list.iter().filter(|s| !s.trim().is_empty()).count()
}

/// One source per block of `compose::blocks(notice)`, in the same order.
pub fn sources(notice: &Notice) -> Vec<Source> {
    let mut out = Vec::new();
    let header = &notice.header;
    if !header.copy_number.trim().is_empty() {
        out.push(Source::of("copy-number"));
    }
    if !header.secrecy.trim().is_empty() {
        out.push(Source::of("secrecy"));
    }
    if !header.urgency.trim().is_empty() {
        out.push(Source::of("urgency"));
    }
    let organs = trimmed_count(&header.organs);
    if organs > 0 {
        out.push(Source::of("organ-0"));
    }
    if !header.doc_number.is_empty() || trimmed_count(&header.signers) > 0 || organs > 0 {
        out.push(Source::of("doc-number"));
    }
    out.push(Source::of("title"));
    if trimmed_count(&notice.recipients) > 0 {
        out.push(Source::of("recipients"));
    }
    match notice.shape {
        NoticeShape::Direct => {
            section_sources(notice, &mut out);
            closing_sources(notice, &mut out);
            attachment_sources(notice, &mut out);
        }
        NoticeShape::IssuesPlan => {
            for text in &notice.cover_body {
                push_n(&mut out, paragraph_count(text), "cover-body");
            }
            closing_sources(notice, &mut out);
            out.push(Source::of("plan-title"));
            out.push(Source::of("plan-title"));
            section_sources(notice, &mut out);
            attachment_sources(notice, &mut out);
        }
    }
    if !notice.imprint.is_empty() {
        let imprint = &notice.imprint;
        let mut rows = Vec::new();
        if trimmed_count(&imprint.cc) > 0 {
            rows.push("imprint-cc".to_owned());
        }
        if !imprint.printer.trim().is_empty() || imprint.print_date.is_some() {
            rows.push("imprint-printer".to_owned());
        }
        out.push(Source {
            field: "imprint-cc".into(),
            rows,
        });
    }
    out
}

fn section_sources(notice: &Notice, out: &mut Vec<Source>) {
    // The 活动要求 step edits the first 活动要求 section only.
    let first_requirements = notice
        .sections
        .iter()
        .find(|s| matches!(s.content, SectionContent::Requirements { .. }))
        .map(|s| s.id);
    for section in &notice.sections {
        let id = section.id;
        let numbered = !matches!(section.content, SectionContent::Preamble { .. })
            && !section.heading.trim().is_empty();
        if numbered {
            out.push(Source::of(format!("section-{id}-heading")));
        }
        match &section.content {
            SectionContent::Preamble { paragraphs } => {
                let n = paragraphs.iter().map(|p| paragraph_count(p)).sum();
                push_n(out, n, &format!("section-{id}-text"));
            }
            SectionContent::Text { blocks } => {
                for (i, block) in blocks.iter().enumerate() {
                    if block.text.trim().is_empty() {
                        continue;
                    }
                    let n = match block.level {
                        Level::Body => paragraph_count(&block.text),
                        _ => 1,
                    };
                    push_n(out, n, &format!("section-{id}-block-{i}"));
                }
            }
            SectionContent::Theme { theme } => {
                push_n(out, paragraph_count(theme), &format!("section-{id}-theme"))
            }
            SectionContent::Time { text } => {
                push_n(out, paragraph_count(text), &format!("section-{id}-time"))
            }
            SectionContent::Tasks { intro } => {
                push_n(out, paragraph_count(intro), &format!("section-{id}-intro"));
                task_sources(notice, out);
            }
            SectionContent::ByDepartment { groups } => {
                for (i, group) in groups.iter().enumerate() {
                    let activities = group.activities.iter().filter(|a| !a.trim().is_empty());
                    let count = activities.count();
                    if group.department.trim().is_empty() && count == 0 {
                        continue;
                    }
                    out.push(Source::of(format!("section-{id}-dept-{i}")));
                    push_n(out, count, &format!("section-{id}-dept-{i}-activities"));
                }
            }
            SectionContent::Requirements { items } => {
                for (i, item) in items.iter().enumerate() {
                    if item.lead.trim().is_empty() && item.text.trim().is_empty() {
                        continue;
                    }
                    out.push(Source::of(if first_requirements == Some(id) {
                        format!("requirement-{i}-lead")
                    } else {
                        format!("section-{id}-heading")
                    }));
                }
            }
            SectionContent::Summary(summary) => {
                if !notice_core::compose::summary_sentence(summary).is_empty() {
                    out.push(Source::of(format!("section-{id}-what")));
                }
            }
        }
    }
    for (i, contact) in notice.contacts.iter().enumerate() {
        if !contact.is_blank() {
            out.push(Source::of(format!("contact-{i}-name")));
        }
    }
}

fn task_sources(notice: &Notice, out: &mut Vec<Source>) {
    let rows: Vec<(usize, &notice_core::TaskRow)> = notice
        .tasks
        .rows
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.is_blank())
        .collect();
    match notice.tasks.layout {
        TaskLayout::Table => {
            if !rows.is_empty() {
                out.push(Source {
                    field: format!("task-{}-name", rows[0].0),
                    rows: rows.iter().map(|(i, _)| format!("task-{i}-name")).collect(),
                });
            }
        }
        TaskLayout::Subsections => {
            for (i, task) in rows {
                out.push(Source::of(format!("task-{i}-name")));
                push_n(
                    out,
                    paragraph_count(&task.description),
                    &format!("task-{i}-description"),
                );
                for (key, value) in [
                    ("time", task.time.trim().to_owned()),
                    ("place", task.place.trim().to_owned()),
                    ("lead", task.lead.trim().to_owned()),
                    ("support", task.support_text()),
                ] {
                    if !value.is_empty() {
                        out.push(Source::of(format!("task-{i}-{key}")));
                    }
                }
            }
        }
        TaskLayout::Items => {
            for (i, _) in rows {
                out.push(Source::of(format!("task-{i}-name")));
            }
        }
    }
}

/// The attachment pages: label and title from the name, the rest from the
/// content (a table's rows each from the content too).
fn attachment_sources(notice: &Notice, out: &mut Vec<Source>) {
    let drawn = compose::drawn_attachment_pages(notice);
    for (k, page) in drawn.into_iter().enumerate() {
        let i = notice
            .attachment_pages
            .iter()
            .position(|p| std::ptr::eq(p, page))
            .unwrap_or(k);
        for block in compose::attachment_page_blocks(notice, page, k) {
            out.push(match block {
                Block::AttachmentLabel(_) | Block::Title { .. } => {
                    Source::of(format!("attachment-{i}-name"))
                }
                _ => Source::of(format!("attachment-{i}-content")),
            });
        }
    }
}

fn closing_sources(notice: &Notice, out: &mut Vec<Source>) {
    if trimmed_count(&notice.attachments) > 0 {
        out.push(Source::of("attachments"));
    }
    if !notice.signing_organs().is_empty() || notice.signature.date.is_some() {
        out.push(Source::of("signature-organs"));
    }
    let note = notice
        .note
        .trim()
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    if !note.is_empty() {
        out.push(Source::of("note"));
    }
}

/// The editor step a field is in.
pub fn step_of(field: &str) -> Option<Step> {
    let head = field.split('-').next().unwrap_or("");
    Some(match head {
        "organ" | "with" | "doc" | "copy" | "secrecy" | "urgency" | "signers" | "campaign" => {
            Step::Header
        }
        "title" | "recipients" | "cover" | "plan" | "shape" => Step::Title,
        "section" => Step::Body,
        "task" | "lead" | "support" | "layout" => Step::Tasks,
        "requirement" => Step::Requirements,
        "contact" | "attachments" | "attachment" => Step::Contacts,
        "signature" | "proxy" | "sealed" | "note" | "imprint" => Step::Closing,
        _ => return None,
    })
}

/// The group of fields a field belongs to: every field of a task row, of
/// a requirement, of a contact, of the signature, of the 版记…, so that
/// editing any of them highlights what they make together.
pub fn group(field: &str) -> String {
    let parts: Vec<&str> = field.split('-').collect();
    match parts.as_slice() {
        ["task", n, ..] | ["requirement", n, ..] | ["contact", n, ..]
            if n.parse::<usize>().is_ok() =>
        {
            format!("{}-{n}", parts[0])
        }
        ["section", id, "block", i, ..] => format!("section-{id}-block-{i}"),
        ["section", id, "dept", i, ..] => format!("section-{id}-dept-{i}"),
        ["section", id, "deadline" | "what" | "to" | "extra"] => format!("section-{id}-summary"),
        ["section", id, "theme", ..] => format!("section-{id}-theme"),
        ["organ", ..] | ["with", "wenjian"] => "organ".into(),
        ["doc", "number", ..] | ["signers"] => "doc-number".into(),
        ["title", ..] | ["campaign", ..] => "title".into(),
        ["plan", "title", ..] => "plan-title".into(),
        ["signature", ..] | ["proxy", "note"] | ["sealed"] => "signature".into(),
        ["imprint", ..] => "imprint".into(),
        _ => field.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notice_core::draft::DraftEnvelope;
    use notice_core::model::*;

    fn fixture(name: &str) -> Notice {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .map(|dir| dir.join("tests/fixtures").join(name))
            .find(|path| path.exists())
            .unwrap();
        DraftEnvelope::from_json(&std::fs::read_to_string(path).unwrap())
            .unwrap()
            .notice
    }

    /// Whether a block is of the kind its field edits.
    fn fits(block: &Block, source: &Source) -> bool {
        let field = source.field.as_str();
        match block {
            Block::HeaderMark(_) => ["copy-number", "secrecy", "urgency"].contains(&field),
            Block::OrganMark { .. } => field == "organ-0",
            Block::DocNumber { .. } => field == "doc-number",
            Block::Title { .. } => {
                field == "title"
                    || field == "plan-title"
                    || (field.starts_with("attachment-") && field.ends_with("-name"))
            }
            Block::Recipients(_) => field == "recipients",
            Block::Paragraph { .. } => {
                field.starts_with("section-")
                    || field.starts_with("task-")
                    || field.starts_with("requirement-")
                    || field.starts_with("contact-")
                    || field == "cover-body"
                    || (field.starts_with("attachment-") && field.ends_with("-content"))
            }
            Block::TaskTable { rows, .. } => {
                rows.len() == source.rows.len()
                    && source.rows.iter().all(|r| r.starts_with("task-"))
            }
            Block::Attachments(_) => field == "attachments",
            Block::AttachmentLabel(_) => {
                field.starts_with("attachment-") && field.ends_with("-name")
            }
            Block::Table { .. } => field.starts_with("attachment-") && field.ends_with("-content"),
            Block::Signature { .. } => field == "signature-organs",
            Block::Note(_) => field == "note",
            Block::PageBreak => field == "plan-title",
            Block::Imprint { .. } => field.starts_with("imprint-"),
        }
    }

    fn check(notice: &Notice, name: &str) {
        let blocks = compose::blocks(notice);
        let sources = sources(notice);
        assert_eq!(blocks.len(), sources.len(), "{name}: {sources:#?}");
        for (block, source) in blocks.iter().zip(&sources) {
            assert!(fits(block, source), "{name}: {block:?} from {source:?}");
            assert!(step_of(&source.field).is_some(), "{name}: {source:?}");
        }
    }

    fn every_part() -> Notice {
        let mut notice = fixture("county-plan-sections.json");
        notice.shape = NoticeShape::Direct;
        notice.header.copy_number = "000001".into();
        notice.header.secrecy = "秘密★1年".into();
        notice.header.urgency = "特急".into();
        notice.header.signers = vec!["张三".into(), " ".into()];
        notice.recipients.push("  ".into());
        notice.sections.push(Section {
            id: 90,
            heading: "分部门".into(),
            content: SectionContent::ByDepartment {
                groups: vec![
                    DepartmentActivities::default(),
                    DepartmentActivities {
                        department: "办公室".into(),
                        activities: vec!["甲".into(), " ".into(), "乙\n丙".into()],
                    },
                ],
            },
        });
        notice.sections.push(Section {
            id: 91,
            heading: "正文".into(),
            content: SectionContent::Text {
                blocks: vec![
                    TextBlock {
                        level: Level::Body,
                        text: "一段\n\n两段".into(),
                    },
                    TextBlock {
                        level: Level::Second,
                        text: " ".into(),
                    },
                    TextBlock {
                        level: Level::Third,
                        text: "三级".into(),
                    },
                ],
            },
        });
        for (id, content) in [
            (
                92,
                SectionContent::Requirements {
                    items: vec![
                        Requirement::default(),
                        Requirement {
                            lead: "加强领导".into(),
                            text: String::new(),
                        },
                    ],
                },
            ),
            (
                93,
                SectionContent::Requirements {
                    items: vec![Requirement {
                        lead: "第二处".into(),
                        text: "说明".into(),
                    }],
                },
            ),
            (
                94,
                SectionContent::Summary(Summary {
                    what: "总结".into(),
                    to: "质量股".into(),
                    ..Summary::default()
                }),
            ),
            (95, SectionContent::Summary(Summary::default())),
            (
                96,
                SectionContent::Theme {
                    theme: "主题\n".into(),
                },
            ),
            (
                97,
                SectionContent::Time {
                    text: String::new(),
                },
            ),
        ] {
            notice.sections.push(Section {
                id,
                heading: if id == 95 {
                    String::new()
                } else {
                    "小节".into()
                },
                content,
            });
        }
        notice.contacts = vec![
            Contact::default(),
            Contact {
                name: "李四".into(),
                phone: "0557-1234567".into(),
                ..Contact::default()
            },
        ];
        notice.attachments = vec![" ".into(), "名单".into()];
        notice.note = "（此件公开发布）".into();
        notice.imprint = Imprint {
            cc: vec!["县委办".into()],
            printer: "办公室".into(),
            print_date: DocDate::new(2021, 9, 6),
        };
        notice
    }

    #[test]
    fn every_block_of_the_samples_and_templates_has_its_field() {
        for name in ["city-plan-table.json", "county-plan-sections.json"] {
            let notice = fixture(name);
            check(&notice, name);
            for layout in [
                TaskLayout::Table,
                TaskLayout::Subsections,
                TaskLayout::Items,
            ] {
                let mut notice = notice.clone();
                notice.tasks.layout = layout;
                notice.tasks.rows.insert(1, TaskRow::default());
                check(&notice, &format!("{name} {layout:?}"));
                notice.shape = NoticeShape::Direct;
                check(&notice, &format!("{name} {layout:?} direct"));
            }
        }
        for template in notice_core::templates::TEMPLATES {
            check(&(template.notice)(2024), template.id);
        }
        check(&Notice::default(), "empty");
        let notice = every_part();
        check(&notice, "every part");
        let mut plan = notice.clone();
        plan.shape = NoticeShape::IssuesPlan;
        plan.cover_body = vec!["现印发。\n \n请落实。".into()];
        check(&plan, "every part, issuing a plan");
    }

    #[test]
    fn task_rows_keep_the_editor_index_past_blank_rows() {
        let mut notice = fixture("city-plan-table.json");
        notice.tasks.rows.insert(0, TaskRow::default());
        let sources = sources(&notice);
        let table = sources.iter().find(|s| !s.rows.is_empty()).unwrap();
        assert_eq!(table.rows[0], "task-1-name");
        assert_eq!(table.row(1), "task-2-name");
        assert_eq!(table.row(1000), table.field);
    }

    #[test]
    fn requirements_of_a_second_section_lead_to_its_heading() {
        let notice = every_part();
        let sources = sources(&notice);
        let fields: Vec<&str> = sources.iter().map(|s| s.field.as_str()).collect();
        let first = notice
            .sections
            .iter()
            .find(|s| matches!(s.content, SectionContent::Requirements { .. }))
            .unwrap()
            .id;
        assert!(first != 93);
        assert!(fields.contains(&"section-93-heading"));
        assert!(!fields.contains(&"requirement-0-lead") || first != 92);
    }

    #[test]
    fn fields_find_their_step() {
        for (field, step) in [
            ("organ-0", Step::Header),
            ("doc-number", Step::Header),
            ("copy-number", Step::Header),
            ("title", Step::Title),
            ("recipients", Step::Title),
            ("cover-body", Step::Title),
            ("plan-title", Step::Title),
            ("section-3-heading", Step::Body),
            ("section-3-block-2", Step::Body),
            ("task-3-name", Step::Tasks),
            ("task-0-support", Step::Tasks),
            ("requirement-1-text", Step::Requirements),
            ("contact-0-phone", Step::Contacts),
            ("attachments", Step::Contacts),
            ("signature-organs", Step::Closing),
            ("note", Step::Closing),
            ("imprint-cc", Step::Closing),
        ] {
            assert_eq!(step_of(field), Some(step), "{field}");
        }
        assert_eq!(step_of("export"), None);
        assert_eq!(step_of(""), None);
    }

    #[test]
    fn fields_of_one_part_share_a_group() {
        for (a, b) in [
            ("task-3-name", "task-3-lead"),
            ("task-3-description", "task-3-support"),
            ("requirement-1-lead", "requirement-1-text"),
            ("contact-0-name", "contact-0-email"),
            ("section-2-block-4", "section-2-block-4-level"),
            ("section-2-dept-1", "section-2-dept-1-activities"),
            ("section-5-what", "section-5-deadline"),
            ("signature-organs", "signature-date"),
            ("sealed", "proxy-note"),
            ("imprint-cc", "imprint-date"),
            ("organ-0", "with-wenjian"),
            ("doc-number", "signers"),
            ("title", "campaign-year"),
            ("section-7-theme", "section-7-theme-preset"),
        ] {
            assert_eq!(group(a), group(b), "{a} {b}");
        }
        for (a, b) in [
            ("task-3-name", "task-30-name"),
            ("task-3-name", "task-4-name"),
            ("section-2-heading", "section-2-block-0"),
            ("section-2-block-1", "section-2-block-10"),
            ("title", "plan-title"),
            ("section-1-text", "section-2-text"),
            ("requirement-1-lead", "requirement-2-lead"),
        ] {
            assert_ne!(group(a), group(b), "{a} {b}");
        }
    }
}
