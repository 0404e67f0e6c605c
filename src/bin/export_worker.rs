//! The export worker (wasm32, built by Trunk as a Web Worker): receives
//! `{id, request}` where `request` is an export request as JSON, answers
//! `{id, ok, name, bytes}` or `{id, ok: false, error}`. It holds docx-rs and
//! zip, which the page itself never loads.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

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
            let request = get("request").as_string().unwrap_or_default();
            let mut transfer = js_sys::Array::new();
            match notice_desk::docx::request::run_json(&request) {
                Ok(file) => {
                    let bytes = js_sys::Uint8Array::from(file.bytes.as_slice());
                    set("ok", &JsValue::TRUE);
                    set("name", &JsValue::from_str(&file.name));
                    set("bytes", &bytes);
                    transfer = js_sys::Array::of1(&bytes.buffer());
                }
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

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("export-worker runs in the browser; natively, use `notice export`.");
}
