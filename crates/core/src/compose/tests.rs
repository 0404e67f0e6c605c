use super::*;
use crate::model::*;

fn sample() -> Notice {
    Notice {
        shape: NoticeShape::Direct,
        campaign: Campaign {
            name: "质量月".into(),
            year: Some(2021),
        },
        header: Header {
            organs: vec!["砀山县市场监督管理局".into()],
            doc_number: DocNumber {
                prefix: "砀市监发".into(),
                year: Some(2021),
                serial: Some(12),
            },
            ..Header::default()
        },
        recipients: vec!["各股室、队、所".into()],
        sections: vec![
            Section {
                id: 1,
                heading: String::new(),
                content: SectionContent::Preamble {
                    paragraphs: vec!["为开展好2021年“质量月”活动，特制定本方案。".into()],
                },
            },
            Section {
                id: 2,
                heading: "活动主题".into(),
                content: SectionContent::Theme {
                    theme: "深入实施质量提升行动 大力推进质量强国建设".into(),
                },
            },
            Section {
                id: 3,
                heading: "活动内容和任务分工".into(),
                content: SectionContent::Tasks {
                    intro: String::new(),
                },
            },
            Section {
                id: 4,
                heading: "活动要求".into(),
                content: SectionContent::Requirements {
                    items: vec![
                        Requirement {
                            lead: "加强组织领导".into(),
                            text: "县局各股室要按照工作分工加强组织。".into(),
                        },
                        Requirement {
                            lead: "狠抓任务落实。".into(),
                            text: String::new(),
                        },
                    ],
                },
            },
        ],
        tasks: TaskList {
            layout: TaskLayout::Table,
            rows: vec![
                TaskRow {
                    name: "开展计量专项检查".into(),
                    description: "对集贸市场电子秤进行集中检查".into(),
                    time: "9月".into(),
                    lead: "标准计量股".into(),
                    support: vec!["市场监督检验所".into()],
                    ..TaskRow::default()
                },
                TaskRow::default(),
                TaskRow {
                    name: "开展电梯维保服务质量提升行动".into(),
                    lead: "特种设备股".into(),
                    support: vec!["办公室".into(), "各市场监管所".into()],
                    ..TaskRow::default()
                },
            ],
            ..TaskList::default()
        },
        contacts: vec![Contact {
            name: "张三".into(),
            phone: "0557-8021234".into(),
            ..Contact::default()
        }],
        signature: Signature {
            date: DocDate::new(2021, 9, 6),
            ..Signature::default()
        },
        note: "(此件公开发布)".into(),
        ..Notice::default()
    }
}

fn texts(notice: &Notice) -> Vec<String> {
    blocks(notice).iter().map(Block::text).collect()
}

#[test]
fn chinese_numerals() {
    let cases = [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (23, "二十三"),
    ];
    for (n, expected) in cases {
        assert_eq!(chinese_number(n), expected);
    }
    assert_eq!(heading_number(1, 3), "三、");
    assert_eq!(heading_number(2, 11), "（十一）");
    assert_eq!(heading_number(3, 2), "2.");
    assert_eq!(heading_number(4, 2), "（2）");
}

#[test]
fn titles_are_composed_from_organ_year_and_shape() {
    let mut notice = sample();
    assert_eq!(composed_title(&notice), "关于开展2021年“质量月”活动的通知");
    notice.shape = NoticeShape::IssuesPlan;
    assert_eq!(
        composed_title(&notice),
        "关于印发砀山县市场监督管理局2021年“质量月”活动方案的通知"
    );
    assert_eq!(
        composed_plan_title(&notice),
        "砀山县市场监督管理局2021年“质量月”活动方案"
    );
    // The year falls back to the document number's.
    notice.campaign.year = None;
    notice.header.doc_number.year = Some(2022);
    assert!(composed_title(&notice).contains("2022年"));
    // A user's own title wins; a blank one falls back to the composed one.
    notice.title = Some("  关于开展质量宣传活动的通知 ".into());
    assert_eq!(title(&notice), "关于开展质量宣传活动的通知");
    notice.title = Some("  ".into());
    assert_eq!(title(&notice), composed_title(&notice));
}

