//! Parts of the page that are loaded on first use, so that the first load
//! is only the shell and the first step (issue 8: at most 130 KB gzip).
//!
//! In the app build (cargo feature `split`, set in index.html) each part is
//! a `#[lazy]` function: wasm-split (scripts/split-wasm.sh) moves its code
//! into a module of its own, fetched when the part is first shown (the
//! service worker keeps every module for offline use). Without the feature
//! (the browser tests, which are not split) the same functions are plain
//! `async fn`s, so the page behaves the same either way.

use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

/// Declares a lazily loaded function: `fn name(args) -> T { … }` (or
/// `async fn`) becomes an `async fn` that loads the part's module (in the
/// split build) and then runs. Parts that are views return `AnyView`.
macro_rules! lazy_part {
    ($(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident : $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[leptos::lazy]
        $(#[$meta])*
        $vis fn $name($($arg: $ty),*) -> $ret $body

        #[cfg(not(feature = "split"))]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> $ret $body
    };
    ($(#[$meta:meta])* $vis:vis async fn $name:ident($($arg:ident : $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[leptos::lazy]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> $ret $body

        #[cfg(not(feature = "split"))]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> $ret $body
    };
}
pub(crate) use lazy_part;

/// A lazily loaded view on its way. Boxed, so that [`Deferred`] is built
/// once for every part rather than once per part.
pub struct LazyView(Pin<Box<dyn Future<Output = AnyView>>>);

impl<F: Future<Output = AnyView> + 'static> From<F> for LazyView {
    fn from(part: F) -> Self {
        Self(Box::pin(part))
    }
}

/// Shows a lazily loaded part: a short note while its module arrives, then
/// the part. The part is built under this component's owner, so it reads
/// the page's context and is cleaned up with it.
#[component]
pub fn Deferred(#[prop(into)] part: LazyView) -> impl IntoView {
    let slot = StoredValue::new_local(None::<AnyView>);
    let ready = RwSignal::new(false);
    leptos::task::spawn_local_scoped_with_cancellation(async move {
        let view = part.0.await;
        if slot.try_set_value(Some(view)).is_none() {
            ready.try_set(true);
        }
    });
    move || {
        if ready.get() {
            slot.try_update_value(Option::take).flatten()
        } else {
            None
        }
        .unwrap_or_else(|| view! { <p class="loading" role="status">"正在载入…"</p> }.into_any())
    }
}
