//! Import of the two sample notices, from the text copied off the web
//! (tests/fixtures/samples/, copies of the raw samples) and from the .docx
//! this app exports of their drafts: every part recovered, compared with
//! the drafts in tests/fixtures/, and every input line accounted for.
//! Bad .docx input is refused with a message.
#![cfg(not(target_arch = "wasm32"))]

use notice_core::compose;
use notice_core::draft::DraftEnvelope;
use notice_core::*;
use notice_office::docx::{export_docx, DocumentMeta};
use notice_office::import::docx::import_docx;
use notice_office::import::text::import_text;
use notice_office::import::ImportReport;
use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    notice_tests::project_root()
}

fn fixture(name: &str) -> Notice {
    let path = root().join("tests/fixtures").join(format!("{name}.json"));
    DraftEnvelope::from_json(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .notice
}

fn sample_text(name: &str) -> String {
    std::fs::read_to_string(
        root()
            .join("tests/fixtures/samples")
            .join(format!("{name}.txt")),
    )
    .unwrap()
}

fn exported(notice: &Notice) -> Vec<u8> {
    export_docx(notice, &DocumentMeta::at("2021-09-06T08:00:00Z")).unwrap()
}

/// The notice as JSON with the whitespace inside strings removed: web text
/// has stray spaces (“ 一园一品”) that the importer drops and the fixtures
/// keep in some places and not in others.
fn comparable(notice: &Notice) -> Value {
    fn squeeze(value: &mut Value) {
        match value {
            Value::String(s) => s.retain(|c| !c.is_whitespace()),
            Value::Array(items) => items.iter_mut().for_each(squeeze),
            Value::Object(map) => map.values_mut().for_each(squeeze),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(notice).unwrap();
    squeeze(&mut value);
    value
}

/// Field by field first, for a readable failure; then the whole notice.
fn assert_recovered(imported: &Notice, expected: &Notice, what: &str) {
    assert_eq!(imported.shape, expected.shape, "{what}: shape");
    assert_eq!(imported.campaign, expected.campaign, "{what}: campaign");
    assert_eq!(imported.header, expected.header, "{what}: 版头");
    assert_eq!(imported.recipients, expected.recipients, "{what}: 主送机关");
    assert_eq!(
        imported.signature, expected.signature,
        "{what}: 署名和成文日期"
    );
    assert_eq!(imported.note, expected.note, "{what}: 附注");
    assert_eq!(
        compose::plan_title(imported),
        compose::plan_title(expected),
        "{what}: 方案标题"
    );
    let (got, want) = (&imported.tasks, &expected.tasks);
    assert_eq!(got.layout, want.layout, "{what}: 活动安排的形式");
    assert_eq!(got.rows.len(), want.rows.len(), "{what}: 活动项数");
    for (i, (a, b)) in got.rows.iter().zip(&want.rows).enumerate() {
        assert_eq!(a.lead, b.lead, "{what}: 第{}项牵头部门", i + 1);
        assert_eq!(a.support, b.support, "{what}: 第{}项配合部门", i + 1);
        assert_eq!(a.time, b.time, "{what}: 第{}项活动时间", i + 1);
    }
    assert_eq!(
        (&got.lead_label, &got.support_label),
        (&want.lead_label, &want.support_label),
        "{what}: 部门的称谓"
    );
    let headings: Vec<(&str, &str)> = imported
        .sections
        .iter()
        .map(|s| (s.heading.as_str(), s.content.kind_label()))
        .collect();
    let expected_headings: Vec<(&str, &str)> = expected
        .sections
        .iter()
        .map(|s| (s.heading.as_str(), s.content.kind_label()))
        .collect();
    assert_eq!(headings, expected_headings, "{what}: 正文的部分");
    assert_eq!(comparable(imported), comparable(expected), "{what}: 全文");
}

/// Letters, digits and Chinese characters only: how a line is looked for
/// in the composed notice, whose punctuation and numbering are the app's.
fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Every non-empty input line is in the imported notice's text or in the
/// unrecognised list: each of its sentences, without its heading number.
fn assert_every_line_kept(input: &str, report: &ImportReport, what: &str) {
    let mut haystack: String = compose::blocks(&report.notice)
        .iter()
        .map(|b| letters(&b.text()))
        .collect();
    haystack.extend(report.unrecognised.iter().map(|l| letters(l)));
    haystack.extend(report.furniture.iter().map(|l| letters(l)));
    for line in input
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "|")
    {
        // The 附件 and 抄送 labels and list numbers are the writer's.
        let line = line
            .trim_start_matches("附件")
            .trim_start_matches("抄送")
            .trim_start_matches([':', '：']);
        for sentence in line.split('。') {
            let needle = letters(sentence);
            let needle = needle.trim_start_matches(|c: char| c.is_ascii_digit());
            if haystack.contains(needle) {
                continue;
            }
            // A contact taken out of a sentence is written with the app's
            // labels: each of its values is there.
            for clause in sentence.split(|c: char| ",，:：()（）".contains(c)) {
                let needle = letters(clause);
                let label = ["联系人", "联系电话", "电话", "邮箱"].contains(&needle.as_str());
                assert!(
                    label || haystack.contains(&needle),
                    "{what}: “{sentence}” is neither in the draft nor listed as unrecognised"
                );
            }
        }
    }
}

fn from_text(name: &str) -> ImportReport {
    let report = import_text(&sample_text(name));
    eprintln!(
        "{name} (text): {} lines, {} parts recognised, {} lines unrecognised, missing {:?}",
        report.lines,
        report.recognised.len(),
        report.unrecognised.len(),
        report.missing
    );
    report
}

#[test]
fn county_sample_from_text() {
    let report = from_text("county-plan-sections");
    let expected = fixture("county-plan-sections");
    assert_recovered(&report.notice, &expected, "county text");
    assert!(report.unrecognised.is_empty(), "{:?}", report.unrecognised);
    assert!(report.missing.is_empty(), "{:?}", report.missing);
    let tasks = &report.notice.tasks.rows;
    assert_eq!(tasks.len(), 11);
    // 牵头… and 配合… on one line.
    assert_eq!(tasks[7].lead, "经济执法局、法规股、知识产权保护办公室");
    assert_eq!(tasks[7].support, ["各市场监管所"]);
    assert_eq!(
        report.notice.header.doc_number.to_string(),
        "砀市监发〔2021〕12号"
    );
    assert_every_line_kept(&sample_text("county-plan-sections"), &report, "county text");
}

/// The city sample as the importer gives it: the contact written inside
/// its last requirement is taken out and listed as the notice's contact
/// (the report says so).
fn city_fixture_as_imported() -> Notice {
    let mut expected = fixture("city-plan-table");
    let inline = "(联系人:陈馨,联系电话:7898656)";
    for section in &mut expected.sections {
        if let SectionContent::Requirements { items } = &mut section.content {
            for item in items.iter_mut() {
                if item.text.contains(inline) {
                    item.text = item.text.replace(&format!("{inline}。"), "");
                    item.text = item.text.replace(inline, "");
                }
            }
        }
    }
    expected.contacts = vec![Contact {
        name: "陈馨".into(),
        phone: "7898656".into(),
        ..Contact::default()
    }];
    expected
}

#[test]
fn city_sample_from_text() {
    let report = from_text("city-plan-table");
    let mut expected = city_fixture_as_imported();
    assert!(
        report.normalised.iter().any(|n| n.contains("陈馨")),
        "{:?}",
        report.normalised
    );
    // The web page's text starts at the 主送机关: no title to recover.
    expected.title = None;
    assert_recovered(&report.notice, &expected, "city text");
    assert!(report.unrecognised.is_empty(), "{:?}", report.unrecognised);
    assert_eq!(report.missing, ["标题", "发文字号"]);
    let tasks = &report.notice.tasks.rows;
    assert_eq!(tasks.len(), 23);
    assert_eq!(tasks[14].support, Vec::<String>::new());
    assert_eq!(tasks[18].time, "9—12月");
    assert_eq!(tasks[6].lead, "质量安全监督管理股/消费者权益保护股");
    assert_eq!(
        report.notice.signature.date,
        DocDate::new(2020, 9, 8),
        "成文日期"
    );
    assert_every_line_kept(&sample_text("city-plan-table"), &report, "city text");
}

#[test]
fn both_samples_from_the_docx_this_app_exports() {
    for name in ["county-plan-sections", "city-plan-table"] {
        let report = import_docx(&exported(&fixture(name))).unwrap();
        let expected = if name == "city-plan-table" {
            city_fixture_as_imported()
        } else {
            fixture(name)
        };
        eprintln!(
            "{name} (docx): {} lines, {} parts recognised, {} lines unrecognised, missing {:?}",
            report.lines,
            report.recognised.len(),
            report.unrecognised.len(),
            report.missing
        );
        assert_recovered(&report.notice, &expected, name);
        assert_eq!(compose::title(&report.notice), compose::title(&expected));
        assert!(
            report.unrecognised.is_empty(),
            "{name}: {:?}",
            report.unrecognised
        );
    }
}

#[test]
fn web_noise_and_messy_punctuation() {
    let text = "扫一扫在手机上查看当前页面\n\
        【字体：大 中 小】\n\
        XX区市场监督管理局文件\n\
        X区市监〔2022〕 第003号\n\
        关于开展2022年“质量月”\n\
        活动的通知\n\
        各科室，各市场监督管理所:\n\
        为做好本年度“质量月”活动,现通知如下:\n\
        一、活动主题:推动质量变革创新 促进质量强国建设\n\
        二、活动内容\n\
        1、开展质量宣传进社区。在辖区设置宣传点。(质量科牵头,各所配合)\n\
        2. 开展计量检查(计量科)\n\
        三、工作要求\n\
        (一)高度重视。各单位要精心组织。\n\
        (二)务求实效。不得增加企业负担。\n\
        联系人:张三,电话:0000-1234567\n\
        附件:1.活动信息表\n\
        2.活动总结模板\n\
        XX区市场监督管理局\n\
        2022年8月30日\n\
        (此件公开发布)\n\
        抄送:区政府办公室。\n\
        XX区市场监督管理局办公室 2022年8月30日印发\n\
        打印本页 关闭窗口";
    let report = import_text(text);
    let n = &report.notice;
    assert_eq!(n.header.organs, ["XX区市场监督管理局"]);
    assert!(n.header.with_wenjian);
    assert_eq!(n.header.doc_number.to_string(), "X区市监〔2022〕3号");
    assert_eq!(compose::title(n), "关于开展2022年“质量月”活动的通知");
    assert_eq!(n.title, None, "the composed title is the same");
    assert_eq!(n.recipients, ["各科室，各市场监督管理所"]);
    assert_eq!(n.shape, NoticeShape::Direct);
    let kinds: Vec<&str> = n.sections.iter().map(|s| s.content.kind_label()).collect();
    assert_eq!(kinds, ["开头（依据）", "活动主题", "活动安排", "活动要求"]);
    assert_eq!(
        n.sections[1].content,
        SectionContent::Theme {
            theme: "推动质量变革创新 促进质量强国建设".into()
        }
    );
    assert_eq!(n.tasks.layout, TaskLayout::Items);
    assert_eq!(n.tasks.rows.len(), 2);
    assert_eq!(n.tasks.rows[0].name, "开展质量宣传进社区");
    assert_eq!(n.tasks.rows[0].description, "在辖区设置宣传点。");
    assert_eq!(n.tasks.rows[0].lead, "质量科");
    assert_eq!(n.tasks.rows[0].support, ["各所"]);
    assert_eq!(n.tasks.rows[1].lead, "计量科");
    assert_eq!(n.contacts.len(), 1);
    assert_eq!(n.contacts[0].phone, "0000-1234567");
    assert_eq!(n.attachments, ["活动信息表", "活动总结模板"]);
    assert_eq!(n.signature.date, DocDate::new(2022, 8, 30));
    assert_eq!(n.note, "此件公开发布");
    assert_eq!(n.imprint.cc, ["区政府办公室"]);
    assert_eq!(n.imprint.printer, "XX区市场监督管理局办公室");
    assert!(report.unrecognised.is_empty(), "{:?}", report.unrecognised);
    assert_eq!(
        report.furniture,
        [
            "扫一扫在手机上查看当前页面",
            "【字体：大 中 小】",
            "打印本页 关闭窗口"
        ]
    );
    // The 发文字号 is normalised (第003号 → 3号); every other line is kept.
    let others = text.replace("X区市监〔2022〕 第003号\n", "");
    assert_every_line_kept(&others, &report, "messy");
}

#[test]
fn text_that_is_not_a_notice_is_kept_as_text() {
    let text = "今天天气很好。\n我们去公园散步\n\n随便写写：\n1.第一点\n2.第二点";
    let report = import_text(text);
    assert_every_line_kept(text, &report, "not a notice");
    assert!(report.missing.contains(&"标题".to_owned()));
    let report = import_text("");
    assert!(report.notice.sections.is_empty() && report.unrecognised.is_empty());
}

#[test]
fn bad_docx_inputs_are_refused_with_messages() {
    let good = exported(&fixture("county-plan-sections"));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "random bytes",
            (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect(),
            "不是 Word 文档",
        ),
        ("truncated", good[..good.len() / 2].to_vec(), "损坏"),
        (
            "plain text",
            "关于开展活动的通知".as_bytes().to_vec(),
            "不是 Word 文档",
        ),
        ("empty", Vec::new(), "空"),
    ];
    for (what, bytes, expected) in cases {
        let message = import_docx(&bytes).expect_err(what);
        assert!(message.contains(expected), "{what}: {message}");
    }
}

/// A small deterministic generator, to mix the tokens notices are made of.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

#[test]
fn random_text_never_panics() {
    const TOKENS: &[&str] = &[
        "一、",
        "（一）",
        "(二)",
        "1.",
        "2、",
        "（3）",
        "①",
        "|",
        "｜",
        "\t",
        "：",
        ":",
        "。",
        "，",
        "、",
        "（",
        "）",
        "(",
        ")",
        "“",
        "”",
        "〔2021〕",
        "[2020]",
        "12号",
        "第003号",
        "2021年",
        "9月6日",
        "二〇二一年九月六日",
        "关于",
        "印发",
        "通知",
        "方案",
        "活动",
        "各股室",
        "某某县市场监督管理局",
        "文件",
        "牵头部门",
        "配合责任部门",
        "活动时间",
        "活动地点",
        "联系人",
        "电话",
        "邮箱",
        "附件",
        "抄送",
        "印发",
        "此件公开发布",
        "质量股",
        "主题",
        "要求",
        "\u{200b}",
        "\u{3000}",
        " ",
        "é",
        "𠀀",
        "\r",
        "\n",
        "\n",
        "\n",
        "序号",
        "活动内容",
        "打印本页",
    ];
    let mut rng = Lcg(7);
    for _ in 0..3000 {
        let len = rng.next(60);
        let text: String = (0..len).map(|_| TOKENS[rng.next(TOKENS.len())]).collect();
        let report = import_text(&text);
        // Whatever it made of it still composes and exports.
        compose::blocks(&report.notice);
        assert!(
            report.unrecognised.len() <= report.lines.max(1) * 8,
            "{text:?}"
        );
    }
}

#[test]
fn hostile_text_is_read_in_linear_time() {
    let mut text = String::new();
    text.push_str(&"：".repeat(200_000));
    text.push('\n');
    for i in 0..20_000 {
        text.push_str(if i % 3 == 0 { "|\n" } else { "一\n" });
    }
    for i in 0..20_000 {
        text.push_str(&format!(
            "（{}）牵头部门：质量股{i}。\n2021年9月6日\n",
            i % 10
        ));
    }
    let start = std::time::Instant::now();
    let report = import_text(&text);
    let elapsed = start.elapsed();
    assert!(elapsed.as_secs() < 20, "{elapsed:?}");
    assert!(report.lines > 60_000);
}

/// A .docx written by hand, one paragraph per line: the sample as a user
/// gets it by pasting the web page into Word and saving.
fn docx_of_lines(text: &str) -> Vec<u8> {
    use std::io::Write;
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let body: String = text
        .lines()
        .map(|l| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escape(l)
            )
        })
        .collect();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

