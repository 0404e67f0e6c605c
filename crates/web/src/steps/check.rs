//! Step 8, 检查与导出: every problem with a link to its field, and the export.

use crate::fields::FieldId;
use crate::{browser, worker};
use leptos::prelude::*;
use notice_core::validate::{problems, Step};
use notice_core::{Field, Notice};

const DOCX_MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// Opens a field's step and puts the cursor in it.
pub fn go_to_field(step: RwSignal<Step>, field: Field) {
    step.set(field.step());
    crate::browser::focus_when_shown(field.dom_id());
}

#[component]
pub fn CheckStep(notice: RwSignal<Notice>, common_fonts: RwSignal<bool>) -> impl IntoView {
    let step = expect_context::<RwSignal<Step>>();
    let found = Memo::new(move |_| notice.with(problems));
    let message = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let export = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        message.set(None);
        let draft = notice.get_untracked();
        let common = common_fonts.get_untracked();
        leptos::task::spawn_local(async move {
            let result = match worker::export(&draft, browser::now_w3c(), common).await {
                Ok(file) => browser::download(&file.bytes, &file.name, DOCX_MIME)
                    .map(|()| format!("已导出 {}", file.name)),
                Err(error) => Err(format!("导出失败：{error}")),
            };
            message.set(Some(result));
            busy.set(false);
        });
    };
    view! {
        <h2>"检查与导出"</h2>
        <Show when=move || !found.with(Vec::is_empty)
            fallback=|| view! { <p class="ok" id="no-problems">"未发现问题，可以导出。"</p> }>
            <p>{move || format!("发现{}处需要注意（不影响保存和导出）：", found.with(Vec::len))}</p>
            <ul class="problems" id="problems">
                {move || found.get().into_iter().map(|p| {
                    let field = p.field;
                    view! {
                        <li>
                            <button type="button" class="link" on:click=move |_| go_to_field(step, field)>
                                {format!("【{}】", p.step.label())}
                            </button>
                            {p.message}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
        <div class="field check">
            <input id="common-fonts" type="checkbox" prop:checked=move || common_fonts.get()
                on:change=move |ev| common_fonts.set(event_target_checked(&ev)) />
            <label for="common-fonts">"本机没有仿宋_GB2312、楷体_GB2312字体时，改用“仿宋”“楷体”"</label>
        </div>
        <button type="button" id="export" class="primary" on:click=export
            disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
            {move || if busy.get() { "正在导出…" } else { "导出 Word 文档（.docx）" }}
        </button>
        <Show when=move || busy.get()><span class="spinner" role="status" aria-label="正在导出"></span></Show>
        <p id="export-status" role="status" class=move || match message.get() {
            Some(Err(_)) => "error",
            _ => "",
        }>
            {move || match message.get() {
                Some(Ok(text)) | Some(Err(text)) => text,
                None => String::new(),
            }}
        </p>
    }
}
