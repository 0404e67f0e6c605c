//! The web app: thin Leptos components over the core. State is one signal
//! holding the [`Notice`](notice_core::Notice); each step edits its part.

mod app;
mod browser;
mod fields;
pub mod first_frame;
mod lazy;
mod library;
mod offline;
pub(crate) mod preview;
mod reuse;
mod session;
mod steps;
mod storage;
mod worker;

pub use app::App;
pub use session::Session;
pub use storage::LocalStore;

/// Mounts the app on the page's body. index.html's start script calls it
/// once the first frame can be handed over (first-frame.js).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// For other pages and scripts: the app's export as a function. Takes a
/// draft file's JSON (the format in README.md), resolves to the .docx bytes.
/// index.html's start script exposes it as `window.wasmBindings.exportDocx(json)`.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = exportDocx)]
pub fn export_docx_js(draft_json: String) -> js_sys::Promise {
    export_promise(draft_json, false)
}

/// The same for an OFD file (GB/T 33190-2016): resolves to the .ofd
/// bytes: `window.wasmBindings.exportOfd(json)`.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = exportOfd)]
pub fn export_ofd_js(draft_json: String) -> js_sys::Promise {
    export_promise(draft_json, true)
}

/// A promise of the export, settled from the app's own task queue: two
/// `async` exports would each bring a future-to-promise executor into the
/// first load (about 280 bytes gzip).
fn export_promise(draft_json: String, ofd: bool) -> js_sys::Promise {
    let mut job = Some(draft_json);
    js_sys::Promise::new(&mut |resolve, reject| {
        let Some(draft_json) = job.take() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let _ = match export_in_worker(draft_json, ofd).await {
                Ok(bytes) => resolve.call1(
                    &wasm_bindgen::JsValue::UNDEFINED,
                    &js_sys::Uint8Array::from(bytes.as_slice()),
                ),
                Err(error) => reject.call1(
                    &wasm_bindgen::JsValue::UNDEFINED,
                    &wasm_bindgen::JsValue::from_str(&error),
                ),
            };
        });
    })
}

lazy::lazy_part! {
    async fn export_in_worker(draft_json: String, ofd: bool) -> Result<Vec<u8>, String> {
        let draft = notice_core::draft::DraftEnvelope::from_json(&draft_json)
            .map_err(|e| e.to_string())?;
        let format = if ofd {
            notice_office::docx::request::ExportFormat::Ofd
        } else {
            notice_office::docx::request::ExportFormat::Docx
        };
        let file = worker::export(&draft.notice, browser::now_w3c(), false, None, format, draft.id).await?;
        Ok(file.bytes)
    }
}
