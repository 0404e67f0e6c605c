//! The page's draft codec (`core::json`) against serde, the format's
//! reference: same bytes written, same values read, and whatever serde
//! refuses is refused, for the stored fixtures and for generated notices
//! that use every field, every kind of section and awkward text.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use notice_desk::core::draft::{DraftEnvelope, DraftError, SCHEMA_VERSION};
use notice_desk::core::*;
use serde_json::Value;
use std::path::PathBuf;
use support::random::Random;

/// Notices that use every field, every kind of section and awkward text.
impl Random {
    fn text(&mut self) -> String {
        const PIECES: &[&str] = &[
            "质量月",
            "砀山县市场监督管理局",
            "〔2021〕",
            "“质量强国”",
            "a\"b",
            "C:\\路径",
            "\n",
            "\t",
            "\r",
            "\u{1}",
            "\u{8}",
            "\u{c}",
            "\u{1f}",
            "\u{7f}",
            "\u{2028}",
            "😀",
            "é",
            "/",
            " ",
            "</script>",
            "0",
            "",
        ];
        (0..self.below(5))
            .map(|_| PIECES[self.below(PIECES.len())])
            .collect()
    }
    fn texts(&mut self) -> Vec<String> {
        (0..self.below(4)).map(|_| self.text()).collect()
    }
    fn date(&mut self) -> Option<DocDate> {
        self.chance()
            .then(|| {
                DocDate::new(
                    1990 + self.below(60) as u16,
                    1 + self.below(12) as u8,
                    1 + self.below(28) as u8,
                )
            })
            .flatten()
    }
    fn number<T: TryFrom<u64>>(&mut self, max: u64) -> Option<T> {
        self.chance()
            .then(|| T::try_from(self.next() % (max + 1)).ok())
            .flatten()
    }
    fn level(&mut self) -> Level {
        [Level::Body, Level::Second, Level::Third, Level::Fourth][self.below(4)]
    }
    fn content(&mut self) -> SectionContent {
        match self.below(8) {
            0 => SectionContent::Preamble {
                paragraphs: self.texts(),
            },
            1 => SectionContent::Text {
                blocks: (0..self.below(4))
                    .map(|_| TextBlock {
                        level: self.level(),
                        text: self.text(),
                    })
                    .collect(),
            },
            2 => SectionContent::Theme { theme: self.text() },
            3 => SectionContent::Time { text: self.text() },
            4 => SectionContent::Tasks { intro: self.text() },
            5 => SectionContent::ByDepartment {
                groups: (0..self.below(3))
                    .map(|_| DepartmentActivities {
                        department: self.text(),
                        activities: self.texts(),
                    })
                    .collect(),
            },
            6 => SectionContent::Requirements {
                items: (0..self.below(3))
                    .map(|_| Requirement {
                        lead: self.text(),
                        text: self.text(),
                    })
                    .collect(),
            },
            _ => SectionContent::Summary(Summary {
                deadline: self.date(),
                what: self.text(),
                to: self.text(),
                extra: self.text(),
            }),
        }
    }
    fn notice(&mut self) -> Notice {
        Notice {
            shape: if self.chance() {
                NoticeShape::Direct
            } else {
                NoticeShape::IssuesPlan
            },
            campaign: Campaign {
                name: self.text(),
                year: self.number(u16::MAX.into()),
            },
            header: Header {
                organs: self.texts(),
                with_wenjian: self.chance(),
                copy_number: self.text(),
                secrecy: self.text(),
                urgency: self.text(),
                doc_number: DocNumber {
                    prefix: self.text(),
                    year: self.number(u16::MAX.into()),
                    serial: self.number(u32::MAX.into()),
                },
                signers: self.texts(),
            },
            title: self.chance().then(|| self.text()),
            recipients: self.texts(),
            cover_body: self.texts(),
            plan_title: self.chance().then(|| self.text()),
            sections: (0..self.below(9))
                .map(|_| Section {
                    id: self.number(u32::MAX.into()).unwrap_or_default(),
                    heading: self.text(),
                    content: self.content(),
                })
                .collect(),
            tasks: TaskList {
                layout: [
                    TaskLayout::Table,
                    TaskLayout::Subsections,
                    TaskLayout::Items,
                ][self.below(3)],
                rows: (0..self.below(5))
                    .map(|_| TaskRow {
                        name: self.text(),
                        description: self.text(),
                        time: self.text(),
                        place: self.text(),
                        lead: self.text(),
                        support: self.texts(),
                    })
                    .collect(),
                lead_label: self.text(),
                support_label: self.text(),
            },
            contacts: (0..self.below(3))
                .map(|_| Contact {
                    name: self.text(),
                    phone: self.text(),
                    email: self.text(),
                    fax: self.text(),
                })
                .collect(),
            attachments: self.texts(),
            signature: Signature {
                organs: self.texts(),
                date: self.date(),
                sealed: self.chance(),
                proxy_note: self.text(),
            },
            note: self.text(),
            imprint: Imprint {
                cc: self.texts(),
                printer: self.text(),
                print_date: self.date(),
            },
        }
    }
    fn envelope(&mut self) -> DraftEnvelope {
        let mut envelope = DraftEnvelope::new(self.notice(), self.text());
        envelope.id = self.text();
        envelope.revision = self.next();
        envelope.deleted_at = self.chance().then(|| self.text());
        envelope
    }
}

fn stored_drafts() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
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