#[test]
fn short_titles_stay_on_one_line() {
    assert_eq!(
        title_lines("关于开展2021年“质量月”活动的通知", 20),
        vec!["关于开展2021年“质量月”活动的通知"]
    );
}

#[test]
fn long_titles_break_into_balanced_lines_never_inside_quotes_or_book_marks() {
    let lines = title_lines(
        "关于印发砀山县市场监督管理局2021年“质量月”活动方案的通知",
        20,
    );
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(
        lines.concat(),
        "关于印发砀山县市场监督管理局2021年“质量月”活动方案的通知"
    );
    for line in &lines {
        assert!(width(line) <= 20.0, "{line}");
        assert_eq!(
            line.matches('“').count(),
            line.matches('”').count(),
            "{line}"
        );
    }
    let widths: Vec<f32> = lines.iter().map(|l| width(l)).collect();
    assert!((widths[0] - widths[1]).abs() <= 3.0, "{widths:?}");

    let title = "关于转发《市场监管总局等十六个部门关于开展2020年全国“质量月”活动的通知》的通知";
    let lines = title_lines(title, 20);
    assert_eq!(lines.concat(), title);
    let mut open = 0;
    for (i, line) in lines.iter().enumerate() {
        open += line.matches('《').count() as i32 - line.matches('》').count() as i32;
        if i + 1 < lines.len() {
            // A line may end inside 《》 only when the name alone is longer
            // than a line; this one is, so check digits are never split.
            assert!(
                !line.ends_with(|c: char| c.is_ascii_digit()) || open > 0,
                "{lines:?}"
            );
        }
    }
    for line in &lines {
        assert!(!line.starts_with(['。', '，', '》', '”']), "{lines:?}");
    }
}

#[test]
fn a_direct_notice_reads_in_order_with_numbered_headings() {
    let texts = texts(&sample());
    let expected = [
        "砀山县市场监督管理局",
        "砀市监发〔2021〕12号",
        "关于开展2021年“质量月”活动的通知",
        "各股室、队、所：",
        "为开展好2021年“质量月”活动，特制定本方案。",
        "一、活动主题",
        "深入实施质量提升行动 大力推进质量强国建设",
        "二、活动内容和任务分工",
    ];
    assert_eq!(&texts[..expected.len()], &expected);
    let rest = &texts[expected.len()..];
    assert!(rest[0].starts_with("序号 活动内容 活动时间 牵头部门 配合部门"));
    assert!(rest[0].contains(
        "1 开展计量专项检查：对集贸市场电子秤进行集中检查 9月 标准计量股 市场监督检验所"
    ));
    // The blank row is not counted: the next row is number 2.
    assert!(rest[0].contains("2 开展电梯维保服务质量提升行动  特种设备股 办公室、各市场监管所"));
    assert_eq!(
        &rest[1..],
        [
            "三、活动要求",
            "（一）加强组织领导。县局各股室要按照工作分工加强组织。",
            "（二）狠抓任务落实。",
            "联系人：张三，电话：0557-8021234。",
            "砀山县市场监督管理局 2021年9月6日",
            "（此件公开发布）",
        ]
    );
}

#[test]
fn requirement_leads_are_kaiti_and_their_text_fangsong() {
    let blocks = blocks(&sample());
    let requirement = blocks
        .iter()
        .find(|b| b.text().starts_with("（一）加强组织领导"))
        .unwrap();
    let Block::Paragraph { spans, .. } = requirement else {
        panic!("{requirement:?}")
    };
    assert_eq!(spans[0].face, Face::Kai);
    assert_eq!(spans[1].face, Face::Body);
    let heading = blocks.iter().find(|b| b.text() == "一、活动主题").unwrap();
    let Block::Paragraph { spans, .. } = heading else {
        panic!()
    };
    assert_eq!(spans[0].face, Face::Hei);
}

#[test]
fn tasks_as_subsections_have_lead_and_support_lines() {
    let mut notice = sample();
    notice.tasks.layout = TaskLayout::Subsections;
    notice.tasks.lead_label = "牵头责任部门".into();
    notice.tasks.support_label = "配合责任部门".into();
    let texts = texts(&notice);
    let at = texts
        .iter()
        .position(|t| t == "（一）开展计量专项检查")
        .unwrap();
    assert_eq!(
        &texts[at..at + 9],
        [
            "（一）开展计量专项检查",
            "对集贸市场电子秤进行集中检查",
            "活动时间：9月。",
            "牵头责任部门：标准计量股。",
            "配合责任部门：市场监督检验所。",
            "（二）开展电梯维保服务质量提升行动",
            "牵头责任部门：特种设备股。",
            "配合责任部门：办公室、各市场监管所。",
            "三、活动要求",
        ]
    );
}

