//! The page: the session (open draft, autosave), the header with the save
//! state and the library, and the stepper with the current step.

use super::browser;
use super::lazy::{lazy_part, Deferred};
use super::library::{LibraryPanel, LibraryStart};
use super::preview::Preview;
use super::session::{SaveState, Session};
use super::steps::*;
use leptos::prelude::*;
use notice_core::draft::KeyValueStore;
use notice_core::validate::{has_content, problems, Step};
use notice_core::Notice;

pub(crate) const FONT_SETTING_KEY: &str = "notice-desk/settings/common-fonts";
pub(crate) const LETTERHEAD_KEY: &str = "notice-desk/settings/letterhead";
pub(crate) const LETTERHEAD_MM_KEY: &str = "notice-desk/settings/letterhead-mm";

/// 套打 (printing on preprinted letterhead): an office setting kept in this
/// browser, read by the preview and the export.
#[derive(Clone, Copy)]
pub struct Letterhead {
    pub on: RwSignal<bool>,
    /// The height as typed, in mm; empty: the notice's own 版头 height.
    pub mm: RwSignal<String>,
}

impl Letterhead {
    /// Twips reserved for this composition (`None` when off), or why the
    /// typed height is refused.
    pub fn reserved(
        self,
        composition: &notice_core::compose::Composition,
    ) -> Result<Option<i32>, String> {
        if !self.on.get() {
            return Ok(None);
        }
        let typed = self
            .mm
            .with(|t| notice_core::validate::parse_letterhead_mm(t))?;
        Ok(Some(typed.unwrap_or_else(|| {
            notice_core::pagination::header_height(&composition.blocks)
        })))
    }

    /// The composition as printed.
    pub fn apply(
        self,
        composition: notice_core::compose::Composition,
    ) -> notice_core::compose::Composition {
        match self.reserved(&composition) {
            Ok(Some(reserved)) => notice_core::compose::on_letterhead(composition, reserved),
            _ => composition,
        }
    }
}

/// How long the user pauses before the fields' proofreading marks update.
const MARKS_DELAY_MS: u64 = 400;

