//! The pure core: the notice model, the GB/T 9704 numbers, text hygiene and
//! the draft envelope. Nothing here knows about Leptos, the DOM or .docx.

pub mod draft;
pub mod gbt9704;
pub mod model;
pub mod text;
pub mod time;

pub use model::{DocDate, DocNumber, Notice, Signature, TaskRow};
