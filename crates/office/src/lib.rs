//! The notice's office files: the GB/T 9704 .docx writer ([`docx`]) and the
//! importers of existing notices, .docx and text ([`import`]). Native and
//! wasm32 (the export worker).

pub mod docx;
pub mod import;
