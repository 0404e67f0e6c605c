//! The .docx writer: turns a [`Notice`] into a Word file laid out per
//! GB/T 9704-2012. Pure Rust, used by the web app, the `notice` command and
//! the tests alike.

mod font_table;
mod layout;
mod package;
pub mod request;
pub mod schema_order;
mod styles;
mod theme;

use notice_core::{compose, Notice};

pub use layout::FontSet;

/// Facts about the file that are not part of the notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMeta {
    /// W3C date-time (e.g. 2021-09-06T08:00:00Z) of the file's creation.
    pub created: String,
    /// W3C date-time of the last change; usually the same as `created`.
    pub modified: String,
    pub fonts: FontSet,
    /// Printing on preprinted letterhead (套打): twips from the top of the
    /// text block down to the paper's red rule (see
    /// [`compose::on_letterhead`]); `None` prints the 版头.
    pub letterhead: Option<i32>,
}

impl DocumentMeta {
    /// A file made at `time`, in the standard's fonts.
    pub fn at(time: impl Into<String>) -> Self {
        let time = time.into();
        Self {
            created: time.clone(),
            modified: time,
            fonts: FontSet::STANDARD,
            letterhead: None,
        }
    }
}

/// Why an export failed, in words for the user; whoever reports it says
/// that the export failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError(pub String);

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExportError {}

/// Writes the notice as a .docx package (the bytes of the file).
pub fn export_docx(notice: &Notice, meta: &DocumentMeta) -> Result<Vec<u8>, ExportError> {
    let docx = layout::lay_out(notice, meta.fonts, meta.letterhead);
    let mut stored = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut stored)
        .map_err(|e| ExportError(format!("无法生成文件（{e}）")))?;
    package::finish(&stored.into_inner(), notice, meta)
}

/// The file name a user expects: the title, without characters that
/// Windows or the browser refuse in a name.
pub fn file_name(notice: &Notice) -> String {
    let title = compose::title(notice);
    let cleaned: String = notice_core::text::xml_safe(title.trim())
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c => c,
        })
        .take(80)
        .collect();
    let stem = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if stem.is_empty() {
        "通知.docx".to_owned()
    } else {
        format!("{stem}.docx")
    }
}

#[cfg(test)]
mod tests;
