//! Import of existing notices: plain text pasted from a web page or Word
//! ([`text`]) and .docx files ([`docx`]) become a structured draft.
//!
//! Both readers turn their input into the same sequence of lines and tables
//! and share one parser, which recognises the parts of a notice by their
//! shape (a 发文字号, a line ending with ：, an organ above a date, headings
//! numbered 一、（一）1.（1）…) rather than by position, since pasted text
//! comes with parts missing, doubled or out of order.
//!
//! Nothing is dropped silently: every non-empty line of the input ends up in
//! the draft, or in [`ImportReport::unrecognised`] for the user to see. Only
//! markup is consumed without a trace: the "|" lines of a table flattened
//! by a web page, and numbering (一、 1.) that the app writes itself.
//!
//! Pure Rust, no browser: tested natively and used by the app and the CLI.

pub mod docx;
mod lines;
mod parse;
mod table;
pub mod text;

use crate::core::Notice;

/// The largest file taken for import: a long notice as .docx is well under
/// 1 MB.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// Imports a file the user picked (or pasted text as bytes), by content:
/// a zip is read as .docx, UTF-8 text as a pasted notice.
pub fn import_file(name: &str, bytes: &[u8]) -> Result<ImportReport, String> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(format!(
            "“{name}”太大（{:.1} MB），无法作为通知导入。",
            bytes.len() as f64 / 1024.0 / 1024.0
        ));
    }
    if bytes.starts_with(b"PK") {
        return docx::import_docx(bytes).map_err(|e| format!("“{name}”：{e}"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) if !text.trim().is_empty() => Ok(text::import_text(text.trim_start_matches('\u{feff}'))),
        Ok(_) => Err(format!("“{name}”是空的。")),
        Err(_) => Err(format!(
            "“{name}”既不是 .docx 文档，也不是 UTF-8 文本，无法导入。Word 97-2003 的 .doc 请先在 Word 中另存为 .docx。"
        )),
    }
}

/// What an import produced.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportReport {
    /// The draft.
    pub notice: Notice,
    /// What was recognised, in words for the user (发文字号：…, 活动安排：11项…).
    pub recognised: Vec<String>,
    /// Input lines that were not recognised, in input order, as they were.
    pub unrecognised: Vec<String>,
    /// Parts a notice usually has that were not found (标题, 发文字号…).
    pub missing: Vec<String>,
    /// How many non-empty lines (paragraphs, table cells) the input had.
    pub lines: usize,
}

/// One unit of input for the parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    /// A line of text (a paragraph of a .docx).
    Line(String),
    /// A table, as rows of cells; a cell may hold several lines.
    Table(Vec<Vec<String>>),
}

#[cfg(test)]
mod file_tests {
    use super::*;

    #[test]
    fn files_are_read_by_content() {
        let text = "关于开展2021年“质量月”活动的通知\n各股室：\n为开展好活动，特制定本方案。\n";
        let report = import_file("a.txt", text.as_bytes()).unwrap();
        assert!(report.lines >= 3);
        assert!(import_file("b.doc", &[0xd0, 0xcf, 0x11, 0xe0, 0xff])
            .unwrap_err()
            .contains(".docx"));
        assert!(import_file("c.txt", b"  \n").unwrap_err().contains("空"));
        assert!(import_file("d.docx", b"PK\x03\x04garbage").is_err());
    }
}
