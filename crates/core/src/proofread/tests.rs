use super::*;
use crate::field::SectionField;
use crate::model::{
    Campaign, DocDate, Level, Section, SectionContent, Summary, TaskRow, TextBlock,
};

/// A 2021 质量月 notice whose only paragraph is `text`.
fn notice_with(text: &str) -> Notice {
    Notice {
        campaign: Campaign {
            name: "质量月".into(),
            year: Some(2021),
        },
        sections: vec![Section {
            id: 1,
            heading: String::new(),
            content: SectionContent::Preamble {
                paragraphs: vec![text.into()],
            },
        }],
        ..Notice::default()
    }
}

fn found(text: &str) -> Vec<(&'static str, Severity, String, Option<String>)> {
    check(&notice_with(text), &Options::default())
        .into_iter()
        .map(|f| (f.rule, f.severity, f.excerpt, f.fix))
        .collect()
}

fn rules(text: &str) -> Vec<&'static str> {
    found(text).into_iter().map(|f| f.0).collect()
}

#[test]
fn every_rule_names_its_clause() {
    for rule in RULES {
        assert!(
            rule.source.contains("GB/T") || rule.source.contains("《"),
            "{}",
            rule.id
        );
        assert!(!rule.name.is_empty());
    }
    let f = &check(
        &notice_with("开展质量月活动,加强宣传。"),
        &Options::default(),
    )[0];
    assert!(f.message.starts_with("半角标点："), "{}", f.message);
    assert!(
        f.message.ends_with("（GB/T 15834-2011 §5.1）"),
        "{}",
        f.message
    );
}

#[test]
fn punctuation() {
    assert_eq!(
        found("开展活动,加强宣传"),
        [(
            "punct.halfwidth",
            Severity::Error,
            ",".into(),
            Some("，".into())
        )]
    );
    assert_eq!(
        rules("时间为9:30，金额1,000元，比例3.5%。"),
        Vec::<&str>::new()
    );
    assert_eq!(
        rules("邮箱：zlg@example.cn，网址www.samr.gov.cn。"),
        Vec::<&str>::new()
    );
    assert_eq!(
        found("按照(国市监质〔2021〕51号)部署")[0].3.as_deref(),
        Some("（国市监质〔2021〕51号）")
    );
    assert_eq!(rules("开展“质量月活动。"), ["punct.unpaired"]);
    assert_eq!(rules("开展“质量月“活动。"), ["punct.unpaired"]);
    assert_eq!(
        rules("学习《质量法》和“‘质量第一’”理念。"),
        Vec::<&str>::new()
    );
    assert_eq!(rules("1）开展宣传。"), ["ordinal.style"]);
    assert_eq!(rules("开展宣传，，加强检查。"), ["punct.doubled"]);
    assert_eq!(rules("开展宣传，。"), ["punct.doubled"]);
    assert_eq!(rules("宣传、检查。。。"), ["punct.ellipsis"]);
    assert_eq!(rules("宣传、检查……"), Vec::<&str>::new());
    assert_eq!(rules("宣传、检查…"), ["punct.ellipsis"]);
    assert_eq!(rules("质量月--全民参与"), ["punct.dash"]);
    assert_eq!(found("9月1日--3日")[0].3.as_deref(), Some("—"));
    assert_eq!(
        rules("9月1日—3日，北京—上海，质量——发展之基"),
        Vec::<&str>::new()
    );
}

#[test]
fn ends_of_titles_attachments_and_recipients() {
    let mut notice = notice_with("正文。");
    notice.title = Some("关于开展2021年“质量月”活动的通知。".into());
    notice.attachments = vec!["活动报名表；".into()];
    notice.recipients = vec!["各股室。".into()];
    let found: Vec<_> = check(&notice, &Options::default())
        .into_iter()
        .map(|f| (f.rule, f.excerpt))
        .collect();
    assert_eq!(
        found,
        [
            ("punct.title_end", "。".to_owned()),
            ("punct.recipient_end", "。".to_owned()),
            ("punct.attachment_end", "；".to_owned()),
        ]
    );
}

