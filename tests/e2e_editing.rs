//! End to end: the editing a user does with the keyboard, bad input refused
//! with a message, and the check page's links.
#![cfg(not(target_arch = "wasm32"))]

use notice_tests as support;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use notice_core::draft::DraftEnvelope;
use support::ui::*;

async fn stored(client: &Client) -> notice_core::Notice {
    DraftEnvelope::from_json(&stored_draft(client).await)
        .unwrap()
        .notice
}

async fn names(client: &Client) -> Vec<String> {
    stored(client)
        .await
        .tasks
        .rows
        .into_iter()
        .map(|t| t.name)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn the_task_table_is_edited_with_the_keyboard_and_deleting_can_be_undone() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("editing")).await;
    open_fresh(&client, &base).await;
    click(&client, "#step-4").await;
    click(&client, "#add-task").await;
    type_into(&client, "#task-0-name", "甲").await;
    // Ctrl+Enter inserts a row below and moves the cursor into it.
    type_into(
        &client,
        "#task-0-name",
        &format!("{}{}", Key::Control, Key::Enter),
    )
    .await;
    wait_for(&client, "#task-1-name").await;
    let active = client
        .execute("return document.activeElement.id", vec![])
        .await
        .unwrap();
    assert_eq!(active.as_str(), Some("task-1-name"));
    type_into(&client, "#task-1-name", "乙").await;
    assert_eq!(names(&client).await, ["甲", "乙"]);
    // Alt+↑ moves the row up.
    type_into(&client, "#task-1-name", &format!("{}{}", Key::Alt, Key::Up)).await;
    assert_eq!(names(&client).await, ["乙", "甲"]);
    // Duplicate, delete, undo.
    click(&client, "button[aria-label='复制第1行']").await;
    assert_eq!(names(&client).await, ["乙", "乙", "甲"]);
    click(&client, "button[aria-label='删除第3行']").await;
    assert_eq!(names(&client).await, ["乙", "乙"]);
    wait_for_text(&client, ".undo", "已删除第3行").await;
    click(&client, "#undo-delete").await;
    assert_eq!(names(&client).await, ["乙", "乙", "甲"]);
    // Departments typed once are offered again.
    type_into(&client, "#task-0-lead", "质量股").await;
    type_into(&client, "#task-1-support", "办公室，质量股").await;
    leave(&client, "#task-1-support").await;
    assert_eq!(
        stored(&client).await.tasks.rows[1].support,
        ["办公室", "质量股"]
    );
    let options = client
        .execute(
            "return [...document.querySelectorAll('#departments option')].map(o => o.value)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(options, serde_json::json!(["质量股", "办公室"]));
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn bad_input_gets_a_message_and_changes_nothing_and_problems_link_to_their_field() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("bad-input")).await;
    open_fresh(&client, &base).await;

    type_into(&client, "#doc-number", "砀市监发〔2021〕12号").await;
    leave(&client, "#doc-number").await;
    replace(&client, "#doc-number", "砀市监发2021年12号").await;
    leave(&client, "#doc-number").await;
    wait_for_text(&client, "#doc-number-message", "〔年份〕").await;
    // The stored number is still the last good one.
    assert_eq!(
        stored(&client).await.header.doc_number.to_string(),
        "砀市监发〔2021〕12号"
    );
    type_into(&client, "#campaign-year", "20").await;
    wait_for_text(&client, "#campaign-year-message", "四位数字").await;

    click(&client, "#step-6").await;
    click(&client, "#add-contact").await;
    type_into(&client, "#contact-0-phone", "电话号码").await;
    wait_for_text(&client, "#contact-0-phone-message", "不像电话号码").await;

    // The check page lists the problem; its link opens the field.
    click(&client, "#step-8").await;
    wait_for_text(&client, "#problems", "不像电话号码").await;
    let link = client
        .find(Locator::XPath(
            "//ul[@id='problems']/li[contains(., '不像电话号码')]/button",
        ))
        .await
        .unwrap();
    link.click().await.unwrap();
    wait_for(&client, "#contact-0-phone").await;
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let active = client
        .execute("return document.activeElement.id", vec![])
        .await
        .unwrap();
    assert_eq!(active.as_str(), Some("contact-0-phone"));
    client.close().await.unwrap();
}
