//! Speed in headless Chromium on the release build (scripts/bench.sh; not
//! part of the test command: it measures, it does not judge). Prints, each
//! with median and spread:
//! - navigation to a usable form (the page's `notice-desk:usable` mark),
//!   first visit (new browser profile) and repeat visits (service worker);
//! - export of a 10-, 200- and 1,000-task notice through the export worker;
//! - the worker's memory across 100 exports;
//! - keystroke to updated DOM with a 200-task draft and the preview open.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::Client;
use std::time::Duration;
use support::notices::table_notice;
use support::ui::*;

/// Median, minimum, 90th percentile and maximum, as printed.
fn spread(label: &str, unit: &str, mut samples: Vec<f64>) -> String {
    assert!(!samples.is_empty(), "{label}: no samples");
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    let line = format!(
        "{label}: median {:.1} {unit} (min {:.1}, p90 {:.1}, max {:.1}; n = {})",
        at(0.5),
        samples[0],
        at(0.9),
        samples[samples.len() - 1],
        samples.len()
    );
    println!("{line}");
    line
}

async fn js(client: &Client, script: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
    client
        .execute(script, args)
        .await
        .unwrap_or_else(|e| panic!("{e}: {script}"))
}

/// When the form became usable, in ms after navigation started.
async fn usable_at(client: &Client) -> f64 {
    wait_for(client, "#organ-0").await;
    for _ in 0..100 {
        let at = js(
            client,
            "const m = performance.getEntriesByName('notice-desk:usable')[0]; return m ? m.startTime : null;",
            vec![],
        )
        .await;
        if let Some(at) = at.as_f64() {
            return at;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the page never marked itself usable");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: run scripts/bench.sh"]
async fn speed_in_chromium() {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    println!(
        "headless Chromium on loopback, release build in dist/, {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    // First visits: a new profile each time (nothing cached).
    let mut first = Vec::new();
    for i in 0..8 {
        let client =
            support::browser(&driver, &support::temp_dir(&format!("bench-first-{i}"))).await;
        client.goto(&base).await.unwrap();
        first.push(usable_at(&client).await);
        client.close().await.unwrap();
    }
    spread("navigation to usable form, first visit", "ms", first);

    let client = support::browser(&driver, &support::temp_dir("bench")).await;
    client.goto(&base).await.unwrap();
    wait_for(&client, "#organ-0").await;
    // Let the service worker install and take the files.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut repeat = Vec::new();
    for _ in 0..15 {
        client.goto(&base).await.unwrap();
        repeat.push(usable_at(&client).await);
    }
    spread("navigation to usable form, repeat visit", "ms", repeat);

    // Export through the worker, as the page does it, timed in the page.
    for tasks in [10usize, 200, 1000] {
        let request = serde_json::json!({
            "notice": table_notice(tasks),
            "now": "2021-09-06T08:00:00Z",
            "common_fonts": false,
        })
        .to_string();
        let runs = if tasks == 200 { 100 } else { 20 };
        let result = client
            .execute_async(
                "const [request, runs, done] = arguments;
                 const worker = new Worker('./export-worker_loader.js');
                 const answers = [];
                 let sent = 0, started = 0;
                 const send = () => { started = performance.now();
                   worker.postMessage({ id: ++sent, kind: 'export', request }); };
                 worker.onmessage = (e) => {
                   if (e.data.ready) { send(); return; }
                   if (!e.data.ok) { done({ error: e.data.error }); return; }
                   answers.push([performance.now() - started, e.data.memory, e.data.bytes.byteLength]);
                   if (answers.length < runs + 3) { send(); } else { worker.terminate(); done({ answers }); }
                 };",
                vec![request.into(), runs.into()],
            )
            .await
            .unwrap();
        assert!(result.get("error").is_none(), "{result}");
        let answers: Vec<(f64, f64, f64)> =
            serde_json::from_value(result["answers"].clone()).unwrap();
        // The first three warm the worker up (compilation, first allocations).
        let timed: Vec<f64> = answers[3..].iter().map(|a| a.0).collect();
        spread(
            &format!(
                "export of {tasks} tasks in the worker ({:.0} KB .docx)",
                answers[3].2 / 1024.0
            ),
            "ms",
            timed,
        );
        if tasks == 200 {
            let memory: Vec<f64> = answers[3..].iter().map(|a| a.1 / 1048576.0).collect();
            println!(
                "worker memory across {} exports of 200 tasks: after the 1st {:.1} MB, after the 10th {:.1} MB, after the last {:.1} MB",
                memory.len(),
                memory[0],
                memory[9],
                memory[memory.len() - 1]
            );
        }
    }

    // Keystroke to DOM with a 200-task draft and the preview open.
    // The preview is shown by default (a fresh profile, storage cleared).
    open_as_current_draft(&client, &table_notice(200)).await;
    wait_for(&client, ".preview-pages .page").await;
    click(&client, "#step-4").await;
    wait_for(&client, "#task-199-name").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (mut handled, mut frame, mut preview) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..30 {
        let row = (i * 37) % 200;
        let id = format!("task-{row}-name");
        // A real key press (WebDriver), timed in the page from keydown to
        // the end of the task that handled it (the form's DOM updated) and
        // to the preview's DOM showing it.
        js(
            &client,
            "const id = arguments[0]; const input = document.getElementById(id);
             input.focus();
             window.__key = {};
             const k = window.__key;
             input.addEventListener('keydown', () => { k.down = performance.now(); }, { once: true, capture: true });
             // Bubbling to the window comes after the app's handler and the
             // DOM updates it queued (microtasks run between listeners).
             window.addEventListener('input', () => {
               k.handled = performance.now() - k.down;
               requestAnimationFrame(() => { k.frame = performance.now() - k.down; });
             }, { once: true });
             const pages = document.querySelector('.preview-pages');
             const observer = new MutationObserver(() => {
               const row = pages.querySelector('.pv-row:not(.header)[data-field=\"' + id + '\"]');
               if (row && row.textContent.includes('x')) {
                 k.preview = performance.now() - k.down; observer.disconnect();
               }
             });
             observer.observe(pages, { childList: true, subtree: true, characterData: true });",
            vec![id.clone().into()],
        )
        .await;
        client
            .find(fantoccini::Locator::Id(&id))
            .await
            .unwrap()
            .send_keys("x")
            .await
            .unwrap();
        let mut sample = serde_json::Value::Null;
        for _ in 0..100 {
            sample = js(&client, "return window.__key;", vec![]).await;
            if ["handled", "frame", "preview"]
                .iter()
                .all(|k| sample.get(k).is_some())
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        handled.push(sample["handled"].as_f64().expect("keystroke handled"));
        frame.push(
            sample["frame"]
                .as_f64()
                .expect("a frame after the keystroke"),
        );
        let Some(shown) = sample["preview"].as_f64() else {
            let row = js(
                &client,
                "const r = document.querySelector('.preview-pages .pv-row[data-field=\"' + arguments[0] + '\"]'); return [r ? r.outerHTML.slice(0, 300) : null, document.getElementById(arguments[0]).value];",
                vec![id.clone().into()],
            )
            .await;
            panic!("keystroke never reached the preview: {sample} {row}");
        };
        preview.push(shown);
    }
    spread(
        "keystroke to updated form DOM, 200 tasks, preview open",
        "ms",
        handled,
    );
    spread(
        "keystroke to the next frame, 200 tasks, preview open",
        "ms",
        frame,
    );
    spread("keystroke to updated preview DOM, 200 tasks", "ms", preview);
    client.close().await.unwrap();
}