#[test]
fn dates() {
    assert_eq!(rules("于2021年2月30日前报送。"), ["date.invalid"]);
    assert_eq!(rules("于13月1日前报送。"), ["date.invalid"]);
    assert_eq!(
        rules("于2月29日前报送，2024年2月29日也有。"),
        Vec::<&str>::new()
    );
    assert_eq!(rules("于2021年2月29日前报送。"), ["date.invalid"]);
    assert_eq!(rules("于2021930日前报送。"), ["date.run_in"]);
    assert_eq!(rules("于2021年930日前报送。"), ["date.run_in"]);
    assert_eq!(rules("到2201年实现。"), ["date.year_range"]);
    assert_eq!(rules("近10年来，1978年起，到2035年。"), Vec::<&str>::new());
    assert_eq!(
        found("于21年9月报送。")[0],
        (
            "date.abbreviated_year",
            Severity::Error,
            "21年".into(),
            Some("2021年".into())
        )
    );
    assert_eq!(
        found("二〇二一年九月六日")[0].3.as_deref(),
        Some("2021年9月6日")
    );
    // 15 September 2021 was a Wednesday.
    assert_eq!(rules("2021年9月15日（星期三）召开。"), Vec::<&str>::new());
    assert_eq!(
        found("2021年9月15日（星期四）召开。")[0],
        (
            "date.weekday",
            Severity::Error,
            "四".into(),
            Some("三".into())
        )
    );
    assert_eq!(found("9月15日（周五）召开。")[0].1, Severity::Warning);
    assert_eq!(
        found("开展2020年“质量月”活动。")[0],
        (
            "date.year_mismatch",
            Severity::Warning,
            "2020".into(),
            Some("2021".into())
        )
    );
    assert_eq!(rules("9月1日—3日，9月1日至30日。"), Vec::<&str>::new());
}

#[test]
fn deadlines_after_the_date_and_the_start() {
    let mut notice = notice_with("正文。");
    notice.signature.date = DocDate::new(2021, 9, 6);
    notice.sections.push(Section {
        id: 2,
        heading: "活动时间".into(),
        content: SectionContent::Time {
            text: "2021年9月10日至30日".into(),
        },
    });
    notice.sections.push(Section {
        id: 3,
        heading: "总结报送".into(),
        content: SectionContent::Summary(Summary {
            deadline: DocDate::new(2021, 9, 1),
            ..Summary::default()
        }),
    });
    let rules_of = |n: &Notice| -> Vec<(&str, Severity)> {
        check(n, &Options::default())
            .into_iter()
            .map(|f| (f.rule, f.severity))
            .collect()
    };
    assert_eq!(
        rules_of(&notice),
        [("date.deadline_order", Severity::Error)]
    );
    notice.sections[2].content = SectionContent::Summary(Summary {
        deadline: DocDate::new(2021, 9, 8),
        ..Summary::default()
    });
    assert_eq!(
        rules_of(&notice),
        [("date.deadline_order", Severity::Warning)]
    );
    notice.sections[2].content = SectionContent::Summary(Summary {
        deadline: DocDate::new(2021, 10, 8),
        ..Summary::default()
    });
    assert_eq!(rules_of(&notice), []);
}

#[test]
fn document_numbers() {
    assert_eq!(
        rules("按照《通知》（国市监质〔2021〕51号）。"),
        Vec::<&str>::new()
    );
    assert_eq!(
        found("按照国市监质[2021]51号。")[0],
        (
            "docno.bracket",
            Severity::Error,
            "[2021]".into(),
            Some("〔2021〕".into())
        )
    );
    assert_eq!(rules("按照国市监质〔21〕51号。"), ["docno.year"]);
    assert_eq!(rules("按照国市监质〔2021〕第51号。"), ["docno.di"]);
    assert_eq!(rules("按照国市监质〔2021〕051号。"), ["docno.leading_zero"]);
    assert_eq!(
        found("按照国市监质〔202151号。")[0].3.as_deref(),
        Some("〔2021〕51号")
    );
    assert_eq!(rules("按照国市监质2021〕51号。"), ["docno.broken"]);
    assert_eq!(rules("学习《〔2021〕年度工作要点》。"), Vec::<&str>::new());
    let mut notice = notice_with("正文。");
    notice.header.doc_number.prefix = "砀市监发第".into();
    assert_eq!(check(&notice, &Options::default())[0].rule, "docno.own");
}

#[test]
fn ordinals() {
    assert_eq!(rules("一、宣传\n二、检查\n四、总结"), ["ordinal.sequence"]);
    assert_eq!(rules("一、宣传\n二、检查\n二、总结"), ["ordinal.sequence"]);
    assert_eq!(
        rules("一、宣传\n（一）讲座\n（二）展览\n二、检查\n（一）抽查"),
        Vec::<&str>::new()
    );
    assert_eq!(rules("（）开展宣传"), ["ordinal.empty"]);
    assert_eq!(found("1、开展宣传")[0].3.as_deref(), Some("1."));
    assert_eq!(rules("1.5万人参加，3、4月份筹备"), Vec::<&str>::new());
    assert_eq!(rules("一、宣传\n1.讲座"), ["ordinal.skipped_level"]);
    let mut notice = notice_with("正文。");
    notice.sections.push(Section {
        id: 2,
        heading: "二、活动主题".into(),
        content: SectionContent::Text {
            blocks: vec![TextBlock {
                level: Level::Third,
                text: "开展讲座".into(),
            }],
        },
    });
    notice.sections.push(Section {
        id: 3,
        heading: String::new(),
        content: SectionContent::Theme {
            theme: "质量强国".into(),
        },
    });
    let found: Vec<_> = check(&notice, &Options::default())
        .into_iter()
        .map(|f| (f.rule, f.excerpt, f.fix))
        .collect();
    assert_eq!(
        found,
        [
            ("ordinal.double_number", "二、".into(), Some(String::new())),
            ("ordinal.skipped_level", "开展讲座".into(), None),
            ("ordinal.missing_number", String::new(), None),
        ]
    );
}

