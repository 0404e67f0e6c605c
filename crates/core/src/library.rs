//! The local draft library: every draft under a key of its own, a pointer to
//! the one being edited, a recycle bin, and revisions so two tabs never
//! silently overwrite each other. Entries that cannot be read are listed and
//! never written to.

use super::compose;
use super::draft::{DraftEnvelope, DraftError, EnvelopeParts, KeyValueStore, SCHEMA_VERSION};
use super::model::Notice;
use super::time;

/// Prefix of every draft's key; the rest of the key is the draft's id.
pub const DRAFT_PREFIX: &str = "notice-desk/draft/";
/// Key holding the id of the draft being edited.
pub const CURRENT_KEY: &str = "notice-desk/current";
/// Prefix of the user's own templates.
pub const TEMPLATE_PREFIX: &str = "notice-desk/template/";
/// Days a deleted draft stays recoverable.
pub const RECYCLE_DAYS: i64 = 30;

pub fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

/// One line of the library's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftSummary {
    pub id: String,
    pub title: String,
    pub organ: String,
    pub year: Option<u16>,
    pub saved_at: String,
    pub deleted_at: Option<String>,
    pub tasks: usize,
}

impl DraftSummary {
    fn of(envelope: &DraftEnvelope) -> Self {
        let notice = &envelope.notice;
        Self {
            id: envelope.id.clone(),
            title: compose::title(notice),
            organ: notice.header.host_organ().to_owned(),
            year: notice.year(),
            saved_at: envelope.saved_at.clone(),
            deleted_at: envelope.deleted_at.clone(),
            tasks: notice.tasks.rows.iter().filter(|t| !t.is_blank()).count(),
        }
    }

    /// Whether the draft matches a search text (title, organ, year).
    pub fn matches(&self, query: &str) -> bool {
        let query = query.trim();
        query.is_empty()
            || self.title.contains(query)
            || self.organ.contains(query)
            || self.year.is_some_and(|y| y.to_string().contains(query))
    }
}

/// A stored entry that could not be read: kept as it is, never written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub key: String,
    pub bytes: usize,
    pub why: String,
}

/// What the library holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Listing {
    /// Live drafts, newest first.
    pub drafts: Vec<DraftSummary>,
    /// The recycle bin, newest deletion first.
    pub deleted: Vec<DraftSummary>,
    pub unreadable: Vec<Unreadable>,
}

/// The library over any key-value store.
pub struct Library<S: KeyValueStore> {
    pub store: S,
}

impl<S: KeyValueStore> Library<S> {
    pub fn new(store: S) -> Self {
        Self { store }
    }

