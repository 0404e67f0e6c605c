//! Every block composed comes with the field it is edited in: checked on
//! the samples, the templates and a notice with every kind of part.

use super::*;
use crate::draft::DraftEnvelope;
use crate::model::*;

fn fixture(name: &str) -> Notice {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    DraftEnvelope::from_json(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .notice
}

/// Whether a block is of the kind its field edits.
fn fits(block: &Block, source: &Source) -> bool {
    let field = source.field;
    match block {
        Block::HeaderMark(_) => {
            [Field::CopyNumber, Field::Secrecy, Field::Urgency].contains(&field)
        }
        Block::OrganMark { .. } | Block::Reserved(_) | Block::LetterHead { .. } => {
            field == Field::Organs
        }
        Block::LetterLines { .. } => field == Field::DocNumber,
        Block::DocNumber { .. } => field == Field::DocNumber,
        Block::Title { .. } => matches!(
            field,
            Field::Title | Field::PlanTitle | Field::Attachment(_, AttachmentField::Name)
        ),
        Block::Recipients(_) => field == Field::Recipients,
        Block::Paragraph { .. } => matches!(
            field,
            Field::Section(..)
                | Field::Task(..)
                | Field::Requirement(..)
                | Field::Contact(..)
                | Field::CoverBody
                | Field::Attachment(
                    _,
                    AttachmentField::Paragraphs
                        | AttachmentField::Items
                        | AttachmentField::Above
                        | AttachmentField::Below
                )
        ),
        Block::TaskTable { rows, .. } => {
            rows.len() == source.rows.len()
                && source.rows.iter().all(|r| matches!(r, Field::Task(..)))
        }
        Block::Table { rows, .. } => {
            matches!(
                field,
                Field::Attachment(_, AttachmentField::Columns | AttachmentField::Rows)
            ) && rows.len() == source.rows.len()
                && source
                    .rows
                    .iter()
                    .all(|r| matches!(r, Field::Attachment(_, AttachmentField::Rows)))
        }
        Block::Attachments(_) => field == Field::Attachments,
        Block::AttachmentLabel(_) => matches!(field, Field::Attachment(_, AttachmentField::Name)),
        Block::Signature { .. } => field == Field::SignatureOrgans,
        Block::Note(_) => field == Field::Note,
        Block::PageBreak => field == Field::PlanTitle,
        Block::Imprint { .. } => {
            field == Field::ImprintCc
                && source
                    .rows
                    .iter()
                    .all(|r| [Field::ImprintCc, Field::ImprintPrinter].contains(r))
        }
    }
}

fn check(notice: &Notice, name: &str) {
    let Composition { blocks, sources } = compose(notice);
    assert_eq!(blocks, super::blocks(notice), "{name}");
    assert_eq!(blocks.len(), sources.len(), "{name}: {sources:#?}");
    for (block, source) in blocks.iter().zip(&sources) {
        assert!(fits(block, source), "{name}: {block:?} from {source:?}");
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
    notice.attachment_pages = vec![
        AttachmentPage::default(),
        AttachmentPage {
            name: "名单".into(),
            kind: AttachmentKind::Table,
            columns: vec!["序号".into(), "单位".into()],
            rows: vec![vec![], vec!["".into(), "质量股".into()]],
            above: vec!["填报单位：".into(), " ".into()],
            below: vec!["注：请于9月5日前报送。".into()],
            ..AttachmentPage::default()
        },
        AttachmentPage {
            kind: AttachmentKind::List,
            items: vec!["口号".into(), " ".into()],
            ..AttachmentPage::default()
        },
        AttachmentPage {
            name: "方案".into(),
            paragraphs: vec!["一、总体要求\n（一）目标".into(), "正文".into()],
            ..AttachmentPage::default()
        },
    ];
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
    for template in crate::templates::TEMPLATES {
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
fn attachment_blocks_lead_to_their_page_past_blank_pages() {
    let notice = every_part();
    let Composition { blocks, sources } = compose(&notice);
    let labels: Vec<Field> = blocks
        .iter()
        .zip(&sources)
        .filter(|(b, _)| matches!(b, Block::AttachmentLabel(_)))
        .map(|(_, s)| s.field)
        .collect();
    // The first page is blank and not drawn; the others keep their index.
    assert_eq!(
        labels,
        [1, 2, 3].map(|i| Field::Attachment(i, AttachmentField::Name))
    );
}

#[test]
fn task_rows_keep_the_editor_index_past_blank_rows() {
    let mut notice = fixture("city-plan-table.json");
    notice.tasks.rows.insert(0, TaskRow::default());
    let sources = compose(&notice).sources;
    let table = sources.iter().find(|s| !s.rows.is_empty()).unwrap();
    assert_eq!(table.rows[0], Field::Task(1, TaskField::Name));
    assert_eq!(table.row(1), Field::Task(2, TaskField::Name));
    assert_eq!(table.row(1000), table.field);
}

#[test]
fn requirements_of_a_second_section_lead_to_its_heading() {
    let notice = every_part();
    let sources = compose(&notice).sources;
    let fields: Vec<Field> = sources.iter().map(|s| s.field).collect();
    let first = notice
        .sections
        .iter()
        .find(|s| matches!(s.content, SectionContent::Requirements { .. }))
        .unwrap()
        .id;
    assert!(first != 93);
    assert!(fields.contains(&Field::Section(93, SectionField::Heading)));
    assert!(!fields.contains(&Field::Requirement(0, RequirementField::Lead)) || first != 92);
}
