//! End to end: no network after load. The service worker keeps the app so
//! it reloads, drafts and exports with the server cut off; a whole session
//! sends nothing anywhere but the app's origin; the CSP blocks a remote
//! script; the single-file build works from file://.
#![cfg(not(target_arch = "wasm32"))]

use notice_tests as support;

use fantoccini::Client;
use std::time::{Duration, Instant};
use support::ui::*;

async fn js(client: &Client, script: &str) -> serde_json::Value {
    client.execute(script, vec![]).await.unwrap()
}

/// Records CSP violations from now on (until the next navigation).
async fn watch_violations(client: &Client) {
    js(
        client,
        "window.violations = [];
         document.addEventListener('securitypolicyviolation',
           e => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));",
    )
    .await;
}

async fn export_and_wait(client: &Client, downloads: &std::path::Path) -> std::path::PathBuf {
    click(client, "#step-8").await;
    click(client, "#export").await;
    wait_for_text(client, "#export-status", "已导出").await;
    support::wait_for_file(downloads, "docx", Duration::from_secs(20))
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn with_the_network_cut_the_app_reloads_drafts_and_exports() {
    let server = support::serve_controlled(support::dist_dir());
    let driver = support::start_chromedriver();
    let downloads = support::temp_dir("offline");
    let client = support::browser(&driver, &downloads).await;
    open_fresh(&client, &server.url).await;
    wait_for_service_worker(&client).await;

    server.cut_off();
    client.refresh().await.unwrap();
    wait_for(&client, "#step-1").await;
    type_into(&client, "#organ-0", "离线县市场监督管理局").await;
    wait_for_saved(&client).await;
    client.refresh().await.unwrap();
    wait_for(&client, "#organ-0").await;
    assert_eq!(value(&client, "#organ-0").await, "离线县市场监督管理局");
    let docx = export_and_wait(&client, &downloads).await;
    assert!(support::zip_part(&docx, "word/document.xml").contains("离线县市场监督管理局"));
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn a_whole_session_requests_nothing_but_the_apps_own_origin() {
    let server = support::serve_controlled(support::dist_dir());
    let driver = support::start_chromedriver();
    let downloads = support::temp_dir("origin");
    let client = support::browser(&driver, &downloads).await;
    open_fresh(&client, &server.url).await;
    watch_violations(&client).await;

    // Draft, save, export, import.
    type_into(&client, "#organ-0", "某某县市场监督管理局").await;
    click(&client, "#step-2").await;
    type_into(&client, "#recipients", "各股室").await;
    wait_for_saved(&client).await;
    export_and_wait(&client, &downloads).await;
    open_library(&client).await;
    let fixture = support::project_root().join("tests/fixtures/city-plan-table.json");
    choose_files(&client, "#import-drafts", &[&fixture]).await;
    wait_for_text(&client, "#library-messages", "已导入 1 份草稿").await;

    let urls = js(
        &client,
        "return performance.getEntriesByType('resource').map(e => e.name)
                .concat(performance.getEntriesByType('navigation').map(e => e.name))",
    )
    .await;
    let urls: Vec<String> = serde_json::from_value(urls).unwrap();
    assert!(!urls.is_empty());
    for url in &urls {
        assert!(
            url.starts_with(&server.url) || url.starts_with("blob:") || url.starts_with("data:"),
            "a request left the origin: {url}"
        );
    }
    assert_eq!(
        js(&client, "return window.violations").await,
        serde_json::json!([])
    );
    // The tab's icon and the manifest are linked once the form is up, not
    // fetched with the first load (offline.rs).
    assert_eq!(
        js(
            &client,
            "return [document.querySelector('link[rel=icon]').getAttribute('href'),
                     !!document.querySelector('link[rel=manifest]')]"
        )
        .await,
        serde_json::json!(["icon.svg", true])
    );
    // What the server saw is the app's own files, nothing else.
    for path in server.log.lock().unwrap().iter() {
        let known = path == "/"
            || [
                "notice-desk-",
                "later.css",
                "split_",
                "chunk_",
                "export-worker",
                "sw.js",
                "returning.html",
                "manifest.webmanifest",
                "icon",
            ]
            .iter()
            .any(|prefix| path.trim_start_matches('/').starts_with(prefix));
        assert!(known, "unexpected request {path}");
    }
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn the_csp_blocks_an_injected_remote_script() {
    let server = support::serve_controlled(support::dist_dir());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("csp")).await;
    open_fresh(&client, &server.url).await;
    watch_violations(&client).await;
    // Another origin on loopback: the CSP must refuse it before any request.
    js(
        &client,
        "const s = document.createElement('script'); s.src = 'http://127.0.0.2:9/evil.js';
         document.head.appendChild(s);
         const i = document.createElement('script'); i.textContent = 'window.inlineRan = true';
         document.head.appendChild(i);",
    )
    .await;
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let violations = js(&client, "return window.violations").await;
        let text = violations.to_string();
        if text.contains("evil.js") && text.contains("inline") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no CSP violation reported: {text}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        js(&client, "return window.inlineRan === undefined").await,
        serde_json::json!(true)
    );
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn the_single_file_build_drafts_and_exports_from_disk() {
    let out = support::temp_dir("single").join("通知起草台.html");
    let status = std::process::Command::new(std::env::var_os("CARGO").unwrap_or("cargo".into()))
        .current_dir(support::project_root())
        .args(["xtask", "single-file"])
        .arg(support::dist_dir())
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let driver = support::start_chromedriver();
    let downloads = support::temp_dir("single-downloads");
    let client = support::browser(&driver, &downloads).await;
    let url = format!("file://{}", out.display());
    client.goto(&url).await.unwrap();
    js(&client, "localStorage.clear(); location.reload();").await;
    wait_for(&client, "#step-1").await;
    type_into(&client, "#organ-0", "单文件县市场监督管理局").await;
    wait_for_saved(&client).await;
    client.refresh().await.unwrap();
    wait_for(&client, "#organ-0").await;
    watch_violations(&client).await;
    assert_eq!(value(&client, "#organ-0").await, "单文件县市场监督管理局");
    let docx = export_and_wait(&client, &downloads).await;
    assert!(support::zip_part(&docx, "word/document.xml").contains("单文件县市场监督管理局"));
    open_library(&client).await;
    wait_for(&client, "#file-storage-note").await;
    assert_eq!(
        js(&client, "return window.violations").await,
        serde_json::json!([])
    );
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn a_new_version_is_announced_and_applied_when_the_user_chooses() {
    // A copy of the build that can be "redeployed".
    let site = support::temp_dir("site");
    for entry in std::fs::read_dir(support::dist_dir()).unwrap().flatten() {
        std::fs::copy(entry.path(), site.join(entry.file_name())).unwrap();
    }
    let server = support::serve_controlled(site.clone());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("update")).await;
    open_fresh(&client, &server.url).await;
    wait_for_service_worker(&client).await;
    type_into(&client, "#organ-0", "更新前的草稿").await;
    wait_for_saved(&client).await;

    // Deploy a new version: the service worker changes.
    let sw = std::fs::read_to_string(site.join("sw.js")).unwrap();
    std::fs::write(
        site.join("sw.js"),
        sw.replace("const VERSION = \"", "const VERSION = \"new-"),
    )
    .unwrap();
    js(
        &client,
        "navigator.serviceWorker.getRegistration().then(r => r.update())",
    )
    .await;
    wait_for(&client, "#update-ready").await;
    // Nothing reloads until the user says so; then the page comes back
    // under the new version with the draft intact.
    js(&client, "window.beforeUpdate = true").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        js(&client, "return window.beforeUpdate === true").await,
        serde_json::json!(true)
    );
    click(&client, "#apply-update").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    while js(&client, "return window.beforeUpdate === true").await == serde_json::json!(true) {
        assert!(
            Instant::now() < deadline,
            "the page did not reload into the new version"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    wait_for(&client, "#organ-0").await;
    assert_eq!(value(&client, "#organ-0").await, "更新前的草稿");
    client.close().await.unwrap();
}