#[test]
fn tasks_as_items_end_with_the_departments_in_parentheses() {
    let mut notice = sample();
    notice.tasks.layout = TaskLayout::Items;
    let texts = texts(&notice);
    assert!(texts.contains(
        &"1.开展计量专项检查。对集贸市场电子秤进行集中检查。（标准计量股牵头，市场监督检验所配合）"
            .to_owned()
    ));
    assert!(texts.contains(
        &"2.开展电梯维保服务质量提升行动。（特种设备股牵头，办公室、各市场监管所配合）".to_owned()
    ));
}

#[test]
fn a_cover_notice_issues_the_plan_on_a_new_page() {
    let mut notice = sample();
    notice.shape = NoticeShape::IssuesPlan;
    notice.cover_body = vec![
        "现将《砀山县市场监督管理局2021年“质量月”活动方案》印发给你们，请认真抓好落实。".into(),
    ];
    let blocks = blocks(&notice);
    let page_break = blocks.iter().position(|b| *b == Block::PageBreak).unwrap();
    let signature = blocks
        .iter()
        .position(|b| matches!(b, Block::Signature { .. }))
        .unwrap();
    assert!(
        signature < page_break,
        "the cover is signed before the plan"
    );
    assert_eq!(
        blocks[page_break + 1].text(),
        "砀山县市场监督管理局2021年“质量月”活动方案"
    );
    assert_eq!(
        blocks[page_break + 2].text(),
        "为开展好2021年“质量月”活动，特制定本方案。"
    );
}

#[test]
fn header_marks_joint_organs_signers_and_imprint() {
    let mut notice = sample();
    notice.header.copy_number = "000012".into();
    notice.header.secrecy = "秘密★1年".into();
    notice.header.urgency = "特急".into();
    notice.header.organs.push("砀山县教育局".into());
    notice.header.with_wenjian = true;
    notice.header.signers = vec!["李四".into()];
    notice.signature.proxy_note = "（代章）".into();
    notice.imprint = Imprint {
        cc: vec!["县政府办".into(), "市局质量科".into()],
        printer: "砀山县市场监督管理局办公室".into(),
        print_date: DocDate::new(2021, 9, 6),
    };
    let blocks = blocks(&notice);
    assert_eq!(
        blocks[0],
        Block::HeaderMark(Span::new("000012", Face::Body))
    );
    assert_eq!(
        blocks[1],
        Block::HeaderMark(Span::new("秘密★1年", Face::Hei))
    );
    assert_eq!(blocks[2], Block::HeaderMark(Span::new("特急", Face::Hei)));
    assert_eq!(
        blocks[3],
        Block::OrganMark {
            organs: vec!["砀山县市场监督管理局".into(), "砀山县教育局".into()],
            suffix: "文件".into()
        }
    );
    assert_eq!(blocks[4].text(), "砀市监发〔2021〕12号 签发人：李四");
    let signature = blocks
        .iter()
        .find(|b| matches!(b, Block::Signature { .. }))
        .unwrap();
    assert_eq!(
        signature.text(),
        "砀山县市场监督管理局 砀山县教育局（代章） 2021年9月6日"
    );
    assert_eq!(
        blocks.last().unwrap(),
        &Block::Imprint {
            cc: "县政府办、市局质量科。".into(),
            printer: "砀山县市场监督管理局办公室".into(),
            print_date: "2021年9月6日印发".into(),
        }
    );
}

