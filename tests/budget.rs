//! The first-load budget, measured from a real load of the release build in
//! dist/ (`cargo xtask dist`; scripts/test.sh runs this after it):
//! Chromium on the emulated old office PC of the speed bench (CPU 4x,
//! 10 Mbit/s, 20 ms, no cache, 1440x900), the files sent gzip-compressed as
//! nginx sends them. Counted: every request the page started before the app
//! ran, its own form laid out in place of index.html's first frame (which
//! is usable sooner, but what it holds is only kept once the app runs),
//! and its bytes on the wire (headers and gzip body, from Resource Timing).
//! Which files those are follows from the code, not from timing: the page
//! starts nothing more until the app's form is on screen.

#![cfg(not(target_arch = "wasm32"))]

use notice_tests as support;

use support::load::{App, OLD_OFFICE_PC};

/// At most this much on the wire before the app runs (the closest
/// JavaScript tool sends about 152 KB): anything added to the first load
/// has to be paid for by something taken out of it.
const BYTES: f64 = 130.0 * 1024.0;
/// And at most this many requests (each is a round trip on a slow link).
const REQUESTS: usize = 12;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build in dist/ (scripts/test.sh)"]
async fn the_first_load_stays_within_its_budget() {
    let app = App::ours();
    let url = support::load::serve_gzip(app.root.clone());
    let driver = support::start_chromedriver();
    let load = support::load::first_visit(&driver, &url, &app, OLD_OFFICE_PC).await;
    let before = load.before_running();
    println!(
        "first load on the old office PC ({}), gzip:",
        OLD_OFFICE_PC.describe()
    );
    for request in &load.requests {
        println!(
            "  {:>7.0} ms {:>9.0} B  {}{}",
            request.start,
            request.transfer,
            request.file(),
            if request.start < load.running {
                ""
            } else {
                "  (after the app runs)"
            }
        );
    }
    let bytes = load.bytes_before_running();
    println!(
        "  form usable at {:.0} ms; before the app runs ({:.0} ms): {} requests, {:.0} B = {:.1} KB (budget {} requests, {:.0} KB); preview drawn at {:.0} ms",
        load.usable,
        load.running,
        before.len(),
        bytes,
        bytes / 1024.0,
        REQUESTS,
        BYTES / 1024.0,
        load.preview
    );
    // The export and the .docx reader never load up front.
    assert!(
        !before.iter().any(|r| r.file().contains("export-worker")),
        "the export worker is in the first load"
    );
    assert!(
        before.iter().any(|r| r.file().ends_with("_bg.wasm")),
        "no page module before the app runs"
    );
    // Nor the tab's icon: the browser would fetch it while the page loads
    // (sooner or later, by the machine's speed), so it is linked later.
    assert!(
        !before.iter().any(|r| r.file().starts_with("icon")),
        "the icon is fetched before the app runs"
    );
    assert!(
        before.len() <= REQUESTS,
        "{} requests before the app runs, over the budget of {REQUESTS}",
        before.len()
    );
    assert!(
        bytes <= BYTES,
        "{bytes} bytes before the app runs, over the budget of {BYTES}"
    );
}

/// Every `./name` a script refers to in a string.
fn referenced(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for quote in ['"', '\''] {
        let pattern = format!("{quote}./");
        let mut rest = text;
        while let Some(at) = rest.find(&pattern) {
            rest = &rest[at + pattern.len()..];
            let end = rest.find(quote).unwrap_or(rest.len());
            found.push(rest[..end].to_owned());
        }
    }
    found
}

#[test]
#[ignore = "needs the release build in dist/ (scripts/test.sh)"]
fn every_lazily_loaded_part_is_built_and_kept_offline() {
    let dist = support::dist_dir();
    let sw = std::fs::read_to_string(dist.join("sw.js")).unwrap();
    // The wasm-split loader is in the page's glue (xtask/src/dist.rs).
    let glue = std::fs::read_dir(&dist)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with("notice-desk-") && n.ends_with(".js"))
        .expect("the page's glue in dist/");
    let loader = std::fs::read_to_string(dist.join(glue)).unwrap();
    let parts: Vec<String> = referenced(&loader)
        .into_iter()
        .filter(|f| f.ends_with(".wasm"))
        .collect();
    assert!(!parts.is_empty(), "no lazily loaded parts: {loader}");
    for part in &parts {
        assert!(
            dist.join(part).is_file(),
            "{part} is referenced but missing"
        );
        assert!(
            sw.contains(&format!("\"./{part}\"")),
            "{part} is not kept offline"
        );
    }
    assert!(sw.contains("\"./later.css\""), "later.css not kept offline");
}
