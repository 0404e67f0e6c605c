//! Starting from what exists: templates (built-in and the user's own), last
//! year's notice rolled forward, and existing notices imported from pasted
//! text or a .docx.

use super::browser;
use super::session::{new_id, Session};
use super::worker;
use leptos::prelude::*;
use notice_core::rollforward::{roll_forward, RollForward};
use notice_core::templates::TEMPLATES;
use notice_core::validate::Step;
use notice_core::Notice;
use notice_office::import::ImportReport;
use wasm_bindgen::JsCast;

/// The current year, for templates.
fn this_year() -> u16 {
    js_sys::Date::new_0().get_full_year() as u16
}

/// Picks what a new draft starts from.
#[component]
pub fn NewDraftChooser(on_done: Callback<()>, on_cancel: Callback<()>) -> impl IntoView {
    let session = expect_context::<Session>();
    let year = RwSignal::new(this_year().to_string());
    let own = Memo::new(move |_| {
        session.library_changed.track();
        session
            .with_library(|l| l.templates().unwrap_or_default())
            .unwrap_or_default()
    });
    let start = move |notice: Notice| {
        session.create(notice);
        on_done.run(());
    };
    let chosen_year = move || {
        year.get_untracked()
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|y| (1978..=2999).contains(y))
            .unwrap_or_else(this_year)
    };
    view! {
        <section class="chooser" aria-labelledby="chooser-heading">
            <h3 id="chooser-heading">"新建草稿"</h3>
            <div class="field narrow">
                <label for="template-year">"年度"</label>
                <input id="template-year" type="text" inputmode="numeric" maxlength="4"
                    prop:value=move || year.get() on:input=move |ev| year.set(event_target_value(&ev)) />
            </div>
            <ul class="templates">
                <li>
                    <button type="button" id="template-blank" on:click=move |_| start(Notice::default())>"空白草稿"</button>
                    <span class="hint">"从空白开始，在“正文”中可加入常用结构。"</span>
                </li>
                {TEMPLATES.iter().map(|template| {
                    let make = template.notice;
                    view! {
                        <li>
                            <button type="button" id=format!("template-{}", template.id)
                                on:click=move |_| start(make(chosen_year()))>{template.name}</button>
                            <span class="hint">{template.description}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Show when=move || !own.with(Vec::is_empty)>
                <h4>"我的模板"</h4>
                <ul class="templates" id="own-templates">
                    {move || own.get().into_iter().map(|(id, title)| {
                        let load = id.clone();
                        let remove = id.clone();
                        view! {
                            <li>
                                <button type="button" on:click=move |_| {
                                    if let Some(Ok(notice)) = session.with_library(|l| l.load_template(&load)) {
                                        start(notice);
                                    }
                                }>{title.clone()}</button>
                                <button type="button" class="small danger" aria-label=format!("删除模板“{title}”")
                                    on:click=move |_| {
                                        session.with_library(|l| l.delete_template(&remove));
                                        session.library_changed.update(|n| *n += 1);
                                    }>"删除模板"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
            <button type="button" on:click=move |_| on_cancel.run(())>"取消"</button>
        </section>
    }
}

/// Rolls a draft forward to a year: shows every change before creating the
/// new draft, and lets the user undo it afterwards.
#[component]
pub fn RollForwardDialog(
    id: String,
    on_done: Callback<Option<String>>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    session.flush();
    let source = session
        .with_library(|l| l.load(&id).ok())
        .flatten()
        .map(|e| e.notice)
        .unwrap_or_default();
    let from_year = source.year();
    let year = RwSignal::new(
        from_year
            .map(|y| (y + 1).to_string())
            .unwrap_or_else(|| this_year().to_string()),
    );
    let source = StoredValue::new(source);
    let rolled = Memo::new(move |_| {
        let to = year
            .get()
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|y| (1978..=2999).contains(y));
        to.map(|to| source.with_value(|n| roll_forward(n, to)))
    });
    let accept = move |_| {
        if let Some(RollForward { notice, .. }) = rolled.get_untracked() {
            let created = session.create(notice);
            on_done.run(created);
        }
    };
    view! {
        <section class="chooser" aria-labelledby="roll-heading">
            <h3 id="roll-heading">"以此为基础新建下一年"</h3>
            <p class="hint">{format!("原草稿年度：{}。年份、发文字号、日期和全国主题按新年度更新，发文字号的序号留空待填；其他内容不变。",
                from_year.map(|y| y.to_string()).unwrap_or_else(|| "未填".into()))}</p>
            <div class="field narrow">
                <label for="roll-year">"新年度"</label>
                <input id="roll-year" type="text" inputmode="numeric" maxlength="4"
                    prop:value=move || year.get() on:input=move |ev| year.set(event_target_value(&ev)) />
            </div>
            {move || match rolled.get() {
                None => view! { <p class="message">"年度应为四位数字，如 2022。"</p> }.into_any(),
                Some(rolled) => view! {
                    <h4>{format!("将作出的修改（{}处）", rolled.changes.len())}</h4>
                    <table class="changes" id="roll-changes">
                        <thead><tr><th>"位置"</th><th>"原文"</th><th>"改为"</th></tr></thead>
                        <tbody>
                            {rolled.changes.into_iter().map(|c| view! {
                                <tr><td>{c.field}</td><td class="old">{c.old}</td><td class="new">{c.new}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <Show when={let n = rolled.flagged.len(); move || n > 0}>
                        <h4>"请人工核对（未修改）"</h4>
                    </Show>
                    <ul class="flags" id="roll-flags">
                        {rolled.flagged.into_iter().map(|f| view! {
                            <li><strong>{f.field}</strong>"：" {f.text} <span class="hint">{format!("（{}）", f.why)}</span></li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
            <div class="add-row">
                <button type="button" id="roll-accept" class="primary" on:click=accept
                    disabled=move || rolled.with(Option::is_none)>"创建新年度草稿"</button>
                <button type="button" on:click=move |_| on_cancel.run(())>"取消"</button>
            </div>
        </section>
    }
}

/// Imports an existing notice from pasted text or a file.
#[component]
pub fn ImportNotice(on_done: Callback<()>, on_cancel: Callback<()>) -> impl IntoView {
    let session = expect_context::<Session>();
    let text = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let report = RwSignal::new(None::<ImportReport>);
    let error = RwSignal::new(None::<String>);
    let run = move |name: String, bytes: Vec<u8>| {
        busy.set(true);
        error.set(None);
        report.set(None);
        leptos::task::spawn_local(async move {
            match worker::import(&name, &bytes).await {
                Ok(found) => report.set(Some(found)),
                Err(message) => error.set(Some(message)),
            }
            busy.set(false);
        });
    };
    let from_text = move |_| run("粘贴的文本".into(), text.get_untracked().into_bytes());
    let from_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        if file.size() as usize > notice_office::import::MAX_IMPORT_BYTES {
            error.set(Some(format!("“{name}”太大，无法作为通知导入。")));
            return;
        }
        leptos::task::spawn_local(async move {
            match browser::read_file(&file).await {
                Ok(bytes) => run(name, bytes),
                Err(message) => error.set(Some(message)),
            }
        });
    };
    // The new draft opens on the step of its first problem, where the
    // user has something to fill in or check.
    let step = use_context::<RwSignal<Step>>();
    let create = move |_| {
        if let Some(found) = report.get_untracked() {
            let first = first_problem_step(&found.notice);
            session.create(found.notice);
            if let (Some(step), Some(first)) = (step, first) {
                step.set(first);
            }
            on_done.run(());
        }
    };
    view! {
        <section class="chooser" aria-labelledby="import-heading">
            <h3 id="import-heading">"导入已有通知"</h3>
            <p class="hint">"粘贴网页或 Word 中复制的通知全文，或选择 .docx / .txt 文件（UTF-8、GBK 或 UTF-16 编码均可）。识别后可在编辑器中修改。"</p>
            <div class="field">
                <label for="import-text">"通知全文"</label>
                <textarea id="import-text" rows="8" prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </div>
            <div class="add-row">
                <button type="button" id="import-text-run" on:click=from_text
                    disabled=move || busy.get() || text.with(|t| t.trim().is_empty())>"识别粘贴的文本"</button>
                <label class="button" for="import-file">"选择 .docx 或 .txt 文件…"</label>
                <input type="file" id="import-file" class="visually-hidden" accept=".docx,.txt,.doc,.wps,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    on:change=from_file />
                <Show when=move || busy.get()><span class="spinner" role="status" aria-label="正在识别"></span></Show>
            </div>
            <p class="message" id="import-error" role="alert">{move || error.get()}</p>
            {move || report.get().map(|found| {
                let opens = first_problem_step(&found.notice)
                    .map(|s| format!("新草稿将打开“{}”步骤，那里有第一处需要补充或核对的内容。", s.label()))
                    .unwrap_or_else(|| "未发现需要补充的内容。".to_owned());
                let list = |class: &'static str, id: &'static str, items: &[String]| view! {
                    <ul class=class id=id>{items.iter().map(|u| view! { <li>{u.clone()}</li> }).collect_view()}</ul>
                };
                view! {
                <div id="import-report">
                    <h4>{format!("已识别（共{}行）", found.lines)}</h4>
                    {list("recognised", "import-recognised", &found.recognised)}
                    <h4>{if found.missing.is_empty() { "未找到：无".to_owned() } else { format!("未找到（{}项）", found.missing.len()) }}</h4>
                    {list("missing", "import-missing", &found.missing)}
                    <Show when={let n = found.flagged.len(); move || n > 0}>
                        <h4>"请核对"</h4>
                    </Show>
                    {list("flagged", "import-flagged", &found.flagged)}
                    <h4>{format!("导入时的改动（{}处）", found.normalised.len())}</h4>
                    {list("normalised", "import-normalised", &found.normalised)}
                    <h4>{format!("未能识别的内容（{}行，未放入草稿，请在编辑器中补入或忽略）", found.unrecognised.len())}</h4>
                    {list("unrecognised", "import-unrecognised", &found.unrecognised)}
                    <h4>{format!("网页附带的内容（{}行，未放入草稿）", found.furniture.len())}</h4>
                    {list("furniture", "import-furniture", &found.furniture)}
                    <p class="hint" id="import-opens">{opens}</p>
                </div>
                }
            })}
            <div class="add-row">
                <button type="button" id="import-create" class="primary" on:click=create
                    disabled=move || report.with(Option::is_none)>"以此新建草稿"</button>
                <button type="button" on:click=move |_| on_cancel.run(())>"取消"</button>
            </div>
        </section>
    }
}

/// The editor step of the notice's first problem, in the order of the steps.
fn first_problem_step(notice: &Notice) -> Option<Step> {
    notice_core::validate::problems(notice)
        .iter()
        .map(|p| p.step)
        .min_by_key(|s| s.index())
}

/// Keeps a draft as one of the user's templates.
pub fn save_as_template(id: &str) -> Result<(), String> {
    let session = expect_context::<Session>();
    session.flush();
    session
        .with_library(|l| {
            let notice = l.load(id)?.notice;
            l.save_template(&new_id(), &notice, &browser::now_w3c())
        })
        .ok_or_else(|| "浏览器存储不可用。".to_owned())?
        .map_err(|e| e.to_string())?;
    session.library_changed.update(|n| *n += 1);
    Ok(())
}