#[component]
pub fn App() -> impl IntoView {
    let session = Session::start();
    provide_context(session);
    let notice = session.notice;
    let step = RwSignal::new(Step::Header);
    provide_context(step);
    provide_context(crate::fields::Editing(RwSignal::new(None)));
    let stored = super::storage::LocalStore::open().ok();
    let letterhead = Letterhead {
        on: RwSignal::new(
            stored
                .and_then(|s| s.get(LETTERHEAD_KEY).ok().flatten())
                .is_some_and(|v| v == "1"),
        ),
        mm: RwSignal::new(
            stored
                .and_then(|s| s.get(LETTERHEAD_MM_KEY).ok().flatten())
                .unwrap_or_default(),
        ),
    };
    provide_context(letterhead);
    Effect::watch(
        move || (letterhead.on.get(), letterhead.mm.get()),
        move |(on, mm), _, _| {
            if let Some(store) = stored {
                let _ = store.set(LETTERHEAD_KEY, if *on { "1" } else { "0" });
                let _ = store.set(LETTERHEAD_MM_KEY, mm);
            }
        },
        false,
    );
    let show_library = RwSignal::new(false);
    let library_start = RwSignal::new(LibraryStart::List);
    // No draft but the blank one just made: offer the ways to start. The
    // first edit (or opening anything) puts the offer away. Deciding reads
    // the library, so it comes with the lazily loaded parts.
    let first_visit = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        if is_first_visit(notice, session).await {
            first_visit.try_set(true);
        }
    });
    Effect::watch(
        move || notice.track(),
        move |_, _, _| {
            if first_visit.get_untracked() {
                first_visit.set(false);
            }
        },
        false,
    );
    let show_preview = super::preview::visibility();

    // Every change is saved shortly after; pending edits are written when
    // the page is hidden or closed, and changes from other tabs arrive
    // through the storage event.
    Effect::watch(
        move || notice.track(),
        move |_, _, _| session.changed(),
        false,
    );
    let flush = move || session.flush();
    let _ = window_event_listener(leptos::ev::pagehide, move |_| flush());
    let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().hidden() {
            flush();
        }
    });
    let _ = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
        if let Some(key) = ev.key() {
            session.stored_elsewhere(&key, ev.new_value());
        }
    });

    // After the first paint, off the critical path: the lazily loaded
    // parts (the preview first), then the export worker and the service
    // worker.
    let update_ready = RwSignal::new(false);
    request_animation_frame(move || {
        // The app is running, its form on screen: the mark the speed
        // benchmark and the first-load budget read (scripts/bench.sh).
        if let Some(performance) = window().performance() {
            let _ = performance.mark("notice-desk:running");
        }
        // A task after this frame's callbacks, so that the frame is drawn
        // before anything more is fetched.
        set_timeout(super::lazy::first_frame_shown, std::time::Duration::ZERO);
        set_timeout(
            move || leptos::task::spawn_local(after_first_paint(update_ready, session)),
            std::time::Duration::from_millis(200),
        )
    });

    let local = super::storage::LocalStore::open().ok();
    let common_fonts = RwSignal::new(
        local
            .and_then(|s| s.get(FONT_SETTING_KEY).ok().flatten())
            .is_some_and(|v| v == "1"),
    );
    Effect::watch(
        move || common_fonts.get(),
        move |on, _, _| {
            if let Some(store) = local {
                let _ = store.set(FONT_SETTING_KEY, if *on { "1" } else { "0" });
            }
        },
        false,
    );

    // Proofreading marks at the fields: the whole notice is checked once
    // the user pauses, never per keystroke, and the checker comes with the
    // lazily loaded parts.
    let marks = super::fields::FieldMarks(RwSignal::new(Vec::new()));
    provide_context(marks);
    let generation = StoredValue::new(0u32);
    Effect::watch(
        move || (notice.track(), common_fonts.get()),
        move |_, _, _| {
            generation.update_value(|g| *g = g.wrapping_add(1));
            let mine = generation.get_value();
            set_timeout(
                move || {
                    if generation.try_get_value() != Some(mine) {
                        return;
                    }
                    leptos::task::spawn_local(async move {
                        let found = field_marks(notice, common_fonts.get_untracked()).await;
                        if generation.try_get_value() == Some(mine) {
                            marks.0.try_set(found);
                        }
                    });
                },
                std::time::Duration::from_millis(MARKS_DELAY_MS),
            );
        },
        true,
    );

    page(Shell {
        session,
        step,
        show_preview,
        show_library,
        library_start,
        first_visit,
        update_ready,
        common_fonts,
    })
}

/// What the page shows, by signals. [`App`] makes them from the browser's
/// storage and events; the first frame written into index.html
/// ([`super::first_frame`]) is the same view of them for a new user.
#[derive(Clone, Copy)]
pub(crate) struct Shell {
    pub session: Session,
    pub step: RwSignal<Step>,
    pub show_preview: RwSignal<bool>,
    pub show_library: RwSignal<bool>,
    pub library_start: RwSignal<LibraryStart>,
    /// No draft but the blank one just made: the ways to start are offered.
    pub first_visit: RwSignal<bool>,
    pub update_ready: RwSignal<bool>,
    pub common_fonts: RwSignal<bool>,
}

