//! Notices of every shape, generated from a seed, for the tests that hold
//! the page estimate against LibreOffice: direct notices and cover notices
//! with a plan, short and long covers, 1 to 40 recipients, 0 to 300 tasks
//! in each task layout, 附注 and 附件 or none, single and joint organs,
//! sealed or not, 版记 or none. The texts are in the register of real
//! notices (digits, dates and document numbers among the ideographs).

use super::random::Random;
use notice_core::templates::TEMPLATES;
use notice_core::*;

const SENTENCES: [&str; 12] = [
    "为深入贯彻落实质量强国建设纲要，进一步提升产品、工程和服务质量水平，营造全社会重视质量、追求质量的良好氛围",
    "各单位要结合本地区、本行业实际，制定具体实施方案，明确责任分工和时间节点",
    "按照市场监管总局等部门关于开展2021年全国“质量月”活动的通知（国市监质〔2021〕51号）要求",
    "围绕群众关心的食品、药品、特种设备等重点领域开展质量安全隐患排查",
    "组织辖区企业开展质量管理小组活动和质量诊断，推广先进质量管理方法",
    "加强计量、标准、认证认可、检验检测等质量基础设施建设，服务企业高质量发展",
    "对发现的问题要建立台账，逐项整改销号，确保整改到位",
    "利用电视、报纸、网站和微信公众号等媒体广泛宣传，形成浓厚氛围",
    "活动期间，各所要安排专人负责信息报送，每周五前报送一次工作进展",
    "严格落实中央八项规定精神，不得借活动之机增加基层和企业负担",
    "组织开展“质量开放日”活动，邀请消费者代表走进企业参观生产线",
    "对12315投诉举报集中的商品和服务开展专项整治",
];

const DEPARTMENTS: [&str; 10] = [
    "质量发展股",
    "标准计量股",
    "特种设备安全监察股",
    "综合执法大队",
    "办公室",
    "各市场监督管理所",
    "检验检测中心",
    "食品生产监管股",
    "认证认可股",
    "信用监管股",
];

const ORGANS: [&str; 6] = [
    "砀山县市场监督管理局",
    "砀山县发展和改革委员会",
    "砀山县工业和信息化局",
    "砀山县住房和城乡建设局",
    "砀山县农业农村局",
    "砀山县质量强县工作领导小组办公室",
];

const RECIPIENTS: [&str; 8] = [
    "各乡镇人民政府",
    "县直各有关单位",
    "局机关各股室",
    "各市场监督管理所",
    "局属各单位",
    "各行业协会",
    "县经济开发区管委会",
    "各园区管理机构",
];

impl Random {
    /// A paragraph of `sentences` sentences of the pool, joined as prose.
    fn prose(&mut self, sentences: usize) -> String {
        let mut text = String::new();
        for i in 0..sentences {
            text.push_str(SENTENCES[self.below(SENTENCES.len())]);
            text.push(if i + 1 == sentences { '。' } else { '，' });
        }
        text
    }

    /// A paragraph of `least` to `least + more - 1` sentences.
    fn prose_of(&mut self, least: usize, more: usize) -> String {
        let sentences = least + self.below(more);
        self.prose(sentences)
    }

    /// Part of a sentence: from a few characters to a whole one.
    fn phrase(&mut self) -> String {
        let sentence: Vec<char> = SENTENCES[self.below(SENTENCES.len())].chars().collect();
        let len = 6 + self.below(sentence.len() - 5);
        sentence[..len].iter().collect()
    }

    fn department(&mut self) -> String {
        DEPARTMENTS[self.below(DEPARTMENTS.len())].to_owned()
    }
}

/// `count` recipients, as long lists of real notices run: named units,
/// then numbered ones.
fn recipients(r: &mut Random, count: usize) -> Vec<String> {
    (0..count)
        .map(|i| match RECIPIENTS.get(i) {
            Some(name) if r.below(4) > 0 => (*name).to_owned(),
            _ => format!("{}第{}工作组", RECIPIENTS[r.below(RECIPIENTS.len())], i + 1),
        })
        .collect()
}

