//! The worker (wasm32, built by Trunk as a Web Worker) that runs what the
//! page keeps out of its own module: the .docx export (docx-rs, zip) and the
//! import of existing notices (zip, XML). It receives
//! `{id, kind: "export", request}` (an export request as JSON) or
//! `{id, kind: "import", name, bytes}`, and answers
//! `{id, ok, name, bytes}` / `{id, ok, report}` or `{id, ok: false, error}`,
//! each with `memory` (the module's memory in bytes).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            let get = |key: &str| {
                js_sys::Reflect::get(&data, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
            };
            let answer = js_sys::Object::new();
            let set = |key: &str, value: &JsValue| {
                let _ = js_sys::Reflect::set(&answer, &JsValue::from_str(key), value);
            };
            set("id", &get("id"));
            let mut transfer = js_sys::Array::new();
            let outcome = match get("kind").as_string().as_deref() {
                Some("import") => {
                    let name = get("name").as_string().unwrap_or_default();
                    let bytes = js_sys::Uint8Array::new(&get("bytes")).to_vec();
                    notice_office::import::import_file(&name, &bytes)
                        .map(|report| set("report", &JsValue::from_str(&report.to_json())))
                }
                _ => {
                    let request = get("request").as_string().unwrap_or_default();
                    notice_office::docx::request::run_json(&request).map(|file| {
                        let bytes = js_sys::Uint8Array::from(file.bytes.as_slice());
                        set("name", &JsValue::from_str(&file.name));
                        set("bytes", &bytes);
                        transfer = js_sys::Array::of1(&bytes.buffer());
                    })
                }
            };
            // The module's memory after the job, for the benchmark that
            // checks that 100 exports do not make it grow (scripts/bench.sh).
            let memory = wasm_bindgen::memory()
                .unchecked_into::<js_sys::WebAssembly::Memory>()
                .buffer()
                .unchecked_into::<js_sys::ArrayBuffer>()
                .byte_length();
            set("memory", &JsValue::from(memory));
            match outcome {
                Ok(()) => set("ok", &JsValue::TRUE),
                Err(error) => {
                    set("ok", &JsValue::FALSE);
                    set("error", &JsValue::from_str(&error));
                }
            }
            let _ = reply_to.post_message_with_transfer(&answer, &transfer);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages that arrive before the handler is set are lost: the page
    // holds its requests until it hears this.
    let ready = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&ready, &JsValue::from_str("ready"), &JsValue::TRUE);
    let _ = scope.post_message(&ready);
}
