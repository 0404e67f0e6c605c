//! End to end: the editor on the screens offices have (1024x768 to
//! 1920x1080), preview open or not. Widths are measured on the rendered
//! fields (width over font size is about the characters shown): 活动内容
//! at least 16, the time 8, each department 10; nothing in the form scrolls
//! sideways, no label wraps one character a line, the row buttons stay on
//! screen. Then the city sample's 23 rows pasted and one row's 配合部门
//! changed with the keyboard alone at 1366x768, the first-visit offer and
//! the step status.
#![cfg(not(target_arch = "wasm32"))]

use notice_tests as support;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use notice_core::draft::DraftEnvelope;
use notice_core::templates::TEMPLATES;
use notice_core::Notice;
use serde_json::Value;
use support::notices::{fixture, table_notice};
use support::ui::*;

const VIEWPORTS: [(u32, u32); 4] = [(1024, 768), (1280, 1024), (1366, 768), (1920, 1080)];

/// Characters a field shows per line: its content box over its font size.
const MIN_CHARS: [(&str, f64); 4] = [
    ("[id^='task-'][id$='-name']", 16.0),
    ("[id^='task-'][id$='-time']", 8.0),
    ("[id^='task-'][id$='-lead']", 10.0),
    ("[id^='task-'][id$='-support']", 10.0),
];

/// Everything the checks need, measured in the page in one go.
const MEASURE: &str = r#"
const [minChars] = arguments;
const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
  (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : '');
const chars = e => {
  const s = getComputedStyle(e);
  return (e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)) / parseFloat(s.fontSize);
};
const editor = document.querySelector('main.editor');
const widths = {};
for (const [css, min] of minChars) {
  const fields = [...editor.querySelectorAll(css)];
  const narrowest = fields.reduce((m, e) => Math.min(m, chars(e)), Infinity);
  widths[css] = fields.length ? Math.round(narrowest * 10) / 10 : null;
}
// A one-line input scrolls its own text by design; every other element
// must fit what it holds.
const overflowing = [...editor.querySelectorAll('*')]
  .filter(e => e.tagName !== 'INPUT' && e.tagName !== 'OPTION' && e.scrollWidth > e.clientWidth + 1)
  .slice(0, 8).map(e => `${describe(e)} ${e.scrollWidth}>${e.clientWidth}`);
// A label of two or more characters shows at least two on a line.
const squeezed = [...document.querySelectorAll('label, th, legend, summary, .stepper .label, h2')]
  .filter(e => e.offsetParent !== null && (e.innerText || '').trim().length >= 2)
  .filter(e => e.getBoundingClientRect().width < 1.9 * parseFloat(getComputedStyle(e).fontSize))
  .slice(0, 8).map(e => `${describe(e)} “${e.innerText.trim().slice(0, 10)}”`);
const right = Math.min(innerWidth, editor.getBoundingClientRect().right);
const buttons = [...editor.querySelectorAll('.tasks .ops button')];
const offscreen = buttons.filter(b => {
  const r = b.getBoundingClientRect();
  return r.width === 0 || r.left < 0 || r.right > right + 0.5;
}).slice(0, 4).map(b => `${b.getAttribute('aria-label')} right ${Math.round(b.getBoundingClientRect().right)} > ${Math.round(right)}`);
return {
  viewport: innerWidth + 'x' + innerHeight,
  pageScroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  widths, overflowing, squeezed, offscreen, buttons: buttons.length,
};
"#;

/// Sets the page's viewport (not the window) to `width` x `height`.
async fn set_viewport(client: &Client, width: u32, height: u32) {
    client.set_window_size(width, height).await.unwrap();
    let inner = client
        .execute("return [innerWidth, innerHeight]", vec![])
        .await
        .unwrap();
    let (w, h) = (
        inner[0].as_u64().unwrap() as u32,
        inner[1].as_u64().unwrap() as u32,
    );
    if (w, h) != (width, height) {
        client
            .set_window_size(
                width + (width - w.min(width)),
                height + (height - h.min(height)),
            )
            .await
            .unwrap();
    }
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
}

