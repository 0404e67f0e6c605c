//! How a draft is kept: a versioned envelope around the notice. The library
//! ([`super::library`]) stores envelopes in a key-value store; draft files
//! ([`super::transfer`]) are envelopes too, so a file round-trips exactly.

use super::json::{self, read_object, write_object, Json, JsonError, JsonField};
use super::model::Notice;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Bumped whenever the stored shape of a notice changes incompatibly; older
/// envelopes are migrated on load (see [`DraftEnvelope::from_json`]).
pub const SCHEMA_VERSION: u32 = 1;

/// What is stored: the notice plus what is needed to load it safely later.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DraftEnvelope {
    pub schema: u32,
    /// W3C date-time of the save.
    pub saved_at: String,
    pub app_version: String,
    /// The draft's id in the library; empty in a file made elsewhere.
    #[cfg_attr(feature = "serde", serde(default))]
    pub id: String,
    /// Counts saves, so that two tabs can tell whose text is newer.
    #[cfg_attr(feature = "serde", serde(default))]
    pub revision: u64,
    /// When the draft was moved to the recycle bin.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub deleted_at: Option<String>,
    pub notice: Notice,
}

impl DraftEnvelope {
    pub fn new(notice: Notice, saved_at: impl Into<String>) -> Self {
        Self {
            schema: SCHEMA_VERSION,
            saved_at: saved_at.into(),
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            id: String::new(),
            revision: 0,
            deleted_at: None,
            notice,
        }
    }

    /// The envelope as compact JSON, byte for byte what
    /// `serde_json::to_string` writes (see [`super::json`]).
    pub fn to_json(&self) -> String {
        json::to_string(self)
    }

    /// Reads an envelope of this or an older schema.
    pub fn from_json(text: &str) -> Result<Self, DraftError> {
        let value = json::parse(text).map_err(|e| DraftError::NotADraft(e.to_string()))?;
        Self::from_value(&value)
    }

    /// Reads an envelope already parsed (a draft inside a backup).
    pub fn from_value(value: &Json) -> Result<Self, DraftError> {
        let not_a_draft = |e: JsonError| DraftError::NotADraft(e.to_string());
        // The schema first, so that a newer draft is refused as such and not
        // as a broken one.
        let Some(Json::Number(Some(schema))) = json::member(value, "schema") else {
            return Err(DraftError::NotADraft("缺少 schema（格式版本）字段".into()));
        };
        match *schema {
            s if s == u64::from(SCHEMA_VERSION) => {
                let mut envelope = Self::new(Notice::default(), "");
                envelope.read_json(value).map_err(not_a_draft)?;
                Ok(envelope)
            }
            s if s > u64::from(SCHEMA_VERSION) => Err(DraftError::NewerSchema(
                u32::try_from(s).unwrap_or(u32::MAX),
            )),
            // Each released schema older than the current one gets a
            // migration step here (and a stored sample under
            // tests/fixtures/schema/, which a test loads).
            other => Err(DraftError::NotADraft(format!("未知的格式版本 {other}"))),
        }
    }
}

impl JsonField for DraftEnvelope {
    fn read_json(&mut self, value: &Json) -> Result<(), JsonError> {
        read_object(
            value,
            &["schema", "saved_at", "app_version", "notice"],
            &mut [
                ("schema", &mut self.schema),
                ("saved_at", &mut self.saved_at),
                ("app_version", &mut self.app_version),
                ("id", &mut self.id),
                ("revision", &mut self.revision),
                ("deleted_at", &mut self.deleted_at),
                ("notice", &mut self.notice),
            ],
        )
    }

    fn write_json(&self, out: &mut String) {
        EnvelopeParts {
            schema: self.schema,
            saved_at: &self.saved_at,
            app_version: &self.app_version,
            id: &self.id,
            revision: self.revision,
            deleted_at: self.deleted_at.as_ref(),
            notice: &self.notice,
        }
        .write(out);
    }
}

/// An envelope's fields, borrowed: a save writes the notice where it is
/// rather than copying it into a [`DraftEnvelope`] first.
pub(crate) struct EnvelopeParts<'a> {
    pub schema: u32,
    pub saved_at: &'a String,
    pub app_version: &'a String,
    pub id: &'a String,
    pub revision: u64,
    pub deleted_at: Option<&'a String>,
    pub notice: &'a Notice,
}