#[test]
fn free_text_numbers_each_level_and_restarts_below_a_new_parent() {
    let mut notice = sample();
    notice.sections = vec![Section {
        id: 1,
        heading: "指导思想".into(),
        content: SectionContent::Text {
            blocks: vec![
                TextBlock {
                    level: Level::Second,
                    text: "总体要求".into(),
                },
                TextBlock {
                    level: Level::Third,
                    text: "甲".into(),
                },
                TextBlock {
                    level: Level::Fourth,
                    text: "子".into(),
                },
                TextBlock {
                    level: Level::Third,
                    text: "乙".into(),
                },
                TextBlock {
                    level: Level::Second,
                    text: "主要目标".into(),
                },
                TextBlock {
                    level: Level::Third,
                    text: "丙".into(),
                },
                TextBlock {
                    level: Level::Body,
                    text: "正文。".into(),
                },
            ],
        },
    }];
    notice.contacts.clear();
    let texts = texts(&notice);
    let at = texts.iter().position(|t| t == "一、指导思想").unwrap();
    assert_eq!(
        &texts[at..at + 8],
        [
            "一、指导思想",
            "（一）总体要求",
            "1.甲",
            "（1）子",
            "2.乙",
            "（二）主要目标",
            "1.丙",
            "正文。"
        ]
    );
}

#[test]
fn summary_and_departments() {
    let summary = Summary {
        deadline: DocDate::new(2021, 9, 30),
        what: "“质量月”活动总结（电子档并附2张以上图片）".into(),
        to: "质量股（邮箱：513402271@qq.com）".into(),
        extra: String::new(),
    };
    assert_eq!(
        summary_sentence(&summary),
        "请于2021年9月30日前将“质量月”活动总结（电子档并附2张以上图片）报送质量股（邮箱：513402271@qq.com）。"
    );
    assert_eq!(summary_sentence(&Summary::default()), "");
    let mut notice = sample();
    notice.sections = vec![Section {
        id: 1,
        heading: "各部门活动安排".into(),
        content: SectionContent::ByDepartment {
            groups: vec![DepartmentActivities {
                department: "县教育局".into(),
                activities: vec![
                    "开展质量进校园活动".into(),
                    " ".into(),
                    "组织质量知识竞赛".into(),
                ],
            }],
        },
    }];
    let texts = texts(&notice);
    let at = texts.iter().position(|t| t == "（一）县教育局").unwrap();
    assert_eq!(
        &texts[at + 1..at + 3],
        ["1.开展质量进校园活动", "2.组织质量知识竞赛"]
    );
}

#[test]
fn task_columns_fill_the_block_and_fit_their_longest_cells() {
    let rows = vec![[
        "1".to_owned(),
        "开展重点商品的质量抽查".to_owned(),
        "9月-10月".to_owned(),
        "质量安全监督管理股".to_owned(),
        "各市场监督管理所".to_owned(),
    ]];
    let widths = task_column_widths(&rows, 8844);
    assert_eq!(widths.iter().sum::<usize>(), 8844);
    assert!(widths[1] as f32 >= 8844.0 * 0.4, "{widths:?}");
    assert!(
        widths[3] > widths[2],
        "the longer department names get more room: {widths:?}"
    );
    assert!(widths.iter().all(|w| *w >= 700), "{widths:?}");
    let empty = task_column_widths(&[], 8844);
    assert_eq!(empty.iter().sum::<usize>(), 8844);
}

#[test]
fn numbers_keep_their_unit_when_a_title_breaks() {
    for line in title_lines("砀山县市场监督管理局2021年“质量月”活动实施方案", 20)
    {
        assert!(!line.starts_with('年'), "{line}");
    }
}

#[test]
fn the_serial_column_holds_its_heading_and_three_digit_numbers_on_one_line() {
    let rows = vec![[
        "序号".to_owned(),
        "活动".into(),
        "9月".into(),
        "办公室".into(),
        String::new(),
    ]];
    let widths = task_column_widths(&rows, crate::gbt9704::TEXT_WIDTH);
    let inside = widths[0] as f32 - 2.0 * crate::gbt9704::CELL_MARGIN as f32;
    // One 四号 character is 280 twips.
    assert!(inside >= 280.0 * width("序号"), "{widths:?}");
    assert!(inside >= 280.0 * width("1000"), "{widths:?}");
    assert_eq!(
        widths.iter().sum::<usize>(),
        crate::gbt9704::TEXT_WIDTH as usize
    );
}