async fn set_preview(client: &Client, open: bool) {
    wait_for(client, "#toggle-preview").await;
    let pressed = client
        .find(Locator::Css("#toggle-preview"))
        .await
        .unwrap()
        .attr("aria-pressed")
        .await
        .unwrap();
    if pressed.as_deref() != Some(if open { "true" } else { "false" }) {
        click(client, "#toggle-preview").await;
    }
    if open {
        wait_for(client, ".preview-pane").await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
}

async fn measure(client: &Client) -> Value {
    let min: Vec<Value> = MIN_CHARS
        .iter()
        .map(|(css, n)| serde_json::json!([css, n]))
        .collect();
    client
        .execute(MEASURE, vec![Value::Array(min)])
        .await
        .unwrap()
}

/// The problems found in one measurement, each a sentence.
fn problems(m: &Value, with_tasks: bool) -> Vec<String> {
    let mut out = Vec::new();
    if m["pageScroll"].as_i64().unwrap_or(0) > 0 {
        out.push(format!(
            "the page scrolls sideways by {}px",
            m["pageScroll"]
        ));
    }
    for key in ["overflowing", "squeezed", "offscreen"] {
        for item in m[key].as_array().into_iter().flatten() {
            out.push(format!("{key}: {}", item.as_str().unwrap_or_default()));
        }
    }
    if with_tasks {
        for (css, min) in MIN_CHARS {
            match m["widths"][css].as_f64() {
                Some(chars) if chars + 0.05 >= min => {}
                Some(chars) => out.push(format!("{css} shows {chars} characters, not {min}")),
                None => out.push(format!("no {css}")),
            }
        }
        if m["buttons"].as_u64().unwrap_or(0) == 0 {
            out.push("no row buttons".into());
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn the_task_table_fits_every_office_screen_for_every_template_and_200_tasks() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("viewports")).await;
    open_fresh(&client, &base).await;
    let mut drafts: Vec<(String, Notice)> = TEMPLATES
        .iter()
        .map(|t| (t.name.to_owned(), (t.notice)(2021)))
        .collect();
    drafts.push(("200 tasks".into(), table_notice(200)));
    let mut failures = Vec::new();
    for (name, notice) in &drafts {
        open_as_current_draft(&client, notice).await;
        click(&client, "#step-4").await;
        wait_for(&client, "#add-task").await;
        if !notice.tasks.rows.is_empty() {
            wait_for(&client, "#task-0-name").await;
        } else {
            click(&client, "#add-task").await;
            wait_for(&client, "#task-0-name").await;
        }
        for (width, height) in VIEWPORTS {
            set_viewport(&client, width, height).await;
            for preview in [true, false] {
                set_preview(&client, preview).await;
                let m = measure(&client).await;
                println!(
                    "{name} at {} preview {}: widths {} ({} row buttons)",
                    m["viewport"],
                    if preview { "open" } else { "closed" },
                    m["widths"],
                    m["buttons"]
                );
                if name == TEMPLATES[0].name {
                    // Kept to look at: the step as each screen shows it.
                    let png = client.screenshot().await.unwrap();
                    let path = format!(
                        "target/e2e-tasks-{width}x{height}-preview-{}.png",
                        if preview { "open" } else { "closed" }
                    );
                    std::fs::write(support::project_root().join(path), png).unwrap();
                }
                for problem in problems(&m, true) {
                    failures.push(format!(
                        "{name} at {width}x{height}, preview {}: {problem}",
                        if preview { "open" } else { "closed" }
                    ));
                }
            }
        }
    }
    client.close().await.unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn every_step_and_the_library_fit_every_office_screen() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("viewports-steps")).await;
    open_fresh(&client, &base).await;
    let mut failures = Vec::new();
    for template in [&TEMPLATES[0], &TEMPLATES[3], &TEMPLATES[4]] {
        open_as_current_draft(&client, &(template.notice)(2021)).await;
        for (width, height) in VIEWPORTS {
            set_viewport(&client, width, height).await;
            set_preview(&client, true).await;
            for step in 1..=8 {
                click(&client, &format!("#step-{step}")).await;
                wait_for(&client, "main.editor form h2").await;
                tokio::time::sleep(std::time::Duration::from_millis(150)).await;
                let m = measure(&client).await;
                for problem in problems(&m, false) {
                    failures.push(format!(
                        "{} at {width}x{height}, step {step}: {problem}",
                        template.name
                    ));
                }
            }
            open_library(&client).await;
            let m = measure(&client).await;
            for problem in problems(&m, false) {
                failures.push(format!(
                    "{} at {width}x{height}, library: {problem}",
                    template.name
                ));
            }
            click(&client, "#close-library").await;
            wait_for(&client, "#step-1").await;
        }
    }
    client.close().await.unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

async fn stored(client: &Client) -> Notice {
    DraftEnvelope::from_json(&stored_draft(client).await)
        .unwrap()
        .notice
}

async fn active_id(client: &Client) -> String {
    client
        .execute("return document.activeElement.id", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Presses keys where the focus is, as a person at the keyboard does.
async fn press(client: &Client, keys: &str) {
    client
        .active_element()
        .await
        .unwrap()
        .send_keys(keys)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn the_city_rows_are_pasted_and_one_support_department_changed_by_keyboard_at_1366x768() {
    let notice = fixture("city-plan-table.json");
    assert_eq!(notice.tasks.rows.len(), 23);
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("viewports-city")).await;
    open_fresh(&client, &base).await;
    set_viewport(&client, 1366, 768).await;
    set_preview(&client, true).await;
    click(&client, "#step-4").await;
    click(&client, "#add-task").await;
    let mut tsv = String::from("序号\t活动内容\t活动时间\t牵头部门\t配合部门\r\n");
    for (i, task) in notice.tasks.rows.iter().enumerate() {
        tsv.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\r\n",
            i + 1,
            task.name,
            task.time,
            task.lead,
            task.support.join("、")
        ));
    }
    paste(&client, "#task-0-name", &tsv).await;
    wait_for(&client, "#task-22-name").await;
    let pasted = stored(&client).await;
    assert_eq!(pasted.tasks.rows.len(), 23);

    let m = measure(&client).await;
    println!("city at 1366x768, preview open: {}", m["widths"]);
    // For the README (docs/screenshot-tasks-1366x768.png).
    client
        .execute("window.scrollTo(0, 0)", vec![])
        .await
        .unwrap();
    let png = client.screenshot().await.unwrap();
    std::fs::write(
        support::project_root().join("target/e2e-city-tasks-1366x768.png"),
        png,
    )
    .unwrap();
    let found = problems(&m, true);
    assert!(found.is_empty(), "{}", found.join("\n"));

    // From the first row's 活动内容, Tab through the form to row 6's
    // 配合部门, replace it, and leave it with Tab.
    client
        .execute("document.querySelector('#task-0-name').focus()", vec![])
        .await
        .unwrap();
    let target = "task-5-support";
    for _ in 0..200 {
        if active_id(&client).await == target {
            break;
        }
        press(&client, &Key::Tab.to_string()).await;
    }
    assert_eq!(active_id(&client).await, target);
    let visible = client
        .execute(
            "const r = document.activeElement.getBoundingClientRect();
             return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(visible, Value::Bool(true), "the focused field is on screen");
    // The departments are tokens: Backspace in the empty box takes them
    // off one by one, and 、 or ， ends a typed name.
    for _ in 0..pasted.tasks.rows[5].support.len() {
        press(&client, &format!("{}", Key::Backspace)).await;
    }
    let tokens = client
        .execute(
            "return document.activeElement.parentElement.querySelectorAll('.token').length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(tokens, Value::from(0), "every token removed by keyboard");
    press(&client, "综合执法大队，标准计量股").await;
    press(&client, &Key::Tab.to_string()).await;
    let after = stored(&client).await;
    assert_eq!(after.tasks.rows[5].support, ["综合执法大队", "标准计量股"]);
    for (i, (a, b)) in after.tasks.rows.iter().zip(&pasted.tasks.rows).enumerate() {
        if i != 5 {
            assert_eq!(a, b, "row {} unchanged", i + 1);
        }
    }
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn a_first_visit_offers_three_ways_to_start_and_steps_are_done_only_with_content() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let client = support::browser(&driver, &support::temp_dir("first-visit")).await;
    open_fresh(&client, &base).await;
    // Three ways to start, a sentence each.
    wait_for_text(&client, "#first-visit", "模板").await;
    // The blank draft is stored once the form is on screen; storing it is
    // not an edit, so the offer stays.
    let stored = client
        .execute(
            "const id = localStorage.getItem('notice-desk/current');
             return id !== null && localStorage.getItem('notice-desk/draft/' + id) !== null;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        stored,
        Value::Bool(true),
        "no draft stored on a first visit"
    );
    assert!(client.find(Locator::Css("#first-visit")).await.is_ok());
    for (button, words) in [
        ("#start-template", "模板"),
        ("#start-import", "导入"),
        ("#start-blank", "空白"),
    ] {
        wait_for_text(&client, button, words).await;
    }
    // A blank draft: no step is done, no label stands empty.
    wait_for_text(&client, "#progress", "已完成0/7").await;
    let ticks = client
        .find_all(Locator::Css(".stepper .state.ok"))
        .await
        .unwrap();
    assert!(ticks.is_empty(), "a blank draft has no step done");
    let step1 = client
        .find(Locator::Css("main.editor form"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !step1.contains("规范写法"),
        "no 规范写法 without a 发文字号: {step1}"
    );
    type_into(&client, "#doc-number", "砀市监发〔2021〕12号").await;
    leave(&client, "#doc-number").await;
    wait_for_text(&client, "main.editor form", "规范写法").await;
    // Typing hides the offer; it leads to the templates and the import.
    assert!(client.find(Locator::Css("#first-visit")).await.is_err());

    open_fresh(&client, &base).await;
    click(&client, "#start-template").await;
    wait_for(&client, "#library-heading").await;
    wait_for_text(&client, ".library", "县局印发活动方案").await;
    open_fresh(&client, &base).await;
    click(&client, "#start-import").await;
    wait_for(&client, "#import-heading").await;
    open_fresh(&client, &base).await;
    click(&client, "#start-blank").await;
    assert!(client.find(Locator::Css("#first-visit")).await.is_err());

    // A task with content and its lead department: step 4 is done.
    click(&client, "#step-4").await;
    click(&client, "#add-task").await;
    type_into(&client, "#task-0-name", "质量开放日").await;
    wait_for(&client, "#step-4 .state.todo").await;
    type_into(&client, "#task-0-lead", "质量股").await;
    wait_for(&client, "#step-4 .state.ok").await;
    wait_for_text(&client, "#progress", "已完成1/7").await;
    client.close().await.unwrap();
}
