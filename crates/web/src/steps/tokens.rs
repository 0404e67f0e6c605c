//! Departments as tokens: each name a chip of its own, removable, and a box
//! for the next name that offers the notice's own departments and
//! recipients (the `departments` datalist of the task step). A name ends at
//! Enter, at 、，,；; or when the box is left; Backspace in the empty box
//! removes the last name. Pasted lists become one token a name.

use crate::fields::{editing, FieldId};
use leptos::prelude::*;
use notice_core::model::split_names;
use notice_core::Field;

/// Appended to typed text to tell a finished last name (followed by a
/// separator) from one still being typed; a private-use character no one
/// types.
const SENTINEL: char = '\u{E000}';

#[component]
pub fn DepartmentTokens(
    /// The field the names are: the box a name is typed in has its id.
    field: Field,
    /// Its accessible name, e.g. 第3行配合部门.
    label: String,
    names: Signal<Vec<String>>,
    set_names: Callback<Vec<String>>,
) -> impl IntoView {
    // The name being typed is part of the value from its first keystroke
    // (so the preview shows it and nothing typed is lost if the page
    // closes); it becomes a chip when it is finished.
    let typed = RwSignal::new(String::new());
    let finished = move || {
        let mut all = names.get_untracked();
        let typing = typed.with_untracked(|t| t.trim().to_owned());
        if !typing.is_empty() && all.last() == Some(&typing) {
            all.pop();
        }
        all
    };
    let set = move |mut all: Vec<String>, typing: &str| {
        let typing = typing.trim();
        if !typing.is_empty() {
            all.push(typing.to_owned());
        }
        set_names.run(all);
    };
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let mut all = finished();
        // Everything up to the last separator outside brackets is finished
        // names (各县（市、区）局 is one); the rest is still being typed.
        let mut parts = split_names(&format!("{value}{SENTINEL}"));
        let rest = parts
            .pop()
            .unwrap_or_default()
            .trim_end_matches(SENTINEL)
            .to_owned();
        for name in parts {
            if !all.contains(&name) {
                all.push(name);
            }
        }
        typed.set(rest.trim_start().to_owned());
        set(all, &rest);
    };
    let finish = move || {
        let mut all = finished();
        let typing = typed.with_untracked(|t| t.trim().to_owned());
        typed.set(String::new());
        if !typing.is_empty() && !all.contains(&typing) {
            all.push(typing);
        }
        if all != names.get_untracked() {
            set_names.run(all);
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Enter" if !ev.ctrl_key() && !ev.meta_key() => {
            ev.prevent_default();
            finish();
        }
        "Backspace" if typed.with_untracked(String::is_empty) => {
            let mut all = names.get_untracked();
            if all.pop().is_some() {
                ev.prevent_default();
                set_names.run(all);
            }
        }
        _ => {}
    };
    let remove = move |index: usize| {
        let mut all = finished();
        if index < all.len() {
            all.remove(index);
            set(all, &typed.get_untracked());
        }
    };
    // Chips: the finished names (the one being typed is in the box).
    let chips = move || {
        let mut all = names.get();
        let typing = typed.with(|t| t.trim().to_owned());
        if !typing.is_empty() && all.last() == Some(&typing) {
            all.pop();
        }
        all
    };
    let id = field.dom_id();
    let input_id = id.clone();
    let editing = editing();
    view! {
        <div class="tokens" on:click=move |_| crate::browser::focus_when_shown(input_id.clone())>
            {move || chips().into_iter().enumerate().map(|(i, name)| view! {
                <span class="token">
                    {name.clone()}
                    <button type="button" tabindex="-1" aria-label=format!("删除{name}")
                        on:click=move |_| remove(i)>"×"</button>
                </span>
            }).collect_view()}
            <input type="text" id=id aria-label=label list="departments" placeholder="输入后按回车"
                on:focus=move |_| editing.set(Some(field))
                on:blur=move |_| editing.set(None)
                prop:value=move || typed.get()
                on:input=on_input
                on:keydown=on_key
                on:change=move |_| finish() />
        </div>
    }
}