fn slogans_and_form() -> Vec<AttachmentPage> {
    vec![
        AttachmentPage {
            name: "2021年“质量月”活动口号".into(),
            kind: AttachmentKind::List,
            items: vec![
                "建设质量强国 决胜全面小康".into(),
                " ".into(),
                "3.质量第一".into(),
            ],
            ..AttachmentPage::default()
        },
        AttachmentPage {
            name: "活动信息报送表。".into(),
            kind: AttachmentKind::Table,
            columns: vec!["序号".into(), "单位".into(), "".into(), "联系人".into()],
            rows: vec![
                vec!["".into(), "质量股".into(), "".into(), "张三".into()],
                vec!["".into(), "".into()],
                vec!["".into(), "计量股".into()],
            ],
            ..AttachmentPage::default()
        },
    ]
}

#[test]
fn attachment_pages_follow_the_closing_each_on_its_own_page_and_numbered() {
    let mut notice = sample();
    notice.attachments = vec!["活动信息报送表".into(), "2021年“质量月”活动口号".into()];
    notice.attachment_pages = slogans_and_form();
    notice.imprint.printer = "办公室".into();
    let blocks = blocks(&notice);
    let labels: Vec<(usize, &str)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::AttachmentLabel(l) => Some((i, l.as_str())),
            _ => None,
        })
        .collect();
    // Numbered by the 附件说明's order, not the pages'.
    assert_eq!(
        labels.iter().map(|l| l.1).collect::<Vec<_>>(),
        ["附件2", "附件1"]
    );
    let signature = blocks
        .iter()
        .position(|b| matches!(b, Block::Signature { .. }));
    assert!(signature.unwrap() < labels[0].0);
    assert!(matches!(blocks.last(), Some(Block::Imprint { .. })));
    let first = labels[0].0;
    assert_eq!(
        blocks[first + 1],
        Block::Title {
            lines: vec!["2021年“质量月”活动口号".into()]
        }
    );
    // A list numbers its items unless they carry their own number.
    assert_eq!(blocks[first + 2].text(), "1.建设质量强国 决胜全面小康");
    assert_eq!(blocks[first + 3].text(), "3.质量第一");
    let second = labels[1].0;
    assert_eq!(blocks[second + 1].text(), "活动信息报送表");
    // The blank column goes, 序号 is filled on rows with content, a blank
    // row stays blank, and short rows are padded.
    assert_eq!(
        blocks[second + 2],
        Block::Table {
            header: vec!["序号".into(), "单位".into(), "联系人".into()],
            rows: vec![
                vec!["1".into(), "质量股".into(), "张三".into()],
                vec!["".into(), "".into(), "".into()],
                vec!["2".into(), "计量股".into(), "".into()],
            ],
        }
    );
}

#[test]
fn a_single_attachment_is_labelled_without_a_number() {
    let mut notice = sample();
    notice.attachments = vec!["活动信息报送表".into()];
    notice.attachment_pages = slogans_and_form()[1..].to_vec();
    let labels: Vec<String> = blocks(&notice)
        .iter()
        .filter(|b| matches!(b, Block::AttachmentLabel(_)))
        .map(Block::text)
        .collect();
    assert_eq!(labels, ["附件"]);
}

