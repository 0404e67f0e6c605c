//! End to end: the optimised release build served on loopback, driven in
//! headless Chromium like a user would: type, reload, export, and open the
//! downloaded file in LibreOffice.
//!
//! Needs `dist/` (trunk build --release), chromedriver and LibreOffice; run
//! through scripts/test.sh, which provides all three.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::{Client, Locator};
use std::time::Duration;

async fn value(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

async fn type_into(client: &Client, css: &str, text: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("no field {css}"))
        .send_keys(text)
        .await
        .unwrap();
}

async fn wait_for_text(client: &Client, css: &str, expected: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let text = client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if text.contains(expected) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{css} shows {text:?}, not {expected:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build, chromedriver and LibreOffice: run scripts/test.sh"]
async fn a_user_drafts_reloads_and_exports_a_notice_that_libreoffice_opens() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let downloads = support::temp_dir("downloads");
    let client = support::browser(&driver, &downloads).await;

    client.goto(&base).await.unwrap();
    client
        .execute("localStorage.clear(); location.reload();", vec![])
        .await
        .unwrap();
    // The optimised module loaded and mounted the form.
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("#title"))
        .await
        .expect("the form appears");

    let title = "关于开展2021年“质量月”活动的通知";
    type_into(&client, "#organ", "砀山县市场监督管理局").await;
    type_into(&client, "#doc-prefix", "砀市监发").await;
    type_into(&client, "#doc-year", "2021").await;
    type_into(&client, "#doc-serial", "12").await;
    type_into(&client, "#title", title).await;
    type_into(&client, "#recipients", "各股室、队、所").await;
    type_into(
        &client,
        "#body",
        "为开展好2021年“质量月”活动，特制定本方案。",
    )
    .await;
    client
        .find(Locator::Css("#add-task"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    type_into(
        &client,
        "table.tasks tbody tr:nth-child(1) td:nth-child(2) input",
        "开展计量专项检查",
    )
    .await;
    type_into(
        &client,
        "table.tasks tbody tr:nth-child(1) td:nth-child(4) input",
        "标准计量股",
    )
    .await;
    type_into(&client, "#signature-organ", "砀山县市场监督管理局").await;
    // A date input's typing order depends on the browser's locale: set the
    // value as the date picker would.
    client
        .execute(
            "const d = document.getElementById('signature-date'); d.value = '2021-09-06';
             d.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![],
        )
        .await
        .unwrap();
    wait_for_text(&client, "#doc-number-preview", "砀市监发〔2021〕12号").await;
    wait_for_text(&client, "#save-status", "已保存").await;

    // Reload: every keystroke is still there.
    client.refresh().await.unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("#title"))
        .await
        .unwrap();
    assert_eq!(value(&client, "#title").await, title);
    assert_eq!(value(&client, "#organ").await, "砀山县市场监督管理局");
    assert_eq!(value(&client, "#doc-serial").await, "12");
    assert_eq!(
        value(
            &client,
            "table.tasks tbody tr:nth-child(1) td:nth-child(2) input"
        )
        .await,
        "开展计量专项检查"
    );
    assert_eq!(value(&client, "#signature-date").await, "2021-09-06");

    // What the user sees, kept for the README (docs/screenshot.png).
    let png = client.screenshot().await.unwrap();
    std::fs::write(support::project_root().join("target/e2e-editor.png"), png).unwrap();

    // Export: the browser downloads the .docx named after the title.
    client
        .find(Locator::Css("#export"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&client, "#export-status", "已导出").await;
    let docx = support::wait_for_file(&downloads, "docx", Duration::from_secs(20));
    assert_eq!(
        docx.file_name().unwrap().to_str().unwrap(),
        format!("{title}.docx")
    );
    client.close().await.unwrap();

    let document = support::zip_part(&docx, "word/document.xml");
    assert!(document.contains(title));

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
        "开展计量专项检查",
        "2021年9月6日",
    ] {
        assert!(text.contains(expected), "the PDF lacks {expected}: {text}");
    }
}
