//! The export behind an async interface: the work runs in a Web Worker
//! (src/bin/export-worker.rs), so the page's first load stays small and
//! typing never waits for an export. The worker is started after the first
//! paint, so the first export does not wait for its download either.

use notice_core::Notice;
use notice_office::docx::request::{ExportFormat, ExportRequest};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The build names the worker's files after its binary (no content hash).
const WORKER_SCRIPT: &str = "./export-worker_loader.js";

/// The worker's script: the single-file build, opened from disk, puts a
/// blob: URL in `window.NOTICE_DESK_WORKER_URL`.
fn worker_url() -> String {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"NOTICE_DESK_WORKER_URL".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| WORKER_SCRIPT.to_owned())
}

/// Requests waiting for the worker, and whether it has said it is ready.
#[derive(Default)]
struct Mailbox {
    ready: bool,
    queued: Vec<js_sys::Object>,
    pending: HashMap<u32, js_sys::Function>,
}

struct ExportWorker {
    worker: web_sys::Worker,
    mailbox: std::rc::Rc<RefCell<Mailbox>>,
    next_id: u32,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

thread_local! {
    static WORKER: RefCell<Option<ExportWorker>> = const { RefCell::new(None) };
}

fn start() -> Result<(), String> {
    WORKER.with(|slot| {
        if slot.borrow().is_some() {
            return Ok(());
        }
        let worker = web_sys::Worker::new(&worker_url())
            .map_err(|_| "无法启动导出程序（Web Worker）。".to_owned())?;
        let mailbox = std::rc::Rc::new(RefCell::new(Mailbox::default()));
        let inbox = mailbox.clone();
        let sender = worker.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let data = event.data();
                let mut mailbox = inbox.borrow_mut();
                if js_sys::Reflect::get(&data, &"ready".into())
                    .ok()
                    .and_then(|v| v.as_bool())
                    == Some(true)
                {
                    mailbox.ready = true;
                    for message in std::mem::take(&mut mailbox.queued) {
                        let _ = sender.post_message(&message);
                    }
                    return;
                }
                let id = js_sys::Reflect::get(&data, &"id".into())
                    .ok()
                    .and_then(|v| v.as_f64())
                    .unwrap_or(-1.0) as u32;
                if let Some(resolve) = mailbox.pending.remove(&id) {
                    drop(mailbox);
                    let _ = resolve.call1(&JsValue::NULL, &data);
                }
            },
        );
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        *slot.borrow_mut() = Some(ExportWorker {
            worker,
            mailbox,
            next_id: 1,
            _on_message: on_message,
        });
        Ok(())
    })
}

/// Starts the worker ahead of the first export.
pub fn warm_up() {
    let _ = start();
}

/// The exported file: its name and bytes.
pub struct Exported {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Sends one message to the worker and waits for its answer.
async fn call(fields: &[(&str, JsValue)]) -> Result<JsValue, String> {
    start()?;
    let promise = WORKER.with(|slot| {
        let mut slot = slot.borrow_mut();
        let worker = slot.as_mut().ok_or("后台程序未启动。")?;
        let id = worker.next_id;
        worker.next_id += 1;
        let mailbox = worker.mailbox.clone();
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            mailbox.borrow_mut().pending.insert(id, resolve);
        });
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"id".into(), &JsValue::from(id));
        for (key, value) in fields {
            let _ = js_sys::Reflect::set(&message, &JsValue::from_str(key), value);
        }
        let mut mailbox = mailbox.borrow_mut();
        if mailbox.ready {
            worker
                .worker
                .post_message(&message)
                .map_err(|_| "无法把内容交给后台程序。".to_owned())?;
        } else {
            mailbox.queued.push(message);
        }
        Ok::<_, String>(promise)
    })?;
    let answer = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|_| "后台程序没有回应。".to_owned())?;
    let ok = js_sys::Reflect::get(&answer, &"ok".into())
        .ok()
        .and_then(|v| v.as_bool());
    if ok == Some(true) {
        Ok(answer)
    } else {
        Err(js_sys::Reflect::get(&answer, &"error".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| "后台程序出错。".into()))
    }
}

fn field(answer: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(answer, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Exports the notice in the worker, as a .docx or an OFD.
pub async fn export(
    notice: &Notice,
    now: String,
    common_fonts: bool,
    letterhead: Option<i32>,
    format: ExportFormat,
    draft_id: String,
) -> Result<Exported, String> {
    let request = ExportRequest {
        notice: notice.clone(),
        now,
        common_fonts,
        format,
        draft_id,
        letterhead: letterhead.map(|twips| twips.max(0) as u32),
    }
    .to_json();
    let answer = call(&[
        ("kind", JsValue::from_str("export")),
        ("request", JsValue::from_str(&request)),
    ])
    .await?;
    Ok(Exported {
        name: field(&answer, "name").as_string().unwrap_or_default(),
        bytes: js_sys::Uint8Array::new(&field(&answer, "bytes")).to_vec(),
    })
}

/// Imports an existing notice (a .docx, or text as bytes) in the worker.
pub async fn import(
    name: &str,
    bytes: &[u8],
) -> Result<notice_office::import::ImportReport, String> {
    let answer = call(&[
        ("kind", JsValue::from_str("import")),
        ("name", JsValue::from_str(name)),
        ("bytes", js_sys::Uint8Array::from(bytes).into()),
    ])
    .await?;
    let report = field(&answer, "report").as_string().unwrap_or_default();
    notice_office::import::ImportReport::from_json(&report)
        .map_err(|e| format!("导入结果无法读取（{e}）。"))
}
