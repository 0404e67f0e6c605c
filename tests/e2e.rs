//! End to end: the optimised release build served on loopback, driven in
//! headless Chromium like a user would: type, reload, export, and open the
//! downloaded file in LibreOffice.
//!
//! Needs `dist/` (trunk build --release), chromedriver and LibreOffice; run
//! through scripts/test.sh, which provides all three.
#![cfg(not(target_arch = "wasm32"))]

use notice_tests as support;

use std::time::Duration;
use support::ui::*;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build, chromedriver and LibreOffice: run scripts/test.sh"]
async fn a_user_drafts_reloads_and_exports_a_notice_that_libreoffice_opens() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let downloads = support::temp_dir("downloads");
    let client = support::browser(&driver, &downloads).await;
    open_fresh(&client, &base).await;

    // 版头: the number is typed loosely and normalised on leaving the field.
    type_into(&client, "#organ-0", "砀山县市场监督管理局").await;
    type_into(&client, "#doc-number", "砀市监发[2021]012号").await;
    leave(&client, "#doc-number").await;
    wait_for_text(&client, "#doc-number-preview", "砀市监发〔2021〕12号").await;
    assert_eq!(value(&client, "#doc-number").await, "砀市监发〔2021〕12号");
    type_into(&client, "#campaign-year", "2021").await;

    // 标题: composed from organ, year and campaign until the user edits it.
    click(&client, "#step-2").await;
    let title = "关于开展2021年“质量月”活动的通知";
    assert_eq!(value(&client, "#title").await, title);
    type_into(&client, "#recipients", "各股室、队、所").await;

    // 正文 and 活动安排.
    click(&client, "#step-3").await;
    click(&client, "#starter-sections").await;
    type_into(
        &client,
        "#section-1-text",
        "为开展好2021年“质量月”活动，特制定本方案。",
    )
    .await;
    click(&client, "#next-step").await;
    click(&client, "#add-task").await;
    type_into(&client, "#task-0-name", "开展计量专项检查").await;
    type_into(&client, "#task-0-lead", "标准计量股").await;

    // 落款.
    click(&client, "#step-7").await;
    pick_date(&client, "#signature-date", "2021-09-06").await;
    wait_for_text(&client, "#save-status", "已保存").await;

    // Reload: every keystroke is still there.
    client.refresh().await.unwrap();
    wait_for(&client, "#step-1").await;
    assert_eq!(value(&client, "#organ-0").await, "砀山县市场监督管理局");
    click(&client, "#step-4").await;
    assert_eq!(value(&client, "#task-0-name").await, "开展计量专项检查");
    click(&client, "#step-7").await;
    assert_eq!(value(&client, "#signature-date").await, "2021-09-06");

    // The check page, kept for the README (docs/screenshot.png).
    click(&client, "#step-8").await;
    let png = client.screenshot().await.unwrap();
    std::fs::write(support::project_root().join("target/e2e-editor.png"), png).unwrap();

    // Export: the browser downloads the .docx named after the title.
    click(&client, "#export").await;
    wait_for_text(&client, "#export-status", "已导出").await;
    let docx = support::wait_for_file(&downloads, "docx", Duration::from_secs(20));
    assert_eq!(
        docx.file_name().unwrap().to_str().unwrap(),
        format!("{title}.docx")
    );
    client.close().await.unwrap();
    assert!(support::zip_part(&docx, "word/document.xml").contains(title));

    // A real consumer opens it: LibreOffice renders the notice's text.
    let pdf = support::libreoffice_pdf(&docx);
    let text: String = support::pdf_text(&pdf)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for expected in [
        "砀山县市场监督管理局",
        "砀市监发〔2021〕12号",
        "各股室、队、所：",
        "一、活动主题",
        "开展计量专项检查",
        "2021年9月6日",
    ] {
        assert!(text.contains(expected), "the PDF lacks {expected}: {text}");
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn other_scripts_export_through_the_js_function() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("js-api")).await;
    open_fresh(&client, &base).await;
    let draft = std::fs::read_to_string(
        support::project_root().join("tests/fixtures/city-plan-table.json"),
    )
    .unwrap();
    let head = client
        .execute_async(
            "const [json, done] = arguments;
             window.wasmBindings.exportDocx(json)
               .then(bytes => done([bytes.length, bytes[0], bytes[1]]))
               .catch(e => done(String(e)));",
            vec![draft.into()],
        )
        .await
        .unwrap();
    let head: Vec<u64> = serde_json::from_value(head.clone()).unwrap_or_else(|_| panic!("{head}"));
    assert!(head[0] > 5_000, "{head:?}");
    assert_eq!(&head[1..], [u64::from(b'P'), u64::from(b'K')]);
    let refused = client
        .execute_async(
            "window.wasmBindings.exportDocx('{not json').then(() => arguments[0]('exported'), e => arguments[0](String(e)));",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        refused.as_str().unwrap().contains("不是本应用能读取的草稿"),
        "{refused}"
    );
    client.close().await.unwrap();
}
