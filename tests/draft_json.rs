//! The page's draft codec (`core::json`) against serde, the format's
//! reference: same bytes written, same values read, and whatever serde
//! refuses is refused, for the stored fixtures and for generated notices
//! that use every field, every kind of section and awkward text.
#![cfg(not(target_arch = "wasm32"))]

use notice_tests as support;

use notice_core::draft::{DraftEnvelope, DraftError, SCHEMA_VERSION};
use serde_json::Value;
use std::path::PathBuf;
use support::random::Random;

fn stored_drafts() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths = vec![
        root.join("city-plan-table.json"),
        root.join("county-plan-sections.json"),
    ];
    for entry in std::fs::read_dir(root.join("schema")).unwrap() {
        paths.push(entry.unwrap().path());
    }
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// Both readers on one text: they must agree on whether it is a draft and,
/// if it is, on every field. The one known difference: serde also reads a
/// struct written as an array of its fields in order, a form no writer of
/// drafts produces; ours refuses it (`array_for_struct`).
fn assert_same_reading(text: &str, what: &str, array_for_struct: bool) {
    let ours = DraftEnvelope::from_json(text);
    // serde, plus the rule that only this schema is read.
    let serde = serde_json::from_str::<DraftEnvelope>(text)
        .map_err(|e| e.to_string())
        .and_then(|d| {
            if d.schema == SCHEMA_VERSION {
                Ok(d)
            } else {
                Err("schema".into())
            }
        });
    match (&ours, &serde) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{what}: read differently\n{text}"),
        (Err(_), Err(_)) => {}
        (Err(DraftError::NotADraft(_)), Ok(_)) if array_for_struct => {}
        _ => panic!("{what}: ours {ours:?}, serde {serde:?}\n{text}"),
    }
}

#[test]
fn stored_drafts_read_and_write_exactly_as_serde_does() {
    for text in stored_drafts() {
        let reference: DraftEnvelope = serde_json::from_str(&text).unwrap();
        let ours = DraftEnvelope::from_json(&text).unwrap();
        assert_eq!(ours, reference);
        assert_eq!(ours.to_json(), serde_json::to_string(&reference).unwrap());
    }
}

#[test]
fn generated_drafts_round_trip_byte_for_byte() {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    for seed in 0..500 {
        let envelope = random.envelope();
        let serde = serde_json::to_string(&envelope).unwrap();
        assert_eq!(envelope.to_json(), serde, "seed {seed}");
        assert_eq!(
            DraftEnvelope::from_json(&serde).as_ref(),
            Ok(&envelope),
            "seed {seed}"
        );
        // Draft files are pretty-printed, with a byte-order mark from some editors.
        let pretty = serde_json::to_string_pretty(&envelope).unwrap();
        assert_eq!(
            DraftEnvelope::from_json(&pretty).as_ref(),
            Ok(&envelope),
            "seed {seed}"
        );
    }
}

/// Every place of a JSON tree, as a path of keys and indexes.
fn places(value: &Value, here: Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            let mut path = here.clone();
            path.push(k.clone());
            places(v, path, out)
        }),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| {
            let mut path = here.clone();
            path.push(i.to_string());
            places(v, path, out)
        }),
        _ => {}
    }
    out.push(here);
}

fn at<'a>(value: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(value, |v, key| match v {
        Value::Array(items) => &mut items[key.parse::<usize>().unwrap()],
        other => &mut other[key.as_str()],
    })
}

