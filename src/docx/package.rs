//! The last step of an export: re-pack docx-rs's output. docx-rs stores every
//! part uncompressed and writes core properties that name no title or author
//! and date the file to 1970; this writes the package deflated, with real
//! properties and the notice's own styles part.

use super::{DocumentMeta, ExportError};
use crate::core::compose;
use crate::core::text::xml_safe;
use crate::core::Notice;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

const CORE_PROPS: &str = "docProps/core.xml";
const DOCUMENT: &str = "word/document.xml";
const STYLES: &str = "word/styles.xml";

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
    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(stored.len() / 3)));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| fail(&e))?;
        if entry.is_dir() {
            // Folders are implied by the part names; Word writes none.
            continue;
        }
        let name = entry.name().to_owned();
        out.start_file(name.as_str(), options)
            .map_err(|e| fail(&e))?;
        if name == CORE_PROPS {
            out.write_all(core_properties(notice, meta).as_bytes())
                .map_err(|e| fail(&e))?;
        } else if name == STYLES {
            out.write_all(super::styles::styles_xml(meta.fonts).as_bytes())
                .map_err(|e| fail(&e))?;
        } else if name == DOCUMENT {
            let mut xml = String::with_capacity(entry.size() as usize);
            entry.read_to_string(&mut xml).map_err(|e| fail(&e))?;
            out.write_all(repeat_header_rows(&xml).as_bytes())
                .map_err(|e| fail(&e))?;
        } else {
            let mut data = Vec::with_capacity(entry.size() as usize);
            entry.read_to_end(&mut data).map_err(|e| fail(&e))?;
            out.write_all(&data).map_err(|e| fail(&e))?;
        }
    }
    Ok(out.finish().map_err(|e| fail(&e))?.into_inner())
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
