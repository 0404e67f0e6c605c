//! The OFD export opened by a reader written by others: easyofd (PyPI)
//! renders each file to PDF and pdfplumber measures that PDF
//! (tests/support/ofd_reader.py). Checked for both samples, the five
//! templates, a 200-task notice and a notice with a 版记 on an even page
//! after a blank one: the page count of the preview, A4 pages, every glyph
//! of every page and every line of text where the layout puts it, the red
//! 发文机关标志 and the red rule where LibreOffice's render of the .docx has
//! it (within 1 mm), the 版记's last rule on the foot of the text block, page
//! numbers right on odd pages and left on even ones (GB/T 9704-2012 §7.5).
//!
//! The XML rules of GB/T 33190-2016's schemas that matter (unique ids,
//! `MaxUnitID`, element order, the required `DocID`, references that
//! resolve) are checked without a reader, in every `cargo test`.
//!
//! The reader needs easyofd in `.tools/venv` (scripts/test-deps.sh), or
//! `OFD_READER_PYTHON` naming a Python that has it: run through
//! scripts/test.sh, or `cargo test --test ofd -- --ignored`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

mod core {
    pub use notice_desk::core::*;
}
#[allow(dead_code)]
#[path = "../src/ui/preview/pages.rs"]
mod pages;
#[allow(dead_code)]
#[path = "../src/ui/preview/source.rs"]
mod source;

use notice_desk::core::compose;
use notice_desk::core::gbt9704 as spec;
use notice_desk::core::templates::TEMPLATES;
use notice_desk::core::Notice;
use notice_desk::docx::{export_docx, DocumentMeta, FontSet};
use notice_desk::ofd::{export_ofd, OfdMeta};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use support::notices;

const NS: &str = "http://www.ofdspec.org/2016";

fn meta() -> OfdMeta {
    OfdMeta::at("2021-09-06T08:00:00Z")
}

/// What the tests export: the samples, the templates, a 200-task table,
/// a 版记 after a blank page, and the common fonts.
fn notices() -> Vec<(String, Notice, FontSet)> {
    let mut out = Vec::new();
    for name in ["city-plan-table", "county-plan-sections"] {
        out.push((
            name.to_owned(),
            notices::fixture(&format!("{name}.json")),
            FontSet::STANDARD,
        ));
    }
    for template in TEMPLATES {
        out.push((
            template.id.to_owned(),
            (template.notice)(2024),
            FontSet::STANDARD,
        ));
    }
    out.push((
        "table-200".into(),
        notices::with_imprint(notices::table_notice(200)),
        FontSet::STANDARD,
    ));
    out.push((
        "city-imprint-common-fonts".into(),
        notices::with_imprint(notices::fixture("city-plan-table.json")),
        FontSet::COMMON,
    ));
    out
}

fn export(notice: &Notice, fonts: FontSet) -> Vec<u8> {
    let mut meta = meta();
    meta.document.fonts = fonts;
    export_ofd(notice, &meta).unwrap()
}

fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (file.name().to_owned(), text)
        })
        .collect()
}

fn repack(parts: &BTreeMap<String, String>) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn children<'a>(node: roxmltree::Node<'a, 'a>) -> Vec<roxmltree::Node<'a, 'a>> {
    node.children().filter(|n| n.is_element()).collect()
}

fn names(node: roxmltree::Node) -> Vec<String> {
    children(node)
        .iter()
        .map(|n| n.tag_name().name().to_owned())
        .collect()
}

/// Whether `got` follows `order` (repeats of one element allowed).
fn in_order(got: &[String], order: &[&str]) -> bool {
    let mut at = 0;
    for name in got {
        match order[at..].iter().position(|o| o == name) {
            Some(k) => at += k,
            None => return false,
        }
    }
    true
}

