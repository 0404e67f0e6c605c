//! The OFD files as a reader written by others shows them: easyofd (PyPI)
//! renders a file to PDF and pdfplumber measures it (ofd_reader.py beside
//! this file); and the GB/T 33190-2016 schema rules that readers and seal
//! tools rely on, checked on the parts themselves. Used by tests/ofd.rs and
//! the CLI's tests.

use notice_core::compose;
use notice_core::pages;
use notice_core::templates::TEMPLATES;
use notice_core::Notice;
use notice_office::docx::FontSet;
use notice_office::ofd::{export_ofd, OfdMeta};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const NS: &str = "http://www.ofdspec.org/2016";

pub fn meta() -> OfdMeta {
    OfdMeta::at("2021-09-06T08:00:00Z")
}

/// What the tests export: the samples, the templates, a 200-task table,
/// a 版记 after a blank page, a letter (§10.1), and the common fonts.
pub fn notices() -> Vec<(String, Notice, FontSet)> {
    let mut out = Vec::new();
    for name in ["city-plan-table", "county-plan-sections"] {
        out.push((
            name.to_owned(),
            super::notices::fixture(&format!("{name}.json")),
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
        super::notices::with_imprint(super::notices::table_notice(200)),
        FontSet::STANDARD,
    ));
    let mut letter = super::notices::fixture("county-plan-sections.json");
    letter.header.form = notice_core::HeaderForm::Letter;
    letter.header.copy_number = "000123".into();
    letter.header.urgency = "特急".into();
    out.push(("letter".into(), letter, FontSet::STANDARD));
    out.push((
        "city-imprint-common-fonts".into(),
        super::notices::with_imprint(super::notices::fixture("city-plan-table.json")),
        FontSet::COMMON,
    ));
    out
}

pub fn export(notice: &Notice, fonts: FontSet) -> Vec<u8> {
    let mut meta = meta();
    meta.document.fonts = fonts;
    export_ofd(notice, &meta).unwrap()
}

pub fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
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

pub fn repack(parts: &BTreeMap<String, String>) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

pub fn children<'a>(node: roxmltree::Node<'a, 'a>) -> Vec<roxmltree::Node<'a, 'a>> {
    node.children().filter(|n| n.is_element()).collect()
}

pub fn names(node: roxmltree::Node) -> Vec<String> {
    children(node)
        .iter()
        .map(|n| n.tag_name().name().to_owned())
        .collect()
}

/// Whether `got` follows `order` (repeats of one element allowed).
pub fn in_order(got: &[String], order: &[&str]) -> bool {
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
pub fn check_parts(name: &str, parts: &BTreeMap<String, String>) -> Result<(), String> {
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

pub fn count_deltas(deltas: &str) -> usize {
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

// The independent reader.

#[derive(Debug, Deserialize)]
pub struct Measured {
    pub pages: Vec<MeasuredPage>,
}

#[derive(Debug, Deserialize)]
pub struct MeasuredPage {
    pub width: f64,
    pub height: f64,
    pub chars: Vec<Glyph>,
    pub lines: Vec<Rule>,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Glyph {
    pub text: String,
    pub x: f64,
    pub baseline: f64,
    pub size: f64,
    pub colour: Vec<f64>,
}

#[derive(Debug, Deserialize)]
pub struct Rule {
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    /// The stroke's width (mm).
    pub width: f64,
    pub colour: Vec<f64>,
}

pub fn is_red(colour: &[f64]) -> bool {
    matches!(colour, [r, g, b] if *r > 0.9 && *g < 0.1 && *b < 0.1)
}

pub fn reader_python() -> PathBuf {
    std::env::var_os("OFD_READER_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| super::project_root().join(".tools/venv/bin/python"))
}

/// Runs the reader script on an OFD file (or, with `--pdf`, on a PDF).
pub fn read(args: &[&Path]) -> Result<Measured, String> {
    let script = super::project_root().join("tests/support/ofd_reader.py");
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

pub fn read_ofd(ofd: &Path) -> Result<Measured, String> {
    read(&[ofd, &ofd.with_extension("pdf")])
}

/// A page's glyphs in lines: by baseline, then left to right.
pub fn reader_lines(page: &MeasuredPage) -> Vec<(f64, Vec<Glyph>)> {
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

pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Everything the test asserts of one notice's OFD as the reader shows it.
pub fn check_reading(name: &str, notice: &Notice, measured: &Measured) -> Result<(), String> {
    let preview = pages::pages(&compose::compose(notice));
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
        let mut expected: Vec<char> = squeeze(&page_text(page)).chars().collect();
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
pub fn red_rule(page: &MeasuredPage) -> Option<f64> {
    page.lines
        .iter()
        .find(|l| is_red(&l.colour) && l.x1 - l.x0 > 150.0)
        .map(|l| (l.top + l.bottom) / 2.0)
}

pub fn require_reader() {
    let ok = Command::new(reader_python())
        .args(["-c", "import easyofd, pdfplumber"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(ok, "easyofd is not installed: run scripts/test-deps.sh");
}

/// `text` without every attribute that starts with `attribute`.
pub fn regex_free_strip(text: &str, attribute: &str) -> String {
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
pub fn page_parts(bytes: &[u8]) -> Vec<String> {
    parts(bytes)
        .into_iter()
        .filter(|(name, _)| name.ends_with("/Content.xml"))
        .map(|(_, text)| text)
        .collect()
}

pub fn base64_decode(text: &str) -> Vec<u8> {
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

fn line_text(line: &pages::TextLine) -> String {
    line.runs.iter().map(|r| r.text.as_str()).collect()
}

/// Every text the preview draws on a page, in no particular order.
pub fn page_text(page: &pages::Page) -> String {
    let mut out = String::new();
    for item in &page.items {
        match &item.draw {
            pages::Draw::Text { line, .. } => out.push_str(&line_text(line)),
            pages::Draw::Reserved | pages::Draw::Rule { .. } => {}
            pages::Draw::MarkTable { organs, suffix, .. } => {
                out.extend(organs.iter().map(String::as_str));
                out.push_str(suffix);
            }
            pages::Draw::Row { cells, .. } => {
                for cell in cells {
                    out.extend(cell.lines.iter().map(line_text));
                }
            }
            pages::Draw::Imprint { rows, .. } => {
                for row in rows {
                    out.extend(row.lines.iter().map(|(_, l)| line_text(l)));
                }
            }
        }
    }
    out
}
