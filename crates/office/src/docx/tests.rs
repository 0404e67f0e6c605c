//! XML-level checks of the package. Rendering checks (LibreOffice) live in
//! tests/render.rs.

use super::*;
use notice_core::*;
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
    assert_eq!(grid.iter().sum::<u32>(), notice_core::gbt9704::TEXT_WIDTH);
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

/// The sample with a 版记 and `paragraphs` more full body paragraphs.
fn with_imprint(paragraphs: usize) -> Notice {
    let mut notice = sample();
    notice.sections[0].content = SectionContent::Preamble {
        paragraphs: (0..=paragraphs)
            .map(|_| "质量强国建设深入推进".repeat(11))
            .collect(),
    };
    notice.imprint = Imprint {
        cc: vec!["县委办".into(), "县政府办".into()],
        printer: "砀山县市场监督管理局办公室".into(),
        print_date: DocDate::new(2021, 9, 6),
    };
    notice
}

fn placement(notice: &Notice) -> notice_core::pagination::ImprintPlacement {
    notice_core::pagination::paginate(&notice_core::compose::blocks(notice)).imprint
}

/// The attribute `name` (any namespace) of a node.
fn attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name(name))
}

#[test]
fn styles_name_the_body_the_title_four_heading_levels_the_table_and_the_imprint() {
    let bytes = export_docx(&sample(), &meta()).unwrap();
    let styles = part(&bytes, "word/styles.xml");
    let xml = roxmltree::Document::parse(&styles).unwrap();
    let style = |id: &str| {
        xml.descendants()
            .find(|n| n.has_tag_name("style") && attr(*n, "styleId") == Some(id))
            .unwrap_or_else(|| panic!("no style {id}"))
    };
    let name = |id: &str| {
        attr(child(style(id), "name").unwrap(), "val")
            .unwrap()
            .to_owned()
    };
    // Word's built-ins, shown as 正文 and 标题 in Chinese Word and WPS.
    assert_eq!(name("Normal"), "Normal");
    assert_eq!(attr(style("Normal"), "default"), Some("1"));
    assert_eq!(name("Title"), "Title");
    for (id, expected) in [
        ("HeadingLevel1", "一级标题"),
        ("HeadingLevel2", "二级标题"),
        ("HeadingLevel3", "三级标题"),
        ("HeadingLevel4", "四级标题"),
        ("TableText", "表格"),
        ("Imprint", "版记"),
    ] {
        assert_eq!(name(id), expected);
    }
    // The body style carries the grid: 579-twip exact lines, 三号, -5
    // spacing, first line indented two characters, widow control off.
    let normal = style("Normal");
    let spacing = normal
        .descendants()
        .find(|n| n.has_tag_name("spacing") && attr(*n, "line").is_some())
        .unwrap();
    assert_eq!(attr(spacing, "line"), Some("579"));
    assert_eq!(attr(spacing, "lineRule"), Some("exact"));
    let ind = normal
        .descendants()
        .find(|n| n.has_tag_name("ind"))
        .unwrap();
    assert_eq!(attr(ind, "firstLine"), Some("640"));
    assert!(styles.contains(r#"<w:widowControl w:val="0"/>"#));
    let sz = |id: &str| {
        attr(
            style(id)
                .descendants()
                .find(|n| n.has_tag_name("sz"))
                .unwrap(),
            "val",
        )
        .unwrap()
        .to_owned()
    };
    assert_eq!(sz("Normal"), "32");
    assert_eq!(sz("Title"), "44");
    assert_eq!(sz("TableText"), "28");
    // Headings are outline levels 1 to 4 (navigation pane, table of
    // contents) in 黑体, 楷体, 仿宋, 仿宋.
    for (level, font) in [
        (0, "黑体"),
        (1, "楷体_GB2312"),
        (2, "仿宋_GB2312"),
        (3, "仿宋_GB2312"),
    ] {
        let heading = style(&format!("HeadingLevel{}", level + 1));
        let outline = heading
            .descendants()
            .find(|n| n.has_tag_name("outlineLvl"))
            .unwrap();
        assert_eq!(attr(outline, "val"), Some(level.to_string().as_str()));
        let fonts = heading
            .descendants()
            .find(|n| n.has_tag_name("rFonts"))
            .unwrap();
        assert_eq!(attr(fonts, "eastAsia"), Some(font));
        assert_eq!(
            attr(child(heading, "basedOn").unwrap(), "val"),
            Some("Normal")
        );
    }
    // Simplified Chinese as the East Asian language.
    assert!(styles.contains(r#"w:eastAsia="zh-CN""#));
}

#[test]
fn paragraphs_reference_existing_styles_and_repeat_their_formatting() {
    let bytes = export_docx(&sample(), &meta()).unwrap();
    let styles = part(&bytes, "word/styles.xml");
    let doc = part(&bytes, "word/document.xml");
    let xml = roxmltree::Document::parse(&doc).unwrap();
    let style_of = |needle: &str| {
        let paragraph = xml
            .descendants()
            .find(|n| {
                n.has_tag_name("p")
                    && n.descendants().any(|t| {
                        t.has_tag_name("t") && t.text().is_some_and(|s| s.contains(needle))
                    })
            })
            .unwrap_or_else(|| panic!("no paragraph with {needle}"));
        let style = paragraph
            .descendants()
            .find(|n| n.has_tag_name("pStyle"))
            .unwrap_or_else(|| panic!("the paragraph with {needle} names no style"));
        attr(style, "val").unwrap().to_owned()
    };
    assert_eq!(style_of("关于开展2021年"), "Title");
    assert_eq!(style_of("为开展好2021年"), "Normal");
    assert_eq!(style_of("一、活动安排"), "HeadingLevel1");
    assert_eq!(style_of("开展计量专项检查"), "TableText");
    // Every style referenced exists.
    for node in xml.descendants().filter(|n| n.has_tag_name("pStyle")) {
        let id = attr(node, "val").unwrap();
        assert!(
            styles.contains(&format!(r#"w:styleId="{id}""#)),
            "{id} is not in styles.xml"
        );
    }
    // Body runs carry the style's values directly as well.
    let body_run = xml
        .descendants()
        .find(|n| {
            n.has_tag_name("r")
                && n.descendants()
                    .any(|t| t.text() == Some("为开展好2021年“质量月”活动，特制定本方案。"))
        })
        .unwrap();
    let spacing = body_run
        .descendants()
        .find(|n| n.has_tag_name("spacing"))
        .unwrap();
    assert_eq!(attr(spacing, "val"), Some("-5"));
}

#[test]
fn second_third_and_fourth_level_paragraphs_get_their_heading_styles() {
    let mut notice = sample();
    notice.sections.push(Section {
        id: 3,
        heading: "活动要求".into(),
        content: SectionContent::Text {
            blocks: vec![
                TextBlock {
                    level: Level::Second,
                    text: "加强组织领导".into(),
                },
                TextBlock {
                    level: Level::Third,
                    text: "明确分工".into(),
                },
                TextBlock {
                    level: Level::Fourth,
                    text: "落实到人".into(),
                },
                TextBlock {
                    level: Level::Body,
                    text: "（此段不是标题）".into(),
                },
            ],
        },
    });
    let doc = part(&export_docx(&notice, &meta()).unwrap(), "word/document.xml");
    let xml = roxmltree::Document::parse(&doc).unwrap();
    let style_of = |needle: &str| {
        let p = xml
            .descendants()
            .find(|n| {
                n.has_tag_name("p")
                    && n.descendants().any(|t| {
                        t.has_tag_name("t") && t.text().is_some_and(|s| s.contains(needle))
                    })
            })
            .unwrap();
        attr(
            p.descendants().find(|n| n.has_tag_name("pStyle")).unwrap(),
            "val",
        )
        .unwrap()
        .to_owned()
    };
    assert_eq!(style_of("加强组织领导"), "HeadingLevel2");
    assert_eq!(style_of("明确分工"), "HeadingLevel3");
    assert_eq!(style_of("落实到人"), "HeadingLevel4");
    assert_eq!(style_of("此段不是标题"), "Normal");
}

#[test]
fn odd_and_even_footers_carry_a_page_field_between_dashes() {
    let bytes = export_docx(&sample(), &meta()).unwrap();
    let settings = part(&bytes, "word/settings.xml");
    assert!(settings.contains("<w:evenAndOddHeaders"), "{settings}");
    let doc = part(&bytes, "word/document.xml");
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    let types = part(&bytes, "[Content_Types].xml");
    let xml = roxmltree::Document::parse(&doc).unwrap();
    let sections: Vec<_> = xml
        .descendants()
        .filter(|n| n.has_tag_name("sectPr"))
        .collect();
    // Without a 版记 the notice is one section.
    assert_eq!(sections.len(), 1);
    let margins = child(sections[0], "pgMar").unwrap();
    assert_eq!(attr(margins, "footer"), Some("1440"));
    let footer_of = |kind: &str| {
        let reference = sections[0]
            .children()
            .find(|n| n.has_tag_name("footerReference") && attr(*n, "type") == Some(kind))
            .unwrap_or_else(|| panic!("no {kind} footer"));
        let id = attr(reference, "id").unwrap();
        let rels = roxmltree::Document::parse(&rels).unwrap();
        let target = rels
            .descendants()
            .find(|n| attr(*n, "Id") == Some(id))
            .and_then(|n| attr(n, "Target"))
            .unwrap_or_else(|| panic!("no relationship {id}"))
            .to_owned();
        assert!(
            types.contains(&format!("/word/{target}")),
            "{target} has no content type"
        );
        part(&bytes, &format!("word/{target}"))
    };
    for (kind, align, side) in [("default", "right", "right"), ("even", "left", "left")] {
        let footer = footer_of(kind);
        let xml = roxmltree::Document::parse(&footer).unwrap();
        let jc = xml.descendants().find(|n| n.has_tag_name("jc")).unwrap();
        assert_eq!(attr(jc, "val"), Some(align), "{kind}");
        let ind = xml.descendants().find(|n| n.has_tag_name("ind")).unwrap();
        assert_eq!(attr(ind, side), Some("280"), "{kind}: one 四号 character");
        let kinds: Vec<&str> = xml
            .descendants()
            .filter(|n| n.has_tag_name("fldChar"))
            .map(|n| attr(n, "fldCharType").unwrap())
            .collect();
        assert_eq!(kinds, ["begin", "separate", "end"]);
        let instruction = xml
            .descendants()
            .find(|n| n.has_tag_name("instrText"))
            .unwrap();
        assert_eq!(instruction.text().map(str::trim), Some("PAGE"));
        let texts: Vec<&str> = xml
            .descendants()
            .filter(|n| n.has_tag_name("t"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(texts.first(), Some(&"— "));
        assert_eq!(texts.last(), Some(&" —"));
        for run in xml.descendants().filter(|n| n.has_tag_name("r")) {
            let sz = run.descendants().find(|n| n.has_tag_name("sz")).unwrap();
            assert_eq!(attr(sz, "val"), Some("28"), "四号");
            let fonts = run
                .descendants()
                .find(|n| n.has_tag_name("rFonts"))
                .unwrap();
            assert_eq!(attr(fonts, "eastAsia"), Some("宋体"));
            assert_eq!(attr(fonts, "ascii"), Some("宋体"));
            assert_eq!(attr(fonts, "hint"), Some("eastAsia"));
        }
    }
}

/// A section: its footer references (type, id), whether it has a title
/// page, and its section type.
type SectionFacts = (Vec<(String, String)>, bool, Option<String>);

fn sections(bytes: &[u8]) -> Vec<SectionFacts> {
    let doc = part(bytes, "word/document.xml");
    let xml = roxmltree::Document::parse(&doc).unwrap();
    xml.descendants()
        .filter(|n| n.has_tag_name("sectPr"))
        .map(|s| {
            let refs = s
                .children()
                .filter(|n| n.has_tag_name("footerReference"))
                .map(|n| {
                    (
                        attr(n, "type").unwrap().to_owned(),
                        attr(n, "id").unwrap().to_owned(),
                    )
                })
                .collect();
            let title_pg = child(s, "titlePg").is_some();
            let kind = child(s, "type")
                .and_then(|n| attr(n, "val"))
                .map(str::to_owned);
            (refs, title_pg, kind)
        })
        .collect()
}

fn footer_text(bytes: &[u8], id: &str) -> String {
    let rels = part(bytes, "word/_rels/document.xml.rels");
    let rels = roxmltree::Document::parse(&rels).unwrap();
    let target = rels
        .descendants()
        .find(|n| attr(*n, "Id") == Some(id))
        .and_then(|n| attr(n, "Target"))
        .unwrap();
    let footer = part(bytes, &format!("word/{target}"));
    roxmltree::Document::parse(&footer)
        .unwrap()
        .descendants()
        .filter(|n| n.has_tag_name("t") || n.has_tag_name("instrText"))
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn an_imprint_page_of_its_own_is_a_last_section_without_page_numbers() {
    use notice_core::pagination::ImprintPlacement;
    // Find bodies ending on an odd page, and on a full even page.
    let next = (0..40)
        .map(with_imprint)
        .find(|n| placement(n) == ImprintPlacement::NextPage)
        .expect("a body ending on an odd page");
    let bytes = export_docx(&next, &meta()).unwrap();
    let found = sections(&bytes);
    assert_eq!(found.len(), 2, "{found:?}");
    let (body, body_title_pg, _) = &found[0];
    assert!(!body_title_pg);
    let default = &body.iter().find(|(t, _)| t == "default").unwrap().1;
    let even = &body.iter().find(|(t, _)| t == "even").unwrap().1;
    assert_eq!(footer_text(&bytes, default), "— PAGE1 —");
    assert_eq!(footer_text(&bytes, even), "— PAGE1 —");
    // The 版记's section: one page, whose (first-page) footer is empty, and
    // marked to start on an even page for Word and WPS.
    let (last, title_pg, kind) = &found[1];
    assert!(title_pg);
    assert_eq!(kind.as_deref(), Some("evenPage"));
    let first = &last.iter().find(|(t, _)| t == "first").unwrap().1;
    assert_eq!(footer_text(&bytes, first), "");
    // The body's section ends in its last paragraph (no empty paragraph
    // that could spill onto a page of its own).
    let doc = part(&bytes, "word/document.xml");
    let xml = roxmltree::Document::parse(&doc).unwrap();
    let carrier = xml
        .descendants()
        .find(|n| n.has_tag_name("sectPr") && n.parent().is_some_and(|p| p.has_tag_name("pPr")))
        .unwrap()
        .parent()
        .unwrap()
        .parent()
        .unwrap();
    assert!(carrier
        .descendants()
        .any(|n| n.has_tag_name("t") && n.text() == Some("2021年9月6日")));
    // The 版记 floats at the foot of the page, anchored to the page's left
    // edge at the block's left edge.
    let position = xml
        .descendants()
        .find(|n| n.has_tag_name("tblpPr"))
        .unwrap();
    assert_eq!(attr(position, "vertAnchor"), Some("margin"));
    assert_eq!(attr(position, "tblpYSpec"), Some("bottom"));
    assert_eq!(attr(position, "horzAnchor"), Some("page"));
    assert_eq!(attr(position, "tblpX"), Some("1587"));

    let blank = (0..60)
        .map(with_imprint)
        .find(|n| placement(n) == ImprintPlacement::AfterBlankPage)
        .expect("a body ending at the foot of an even page");
    let found = sections(&export_docx(&blank, &meta()).unwrap());
    assert_eq!(found.len(), 3, "{found:?}");
    // The blank page: its own one-page section with the empty first footer.
    assert!(found[1].1);
    assert!(found[1].0.iter().any(|(t, _)| t == "first"));
    assert!(found[2].1);
}

#[test]
fn an_imprint_that_fits_floats_at_the_foot_of_the_last_page_in_the_one_section() {
    use notice_core::pagination::ImprintPlacement;
    let shared = (0..40)
        .map(with_imprint)
        .find(|n| placement(n) == ImprintPlacement::LastBodyPage)
        .expect("a body ending early on an even page");
    let bytes = export_docx(&shared, &meta()).unwrap();
    let found = sections(&bytes);
    assert_eq!(found.len(), 1);
    assert!(!found[0].1, "no blank first-page footer");
    let doc = part(&bytes, "word/document.xml");
    assert!(doc.contains("w:tblpYSpec=\"bottom\""));
    // §7.4: thick first and last rules, a thin one between.
    let xml = roxmltree::Document::parse(&doc).unwrap();
    let table = xml
        .descendants()
        .find(|n| n.has_tag_name("tbl") && n.descendants().any(|d| d.has_tag_name("tblpPr")))
        .unwrap();
    let borders = table
        .descendants()
        .find(|n| n.has_tag_name("tblBorders"))
        .unwrap();
    let size = |edge: &str| {
        attr(child(borders, edge).unwrap(), "sz")
            .unwrap()
            .to_owned()
    };
    assert_eq!(size("top"), "8");
    assert_eq!(size("bottom"), "8");
    assert_eq!(size("insideH"), "6");
    let text: String = table
        .descendants()
        .filter(|n| n.has_tag_name("t"))
        .filter_map(|n| n.text())
        .collect();
    assert!(text.contains("抄送：县委办、县政府办。"), "{text}");
    assert!(text.contains("2021年9月6日印发"));
}

#[test]
fn the_attached_plan_starts_with_a_page_break_before_not_a_break_run() {
    let mut notice = sample();
    notice.shape = NoticeShape::IssuesPlan;
    notice.cover_body = vec!["现将方案印发给你们，请认真贯彻执行。".into()];
    let doc = part(&export_docx(&notice, &meta()).unwrap(), "word/document.xml");
    assert!(doc.contains("<w:pageBreakBefore"), "{doc}");
    assert!(!doc.contains(r#"w:type="page""#));
}

#[test]
fn only_the_task_table_header_repeats_and_no_task_row_breaks_across_pages() {
    let mut notice = with_imprint(0);
    notice.header.organs = vec!["砀山县市场监督管理局".into(), "砀山县教育局".into()];
    notice.header.with_wenjian = true;
    notice.tasks.rows = (0..5).map(|_| notice.tasks.rows[0].clone()).collect();
    let doc = part(&export_docx(&notice, &meta()).unwrap(), "word/document.xml");
    let xml = roxmltree::Document::parse(&doc).unwrap();
    let tables: Vec<_> = xml
        .descendants()
        .filter(|n| n.has_tag_name("tbl"))
        .collect();
    // The 标志, the task table and the 版记.
    assert_eq!(tables.len(), 3);
    let rows = |t: &roxmltree::Node| -> Vec<(bool, bool)> {
        t.children()
            .filter(|n| n.has_tag_name("tr"))
            .map(|r| {
                (
                    r.descendants().any(|n| n.has_tag_name("tblHeader")),
                    r.descendants().any(|n| n.has_tag_name("cantSplit")),
                )
            })
            .collect()
    };
    let task = rows(&tables[1]);
    assert_eq!(task.len(), 6);
    assert_eq!(task[0], (true, true));
    assert!(task[1..].iter().all(|&r| r == (false, true)), "{task:?}");
    for other in [&tables[0], &tables[2]] {
        assert!(rows(other).iter().all(|&r| r == (false, false)));
    }
    assert_eq!(package::repeat_header_rows("<w:p/>"), "<w:p/>");
}

/// Notices of every shape the writer draws differently: the sample, the
/// six templates in both font sets, a joint 文件 notice (the 标志 as a
/// table) and 版记 on its own page.
fn shapes() -> Vec<(String, Notice, DocumentMeta)> {
    let mut out = vec![
        ("sample".to_owned(), sample(), meta()),
        ("imprint page".to_owned(), with_imprint(40), meta()),
    ];
    for template in notice_core::templates::TEMPLATES {
        for fonts in [FontSet::STANDARD, FontSet::COMMON] {
            let meta = DocumentMeta { fonts, ..meta() };
            out.push((template.id.to_owned(), (template.notice)(2024), meta));
        }
    }
    let mut joint = sample();
    joint.header.organs = vec!["砀山县市场监督管理局".into(), "砀山县教育局".into()];
    joint.header.with_wenjian = true;
    out.push(("joint".to_owned(), joint, meta()));
    out
}

fn twips(node: roxmltree::Node, name: &str) -> Option<u32> {
    attr(node, name).and_then(|v| v.parse().ok())
}

#[test]
fn every_table_agrees_on_its_widths_in_grid_table_and_cells() {
    for (name, notice, meta) in shapes() {
        let doc = part(&export_docx(&notice, &meta).unwrap(), "word/document.xml");
        let xml = roxmltree::Document::parse(&doc).unwrap();
        for table in xml.descendants().filter(|n| n.has_tag_name("tbl")) {
            let grid: Vec<u32> = child(table, "tblGrid")
                .expect("a grid")
                .children()
                .filter(|n| n.has_tag_name("gridCol"))
                .map(|n| twips(n, "w").expect("a grid column width"))
                .collect();
            let properties = child(table, "tblPr").unwrap();
            let table_width = twips(child(properties, "tblW").unwrap(), "w").unwrap();
            assert_eq!(
                table_width,
                grid.iter().sum::<u32>(),
                "{name}: tblW ≠ Σ gridCol"
            );
            let layout = child(properties, "tblLayout").and_then(|n| attr(n, "type"));
            assert_eq!(layout, Some("fixed"), "{name}: fixed layout");
            for row in table.children().filter(|n| n.has_tag_name("tr")) {
                let mut column = 0;
                for cell in row.children().filter(|n| n.has_tag_name("tc")) {
                    let cell_properties = child(cell, "tcPr").unwrap();
                    let span = child(cell_properties, "gridSpan")
                        .and_then(|n| twips(n, "val"))
                        .unwrap_or(1) as usize;
                    let width = twips(child(cell_properties, "tcW").unwrap(), "w").unwrap();
                    let spanned: u32 = grid[column..column + span].iter().sum();
                    assert_eq!(width, spanned, "{name}: tcW ≠ its grid columns");
                    column += span;
                }
                assert_eq!(column, grid.len(), "{name}: a row fills the grid");
            }
        }
    }
}

#[test]
fn no_exact_line_in_a_table_is_lower_than_its_text() {
    for (name, notice, meta) in shapes() {
        let doc = part(&export_docx(&notice, &meta).unwrap(), "word/document.xml");
        let xml = roxmltree::Document::parse(&doc).unwrap();
        for paragraph in xml
            .descendants()
            .filter(|n| n.has_tag_name("p"))
            .filter(|p| p.ancestors().any(|a| a.has_tag_name("tc")))
        {
            let spacing = paragraph
                .descendants()
                .find(|n| n.has_tag_name("spacing") && n.parent().unwrap().has_tag_name("pPr"));
            let Some(spacing) = spacing.filter(|s| attr(*s, "lineRule") == Some("exact")) else {
                continue;
            };
            let line = twips(spacing, "line").unwrap();
            for size in paragraph
                .descendants()
                .filter(|n| n.has_tag_name("sz"))
                .filter(|n| n.ancestors().any(|a| a.has_tag_name("r")))
                .filter_map(|n| twips(n, "val"))
            {
                // Half-points to twips: a line must be at least the em.
                assert!(
                    line >= size * 10,
                    "{name}: a {size} half-point line of {line} twips"
                );
            }
        }
    }
}

#[test]
fn the_font_table_declares_every_font_the_file_names() {
    for (name, notice, meta) in shapes() {
        let bytes = export_docx(&notice, &meta).unwrap();
        let table = part(&bytes, "word/fontTable.xml");
        let table = roxmltree::Document::parse(&table).unwrap();
        let declared: Vec<&str> = table
            .descendants()
            .filter(|n| n.has_tag_name("font"))
            .filter_map(|n| attr(n, "name"))
            .collect();
        let mut named = 0;
        for (part_name, _, text) in parts(&bytes) {
            if !part_name.ends_with(".xml") {
                continue;
            }
            let xml = roxmltree::Document::parse(&text).unwrap();
            for node in xml.descendants() {
                let fonts: Vec<&str> = if node.has_tag_name("rFonts") {
                    ["ascii", "hAnsi", "eastAsia", "cs"]
                        .iter()
                        .filter_map(|slot| attr(node, slot))
                        .collect()
                } else if ["latin", "ea", "font"]
                    .iter()
                    .any(|t| node.has_tag_name(*t))
                    && part_name.contains("theme")
                {
                    attr(node, "typeface").into_iter().collect()
                } else {
                    continue;
                };
                for font in fonts.into_iter().filter(|f| !f.is_empty()) {
                    named += 1;
                    assert!(
                        declared.contains(&font),
                        "{name}: {part_name} names {font}, not in fontTable {declared:?}"
                    );
                }
            }
        }
        assert!(named > 20, "{name}: the check saw the fonts");
        let gb2312 = declared.iter().filter(|f| f.ends_with("_GB2312")).count();
        match meta.fonts {
            FontSet::STANDARD => assert_eq!(gb2312, 2, "{name}"),
            _ => assert_eq!(
                gb2312, 0,
                "{name}: the 仿宋/楷体 setting changes every part"
            ),
        }
    }
}

#[test]
fn every_section_records_the_22_line_pitch() {
    for (name, notice, meta) in shapes() {
        let doc = part(&export_docx(&notice, &meta).unwrap(), "word/document.xml");
        let xml = roxmltree::Document::parse(&doc).unwrap();
        let sections: Vec<_> = xml
            .descendants()
            .filter(|n| n.has_tag_name("sectPr"))
            .collect();
        assert!(!sections.is_empty());
        for section in sections {
            let grid = child(section, "docGrid").unwrap_or_else(|| panic!("{name}: no docGrid"));
            assert_eq!(attr(grid, "type"), Some("default"), "{name}");
            assert_eq!(twips(grid, "linePitch"), Some(579), "{name}");
        }
    }
}

#[test]
fn a_theme_part_is_related_and_typed_and_nothing_is_left_unreferenced() {
    let bytes = export_docx(&sample(), &meta()).unwrap();
    let names: Vec<String> = parts(&bytes).into_iter().map(|(n, _, _)| n).collect();
    assert!(names.contains(&"word/theme/theme1.xml".to_owned()));
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Target="theme/theme1.xml""#));
    let types = part(&bytes, "[Content_Types].xml");
    assert!(types.contains(r#"PartName="/word/theme/theme1.xml""#));
    // docx-rs's numbering, comments and footnotes parts are referenced by
    // nothing and go, with their content types.
    for orphan in [
        "word/numbering.xml",
        "word/comments.xml",
        "word/footnotes.xml",
    ] {
        assert!(!names.contains(&orphan.to_owned()), "{orphan}");
        assert!(!types.contains(&format!("/{orphan}\"")), "{orphan}");
    }
    let theme = part(&bytes, "word/theme/theme1.xml");
    assert!(theme.contains(
        r#"<a:minorFont><a:latin typeface="仿宋_GB2312"/><a:ea typeface="仿宋_GB2312"/>"#
    ));
}

#[test]
fn run_and_paragraph_properties_come_in_schema_order() {
    let doc = part(
        &export_docx(&with_imprint(40), &meta()).unwrap(),
        "word/document.xml",
    );
    let xml = roxmltree::Document::parse(&doc).unwrap();
    let order = |parent: &str, first: &str, second: &str| {
        for node in xml.descendants().filter(|n| n.has_tag_name(parent)) {
            let names: Vec<&str> = node.children().map(|c| c.tag_name().name()).collect();
            if let (Some(a), Some(b)) = (
                names.iter().position(|n| *n == first),
                names.iter().position(|n| *n == second),
            ) {
                assert!(a < b, "{parent}: {first} after {second} in {names:?}");
            }
        }
    };
    order("rPr", "rFonts", "sz");
    order("rPr", "color", "sz");
    order("pPr", "pStyle", "spacing");
    order("pPr", "spacing", "rPr");
    order("sectPr", "footerReference", "pgSz");
    order("tblPr", "tblW", "tblLayout");
}