/// The GB/T 33190-2016 schema rules that readers and seal tools rely on.
fn check_parts(name: &str, parts: &BTreeMap<String, String>) -> Result<(), String> {
    let parse = |part: &str| {
        let text = parts
            .get(part)
            .ok_or_else(|| format!("{name}: no part {part}"))?;
        roxmltree::Document::parse(text).map_err(|e| format!("{name}: {part}: {e}"))
    };
    let mut ids = HashSet::new();
    let mut max_id = 0;
    for (part, text) in parts {
        let doc = roxmltree::Document::parse(text).map_err(|e| format!("{name}: {part}: {e}"))?;
        for node in doc.descendants().filter(|n| n.is_element()) {
            let ns = node.tag_name().namespace();
            if ns == Some(NS) && node.lookup_prefix(NS) != Some("ofd") {
                return Err(format!("{name}: {part}: OFD element without ofd:"));
            }
            if !part.contains("/Tags/CustomTag.xml") && ns != Some(NS) {
                return Err(format!("{name}: {part}: element outside the OFD namespace"));
            }
            if let Some(id) = node.attribute("ID") {
                let id: u32 = id.parse().map_err(|_| format!("{name}: id {id}"))?;
                if !ids.insert(id) {
                    return Err(format!("{name}: id {id} used twice"));
                }
                max_id = max_id.max(id);
            }
        }
    }
    let ofd = parse("OFD.xml")?;
    let root = ofd.root_element();
    if root.tag_name().name() != "OFD"
        || root.attribute("Version") != Some("1.0")
        || root.attribute("DocType") != Some("OFD")
    {
        return Err(format!("{name}: OFD.xml root"));
    }
    let body = children(root)[0];
    if names(body) != ["DocInfo", "DocRoot"] {
        return Err(format!("{name}: DocBody {:?}", names(body)));
    }
    let info = children(body)[0];
    let info_order = [
        "DocID",
        "Title",
        "Author",
        "Subject",
        "Abstract",
        "CreationDate",
        "ModDate",
        "DocUsage",
        "Cover",
        "Keywords",
        "Creator",
        "CreatorVersion",
        "CustomDatas",
    ];
    if !in_order(&names(info), &info_order)
        || names(info).first().map(String::as_str) != Some("DocID")
    {
        return Err(format!("{name}: DocInfo {:?}", names(info)));
    }
    let doc_id = children(info)[0].text().unwrap_or("");
    if doc_id.len() != 32 || !doc_id.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(format!("{name}: DocID {doc_id:?}"));
    }
    let doc_root = children(body)[1].text().unwrap_or("").to_owned();
    let document = parse(&doc_root)?;
    let dir = doc_root.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
    let top = names(document.root_element());
    let order = [
        "CommonData",
        "Pages",
        "Outlines",
        "Permissions",
        "Actions",
        "VPreferences",
        "Bookmarks",
        "Annotations",
        "CustomTags",
        "Attachments",
        "Extensions",
    ];
    if !in_order(&top, &order) || top[..2] != ["CommonData", "Pages"] {
        return Err(format!("{name}: Document {top:?}"));
    }
    let common = children(document.root_element())[0];
    let common_order = [
        "MaxUnitID",
        "PageArea",
        "PublicRes",
        "DocumentRes",
        "TemplatePage",
        "DefaultCS",
    ];
    if !in_order(&names(common), &common_order) || names(common)[..2] != ["MaxUnitID", "PageArea"] {
        return Err(format!("{name}: CommonData {:?}", names(common)));
    }
    let declared: u32 = children(common)[0]
        .text()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    if declared < max_id {
        return Err(format!(
            "{name}: MaxUnitID {declared} < largest id {max_id}"
        ));
    }
    // Fonts that text refers to exist; every page part exists.
    let res_loc = common
        .children()
        .find(|n| n.has_tag_name((NS, "PublicRes")))
        .and_then(|n| n.text())
        .ok_or_else(|| format!("{name}: no PublicRes"))?;
    let res = parse(&format!("{dir}/{res_loc}"))?;
    if res.root_element().attribute("BaseLoc").is_none() {
        return Err(format!("{name}: Res without BaseLoc"));
    }
    let fonts: HashSet<&str> = res
        .descendants()
        .filter(|n| n.has_tag_name((NS, "Font")))
        .filter_map(|n| n.attribute("ID"))
        .collect();
    let pages = children(document.root_element())[1];
    let mut page_objects: HashMap<String, HashSet<String>> = HashMap::new();
    for page in children(pages) {
        let loc = page.attribute("BaseLoc").unwrap_or("");
        let id = page.attribute("ID").unwrap_or("").to_owned();
        let content = parse(&format!("{dir}/{loc}"))?;
        let mut objects = HashSet::new();
        for node in content.descendants().filter(|n| n.is_element()) {
            match node.tag_name().name() {
                "Layer" if node.attribute("ID").is_none() => {
                    return Err(format!("{name}: Layer without ID"));
                }
                "TextObject" => {
                    if !fonts.contains(node.attribute("Font").unwrap_or("")) {
                        return Err(format!("{name}: unknown font"));
                    }
                    let kids = names(node);
                    if !in_order(
                        &kids,
                        &["FillColor", "StrokeColor", "CGTransform", "TextCode"],
                    ) {
                        return Err(format!("{name}: TextObject children {kids:?}"));
                    }
                    objects.insert(node.attribute("ID").unwrap().to_owned());
                }
                "PathObject" => {
                    let kids = names(node);
                    if kids != ["StrokeColor", "FillColor", "AbbreviatedData"] {
                        return Err(format!("{name}: PathObject children {kids:?}"));
                    }
                }
                "TextCode" => {
                    // n glyphs, n - 1 advances.
                    let glyphs = node.text().unwrap_or("").chars().count();
                    let deltas = node.attribute("DeltaX").map_or(0, count_deltas);
                    if glyphs > 1 && deltas != glyphs - 1 {
                        return Err(format!("{name}: {glyphs} glyphs with {deltas} advances"));
                    }
                }
                _ => {}
            }
        }
        page_objects.insert(id, objects);
    }
    // Tags point at text objects of the page they name.
    if let Some(tags) = document
        .root_element()
        .children()
        .find(|n| n.has_tag_name((NS, "CustomTags")))
    {
        let loc = format!("{dir}/{}", tags.text().unwrap_or(""));
        let index = parse(&loc)?;
        let tag_dir = loc.rsplit_once('/').unwrap().0;
        for tag in index
            .descendants()
            .filter(|n| n.has_tag_name((NS, "CustomTag")))
        {
            if tag.attribute("NameSpace").is_none() {
                return Err(format!("{name}: CustomTag without NameSpace"));
            }
            let file = tag
                .children()
                .find(|n| n.has_tag_name((NS, "FileLoc")))
                .and_then(|n| n.text())
                .unwrap_or("");
            let tagged = parse(&format!("{tag_dir}/{file}"))?;
            for r in tagged
                .descendants()
                .filter(|n| n.has_tag_name((NS, "ObjectRef")))
            {
                let page = r.attribute("PageRef").unwrap_or("");
                let object = r.text().unwrap_or("");
                if !page_objects.get(page).is_some_and(|o| o.contains(object)) {
                    return Err(format!("{name}: tag points at {object} on page {page}"));
                }
            }
        }
    }
    Ok(())
}

