//! The browser's localStorage behind the core's [`KeyValueStore`].

use gloo_storage::{LocalStorage, Storage};
use notice_core::draft::{DraftError, KeyValueStore, QUOTA_MESSAGE};

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
                "浏览器禁止了本地存储（可能处于隐私模式或禁用了网站数据），草稿只保存在本页中，关闭前请下载草稿文件。"
                    .into(),
            )),
        }
    }
}

impl KeyValueStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, DraftError> {
        LocalStorage::raw()
            .get_item(key)
            .map_err(|_| DraftError::Storage("无法读取浏览器存储。".into()))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), DraftError> {
        // The only way setItem fails in practice is QuotaExceededError.
        LocalStorage::raw()
            .set_item(key, value)
            .map_err(|_| DraftError::Storage(QUOTA_MESSAGE.into()))
    }

    fn remove(&self, key: &str) -> Result<(), DraftError> {
        LocalStorage::raw()
            .remove_item(key)
            .map_err(|_| DraftError::Storage("无法修改浏览器存储。".into()))
    }

    fn keys(&self) -> Result<Vec<String>, DraftError> {
        let storage = LocalStorage::raw();
        let length = LocalStorage::length();
        Ok((0..length)
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect())
    }
}