#[test]
fn attachment_text_sets_its_typed_headings_as_the_body_does() {
    let mut notice = sample();
    notice.attachment_pages = vec![AttachmentPage {
        name: "活动安排".into(),
        paragraphs: vec![
            "一、活动主题\n（一）加强组织。各单位要……".into(),
            "（二）广泛宣传".into(),
            "一般段落".into(),
        ],
        ..AttachmentPage::default()
    }];
    let blocks = blocks(&notice);
    let at = blocks
        .iter()
        .position(|b| matches!(b, Block::AttachmentLabel(_)))
        .unwrap();
    let faces: Vec<Vec<Face>> = blocks[at + 2..]
        .iter()
        .map(|b| match b {
            Block::Paragraph { spans, .. } => spans.iter().map(|s| s.face).collect(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        faces,
        [
            vec![Face::Hei],
            vec![Face::Kai, Face::Body],
            vec![Face::Kai],
            vec![Face::Body]
        ]
    );
}

#[test]
fn attachment_table_columns_fill_the_block_and_long_text_reads_left() {
    let header: Vec<String> = ["序号", "单位", "活动内容", "电话"]
        .map(String::from)
        .to_vec();
    let rows = vec![vec![
        "1".to_owned(),
        "质量股".into(),
        "组织开展质量开放日活动，邀请消费者代表走进企业".into(),
        "0557-8021234".into(),
    ]];
    let widths = table_column_widths(&header, &rows, 8844);
    assert_eq!(widths.iter().sum::<usize>(), 8844);
    assert!(widths[0] < widths[1] && widths[1] < widths[2], "{widths:?}");
    let block = Block::Table { header, rows };
    assert_eq!(block.table().unwrap().left, [false, false, true, false]);
}

#[test]
fn attachment_table_headings_never_wrap_while_there_is_room() {
    let header: Vec<String> = ["序号", "单位", "联系人", "电话", "活动内容"]
        .map(String::from)
        .to_vec();
    let rows = vec![vec![
        "1".to_owned(),
        "第10市场监督管理所".into(),
        "张三".into(),
        "0557-8021234".into(),
        "组织辖区企业开展质量管理小组活动".into(),
    ]];
    let widths = table_column_widths(&header, &rows, 8844);
    assert_eq!(widths.iter().sum::<usize>(), 8844);
    for (h, &w) in header.iter().zip(&widths) {
        let text = crate::pagination::cell_text_width(w);
        assert_eq!(
            crate::pagination::line_count(h, text, text, crate::gbt9704::SIZE_TABLE, 0),
            1,
            "{h} in {w}: {widths:?}"
        );
    }
    // A few short columns: the table still fills the block, 序号 stays narrow.
    let widths = table_column_widths(&header[..2], &[], 8844);
    assert_eq!(widths.iter().sum::<usize>(), 8844);
    assert!(widths[0] < 1000, "{widths:?}");
}

#[test]
fn on_letterhead_the_title_stands_where_the_printed_header_puts_it() {
    let mut notice = sample();
    notice.header.secrecy = "秘密★1年".into();
    let standard = compose(&notice);
    let title_at = |blocks: &[Block]| {
        let i = blocks
            .iter()
            .position(|b| matches!(b, Block::Title { .. }))
            .unwrap();
        crate::pagination::paginate(blocks).starts[i]
    };
    let own = crate::pagination::header_height(&standard.blocks);
    assert!(own > 4000, "{own}");
    let letterhead = on_letterhead(standard.clone(), own);
    assert_eq!(letterhead.blocks.len(), standard.blocks.len());
    assert_eq!(title_at(&letterhead.blocks), title_at(&standard.blocks));
    assert!(!letterhead.blocks.iter().any(|b| matches!(
        b,
        Block::OrganMark { .. } | Block::DocNumber { rule: true, .. }
    )));
    // The 密级 and the 发文字号 are still printed; the number on the line
    // above the paper's rule.
    assert!(letterhead.blocks.iter().any(|b| b.text() == "秘密★1年"));
    assert_eq!(crate::pagination::header_height(&letterhead.blocks), own);
    // Taller letterhead moves everything below by the difference.
    let taller = on_letterhead(standard.clone(), own + 1134);
    let (a, b) = (title_at(&standard.blocks), title_at(&taller.blocks));
    assert_eq!((b.page, b.y - a.y), (1, 1134));
    // A notice without a 标志 is printed as it is.
    let mut bare = notice.clone();
    bare.header.organs.clear();
    assert_eq!(on_letterhead(compose(&bare), own), compose(&bare));
}

#[test]
fn a_form_sets_its_lines_above_and_under_its_table() {
    let mut notice = sample();
    notice.attachments = vec!["活动信息报送表".into()];
    let mut form = slogans_and_form().remove(1);
    form.above = vec!["填报单位（盖章）：".into(), " ".into()];
    form.below = vec!["注：请于9月5日前报送。".into()];
    notice.attachment_pages = vec![form];
    let blocks = blocks(&notice);
    let table = blocks
        .iter()
        .position(|b| matches!(b, Block::Table { .. }))
        .unwrap();
    assert_eq!(blocks[table - 1].text(), "填报单位（盖章）：");
    assert_eq!(blocks[table - 2].text(), "活动信息报送表");
    assert_eq!(blocks[table + 1].text(), "注：请于9月5日前报送。");
    assert!(matches!(
        &blocks[table + 1],
        Block::Paragraph {
            indent: Indent::None,
            ..
        }
    ));
}
