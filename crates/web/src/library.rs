//! The draft library: search, new, open, duplicate, rename, delete (with
//! undo and a 30-day bin), draft files in and out, backup and restore, and
//! entries that could not be read.

use super::browser;
use super::reuse::{save_as_template, ImportNotice, NewDraftChooser, RollForwardDialog};
use super::session::{blank_notice, new_id, Session};
use leptos::prelude::*;
use notice_core::library::{days_left, DraftSummary, Listing};
use notice_core::transfer;
use wasm_bindgen::JsCast;

const JSON_MIME: &str = "application/json";

/// What the library opens with: the list, or (from the first-visit offer)
/// the template chooser or the import.
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
pub enum LibraryStart {
    #[default]
    List,
    NewDraft,
    Import,
}

/// What the library shows.
#[derive(Clone, PartialEq)]
enum Mode {
    List,
    NewDraft,
    RollForward(String),
    Import,
}

/// A draft's file name: its title, sanitised.
fn json_name(title: &str) -> String {
    let stem: String = title
        .chars()
        .filter(|c| !c.is_control() && !"/\\:*?\"<>|".contains(*c))
        .take(60)
        .collect();
    format!(
        "{}.json",
        if stem.trim().is_empty() {
            "草稿"
        } else {
            stem.trim()
        }
    )
}

