//! Working offline: the service worker (assets/sw.js) keeps the app; when a
//! new version is deployed the user is told and chooses when to reload.
//! Drafts are in localStorage, which an update never touches.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// Set when the user chose to update: only then does a change of
    /// service worker reload the page (the first install also changes it,
    /// and must not reload under the user's fingers).
    static UPDATE_REQUESTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the page was opened from a file (the single-file build).
pub fn from_file() -> bool {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "file:")
}

/// Links the web app manifest (install as an app) and the page's icon now
/// rather than in index.html, whose every request before the form counts
/// against the first load; the browser reads a manifest linked later, and
/// changes the tab's icon, all the same. (index.html's icon is an empty
/// `data:` one: with none, the browser would fetch /favicon.ico instead.)
fn link_manifest_and_icon(window: &web_sys::Window) {
    let Some(document) = window.document() else {
        return;
    };
    if let Ok(Some(icon)) = document.query_selector("link[rel=icon]") {
        let _ = icon.set_attribute("type", "image/svg+xml");
        let _ = icon.set_attribute("href", "icon.svg");
    }
    let (Some(head), Ok(link)) = (document.head(), document.create_element("link")) else {
        return;
    };
    let _ = link.set_attribute("rel", "manifest");
    let _ = link.set_attribute("href", "manifest.webmanifest");
    let _ = head.append_child(&link);
}

/// Registers the service worker; `update_ready` turns true when a new
/// version waits.
pub fn register(update_ready: RwSignal<bool>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if from_file() {
        return;
    }
    link_manifest_and_icon(&window);
    if !js_sys::Reflect::has(&window.navigator(), &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let container = window.navigator().service_worker();
    // After the user chose to update, the new worker takes over: reload once.
    let on_controller_change = Closure::<dyn FnMut()>::new(move || {
        if UPDATE_REQUESTED.with(|r| r.get()) {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        }
    });
    let promise = container.register("./sw.js");
    leptos::task::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(promise).await else {
            return;
        };
        let Ok(registration) = registration.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
            return;
        };
        let container = window.navigator().service_worker();
        let controlled = container.controller().is_some();
        if registration.waiting().is_some() && controlled {
            update_ready.set(true);
        }
        container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
        on_controller_change.forget();
        let watched = registration.clone();
        let on_update = Closure::<dyn FnMut()>::new(move || {
            if let Some(installing) = watched.installing() {
                let worker = installing.clone();
                let on_state = Closure::<dyn FnMut()>::new(move || {
                    let installed = worker.state() == web_sys::ServiceWorkerState::Installed;
                    let has_controller = web_sys::window()
                        .map(|w| w.navigator().service_worker().controller().is_some())
                        .unwrap_or(false);
                    if installed && has_controller {
                        update_ready.set(true);
                    }
                });
                installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
                on_state.forget();
            }
        });
        registration.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
        on_update.forget();
    });
}

/// Tells the waiting worker to take over; the page reloads when it has.
pub fn apply_update() {
    let Some(window) = web_sys::window() else {
        return;
    };
    UPDATE_REQUESTED.with(|r| r.set(true));
    let promise = window.navigator().service_worker().ready();
    leptos::task::spawn_local(async move {
        if let Ok(registration) = wasm_bindgen_futures::JsFuture::from(
            promise.unwrap_or_else(|_| js_sys::Promise::resolve(&JsValue::NULL)),
        )
        .await
        {
            if let Ok(registration) = registration.dyn_into::<web_sys::ServiceWorkerRegistration>()
            {
                if let Some(waiting) = registration.waiting() {
                    let _ = waiting.post_message(&"skip-waiting".into());
                }
            }
        }
    });
}
