//! End to end: the first frame in index.html, on screen before the page's
//! module has arrived (the module is held back by the server, as a slow
//! link would): it is the app's own first frame, what a new user types,
//! ticks and clicks in it is kept when the app takes its place (an IME
//! composition is finished first), a returning user never sees it (their
//! service worker serves them the page without it), and a browser that
//! cannot start the app says so.
#![cfg(not(target_arch = "wasm32"))]

use notice_tests as support;

use fantoccini::{Client, Locator};
use notice_core::draft::DraftEnvelope;
use serde_json::Value;
use std::time::Duration;
use support::ui::*;

async fn js(client: &Client, script: &str) -> Value {
    client.execute(script, vec![]).await.unwrap()
}

/// A new user's browser on the page, its module held back by the server,
/// once the first frame shows step 1.
async fn held_back(name: &str) -> (support::StaticServer, support::Driver, Client) {
    let server = support::serve_controlled(support::dist_dir());
    server.hold_module();
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir(name)).await;
    client.goto(&server.url).await.unwrap();
    frame_shows(&client, "#organ-0").await;
    (server, driver, client)
}

/// Waits for the first frame's field `css` to be on screen.
async fn frame_shows(client: &Client, css: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let script = format!(
        "const e = document.querySelector('#first-frame {css}'); return !!e && e.getClientRects().length > 0;"
    );
    while js(client, &script).await != Value::Bool(true) {
        assert!(
            std::time::Instant::now() < deadline,
            "the first frame never showed {css}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Elements with an id, as a user and the layout see them: kind, state,
/// text and box. Run in the page as `describe(root)`.
const DESCRIBE: &str = r#"window.describe = (root) => [...root.querySelectorAll("[id]")]
  .filter((e) => e.id !== "first-frame")
  .map((e) => {
    const r = e.getBoundingClientRect();
    return [e.id, e.tagName, e.type || "", e.className, !!e.disabled, !!e.checked, e.value ?? "",
      e.getAttribute("aria-pressed"), e.getAttribute("aria-current"), e.textContent.trim(),
      [r.x, r.y, r.width, r.height].map(Math.round).join(",")].join(" | ");
  });"#;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn the_first_frame_is_the_app_as_a_new_user_first_sees_it() {
    let (server, _driver, client) = held_back("first-frame-same").await;
    // The frame and the app, each described in the task that replaces one
    // by the other: before anything loaded later arrives.
    js(
        &client,
        &format!(
            "{DESCRIBE}
             const handOver = firstFrame.handOver.bind(firstFrame);
             firstFrame.handOver = (start) => {{
               window.frameSeen = describe(document.getElementById('first-frame'));
               handOver(() => {{ start(); window.appSeen = describe(document.body); }});
             }};"
        ),
    )
    .await;
    server.release_module();
    wait_for(&client, "#organ-0").await;
    let seen = |name: &str| {
        let script = format!("return window.{name};");
        let client = client.clone();
        async move {
            let lines: Vec<String> = serde_json::from_value(js(&client, &script).await).unwrap();
            lines
        }
    };
    let (frame, app) = (seen("frameSeen").await, seen("appSeen").await);
    assert!(frame.len() > 20, "{frame:#?}");
    assert_eq!(frame, app);
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn what_a_new_user_does_before_the_app_starts_is_kept() {
    let (server, _driver, client) = held_back("first-frame-typed").await;
    let frame_field = |id: &str| format!("#first-frame #{id}");
    for (id, text) in [
        ("organ-0", "砀山县市场监督管理局"),
        // Left unnormalised: leaving the field normalises it.
        ("doc-number", "砀市监发[2021]12号"),
        ("campaign-name", "质量月"),
    ] {
        client
            .find(Locator::Css(&frame_field(id)))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    }
    for id in ["with-wenjian", "toggle-preview"] {
        client
            .find(Locator::Css(&frame_field(id)))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }
    // Back in 活动名称, the caret after its second character.
    js(
        &client,
        "const e = document.querySelector('#first-frame #campaign-name'); e.focus(); e.setSelectionRange(2, 2);",
    )
    .await;
    assert_eq!(
        js(&client, "return !!document.getElementById('first-frame');").await,
        Value::Bool(true),
        "the app started before its module was released"
    );

    server.release_module();
    wait_for(&client, "#organ-0").await;
    assert_eq!(value(&client, "#organ-0").await, "砀山县市场监督管理局");
    assert_eq!(value(&client, "#doc-number").await, "砀市监发〔2021〕12号");
    let state = js(
        &client,
        "const a = document.activeElement;
         return [document.getElementById('with-wenjian').checked,
                 document.getElementById('toggle-preview').getAttribute('aria-pressed'),
                 !!document.querySelector('.preview-pane, #preview'),
                 a.id, a.selectionStart];",
    )
    .await;
    assert_eq!(
        state,
        serde_json::json!([true, "false", false, "campaign-name", 2]),
        "ticked, preview hidden, the caret where it was"
    );
    // Typing goes on where the caret is, in the app's own field.
    client
        .active_element()
        .await
        .unwrap()
        .send_keys("宣传")
        .await
        .unwrap();
    assert_eq!(value(&client, "#campaign-name").await, "质量宣传月");
    let notice = DraftEnvelope::from_json(&stored_draft(&client).await)
        .unwrap()
        .notice;
    assert_eq!(notice.header.organs, ["砀山县市场监督管理局"]);
    assert_eq!(notice.header.doc_number.to_string(), "砀市监发〔2021〕12号");
    assert!(notice.header.with_wenjian);
    assert_eq!(notice.campaign.name, "质量宣传月");
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn an_ime_composition_is_finished_before_the_app_takes_over() {
    let (server, driver, client) = held_back("first-frame-ime").await;
    js(
        &client,
        "document.querySelector('#first-frame #organ-0').focus();",
    )
    .await;
    // The IME holds 砀山 unconfirmed (pinyin typed, not yet chosen).
    support::load::cdp(
        &driver,
        &client,
        "Input.imeSetComposition",
        serde_json::json!({ "text": "砀山", "selectionStart": 2, "selectionEnd": 2 }),
    )
    .await;
    server.release_module();
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        js(&client, "return !!document.getElementById('first-frame');").await,
        Value::Bool(true),
        "the frame was replaced in the middle of a composition"
    );
    // Chosen: the composition ends, and then the app takes over.
    support::load::cdp(
        &driver,
        &client,
        "Input.insertText",
        serde_json::json!({ "text": "砀山" }),
    )
    .await;
    wait_for(&client, "#organ-0").await;
    assert_eq!(value(&client, "#organ-0").await, "砀山");
    assert_eq!(
        js(&client, "return document.activeElement.id;").await,
        Value::String("organ-0".into())
    );
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn a_returning_user_sees_their_draft_not_the_blank_frame() {
    let server = support::serve_controlled(support::dist_dir());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("first-frame-returning")).await;
    // The page with the frame, and the module from the server that holds
    // it: not what the service worker keeps (the next test covers that).
    for (command, params) in [
        ("Network.enable", serde_json::json!({})),
        (
            "Network.setBypassServiceWorker",
            serde_json::json!({ "bypass": true }),
        ),
    ] {
        support::load::cdp(&driver, &client, command, params).await;
    }
    client.goto(&server.url).await.unwrap();
    let mut notice = notice_core::Notice::default();
    notice.header.organs = vec!["萧县市场监督管理局".into()];
    open_as_current_draft(&client, &notice).await;

    server.hold_module();
    client.refresh().await.unwrap();
    let hidden = js(
        &client,
        "const e = document.querySelector('#first-frame #organ-0');
         return !!e && e.getClientRects().length === 0;",
    )
    .await;
    assert_eq!(hidden, Value::Bool(true), "the blank frame was on screen");
    server.release_module();
    wait_for(&client, "#organ-0").await;
    assert_eq!(value(&client, "#organ-0").await, "萧县市场监督管理局");
    client.close().await.unwrap();
}

/// Which page this load was served: index.html (with the first frame) or
/// returning.html (without), told by the size of the document's body.
async fn served_page(client: &Client) -> &'static str {
    let size = js(
        client,
        "return performance.getEntriesByType('navigation')[0].decodedBodySize;",
    )
    .await
    .as_u64()
    .unwrap();
    let size_of = |name: &str| {
        std::fs::metadata(support::dist_dir().join(name))
            .unwrap()
            .len()
    };
    match size {
        s if s == size_of("index.html") => "index.html",
        s if s == size_of("returning.html") => "returning.html",
        s => panic!("a page of {s} bytes is neither index.html nor returning.html"),
    }
}

/// Reloads until the page served is `page` (the service worker learns
/// which one from the load before, in the background).
async fn reload_until_served(client: &Client, page: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        client.refresh().await.unwrap();
        wait_for(client, "#step-1").await;
        if served_page(client).await == page {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{page} was never served"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn a_returning_user_is_served_the_page_without_the_frame() {
    let server = support::serve_controlled(support::dist_dir());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("first-frame-page")).await;
    open_fresh(&client, &server.url).await;
    wait_for_service_worker(&client).await;
    let mut notice = notice_core::Notice::default();
    notice.header.organs = vec!["萧县市场监督管理局".into()];
    open_as_current_draft(&client, &notice).await;

    reload_until_served(&client, "returning.html").await;
    assert_eq!(value(&client, "#organ-0").await, "萧县市场监督管理局");
    assert_eq!(
        js(&client, "return document.getElementById('first-frame');").await,
        Value::Null
    );

    // Their drafts gone (cleared by hand): that page still starts the app,
    // blank, and from then on the page with the frame is served again.
    js(&client, "localStorage.clear(); location.reload();").await;
    wait_for(&client, "#step-1").await;
    assert_eq!(served_page(&client).await, "returning.html");
    assert_eq!(value(&client, "#organ-0").await, "");
    type_into(&client, "#organ-0", "砀山县").await;
    assert_eq!(value(&client, "#organ-0").await, "砀山县");
    js(&client, "localStorage.clear();").await;
    reload_until_served(&client, "index.html").await;
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn a_browser_that_cannot_start_the_app_says_so() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("first-frame-failed")).await;
    support::load::cdp(&driver, &client, "Network.enable", serde_json::json!({})).await;
    support::load::cdp(
        &driver,
        &client,
        "Network.setBlockedURLs",
        serde_json::json!({ "urls": ["*_bg.wasm"] }),
    )
    .await;
    client.goto(&base).await.unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let alert = loop {
        let text = js(
            &client,
            "const e = document.querySelector('[role=alert].banner'); return e && e.textContent;",
        )
        .await;
        if let Value::String(text) = text {
            break text;
        }
        assert!(std::time::Instant::now() < deadline, "no message");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(alert.contains("未能在此浏览器中启动"), "{alert}");
    assert_eq!(
        js(
            &client,
            "return document.getElementById('first-frame').inert;"
        )
        .await,
        Value::Bool(true),
        "the form still took typing that would be lost"
    );
    client.close().await.unwrap();
}
