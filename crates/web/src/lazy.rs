//! Parts of the page that are loaded after the form is on screen, so that
//! the first load is only the shell, the first step and the session.
//!
//! In the app build (cargo feature `split`, which `cargo xtask dist` sets)
//! each part is a split function: wasm-split moves the code only the parts
//! use into ONE module, `split_later.wasm`. One module, not one
//! per part: every extra module is a round trip and, worse, code shared by
//! two parts becomes a module of its own, fetched after the part that needs
//! it. Nothing of it is fetched
//! until the first frame with the form has been drawn ([`first_frame_shown`]),
//! so it never delays the form; the preview, on screen at start, follows.
//! The service worker keeps the module for offline use. Without the feature
//! (the browser tests, which are not split) the same functions are plain
//! `async fn`s, so the page behaves the same either way.

use leptos::prelude::*;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Poll, Waker};

/// The `<link>` of the later parts' styles (the preview's among them).
pub const LATER_STYLES_ID: &str = "later-css";

thread_local! {
    /// Whether the form has been drawn, and who waits for it.
    static FIRST_FRAME: RefCell<(bool, Vec<Waker>)> = const { RefCell::new((false, Vec::new())) };
}

/// Called once the first frame with the form is on screen: the parts may
/// load from now on, and their styles with them (style/later.css and the
/// preview's style/preview.css, built into one later.css), which are small
/// and so arrive before the module that draws what they style.
pub fn first_frame_shown() {
    crate::browser::link_stylesheet(LATER_STYLES_ID, "later.css");
    let waiting = FIRST_FRAME.with(|f| {
        let mut f = f.borrow_mut();
        f.0 = true;
        std::mem::take(&mut f.1)
    });
    waiting.into_iter().for_each(Waker::wake);
}

/// Resolves once [`first_frame_shown`] has been called.
pub async fn after_first_frame() {
    std::future::poll_fn(|cx| {
        FIRST_FRAME.with(|f| {
            let mut f = f.borrow_mut();
            if f.0 {
                Poll::Ready(())
            } else {
                f.1.push(cx.waker().clone());
                Poll::Pending
            }
        })
    })
    .await
}

/// Declares a lazily loaded function: `fn name(args) -> T { … }` (or
/// `async fn`) becomes an `async fn` that waits for the first frame, loads
/// the parts' module (in the split build) and then runs. Parts that are
/// views return `AnyView`.
macro_rules! lazy_part {
    ($(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident : $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> $ret {
            #[leptos::wasm_split::wasm_split(later, wasm_split_path = ::leptos::wasm_split)]
            fn $name($($arg: $ty),*) -> $ret $body
            $crate::lazy::after_first_frame().await;
            $name($($arg),*).await
        }

        #[cfg(not(feature = "split"))]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> $ret $body
    };
    ($(#[$meta:meta])* $vis:vis async fn $name:ident($($arg:ident : $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> $ret {
            // Split functions cannot be async: this one returns the future.
            #[leptos::wasm_split::wasm_split(later, wasm_split_path = ::leptos::wasm_split)]
            fn $name($($arg: $ty),*) -> ::std::pin::Pin<Box<dyn ::std::future::Future<Output = $ret>>> {
                Box::pin(async move $body)
            }
            $crate::lazy::after_first_frame().await;
            $name($($arg),*).await.await
        }

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
