//! The first frame: the page as a new user first sees it, written into
//! index.html by `cargo xtask dist`. The form is on screen and takes typing
//! while the app's module is still on the wire; when the app starts,
//! first-frame.js hands over what was typed, toggled and clicked, and the
//! focus and the caret (see there).
//!
//! It is the app's own view ([`crate::app::page`]) of a blank session,
//! rendered to HTML natively: what the frame shows cannot drift from what
//! the app draws.

/// The element that holds the first frame in index.html.
pub const ID: &str = "first-frame";

/// The classic script in index.html's head that keeps what the user does
/// to the first frame and hands it over (`firstFrame.handOver(start)`).
pub const SCRIPT: &str = include_str!("../first-frame.js");

/// The first frame's HTML, without the element that holds it.
#[cfg(not(target_arch = "wasm32"))]
pub fn html() -> String {
    use crate::app::{page, Shell};
    use crate::fields::{Editing, FieldMarks};
    use crate::library::LibraryStart;
    use crate::session::Session;
    use leptos::prelude::*;
    use notice_core::validate::Step;

    // Natively nothing is spawned: the parts loaded later, the checks and
    // the effects belong to the app, not to its first frame.
    struct Nothing;
    impl any_spawner::CustomExecutor for Nothing {
        fn spawn(&self, _: any_spawner::PinnedFuture<()>) {}
        fn spawn_local(&self, _: any_spawner::PinnedLocalFuture<()>) {}
        fn poll_local(&self) {}
    }
    let _ = any_spawner::Executor::init_custom_executor(Nothing);

    let owner = Owner::new();
    // Read once, as a picture: nothing here is to follow changes.
    owner.with(|| {
        untrack(|| {
            let session = Session::blank(None);
            let step = RwSignal::new(Step::Header);
            provide_context(session);
            provide_context(step);
            provide_context(Editing(RwSignal::new(None)));
            provide_context(FieldMarks(RwSignal::new(Vec::new())));
            page(Shell {
                session,
                step,
                show_preview: RwSignal::new(crate::preview::SHOWN_AT_START),
                show_library: RwSignal::new(false),
                library_start: RwSignal::new(LibraryStart::List),
                first_visit: RwSignal::new(false),
                update_ready: RwSignal::new(false),
                common_fonts: RwSignal::new(false),
            })
            .to_html()
        })
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_first_frame_is_the_first_step_of_a_blank_notice() {
        let html = html();
        for part in [
            r#"id="save-status""#,
            r#"id="step-1""#,
            r#"id="step-8""#,
            r#"<textarea id="organ-0""#,
            r#"id="doc-number""#,
            r#"id="campaign-year""#,
            r#"id="next-step""#,
            "已保存",
        ] {
            assert!(html.contains(part), "{part} missing from {html}");
        }
        // A progress without a value would be drawn as indeterminate.
        assert!(html.contains(r#"<progress max="7" value="0""#), "{html}");
        // An empty text is written as a space, which `.message:empty` would
        // not hide.
        assert!(!html.contains("> </"), "{html}");
    }

    /// The frame stays hidden for anyone this browser has kept anything
    /// for: every key the app stores starts with the prefix the script
    /// looks for.
    #[test]
    fn the_script_knows_every_key_the_app_stores() {
        let prefix = "notice-desk/";
        assert!(SCRIPT.contains(&format!("PREFIX = \"{prefix}\"")));
        assert!(SCRIPT.contains(r#"PREFIX + "current""#));
        assert_eq!(
            notice_core::library::CURRENT_KEY,
            format!("{prefix}current")
        );
        use crate::app::{FONT_SETTING_KEY, LETTERHEAD_KEY, LETTERHEAD_MM_KEY};
        use crate::preview::{VISIBLE_KEY, ZOOM_KEY};
        use notice_core::library::{CURRENT_KEY, DRAFT_PREFIX, TEMPLATE_PREFIX};
        let settings = [
            FONT_SETTING_KEY,
            LETTERHEAD_KEY,
            LETTERHEAD_MM_KEY,
            VISIBLE_KEY,
            ZOOM_KEY,
        ];
        for key in [CURRENT_KEY, DRAFT_PREFIX, TEMPLATE_PREFIX]
            .iter()
            .chain(&settings)
        {
            assert!(key.starts_with(prefix), "{key}");
        }
    }
}
