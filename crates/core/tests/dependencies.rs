//! The core knows nothing of the browser, of .docx or of XML, and reads
//! and writes drafts with its own codec: none of the crates for those is
//! among its dependencies, on any target.

use std::process::Command;

const FORBIDDEN: [&str; 10] = [
    "leptos",
    "web-sys",
    "js-sys",
    "wasm-bindgen",
    "gloo",
    "docx-rs",
    "zip",
    "roxmltree",
    "serde",
    "serde_json",
];

/// The crates a package depends on (normal dependencies, every target).
fn dependencies(package: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["tree", "-p", package, "-e", "normal"])
        .args(["--target", "all", "--prefix", "none", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

fn forbidden(name: &str) -> bool {
    FORBIDDEN.iter().any(|f| name.starts_with(f))
}

#[test]
fn the_core_uses_no_browser_office_xml_or_serde_crate() {
    let core = dependencies("notice-core");
    assert!(core.iter().any(|c| c == "notice-core"), "{core:?}");
    let found: Vec<&String> = core.iter().filter(|c| forbidden(c)).collect();
    assert!(found.is_empty(), "notice-core depends on {found:?}");
    // The check sees them where they are.
    assert!(dependencies("notice-office").iter().any(|c| forbidden(c)));
}