#[test]
fn wrong_types_missing_fields_and_unknown_fields_are_judged_as_serde_judges_them() {
    let replacements: Vec<Value> = [
        "null",
        "true",
        "0",
        "5",
        "255",
        "256",
        "65536",
        "4294967296",
        "-1",
        "1.5",
        "1e2",
        "\"x\"",
        "\"body\"",
        "\"summary\"",
        "[]",
        "[1]",
        "{}",
        "{\"year\":2021,\"month\":9,\"day\":6}",
    ]
    .iter()
    .map(|t| serde_json::from_str(t).unwrap())
    .collect();
    let mut random = Random(42);
    let mut checked = 0;
    for seed in 0..12 {
        let original: Value = serde_json::to_value(random.envelope()).unwrap();
        let mut all = Vec::new();
        places(&original, Vec::new(), &mut all);
        for path in all.iter().filter(|p| !p.is_empty()) {
            for replacement in &replacements {
                let mut changed = original.clone();
                *at(&mut changed, path) = replacement.clone();
                let was_struct = at(&mut original.clone(), path).is_object();
                assert_same_reading(
                    &changed.to_string(),
                    &format!("seed {seed}: {path:?} = {replacement}"),
                    was_struct && replacement.is_array(),
                );
                checked += 1;
            }
            let (parent, last) = path.split_at(path.len() - 1);
            let mut removed = original.clone();
            if let Value::Object(map) = at(&mut removed, parent) {
                map.remove(&last[0]);
                assert_same_reading(
                    &removed.to_string(),
                    &format!("seed {seed}: without {path:?}"),
                    false,
                );
                let mut extended = original.clone();
                if let Value::Object(map) = at(&mut extended, parent) {
                    map.insert(
                        "later_version_field".into(),
                        Value::Array(vec![Value::Null]),
                    );
                }
                assert_same_reading(
                    &extended.to_string(),
                    &format!("seed {seed}: unknown in {parent:?}"),
                    false,
                );
                checked += 2;
            }
        }
    }
    assert!(checked > 10_000, "only {checked} variants checked");
}

#[test]
fn broken_text_is_refused_with_a_message_in_chinese() {
    let good = serde_json::to_string(&Random(7).envelope()).unwrap();
    for cut in (1..good.len())
        .step_by(37)
        .filter(|&c| good.is_char_boundary(c))
    {
        match DraftEnvelope::from_json(&good[..cut]) {
            Err(DraftError::NotADraft(why)) => assert!(why.contains("JSON"), "{why}"),
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    let Err(DraftError::NotADraft(why)) = DraftEnvelope::from_json(
        r#"{"schema":1,"saved_at":"","app_version":"","notice":{"tasks":{"rows":[{"name":3}]}}}"#,
    ) else {
        panic!("a number for a task's name was accepted")
    };
    assert_eq!(why, "字段 notice.tasks.rows.name：应为文字");
}

/// A backup as serde writes one, field for field.
#[derive(serde::Serialize)]
struct SerdeBackup<'a> {
    kind: &'a str,
    schema: u32,
    exported_at: &'a str,
    drafts: &'a [DraftEnvelope],
}

#[test]
fn draft_files_and_backups_are_written_as_serde_writes_them() {
    let mut random = Random(0x2545_f491_4f6c_dd1d);
    let mut drafts: Vec<DraftEnvelope> = stored_drafts()
        .iter()
        .map(|text| DraftEnvelope::from_json(text).unwrap())
        .collect();
    drafts.extend((0..100).map(|_| random.envelope()));
    for (i, draft) in drafts.iter().enumerate() {
        let serde = serde_json::to_string_pretty(draft).unwrap();
        assert_eq!(notice_core::transfer::draft_file(draft), serde, "draft {i}");
    }
    let now = "2021-09-06T08:00:00Z";
    let serde = serde_json::to_string_pretty(&SerdeBackup {
        kind: "notice-desk-backup",
        schema: SCHEMA_VERSION,
        exported_at: now,
        drafts: &drafts,
    })
    .unwrap();
    assert_eq!(notice_core::transfer::backup_file(drafts, now), serde);
    let empty = serde_json::to_string_pretty(&SerdeBackup {
        kind: "notice-desk-backup",
        schema: SCHEMA_VERSION,
        exported_at: now,
        drafts: &[],
    })
    .unwrap();
    assert_eq!(notice_core::transfer::backup_file(Vec::new(), now), empty);
}