fn count_deltas(deltas: &str) -> usize {
    let tokens: Vec<&str> = deltas.split_whitespace().collect();
    let mut count = 0;
    let mut k = 0;
    while k < tokens.len() {
        if tokens[k] == "g" {
            count += tokens
                .get(k + 1)
                .and_then(|t| t.parse::<usize>().ok())
                .unwrap_or(0);
            k += 3;
        } else {
            count += 1;
            k += 1;
        }
    }
    count
}

#[test]
fn every_export_keeps_the_schema_rules() {
    for (name, notice, fonts) in notices() {
        let parts = parts(&export(&notice, fonts));
        check_parts(&name, &parts).unwrap();
        let info = &parts["OFD.xml"];
        assert!(info.contains("<ofd:CustomData Name=\"文种\">通知</ofd:CustomData>"));
        let res = &parts["Doc_0/PublicRes.xml"];
        for font in [fonts.title, fonts.body, fonts.hei, fonts.kai, fonts.song] {
            assert!(
                res.contains(&format!("FontName=\"{font}\"")),
                "{name}: {font}"
            );
        }
    }
}

#[test]
fn the_schema_check_rejects_broken_parts() {
    let good = parts(&export(
        &notices::fixture("county-plan-sections.json"),
        FontSet::STANDARD,
    ));
    check_parts("good", &good).unwrap();
    let document = &good["Doc_0/Document.xml"];
    let at = document.find("<ofd:MaxUnitID>").unwrap();
    let end = document.find("</ofd:MaxUnitID>").unwrap() + 16;
    let max = &document[at..end];
    let broken: [(&str, &str, &str); 4] = [
        ("OFD.xml", "<ofd:DocID>", "<ofd:DocID>x"),
        (
            "Doc_0/Document.xml",
            max,
            "<ofd:MaxUnitID>5</ofd:MaxUnitID>",
        ),
        (
            "Doc_0/Pages/Page_0/Content.xml",
            " DeltaX=\"g ",
            " DeltaX=\"g 1",
        ),
        (
            "Doc_0/Document.xml",
            "<ofd:Pages>",
            "<ofd:Pages><ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/>",
        ),
    ];
    for (part, from, to) in broken {
        let mut bad = good.clone();
        let text = bad.get_mut(part).unwrap();
        assert!(text.contains(from), "{part} {from}");
        *text = text.replacen(from, to, 1);
        assert!(check_parts("bad", &bad).is_err(), "{part}: {to}");
    }
    // Dates, title and author as the notice has them; the same DocID for
    // the same draft, another for another.
    let info = &good["OFD.xml"];
    assert!(info.contains("<ofd:Author>砀山县市场监督管理局</ofd:Author>"));
    assert!(info.contains("<ofd:CreationDate>2021-09-06</ofd:CreationDate>"));
    assert!(
        info.contains("<ofd:CustomData Name=\"发文字号\">砀市监发〔2021〕12号</ofd:CustomData>")
    );
    let id = |draft: &str| {
        let notice = notices::fixture("county-plan-sections.json");
        let meta = OfdMeta {
            draft_id: draft.into(),
            ..OfdMeta::at("2022-01-01T00:00:00Z")
        };
        let parts = parts(&export_ofd(&notice, &meta).unwrap());
        let info = &parts["OFD.xml"];
        let at = info.find("<ofd:DocID>").unwrap() + 11;
        info[at..at + 32].to_owned()
    };
    // The 9704 elements tagged, pointing at their objects.
    let tags = &good["Doc_0/Tags/CustomTag.xml"];
    for element in [
        "发文机关标志",
        "发文字号",
        "标题",
        "主送机关",
        "正文",
        "发文机关署名",
        "成文日期",
        "页码",
    ] {
        assert!(
            tags.contains(&format!("<gw:{element}><ofd:ObjectRef")),
            "{element}"
        );
    }
    assert_eq!(id("draft-1"), id("draft-1"));
    assert_ne!(id("draft-1"), id("draft-2"));
}

