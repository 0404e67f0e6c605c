//! The first-load budget (issue 8), measured on the release build in dist/
//! (`trunk build --release`; scripts/test.sh runs this after it).
//!
//! The first load is every file the page fetches before the form is usable:
//! index.html and what it links (styles, the page's JS glue and module, the
//! manifest and icon), plus the scripts those import. The export worker,
//! the lazily loaded parts of the page (src/ui/lazy.rs), the preview's
//! styles and the service worker all come after the first paint.
//! Sizes are gzip -9, as an intranet server with gzip on sends them.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// At most this much before the form is usable (issue 8; the closest
/// JavaScript tool loads about 132 KB before its editor works).
const FIRST_LOAD_BUDGET: usize = 130 * 1024;

fn dist() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("dist")
}

fn gzip_size(path: &Path) -> usize {
    let out = Command::new("gzip")
        .arg("-9c")
        .arg(path)
        .output()
        .expect("gzip is installed (scripts/test.sh installs it)");
    assert!(out.status.success(), "gzip {path:?}");
    out.stdout.len()
}

/// Every `./name` (or `href="name"`) a text refers to in an attribute or
/// an import.
fn referenced(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for pattern in ["\"./", "'./", "href=\"", "src=\""] {
        let quote = if pattern.contains('\'') { '\'' } else { '"' };
        let mut rest = text;
        while let Some(at) = rest.find(pattern) {
            rest = &rest[at + pattern.len()..];
            let end = rest.find(quote).unwrap_or(rest.len());
            found.push(rest[..end].trim_start_matches("./").to_owned());
        }
    }
    found
}

/// What a script imports statically, minified or not: the specifier after
/// `from` (`import x from "./a.js"`, `import*as x from"./a.js"`) or right
/// after `import` (`import "./a.js"`); not `import("./a.js")` or URLs it
/// fetches later.
fn static_imports(script: &str) -> Vec<String> {
    let mut found = Vec::new();
    for keyword in ["from", "import"] {
        for (at, _) in script.match_indices(keyword) {
            let before = script[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '.') {
                continue;
            }
            let rest = script[at + keyword.len()..].trim_start();
            let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
                continue;
            };
            let specifier = &rest[1..];
            let end = specifier.find(quote).unwrap_or(specifier.len());
            found.push(specifier[..end].trim_start_matches("./").to_owned());
        }
    }
    found
}

/// The first load: index.html, what it references, and what those scripts
/// import statically (`import … from "./x.js"`), but not what they fetch
/// later (`new URL("./part.wasm", import.meta.url)`).
fn first_load() -> BTreeSet<String> {
    let dist = dist();
    let mut files = BTreeSet::from(["index.html".to_owned()]);
    let mut queue = vec!["index.html".to_owned()];
    while let Some(name) = queue.pop() {
        let text = std::fs::read_to_string(dist.join(&name)).unwrap_or_default();
        let found = if name.ends_with(".js") {
            static_imports(&text)
        } else {
            referenced(&text)
        };
        for file in found {
            if dist.join(&file).is_file() && files.insert(file.clone()) {
                queue.push(file);
            }
        }
    }
    files
}

#[test]
#[ignore = "needs the release build in dist/ (scripts/test.sh)"]
fn the_first_load_stays_within_its_budget() {
    let files = first_load();
    let mut total = 0;
    println!("first load (gzip -9):");
    for file in &files {
        let size = gzip_size(&dist().join(file));
        total += size;
        println!("  {:>9} B  {file}", size);
    }
    println!(
        "  {:>9} B  total = {:.1} KB (budget {} KB)",
        total,
        total as f64 / 1024.0,
        FIRST_LOAD_BUDGET / 1024
    );
    // The export and the .docx reader never load up front.
    assert!(
        !files.iter().any(|f| f.contains("export-worker")),
        "the worker is in the first load: {files:?}"
    );
    assert!(
        files.iter().any(|f| f.ends_with("_bg.wasm")),
        "no page module found in the first load: {files:?}"
    );
    assert!(
        total <= FIRST_LOAD_BUDGET,
        "the first load is {total} bytes, over its budget of {FIRST_LOAD_BUDGET}"
    );
}

#[test]
fn static_imports_are_found_in_plain_and_minified_scripts() {
    let plain = "import init, * as b from './glue.js';\nimport \"./side.js\";\nconst u = new URL(\"./later.wasm\", import.meta.url);";
    assert_eq!(static_imports(plain), ["glue.js", "side.js"]);
    let minified =
        r#"import*as t from"./__wasm_split.js";const e=import("./lazy.js"),imports={from:1};"#;
    assert_eq!(static_imports(minified), ["__wasm_split.js"]);
}

#[test]
#[ignore = "needs the release build in dist/ (scripts/test.sh)"]
fn every_lazily_loaded_part_is_built_and_kept_offline() {
    let dist = dist();
    let loader = std::fs::read_to_string(dist.join("__wasm_split.js"))
        .expect("the page module is split (scripts/post-build.py)");
    let parts: Vec<String> = referenced(&loader)
        .into_iter()
        .filter(|f| f.ends_with(".wasm"))
        .collect();
    assert!(parts.len() >= 10, "too few parts: {parts:?}");
    let sw = std::fs::read_to_string(dist.join("sw.js")).unwrap();
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
    for later in ["preview.css", "__wasm_split.js"] {
        assert!(
            sw.contains(&format!("\"./{later}\"")),
            "{later} not kept offline"
        );
    }
}
