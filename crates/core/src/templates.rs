//! Built-in templates: a complete notice of each common shape to start from,
//! for any year. The wording is generic and written for this app (not taken
//! from any real notice); names to replace are written XX县, XX区, XX股….
//! The 发文字号's serial and the 成文日期 are left empty for the user.

use super::model::{
    AttachmentKind, AttachmentPage, Campaign, Contact, DepartmentActivities, DocDate, DocNumber,
    Header, HeaderForm, Imprint, Level, Notice, NoticeShape, Requirement, Section, SectionContent,
    Signature, Summary, TaskLayout, TaskList, TaskRow, TextBlock,
};
use super::themes::national_theme;

/// A template the user picks when starting a draft.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// Stable, for links and storage.
    pub id: &'static str,
    /// Shown in the picker.
    pub name: &'static str,
    /// One sentence on when to use it.
    pub description: &'static str,
    /// The notice for a year.
    pub notice: fn(u16) -> Notice,
}

/// Every built-in template, in the picker's order.
pub const TEMPLATES: [Template; 6] = [
    Template {
        id: "county-plan-table",
        name: "县局印发活动方案（任务表格）",
        description: "县级市场监管局以通知印发活动方案，活动安排列成表格（序号、活动内容、时间、牵头和配合部门）。",
        notice: county_plan_table,
    },
    Template {
        id: "county-plan-subsections",
        name: "县局印发活动方案（分项列出牵头、配合股室）",
        description: "县级市场监管局以通知印发活动方案，每项活动单列一段，写明活动时间和牵头、配合股室。",
        notice: county_plan_subsections,
    },
    Template {
        id: "district-wenjian-items",
        name: "区局“文件”版头通知（逐条列出责任部门）",
        description: "区级市场监管局红头文件，直接部署活动，每项活动一条，末尾括注责任部门。",
        notice: district_wenjian_items,
    },
    Template {
        id: "office-by-department",
        name: "领导小组办公室通知（分部门活动）",
        description: "质量工作领导小组办公室通知各成员单位，按部门分列各自开展的活动。",
        notice: office_by_department,
    },
    Template {
        id: "joint-notice",
        name: "多部门联合通知",
        description: "几个部门联合发文部署活动，联合署名，活动安排列成表格。",
        notice: joint_notice,
    },
    Template {
        id: "letter-plans",
        name: "函：请各地报送活动方案（附反馈表）",
        description: "市场监管局致函各县（市、区）局，请其报送本年度活动方案，附活动方案反馈表。",
        notice: letter_plans,
    },
];

/// The template with this id.
pub fn find(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}

