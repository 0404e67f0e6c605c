//! The editing session: which draft is open, saving it (debounced, flushed
//! when the page is hidden or closed), and what happens when another tab
//! changes it. The rules live in the core's library; this wires them to
//! signals, timers and browser events.

use super::browser;
use super::storage::LocalStore;
use leptos::prelude::*;
use notice_core::draft::{DraftEnvelope, DraftError};
use notice_core::json::JsonField;
use notice_core::library::{draft_key, Library};
use notice_core::Notice;
use std::time::Duration;

/// Edits are written this long after the last keystroke.
const SAVE_DELAY: Duration = Duration::from_millis(500);

/// What the save indicator shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Saving,
    Failed(String),
}

/// The session's state, shared through context. All fields are `Copy`.
#[derive(Clone, Copy)]
pub struct Session {
    pub notice: RwSignal<Notice>,
    pub save_state: RwSignal<SaveState>,
    /// The id of the open draft (`None` when storage is unusable).
    pub draft_id: RwSignal<Option<String>>,
    /// Another tab's newer version, while the user has not chosen.
    pub conflict: RwSignal<Option<DraftEnvelope>>,
    /// A one-off message (loaded another tab's changes, imported…).
    pub note: RwSignal<Option<String>>,
    /// Bumped whenever the library's contents change.
    pub library_changed: RwSignal<u32>,
    /// The last roll forward (new draft, its source), until undone or
    /// replaced, so it can be undone from the library.
    pub last_roll: RwSignal<Option<(String, String)>>,
    store: StoredValue<Option<LocalStore>>,
    /// The revision the open draft had when last loaded or saved here.
    base_revision: StoredValue<u64>,
    /// The notice as last loaded or saved, in the draft codec's JSON: no
    /// save is needed while equal. Compared as text, not as a `Notice`: the
    /// derived equality of the whole model is 1 KB of the first load, the
    /// codec is there anyway.
    last_saved: StoredValue<String>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// No draft was stored yet: the first one is stored once the form is
    /// on screen (or sooner, when the page is left), so that a new
    /// user's first paint does not wait for the library's writes.
    unstored: StoredValue<bool>,
}

/// A fresh draft id: time and chance, unique enough for one browser.
pub fn new_id() -> String {
    let now = js_sys::Date::now() as u64;
    let chance = (js_sys::Math::random() * 1_679_616.0) as u64; // 36^4
    format!("d{}{}", radix36(now), radix36(chance))
}

fn radix36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The notice as the draft codec writes it.
fn notice_json(notice: &Notice) -> String {
    let mut json = String::new();
    notice.write_json(&mut json);
    json
}

/// A new draft starts empty; the 正文 step offers the usual sections.
pub fn blank_notice() -> Notice {
    Notice::default()
}

impl Session {
    /// A blank notice, saved, nothing read yet: what a new user sees first.
    pub fn blank(store: Option<LocalStore>) -> Self {
        Self {
            notice: RwSignal::new(Notice::default()),
            save_state: RwSignal::new(SaveState::Saved),
            draft_id: RwSignal::new(None),
            conflict: RwSignal::new(None),
            note: RwSignal::new(None),
            library_changed: RwSignal::new(0),
            last_roll: RwSignal::new(None),
            store: StoredValue::new(store),
            base_revision: StoredValue::new(0),
            last_saved: StoredValue::new(String::new()),
            timer: StoredValue::new(None),
            unstored: StoredValue::new(false),
        }
    }

    /// Opens the library, purges the old bin, and opens the last draft (or
    /// the newest, or a new one).
    pub fn start() -> Self {
        let store = LocalStore::open();
        let session = Self::blank(store.as_ref().ok().copied());
        match store {
            Err(error) => {
                let notice = blank_notice();
                session.notice.set(notice);
                session.save_state.set(SaveState::Failed(error.to_string()));
            }
            Ok(store) => {
                let library = Library::new(store);
                let last = library.current_id().ok().flatten();
                let last_draft = last.as_deref().map(|id| library.load(id));
                let unreadable = matches!(
                    last_draft,
                    Some(Err(DraftError::NotADraft(_) | DraftError::NewerSchema(_)))
                );
                let opened = last_draft
                    .and_then(Result::ok)
                    .filter(|e| e.deleted_at.is_none())
                    .or_else(|| library.newest_draft());
                if unreadable {
                    session.note.set(Some(
                        "上次编辑的草稿无法读取，已原样保留在草稿库的“无法读取的草稿”中，可下载其原始内容。"
                            .into(),
                    ));
                }
                match opened {
                    Some(envelope) => session.adopt(envelope),
                    None => {
                        session.notice.set(blank_notice());
                        session.unstored.set_value(true);
                        leptos::task::spawn_local(async move {
                            super::lazy::after_first_frame().await;
                            session.store_unstored();
                        });
                    }
                }
            }
        }
        session
    }