fn task(r: &mut Random, i: usize) -> TaskRow {
    TaskRow {
        name: format!("开展第{}项{}", i + 1, r.phrase()),
        description: match r.below(3) {
            0 => String::new(),
            1 => r.phrase(),
            _ => r.prose_of(1, 3),
        },
        time: ["9月", "9月上旬", "9月1日至9月30日", "全年", ""][r.below(5)].to_owned(),
        place: ["", "县城区", "各乡镇"][r.below(3)].to_owned(),
        lead: r.department(),
        support: (0..r.below(3)).map(|_| r.department()).collect(),
    }
}

fn sections(r: &mut Random, preamble: usize, long: bool) -> Vec<Section> {
    let mut sections = vec![
        Section {
            id: 1,
            heading: String::new(),
            content: SectionContent::Preamble {
                paragraphs: (0..preamble).map(|_| r.prose_of(1, 3)).collect(),
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
            heading: "活动时间".into(),
            content: SectionContent::Time {
                text: "2021年9月1日至9月30日".into(),
            },
        },
        Section {
            id: 4,
            heading: "活动安排".into(),
            content: SectionContent::Tasks {
                intro: if r.chance() {
                    "具体安排如下：".into()
                } else {
                    String::new()
                },
            },
        },
    ];
    if long {
        sections.push(Section {
            id: 5,
            heading: "工作措施".into(),
            content: SectionContent::Text {
                blocks: (0..4 + r.below(6))
                    .map(|_| TextBlock {
                        level: [Level::Body, Level::Second, Level::Third, Level::Fourth]
                            [r.below(4)],
                        text: r.prose_of(1, 2),
                    })
                    .collect(),
            },
        });
        sections.push(Section {
            id: 6,
            heading: "部门活动".into(),
            content: SectionContent::ByDepartment {
                groups: (0..1 + r.below(3))
                    .map(|_| DepartmentActivities {
                        department: r.department(),
                        activities: (0..1 + r.below(3)).map(|_| r.prose(1)).collect(),
                    })
                    .collect(),
            },
        });
    }
    sections.push(Section {
        id: 7,
        heading: "活动要求".into(),
        content: SectionContent::Requirements {
            items: (0..1 + r.below(4))
                .map(|_| Requirement {
                    lead: [
                        "加强组织领导",
                        "注重宣传实效",
                        "及时报送信息",
                        "务求工作实效",
                    ][r.below(4)]
                    .into(),
                    text: r.prose_of(1, 2),
                })
                .collect(),
        },
    });
    sections.push(Section {
        id: 8,
        heading: "总结报送".into(),
        content: SectionContent::Summary(Summary {
            deadline: DocDate::new(2021, 10, 10),
            what: "活动总结".into(),
            to: "质量发展股".into(),
            extra: String::new(),
        }),
    });
    sections
}

/// The corpus's notice number `index`: every shape comes round as the index
/// grows (shape, task layout, task count, recipients, cover, closing parts
/// and 版记 each cycle at their own period), the texts vary with the seed.
pub fn generated(index: usize) -> Notice {
    let r = &mut Random(0x5EED_0000 + index as u64 * 0x9E37_79B9);
    let joint = index % 7 == 3;
    let organs: Vec<String> = if joint {
        ORGANS[..2 + index % 3]
            .iter()
            .map(|s| (*s).to_owned())
            .collect()
    } else {
        vec![ORGANS[if index % 7 == 6 { 5 } else { 0 }].to_owned()]
    };
    const TASKS: [usize; 10] = [0, 1, 3, 6, 12, 18, 25, 40, 80, 150];
    let tasks = if index % 20 == 19 {
        300
    } else {
        TASKS[(index / 3 + index) % TASKS.len()]
    };
    let recipient_count = match index % 6 {
        0 => 1,
        1 => 40,
        _ => 1 + r.below(40),
    };
    let long_cover = index % 4 >= 2;
    Notice {
        shape: if index.is_multiple_of(2) {
            NoticeShape::IssuesPlan
        } else {
            NoticeShape::Direct
        },
        campaign: Campaign {
            name: "质量月".into(),
            year: Some(2021),
        },
        header: Header {
            organs: organs.clone(),
            with_wenjian: index % 3 == 1,
            copy_number: if index % 11 == 4 {
                "000123".into()
            } else {
                String::new()
            },
            secrecy: if index % 13 == 5 {
                "秘密★1年".into()
            } else {
                String::new()
            },
            urgency: if index % 9 == 2 {
                "特急".into()
            } else {
                String::new()
            },
            doc_number: DocNumber {
                prefix: "砀市监发".into(),
                year: Some(2021),
                serial: Some(1 + index as u32),
            },
            signers: if index % 8 == 5 {
                vec!["张三".into(), "李四".into()]
            } else {
                Vec::new()
            },
            form: HeaderForm::Standard,
        },
        title: None,
        recipients: recipients(r, recipient_count),
        cover_body: if long_cover {
            (0..3 + r.below(6)).map(|_| r.prose_of(2, 3)).collect()
        } else {
            vec![r.prose(1)]
        },
        plan_title: None,
        sections: sections(r, if long_cover { 2 } else { 1 }, index % 3 == 2),
        tasks: TaskList {
            layout: [
                TaskLayout::Table,
                TaskLayout::Subsections,
                TaskLayout::Items,
            ][(index / 2) % 3],
            rows: (0..tasks).map(|i| task(r, i)).collect(),
            lead_label: String::new(),
            support_label: String::new(),
        },
        contacts: if r.chance() {
            vec![Contact {
                name: "张三".into(),
                phone: "0557-8021234".into(),
                email: String::new(),
                fax: String::new(),
            }]
        } else {
            Vec::new()
        },
        attachments: (0..[0, 0, 1, 3][index % 4])
            .map(|i| {
                format!(
                    "砀山县2021年“质量月”活动{}",
                    ["安排表", "报名表", "统计表"][i]
                )
            })
            .collect(),
        attachment_pages: Vec::new(),
        signature: Signature {
            organs,
            date: DocDate::new(2021, 9, 6),
            sealed: index % 4 != 1,
            proxy_note: String::new(),
        },
        note: if index % 9 < 5 {
            "此件主动公开".into()
        } else {
            String::new()
        },
        imprint: match index % 5 {
            0 | 2 => Imprint::default(),
            1 => Imprint {
                cc: Vec::new(),
                printer: "砀山县市场监督管理局办公室".into(),
                print_date: DocDate::new(2021, 9, 6),
            },
            _ => Imprint {
                cc: (0..1 + r.below(12))
                    .map(|i| RECIPIENTS[i % RECIPIENTS.len()].to_owned())
                    .collect(),
                printer: "砀山县市场监督管理局办公室".into(),
                print_date: DocDate::new(2021, 9, 6),
            },
        },
    }
}

/// The district 文件 notice of the report: a cover notice issuing a plan of
/// 18 numbered items, with 附注; the cover's text grows by `extra`
/// characters, which moves the 附注 line by line across the first page's
/// foot. At 10, LibreOffice's own fallback fonts (digits and Latin in
/// DejaVu Sans) wrap the cover a line longer and put the 附注 alone on
/// page 2, as reported (now the 成文日期 takes it along); with fonts of the
/// standard's metrics it stays on page 1.
pub fn district_cover_with_note(extra: usize) -> Notice {
    let template = TEMPLATES
        .iter()
        .find(|t| t.id == "district-wenjian-items")
        .unwrap();
    let mut notice = (template.notice)(2021);
    notice.shape = NoticeShape::IssuesPlan;
    let more: String = "为进一步做好2021年质量工作，推动全区产品、工程和服务质量水平稳步提升，各单位要高度重视，认真组织实施，确保取得实效"
        .chars()
        .take(extra)
        .collect();
    notice.cover_body = vec![format!(
        "现将《XX区市场监督管理局2021年“质量月”活动方案》印发给你们，请结合实际认真贯彻执行。{more}"
    )];
    let base = notice.tasks.rows.clone();
    notice.tasks.rows = (0..18)
        .map(|i| {
            let mut row = base[i % base.len()].clone();
            row.name = format!("{}（第{}批）", row.name, i / base.len() + 1);
            row
        })
        .collect();
    notice.note = "此件主动公开".into();
    notice.signature.date = DocDate::new(2021, 9, 6);
    notice
}

/// The notice with a first paragraph of `lines` full body lines, which
/// moves everything after it down the pages by whole lines.
pub fn with_opening_lines(mut notice: Notice, lines: usize) -> Notice {
    const TEXT: &str = "质量强国建设深入推进市场监管部门围绕中心服务大局全面提升产品工程和服务质量";
    // 26 characters after the first line's indent, 28 on each line after.
    let text: String = TEXT.chars().cycle().take(26 + 28 * (lines - 1)).collect();
    notice.sections.insert(
        0,
        Section {
            id: 99,
            heading: String::new(),
            content: SectionContent::Preamble {
                paragraphs: vec![text],
            },
        },
    );
    notice
}

/// A joint notice whose 三、活动安排, followed at once by （一）, comes where
/// page 2 has room for the heading and one more line only: the chain of
/// headings kept with the next moves both to page 3, and the notice ends a
/// page later than an estimate that did not chain them would say (8 pages,
/// LibreOffice 9).
pub fn heading_chain() -> Notice {
    let mut notice = generated(33);
    let organs: Vec<String> = ORGANS[..2].iter().map(|s| (*s).to_owned()).collect();
    notice.header.organs = organs.clone();
    notice.signature.organs = organs;
    notice.note = "此件主动公开".into();
    with_opening_lines(notice, 16)
}

/// Whether a 一、 heading followed at once by a （一） heading starts a page
/// of `notice` although the page before had room for it and one more line.
pub fn chain_moved(notice: &Notice) -> bool {
    use notice_core::compose::{self, Block, Face};
    use notice_core::gbt9704 as spec;
    use notice_core::pagination;
    let heading = |block: &Block, face: Face| match block {
        Block::Paragraph { spans, .. } => spans.len() == 1 && spans[0].face == face,
        _ => false,
    };
    let blocks = compose::blocks(notice);
    let layout = pagination::lay_out(&blocks);
    blocks.windows(2).enumerate().any(|(i, pair)| {
        let Some(first) = layout.pieces.iter().find(|p| p.block == i) else {
            return false;
        };
        let before = layout
            .pieces
            .iter()
            .filter(|p| p.page + 1 == first.page)
            .map(|p| p.y + p.height)
            .max();
        heading(&pair[0], Face::Hei)
            && heading(&pair[1], Face::Kai)
            && first.y == 0
            && before
                .is_some_and(|end| end + 2 * spec::BODY_LINE_SPACING <= spec::TEXT_HEIGHT as i32)
    })
}

/// Everything the page-count test compares: both samples, the five
/// templates, the report's district notice with its cover at lengths that
/// move the 附注 across the first page's foot, a chain of headings at a
/// page's foot, and `generated` notices.
pub fn corpus(generated_count: usize) -> Vec<(String, Notice)> {
    let mut out = vec![
        (
            "sample-city".to_owned(),
            super::notices::fixture("city-plan-table.json"),
        ),
        (
            "sample-county".to_owned(),
            super::notices::fixture("county-plan-sections.json"),
        ),
    ];
    for template in TEMPLATES {
        out.push((format!("template-{}", template.id), (template.notice)(2021)));
    }
    for extra in (0..=24).step_by(2) {
        out.push((
            format!("district-note-{extra:02}"),
            district_cover_with_note(extra),
        ));
    }
    out.push(("heading-chain".to_owned(), heading_chain()));
    for index in 0..generated_count {
        out.push((format!("generated-{index:02}"), generated(index)));
    }
    out
}
