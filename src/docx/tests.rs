//! XML-level checks of the package. Rendering checks (LibreOffice) live in
//! tests/render.rs.

use super::*;
use crate::core::*;
use std::io::{Cursor, Read};

fn sample() -> Notice {
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
                heading: "活动安排".into(),
                content: SectionContent::Tasks {
                    intro: String::new(),
                },
            },
        ],
        tasks: TaskList {
            rows: vec![TaskRow {
                name: "开展计量专项检查".into(),
                time: "9月".into(),
                lead: "标准计量股".into(),
                support: vec!["市场监督检验所".into()],
                ..TaskRow::default()
            }],
            ..TaskList::default()
        },
        signature: Signature {
            organs: vec!["砀山县市场监督管理局".into()],
            date: DocDate::new(2021, 9, 6),
            ..Signature::default()
        },
        ..Notice::default()
    }
}

fn meta() -> DocumentMeta {
    DocumentMeta::at("2021-09-06T08:00:00Z")
}

/// Every part of the package, by name.
fn parts(bytes: &[u8]) -> Vec<(String, zip::CompressionMethod, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            (entry.name().to_owned(), entry.compression(), text)
        })
        .collect()
}

fn part(bytes: &[u8], name: &str) -> String {
    parts(bytes)
        .into_iter()
        .find(|(n, _, _)| n == name)
        .unwrap_or_else(|| panic!("no part {name}"))
        .2
}

