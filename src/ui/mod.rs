//! The web app: thin Leptos components over the core. State is one signal
//! holding the [`Notice`](crate::core::Notice); each step edits its part.

mod app;
mod browser;
mod fields;
mod library;
mod session;
mod steps;
mod storage;
mod worker;

pub use app::App;
pub use session::Session;
pub use storage::LocalStore;

/// Mounts the app on the page's body.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
