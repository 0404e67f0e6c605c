//! The page: loads the draft, saves every change, and lays out the panels.

use super::browser;
use super::fields::{lines, LinesField, TextField};
use super::storage::LocalStore;
use super::tasks::TaskTable;
use crate::core::draft::{self, DraftError};
use crate::core::{DocDate, Notice};
use crate::docx::{export_docx, file_name, DocumentMeta};
use leptos::prelude::*;

/// What the save indicator shows.
#[derive(Clone, PartialEq)]
enum SaveState {
    Saved,
    Failed(String),
}

const DOCX_MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

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

    view! {
        <header class="app-header">
            <h1>"通知起草台"</h1>
            <SaveIndicator state=save_state />
        </header>
        <main class="editor">
            <form on:submit=|ev| ev.prevent_default() autocomplete="off">
                <HeaderPanel notice />
                <TitlePanel notice />
                <BodyPanel notice />
                <section aria-labelledby="tasks-heading">
                    <h2 id="tasks-heading">"活动安排"</h2>
                    <TaskTable notice />
                </section>
                <SignaturePanel notice />
                <ExportPanel notice />
            </form>
        </main>
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

/// 版头: 发文机关标志 and 发文字号.
#[component]
fn HeaderPanel(notice: RwSignal<Notice>) -> impl IntoView {
    view! {
        <section aria-labelledby="header-heading">
            <h2 id="header-heading">"版头"</h2>
            <TextField notice id="organ" label="发文机关标志"
                placeholder="如：砀山县市场监督管理局"
                get=|n| n.organ.clone() set=|n, v| n.organ = v />
            <fieldset class="doc-number">
                <legend>"发文字号"</legend>
                <TextField notice id="doc-prefix" label="机关代字"
                    placeholder="如：砀市监发"
                    get=|n| n.doc_number.prefix.clone() set=|n, v| n.doc_number.prefix = v />
                <NumberField notice id="doc-year" label="年份"
                    get=|n| n.doc_number.year.map(u32::from)
                    set=|n, v| n.doc_number.year = v.and_then(|v| u16::try_from(v).ok()) />
                <NumberField notice id="doc-serial" label="序号"
                    get=|n| n.doc_number.serial set=|n, v| n.doc_number.serial = v />
                <p class="hint" id="doc-number-preview">
                    {move || notice.with(|n| n.doc_number.to_string())}
                </p>
            </fieldset>
        </section>
    }
}

/// A whole-number input; empty means "not set".
#[component]
fn NumberField(
    notice: RwSignal<Notice>,
    id: &'static str,
    label: &'static str,
    get: fn(&Notice) -> Option<u32>,
    set: fn(&mut Notice, Option<u32>),
) -> impl IntoView {
    view! {
        <div class="field narrow">
            <label for=id>{label}</label>
            <input id=id type="number" min="1" step="1" inputmode="numeric"
                prop:value=move || notice.with(get).map(|v| v.to_string()).unwrap_or_default()
                on:input=move |ev| {
                    let value = event_target_value(&ev).trim().parse::<u32>().ok();
                    notice.update(|n| set(n, value));
                } />
        </div>
    }
}

#[component]
fn TitlePanel(notice: RwSignal<Notice>) -> impl IntoView {
    view! {
        <section aria-labelledby="title-heading">
            <h2 id="title-heading">"标题与主送机关"</h2>
            <TextField notice id="title" label="标题"
                placeholder="如：关于开展2021年“质量月”活动的通知"
                get=|n| n.title.clone() set=|n, v| n.title = v />
            <LinesField notice id="recipients" label="主送机关" rows=2
                hint="每行一个主送机关。"
                get=|n| n.recipients.join("\n") set=|n, v| n.recipients = lines(v) />
        </section>
    }
}

#[component]
fn BodyPanel(notice: RwSignal<Notice>) -> impl IntoView {
    view! {
        <section aria-labelledby="body-heading">
            <h2 id="body-heading">"正文"</h2>
            <LinesField notice id="body" label="正文段落" rows=10
                hint="每行一段，导出时首行缩进两字。"
                get=|n| n.body.join("\n") set=|n, v| n.body = lines(v) />
        </section>
    }
}

#[component]
fn SignaturePanel(notice: RwSignal<Notice>) -> impl IntoView {
    view! {
        <section aria-labelledby="signature-heading">
            <h2 id="signature-heading">"落款"</h2>
            <TextField notice id="signature-organ" label="发文机关署名"
                get=|n| n.signature.organ.clone() set=|n, v| n.signature.organ = v />
            <div class="field narrow">
                <label for="signature-date">"成文日期"</label>
                <input id="signature-date" type="date"
                    prop:value=move || notice.with(|n| n.signature.date.map(DocDate::to_iso).unwrap_or_default())
                    on:input=move |ev| {
                        let date = DocDate::from_iso(&event_target_value(&ev));
                        notice.update(|n| n.signature.date = date);
                    } />
                <p class="hint">{move || notice.with(|n| n.signature.date.map(|d| d.to_string()).unwrap_or_default())}</p>
            </div>
        </section>
    }
}

#[component]
fn ExportPanel(notice: RwSignal<Notice>) -> impl IntoView {
    let message = RwSignal::new(None::<Result<String, String>>);
    let export = move |_| {
        let result = notice.with(|n| {
            let bytes =
                export_docx(n, &DocumentMeta::at(browser::now_w3c())).map_err(|e| e.to_string())?;
            let name = file_name(n);
            browser::download(&bytes, &name, DOCX_MIME)?;
            Ok(format!("已导出 {name}"))
        });
        message.set(Some(result));
    };
    view! {
        <section aria-labelledby="export-heading">
            <h2 id="export-heading">"导出"</h2>
            <button type="button" id="export" class="primary" on:click=export>"导出 Word 文档（.docx）"</button>
            <p id="export-status" role="status" class=move || match message.get() {
                Some(Err(_)) => "error",
                _ => "",
            }>
                {move || match message.get() {
                    Some(Ok(text)) | Some(Err(text)) => text,
                    None => String::new(),
                }}
            </p>
        </section>
    }
}
