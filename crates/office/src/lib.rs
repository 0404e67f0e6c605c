//! The notice's office files: the GB/T 9704 .docx writer ([`docx`]), the
//! GB/T 33190 OFD writer ([`ofd`]) and the importers of existing notices,
//! .docx and text ([`import`]). Native and wasm32 (the export worker).

pub mod docx;
pub mod import;
pub mod ofd;
