//! Labelled inputs. Each takes its value as a signal and reports edits
//! through a callback, so a step states only which part of the notice a
//! field edits (see [`lens`]). User text is always set as a property or a
//! text node, never as HTML.

use leptos::prelude::*;
use notice_core::Notice;

/// A read/write view of one text in the notice.
pub fn lens(
    notice: RwSignal<Notice>,
    get: impl Fn(&Notice) -> String + Send + Sync + 'static,
    set: impl Fn(&mut Notice, String) + Send + Sync + 'static,
) -> (Signal<String>, Callback<String>) {
    (
        Signal::derive(move || notice.with(&get)),
        Callback::new(move |value: String| notice.update(|n| set(n, value))),
    )
}

/// A lens over a list edited one item per line. Blank lines are kept while
/// typing (dropping them would undo an Enter as it is typed); the composer
/// skips them.
pub fn lines_lens(
    notice: RwSignal<Notice>,
    get: impl Fn(&Notice) -> &Vec<String> + Send + Sync + 'static,
    set: impl Fn(&mut Notice) -> &mut Vec<String> + Send + Sync + 'static,
) -> (Signal<String>, Callback<String>) {
    lens(
        notice,
        move |n| get(n).join("\n"),
        move |n, v| *set(n) = split_lines(&v),
    )
}

/// Splits a textarea's text into lines, keeping blank ones.
pub fn split_lines(text: &str) -> Vec<String> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split('\n').map(str::to_owned).collect()
    }
}

/// Proofreading findings as (input id, text, is error), recomputed when the
/// user pauses (see the app); each field shows its own.
#[derive(Clone, Copy)]
pub struct FieldMarks(pub RwSignal<Vec<(String, String, bool)>>);

/// The proofreading findings of the field with this input id.
#[component]
pub fn Marks(#[prop(into)] id: String) -> impl IntoView {
    let marks = use_context::<FieldMarks>();
    move || {
        marks.map(|m| {
            m.0.with(|all| {
                all.iter()
                    .filter(|(field, _, _)| *field == id)
                    .map(|(_, text, error)| {
                        view! { <p class="proof-mark" class:error=*error>{text.clone()}</p> }
                    })
                    .collect_view()
            })
        })
    }
}

/// A one-line text field with an optional hint and message.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    label: &'static str,
    value: Signal<String>,
    on_input: Callback<String>,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(optional, into)] message: Option<Signal<Option<String>>>,
    #[prop(optional)] list: &'static str,
    #[prop(optional)] on_change: Option<Callback<String>>,
) -> impl IntoView {
    let message_id = format!("{id}-message");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                type="text"
                placeholder=placeholder
                list=(!list.is_empty()).then_some(list)
                aria-describedby=message_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:change=move |ev| {
                    if let Some(on_change) = on_change {
                        on_change.run(event_target_value(&ev));
                    }
                }
            />
            {(!hint.is_empty()).then(|| view! { <p class="hint">{hint}</p> })}
            <Marks id=id.clone() />
            <p class="message" id=message_id role="alert">
                {move || message.and_then(|m| m.get()).unwrap_or_default()}
            </p>
        </div>
    }
}

/// A multi-line field.
#[component]
pub fn AreaField(
    #[prop(into)] id: String,
    label: &'static str,
    value: Signal<String>,
    on_input: Callback<String>,
    #[prop(optional)] rows: u32,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id.clone()
                rows=if rows == 0 { 3 } else { rows }
                placeholder=placeholder
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            ></textarea>
            {(!hint.is_empty()).then(|| view! { <p class="hint">{hint}</p> })}
            <Marks id=id />
        </div>
    }
}

/// A date: the browser's date picker, with the date written out as the
/// document will show it.
#[component]
pub fn DateField(
    #[prop(into)] id: String,
    label: &'static str,
    value: Signal<Option<notice_core::DocDate>>,
    on_input: Callback<Option<notice_core::DocDate>>,
) -> impl IntoView {
    view! {
        <div class="field narrow">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="date"
                min="1949-10-01"
                max="2999-12-31"
                prop:value=move || value.get().map(|d| d.to_iso()).unwrap_or_default()
                on:input=move |ev| on_input.run(notice_core::DocDate::from_iso(&event_target_value(&ev)))
            />
            <p class="hint">{move || value.get().map(|d| d.to_string()).unwrap_or_default()}</p>
        </div>
    }
}

/// A checkbox.
#[component]
pub fn CheckField(
    #[prop(into)] id: String,
    label: &'static str,
    value: Signal<bool>,
    on_input: Callback<bool>,
) -> impl IntoView {
    view! {
        <div class="field check">
            <input
                id=id.clone()
                type="checkbox"
                prop:checked=move || value.get()
                on:change=move |ev| on_input.run(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
        </div>
    }
}

/// Small buttons to move, add and remove an item of a list.
#[component]
pub fn ItemTools(
    /// What the item is called in button labels, e.g. 第3项.
    #[prop(into)]
    name: Signal<String>,
    on_up: Callback<()>,
    on_down: Callback<()>,
    on_remove: Callback<()>,
) -> impl IntoView {
    view! {
        <span class="tools">
            <button type="button" class="icon" aria-label=move || format!("上移{}", name.get()) title="上移"
                on:click=move |_| on_up.run(())>"↑"</button>
            <button type="button" class="icon" aria-label=move || format!("下移{}", name.get()) title="下移"
                on:click=move |_| on_down.run(())>"↓"</button>
            <button type="button" class="icon danger" aria-label=move || format!("删除{}", name.get()) title="删除"
                on:click=move |_| on_remove.run(())>"✕"</button>
        </span>
    }
}
