//! Labelled inputs bound to one part of the notice through a getter and a
//! setter, so each panel states only which field it edits.

use crate::core::Notice;
use leptos::prelude::*;

/// A one-line text field.
#[component]
pub fn TextField(
    notice: RwSignal<Notice>,
    id: &'static str,
    label: &'static str,
    get: fn(&Notice) -> String,
    set: fn(&mut Notice, String),
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] hint: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                placeholder=placeholder
                prop:value=move || notice.with(get)
                on:input=move |ev| notice.update(|n| set(n, event_target_value(&ev)))
            />
            {(!hint.is_empty()).then(|| view! { <p class="hint">{hint}</p> })}
        </div>
    }
}

/// A multi-line field edited as lines of text; `get` and `set` must be
/// inverse (join and split without dropping blank lines), or typing Enter
/// would be undone as it is typed.
#[component]
pub fn LinesField(
    notice: RwSignal<Notice>,
    id: &'static str,
    label: &'static str,
    get: fn(&Notice) -> String,
    set: fn(&mut Notice, String),
    #[prop(optional)] rows: u32,
    #[prop(optional)] hint: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <textarea
                id=id
                rows=if rows == 0 { 4 } else { rows }
                prop:value=move || notice.with(get)
                on:input=move |ev| notice.update(|n| set(n, event_target_value(&ev)))
            ></textarea>
            {(!hint.is_empty()).then(|| view! { <p class="hint">{hint}</p> })}
        </div>
    }
}

/// Splits a textarea's text into lines, keeping blank ones (see [`LinesField`]).
pub fn lines(text: String) -> Vec<String> {
    text.split('\n').map(str::to_owned).collect()
}