    /// Empties the recycle bin of drafts deleted long ago. Not at start-up:
    /// it reads every draft, which the first paint should not wait for.
    pub fn purge_recycle_bin(&self) {
        if let Some(library) = self.library() {
            if library.purge_expired(&browser::now_w3c()).unwrap_or(0) > 0 {
                self.library_changed.update(|n| *n += 1);
            }
        }
    }

    fn library(&self) -> Option<Library<LocalStore>> {
        self.store.get_value().map(Library::new)
    }

    /// Makes `envelope` the open draft.
    fn adopt(&self, envelope: DraftEnvelope) {
        let json = notice_json(&envelope.notice);
        self.opened(envelope.id.clone(), envelope.revision, json);
        self.conflict.set(None);
        self.notice.set(envelope.notice);
    }

    /// Records that the draft `id`, at `revision`, holding the notice
    /// written as `json`, is the open one and saved.
    fn opened(&self, id: String, revision: u64, json: String) {
        self.cancel_timer();
        self.base_revision.set_value(revision);
        self.last_saved.set_value(json);
        if let Some(library) = self.library() {
            let _ = library.set_current_id(&id);
        }
        self.draft_id.set(Some(id));
        self.save_state.set(SaveState::Saved);
    }

    /// Stores `notice` as a new draft and opens it.
    pub fn create(&self, notice: Notice) -> Option<String> {
        self.flush();
        let library = self.library()?;
        match library.create_or_return(&new_id(), notice, &browser::now_w3c()) {
            Ok(envelope) => {
                let id = envelope.id.clone();
                self.adopt(envelope);
                self.library_changed.update(|n| *n += 1);
                Some(id)
            }
            Err(failed) => {
                let (error, notice) = *failed;
                self.notice.set(notice);
                self.save_state.set(SaveState::Failed(error.to_string()));
                None
            }
        }
    }

    /// Opens a stored draft, saving the current one first.
    pub fn open(&self, id: &str) {
        self.flush();
        if let Some(library) = self.library() {
            match library.load(id) {
                Ok(envelope) => self.adopt(envelope),
                Err(error) => self.note.set(Some(error.to_string())),
            }
        }
    }

    /// Called on every change of the notice: saves a little later.
    pub fn changed(&self) {
        let unchanged = self.is_saved(&self.notice.with_untracked(notice_json));
        if unchanged || self.store.get_value().is_none() {
            return;
        }
        if self.conflict.with_untracked(Option::is_some) {
            return;
        }
        self.save_state.set(SaveState::Saving);
        self.cancel_timer();
        let this = *self;
        let handle = set_timeout_with_handle(move || this.flush(), SAVE_DELAY).ok();
        self.timer.set_value(handle);
    }

    fn is_saved(&self, json: &str) -> bool {
        self.last_saved.with_value(|saved| saved == json)
    }

    fn cancel_timer(&self) {
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    }

    /// Stores the notice on screen as the first draft, if none is yet.
    /// The notice stays in place (no change to it is signalled: this is
    /// not an edit, and the first-visit offer must stay).
    fn store_unstored(&self) {
        if self.unstored.try_update_value(std::mem::take) != Some(true) {
            return;
        }
        let Some(library) = self.library() else {
            return;
        };
        let stored = self.notice.try_update_untracked(|notice| {
            let taken = std::mem::take(notice);
            match library.create_or_return(&new_id(), taken, &browser::now_w3c()) {
                Ok(mut envelope) => {
                    *notice = std::mem::take(&mut envelope.notice);
                    Ok((envelope.id, envelope.revision, notice_json(notice)))
                }
                Err(failed) => {
                    let (error, taken) = *failed;
                    *notice = taken;
                    Err(error)
                }
            }
        });
        match stored {
            Some(Ok((id, revision, json))) => {
                self.opened(id, revision, json);
                self.library_changed.update(|n| *n += 1);
            }
            Some(Err(error)) => self.save_state.set(SaveState::Failed(error.to_string())),
            None => {}
        }
    }

