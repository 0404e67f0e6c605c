//! End to end: starting from what exists. Templates (built-in and the
//! user's own), last year's notice rolled forward with its change list and
//! undo, and existing notices imported from pasted text and from a .docx.
#![cfg(not(target_arch = "wasm32"))]

use notice_tests as support;

use fantoccini::Client;
use notice_core::draft::DraftEnvelope;
use notice_core::Notice;
use support::ui::*;

async fn open_draft(client: &Client) -> Notice {
    DraftEnvelope::from_json(&stored_draft(client).await)
        .unwrap()
        .notice
}

async fn import_draft_file(client: &Client, name: &str) {
    let path = support::project_root().join("tests/fixtures").join(name);
    choose_files(client, "#import-drafts", &[&path]).await;
    wait_for_text(client, "#library-messages", "已导入 1 份草稿").await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn drafts_start_from_built_in_and_own_templates() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("templates")).await;
    open_fresh(&client, &base).await;
    for template in notice_core::templates::TEMPLATES {
        open_library(&client).await;
        click(&client, "#new-draft").await;
        replace(&client, "#template-year", "2023").await;
        click(&client, &format!("#template-{}", template.id)).await;
        wait_for(&client, "#step-1").await;
        let draft = open_draft(&client).await;
        assert_eq!(draft, (template.notice)(2023), "{}", template.id);
    }
    // The last one, kept as the user's own template, starts a new draft.
    let last = open_draft(&client).await;
    open_library(&client).await;
    let title = notice_core::compose::title(&last);
    click(
        &client,
        &format!("button[aria-label='把“{title}”存为模板']"),
    )
    .await;
    wait_for_text(&client, "#library-messages", "已存为模板").await;
    click(&client, "#new-draft").await;
    click(&client, "#own-templates li button").await;
    wait_for(&client, "#step-1").await;
    assert_eq!(open_draft(&client).await, last);
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn last_years_notice_is_rolled_forward_with_every_change_listed_and_can_be_undone() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("roll")).await;
    open_fresh(&client, &base).await;
    open_library(&client).await;
    import_draft_file(&client, "county-plan-sections.json").await;
    let county = DraftEnvelope::from_json(
        &std::fs::read_to_string(
            support::project_root().join("tests/fixtures/county-plan-sections.json"),
        )
        .unwrap(),
    )
    .unwrap()
    .notice;
    let title = notice_core::compose::title(&county);
    click(
        &client,
        &format!("button[aria-label='以“{title}”为基础新建下一年']"),
    )
    .await;
    assert_eq!(value(&client, "#roll-year").await, "2022");
    // The list shows what changes: the number's year (serial cleared), the
    // date, the years in the text.
    wait_for_text(&client, "#roll-changes", "砀市监发〔2021〕12号").await;
    wait_for_text(&client, "#roll-changes", "砀市监发〔2022〕").await;
    wait_for_text(&client, "#roll-changes", "2022年9月6日").await;
    let png = client.screenshot().await.unwrap();
    std::fs::write(support::project_root().join("target/e2e-roll.png"), png).unwrap();
    click(&client, "#roll-accept").await;
    wait_for(&client, "#roll-done").await;
    let expected = notice_core::rollforward::roll_forward(&county, 2022).notice;
    click(&client, "#close-library").await;
    assert_eq!(open_draft(&client).await, expected);
    // Undo: the new draft goes to the bin, the old one is open again.
    open_library(&client).await;
    click(&client, "#undo-roll").await;
    click(&client, "#close-library").await;
    assert_eq!(open_draft(&client).await, county);
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn existing_notices_are_imported_from_pasted_text_and_from_a_docx() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("import")).await;
    open_fresh(&client, &base).await;

    // Pasted text (set as a paste would put it: typing 7,000 characters
    // key by key adds nothing to what is tested).
    let sample = std::fs::read_to_string(
        support::project_root().join("tests/fixtures/samples/county-plan-sections.txt"),
    )
    .unwrap();
    open_library(&client).await;
    click(&client, "#import-notice").await;
    client
        .execute(
            "const t = document.getElementById('import-text'); t.value = arguments[0];
             t.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![sample.clone().into()],
        )
        .await
        .unwrap();
    click(&client, "#import-text-run").await;
    wait_for(&client, "#import-report").await;
    wait_for_text(&client, "#import-report", "砀市监发〔2021〕12号").await;
    let expected = notice_office::import::text::import_text(&sample);
    click(&client, "#import-create").await;
    wait_for(&client, "#step-1").await;
    let draft = open_draft(&client).await;
    assert_eq!(draft, expected.notice);
    assert_eq!(draft.tasks.rows.len(), 11);

    // A .docx: this app's export of the city sample.
    let city = DraftEnvelope::from_json(
        &std::fs::read_to_string(
            support::project_root().join("tests/fixtures/city-plan-table.json"),
        )
        .unwrap(),
    )
    .unwrap()
    .notice;
    let docx = notice_office::docx::export_docx(
        &city,
        &notice_office::docx::DocumentMeta::at("2020-09-08T08:00:00Z"),
    )
    .unwrap();
    let path = support::temp_dir("import-docx").join("福鼎.docx");
    std::fs::write(&path, &docx).unwrap();
    open_library(&client).await;
    click(&client, "#import-notice").await;
    choose_files(&client, "#import-file", &[&path]).await;
    wait_for(&client, "#import-report").await;
    click(&client, "#import-create").await;
    wait_for(&client, "#step-1").await;
    let draft = open_draft(&client).await;
    assert_eq!(draft.tasks.rows.len(), 23);
    assert_eq!(draft.tasks.rows[22].name, "中药饮片专项整治");
    assert_eq!(draft.signature.date, city.signature.date);

    // A text file as Notepad on a Chinese Windows saves it (GBK), from a
    // web page: decoded in the worker, the page's furniture and the
    // encoding in the report.
    let gbk = support::temp_dir("import-gbk").join("通知.txt");
    let (bytes, _, _) = encoding_rs::GBK.encode(
        "首页 > 通知公告\r\n关于开展2021年“质量月”活动的通知\r\n各股室：\r\n为开展好活动，现通知如下：\r\n一、活动主题\r\n建设质量强国\r\nXX县市场监督管理局\r\n2021年9月6日\r\n",
    );
    std::fs::write(&gbk, &bytes).unwrap();
    open_library(&client).await;
    click(&client, "#import-notice").await;
    choose_files(&client, "#import-file", &[&gbk]).await;
    wait_for_text(&client, "#import-normalised", "GBK").await;
    wait_for_text(&client, "#import-furniture", "首页 > 通知公告").await;
    wait_for_text(&client, "#import-recognised", "活动主题").await;
    click(&client, "#import-create").await;
    wait_for(&client, "#step-1").await;
    assert_eq!(
        open_draft(&client).await.signature.date,
        notice_core::DocDate::new(2021, 9, 6)
    );

    // Not a notice: a clear message, nothing created.
    let bad = support::temp_dir("import-bad").join("表格.docx");
    std::fs::write(&bad, b"PK\x03\x04 this is no docx").unwrap();
    open_library(&client).await;
    click(&client, "#import-notice").await;
    choose_files(&client, "#import-file", &[&bad]).await;
    wait_for_text(&client, "#import-error", "表格.docx").await;
    client.close().await.unwrap();
}