#[test]
fn both_samples_pasted_into_word() {
    for name in ["county-plan-sections", "city-plan-table"] {
        let text = sample_text(name);
        let from_docx = import_docx(&docx_of_lines(&text)).unwrap();
        let from_text = import_text(&text);
        assert_eq!(from_docx.notice, from_text.notice, "{name}");
        assert_eq!(from_docx.unrecognised, from_text.unrecognised, "{name}");
    }
}

/// The exported files opened and saved again by LibreOffice (a .docx from
/// another writer). Needs LibreOffice: `cargo test --test import_samples --
/// --ignored`.
#[test]
#[ignore]
fn both_samples_resaved_by_libreoffice() {
    let dir = std::env::temp_dir().join(format!("notice-import-lo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("odt")).unwrap();
    std::fs::create_dir_all(dir.join("docx")).unwrap();
    for name in ["county-plan-sections", "city-plan-table"] {
        let expected = fixture(name);
        let original = dir.join(format!("{name}.docx"));
        std::fs::write(&original, exported(&expected)).unwrap();
        let convert = |to: &str, out: &std::path::Path, input: &std::path::Path| {
            let status = std::process::Command::new("soffice")
                .args(["--headless", "--convert-to", to, "--outdir"])
                .arg(out)
                .arg(input)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .expect("LibreOffice (soffice) is needed");
            assert!(status.success());
        };
        convert("odt", &dir.join("odt"), &original);
        convert(
            "docx:MS Word 2007 XML",
            &dir.join("docx"),
            &dir.join("odt").join(format!("{name}.odt")),
        );
        let bytes = std::fs::read(dir.join("docx").join(format!("{name}.docx"))).unwrap();
        let report = import_docx(&bytes).unwrap();
        let expected = match name {
            "city-plan-table" => city_fixture_as_imported(),
            _ => expected,
        };
        assert_recovered(
            &report.notice,
            &expected,
            &format!("{name} via LibreOffice"),
        );
        assert!(report.unrecognised.is_empty(), "{:?}", report.unrecognised);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_notice_without_recipients_starts_its_body_at_the_first_sentence() {
    let text = "关于开展2023年“质量月”活动的通知\n为做好本年度活动，现通知如下：\n一、活动时间\n2023年9月\n某某县市场监督管理局\n2023年8月20日";
    let report = import_text(text);
    let n = &report.notice;
    assert!(report.unrecognised.is_empty(), "{:?}", report.unrecognised);
    assert_eq!(report.missing, ["发文字号", "主送机关"]);
    assert_eq!(
        n.sections[0].content,
        SectionContent::Preamble {
            paragraphs: vec!["为做好本年度活动，现通知如下：".into()]
        }
    );
    assert_eq!(
        n.sections[1].content,
        SectionContent::Time {
            text: "2023年9月".into()
        }
    );
    assert_eq!(n.signature.organs, ["某某县市场监督管理局"]);
    assert_eq!(n.campaign.year, Some(2023));
}