impl EnvelopeParts<'_> {
    pub fn write(&self, out: &mut String) {
        let deleted_at = self.deleted_at.map(|d| ("deleted_at", d as &dyn JsonField));
        let fields: Vec<(&str, &dyn JsonField)> = [
            Some(("schema", &self.schema as &dyn JsonField)),
            Some(("saved_at", self.saved_at)),
            Some(("app_version", self.app_version)),
            Some(("id", self.id)),
            Some(("revision", &self.revision)),
            deleted_at,
            Some(("notice", self.notice)),
        ]
        .into_iter()
        .flatten()
        .collect();
        write_object(out, &fields);
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    /// Not a draft this app can read; the detail says why.
    NotADraft(String),
    NewerSchema(u32),
    /// The store refused: full, forbidden or broken.
    Storage(String),
    /// Another tab saved this draft since this tab loaded it.
    Conflict(Box<DraftEnvelope>),
    NotFound,
}

impl std::fmt::Display for DraftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotADraft(why) => write!(f, "这不是本应用能读取的草稿（{why}）。"),
            Self::NewerSchema(v) => {
                write!(
                    f,
                    "这份草稿由更新版本的应用保存（格式版本 {v}），请使用新版本打开。"
                )
            }
            Self::Storage(why) => write!(f, "{why}"),
            Self::Conflict(_) => f.write_str("另一个标签页已修改这份草稿。"),
            Self::NotFound => f.write_str("找不到这份草稿，它可能已在另一个标签页中被删除。"),
        }
    }
}

impl std::error::Error for DraftError {}

/// A string key-value store, such as the browser's localStorage.
pub trait KeyValueStore {
    fn get(&self, key: &str) -> Result<Option<String>, DraftError>;
    fn set(&self, key: &str, value: &str) -> Result<(), DraftError>;
    fn remove(&self, key: &str) -> Result<(), DraftError>;
    fn keys(&self) -> Result<Vec<String>, DraftError>;
}

/// An in-memory store for tests and for the command line. `capacity` (in
/// bytes of keys and values) imitates a full localStorage.
#[derive(Default)]
pub struct MemoryStore {
    entries: std::cell::RefCell<std::collections::BTreeMap<String, String>>,
    pub capacity: Option<usize>,
}

impl MemoryStore {
    /// A store that refuses writes past `bytes`, as a full localStorage does.
    pub fn with_capacity(bytes: usize) -> Self {
        Self {
            capacity: Some(bytes),
            ..Self::default()
        }
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, DraftError> {
        Ok(self.entries.borrow().get(key).cloned())
    }
    fn set(&self, key: &str, value: &str) -> Result<(), DraftError> {
        let mut entries = self.entries.borrow_mut();
        if let Some(capacity) = self.capacity {
            let used: usize = entries
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if used + key.len() + value.len() > capacity {
                return Err(DraftError::Storage(QUOTA_MESSAGE.into()));
            }
        }
        entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<(), DraftError> {
        self.entries.borrow_mut().remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, DraftError> {
        Ok(self.entries.borrow().keys().cloned().collect())
    }
}

/// What the user reads when storage is full.
pub const QUOTA_MESSAGE: &str =
    "浏览器存储空间已满，最新的修改未能保存。草稿仍在本页中，请先下载草稿文件，再删除不需要的草稿。";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_and_newer_drafts_are_refused_not_misread() {
        assert!(matches!(
            DraftEnvelope::from_json("{"),
            Err(DraftError::NotADraft(_))
        ));
        assert_eq!(
            DraftEnvelope::from_json(r#"{"schema":99,"notice":{}}"#),
            Err(DraftError::NewerSchema(99))
        );
        assert!(matches!(
            DraftEnvelope::from_json(
                r#"{"schema":1,"saved_at":"","app_version":"","notice":{"tasks":{"rows":"x"}}}"#
            ),
            Err(DraftError::NotADraft(_))
        ));
        assert!(matches!(
            DraftEnvelope::from_json(r#"{"notice":{}}"#),
            Err(DraftError::NotADraft(why)) if why.contains("schema")
        ));
    }

    #[test]
    fn every_released_schema_still_loads() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/schema");
        for version in 1..=SCHEMA_VERSION {
            let path = dir.join(format!("v{version}.json"));
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|_| panic!("keep a stored draft of schema {version} at {path:?}"));
            let draft = DraftEnvelope::from_json(&text).unwrap();
            assert!(!draft.notice.tasks.rows.is_empty(), "{path:?}");
        }
    }

    #[test]
    fn a_full_memory_store_refuses_and_keeps_what_it_had() {
        let store = MemoryStore::with_capacity(20);
        store.set("a", "0123456789").unwrap();
        assert!(store.set("b", "0123456789").is_err());
        assert_eq!(store.get("a").unwrap().as_deref(), Some("0123456789"));
    }
}
