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

/// What an import produced.
#[derive(Debug, Clone, PartialEq, Eq)]
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