/// The page: header, banners, and the stepper with the current step beside
/// the preview, or the library.
pub(crate) fn page(shell: Shell) -> impl IntoView {
    let Shell {
        session,
        step,
        show_preview,
        show_library,
        library_start,
        first_visit,
        update_ready,
        common_fonts,
    } = shell;
    let notice = session.notice;
    let start_with = Callback::new(move |start: LibraryStart| {
        first_visit.set(false);
        library_start.set(start);
        show_library.set(true);
    });
    view! {
        <header class="app-header">
            <h1>"通知起草台"</h1>
            <div class="header-right">
                <SaveIndicator state=session.save_state />
                <button type="button" id="toggle-preview" class:active=move || show_preview.get()
                    aria-pressed=move || show_preview.get().to_string()
                    on:click=move |_| show_preview.update(|s| *s = !*s)>
                    "预览"
                </button>
                <button type="button" id="open-library" class:active=move || show_library.get()
                    on:click=move |_| {
                        session.flush();
                        library_start.set(LibraryStart::List);
                        show_library.update(|s| *s = !*s)
                    }>
                    "草稿库"
                </button>
            </div>
        </header>
        <Banners />
        <Show when=move || update_ready.get()>
            <Deferred part=update_banner(update_ready) />
        </Show>
        <Show when=move || show_library.get() fallback=move || view! {
            <div class="workspace" class:with-preview=move || show_preview.get()>
                <Stepper notice step />
                <main class="editor">
                    <Show when=move || first_visit.get()>
                        <Deferred part=first_visit_offer(first_visit, start_with) />
                    </Show>
                    <form on:submit=|ev| ev.prevent_default() autocomplete="off">
                        {move || match step.get() {
                            Step::Header => view! { <HeaderStep notice /> }.into_any(),
                            Step::Title => view! { <Deferred part=title_step(notice) /> }.into_any(),
                            Step::Body => view! { <Deferred part=body_step(notice) /> }.into_any(),
                            Step::Tasks => view! { <Deferred part=tasks_step(notice) /> }.into_any(),
                            Step::Requirements => view! { <Deferred part=requirements_step(notice) /> }.into_any(),
                            Step::Contacts => view! { <Deferred part=contacts_step(notice) /> }.into_any(),
                            Step::Closing => view! { <Deferred part=closing_step(notice) /> }.into_any(),
                            Step::Check => view! { <Deferred part=check_step(notice, common_fonts) /> }.into_any(),
                        }}
                    </form>
                    <StepButtons step />
                </main>
                <Show when=move || show_preview.get()>
                    <Deferred part=preview(notice) />
                </Show>
            </div>
        }>
            <main class="editor wide">
                <Deferred part=library(Callback::new(move |_| show_library.set(false)), library_start.get_untracked()) />
            </main>
        </Show>
    }
}

/// Conflicts, storage failures and one-off notes, above the editor. Each
/// is rare, so its module is fetched only when it is shown.
#[component]
fn Banners() -> impl IntoView {
    let session = expect_context::<Session>();
    // The last failure stays shown while the next attempt is under way
    // (each keystroke retries), so the banner does not flicker; it goes
    // once a save succeeds.
    let failure = RwSignal::new(None::<String>);
    Effect::new(move || match session.save_state.get() {
        SaveState::Failed(why) => failure.set(Some(why)),
        SaveState::Saved => failure.set(None),
        SaveState::Saving => {}
    });
    let storage_failed = Signal::derive(move || {
        failure.with(Option::is_some) && session.conflict.with(Option::is_none)
    });
    view! {
        <Show when=move || session.conflict.with(Option::is_some)>
            <Deferred part=conflict_banner(session) />
        </Show>
        <Show when=move || storage_failed.get()>
            <Deferred part=storage_banner(session, failure) />
        </Show>
        <Show when=move || session.note.with(Option::is_some)>
            <Deferred part=note_banner(session) />
        </Show>
    }
}

#[component]
fn SaveIndicator(state: RwSignal<SaveState>) -> impl IntoView {
    view! {
        <p id="save-status" role="status" class=move || match state.get() {
            SaveState::Saved => "save ok",
            SaveState::Saving => "save pending",
            SaveState::Failed(_) => "save failed",
        }>
            {move || match state.get() {
                SaveState::Saved => "已保存",
                SaveState::Saving => "保存中…",
                SaveState::Failed(_) => "保存失败",
            }}
        </p>
    }
}