// The independent reader.

#[derive(Debug, Deserialize)]
struct Measured {
    pages: Vec<MeasuredPage>,
}

#[derive(Debug, Deserialize)]
struct MeasuredPage {
    width: f64,
    height: f64,
    chars: Vec<Glyph>,
    lines: Vec<Rule>,
}

#[derive(Debug, Deserialize, Clone)]
struct Glyph {
    text: String,
    x: f64,
    baseline: f64,
    size: f64,
    colour: Vec<f64>,
}

#[derive(Debug, Deserialize)]
struct Rule {
    x0: f64,
    x1: f64,
    top: f64,
    bottom: f64,
    colour: Vec<f64>,
}

fn is_red(colour: &[f64]) -> bool {
    matches!(colour, [r, g, b] if *r > 0.9 && *g < 0.1 && *b < 0.1)
}

fn reader_python() -> PathBuf {
    std::env::var_os("OFD_READER_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| support::project_root().join(".tools/venv/bin/python"))
}

/// Runs the reader script on an OFD file (or, with `--pdf`, on a PDF).
fn read(args: &[&Path]) -> Result<Measured, String> {
    let script = support::project_root().join("tests/support/ofd_reader.py");
    let output = Command::new(reader_python())
        .arg(script)
        .args(args)
        .output()
        .map_err(|e| format!("easyofd's Python ({e}): run scripts/test-deps.sh"))?;
    if !output.status.success() {
        return Err(format!(
            "the reader failed: {}",
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .last()
                .unwrap_or("")
        ));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| format!("the reader's report: {e}"))
}

fn read_ofd(ofd: &Path) -> Result<Measured, String> {
    read(&[ofd, &ofd.with_extension("pdf")])
}

/// A page's glyphs in lines: by baseline, then left to right.
fn reader_lines(page: &MeasuredPage) -> Vec<(f64, Vec<Glyph>)> {
    let mut glyphs = page.chars.clone();
    glyphs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<(f64, Vec<Glyph>)> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some((baseline, line)) if (g.baseline - *baseline).abs() < 0.3 => line.push(g),
            _ => lines.push((g.baseline, vec![g])),
        }
    }
    for (_, line) in &mut lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    lines
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Everything the test asserts of one notice's OFD as the reader shows it.
fn check_reading(name: &str, notice: &Notice, measured: &Measured) -> Result<(), String> {
    let blocks = compose::blocks(notice);
    let preview = pages::pages(&blocks, &source::sources(notice));
    if measured.pages.len() != preview.len() {
        return Err(format!(
            "{name}: the reader shows {} pages, the preview {}",
            measured.pages.len(),
            preview.len()
        ));
    }
    for (k, (page, shown)) in preview.iter().zip(&measured.pages).enumerate() {
        let at = format!("{name}, page {}", k + 1);
        if (shown.width - 210.0).abs() > 0.1 || (shown.height - 297.0).abs() > 0.1 {
            return Err(format!("{at}: {} x {} mm", shown.width, shown.height));
        }
        // Every glyph of the page, none more.
        let mut expected: Vec<char> = page
            .line_texts()
            .iter()
            .flat_map(|t| squeeze(t).chars().collect::<Vec<_>>())
            .collect();
        if let Some(n) = page.number {
            expected.extend(squeeze(&format!("— {n} —")).chars());
        }
        let mut got: Vec<char> = shown.chars.iter().flat_map(|g| g.text.chars()).collect();
        expected.sort();
        got.sort();
        if expected != got {
            return Err(format!(
                "{at}: glyphs differ: {} expected, {} drawn",
                expected.len(),
                got.len()
            ));
        }
        // Every line of text is a line of the reader's page, its glyphs
        // apart from each other (the advances are applied).
        let lines = reader_lines(shown);
        let texts: Vec<String> = lines
            .iter()
            .map(|(_, l)| l.iter().map(|g| g.text.as_str()).collect())
            .collect();
        for item in &page.items {
            if let pages::Draw::Text { line, .. } = &item.draw {
                let text = squeeze(
                    &line
                        .runs
                        .iter()
                        .map(|r| r.text.as_str())
                        .collect::<String>(),
                );
                if !text.is_empty() && !texts.contains(&text) {
                    return Err(format!("{at}: no line {text:?} in {texts:?}"));
                }
            }
        }
        for (_, line) in &lines {
            for pair in line.windows(2) {
                if pair[1].x - pair[0].x < 0.4 * pair[0].size {
                    return Err(format!(
                        "{at}: {}{} drawn on top of each other",
                        pair[0].text, pair[1].text
                    ));
                }
            }
        }
        // Red: the 发文机关标志 only (§7.2.3).
        let red: String = shown
            .chars
            .iter()
            .filter(|g| is_red(&g.colour))
            .map(|g| g.text.as_str())
            .collect();
        if k == 0 && !notice.header.organs.is_empty() {
            let organ = squeeze(&notice.header.organs[0]);
            if !red.contains(&organ) {
                return Err(format!("{at}: the mark {organ} is not red (red: {red:?})"));
            }
        } else if !red.is_empty() {
            return Err(format!("{at}: red text {red:?}"));
        }
        // Page numbers (§7.5): odd right, even left, one character in.
        if let Some(n) = page.number {
            let digits = n.to_string();
            let (_, line) = lines
                .iter()
                .find(|(_, l)| {
                    l.iter().map(|g| g.text.as_str()).collect::<String>() == format!("—{digits}—")
                })
                .ok_or_else(|| format!("{at}: no page number"))?;
            let left = line[0].x;
            let right = line.last().unwrap().x + line.last().unwrap().size;
            let (margin_left, margin_right) = (28.0, 210.0 - 26.0);
            let ok = if n % 2 == 1 {
                (right - (margin_right - 4.94)).abs() < 1.0
            } else {
                (left - (margin_left + 4.94)).abs() < 1.0
            };
            if !ok {
                return Err(format!("{at}: page number from {left:.1} to {right:.1} mm"));
            }
        }
    }
    Ok(())
}

