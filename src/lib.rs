//! 通知起草台: draft a campaign notice in the browser and export it as a
//! GB/T 9704-2012 .docx.
//!
//! - [`core`]: the notice model, the format's numbers, drafts (pure Rust);
//! - [`docx`]: the .docx writer (pure Rust, native and wasm);
//! - `ui`: the Leptos web app (wasm32 only).

pub mod core;
pub mod docx;
pub mod import;
pub mod ofd;

#[cfg(target_arch = "wasm32")]
pub mod ui;