    pub fn list(&self) -> Result<Listing, DraftError> {
        let mut listing = Listing::default();
        for key in self.store.keys()? {
            let Some(id) = key.strip_prefix(DRAFT_PREFIX) else {
                continue;
            };
            let Some(text) = self.store.get(&key)? else {
                continue;
            };
            match DraftEnvelope::from_json(&text) {
                Ok(mut envelope) => {
                    envelope.id = id.to_owned();
                    let summary = DraftSummary::of(&envelope);
                    if summary.deleted_at.is_some() {
                        listing.deleted.push(summary);
                    } else {
                        listing.drafts.push(summary);
                    }
                }
                Err(error) => listing.unreadable.push(Unreadable {
                    key,
                    bytes: text.len(),
                    why: error.to_string(),
                }),
            }
        }
        listing.drafts.sort_by(|a, b| b.saved_at.cmp(&a.saved_at));
        listing
            .deleted
            .sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at));
        Ok(listing)
    }

    /// The most recently saved draft not in the recycle bin, found without
    /// building (or sorting) the whole listing: the page opens it when it
    /// does not know which draft was open last.
    pub fn newest_draft(&self) -> Option<DraftEnvelope> {
        self.store
            .keys()
            .ok()?
            .iter()
            .filter_map(|key| self.load(key.strip_prefix(DRAFT_PREFIX)?).ok())
            .filter(|draft| draft.deleted_at.is_none())
            .max_by(|a, b| a.saved_at.cmp(&b.saved_at))
    }

    pub fn load(&self, id: &str) -> Result<DraftEnvelope, DraftError> {
        let text = self
            .store
            .get(&draft_key(id))?
            .ok_or(DraftError::NotFound)?;
        let mut envelope = DraftEnvelope::from_json(&text)?;
        envelope.id = id.to_owned();
        Ok(envelope)
    }

    /// The raw text of an entry, to hand an unreadable one to the user.
    pub fn raw(&self, key: &str) -> Result<Option<String>, DraftError> {
        self.store.get(key)
    }

    /// Stores a new draft under `id`; returns its envelope.
    pub fn create(&self, id: &str, notice: Notice, now: &str) -> Result<DraftEnvelope, DraftError> {
        self.create_or_return(id, notice, now)
            .map_err(|failed| failed.0)
    }

    /// As [`Self::create`], handing the notice back when it cannot be
    /// stored, so that the editor keeps it without a copy made in advance.
    pub fn create_or_return(
        &self,
        id: &str,
        notice: Notice,
        now: &str,
    ) -> Result<DraftEnvelope, Box<(DraftError, Notice)>> {
        match self.store.get(&draft_key(id)) {
            Ok(None) => {}
            Ok(Some(_)) => {
                let taken = DraftError::Storage(format!("草稿编号 {id} 已被占用。"));
                return Err(Box::new((taken, notice)));
            }
            Err(error) => return Err(Box::new((error, notice))),
        }
        let mut envelope = DraftEnvelope::new(notice, now);
        envelope.id = id.to_owned();
        envelope.revision = 1;
        match self.store.set(&draft_key(id), &envelope.to_json()) {
            Ok(()) => Ok(envelope),
            Err(error) => Err(Box::new((error, envelope.notice))),
        }
    }

    /// Saves the notice over revision `base`. When the stored revision is
    /// not `base`, another tab saved in between: nothing is written and the
    /// other text comes back as [`DraftError::Conflict`]. An entry that
    /// cannot be read is never overwritten. Returns the new revision.
    pub fn save(&self, id: &str, notice: &Notice, base: u64, now: &str) -> Result<u64, DraftError> {
        let key = draft_key(id);
        let stored = match self.store.get(&key)? {
            Some(text) => Some(DraftEnvelope::from_json(&text)?),
            None => None,
        };
        let deleted_at = match stored {
            Some(mut theirs) if theirs.revision != base => {
                theirs.id = id.to_owned();
                return Err(DraftError::Conflict(Box::new(theirs)));
            }
            stored => stored.and_then(|s| s.deleted_at),
        };
        self.write(id, notice, base + 1, now, deleted_at)
    }

    /// Saves over whatever is stored (the user chose to keep this version);
    /// returns the new revision.
    pub fn save_over(&self, id: &str, notice: &Notice, now: &str) -> Result<u64, DraftError> {
        let stored = self.load(id).ok();
        let revision = stored.as_ref().map_or(0, |s| s.revision) + 1;
        self.write(id, notice, revision, now, None)
    }

    /// Writes the notice as revision `revision`; returns that revision.
    fn write(
        &self,
        id: &str,
        notice: &Notice,
        revision: u64,
        now: &str,
        deleted_at: Option<String>,
    ) -> Result<u64, DraftError> {
        let mut json = String::new();
        EnvelopeParts {
            schema: SCHEMA_VERSION,
            saved_at: &now.to_owned(),
            app_version: &env!("CARGO_PKG_VERSION").to_owned(),
            id: &id.to_owned(),
            revision,
            deleted_at: deleted_at.as_ref(),
            notice,
        }
        .write(&mut json);
        self.store.set(&draft_key(id), &json)?;
        Ok(revision)
    }

    /// Copies a draft under a new id, its title marked as a copy.
    pub fn duplicate(
        &self,
        id: &str,
        new_id: &str,
        now: &str,
    ) -> Result<DraftEnvelope, DraftError> {
        let mut notice = self.load(id)?.notice;
        notice.title = Some(format!("{}（副本）", compose::title(&notice)));
        self.create(new_id, notice, now)
    }

    /// Gives a draft its own title.
    pub fn rename(&self, id: &str, title: &str, now: &str) -> Result<(), DraftError> {
        let envelope = self.load(id)?;
        let mut notice = envelope.notice;
        let title = title.trim();
        notice.title = (!title.is_empty()).then(|| title.to_owned());
        self.write(id, &notice, envelope.revision + 1, now, envelope.deleted_at)?;
        Ok(())
    }

    /// Moves a draft to the recycle bin.
    pub fn delete(&self, id: &str, now: &str) -> Result<(), DraftError> {
        self.set_deleted(id, Some(now.to_owned()))
    }

    /// Takes a draft back out of the recycle bin.
    pub fn restore(&self, id: &str) -> Result<(), DraftError> {
        self.set_deleted(id, None)
    }

    fn set_deleted(&self, id: &str, deleted_at: Option<String>) -> Result<(), DraftError> {
        let mut envelope = self.load(id)?;
        envelope.deleted_at = deleted_at;
        envelope.revision += 1;
        self.store.set(&draft_key(id), &envelope.to_json())
    }

    /// Removes drafts deleted more than [`RECYCLE_DAYS`] ago; returns how
    /// many.
    pub fn purge_expired(&self, now: &str) -> Result<usize, DraftError> {
        let Some(today) = time::days_of_w3c(now) else {
            return Ok(0);
        };
        let mut purged = 0;
        for summary in self.list()?.deleted {
            let expired = summary
                .deleted_at
                .as_deref()
                .and_then(time::days_of_w3c)
                .is_some_and(|day| today - day > RECYCLE_DAYS);
            if expired {
                self.store.remove(&draft_key(&summary.id))?;
                purged += 1;
            }
        }
        Ok(purged)
    }

    /// Keeps a draft's notice as one of the user's templates.
    pub fn save_template(&self, id: &str, notice: &Notice, now: &str) -> Result<(), DraftError> {
        let mut envelope = DraftEnvelope::new(notice.clone(), now);
        envelope.id = id.to_owned();
        self.store
            .set(&format!("{TEMPLATE_PREFIX}{id}"), &envelope.to_json())
    }

    /// The user's templates: (id, title), newest first; unreadable ones are
    /// skipped (they stay stored as they are).
    pub fn templates(&self) -> Result<Vec<(String, String)>, DraftError> {
        let mut found = Vec::new();
        for key in self.store.keys()? {
            let Some(id) = key.strip_prefix(TEMPLATE_PREFIX) else {
                continue;
            };
            if let Some(Ok(envelope)) = self.store.get(&key)?.map(|t| DraftEnvelope::from_json(&t))
            {
                found.push((
                    envelope.saved_at.clone(),
                    id.to_owned(),
                    compose::title(&envelope.notice),
                ));
            }
        }
        found.sort_by(|a, b| b.0.cmp(&a.0));
        Ok(found
            .into_iter()
            .map(|(_, id, title)| (id, title))
            .collect())
    }

    pub fn load_template(&self, id: &str) -> Result<Notice, DraftError> {
        let text = self
            .store
            .get(&format!("{TEMPLATE_PREFIX}{id}"))?
            .ok_or(DraftError::NotFound)?;
        Ok(DraftEnvelope::from_json(&text)?.notice)
    }

    pub fn delete_template(&self, id: &str) -> Result<(), DraftError> {
        self.store.remove(&format!("{TEMPLATE_PREFIX}{id}"))
    }

    pub fn current_id(&self) -> Result<Option<String>, DraftError> {
        self.store.get(CURRENT_KEY)
    }

    pub fn set_current_id(&self, id: &str) -> Result<(), DraftError> {
        self.store.set(CURRENT_KEY, id)
    }
}

