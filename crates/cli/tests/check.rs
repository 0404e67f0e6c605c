//! `notice check`: the proofreading findings of a draft, as a readable
//! list or as JSON.
#![cfg(not(target_arch = "wasm32"))]

use notice_core::draft::DraftEnvelope;
use notice_core::json::{self, Json};

fn fixture(name: &str) -> notice_core::Notice {
    let path = notice_tests::project_root()
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    DraftEnvelope::from_json(&text).expect("draft").notice
}

/// `notice check --json`: an array of {rule, severity, field, excerpt,
/// message, fix}; exit status 0 with problems, 2 on unreadable input.
#[test]
fn the_cli_lists_findings_as_json() {
    let mut notice = fixture("county-plan-sections.json");
    notice.cover_body[0].insert_str(0, "按照国市监质〔2021〕第51号,");
    let dir = std::env::temp_dir().join(format!("proofread-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let draft = dir.join("draft.json");
    std::fs::write(
        &draft,
        DraftEnvelope::new(notice, "2026-11-30T00:00:00Z").to_json(),
    )
    .unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_notice"))
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["check", draft.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let Json::Array(items) = json::parse(&text).unwrap() else {
        panic!("not an array: {text}")
    };
    let text_of = |item: &Json, key: &str| match json::member(item, key) {
        Some(Json::String(s)) => Some(s.to_string()),
        Some(Json::Null) => None,
        other => panic!("{key}: {other:?}"),
    };
    let rules: Vec<String> = items.iter().map(|i| text_of(i, "rule").unwrap()).collect();
    assert_eq!(rules, ["docno.di", "punct.halfwidth"]);
    let di = &items[0];
    assert_eq!(text_of(di, "severity").as_deref(), Some("error"));
    assert_eq!(text_of(di, "field").as_deref(), Some("cover_body[0]"));
    assert_eq!(text_of(di, "excerpt").as_deref(), Some("第"));
    assert_eq!(text_of(di, "fix").as_deref(), Some(""));
    assert!(text_of(di, "message")
        .unwrap()
        .contains("GB/T 9704-2012 §7.2.4"));
    assert_eq!(text_of(&items[1], "fix").as_deref(), Some("，"));
    let Json::Object(members) = di else {
        panic!("not an object")
    };
    let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_ref()).collect();
    assert_eq!(
        keys,
        ["rule", "severity", "field", "excerpt", "message", "fix"]
    );

    let out = run(&["check", draft.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("发现2处：错误2处"), "{text}");

    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{not json").unwrap();
    assert_eq!(
        run(&["check", bad.to_str().unwrap()]).status.code(),
        Some(2)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
