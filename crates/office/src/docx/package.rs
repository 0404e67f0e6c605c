//! The last step of an export: re-pack docx-rs's output. docx-rs stores every
//! part uncompressed and writes core properties that name no title or author
//! and date the file to 1970; this writes the package deflated, with real
//! properties, the notice's own styles and font table, a theme part, and
//! every part's elements in the schema's order.

use super::{schema_order, theme, DocumentMeta, ExportError};
use notice_core::compose;
use notice_core::text::xml_safe;
use notice_core::Notice;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

const CORE_PROPS: &str = "docProps/core.xml";
const DOCUMENT: &str = "word/document.xml";
const STYLES: &str = "word/styles.xml";
const FONT_TABLE: &str = "word/fontTable.xml";
const CONTENT_TYPES: &str = "[Content_Types].xml";
const DOCUMENT_RELS: &str = "word/_rels/document.xml.rels";

/// docx-rs has no setter for `w:tblHeader`. Only the task table's rows
/// carry `w:cantSplit` (the 标志 and 版记 tables have none), so the first
/// row of a table whose first row has it is the task table's header: it
/// gets `w:tblHeader` beside it and repeats at the top of every page.
pub(super) fn repeat_header_rows(xml: &str) -> String {
    const MARK: &str = "<w:cantSplit />";
    let mut out = String::with_capacity(xml.len() + 64);
    let mut rest = xml;
    while let Some(at) = rest.find("<w:tbl>") {
        let (before, table) = rest.split_at(at);
        out.push_str(before);
        let row_end = table.find("</w:tr>").unwrap_or(table.len());
        match table[..row_end].find(MARK) {
            Some(mark) => {
                let end = mark + MARK.len();
                out.push_str(&table[..end]);
                out.push_str("<w:tblHeader />");
                rest = &table[end..];
            }
            None => {
                out.push_str("<w:tbl>");
                rest = &table["<w:tbl>".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

pub(super) fn finish(
    stored: &[u8],
    notice: &Notice,
    meta: &DocumentMeta,
) -> Result<Vec<u8>, ExportError> {
    let fail = |e: &dyn std::fmt::Display| ExportError(format!("无法打包文件（{e}）"));
    let mut archive = ZipArchive::new(Cursor::new(stored)).map_err(|e| fail(&e))?;
    let mut parts = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| fail(&e))?;
        if entry.is_dir() {
            // Folders are implied by the part names; Word writes none.
            continue;
        }
        let mut data = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut data).map_err(|e| fail(&e))?;
        parts.push((entry.name().to_owned(), data));
    }
    let mut reached = reachable(&parts);
    reached.insert(theme::PART.to_owned());
    let orphans: Vec<&str> = parts
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| !reached.contains(*name))
        .collect();

    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(stored.len() / 3)));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut write = |name: &str, data: &[u8]| -> Result<(), ExportError> {
        out.start_file(name, options).map_err(|e| fail(&e))?;
        out.write_all(data).map_err(|e| fail(&e))
    };
    for (name, data) in &parts {
        if orphans.contains(&name.as_str()) {
            continue;
        }
        let text = match name.as_str() {
            CORE_PROPS => core_properties(notice, meta),
            STYLES => super::styles::styles_xml(meta.fonts),
            FONT_TABLE => super::font_table::font_table_xml(meta.fonts),
            DOCUMENT => repeat_header_rows(&utf8(name, data)?),
            CONTENT_TYPES => content_types(&utf8(name, data)?, &orphans),
            DOCUMENT_RELS => with_theme_relationship(&utf8(name, data)?),
            _ if name.ends_with(".xml") || name.ends_with(".rels") => utf8(name, data)?,
            _ => {
                write(name, data)?;
                continue;
            }
        };
        let ordered =
            schema_order::normalize(&text).map_err(|e| fail(&format!("{name} 第 {} 字节", e.0)))?;
        write(name, ordered.as_bytes())?;
    }
    write(theme::PART, theme::theme_xml(meta.fonts).as_bytes())?;
    Ok(out.finish().map_err(|e| fail(&e))?.into_inner())
}

/// The parts a relationship reaches, from the package's own relationships
/// down, and the packaging parts themselves. docx-rs writes a numbering,
/// a comments and a footnotes part for every document, referenced by
/// nothing when the document has none; a validator reads them all the
/// same (and docx-rs's numbering part is not schema-valid), so they go.
fn reachable(parts: &[(String, Vec<u8>)]) -> std::collections::HashSet<String> {
    let mut reached = std::collections::HashSet::from([CONTENT_TYPES.to_owned()]);
    let mut sources = vec![String::new()];
    while let Some(source) = sources.pop() {
        let (dir, file) = source.rsplit_once('/').unwrap_or(("", source.as_str()));
        let rels = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let Some((_, data)) = parts.iter().find(|(name, _)| *name == rels) else {
            continue;
        };
        reached.insert(rels);
        let Ok(text) = std::str::from_utf8(data) else {
            continue;
        };
        let Ok(xml) = roxmltree::Document::parse(text) else {
            continue;
        };
        for relationship in xml.descendants().filter(|n| n.has_tag_name("Relationship")) {
            if relationship.attribute("TargetMode") == Some("External") {
                continue;
            }
            let Some(target) = relationship.attribute("Target") else {
                continue;
            };
            let part = resolve(dir, target);
            if reached.insert(part.clone()) {
                sources.push(part);
            }
        }
    }
    reached
}

/// A relationship's target as a part name (OPC §9.3: relative to the
/// source part's folder unless it starts with `/`).
fn resolve(dir: &str, target: &str) -> String {
    let mut segments: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => dir.split('/').filter(|s| !s.is_empty()).collect(),
    };
    for segment in target.trim_start_matches('/').split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

/// docx-rs's content types without the parts left out, with the theme.
fn content_types(xml: &str, orphans: &[&str]) -> String {
    let mut xml = xml.to_owned();
    for orphan in orphans {
        let key = format!(r#"PartName="/{orphan}""#);
        let Some(at) = xml.find(&key) else {
            continue;
        };
        let start = xml[..at].rfind('<').unwrap_or(at);
        let end = xml[at..].find('>').map_or(xml.len(), |i| at + i + 1);
        xml.replace_range(start..end, "");
    }
    let theme = format!(
        r#"<Override PartName="/{}" ContentType="{}" /></Types>"#,
        theme::PART,
        theme::CONTENT_TYPE
    );
    xml.replacen("</Types>", &theme, 1)
}

fn utf8(name: &str, data: &[u8]) -> Result<String, ExportError> {
    String::from_utf8(data.to_vec())
        .map_err(|_| ExportError(format!("无法打包文件（{name} 不是 UTF-8）")))
}

/// The document's relationship to its theme part.
fn with_theme_relationship(xml: &str) -> String {
    let theme = format!(
        r#"<Relationship Id="rIdTheme1" Type="{}" Target="theme/theme1.xml" /></Relationships>"#,
        theme::RELATIONSHIP
    );
    xml.replacen("</Relationships>", &theme, 1)
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in xml_safe(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn core_properties(notice: &Notice, meta: &DocumentMeta) -> String {
    let title = escape(&compose::title(notice));
    let author = escape(&notice.header.organs.join("、"));
    let created = escape(&meta.created);
    let modified = escape(&meta.modified);
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator>",
            "<cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = title,
        author = author,
        created = created,
        modified = modified,
    )
}
