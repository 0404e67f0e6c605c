//! Browser tests (wasm-bindgen-test in headless Chromium): the parts of the
//! app that need a real browser: localStorage, the mounted form, the export
//! running as wasm.
#![cfg(target_arch = "wasm32")]

use notice_core::draft::KeyValueStore;
use notice_core::library::{draft_key, Library, CURRENT_KEY};
use notice_core::{Notice, TaskList, TaskRow};
use notice_office::docx::{export_docx, DocumentMeta};
use notice_web::{App, LocalStore};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Mounts the app in a container of its own, replacing the previous test's
/// (the tests share one page, whose body also holds the runner's output).
fn mount_fresh_app() {
    let document = web_sys::window().unwrap().document().unwrap();
    if let Some(old) = document.get_element_by_id("app-under-test") {
        old.remove();
    }
    let container = document.create_element("div").unwrap();
    container.set_id("app-under-test");
    document.body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.dyn_into().unwrap(), App);
    handle.forget();
}

#[wasm_bindgen_test]
fn local_store_round_trips_a_draft_through_local_storage() {
    local_storage().clear().unwrap();
    let store = LocalStore::open().expect("localStorage is available");
    let notice = Notice {
        title: Some("关于开展2021年“质量月”活动的通知".into()),
        tasks: TaskList {
            rows: vec![TaskRow {
                name: "<script>alert(1)</script>".into(),
                ..TaskRow::default()
            }],
            ..TaskList::default()
        },
        ..Notice::default()
    };
    let library = Library::new(store);
    library
        .create("t1", notice.clone(), "2021-09-06T08:00:00Z")
        .unwrap();
    assert!(store.get(&draft_key("t1")).unwrap().is_some());
    assert_eq!(store.keys().unwrap(), [draft_key("t1")]);
    let loaded = library.load("t1").unwrap();
    assert_eq!(loaded.notice, notice);
    store.remove(&draft_key("t1")).unwrap();
    assert!(library.list().unwrap().drafts.is_empty());
}

#[wasm_bindgen_test]
fn export_runs_as_wasm_and_gives_a_zip() {
    let notice = Notice {
        title: Some("关于开展2021年“质量月”活动的通知".into()),
        ..Notice::default()
    };
    let bytes = export_docx(&notice, &DocumentMeta::at("2021-09-06T08:00:00Z")).unwrap();
    assert_eq!(&bytes[..2], b"PK");
}

#[wasm_bindgen_test]
async fn typing_in_the_form_saves_the_draft_and_shows_text_as_text() {
    local_storage().clear().unwrap();
    mount_fresh_app();
    sleep(0).await;
    let document = web_sys::window().unwrap().document().unwrap();
    // Step 2 holds the title.
    document
        .get_element_by_id("step-2")
        .expect("the stepper shows step 2")
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    sleep(0).await;
    let title: web_sys::HtmlInputElement = document
        .get_element_by_id("title")
        .expect("the form shows a title field")
        .dyn_into()
        .unwrap();
    let markup = "<b id=\"injected\">关于开展“质量月”活动的通知</b>";
    title.set_value(markup);
    title
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    // Saving waits for a pause in typing (the effect runs after the event).
    sleep(0).await;
    assert_eq!(
        document
            .get_element_by_id("save-status")
            .unwrap()
            .text_content()
            .as_deref(),
        Some("保存中…")
    );
    sleep(800).await;

    let current = local_storage().get_item(CURRENT_KEY).unwrap().unwrap();
    let saved = local_storage().get_item(&draft_key(&current)).unwrap();
    assert!(saved.unwrap().contains("关于开展“质量月”活动的通知"));
    assert_eq!(
        document
            .get_element_by_id("save-status")
            .unwrap()
            .text_content()
            .as_deref(),
        Some("已保存")
    );
    // The title was never interpreted as markup.
    assert!(document.get_element_by_id("injected").is_none());
}

/// A stored draft of hostile content: 1,000 tasks, very long text, emoji,
/// rare characters, control characters, markup.
fn hostile_notice() -> Notice {
    let markup = "<img src=x onerror=alert(1)><script>window.pwned=1</script>";
    let mut notice = Notice {
        title: Some(format!("{markup}\u{0}\u{1b}\u{FFFF}𠀀😀")),
        recipients: vec!["各股室".repeat(2_000)],
        ..Notice::default()
    };
    notice.header.organs = vec![markup.to_owned()];
    notice.sections.push(notice_core::edit::new_section(
        &notice,
        notice_core::SectionKind::Tasks,
    ));
    notice.tasks.rows = (0..1_000)
        .map(|i| TaskRow {
            name: format!("第{i}项 {markup} 😀\u{7}"),
            lead: "质量股".into(),
            ..TaskRow::default()
        })
        .collect();
    notice
}

#[wasm_bindgen_test]
async fn a_hostile_thousand_task_draft_loads_shows_text_as_text_and_exports() {
    local_storage().clear().unwrap();
    let store = LocalStore::open().unwrap();
    let notice = hostile_notice();
    let library = Library::new(store);
    library
        .create("hostile", notice.clone(), "2021-09-06T08:00:00Z")
        .unwrap();
    library.set_current_id("hostile").unwrap();

    mount_fresh_app();
    sleep(0).await;
    let document = web_sys::window().unwrap().document().unwrap();
    document
        .get_element_by_id("step-4")
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    sleep(50).await;
    let rows = document
        .query_selector_all("ol.tasks > li")
        .unwrap()
        .length();
    assert_eq!(rows, 1_000);
    let last = document.get_element_by_id("task-999-name").unwrap();
    let last = js_sys::Reflect::get(&last, &"value".into())
        .unwrap()
        .as_string()
        .unwrap_or_default();
    assert!(last.starts_with("第999项 <img"));
    // Nothing of the markup became an element or ran.
    assert!(document.query_selector("img").unwrap().is_none());
    let pwned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"pwned".into()).unwrap();
    assert!(pwned.is_undefined());

    // The export of the same draft succeeds and strips what XML forbids.
    let bytes = export_docx(&notice, &DocumentMeta::at("2021-09-06T08:00:00Z")).unwrap();
    assert_eq!(&bytes[..2], b"PK");
}
