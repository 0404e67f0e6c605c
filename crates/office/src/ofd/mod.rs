//! The OFD writer (GB/T 33190-2016 版式文档, the format 党政机关电子公文
//! circulate in under GB/T 33476): the same pages as the preview and the
//! .docx, every glyph placed where the core's layout puts it, fonts named
//! and not embedded. Pure Rust; it runs in the export worker, never in the
//! page's first load.

mod content;
mod frames;
mod parts;
pub mod sheet;
mod xml;

use crate::docx::{DocumentMeta, ExportError};
use notice_core::{compose, Notice};
use sheet::{Face, FACES};
use std::io::Write;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

pub use frames::sheets;

/// Facts about the file that are not part of the notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfdMeta {
    /// The file's date and fonts, as for the .docx.
    pub document: DocumentMeta,
    /// The draft's id in the library (empty for a draft from elsewhere):
    /// the same draft keeps the same `DocID` from export to export.
    pub draft_id: String,
}

impl OfdMeta {
    /// A file made at `time`, in the standard's fonts, for no saved draft.
    pub fn at(time: impl Into<String>) -> Self {
        Self {
            document: DocumentMeta::at(time),
            draft_id: String::new(),
        }
    }
}

/// One id counter for the whole document (fonts, pages, layers, objects):
/// ids are unique in the file and `MaxUnitID` is the largest.
pub(crate) struct Ids(u32);

impl Ids {
    pub(crate) fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
}

/// A 128-bit FNV-1a hash as 32 hexadecimal digits: stable across builds
/// and platforms, unlike the standard library's hasher.
fn hex_id(text: &str) -> String {
    let mut hash: u128 = 0x6c62272e07bb014262b821756295c58d;
    for byte in text.bytes() {
        hash ^= byte as u128;
        hash = hash.wrapping_mul(0x0000000001000000000000000000013b);
    }
    format!("{hash:032x}")
}

/// The `DocID`: from the draft's id when there is one, otherwise from what
/// identifies the notice (organs, 发文字号, title).
fn doc_id(notice: &Notice, meta: &OfdMeta) -> String {
    if meta.draft_id.trim().is_empty() {
        hex_id(&format!(
            "notice\u{1}{}\u{1}{}\u{1}{}",
            notice.header.organs.join("、"),
            notice.header.doc_number,
            compose::title(notice)
        ))
    } else {
        hex_id(&format!("draft\u{1}{}", meta.draft_id.trim()))
    }
}

/// The 发文机关: the 版头's organs, or the signing organs.
fn author(notice: &Notice) -> String {
    let organs: Vec<&str> = notice.header.named_organs().collect();
    if organs.is_empty() {
        notice.signing_organs().join("、")
    } else {
        organs.join("、")
    }
}

/// Writes the notice as an OFD package (the bytes of the file).
pub fn export_ofd(notice: &Notice, meta: &OfdMeta) -> Result<Vec<u8>, ExportError> {
    write_package(notice, meta, &sheets(notice))
}

fn write_package(
    notice: &Notice,
    meta: &OfdMeta,
    sheets: &[sheet::Sheet],
) -> Result<Vec<u8>, ExportError> {
    let mut ids = Ids(0);
    let fonts: Vec<(Face, u32, &str)> = FACES
        .iter()
        .map(|&face| {
            (
                face,
                ids.next(),
                parts::font_name(&meta.document.fonts, face),
            )
        })
        .collect();
    let font_id = |g: &sheet::Glyphs| {
        fonts
            .iter()
            .find(|(face, _, _)| *face == g.face)
            .map_or(1, |(_, id, _)| *id)
    };
    let mut pages = Vec::new();
    let mut contents = Vec::new();
    let mut refs = Vec::new();
    for (k, sheet) in sheets.iter().enumerate() {
        let page_id = ids.next();
        let (xml, tagged) = content::page(sheet, &mut ids, font_id);
        refs.extend(tagged.into_iter().map(|(e, id)| (e, page_id, id)));
        pages.push((page_id, format!("Pages/Page_{k}/Content.xml")));
        contents.push(xml);
    }
    let title = compose::title(notice);
    let author = author(notice);
    let doc_id = doc_id(notice, meta);
    let date: String = meta.document.created.chars().take(10).collect();
    let number = notice.header.doc_number.to_string();
    let signed = notice
        .signature
        .date
        .map(|d| d.to_string())
        .unwrap_or_default();
    let custom = [
        (
            "文种",
            if title.ends_with('函') {
                "函"
            } else {
                "通知"
            }
            .to_owned(),
        ),
        ("发文字号", number),
        ("发文机关", author.clone()),
        ("成文日期", signed),
    ];
    let info = parts::DocInfo {
        doc_id: &doc_id,
        title: &title,
        author: &author,
        date: &date,
        custom: &custom,
    };
    let mut files: Vec<(String, String)> = vec![
        ("OFD.xml".into(), parts::ofd_xml(&info)),
        (
            "Doc_0/Document.xml".into(),
            parts::document_xml(ids.0, &pages, !refs.is_empty()),
        ),
        (
            "Doc_0/PublicRes.xml".into(),
            parts::public_res_xml(
                &fonts
                    .iter()
                    .map(|(_, id, name)| (*id, *name))
                    .collect::<Vec<_>>(),
            ),
        ),
    ];
    for ((_, loc), xml) in pages.iter().zip(contents) {
        files.push((format!("Doc_0/{loc}"), xml));
    }
    if !refs.is_empty() {
        files.push(("Doc_0/Tags/CustomTags.xml".into(), parts::custom_tags_xml()));
        files.push((
            "Doc_0/Tags/CustomTag.xml".into(),
            parts::custom_tag_xml(&refs),
        ));
    }
    let fail = |e: &dyn std::fmt::Display| ExportError(format!("无法生成 OFD 文件（{e}）"));
    let mut out = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, xml) in files {
        out.start_file(name, options).map_err(|e| fail(&e))?;
        out.write_all(xml.as_bytes()).map_err(|e| fail(&e))?;
    }
    Ok(out.finish().map_err(|e| fail(&e))?.into_inner())
}

/// The file name a user expects: the .docx's name with `.ofd`.
pub fn file_name(notice: &Notice) -> String {
    let docx = crate::docx::file_name(notice);
    format!("{}.ofd", docx.trim_end_matches(".docx"))
}

#[cfg(test)]
mod tests;