/// The red rule of page 1 as drawn: its y (mm).
fn red_rule(page: &MeasuredPage) -> Option<f64> {
    page.lines
        .iter()
        .find(|l| is_red(&l.colour) && l.x1 - l.x0 > 150.0)
        .map(|l| (l.top + l.bottom) / 2.0)
}

fn require_reader() {
    let ok = Command::new(reader_python())
        .args(["-c", "import easyofd, pdfplumber"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(ok, "easyofd is not installed: run scripts/test-deps.sh");
}

#[test]
#[ignore = "needs easyofd (scripts/test-deps.sh)"]
fn an_independent_reader_shows_every_page_line_and_rule_where_the_layout_puts_them() {
    require_reader();
    let dir = support::temp_dir("ofd-reader");
    for (name, notice, fonts) in notices() {
        let ofd = dir.join(format!("{name}.ofd"));
        std::fs::write(&ofd, export(&notice, fonts)).unwrap();
        let measured = read_ofd(&ofd).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_reading(&name, &notice, &measured).unwrap();
        // The 版记 on an even page, its last rule on the foot of the text
        // block (§7.4), drawn by the reader.
        if !notice.imprint.is_empty() {
            let last = measured.pages.last().unwrap();
            assert_eq!(measured.pages.len() % 2, 0, "{name}");
            let bottom = last
                .lines
                .iter()
                .filter(|l| l.x1 - l.x0 > 150.0)
                .map(|l| l.bottom)
                .fold(0.0, f64::max);
            let foot = (spec::MARGIN_TOP + spec::TEXT_HEIGHT as i32) as f64 * 25.4 / 1440.0;
            assert!(
                (bottom - foot).abs() < 0.5,
                "{name}: the 版记's last rule ends at {bottom:.2} mm, the block at {foot:.2} mm"
            );
        }
        println!(
            "{name}: {} pages read by easyofd, {} glyphs",
            measured.pages.len(),
            measured.pages.iter().map(|p| p.chars.len()).sum::<usize>()
        );
    }
}

#[test]
#[ignore = "needs easyofd and LibreOffice (scripts/test-deps.sh)"]
fn the_red_mark_and_rule_stand_where_the_docx_render_has_them() {
    require_reader();
    let dir = support::temp_dir("ofd-vs-docx");
    for name in ["city-plan-table", "county-plan-sections"] {
        let notice = notices::fixture(&format!("{name}.json"));
        let ofd = dir.join(format!("{name}.ofd"));
        std::fs::write(&ofd, export(&notice, FontSet::STANDARD)).unwrap();
        let docx = dir.join(format!("{name}.docx"));
        let bytes = export_docx(&notice, &DocumentMeta::at("2021-09-06T08:00:00Z")).unwrap();
        std::fs::write(&docx, bytes).unwrap();
        let pdf = support::libreoffice_pdf(&docx);
        let of_ofd = read_ofd(&ofd).unwrap();
        let of_docx = read(&[Path::new("--pdf"), &pdf]).unwrap();
        let rule_ofd = red_rule(&of_ofd.pages[0]).expect("a red rule in the OFD");
        let rule_docx = red_rule(&of_docx.pages[0]).expect("a red rule in the .docx render");
        let mark = |m: &Measured| {
            m.pages[0]
                .chars
                .iter()
                .find(|g| is_red(&g.colour))
                .map(|g| g.baseline)
                .unwrap()
        };
        let (mark_ofd, mark_docx) = (mark(&of_ofd), mark(&of_docx));
        println!(
            "{name}: red rule at {rule_ofd:.2} mm in the OFD, {rule_docx:.2} mm in the .docx render; 标志 baseline {mark_ofd:.2} / {mark_docx:.2} mm"
        );
        assert!((rule_ofd - rule_docx).abs() < 1.0, "{name}");
        assert!((mark_ofd - mark_docx).abs() < 1.0, "{name}");
        // Every body line's baseline within 1 mm of the render's.
        let baselines = |m: &Measured| -> Vec<f64> {
            reader_lines(&m.pages[0]).iter().map(|(b, _)| *b).collect()
        };
        let (a, b) = (baselines(&of_ofd), baselines(&of_docx));
        for y in &b {
            assert!(
                a.iter().any(|x| (x - y).abs() < 1.0),
                "{name}: the render has a line at {y:.2} mm, the OFD none near it ({a:?})"
            );
        }
    }
}

#[test]
#[ignore = "needs easyofd (scripts/test-deps.sh)"]
fn the_reader_test_fails_on_broken_files() {
    require_reader();
    let dir = support::temp_dir("ofd-broken");
    let notice = notices::fixture("county-plan-sections.json");
    let good = parts(&export(&notice, FontSet::STANDARD));
    // A page part missing, and advances stripped (every glyph of a run on
    // one spot): the reader opens both, and the checks must fail.
    let mut missing = good.clone();
    let last = format!(
        "Doc_0/Pages/Page_{}/Content.xml",
        good.keys().filter(|k| k.ends_with("Content.xml")).count() - 1
    );
    missing.remove(&last);
    let mut no_advances = good.clone();
    for (part, text) in no_advances.iter_mut() {
        if part.ends_with("Content.xml") {
            let cut = regex_free_strip(text, " DeltaX=\"");
            *text = cut;
        }
    }
    for (label, parts) in [("missing page", missing), ("no DeltaX", no_advances)] {
        let ofd = dir.join(format!("{}.ofd", label.replace(' ', "-")));
        std::fs::write(&ofd, repack(&parts)).unwrap();
        let outcome = read_ofd(&ofd).and_then(|m| check_reading(label, &notice, &m));
        println!("{label}: {outcome:?}");
        assert!(outcome.is_err(), "{label}: the checks passed a broken file");
    }
}

/// `text` without every attribute that starts with `attribute`.
fn regex_free_strip(text: &str, attribute: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(attribute) {
        out.push_str(&rest[..at]);
        let after = &rest[at + attribute.len()..];
        let end = after.find('"').map_or(after.len(), |e| e + 1);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The pages of an OFD file: each page part's content.
fn page_parts(bytes: &[u8]) -> Vec<String> {
    parts(bytes)
        .into_iter()
        .filter(|(name, _)| name.ends_with("/Content.xml"))
        .map(|(_, text)| text)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build, chromedriver and easyofd: run scripts/test.sh"]
async fn the_app_and_the_js_function_export_ofd_files_the_reader_opens() {
    use support::ui::*;
    require_reader();
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let downloads = support::temp_dir("ofd-downloads");
    let client = support::browser(&driver, &downloads).await;
    open_fresh(&client, &base).await;
    let dir = support::temp_dir("ofd-app");
    let chosen: Vec<(String, Notice, FontSet)> = notices()
        .into_iter()
        .filter(|(_, _, fonts)| *fonts == FontSet::STANDARD)
        .collect();
    for (name, notice, _) in &chosen {
        // The button beside 导出 Word, on the check step.
        open_as_current_draft(&client, notice).await;
        click(&client, "#step-8").await;
        wait_for(&client, "#ofd-fonts-note").await;
        click(&client, "#export-ofd").await;
        wait_for_text(&client, "#export-status", "已导出").await;
        let file = support::wait_for_file(&downloads, "ofd", std::time::Duration::from_secs(60));
        let expected = notice_desk::ofd::file_name(notice);
        assert_eq!(file.file_name().unwrap().to_str().unwrap(), expected);
        let ofd = dir.join(format!("{name}-app.ofd"));
        std::fs::rename(&file, &ofd).unwrap();
        let from_app = std::fs::read(&ofd).unwrap();
        // The same pages as the native writer's.
        assert_eq!(
            page_parts(&from_app),
            page_parts(&export(notice, FontSet::STANDARD)),
            "{name}"
        );
        let measured = read_ofd(&ofd).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_reading(name, notice, &measured).unwrap();

        // The JS function, from the draft file's JSON.
        let draft =
            notice_desk::core::draft::DraftEnvelope::new(notice.clone(), "2021-09-06T08:00:00Z")
                .to_json();
        let answer = client
            .execute_async(
                "const [json, done] = arguments;
                 window.wasmBindings.exportOfd(json)
                   .then(bytes => { let s = ''; for (const b of bytes) s += String.fromCharCode(b); done(btoa(s)); })
                   .catch(e => done('error: ' + String(e)));",
                vec![draft.into()],
            )
            .await
            .unwrap();
        let text = answer.as_str().unwrap_or_default();
        assert!(!text.starts_with("error"), "{name}: {text}");
        let from_js = base64_decode(text);
        assert_eq!(page_parts(&from_js), page_parts(&from_app), "{name}");
        let ofd = dir.join(format!("{name}-js.ofd"));
        std::fs::write(&ofd, &from_js).unwrap();
        let measured = read_ofd(&ofd).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_reading(name, notice, &measured).unwrap();
        println!(
            "{name}: the app's and the JS function's OFD read by easyofd, {} pages",
            measured.pages.len()
        );
    }
    client.close().await.unwrap();
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        }
    };
    let mut out = Vec::new();
    for chunk in text.as_bytes().chunks(4) {
        let digits: Vec<u8> = chunk.iter().copied().filter(|&c| c != b'=').collect();
        let mut n = 0u32;
        for (i, &c) in digits.iter().enumerate() {
            n |= value(c) << (18 - 6 * i);
        }
        for i in 0..digits.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

#[test]
fn notice_export_writes_an_ofd_by_the_extension() {
    let dir = support::temp_dir("ofd-cli");
    for (name, notice, fonts) in notices() {
        if fonts != FontSet::STANDARD {
            continue;
        }
        let draft = dir.join(format!("{name}.json"));
        let json =
            notice_desk::core::draft::DraftEnvelope::new(notice.clone(), "2021-09-06T08:00:00Z")
                .to_json();
        std::fs::write(&draft, json).unwrap();
        let out = dir.join(format!("{name}.ofd"));
        let status = Command::new(env!("CARGO_BIN_EXE_notice"))
            .arg("export")
            .arg(&draft)
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success(), "{name}");
        let bytes = std::fs::read(&out).unwrap();
        check_parts(&name, &parts(&bytes)).unwrap();
        assert_eq!(
            page_parts(&bytes),
            page_parts(&export(&notice, fonts)),
            "{name}"
        );
    }
}