/// `2021-09-06T08:00:00.000Z` as the user's local 2021-09-06 16:00.
fn local_time(w3c: &str) -> String {
    let date = js_sys::Date::new(&w3c.into());
    if date.get_time().is_nan() {
        return w3c.to_owned();
    }
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

#[component]
pub fn LibraryPanel(
    on_close: Callback<()>,
    #[prop(optional)] start: LibraryStart,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let query = RwSignal::new(String::new());
    let messages = RwSignal::new(Vec::<String>::new());
    let undo = RwSignal::new(None::<(String, String)>);
    let renaming = RwSignal::new(None::<String>);
    let listing = Memo::new(move |_| {
        session.library_changed.track();
        session
            .with_library(|library| library.list().unwrap_or_default())
            .unwrap_or_default()
    });
    let shown = Signal::derive(move || {
        let q = query.get();
        listing.with(|l| {
            l.drafts
                .iter()
                .filter(|d| d.matches(&q))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let changed = move || session.library_changed.update(|n| *n += 1);
    let now = browser::now_w3c;

    let mode = RwSignal::new(match start {
        LibraryStart::List => Mode::List,
        LibraryStart::NewDraft => Mode::NewDraft,
        LibraryStart::Import => Mode::Import,
    });
    let rolled = session.last_roll;
    let new_draft = move |_| mode.set(Mode::NewDraft);
    let backup = move |_| {
        session.flush();
        let drafts = session
            .with_library(|library| {
                let listing = library.list().unwrap_or_default();
                listing
                    .drafts
                    .iter()
                    .chain(&listing.deleted)
                    .filter_map(|d| library.load(&d.id).ok())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        let file = transfer::backup_file(drafts, &now());
        let name = format!("通知起草台备份-{}.json", &now()[..10]);
        if let Err(e) = browser::download(file.as_bytes(), &name, JSON_MIME) {
            messages.set(vec![e]);
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let files: Vec<web_sys::File> = input
            .files()
            .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
            .unwrap_or_default();
        input.set_value("");
        leptos::task::spawn_local(async move {
            let mut report = Vec::new();
            let mut imported = 0;
            for file in files {
                let name = file.name();
                let bytes = if file.size() as usize > transfer::MAX_FILE_BYTES {
                    // Refused before reading, so a huge file cannot stall the page.
                    vec![0u8; transfer::MAX_FILE_BYTES + 1]
                } else {
                    browser::read_file(&file).await.unwrap_or_default()
                };
                match transfer::read_file(&name, &bytes) {
                    Ok(drafts) => {
                        for draft in drafts {
                            let created = session.with_library(|library| {
                                library.create(&new_id(), draft.notice, &now())
                            });
                            match created {
                                Some(Ok(_)) => imported += 1,
                                Some(Err(e)) => report.push(format!("“{name}”：{e}")),
                                None => report.push("浏览器存储不可用，无法导入。".into()),
                            }
                        }
                    }
                    Err(message) => report.push(message),
                }
            }
            if imported > 0 {
                report.insert(0, format!("已导入 {imported} 份草稿。"));
            }
            messages.set(report);
            changed();
        });
    };

    view! {
        <section class="library" aria-labelledby="library-heading">
            <div class="library-head">
                <h2 id="library-heading">"草稿库"</h2>
                <button type="button" id="close-library" on:click=move |_| on_close.run(())>"返回编辑"</button>
            </div>
            <p class="hint">"草稿只保存在本浏览器中，不会上传。换电脑或清理浏览器前，请“备份全部草稿”。"</p>
            {super::offline::from_file().then(|| view! {
                <p class="hint" id="file-storage-note">"您正在使用单文件版（从本机文件打开）：草稿保存在本浏览器为本机文件划分的存储中，用其他浏览器打开或清理浏览器数据后将看不到，请定期备份。"</p>
            })}
            {move || match mode.get() {
                Mode::List => ().into_any(),
                Mode::NewDraft => view! {
                    <NewDraftChooser on_done=on_close on_cancel=Callback::new(move |_| mode.set(Mode::List)) />
                }.into_any(),
                Mode::Import => view! {
                    <ImportNotice on_done=on_close on_cancel=Callback::new(move |_| mode.set(Mode::List)) />
                }.into_any(),
                Mode::RollForward(id) => {
                    let from = id.clone();
                    view! {
                        <RollForwardDialog id
                            on_done=Callback::new(move |created: Option<String>| {
                                if let Some(new) = created {
                                    rolled.set(Some((new, from.clone())));
                                }
                                mode.set(Mode::List);
                            })
                            on_cancel=Callback::new(move |_| mode.set(Mode::List)) />
                    }.into_any()
                }
            }}
            <Show when=move || rolled.with(Option::is_some)>
                <p class="undo" role="status" id="roll-done">
                    "已创建新年度草稿，并已打开。"
                    <button type="button" id="undo-roll" on:click=move |_| {
                        if let Some((new, old)) = rolled.get_untracked() {
                            session.with_library(|l| l.delete(&new, &browser::now_w3c()));
                            session.open(&old);
                            rolled.set(None);
                            changed();
                        }
                    }>"撤销"</button>
                </p>
            </Show>
            <div class="library-tools">
                <button type="button" id="new-draft" class="primary" on:click=new_draft>"＋ 新建草稿"</button>
                <button type="button" id="import-notice" on:click=move |_| mode.set(Mode::Import)>"导入已有通知…"</button>
                <label class="button" for="import-drafts">"导入草稿文件或备份…"</label>
                <input type="file" id="import-drafts" accept=".json,application/json" multiple class="visually-hidden"
                    on:change=import />
                <button type="button" id="backup-all" on:click=backup>"备份全部草稿"</button>
            </div>
            <ul class="messages" id="library-messages" role="status">
                {move || messages.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
            <Show when=move || undo.with(Option::is_some)>
                <p class="undo" role="status">
                    {move || undo.get().map(|(_, title)| format!("已删除“{title}”，30天内可在回收站恢复。")).unwrap_or_default()}
                    <button type="button" id="undo-delete-draft" on:click=move |_| {
                        if let Some((id, _)) = undo.get_untracked() {
                            session.with_library(|l| l.restore(&id));
                            undo.set(None);
                            changed();
                        }
                    }>"撤销"</button>
                </p>
            </Show>
            <div class="field">
                <label for="draft-search">"搜索草稿"</label>
                <input id="draft-search" type="search" placeholder="标题、机关或年度"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev)) />
            </div>
            <table class="drafts" id="draft-list">
                <thead><tr><th>"标题"</th><th>"机关"</th><th>"年度"</th><th>"保存时间"</th><th>"操作"</th></tr></thead>
                <tbody>
                    <For each=move || shown.get() key=|d| (d.id.clone(), d.saved_at.clone(), d.title.clone()) let:draft>
                        <DraftRow draft=draft.clone() renaming undo on_close messages on_roll=Callback::new(move |id| mode.set(Mode::RollForward(id))) />
                    </For>
                </tbody>
            </table>
            <Show when=move || shown.with(Vec::is_empty)>
                <p class="empty">{move || if query.with(String::is_empty) { "还没有草稿。" } else { "没有符合的草稿。" }}</p>
            </Show>
            <RecycleBin listing />
            <UnreadableEntries listing />
        </section>
    }
}

#[component]
fn DraftRow(
    draft: DraftSummary,
    renaming: RwSignal<Option<String>>,
    undo: RwSignal<Option<(String, String)>>,
    on_close: Callback<()>,
    messages: RwSignal<Vec<String>>,
    on_roll: Callback<String>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let changed = move || session.library_changed.update(|n| *n += 1);
    let id = draft.id.clone();
    let roll = {
        let id = id.clone();
        move |_| on_roll.run(id.clone())
    };
    let keep_as_template = {
        let id = id.clone();
        move |_| {
            messages.set(vec![match save_as_template(&id) {
                Ok(()) => "已存为模板，新建草稿时可在“我的模板”中选用。".to_owned(),
                Err(e) => e,
            }]);
        }
    };
    let is_open = {
        let id = id.clone();
        Signal::derive(move || session.draft_id.get().as_deref() == Some(id.as_str()))
    };
    let rename_text = RwSignal::new(draft.title.clone());
    let open = {
        let id = id.clone();
        move |_| {
            session.open(&id);
            on_close.run(());
        }
    };
    let duplicate = {
        let id = id.clone();
        move |_| {
            session.flush();
            session.with_library(|l| l.duplicate(&id, &new_id(), &browser::now_w3c()));
            changed();
        }
    };
    let export = {
        let id = id.clone();
        let title = draft.title.clone();
        move |_| {
            session.flush();
            if let Some(Ok(envelope)) = session.with_library(|l| l.load(&id)) {
                let file = transfer::draft_file(&envelope);
                if let Err(e) = browser::download(file.as_bytes(), &json_name(&title), JSON_MIME) {
                    messages.set(vec![e]);
                }
            }
        }
    };
    let delete = {
        let id = id.clone();
        let title = draft.title.clone();
        move |_| {
            session.flush();
            session.with_library(|l| l.delete(&id, &browser::now_w3c()));
            undo.set(Some((id.clone(), title.clone())));
            if is_open.get_untracked() {
                // The open draft went to the bin: continue in a new one.
                session.create(blank_notice());
            }
            changed();
        }
    };
    let start_rename = {
        let id = id.clone();
        move |_| renaming.set(Some(id.clone()))
    };
    let finish_rename = {
        let id = id.clone();
        move || {
            session.flush();
            session
                .with_library(|l| l.rename(&id, &rename_text.get_untracked(), &browser::now_w3c()));
            if is_open.get_untracked() {
                session.open(&id);
            }
            renaming.set(None);
            changed();
        }
    };
    let is_renaming = {
        let id = id.clone();
        Signal::derive(move || renaming.get().as_deref() == Some(id.as_str()))
    };
    let title = draft.title.clone();
    view! {
        <tr class:open=move || is_open.get()>
            <td>
                <Show when=move || is_renaming.get() fallback={
                    let title = title.clone();
                    let open = open.clone();
                    move || view! {
                        <button type="button" class="link title" on:click=open.clone()>{title.clone()}</button>
                        {move || is_open.get().then(|| view! { <span class="badge">"正在编辑"</span> })}
                    }
                }>
                    {
                        let finish = finish_rename.clone();
                        let finish2 = finish_rename.clone();
                        view! {
                            <input type="text" class="rename" aria-label="新标题"
                                prop:value=move || rename_text.get()
                                on:input=move |ev| rename_text.set(event_target_value(&ev))
                                on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { finish() } />
                            <button type="button" on:click=move |_| finish2()>"确定"</button>
                        }
                    }
                </Show>
            </td>
            <td>{draft.organ.clone()}</td>
            <td>{draft.year.map(|y| y.to_string()).unwrap_or_default()}</td>
            <td>{local_time(&draft.saved_at)}</td>
            <td class="ops">
                <button type="button" class="small" on:click=roll aria-label=format!("以“{}”为基础新建下一年", draft.title)>"下一年"</button>
                <button type="button" class="small" on:click=duplicate aria-label=format!("复制“{}”", draft.title)>"复制"</button>
                <button type="button" class="small" on:click=keep_as_template aria-label=format!("把“{}”存为模板", draft.title)>"存为模板"</button>
                <button type="button" class="small" on:click=start_rename aria-label=format!("重命名“{}”", draft.title)>"重命名"</button>
                <button type="button" class="small" on:click=export aria-label=format!("导出“{}”", draft.title)>"导出"</button>
                <button type="button" class="small danger" on:click=delete aria-label=format!("删除“{}”", draft.title)>"删除"</button>
            </td>
        </tr>
    }
}

#[component]
fn RecycleBin(listing: Memo<Listing>) -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <Show when=move || listing.with(|l| !l.deleted.is_empty())>
            <h3>"回收站"</h3>
            <ul class="bin" id="recycle-bin">
                {move || listing.get().deleted.into_iter().map(|d| {
                    let id = d.id.clone();
                    let left = d.deleted_at.as_deref().and_then(|at| days_left(at, &browser::now_w3c())).unwrap_or(0);
                    view! {
                        <li>
                            {d.title.clone()}
                            <span class="hint">{format!("（{left}天后永久删除）")}</span>
                            <button type="button" class="small" aria-label=format!("恢复“{}”", d.title)
                                on:click=move |_| {
                                    session.with_library(|l| l.restore(&id));
                                    session.library_changed.update(|n| *n += 1);
                                }>"恢复"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
    }
}

#[component]
fn UnreadableEntries(listing: Memo<Listing>) -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <Show when=move || listing.with(|l| !l.unreadable.is_empty())>
            <h3>"无法读取的草稿"</h3>
            <p class="hint">"以下内容无法读取（可能已损坏，或由更新版本的应用保存）。它们被原样保留，不会被覆盖；可下载原始内容留存或交技术人员处理。"</p>
            <ul class="bin" id="unreadable">
                {move || listing.get().unreadable.into_iter().map(|entry| {
                    let key = entry.key.clone();
                    view! {
                        <li>
                            <code>{entry.key.clone()}</code>
                            <span class="hint">{format!("（{} 字节：{}）", entry.bytes, entry.why)}</span>
                            <button type="button" class="small" on:click=move |_| {
                                if let Some(Ok(Some(raw))) = session.with_library(|l| l.raw(&key)) {
                                    let name = format!("{}.txt", key.replace('/', "_"));
                                    let _ = browser::download(raw.as_bytes(), &name, "text/plain");
                                }
                            }>"下载原始内容"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
    }
}
