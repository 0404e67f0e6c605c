//! Notices built in code for the rendering and preview tests.

use notice_core::draft::DraftEnvelope;
use notice_core::*;

/// A sample notice from tests/fixtures.
pub fn fixture(name: &str) -> Notice {
    let path = super::project_root().join("tests/fixtures").join(name);
    DraftEnvelope::from_json(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .notice
}

/// The notice with a 版记.
pub fn with_imprint(mut notice: Notice) -> Notice {
    notice.imprint = Imprint {
        cc: vec![
            "县委办".into(),
            "县政府办".into(),
            "市市场监督管理局".into(),
        ],
        printer: "砀山县市场监督管理局办公室".into(),
        print_date: DocDate::new(2021, 9, 6),
    };
    notice
}

/// A direct notice with `paragraphs` paragraphs of plain CJK text, each
/// `chars` characters long: full lines of 28 characters, no punctuation.
pub fn long_notice(paragraphs: usize, chars: usize) -> Notice {
    const TEXT: &str = "质量强国建设深入推进市场监管部门围绕中心服务大局全面提升产品工程和服务质量";
    let cycle: Vec<char> = TEXT.chars().collect();
    let paragraph = |n: usize| -> String {
        (0..chars)
            .map(|i| cycle[(i + n * 7) % cycle.len()])
            .collect()
    };
    Notice {
        header: Header {
            organs: vec!["砀山县市场监督管理局".into()],
            doc_number: DocNumber {
                prefix: "砀市监发".into(),
                year: Some(2021),
                serial: Some(12),
            },
            ..Header::default()
        },
        campaign: Campaign {
            name: "质量月".into(),
            year: Some(2021),
        },
        recipients: vec!["各股室、队、所".into()],
        sections: vec![Section {
            id: 1,
            heading: String::new(),
            content: SectionContent::Preamble {
                paragraphs: (0..paragraphs).map(paragraph).collect(),
            },
        }],
        signature: Signature {
            organs: vec!["砀山县市场监督管理局".into()],
            date: DocDate::new(2021, 9, 6),
            ..Signature::default()
        },
        ..Notice::default()
    }
}

/// A notice whose task table has `rows` rows.
pub fn table_notice(rows: usize) -> Notice {
    let mut notice = long_notice(1, 60);
    notice.sections.push(Section {
        id: 2,
        heading: "活动安排".into(),
        content: SectionContent::Tasks {
            intro: "具体安排如下：".into(),
        },
    });
    notice.tasks = TaskList {
        layout: TaskLayout::Table,
        rows: (1..=rows)
            .map(|i| TaskRow {
                name: format!("开展第{i}项质量提升专项行动"),
                description: if i % 3 == 0 {
                    "对辖区重点企业开展现场检查并通报结果".into()
                } else {
                    String::new()
                },
                time: format!("{}月", 1 + i % 12),
                lead: "质量发展股".into(),
                support: if i % 2 == 0 {
                    vec!["各市场监督管理所".into()]
                } else {
                    vec!["办公室".into(), "标准计量股".into()]
                },
                ..TaskRow::default()
            })
            .collect(),
        ..TaskList::default()
    };
    notice
}

/// The notice with two attachments on their own pages: the year's slogans
/// as a list and a 报送表 of `rows` rows (every third left blank to fill
/// in), listed in the 附件说明 in that order.
pub fn with_attachment_pages(mut notice: Notice, rows: usize) -> Notice {
    notice.attachments = vec![
        "2021年“质量月”活动口号".into(),
        "“质量月”活动信息报送表".into(),
    ];
    notice.attachment_pages = vec![
        AttachmentPage {
            name: "2021年“质量月”活动口号".into(),
            kind: AttachmentKind::List,
            items: vec![
                "建设质量强国 决胜全面小康".into(),
                "弘扬企业家精神 推动高质量发展".into(),
                "质量第一 效益优先".into(),
                "共建质量诚信 共享品质生活".into(),
            ],
            ..AttachmentPage::default()
        },
        AttachmentPage {
            name: "“质量月”活动信息报送表".into(),
            kind: AttachmentKind::Table,
            columns: ["序号", "单位", "联系人", "电话", "活动内容"]
                .map(String::from)
                .to_vec(),
            rows: (0..rows)
                .map(|i| {
                    if i % 3 == 2 {
                        Vec::new()
                    } else {
                        vec![
                            String::new(),
                            format!("第{}市场监督管理所", i + 1),
                            "张三".into(),
                            "0557-8021234".into(),
                            "组织辖区企业开展质量管理小组活动".into(),
                        ]
                    }
                })
                .collect(),
            ..AttachmentPage::default()
        },
    ];
    notice
}
