//! End to end: 公文校对 in the app. A mistake typed into a field is marked
//! at the field once the user pauses; the check page lists it with its
//! excerpt; its fix is previewed, applied and undone.
#![cfg(not(target_arch = "wasm32"))]

use notice_tests as support;

use fantoccini::{Client, Locator};
use notice_core::draft::DraftEnvelope;
use support::ui::*;

async fn stored(client: &Client) -> notice_core::Notice {
    DraftEnvelope::from_json(&stored_draft(client).await)
        .unwrap()
        .notice
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn a_mistake_is_marked_at_its_field_and_fixed_from_the_check_page_with_undo() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("proofread")).await;
    open_fresh(&client, &base).await;

    click(&client, "#step-2").await;
    type_into(&client, "#recipients", "各股室、队、所。").await;
    // At the field, after the pause.
    wait_for_text(&client, "#recipients ~ .proof-mark", "主送机关末尾标点").await;

    click(&client, "#step-8").await;
    wait_for_text(&client, "#proofread", "主送机关末尾标点").await;
    let item = "#proofread li[data-rule='punct.recipient_end']";
    wait_for_text(&client, &format!("{item} mark.excerpt"), "。").await;
    let preview = client
        .find(Locator::Css(&format!("{item} button.fix")))
        .await
        .unwrap();
    preview.click().await.unwrap();
    wait_for_text(
        &client,
        &format!("{item} .fix-preview"),
        "修改后：各股室、队、所",
    )
    .await;
    // Nothing is changed by the preview.
    assert_eq!(stored(&client).await.recipients, ["各股室、队、所。"]);
    let apply = client
        .find(Locator::Css(&format!("{item} .fix-preview button.primary")))
        .await
        .unwrap();
    apply.click().await.unwrap();
    wait_for_text(&client, "#proofread-applied", "已删去“。”").await;
    assert_eq!(stored(&client).await.recipients, ["各股室、队、所"]);

    click(&client, "#proofread-undo").await;
    wait_for_text(&client, "#proofread", "主送机关末尾标点").await;
    assert_eq!(stored(&client).await.recipients, ["各股室、队、所。"]);
    client.close().await.unwrap();
}