/// The year's national theme, or a prompt to fill one in.
fn theme(year: u16) -> String {
    national_theme(year)
        .map(|t| t.theme.to_owned())
        .unwrap_or_else(|| "（请填写本年度活动主题）".to_owned())
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn section(id: u32, heading: &str, content: SectionContent) -> Section {
    Section {
        id,
        heading: heading.to_owned(),
        content,
    }
}

fn preamble(id: u32, paragraphs: &[&str]) -> Section {
    section(
        id,
        "",
        SectionContent::Preamble {
            paragraphs: strings(paragraphs),
        },
    )
}

fn requirements(id: u32, items: &[(&str, &str)]) -> Section {
    section(
        id,
        "工作要求",
        SectionContent::Requirements {
            items: items
                .iter()
                .map(|(lead, text)| Requirement {
                    lead: (*lead).to_owned(),
                    text: (*text).to_owned(),
                })
                .collect(),
        },
    )
}

fn task(name: &str, description: &str, time: &str, lead: &str, support: &[&str]) -> TaskRow {
    TaskRow {
        name: name.to_owned(),
        description: description.to_owned(),
        time: time.to_owned(),
        place: String::new(),
        lead: lead.to_owned(),
        support: strings(support),
    }
}

fn header(organs: &[&str], prefix: &str, year: u16, with_wenjian: bool) -> Header {
    Header {
        organs: strings(organs),
        with_wenjian,
        doc_number: DocNumber {
            prefix: prefix.to_owned(),
            year: Some(year),
            serial: None,
        },
        ..Header::default()
    }
}

fn signature(organs: &[&str]) -> Signature {
    Signature {
        organs: strings(organs),
        date: None,
        sealed: true,
        proxy_note: String::new(),
    }
}

fn summary(year: u16, what: &str, to: &str) -> SectionContent {
    SectionContent::Summary(Summary {
        deadline: DocDate::new(year, 10, 10),
        what: what.to_owned(),
        to: to.to_owned(),
        extra: String::new(),
    })
}

fn campaign(year: u16) -> Campaign {
    Campaign {
        name: "质量月".into(),
        year: Some(year),
    }
}

fn contact() -> Vec<Contact> {
    vec![Contact {
        name: "XXX".into(),
        phone: "0000-0000000".into(),
        email: String::new(),
        fax: String::new(),
    }]
}

/// Slogans to start from, written for the app: the user puts in the ones
/// published for the year.
fn slogans(year: u16) -> AttachmentPage {
    AttachmentPage {
        name: format!("{year}年“质量月”活动宣传口号"),
        kind: AttachmentKind::List,
        items: strings(&[
            "坚持质量第一 建设质量强国",
            "人人关注质量 人人创造质量",
            "提升质量水平 服务美好生活",
            "强化质量基础 推动高质量发展",
        ]),
        ..AttachmentPage::default()
    }
}

/// A table to fill in: its columns, `blank` rows, the lines above and
/// under it.
fn form(
    name: String,
    columns: &[&str],
    blank: usize,
    above: &str,
    below: String,
) -> AttachmentPage {
    AttachmentPage {
        name,
        kind: AttachmentKind::Table,
        columns: strings(columns),
        rows: vec![vec![String::new(); columns.len()]; blank],
        above: strings(&[above])
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect(),
        below: vec![below],
        ..AttachmentPage::default()
    }
}

const COUNTY: &str = "XX县市场监督管理局";

fn county_plan_table(year: u16) -> Notice {
    Notice {
        shape: NoticeShape::IssuesPlan,
        campaign: campaign(year),
        header: header(&[COUNTY], "X市监", year, false),
        title: None,
        recipients: strings(&["局机关各股室、各市场监督管理所、局属各单位"]),
        cover_body: vec![format!(
            "现将《{COUNTY}{year}年“质量月”活动方案》印发给你们，请结合工作职责认真组织实施，确保各项活动按时完成。"
        )],
        plan_title: None,
        sections: vec![
            preamble(
                1,
                &[&format!(
                    "为贯彻落实上级关于开展{year}年全国“质量月”活动的部署，营造全社会重视质量、追求质量的良好氛围，结合我县实际，制定本方案。"
                )],
            ),
            section(2, "活动主题", SectionContent::Theme { theme: theme(year) }),
            section(
                3,
                "活动时间",
                SectionContent::Time {
                    text: format!("{year}年9月1日至9月30日"),
                },
            ),
            section(
                4,
                "活动安排",
                SectionContent::Tasks {
                    intro: String::new(),
                },
            ),
            requirements(
                5,
                &[
                    (
                        "明确责任分工",
                        "各牵头股室要制定具体工作计划，配合单位要主动对接，形成工作合力。",
                    ),
                    (
                        "注重宣传实效",
                        "要结合日常监管开展宣传，用群众看得懂的方式讲清质量知识，避免形式主义。",
                    ),
                    (
                        "及时报送信息",
                        "活动中形成的好做法、好经验要及时整理，报送活动信息和图片资料。",
                    ),
                ],
            ),
            section(
                6,
                "总结报送",
                summary(year, "活动总结及2张以上活动图片", "质量股"),
            ),
        ],
        tasks: TaskList {
            layout: TaskLayout::Table,
            rows: vec![
                task(
                    "发布质量月活动公告，设置宣传专栏",
                    "",
                    "9月上旬",
                    "质量股",
                    &["办公室"],
                ),
                task(
                    "组织重点企业开展质量管理方法培训",
                    "",
                    "9月中旬",
                    "质量股",
                    &["各市场监督管理所"],
                ),
                task(
                    "开展集贸市场计量器具专项检查",
                    "",
                    "9月",
                    "标准计量股",
                    &["各市场监督管理所"],
                ),
                task(
                    "开展电梯维护保养质量抽查",
                    "",
                    "9月",
                    "特种设备安全监察股",
                    &["综合执法大队"],
                ),
                task(
                    "开展重点消费品质量抽检和结果通报",
                    "",
                    "9月至10月",
                    "质量股",
                    &["检验检测中心"],
                ),
            ],
            lead_label: "牵头股室".into(),
            support_label: "配合单位".into(),
        },
        contacts: contact(),
        attachments: Vec::new(),
        attachment_pages: Vec::new(),
        signature: signature(&[COUNTY]),
        note: "此件公开发布".into(),
        imprint: Imprint::default(),
    }
}

fn county_plan_subsections(year: u16) -> Notice {
    let mut notice = county_plan_table(year);
    notice.cover_body = vec![format!(
        "经局党组研究同意，现将《{COUNTY}{year}年“质量月”活动实施方案》印发给你们，请各股室、各所按照分工抓好落实。"
    )];
    notice.plan_title = Some(format!("{COUNTY}{year}年“质量月”活动实施方案"));
    notice.sections = vec![
        preamble(
            1,
            &[&format!(
                "{year}年“质量月”活动是推动全县质量工作的重要载体。为组织好本年度活动，特制定本方案。"
            )],
        ),
        section(
            2,
            "指导思想",
            SectionContent::Text {
                blocks: vec![TextBlock {
                    level: Level::Body,
                    text: "坚持以提高发展质量和效益为中心，围绕全县重点产业和民生领域，以活动促工作、以宣传促提升，推动企业落实质量主体责任，提升全社会质量意识。".into(),
                }],
            },
        ),
        section(
            3,
            "活动内容及分工",
            SectionContent::Tasks {
                intro: String::new(),
            },
        ),
        requirements(
            4,
            &[
                (
                    "加强组织协调",
                    "各牵头股室对所承担的活动负总责，及时协调解决活动中遇到的问题。",
                ),
                (
                    "做好总结报送",
                    "各牵头股室于活动结束后5个工作日内将书面总结报质量股。",
                ),
            ],
        ),
    ];
    notice.tasks = TaskList {
        layout: TaskLayout::Subsections,
        rows: vec![
            task(
                "开展企业质量提升帮扶",
                "选取若干家重点企业，组织技术机构上门服务，帮助企业查找质量短板，提出改进建议。",
                "9月",
                "质量股",
                &["检验检测中心"],
            ),
            task(
                "开展民生计量惠民服务",
                "在社区和集贸市场设置服务点，免费检定血压计、电子秤等与群众生活相关的计量器具。",
                "9月中旬",
                "标准计量股",
                &["各市场监督管理所"],
            ),
            task(
                "开展质量知识进校园活动",
                "联合学校开展质量安全知识讲座，发放宣传资料，引导学生树立质量意识。",
                "9月下旬",
                "质量股",
                &["办公室", "各市场监督管理所"],
            ),
        ],
        lead_label: "牵头股室".into(),
        support_label: "配合股室".into(),
    };
    notice.contacts = Vec::new();
    notice
}

const DISTRICT: &str = "XX区市场监督管理局";

fn district_wenjian_items(year: u16) -> Notice {
    Notice {
        shape: NoticeShape::Direct,
        campaign: campaign(year),
        header: header(&[DISTRICT], "X区市监", year, true),
        title: None,
        recipients: strings(&["局机关各科室、各市场监督管理所、局属各单位"]),
        cover_body: Vec::new(),
        plan_title: None,
        sections: vec![
            preamble(
                1,
                &[&format!(
                    "为做好{year}年“质量月”各项工作，进一步提升全区产品、工程和服务质量水平，现就开展本年度“质量月”活动通知如下："
                )],
            ),
            section(2, "活动主题", SectionContent::Theme { theme: theme(year) }),
            section(
                3,
                "活动时间",
                SectionContent::Time {
                    text: format!("{year}年9月"),
                },
            ),
            section(
                4,
                "主要活动",
                SectionContent::Tasks {
                    intro: String::new(),
                },
            ),
            requirements(
                5,
                &[
                    (
                        "高度重视",
                        "各单位要把“质量月”活动列入当月重点工作，主要负责同志亲自部署。",
                    ),
                    (
                        "务求实效",
                        "活动要贴近企业和群众需求，不得增加基层和企业负担。宣传中可选用活动宣传口号（见附件1）。",
                    ),
                    (
                        "及时报送信息",
                        "每项活动结束后3个工作日内，填写活动信息报送表（见附件2）报质量科。",
                    ),
                ],
            ),
            section(
                6,
                "总结报送",
                summary(year, "活动总结", "质量科"),
            ),
        ],
        // Items show no time (the 活动时间 section covers all of them).
        tasks: TaskList {
            layout: TaskLayout::Items,
            rows: vec![
                task(
                    "开展质量宣传进社区",
                    "在辖区主要街道和社区设置宣传点，普及产品质量和消费维权知识。",
                    "",
                    "质量科",
                    &["各市场监督管理所"],
                ),
                task(
                    "开展重点工业产品质量监督抽查",
                    "对辖区生产企业的重点产品开展抽查，依法处置不合格产品。",
                    "",
                    "质量科",
                    &[],
                ),
                task(
                    "开展加油站计量专项检查",
                    "对辖区加油机开展计量检查，查处计量作弊行为。",
                    "",
                    "计量科",
                    &["执法大队"],
                ),
                task(
                    "组织标准化知识培训",
                    "面向辖区企业开展企业标准自我声明公开等知识培训。",
                    "",
                    "标准化科",
                    &[],
                ),
            ],
            lead_label: String::new(),
            support_label: String::new(),
        },
        contacts: contact(),
        attachments: vec![
            format!("{year}年“质量月”活动宣传口号"),
            format!("{year}年“质量月”活动信息报送表"),
        ],
        attachment_pages: vec![
            slogans(year),
            form(
                format!("{year}年“质量月”活动信息报送表"),
                &[
                    "序号",
                    "活动名称",
                    "开展时间",
                    "开展地点",
                    "参与人数",
                    "联系人",
                    "联系电话",
                ],
                5,
                "填报单位（盖章）：　　　　　　填报日期：　　年　月　日",
                format!("注：请于{year}年10月10日前报送，每项活动一行，可另附活动图片。"),
            ),
        ],
        signature: signature(&[DISTRICT]),
        note: "此件公开发布".into(),
        imprint: Imprint {
            cc: Vec::new(),
            printer: format!("{DISTRICT}办公室"),
            print_date: None,
        },
    }
}

const OFFICE: &str = "XX县质量强县工作领导小组办公室";

fn office_by_department(year: u16) -> Notice {
    let group = |department: &str, activities: &[&str]| DepartmentActivities {
        department: department.to_owned(),
        activities: strings(activities),
    };
    Notice {
        shape: NoticeShape::Direct,
        campaign: campaign(year),
        header: header(&[OFFICE], "X质强办", year, false),
        title: None,
        recipients: strings(&["县质量强县工作领导小组各成员单位"]),
        cover_body: Vec::new(),
        plan_title: None,
        sections: vec![
            preamble(
                1,
                &[&format!(
                    "按照全国“质量月”活动的统一部署，经县质量强县工作领导小组同意，定于{year}年9月在全县开展“质量月”活动。现将有关事项通知如下："
                )],
            ),
            section(2, "活动主题", SectionContent::Theme { theme: theme(year) }),
            section(
                3,
                "各成员单位活动安排",
                SectionContent::ByDepartment {
                    groups: vec![
                        group(
                            "县市场监督管理局",
                            &[
                                "组织“质量月”启动仪式和质量咨询服务活动。",
                                "开展重点产品质量监督抽查和结果公示。",
                            ],
                        ),
                        group(
                            "县工业和信息化局",
                            &["组织工业企业开展质量管理小组成果交流。"],
                        ),
                        group(
                            "县住房和城乡建设局",
                            &["开展在建工程质量安全巡查，组织观摩优质工程。"],
                        ),
                        group(
                            "县教育局",
                            &["在中小学开展质量安全知识进课堂活动。"],
                        ),
                    ],
                },
            ),
            requirements(
                4,
                &[
                    (
                        "加强协作",
                        "各成员单位要按照职责分工制定本部门活动计划，加强沟通配合。",
                    ),
                    (
                        "按时报送",
                        "各成员单位指定一名联络员，于9月5日前填写联络员回执（见附件）报领导小组办公室，并及时报送活动开展情况。",
                    ),
                ],
            ),
            section(
                5,
                "总结报送",
                summary(year, "本部门活动总结", "领导小组办公室"),
            ),
        ],
        tasks: TaskList::default(),
        contacts: contact(),
        attachments: vec![format!("{year}年“质量月”活动联络员回执")],
        attachment_pages: vec![AttachmentPage {
            rows: [
                "县市场监督管理局",
                "县工业和信息化局",
                "县住房和城乡建设局",
                "县教育局",
            ]
            .iter()
            .enumerate()
            .map(|(i, unit)| {
                let mut row = vec![String::new(); 5];
                row[0] = (i + 1).to_string();
                row[1] = (*unit).to_owned();
                row
            })
            .collect(),
            ..form(
                format!("{year}年“质量月”活动联络员回执"),
                &["序号", "单位", "姓名", "职务", "联系电话"],
                0,
                "",
                format!("注：请于{year}年9月5日前报送领导小组办公室。"),
            )
        }],
        signature: signature(&[OFFICE]),
        note: String::new(),
        imprint: Imprint::default(),
    }
}

const JOINT: [&str; 3] = ["XX市市场监督管理局", "XX市教育局", "XX市工业和信息化局"];

fn joint_notice(year: u16) -> Notice {
    Notice {
        shape: NoticeShape::Direct,
        campaign: campaign(year),
        header: header(&JOINT, "X市监联", year, true),
        title: None,
        recipients: strings(&["各县（市、区）市场监督管理局、教育局、工业和信息化局"]),
        cover_body: Vec::new(),
        plan_title: None,
        sections: vec![
            preamble(
                1,
                &[&format!(
                    "为共同做好{year}年“质量月”活动，形成部门联动、齐抓共管的工作格局，现将有关事项通知如下："
                )],
            ),
            section(2, "活动主题", SectionContent::Theme { theme: theme(year) }),
            section(
                3,
                "重点活动",
                SectionContent::Tasks {
                    intro: "各地要结合实际，组织开展以下活动：".into(),
                },
            ),
            requirements(
                4,
                &[
                    (
                        "加强部门联动",
                        "各地三部门要建立活动联络机制，共同研究部署，统筹推进各项活动。",
                    ),
                    (
                        "突出活动特色",
                        "要结合本地产业特点和群众关切，办好一批有影响、有实效的活动，宣传中可选用活动宣传口号（见附件）。",
                    ),
                ],
            ),
            section(
                5,
                "总结报送",
                summary(year, "活动总结", "市市场监督管理局质量发展科"),
            ),
        ],
        tasks: TaskList {
            layout: TaskLayout::Table,
            rows: vec![
                task(
                    "举办质量开放日活动",
                    "",
                    "9月",
                    "各县（市、区）市场监督管理局",
                    &["各县（市、区）工业和信息化局"],
                ),
                task(
                    "组织中小学生参观检验检测机构",
                    "",
                    "9月中下旬",
                    "各县（市、区）教育局",
                    &["各县（市、区）市场监督管理局"],
                ),
                task(
                    "开展企业首席质量官培训",
                    "",
                    "9月",
                    "各县（市、区）工业和信息化局",
                    &["各县（市、区）市场监督管理局"],
                ),
            ],
            lead_label: "牵头单位".into(),
            support_label: "配合单位".into(),
        },
        contacts: contact(),
        attachments: vec![format!("{year}年“质量月”活动宣传口号")],
        attachment_pages: vec![slogans(year)],
        signature: signature(&JOINT),
        note: "此件公开发布".into(),
        imprint: Imprint::default(),
    }
}

const CITY: &str = "XX市市场监督管理局";

/// A 函 asking the counties for their plans, with a 反馈表 to fill in.
fn letter_plans(year: u16) -> Notice {
    let text = |text: &str| SectionContent::Text {
        blocks: vec![TextBlock {
            level: Level::Body,
            text: text.to_owned(),
        }],
    };
    let table = format!("{year}年“质量月”活动方案反馈表");
    Notice {
        shape: NoticeShape::Direct,
        campaign: campaign(year),
        header: Header {
            form: HeaderForm::Letter,
            ..header(&[CITY], "X市监函", year, false)
        },
        title: Some(format!("关于报送{year}年“质量月”活动方案的函")),
        recipients: strings(&["各县（市、区）市场监督管理局"]),
        cover_body: Vec::new(),
        plan_title: None,
        sections: vec![
            preamble(
                1,
                &[&format!(
                    "为做好{year}年全国“质量月”活动组织工作，统筹安排全市重点活动，请各县（市、区）局报送本地活动方案。现将有关事项函告如下："
                )],
            ),
            section(
                2,
                "报送内容",
                text("本地“质量月”活动方案，写明活动主题、重点活动、时间地点和责任人；同时填写活动方案反馈表（见附件），每项重点活动填写一行。"),
            ),
            section(
                3,
                "报送方式",
                text(&format!(
                    "活动方案和反馈表的电子版请于{year}年8月25日前报送市局质量发展科，纸质件加盖公章后寄送。"
                )),
            ),
        ],
        tasks: TaskList::default(),
        contacts: contact(),
        attachments: vec![table.clone()],
        attachment_pages: vec![form(
            table,
            &[
                "序号",
                "单位",
                "活动名称",
                "时间",
                "地点",
                "联系人",
                "电话",
            ],
            5,
            "填报单位（盖章）：",
            "注：活动时间、地点尚未确定的，请注明“待定”。".to_owned(),
        )],
        signature: signature(&[CITY]),
        note: String::new(),
        imprint: Imprint::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compose, validate, Field};

    #[test]
    fn every_template_composes_with_its_parts_for_any_year() {
        for template in &TEMPLATES {
            for year in [2021, 2025, 2030] {
                let notice = (template.notice)(year);
                assert_eq!(notice.year(), Some(year), "{}", template.id);
                let text: String = compose::blocks(&notice)
                    .iter()
                    .map(|b| b.text())
                    .collect::<Vec<_>>()
                    .join("\n");
                assert!(text.contains(&format!("{year}年")), "{}", template.id);
                let title = compose::title(&notice);
                assert!(title.ends_with("通知") || title.ends_with("函"), "{title}");
                // The 附件说明 names every page, in order.
                let names: Vec<&String> = notice.attachment_pages.iter().map(|p| &p.name).collect();
                assert_eq!(
                    names,
                    notice.attachments.iter().collect::<Vec<_>>(),
                    "{}",
                    template.id
                );
                // What is left for the user: the serial and the date only.
                let fields: Vec<Field> = validate::problems(&notice)
                    .into_iter()
                    .map(|p| p.field)
                    .collect();
                assert_eq!(
                    fields,
                    [Field::DocNumber, Field::SignatureDate],
                    "{}",
                    template.id
                );
            }
        }
    }

    #[test]
    fn ids_are_unique_and_found() {
        for template in &TEMPLATES {
            assert_eq!(find(template.id).map(|t| t.name), Some(template.name));
        }
        assert!(find("none").is_none());
    }
}