#[test]
fn consistency() {
    let mut notice = notice_with("详见附件3。");
    notice.attachments = vec!["报名表".into(), "附件：统计表".into()];
    notice.recipients = vec!["各股室、办公室".into()];
    notice.imprint.cc = vec!["办公室".into()];
    notice.header.organs = vec!["砀山县市场监督管理局".into()];
    notice.signature.organs = vec!["砀山县市场监管局".into()];
    notice.tasks.rows = vec![
        TaskRow {
            lead: "县局办公室".into(),
            ..TaskRow::default()
        },
        TaskRow {
            lead: "办公室".into(),
            support: vec!["质量股".into()],
            ..TaskRow::default()
        },
        TaskRow {
            lead: "办公室".into(),
            support: vec!["质量科".into(), "质量股".into()],
            ..TaskRow::default()
        },
    ];
    let found: Vec<_> = check(&notice, &Options::default())
        .into_iter()
        .map(|f| (f.rule, f.severity, f.excerpt))
        .collect();
    assert_eq!(
        found,
        [
            ("consistency.attachments", Severity::Error, "附件3".into()),
            (
                "consistency.department_spelling",
                Severity::Warning,
                "县局办公室".into()
            ),
            (
                "consistency.department_spelling",
                Severity::Warning,
                "质量科".into()
            ),
            (
                "consistency.attachments",
                Severity::Warning,
                "附件：".into()
            ),
            ("consistency.main_cc", Severity::Error, "办公室".into()),
        ]
    );
    notice.signature.organs = vec!["萧县市场监督管理局".into()];
    assert!(check(&notice, &Options::default())
        .iter()
        .any(|f| f.rule == "consistency.signing_organ"));
}

#[test]
fn characters() {
    assert_eq!(rules("开展质量�活动"), ["text.mojibake"]);
    assert_eq!(rules("开展质量?活动"), ["text.mojibake"]);
    assert_eq!(rules("锟斤拷"), ["text.mojibake"]);
    assert_eq!(
        found("开展&nbsp;活动")[0],
        (
            "text.web_leftover",
            Severity::Error,
            "&nbsp;".into(),
            Some(String::new())
        )
    );
    assert_eq!(found("微信扫一扫")[0].1, Severity::Warning);
    assert_eq!(
        found("開展質量月活動")
            .into_iter()
            .map(|f| (f.2, f.3.unwrap_or_default()))
            .collect::<Vec<_>>(),
        [
            ("開".into(), "开".into()),
            ("質".into(), "质".into()),
            ("動".into(), "动".into())
        ]
    );
    // 堃 is a 规范汉字 outside GB2312.
    assert_eq!(rules("张堃同志"), ["text.gb2312"]);
    assert_eq!(
        check(
            &notice_with("张堃同志"),
            &Options {
                gb2312_fonts: false
            }
        ),
        []
    );
    assert_eq!(found("认真布署")[0].3.as_deref(), Some("部署"));
    assert_eq!(rules("截止9月30日"), ["text.lexicon"]);
    assert_eq!(rules("截至9月30日，报名截止。"), Vec::<&str>::new());
}

#[test]
fn a_fix_is_previewed_applied_and_refused_when_stale() {
    let mut notice = notice_with("开展活动,加强宣传。");
    let finding = check(&notice, &Options::default()).remove(0);
    assert_eq!(
        preview(&notice, &finding).as_deref(),
        Some("开展活动，加强宣传。")
    );
    assert!(apply(&mut notice, &finding));
    assert_eq!(check(&notice, &Options::default()), []);
    assert!(!apply(&mut notice, &finding), "the text changed");
}

#[test]
fn one_text_is_checked_alone_and_findings_point_at_the_typed_field() {
    let notice = notice_with("开展活动,加强宣传。");
    let place = Place::Paragraph {
        section: 0,
        index: 0,
    };
    let found = check_place(&notice, place, &Options::default());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].place, place);
    assert_eq!(found[0].field, Field::Section(1, SectionField::Text));
    assert_eq!(found, check(&notice, &Options::default()));
}

#[test]
fn every_field_reads_and_writes_the_same_text() {
    for template in crate::templates::TEMPLATES {
        let notice = (template.notice)(2021);
        let mut copy = notice.clone();
        let walked = place::fields(&notice);
        assert!(walked.len() > 10, "{}", template.id);
        for (field, text, kind) in walked {
            assert_eq!(field.text(&notice).as_deref(), Some(&*text), "{field:?}");
            assert_eq!(
                field.text_mut(&mut copy).map(|t| t.clone()).as_deref(),
                Some(&*text),
                "{field:?}"
            );
            assert_eq!(field.kind(&notice), kind, "{field:?}");
            assert!(!field.path().is_empty() && !field.label(&notice).is_empty());
        }
    }
}
