//! `notice export draft.json out.ofd`: the OFD by the extension, for both
//! samples, the six templates and a 200-task notice, with the writer's
//! pages and the GB/T 33190-2016 schema rules kept (tests/support/ofd.rs;
//! the reader opens the same pages in tests/ofd.rs).
#![cfg(not(target_arch = "wasm32"))]

use notice_office::docx::FontSet;
use notice_tests as support;
use std::process::Command;
use support::ofd::*;

#[test]
fn notice_export_writes_an_ofd_by_the_extension() {
    let dir = support::temp_dir("ofd-cli");
    for (name, notice, fonts) in notices() {
        if fonts != FontSet::STANDARD {
            continue;
        }
        let draft = dir.join(format!("{name}.json"));
        let json = notice_core::draft::DraftEnvelope::new(notice.clone(), "2021-09-06T08:00:00Z")
            .to_json();
        std::fs::write(&draft, json).unwrap();
        let out = dir.join(format!("{name}.ofd"));
        let status = Command::new(env!("CARGO_BIN_EXE_notice"))
            .arg("export")
            .arg(&draft)
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success(), "{name}");
        let bytes = std::fs::read(&out).unwrap();
        check_parts(&name, &parts(&bytes)).unwrap();
        assert_eq!(
            page_parts(&bytes),
            page_parts(&export(&notice, fonts)),
            "{name}"
        );
    }
}
