//! Small wrappers over browser APIs the components need.

use wasm_bindgen::JsCast;

/// Now, as a W3C date-time (UTC).
pub fn now_w3c() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Hands `bytes` to the browser as a download named `name`.
pub fn download(bytes: &[u8], name: &str, mime: &str) -> Result<(), String> {
    let fail = |_| "浏览器拒绝了下载。".to_owned();
    let window = web_sys::window().ok_or("没有浏览器窗口。")?;
    let document = window.document().ok_or("没有页面文档。")?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "无法创建下载链接。".to_owned())?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // Revoking at once can cancel the download in some browsers.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// Links the stylesheet `href` into the page under `id`, once; the link
/// (to listen for its load), or `None` if it was linked already.
pub fn link_stylesheet(id: &str, href: &str) -> Option<web_sys::Element> {
    let document = leptos::prelude::document();
    if document.get_element_by_id(id).is_some() {
        return None;
    }
    let link = document.create_element("link").ok()?;
    let _ = link.set_attribute("id", id);
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", href);
    document.head()?.append_child(&link).ok()?;
    Some(link)
}

/// The bytes of a file the user picked.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "无法读取文件。".to_owned())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Puts the cursor in a field (opening a folded <details> around it) as
/// soon as it is on the page: its step may still be loading (lazy.rs),
/// so this looks again each frame, for up to about five seconds.
pub fn focus_when_shown(field: String) {
    fn attempt(field: String, frames_left: u32) {
        leptos::prelude::request_animation_frame(move || {
            let Some(element) = leptos::prelude::document().get_element_by_id(&field) else {
                if frames_left > 0 {
                    attempt(field, frames_left - 1);
                }
                return;
            };
            if let Ok(Some(details)) = element.closest("details") {
                let _ = details.set_attribute("open", "");
            }
            if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        });
    }
    attempt(field, 300);
}
