//! Speed in headless Chromium on the release build (scripts/bench.sh; not
//! part of the test command: it measures, it does not judge). Prints, each
//! with median and spread:
//! - navigation to the app running (the page's `notice-desk:running`
//!   mark), first visit (new browser profile) and repeat visits (service
//!   worker);
//! - export of a 10-, 200- and 1,000-task notice through the export worker;
//! - the worker's memory across 100 exports;
//! - keystroke to updated DOM with a 200-task draft and the preview open;
//! - and, in its own test, the first load on an emulated old office PC
//!   (CPU 4x, 10 Mbit/s, 20 ms, gzip, no cache; two window sizes, a slow
//!   link, repeat visits), interleaved with the JavaScript peer's build when
//!   `PEER_DIST` names it.
#![cfg(not(target_arch = "wasm32"))]

use notice_tests as support;

use fantoccini::Client;
use std::time::Duration;
use support::load::{App, Conditions, Load, OLD_OFFICE_PC};
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

/// When the app ran, in ms after navigation started.
async fn running_at(client: &Client) -> f64 {
    wait_for(client, "#organ-0").await;
    for _ in 0..100 {
        let at = js(
            client,
            "const m = performance.getEntriesByName('notice-desk:running')[0]; return m ? m.startTime : null;",
            vec![],
        )
        .await;
        if let Some(at) = at.as_f64() {
            return at;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the page never marked itself running");
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
        first.push(running_at(&client).await);
        client.close().await.unwrap();
    }
    spread("navigation to the app running, first visit", "ms", first);

    let client = support::browser(&driver, &support::temp_dir("bench")).await;
    client.goto(&base).await.unwrap();
    wait_for(&client, "#organ-0").await;
    // Let the service worker install and take the files.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut repeat = Vec::new();
    for _ in 0..15 {
        client.goto(&base).await.unwrap();
        repeat.push(running_at(&client).await);
    }
    spread("navigation to the app running, repeat visit", "ms", repeat);

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

fn median(samples: &[f64]) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[(sorted.len() - 1) / 2]
}

/// How many loads of each app per setting (`NOTICE_BENCH_RUNS`, at least 7).
fn runs() -> usize {
    std::env::var("NOTICE_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(7)
}

/// Prints one app's loads: time to a usable form, to the app running and
/// to the preview, and what went over the wire before the first two.
fn report(setting: &str, app: &App, loads: &[Load]) {
    let label = format!("first load, {setting}, {}", app.name);
    spread(
        &format!("{label}: navigation to usable form"),
        "ms",
        loads.iter().map(|l| l.usable).collect(),
    );
    spread(
        &format!("{label}: navigation to the app running"),
        "ms",
        loads.iter().map(|l| l.running).collect(),
    );
    spread(
        &format!("{label}: navigation to preview drawn"),
        "ms",
        loads.iter().map(|l| l.preview).collect(),
    );
    let wire = |when: &str, before: &dyn Fn(&Load) -> Vec<&support::load::Request>| {
        let bytes: Vec<f64> = loads
            .iter()
            .map(|l| before(l).iter().map(|r| r.transfer).sum())
            .collect();
        let requests: Vec<f64> = loads.iter().map(|l| before(l).len() as f64).collect();
        println!(
            "{label}: before {when} {:.0} B on the wire in {:.0} requests (median; min {:.0} B / {:.0}, max {:.0} B / {:.0})",
            median(&bytes),
            median(&requests),
            bytes.iter().copied().fold(f64::MAX, f64::min),
            requests.iter().copied().fold(f64::MAX, f64::min),
            bytes.iter().copied().fold(0.0, f64::max),
            requests.iter().copied().fold(0.0, f64::max),
        );
    };
    wire("usable", &Load::before_usable);
    wire("running", &Load::before_running);
    let all: Vec<f64> = loads.iter().map(|l| l.requests.len() as f64).collect();
    println!(
        "{label}: {:.0} requests in all by the time the preview was drawn (median)",
        median(&all)
    );
}

/// Prints this app's time over the peer's, pair by pair.
fn ratios(setting: &str, measure: &str, ours: &[f64], peer: &[f64]) {
    let pairs: Vec<f64> = ours.iter().zip(peer).map(|(o, p)| o / p).collect();
    println!(
        "ratio to the peer, {setting}, {measure}, per pair: {}",
        pairs
            .iter()
            .map(|r| format!("{r:.2}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let mut sorted = pairs.clone();
    sorted.sort_by(f64::total_cmp);
    println!(
        "ratio to the peer, {setting}, {measure}: median {:.2} (min {:.2}, max {:.2}; n = {})",
        median(&pairs),
        sorted[0],
        sorted[sorted.len() - 1],
        sorted.len()
    );
}

/// First visits of each app, interleaved (who goes first alternates).
async fn first_visits(
    driver: &support::Driver,
    apps: &[(App, String)],
    setting: &str,
    conditions: Conditions,
) {
    println!("-- {setting}: {}", conditions.describe());
    let mut loads: Vec<Vec<Load>> = vec![Vec::new(); apps.len()];
    for run in 0..runs() {
        for k in 0..apps.len() {
            let i = (k + run) % apps.len();
            let (app, url) = &apps[i];
            loads[i].push(support::load::first_visit(driver, url, app, conditions).await);
        }
    }
    for (i, (app, _)) in apps.iter().enumerate() {
        report(setting, app, &loads[i]);
    }
    if apps.len() == 2 {
        let usable = |l: &Vec<Load>| l.iter().map(|l| l.usable).collect::<Vec<_>>();
        let running = |l: &Vec<Load>| l.iter().map(|l| l.running).collect::<Vec<_>>();
        let preview = |l: &Vec<Load>| l.iter().map(|l| l.preview).collect::<Vec<_>>();
        ratios(setting, "usable", &usable(&loads[0]), &usable(&loads[1]));
        ratios(setting, "running", &running(&loads[0]), &running(&loads[1]));
        ratios(setting, "preview", &preview(&loads[0]), &preview(&loads[1]));
    }
}

/// Sets a browser's CPU slow-down. Chromium's throttling keeps a core busy
/// for as long as it is on, idle page or not: the browser waiting for its
/// turn is not slowed, or it would take one of the two cores from the one
/// being measured.
async fn throttle(driver: &support::Driver, client: &Client, rate: f64) {
    support::load::cdp(
        driver,
        client,
        "Emulation.setCPUThrottlingRate",
        serde_json::json!({ "rate": rate }),
    )
    .await;
}

/// Repeat visits: each app loaded once, its service worker in control,
/// then reloaded; the HTTP cache stays off.
async fn repeat_visits(driver: &support::Driver, apps: &[(App, String)], conditions: Conditions) {
    let setting = "repeat visit (service worker)";
    println!("-- {setting}: {}", conditions.describe());
    let mut clients = Vec::new();
    for (app, url) in apps {
        let client = support::load::slowed_browser(driver, conditions, app.preview).await;
        support::load::load(&client, url).await;
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while js(
            &client,
            "return !!navigator.serviceWorker.controller;",
            vec![],
        )
        .await
        .as_bool()
            != Some(true)
        {
            assert!(
                std::time::Instant::now() < deadline,
                "{}: no service worker in control",
                app.name
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        // Let the worker finish storing what it keeps.
        tokio::time::sleep(Duration::from_secs(3)).await;
        throttle(driver, &client, 1.0).await;
        clients.push(client);
    }
    let mut loads: Vec<Vec<Load>> = vec![Vec::new(); apps.len()];
    for run in 0..runs() {
        for k in 0..apps.len() {
            let i = (k + run) % apps.len();
            throttle(driver, &clients[i], conditions.cpu).await;
            loads[i].push(support::load::load(&clients[i], &apps[i].1).await);
            throttle(driver, &clients[i], 1.0).await;
        }
    }
    for (i, (app, _)) in apps.iter().enumerate() {
        report(setting, app, &loads[i]);
    }
    if apps.len() == 2 {
        let usable = |l: &Vec<Load>| l.iter().map(|l| l.usable).collect::<Vec<_>>();
        let running = |l: &Vec<Load>| l.iter().map(|l| l.running).collect::<Vec<_>>();
        ratios(setting, "usable", &usable(&loads[0]), &usable(&loads[1]));
        ratios(setting, "running", &running(&loads[0]), &running(&loads[1]));
    }
    for client in clients {
        client.close().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: run scripts/bench.sh"]
async fn first_load_on_an_old_office_pc() {
    let mut apps = vec![App::ours()];
    apps.extend(App::peer());
    let apps: Vec<(App, String)> = apps
        .into_iter()
        .map(|app| {
            let url = support::load::serve_gzip(app.root.clone());
            (app, url)
        })
        .collect();
    if apps.len() < 2 {
        println!("first load: PEER_DIST not set, the peer is not measured");
    }
    let driver = support::start_chromedriver();
    if setting_chosen("1440x900") {
        first_visits(&driver, &apps, "1440x900", OLD_OFFICE_PC).await;
    }
    if setting_chosen("1024x768") {
        first_visits(
            &driver,
            &apps,
            "1024x768",
            OLD_OFFICE_PC.viewport(1024, 768),
        )
        .await;
    }
    if setting_chosen("slow") {
        first_visits(&driver, &apps, "slow link", OLD_OFFICE_PC.link(2e6, 100.0)).await;
    }
    if setting_chosen("repeat") {
        repeat_visits(&driver, &apps, OLD_OFFICE_PC).await;
    }
}

/// Whether `setting` is measured: all are, unless `NOTICE_BENCH_ONLY`
/// names some (comma-separated: 1440x900, 1024x768, slow, repeat).
fn setting_chosen(setting: &str) -> bool {
    std::env::var("NOTICE_BENCH_ONLY")
        .map_or(true, |only| only.split(',').any(|s| s.trim() == setting))
}