/// The steps, with progress; any step can be opened at any time.
#[component]
fn Stepper(notice: RwSignal<Notice>, step: RwSignal<Step>) -> impl IntoView {
    // The checks live in a module of their own: the counts appear as soon
    // as it has arrived, and follow every edit.
    let counts = RwSignal::new(None::<[(usize, bool); 8]>);
    Effect::new(move || {
        notice.track();
        leptos::task::spawn_local(async move {
            let found = problem_counts(notice).await;
            counts.try_set(Some(found));
        });
    });
    let done = Signal::derive(move || {
        counts.with(|c| {
            c.map_or(0, |c| {
                c[..7]
                    .iter()
                    .filter(|(n, content)| *n == 0 && *content)
                    .count()
            })
        })
    });
    view! {
        <nav class="stepper" aria-label="编辑步骤">
            <p class="progress" id="progress">
                {move || format!("第{}步，共8步 · 已完成{}/7", step.get().index() + 1, done.get())}
            </p>
            // An attribute, not a property: the first frame in index.html is
            // written as HTML, where a progress without a value is indeterminate.
            <progress max="7" value=move || done.get().to_string()></progress>
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
                                let (n, content) = counts.with(|c| c.map(|c| c[i]))?;
                                // Done only with content and no problem; a step
                                // not begun shows nothing.
                                (s != Step::Check).then(|| if n > 0 {
                                    view! { <span class="state todo" title="待完善">{n}</span> }.into_any()
                                } else if content {
                                    view! { <span class="state ok" title="已完成">"✓"</span> }.into_any()
                                } else {
                                    ().into_any()
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

// The first step is part of the first load; the others, the preview and the
// library arrive when first opened (see [`super::lazy`]).
lazy_part! { fn title_step(notice: RwSignal<Notice>) -> AnyView { view! { <TitleStep notice /> }.into_any() } }
lazy_part! { fn body_step(notice: RwSignal<Notice>) -> AnyView { view! { <BodyStep notice /> }.into_any() } }
lazy_part! { fn tasks_step(notice: RwSignal<Notice>) -> AnyView { view! { <TasksStep notice /> }.into_any() } }
lazy_part! {
    fn requirements_step(notice: RwSignal<Notice>) -> AnyView { view! { <RequirementsStep notice /> }.into_any() }
}
lazy_part! { fn contacts_step(notice: RwSignal<Notice>) -> AnyView { view! { <ContactsStep notice /> }.into_any() } }
lazy_part! { fn closing_step(notice: RwSignal<Notice>) -> AnyView { view! { <ClosingStep notice /> }.into_any() } }
lazy_part! {
    fn check_step(notice: RwSignal<Notice>, common_fonts: RwSignal<bool>) -> AnyView {
        view! { <CheckStep notice common_fonts /> }.into_any()
    }
}
lazy_part! { fn preview(notice: RwSignal<Notice>) -> AnyView { view! { <Preview notice /> }.into_any() } }
lazy_part! {
    fn library(on_close: Callback<()>, start: LibraryStart) -> AnyView { view! { <LibraryPanel on_close start /> }.into_any() }
}

lazy_part! {
    fn problem_counts(notice: RwSignal<Notice>) -> [(usize, bool); 8] {
        notice.with_untracked(|n| {
            let found = problems(n);
            Step::ALL.map(|s| (found.iter().filter(|p| p.step == s).count(), has_content(n, s)))
        })
    }
}

lazy_part! {
    fn field_marks(notice: RwSignal<Notice>, common_fonts: bool) -> Vec<(notice_core::Field, String, bool)> {
        use notice_core::proofread::{check, Options, Severity};
        let options = Options { gb2312_fonts: !common_fonts };
        notice.with_untracked(|n| {
            check(n, &options)
                .into_iter()
                .map(|f| {
                    let text = format!("【{}】「{}」{}", f.severity.label(), f.excerpt, f.message);
                    (f.field, text, f.severity == Severity::Error)
                })
                .collect()
        })
    }
}

lazy_part! {
    fn is_first_visit(notice: RwSignal<Notice>, session: Session) -> bool {
        notice.with_untracked(|n| *n == Notice::default())
            && session
                .with_library(|l| l.list().map_or(0, |l| l.drafts.len() + l.deleted.len()))
                .is_some_and(|n| n <= 1)
    }
}

lazy_part! {
    fn first_visit_offer(first_visit: RwSignal<bool>, start_with: Callback<LibraryStart>) -> AnyView {
        view! {
            <section class="first-visit" id="first-visit" aria-labelledby="first-visit-heading">
                            <h2 id="first-visit-heading">"开始起草：三种方式"</h2>
                            <ul>
                                <li>
                                    <button type="button" id="start-template" class="primary" on:click=move |_| start_with.run(LibraryStart::NewDraft)>"从模板开始"</button>
                                    <span>"选一种常见的通知（如县局印发活动方案、联合通知），年份和活动主题已填好，改成本单位的机关和部门即可。"</span>
                                </li>
                                <li>
                                    <button type="button" id="start-import" on:click=move |_| start_with.run(LibraryStart::Import)>"导入去年的通知"</button>
                                    <span>"打开去年的 Word 文件或粘贴其文字，标题、主送、正文和活动安排会被识别出来，再改成今年的。"</span>
                                </li>
                                <li>
                                    <button type="button" id="start-blank" on:click=move |_| first_visit.set(false)>"从空白开始"</button>
                                    <span>"按左侧的八个步骤逐项填写，预览随时显示印出来的样子。"</span>
                                </li>
                            </ul>
                        </section>
        }
        .into_any()
    }
}

lazy_part! {
    fn after_first_paint(update_ready: RwSignal<bool>, session: Session) -> () {
        super::worker::warm_up();
        session.purge_recycle_bin();
        super::offline::register(update_ready);
    }
}

lazy_part! {
    fn update_banner(update_ready: RwSignal<bool>) -> AnyView {
        let session = expect_context::<Session>();
        view! {
            <div class="banner note" role="status" id="update-ready">
                <p>"通知起草台有新版本。更新不影响已保存的草稿。"</p>
                <button type="button" id="apply-update" on:click=move |_| { session.flush(); super::offline::apply_update() }>"立即更新"</button>
                <button type="button" on:click=move |_| update_ready.set(false)>"稍后"</button>
            </div>
        }
        .into_any()
    }
}

lazy_part! {
    fn conflict_banner(session: Session) -> AnyView {
        view! {
            <div class="banner conflict" role="alert" id="conflict">
                <p>"另一个标签页修改了这份草稿。为避免互相覆盖，本页的修改暂未保存。请选择："</p>
                <button type="button" id="take-theirs" on:click=move |_| session.take_theirs()>"采用另一页的版本"</button>
                <button type="button" id="keep-mine" on:click=move |_| session.keep_mine()>"保留本页的版本（覆盖另一页）"</button>
                <button type="button" id="keep-both" on:click=move |_| session.keep_both()>"两者都保留（本页另存为新草稿）"</button>
            </div>
        }
        .into_any()
    }
}

lazy_part! {
    fn storage_banner(session: Session, failure: RwSignal<Option<String>>) -> AnyView {
        let download = move |_| {
            let file = session.current_file();
            let _ = browser::download(file.as_bytes(), "草稿.json", "application/json");
        };
        view! {
            <div class="banner error" role="alert" id="storage-problem">
                <p>{move || failure.get().unwrap_or_default()}</p>
                <button type="button" id="download-draft" on:click=download>"下载草稿文件"</button>
            </div>
        }
        .into_any()
    }
}

lazy_part! {
    fn note_banner(session: Session) -> AnyView {
        view! {
            <div class="banner note" role="status" id="session-note">
                <p>{move || session.note.get().unwrap_or_default()}</p>
                <button type="button" on:click=move |_| session.note.set(None)>"知道了"</button>
            </div>
        }
        .into_any()
    }
}