    /// Writes pending edits now (page hidden or closing, another draft
    /// opened).
    pub fn flush(&self) {
        self.store_unstored();
        self.cancel_timer();
        let (Some(library), Some(id)) = (self.library(), self.draft_id.get_untracked()) else {
            return;
        };
        if self.conflict.with_untracked(Option::is_some) {
            return;
        }
        let base = self.base_revision.get_value();
        // Read in place: a copy of the whole notice per save is time, and
        // its code is 1 KB of the first load.
        let saved = self.notice.with_untracked(|notice| {
            let json = notice_json(notice);
            if self.is_saved(&json) {
                return None;
            }
            Some((library.save(&id, notice, base, &browser::now_w3c()), json))
        });
        let Some((saved, json)) = saved else {
            return;
        };
        match saved {
            Ok(revision) => {
                self.base_revision.set_value(revision);
                self.last_saved.set_value(json);
                self.save_state.set(SaveState::Saved);
                self.library_changed.update(|n| *n += 1);
            }
            Err(DraftError::Conflict(theirs)) => {
                self.conflict.set(Some(*theirs));
                self.save_state.set(SaveState::Failed(
                    "另一个标签页修改了这份草稿，请选择保留哪个版本。".into(),
                ));
            }
            Err(error) => self.save_state.set(SaveState::Failed(error.to_string())),
        }
    }

    /// Another tab wrote `key`: adopt its version if this tab has nothing
    /// unsaved, otherwise ask.
    pub fn stored_elsewhere(&self, key: &str, value: Option<String>) {
        self.library_changed.update(|n| *n += 1);
        let Some(id) = self.draft_id.get_untracked() else {
            return;
        };
        if key != draft_key(&id) {
            return;
        }
        let Some(Ok(mut theirs)) = value.map(|v| DraftEnvelope::from_json(&v)) else {
            return;
        };
        theirs.id = id;
        if theirs.revision <= self.base_revision.get_value() {
            return;
        }
        let dirty = !self.is_saved(&self.notice.with_untracked(notice_json));
        if dirty {
            self.cancel_timer();
            self.conflict.set(Some(theirs));
            self.save_state.set(SaveState::Failed(
                "另一个标签页修改了这份草稿，请选择保留哪个版本。".into(),
            ));
        } else {
            self.adopt(theirs);
            self.note
                .set(Some("已载入另一个标签页中的最新修改。".into()));
        }
    }

    /// The user chose the other tab's version.
    pub fn take_theirs(&self) {
        if let Some(theirs) = self.conflict.get_untracked() {
            self.adopt(theirs);
        }
    }

    /// The user chose this tab's version: it overwrites the other.
    pub fn keep_mine(&self) {
        let (Some(library), Some(id)) = (self.library(), self.draft_id.get_untracked()) else {
            return;
        };
        let (saved, json) = self.notice.with_untracked(|notice| {
            (
                library.save_over(&id, notice, &browser::now_w3c()),
                notice_json(notice),
            )
        });
        match saved {
            Ok(revision) => {
                self.conflict.set(None);
                self.base_revision.set_value(revision);
                self.last_saved.set_value(json);
                self.save_state.set(SaveState::Saved);
            }
            Err(error) => self.save_state.set(SaveState::Failed(error.to_string())),
        }
    }

    /// The user keeps both: this tab's version becomes a new draft.
    pub fn keep_both(&self) {
        let mine = self.notice.get_untracked();
        self.conflict.set(None);
        self.create(mine);
    }

    /// The open draft as a file, for download when it cannot be stored.
    pub fn current_file(&self) -> String {
        let mut envelope = DraftEnvelope::new(self.notice.get_untracked(), browser::now_w3c());
        envelope.id = self.draft_id.get_untracked().unwrap_or_default();
        notice_core::transfer::draft_file(&envelope)
    }

    pub fn with_library<T>(&self, f: impl FnOnce(&Library<LocalStore>) -> T) -> Option<T> {
        self.library().map(|library| f(&library))
    }
}
