//! The browser's localStorage behind the core's [`KeyValueStore`].

use crate::core::draft::{DraftError, KeyValueStore};
use gloo_storage::{LocalStorage, Storage};

/// localStorage, once it is known to be usable. Storage can be missing or
/// forbidden (disabled cookies, some private modes): then the app keeps the
/// draft in memory and says so, instead of failing.
#[derive(Clone, Copy)]
pub struct LocalStore(());

impl LocalStore {
    pub fn open() -> Result<Self, DraftError> {
        // gloo's `raw()` throws when storage is forbidden; ask web-sys first.
        match web_sys::window().map(|w| w.local_storage()) {
            Some(Ok(Some(_))) => Ok(Self(())),
            _ => Err(DraftError::Storage(
                "浏览器禁止了本地存储，草稿只保存在本页面中，关闭前请导出。".into(),
            )),
        }
    }
}

impl KeyValueStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, DraftError> {
        LocalStorage::raw()
            .get_item(key)
            .map_err(|_| DraftError::Storage("无法读取本地存储。".into()))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), DraftError> {
        LocalStorage::raw().set_item(key, value).map_err(|_| {
            DraftError::Storage("本地存储空间已满或不可用，草稿未能保存，请导出备份。".into())
        })
    }
}