#[test]
fn every_part_is_deflated_and_well_formed() {
    let bytes = export_docx(&sample(), &meta()).unwrap();
    let parts = parts(&bytes);
    assert!(parts.iter().any(|(n, _, _)| n == "word/document.xml"));
    for (name, method, text) in parts {
        assert_eq!(method, zip::CompressionMethod::Deflated, "{name}");
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn page_is_a4_with_the_standard_margins() {
    let doc = part(
        &export_docx(&sample(), &meta()).unwrap(),
        "word/document.xml",
    );
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "{doc}");
    for margin in [
        r#"w:top="2098""#,
        r#"w:bottom="1984""#,
        r#"w:left="1587""#,
        r#"w:right="1474""#,
    ] {
        assert!(doc.contains(margin), "missing {margin}");
    }
}

#[test]
fn title_is_erhao_xiaobiaosong_and_body_sanhao_fangsong_in_the_east_asian_slot() {
    let doc = part(
        &export_docx(&sample(), &meta()).unwrap(),
        "word/document.xml",
    );
    let xml = roxmltree::Document::parse(&doc).unwrap();
    let run_of = |needle: &str| {
        xml.descendants()
            .find(|n| n.has_tag_name("r") && n.descendants().any(|t| t.text() == Some(needle)))
            .unwrap_or_else(|| panic!("no run with {needle}"))
    };
    let attr = |run: roxmltree::Node, tag: &str, name: &str| {
        run.descendants()
            .find(|n| n.has_tag_name(tag))
            .and_then(|n| {
                n.attributes()
                    .find(|a| a.name() == name)
                    .map(|a| a.value().to_owned())
            })
    };
    let title = run_of("关于开展2021年“质量月”活动的通知");
    assert_eq!(attr(title, "sz", "val").as_deref(), Some("44"));
    assert_eq!(
        attr(title, "rFonts", "eastAsia").as_deref(),
        Some("方正小标宋简体")
    );
    assert_eq!(attr(title, "rFonts", "hint").as_deref(), Some("eastAsia"));
    let body = run_of("为开展好2021年“质量月”活动，特制定本方案。");
    assert_eq!(attr(body, "sz", "val").as_deref(), Some("32"));
    assert_eq!(
        attr(body, "rFonts", "eastAsia").as_deref(),
        Some("仿宋_GB2312")
    );
    let organ = run_of("砀山县市场监督管理局");
    assert_eq!(attr(organ, "color", "val").as_deref(), Some("FF0000"));
}

#[test]
fn control_characters_never_reach_the_file() {
    let mut notice = sample();
    notice.title = Some("标题\u{0}\u{1}\u{FFFF}<script>&".into());
    notice.sections[0].content = SectionContent::Preamble {
        paragraphs: vec!["正文\u{b}第二行".into()],
    };
    notice.tasks.rows[0].name = "任务\n第二行".into();
    let bytes = export_docx(&notice, &meta()).unwrap();
    for (name, _, text) in parts(&bytes) {
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let doc = part(&bytes, "word/document.xml");
    assert!(doc.contains("标题&lt;script&gt;&amp;"));
    // The line break inside a paragraph survives as a break, not lost.
    assert!(doc.contains("正文第二行</w:t>"), "{doc}");
    assert!(doc.contains("第二行</w:t>"), "{doc}");
    assert!(doc.contains("<w:br"));
}

#[test]
fn core_properties_name_the_title_the_organ_and_real_times() {
    let bytes = export_docx(&sample(), &meta()).unwrap();
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>关于开展2021年“质量月”活动的通知</dc:title>"));
    assert!(core.contains("<dc:creator>砀山县市场监督管理局</dc:creator>"));
    assert!(core.contains("2021-09-06T08:00:00Z"));
    assert!(!core.contains("1970"));
}

#[test]
fn the_red_rule_is_a_bottom_border_only() {
    let doc = part(
        &export_docx(&sample(), &meta()).unwrap(),
        "word/document.xml",
    );
    let xml = roxmltree::Document::parse(&doc).unwrap();
    let borders = xml
        .descendants()
        .find(|n| n.has_tag_name("pBdr"))
        .expect("the 发文字号 paragraph has a border");
    let edges: Vec<&str> = borders
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(edges, ["bottom"]);
}

#[test]
fn the_task_table_has_a_grid_and_a_width_on_every_cell() {
    let doc = part(
        &export_docx(&sample(), &meta()).unwrap(),
        "word/document.xml",
    );
    let xml = roxmltree::Document::parse(&doc).unwrap();
    let grid: Vec<u32> = xml
        .descendants()
        .filter(|n| n.has_tag_name("gridCol"))
        .map(|n| n.attributes().next().unwrap().value().parse().unwrap())
        .collect();
    assert_eq!(grid.iter().sum::<u32>(), crate::core::gbt9704::TEXT_WIDTH);
    let cells = xml.descendants().filter(|n| n.has_tag_name("tc")).count();
    let widths = xml
        .descendants()
        .filter(|n| n.has_tag_name("tc"))
        .filter(|n| n.descendants().any(|w| w.has_tag_name("tcW")))
        .count();
    assert_eq!(cells, 10);
    assert_eq!(widths, cells);
}

#[test]
fn file_name_is_the_sanitised_title() {
    let mut notice = sample();
    assert_eq!(file_name(&notice), "关于开展2021年“质量月”活动的通知.docx");
    notice.title = Some("a/b:c?\u{0}".into());
    assert_eq!(file_name(&notice), "a_b_c_.docx");
    notice.title = Some("...".into());
    assert_eq!(file_name(&notice), "通知.docx");
}

#[test]
fn the_task_table_header_repeats_on_every_page() {
    let doc = part(
        &export_docx(&sample(), &meta()).unwrap(),
        "word/document.xml",
    );
    let xml = roxmltree::Document::parse(&doc).unwrap();
    let rows: Vec<_> = xml.descendants().filter(|n| n.has_tag_name("tr")).collect();
    let repeats = |row: &roxmltree::Node| row.descendants().any(|n| n.has_tag_name("tblHeader"));
    assert!(repeats(&rows[0]));
    assert!(rows[1..].iter().all(|r| !repeats(r)));
}

#[test]
fn the_common_font_setting_swaps_the_gb2312_faces() {
    let mut meta = meta();
    meta.fonts = FontSet::COMMON;
    let doc = part(&export_docx(&sample(), &meta).unwrap(), "word/document.xml");
    assert!(!doc.contains("仿宋_GB2312"));
    assert!(doc.contains(r#"w:eastAsia="仿宋""#));
}
