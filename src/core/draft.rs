//! How a draft is kept: a versioned envelope around the notice, written to a
//! key-value store. The store is a trait so that the browser's localStorage
//! and the tests' in-memory map are interchangeable.

use super::model::Notice;
use serde::{Deserialize, Serialize};

/// Bumped whenever the stored shape of a notice changes incompatibly; older
/// envelopes are migrated on load.
pub const SCHEMA_VERSION: u32 = 1;

/// Storage key of the draft being edited.
pub const CURRENT_DRAFT_KEY: &str = "notice-desk/draft/current";

/// What is stored: the notice plus what is needed to load it safely later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftEnvelope {
    pub schema: u32,
    /// ISO 8601 time of the save.
    pub saved_at: String,
    pub app_version: String,
    pub notice: Notice,
}

impl DraftEnvelope {
    pub fn new(notice: Notice, saved_at: impl Into<String>) -> Self {
        Self {
            schema: SCHEMA_VERSION,
            saved_at: saved_at.into(),
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            notice,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a notice always serialises")
    }

    pub fn from_json(text: &str) -> Result<Self, DraftError> {
        #[derive(Deserialize)]
        struct Header {
            schema: u32,
        }
        let header: Header = serde_json::from_str(text).map_err(|_| DraftError::NotADraft)?;
        if header.schema > SCHEMA_VERSION {
            return Err(DraftError::NewerSchema(header.schema));
        }
        serde_json::from_str(text).map_err(|_| DraftError::NotADraft)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    NotADraft,
    NewerSchema(u32),
    Storage(String),
}

impl std::fmt::Display for DraftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotADraft => f.write_str("这不是本应用保存的草稿，无法读取。"),
            Self::NewerSchema(v) => {
                write!(
                    f,
                    "这份草稿由更新版本的应用保存（格式版本 {v}），请使用新版本打开。"
                )
            }
            Self::Storage(why) => write!(f, "浏览器存储出错：{why}"),
        }
    }
}

impl std::error::Error for DraftError {}

/// A string key-value store, such as the browser's localStorage.
pub trait KeyValueStore {
    fn get(&self, key: &str) -> Result<Option<String>, DraftError>;
    fn set(&self, key: &str, value: &str) -> Result<(), DraftError>;
}

/// Loads the current draft. `Ok(None)` when there is none yet.
pub fn load_current(store: &impl KeyValueStore) -> Result<Option<DraftEnvelope>, DraftError> {
    match store.get(CURRENT_DRAFT_KEY)? {
        None => Ok(None),
        Some(text) => DraftEnvelope::from_json(&text).map(Some),
    }
}

/// Saves the current draft.
pub fn save_current(
    store: &impl KeyValueStore,
    notice: &Notice,
    saved_at: &str,
) -> Result<(), DraftError> {
    let envelope = DraftEnvelope::new(notice.clone(), saved_at);
    store.set(CURRENT_DRAFT_KEY, &envelope.to_json())
}

/// An in-memory store for tests and for the command line.
#[derive(Default)]
pub struct MemoryStore(std::cell::RefCell<std::collections::BTreeMap<String, String>>);

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, DraftError> {
        Ok(self.0.borrow().get(key).cloned())
    }
    fn set(&self, key: &str, value: &str) -> Result<(), DraftError> {
        self.0.borrow_mut().insert(key.to_owned(), value.to_owned());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_draft_loads_back_identical() {
        let store = MemoryStore::default();
        assert_eq!(load_current(&store), Ok(None));
        let notice = Notice {
            title: Some("关于开展2021年“质量月”活动的通知".into()),
            ..Notice::default()
        };
        save_current(&store, &notice, "2021-09-06T08:00:00Z").unwrap();
        let loaded = load_current(&store).unwrap().unwrap();
        assert_eq!(loaded.notice, notice);
        assert_eq!(loaded.schema, SCHEMA_VERSION);
    }

    #[test]
    fn garbage_and_newer_drafts_are_refused_not_misread() {
        assert_eq!(DraftEnvelope::from_json("{"), Err(DraftError::NotADraft));
        assert_eq!(
            DraftEnvelope::from_json(r#"{"schema":99,"notice":{}}"#),
            Err(DraftError::NewerSchema(99))
        );
        assert_eq!(
            DraftEnvelope::from_json(r#"{"schema":1,"notice":{"tasks":{"rows":"x"}}}"#),
            Err(DraftError::NotADraft)
        );
    }
}
