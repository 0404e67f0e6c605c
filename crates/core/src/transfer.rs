//! Draft files: one draft, or a backup of all, as JSON; and reading such
//! files back with a clear message for anything that is not one.

use super::draft::{DraftEnvelope, DraftError, SCHEMA_VERSION};
use super::json::{self, Json, JsonField};

/// The largest file accepted: a draft with 1,000 tasks is about 300 KB.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

const BACKUP_KIND: &str = "notice-desk-backup";

/// All drafts in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub kind: String,
    pub schema: u32,
    pub exported_at: String,
    pub drafts: Vec<DraftEnvelope>,
}

impl Backup {
    /// Compact JSON, in the field order above.
    fn to_json(&self) -> String {
        let mut out = String::from("{");
        for (name, text) in [("kind", &self.kind), ("exported_at", &self.exported_at)] {
            if name == "exported_at" {
                out.push_str(&format!("\"schema\":{},", self.schema));
            }
            json::write_string(&mut out, name);
            out.push(':');
            json::write_string(&mut out, text);
            out.push(',');
        }
        out.push_str("\"drafts\":[");
        for (i, draft) in self.drafts.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            draft.write_json(&mut out);
        }
        out.push_str("]}");
        out
    }
}

/// One draft as a file (pretty, so people can read and diff it).
pub fn draft_file(envelope: &DraftEnvelope) -> String {
    json::pretty(&envelope.to_json())
}

pub fn backup_file(drafts: Vec<DraftEnvelope>, now: &str) -> String {
    let backup = Backup {
        kind: BACKUP_KIND.into(),
        schema: SCHEMA_VERSION,
        exported_at: now.into(),
        drafts,
    };
    json::pretty(&backup.to_json())
}

/// Reads a draft file or a backup, given the file's bytes. Every refusal
/// names the problem in words the user knows.
pub fn read_file(name: &str, bytes: &[u8]) -> Result<Vec<DraftEnvelope>, String> {
    let refuse = |why: String| format!("“{name}”无法导入：{why}");
    if bytes.len() > MAX_FILE_BYTES {
        return Err(refuse(format!(
            "文件太大（{:.1} MB），草稿文件不会超过 {} MB。",
            bytes.len() as f64 / 1024.0 / 1024.0,
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    if bytes.starts_with(b"PK") {
        return Err(refuse(
            "这是 Word 文档或压缩包，不是草稿文件（.json）。导入已有的通知请用“导入通知”。".into(),
        ));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(refuse("文件是空的。".into()));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| refuse("文件不是 UTF-8 文本，不是本应用导出的草稿文件。".into()))?;
    let text = text.trim_start_matches('\u{feff}');
    let value = json::parse(text).map_err(|e| {
        if e.too_deep() {
            refuse("JSON 嵌套层次过深，不是草稿文件。".into())
        } else {
            let (line, column) = e.line_column(text).unwrap_or((1, 1));
            refuse(format!(
                "不是有效的 JSON（第{line}行第{column}列附近有误）。"
            ))
        }
    })?;
    if let Some(Json::String(kind)) = json::member(&value, "kind") {
        if kind == BACKUP_KIND {
            let Some(Json::Array(drafts)) = json::member(&value, "drafts") else {
                return Err(refuse("备份文件中没有草稿列表。".into()));
            };
            return drafts
                .iter()
                .enumerate()
                .map(|(i, draft)| {
                    DraftEnvelope::from_value(draft)
                        .map_err(|e| refuse(format!("第{}份草稿：{}", i + 1, explain(&e))))
                })
                .collect();
        }
    }
    if !matches!(value, Json::Object(_)) || json::member(&value, "notice").is_none() {
        return Err(refuse(
            "这是一个 JSON 文件，但不是草稿：缺少“notice”（通知内容）。".into(),
        ));
    }
    DraftEnvelope::from_value(&value)
        .map(|draft| vec![draft])
        .map_err(|e| refuse(explain(&e)))
}

fn explain(error: &DraftError) -> String {
    match error {
        DraftError::NotADraft(detail) => format!("内容不符合草稿格式（{detail}）。"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> DraftEnvelope {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/county-plan-sections.json");
        DraftEnvelope::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn a_draft_file_round_trips_exactly() {
        let draft = fixture();
        let file = draft_file(&draft);
        assert_eq!(read_file("a.json", file.as_bytes()).unwrap(), vec![draft]);
    }

    #[test]
    fn a_backup_round_trips_every_draft() {
        let mut second = fixture();
        second.id = "b".into();
        let drafts = vec![fixture(), second];
        let file = backup_file(drafts.clone(), "2021-09-06T08:00:00Z");
        assert_eq!(read_file("backup.json", file.as_bytes()).unwrap(), drafts);
    }

    #[test]
    fn files_that_are_not_drafts_are_refused_with_the_reason() {
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"PK\x03\x04rest of a docx".to_vec(), "Word"),
            (vec![b' '; 3], "空"),
            (vec![0xff, 0xfe, 0x00], "UTF-8"),
            (b"{\"schema\": 1,".to_vec(), "不是有效的 JSON"),
            (b"[1, 2, 3]".to_vec(), "缺少“notice”"),
            (
                br#"{"schema":1,"saved_at":"","app_version":"","notice":{"tasks":{"rows":5}}}"#
                    .to_vec(),
                "不符合草稿格式",
            ),
            (br#"{"schema":7,"notice":{}}"#.to_vec(), "更新版本"),
            (
                format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
                "嵌套层次过深",
            ),
            (vec![b'a'; MAX_FILE_BYTES + 1], "太大"),
            (
                br#"{"kind":"notice-desk-backup","drafts":[{"schema":1}]}"#.to_vec(),
                "第1份草稿",
            ),
        ];
        for (bytes, expected) in cases {
            let message = read_file("x.json", &bytes).unwrap_err();
            assert!(message.contains(expected), "{expected}: {message}");
            assert!(message.starts_with("“x.json”无法导入"));
        }
    }
}
