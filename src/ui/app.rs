//! The page: loads the draft, saves every change, and shows the stepper
//! with the current step.

use super::browser;
use super::steps::*;
use super::storage::LocalStore;
use crate::core::draft::{self, DraftError, KeyValueStore};
use crate::core::validate::{problems, Step};
use crate::core::Notice;
use leptos::prelude::*;

/// What the save indicator shows.
#[derive(Clone, PartialEq)]
enum SaveState {
    Saved,
    Failed(String),
}

const FONT_SETTING_KEY: &str = "notice-desk/settings/common-fonts";

#[component]
pub fn App() -> impl IntoView {
    let store = LocalStore::open();
    let (initial, problem) = match &store {
        Ok(store) => match draft::load_current(store) {
            Ok(found) => (found.map(|e| e.notice).unwrap_or_default(), None),
            Err(error) => (Notice::default(), Some(error)),
        },
        Err(error) => (Notice::default(), Some(error.clone())),
    };
    // An unreadable stored draft must never be overwritten: keep saving off
    // until the user has seen the message (recovery comes with the draft
    // library).
    let can_save = !matches!(
        problem,
        Some(DraftError::NotADraft | DraftError::NewerSchema(_))
    );
    let notice = RwSignal::new(initial);
    let save_state = RwSignal::new(match &problem {
        Some(error) => SaveState::Failed(error.to_string()),
        None => SaveState::Saved,
    });
    let common_fonts = RwSignal::new(
        store
            .as_ref()
            .ok()
            .and_then(|s| s.get(FONT_SETTING_KEY).ok().flatten())
            .is_some_and(|v| v == "1"),
    );
    let step = RwSignal::new(Step::Header);
    provide_context(step);

    let settings_store = store.clone();
    Effect::watch(
        move || notice.get(),
        move |current, _, _| {
            let result = match (&store, can_save) {
                (Ok(store), true) => draft::save_current(store, current, &browser::now_w3c()),
                (Err(error), _) => Err(error.clone()),
                (_, false) => Err(DraftError::Storage(
                    "已存草稿无法读取，为保护它，本次修改未写入存储。".into(),
                )),
            };
            save_state.set(match result {
                Ok(()) => SaveState::Saved,
                Err(error) => SaveState::Failed(error.to_string()),
            });
        },
        false,
    );
    let settings = settings_store;
    Effect::watch(
        move || common_fonts.get(),
        move |on, _, _| {
            if let Ok(store) = &settings {
                let _ = store.set(FONT_SETTING_KEY, if *on { "1" } else { "0" });
            }
        },
        false,
    );

    view! {
        <header class="app-header">
            <h1>"通知起草台"</h1>
            <SaveIndicator state=save_state />
        </header>
        <div class="workspace">
            <Stepper notice step />
            <main class="editor">
                <form on:submit=|ev| ev.prevent_default() autocomplete="off">
                    {move || match step.get() {
                        Step::Header => view! { <HeaderStep notice /> }.into_any(),
                        Step::Title => view! { <TitleStep notice /> }.into_any(),
                        Step::Body => view! { <BodyStep notice /> }.into_any(),
                        Step::Tasks => view! { <TasksStep notice /> }.into_any(),
                        Step::Requirements => view! { <RequirementsStep notice /> }.into_any(),
                        Step::Contacts => view! { <ContactsStep notice /> }.into_any(),
                        Step::Closing => view! { <ClosingStep notice /> }.into_any(),
                        Step::Check => view! { <CheckStep notice common_fonts /> }.into_any(),
                    }}
                </form>
                <StepButtons step />
            </main>
        </div>
    }
}

#[component]
fn SaveIndicator(state: RwSignal<SaveState>) -> impl IntoView {
    view! {
        <p id="save-status" role="status" class=move || match state.get() {
            SaveState::Saved => "save ok",
            SaveState::Failed(_) => "save failed",
        }>
            {move || match state.get() {
                SaveState::Saved => "已保存".to_owned(),
                SaveState::Failed(why) => format!("保存失败：{why}"),
            }}
        </p>
    }
}

/// The steps, with progress; any step can be opened at any time.
#[component]
fn Stepper(notice: RwSignal<Notice>, step: RwSignal<Step>) -> impl IntoView {
    let counts = Memo::new(move |_| {
        let found = notice.with(problems);
        Step::ALL.map(|s| found.iter().filter(|p| p.step == s).count())
    });
    let done = Signal::derive(move || counts.with(|c| c[..7].iter().filter(|n| **n == 0).count()));
    view! {
        <nav class="stepper" aria-label="编辑步骤">
            <p class="progress" id="progress">
                {move || format!("第{}步，共8步 · 已完成{}/7", step.get().index() + 1, done.get())}
            </p>
            <progress max="7" prop:value=move || done.get() as f64></progress>
            <ol>
                {Step::ALL.iter().enumerate().map(|(i, &s)| view! {
                    <li>
                        <button type="button" id=format!("step-{}", i + 1)
                            class:current=move || step.get() == s
                            aria-current=move || (step.get() == s).then_some("step")
                            on:click=move |_| step.set(s)>
                            <span class="number">{i + 1}</span>
                            <span class="label">{s.label()}</span>
                            {move || {
                                let n = counts.with(|c| c[i]);
                                (s != Step::Check).then(|| if n == 0 {
                                    view! { <span class="state ok" title="已完成">"✓"</span> }.into_any()
                                } else {
                                    view! { <span class="state todo" title="待完善">{n}</span> }.into_any()
                                })
                            }}
                        </button>
                    </li>
                }).collect_view()}
            </ol>
        </nav>
    }
}

#[component]
fn StepButtons(step: RwSignal<Step>) -> impl IntoView {
    let go = move |delta: isize| {
        let i = step.get_untracked().index() as isize + delta;
        if let Some(s) = Step::ALL.get(i.clamp(0, 7) as usize) {
            step.set(*s);
        }
    };
    view! {
        <div class="step-buttons">
            <button type="button" id="prev-step" disabled=move || step.get() == Step::Header
                on:click=move |_| go(-1)>"上一步"</button>
            <button type="button" id="next-step" class="primary" disabled=move || step.get() == Step::Check
                on:click=move |_| go(1)>"下一步"</button>
        </div>
    }
}
