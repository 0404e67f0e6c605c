//! End to end: drafts are never lost. Reload and tab close inside the save
//! delay, a corrupt entry, a full storage, two tabs on one draft, bad files,
//! and draft files that round-trip.
#![cfg(not(target_arch = "wasm32"))]

use notice_tests as support;

use fantoccini::{Client, Locator};
use notice_core::draft::DraftEnvelope;
use std::time::Duration;
use support::ui::*;

async fn js(client: &Client, script: &str) -> serde_json::Value {
    client.execute(script, vec![]).await.unwrap()
}

async fn title_value(client: &Client) -> String {
    click(client, "#step-2").await;
    value(client, "#title").await
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn keystrokes_survive_a_reload_and_a_closed_tab_inside_the_save_delay() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("reload")).await;
    open_fresh(&client, &base).await;
    click(&client, "#step-2").await;
    replace(&client, "#title", "关于开展质量宣传活动的通知").await;
    // No wait: the save is still pending when the page goes away.
    assert_eq!(
        client
            .find(Locator::Css("#save-status"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "保存中…"
    );
    client.refresh().await.unwrap();
    wait_for(&client, "#step-1").await;
    assert_eq!(title_value(&client).await, "关于开展质量宣传活动的通知");

    // A second tab on the same draft; the first is closed mid-typing.
    let first = client.window().await.unwrap();
    let second = client.new_window(true).await.unwrap().handle;
    client.switch_to_window(first.clone()).await.unwrap();
    type_into(&client, "#title", "（修订）").await;
    client.close_window().await.unwrap();
    client.switch_to_window(second).await.unwrap();
    client.goto(&base).await.unwrap();
    wait_for(&client, "#step-1").await;
    assert_eq!(
        title_value(&client).await,
        "关于开展质量宣传活动的通知（修订）"
    );
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn a_corrupt_entry_is_kept_reported_and_downloadable_and_the_app_starts() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let downloads = support::temp_dir("corrupt");
    let client = support::browser(&driver, &downloads).await;
    open_fresh(&client, &base).await;
    js(
        &client,
        "localStorage.setItem('notice-desk/draft/broken', '{\"schema\":1,\"notice\":{\"title\":');
         localStorage.setItem('notice-desk/current', 'broken'); location.reload();",
    )
    .await;
    wait_for(&client, "#step-1").await;
    wait_for_text(&client, "#session-note", "无法读取").await;
    // Editing works, in a new draft; the broken entry is untouched.
    type_into(&client, "#organ-0", "某某县市场监督管理局").await;
    wait_for_saved(&client).await;
    let raw = js(
        &client,
        "return localStorage.getItem('notice-desk/draft/broken')",
    )
    .await;
    assert_eq!(raw.as_str(), Some("{\"schema\":1,\"notice\":{\"title\":"));
    open_library(&client).await;
    wait_for_text(&client, "#unreadable", "notice-desk/draft/broken").await;
    click(&client, "#unreadable button").await;
    let file = support::wait_for_file(&downloads, "txt", Duration::from_secs(10));
    assert_eq!(
        std::fs::read_to_string(file).unwrap(),
        "{\"schema\":1,\"notice\":{\"title\":"
    );
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn a_full_storage_shows_the_error_keeps_the_draft_and_offers_a_download() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let downloads = support::temp_dir("quota");
    let client = support::browser(&driver, &downloads).await;
    open_fresh(&client, &base).await;
    type_into(&client, "#organ-0", "某某县市场监督管理局").await;
    wait_for_saved(&client).await;
    let before = stored_draft(&client).await;
    // Fill what is left of the quota.
    js(
        &client,
        "let chunk = 'x'.repeat(1 << 20), i = 0;
         while (chunk.length > 0) {
           try { localStorage.setItem('filler-' + i++, chunk); }
           catch (e) { chunk = chunk.slice(0, chunk.length >> 1); }
         }",
    )
    .await;
    type_into(&client, "#organ-0", "（联合）").await;
    wait_for_text(&client, "#storage-problem", "存储空间已满").await;
    assert_eq!(
        client
            .find(Locator::Css("#save-status"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "保存失败"
    );
    // The draft is still in the page, and what was stored is intact.
    assert_eq!(
        value(&client, "#organ-0").await,
        "某某县市场监督管理局（联合）"
    );
    let after = js(
        &client,
        "return localStorage.getItem('notice-desk/draft/' + localStorage.getItem('notice-desk/current'))",
    )
    .await;
    assert_eq!(after.as_str(), Some(before.as_str()));
    click(&client, "#download-draft").await;
    let file = support::wait_for_file(&downloads, "json", Duration::from_secs(10));
    let draft = DraftEnvelope::from_json(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(draft.notice.header.organs, ["某某县市场监督管理局（联合）"]);
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn two_tabs_never_clobber_each_other() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("tabs")).await;
    open_fresh(&client, &base).await;
    type_into(&client, "#organ-0", "甲局").await;
    wait_for_saved(&client).await;
    let a = client.window().await.unwrap();
    let b = client.new_window(true).await.unwrap().handle;
    client.switch_to_window(b.clone()).await.unwrap();
    client.goto(&base).await.unwrap();
    wait_for(&client, "#organ-0").await;
    assert_eq!(value(&client, "#organ-0").await, "甲局");

    // A saves; B has nothing unsaved and takes A's text.
    client.switch_to_window(a.clone()).await.unwrap();
    type_into(&client, "#organ-0", "一").await;
    wait_for_saved(&client).await;
    client.switch_to_window(b.clone()).await.unwrap();
    wait_for_text(&client, "#session-note", "另一个标签页").await;
    assert_eq!(value(&client, "#organ-0").await, "甲局一");

    // B types; before B's save is due, another tab's save lands (written
    // here directly, as tab A would): B must ask, not overwrite.
    type_into(&client, "#organ-0", "乙").await;
    js(
        &client,
        "const key = 'notice-desk/draft/' + localStorage.getItem('notice-desk/current');
         const draft = JSON.parse(localStorage.getItem(key));
         draft.notice.header.organs = ['甲局一丙']; draft.revision += 1;
         localStorage.setItem(key, JSON.stringify(draft));",
    )
    .await;
    wait_for(&client, "#conflict").await;
    // Nothing of B's was written over A's.
    let stored = DraftEnvelope::from_json(
        js(
            &client,
            "return localStorage.getItem('notice-desk/draft/' + localStorage.getItem('notice-desk/current'))",
        )
        .await
        .as_str()
        .unwrap(),
    )
    .unwrap();
    assert_eq!(stored.notice.header.organs, ["甲局一丙"]);
    // Keep both: B's text becomes a new draft, A's stays.
    click(&client, "#keep-both").await;
    wait_for_saved(&client).await;
    assert_eq!(value(&client, "#organ-0").await, "甲局一乙");
    open_library(&client).await;
    let organs = js(
        &client,
        "return [...document.querySelectorAll('#draft-list tbody tr td:nth-child(2)')].map(t => t.textContent).sort()",
    )
    .await;
    assert_eq!(organs, serde_json::json!(["甲局一丙", "甲局一乙"]));
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn draft_files_round_trip_and_bad_files_are_refused_with_their_reason() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let downloads = support::temp_dir("files");
    let client = support::browser(&driver, &downloads).await;
    open_fresh(&client, &base).await;

    // Import the county sample, then export it again: identical notice.
    let fixture = support::project_root().join("tests/fixtures/county-plan-sections.json");
    open_library(&client).await;
    choose_files(&client, "#import-drafts", &[&fixture]).await;
    wait_for_text(&client, "#library-messages", "已导入 1 份草稿").await;
    let expected = DraftEnvelope::from_json(&std::fs::read_to_string(&fixture).unwrap())
        .unwrap()
        .notice;
    let title = notice_core::compose::title(&expected);
    click(&client, &format!("button[aria-label='导出“{title}”']")).await;
    let exported = support::wait_for_file(&downloads, "json", Duration::from_secs(10));
    let round = DraftEnvelope::from_json(&std::fs::read_to_string(&exported).unwrap()).unwrap();
    assert_eq!(round.notice, expected);

    // Bad files: each refused with its reason, nothing imported.
    let dir = support::temp_dir("bad-files");
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let mut big = vec![b' '; 50 * 1024 * 1024];
    big[0] = b'{';
    let docx = notice_office::docx::export_docx(
        &expected,
        &notice_office::docx::DocumentMeta::at("2021-09-06T08:00:00Z"),
    )
    .unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "wrong.json",
            b"{\"title\": \"x\"".to_vec(),
            "不是有效的 JSON",
        ),
        ("renamed.json", docx, "Word"),
        ("big.json", big, "文件太大"),
        ("deep.json", deep.into_bytes(), "嵌套层次过深"),
        (
            "types.json",
            br#"{"schema":1,"saved_at":"","app_version":"","notice":{"recipients":7}}"#.to_vec(),
            "不符合草稿格式",
        ),
        (
            "other.json",
            br#"{"name":"package"}"#.to_vec(),
            "缺少“notice”",
        ),
    ];
    let rows_before = js(
        &client,
        "return document.querySelectorAll('#draft-list tbody tr').length",
    )
    .await;
    for (name, bytes, reason) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        choose_files(&client, "#import-drafts", &[&path]).await;
        wait_for_text(&client, "#library-messages", &format!("“{name}”无法导入")).await;
        wait_for_text(&client, "#library-messages", reason).await;
    }
    let rows_after = js(
        &client,
        "return document.querySelectorAll('#draft-list tbody tr').length",
    )
    .await;
    assert_eq!(rows_before, rows_after);

    // Delete, undo; delete again, restore from the bin.
    click(&client, &format!("button[aria-label='删除“{title}”']")).await;
    wait_for_text(&client, ".undo", "30天内可在回收站恢复").await;
    click(&client, "#undo-delete-draft").await;
    wait_for(&client, &format!("button[aria-label='删除“{title}”']")).await;
    click(&client, &format!("button[aria-label='删除“{title}”']")).await;
    wait_for_text(&client, "#recycle-bin", &title).await;
    click(&client, &format!("button[aria-label='恢复“{title}”']")).await;
    wait_for(&client, &format!("button[aria-label='删除“{title}”']")).await;

    // Several files at once, then a backup of everything and its restore.
    let city = support::project_root().join("tests/fixtures/city-plan-table.json");
    choose_files(&client, "#import-drafts", &[&fixture, &city]).await;
    wait_for_text(&client, "#library-messages", "已导入 2 份草稿").await;
    let drafts = js(
        &client,
        "return document.querySelectorAll('#draft-list tbody tr').length",
    )
    .await;
    assert_eq!(
        drafts.as_u64(),
        Some(4),
        "the first draft, the county sample twice, the city"
    );
    for old in std::fs::read_dir(&downloads).unwrap().flatten() {
        std::fs::remove_file(old.path()).unwrap();
    }
    click(&client, "#backup-all").await;
    let backup = support::wait_for_file(&downloads, "json", Duration::from_secs(10));
    choose_files(&client, "#import-drafts", &[&backup]).await;
    wait_for_text(&client, "#library-messages", "已导入 4 份草稿").await;
    client.close().await.unwrap();
}