/// Days left before a deleted draft is removed for good.
pub fn days_left(deleted_at: &str, now: &str) -> Option<i64> {
    let deleted = time::days_of_w3c(deleted_at)?;
    let today = time::days_of_w3c(now)?;
    Some((RECYCLE_DAYS - (today - deleted)).max(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::MemoryStore;

    fn notice(title: &str) -> Notice {
        Notice {
            title: Some(title.into()),
            ..Notice::default()
        }
    }

    const T0: &str = "2021-09-06T08:00:00Z";

    #[test]
    fn drafts_are_created_listed_newest_first_and_searched() {
        let library = Library::new(MemoryStore::default());
        library
            .create("a", notice("甲通知"), "2021-09-01T00:00:00Z")
            .unwrap();
        library
            .create("b", notice("乙通知"), "2021-09-02T00:00:00Z")
            .unwrap();
        let listing = library.list().unwrap();
        let titles: Vec<&str> = listing.drafts.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["乙通知", "甲通知"]);
        assert!(listing.drafts[1].matches("甲"));
        assert!(!listing.drafts[1].matches("乙"));
        assert!(library.create("a", notice("重复"), T0).is_err());
    }

    #[test]
    fn a_save_over_a_newer_revision_is_refused_with_the_other_text() {
        let library = Library::new(MemoryStore::default());
        let created = library.create("a", notice("原文"), T0).unwrap();
        // Tab 1 saves over revision 1.
        let tab1 = library
            .save("a", &notice("一号页"), created.revision, T0)
            .unwrap();
        assert_eq!(tab1, 2);
        // Tab 2 still thinks it has revision 1.
        match library.save("a", &notice("二号页"), created.revision, T0) {
            Err(DraftError::Conflict(theirs)) => assert_eq!(theirs.notice, notice("一号页")),
            other => panic!("{other:?}"),
        }
        assert_eq!(library.load("a").unwrap().notice, notice("一号页"));
        // The user chooses to keep tab 2's text.
        let kept = library.save_over("a", &notice("二号页"), T0).unwrap();
        assert_eq!(kept, 3);
        assert_eq!(library.load("a").unwrap().notice, notice("二号页"));
    }

    #[test]
    fn unreadable_entries_are_listed_and_never_overwritten() {
        let store = MemoryStore::default();
        store.set(&draft_key("bad"), "{not json").unwrap();
        store
            .set(&draft_key("future"), r#"{"schema":9,"notice":{}}"#)
            .unwrap();
        let library = Library::new(store);
        let listing = library.list().unwrap();
        assert_eq!(listing.unreadable.len(), 2);
        assert!(listing.drafts.is_empty());
        assert!(library.save("bad", &notice("x"), 0, T0).is_err());
        assert!(library.save("future", &notice("x"), 0, T0).is_err());
        assert_eq!(
            library.raw(&draft_key("bad")).unwrap().as_deref(),
            Some("{not json")
        );
    }

    #[test]
    fn deleted_drafts_wait_thirty_days_in_the_bin() {
        let library = Library::new(MemoryStore::default());
        library.create("a", notice("甲"), T0).unwrap();
        library.create("b", notice("乙"), T0).unwrap();
        library.delete("a", "2021-09-10T00:00:00Z").unwrap();
        let listing = library.list().unwrap();
        assert_eq!(listing.drafts.len(), 1);
        assert_eq!(listing.deleted[0].id, "a");
        assert_eq!(
            days_left("2021-09-10T00:00:00Z", "2021-09-20T00:00:00Z"),
            Some(20)
        );
        assert_eq!(library.purge_expired("2021-10-10T00:00:00Z").unwrap(), 0);
        library.restore("a").unwrap();
        assert_eq!(library.list().unwrap().drafts.len(), 2);
        library.delete("a", "2021-09-10T00:00:00Z").unwrap();
        assert_eq!(library.purge_expired("2021-10-11T00:00:00Z").unwrap(), 1);
        assert!(library.list().unwrap().deleted.is_empty());
        assert_eq!(library.load("a"), Err(DraftError::NotFound));
    }

    #[test]
    fn the_newest_draft_outside_the_bin_is_found_without_the_listing() {
        let library = Library::new(MemoryStore::default());
        assert_eq!(library.newest_draft(), None);
        library
            .create("old", notice("甲"), "2021-09-01T00:00:00Z")
            .unwrap();
        library
            .create("new", notice("乙"), "2021-09-03T00:00:00Z")
            .unwrap();
        library
            .create("mid", notice("丙"), "2021-09-02T00:00:00Z")
            .unwrap();
        library.store.set(&draft_key("bad"), "{not json").unwrap();
        assert_eq!(library.newest_draft().unwrap().id, "new");
        library.delete("new", "2021-09-04T00:00:00Z").unwrap();
        assert_eq!(library.newest_draft().unwrap().id, "mid");
    }

    #[test]
    fn duplicate_rename_and_the_current_pointer() {
        let library = Library::new(MemoryStore::default());
        library.create("a", notice("甲"), T0).unwrap();
        let copy = library.duplicate("a", "b", T0).unwrap();
        assert_eq!(copy.notice.title.as_deref(), Some("甲（副本）"));
        library.rename("b", "  丙  ", T0).unwrap();
        assert_eq!(
            library.load("b").unwrap().notice.title.as_deref(),
            Some("丙")
        );
        assert_eq!(library.current_id().unwrap(), None);
        library.set_current_id("b").unwrap();
        assert_eq!(library.current_id().unwrap().as_deref(), Some("b"));
    }

    #[test]
    fn a_draft_kept_as_a_template_starts_new_drafts_and_is_not_a_draft() {
        let library = Library::new(MemoryStore::default());
        library.create("a", notice("我局模板"), T0).unwrap();
        library
            .save_template("t1", &library.load("a").unwrap().notice, T0)
            .unwrap();
        assert_eq!(
            library.templates().unwrap(),
            [("t1".to_owned(), "我局模板".to_owned())]
        );
        assert_eq!(library.list().unwrap().drafts.len(), 1);
        assert_eq!(library.load_template("t1").unwrap(), notice("我局模板"));
        library.delete_template("t1").unwrap();
        assert!(library.templates().unwrap().is_empty());
    }

    #[test]
    fn a_draft_that_cannot_be_stored_comes_back_whole() {
        let library = Library::new(MemoryStore::with_capacity(100));
        let long = notice(&"长".repeat(2_000));
        match library.create_or_return("a", long.clone(), T0) {
            Err(failed) => {
                assert!(matches!(failed.0, DraftError::Storage(_)));
                assert_eq!(failed.1, long);
            }
            other => panic!("{other:?}"),
        }
        library.create("b", notice("短"), T0).unwrap_err();
        match library.create_or_return("b", notice("短"), T0) {
            Err(failed) => assert_eq!(failed.1, notice("短")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_full_store_refuses_a_save_and_keeps_the_last_good_one() {
        let library = Library::new(MemoryStore::with_capacity(2_000));
        let created = library.create("a", notice("短"), T0).unwrap();
        let long = notice(&"长".repeat(2_000));
        assert!(matches!(
            library.save("a", &long, created.revision, T0),
            Err(DraftError::Storage(_))
        ));
        assert_eq!(library.load("a").unwrap().notice, notice("短"));
    }
}
