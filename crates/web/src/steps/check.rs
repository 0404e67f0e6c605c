//! Step 8, 检查与导出: every problem with a link to its field, and the export.

use crate::fields::FieldId;
use crate::session::Session;
use crate::{browser, worker};
use leptos::prelude::*;
use notice_core::gbt9704 as spec;
use notice_core::validate::{parse_letterhead_mm, problems, Step};
use notice_core::{compose, pagination};
use notice_core::{Field, Notice};
use notice_office::docx::request::ExportFormat;

const DOCX_MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/// No registered type for OFD; readers open it by its extension.
const OFD_MIME: &str = "application/ofd";

/// Opens a field's step and puts the cursor in it.
pub fn go_to_field(step: RwSignal<Step>, field: Field) {
    step.set(field.step());
    crate::browser::focus_when_shown(field.dom_id());
}

/// The message for an export the worker could not make.
fn export_failed(error: &str) -> String {
    format!("导出失败：{error}")
}

#[component]
pub fn CheckStep(notice: RwSignal<Notice>, common_fonts: RwSignal<bool>) -> impl IntoView {
    let step = expect_context::<RwSignal<Step>>();
    let letterhead = expect_context::<crate::app::Letterhead>();
    let found = Memo::new(move |_| notice.with(problems));
    let message = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(None::<ExportFormat>);
    let draft_id = use_context::<Session>().map(|s| s.draft_id);
    let export =
        move |format: ExportFormat| {
            if busy.get_untracked().is_some() {
                return;
            }
            busy.set(Some(format));
            message.set(None);
            let draft = notice.get_untracked();
            let common = common_fonts.get_untracked();
            let reserved = match letterhead.reserved(&compose::compose(&draft)) {
                Ok(reserved) => reserved,
                Err(refused) => {
                    message.set(Some(Err(refused)));
                    busy.set(None);
                    return;
                }
            };
            let id = draft_id.and_then(|d| d.get_untracked()).unwrap_or_default();
            let mime = match format {
                ExportFormat::Docx => DOCX_MIME,
                ExportFormat::Ofd => OFD_MIME,
            };
            leptos::task::spawn_local(async move {
                let result =
                    match worker::export(&draft, browser::now_w3c(), common, reserved, format, id)
                        .await
                    {
                        Ok(file) => browser::download(&file.bytes, &file.name, mime)
                            .map(|()| format!("已导出 {}", file.name)),
                        Err(error) => Err(export_failed(&error)),
                    };
                message.set(Some(result));
                busy.set(None);
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
        <super::proofread::ProofreadList notice common_fonts />
        <div class="field check">
            <input id="common-fonts" type="checkbox" prop:checked=move || common_fonts.get()
                on:change=move |ev| common_fonts.set(event_target_checked(&ev)) />
            <label for="common-fonts">"本机没有仿宋_GB2312、楷体_GB2312字体时，改用“仿宋”“楷体”"</label>
        </div>
        <div class="field check">
            <input id="letterhead" type="checkbox" prop:checked=move || letterhead.on.get()
                on:change=move |ev| letterhead.on.set(event_target_checked(&ev)) />
            <label for="letterhead">"套打：在已印好红头的公文纸上打印（不印发文机关标志和红色分隔线）"</label>
        </div>
        <Show when=move || letterhead.on.get()>
            <div class="field narrow">
                <label for="letterhead-mm">"红头高度（毫米，自版心上边缘至红色分隔线）"</label>
                <input id="letterhead-mm" type="text" inputmode="decimal"
                    placeholder=move || format!("{:.1}", spec::twips_to_mm(
                        notice.with(|n| pagination::header_height(&compose::blocks(n))) as f64))
                    aria-describedby="letterhead-mm-message"
                    prop:value=move || letterhead.mm.get()
                    on:input=move |ev| letterhead.mm.set(event_target_value(&ev)) />
                <p class="hint">"留空则按本通知版头的高度预留；设置保存在本机浏览器中。"</p>
                <p class="message" id="letterhead-mm-message" role="alert">
                    {move || letterhead.mm.with(|t| parse_letterhead_mm(t).err())}
                </p>
            </div>
        </Show>
        <button type="button" id="export" class="primary" on:click=move |_| export(ExportFormat::Docx)
            disabled=move || busy.get().is_some()
            aria-busy=move || (busy.get() == Some(ExportFormat::Docx)).to_string()>
            {move || if busy.get() == Some(ExportFormat::Docx) { "正在导出…" } else { "导出 Word 文档（.docx）" }}
        </button>
        " "
        <button type="button" id="export-ofd" on:click=move |_| export(ExportFormat::Ofd)
            disabled=move || busy.get().is_some()
            aria-busy=move || (busy.get() == Some(ExportFormat::Ofd)).to_string()>
            {move || if busy.get() == Some(ExportFormat::Ofd) { "正在导出…" } else { "导出 OFD 版式文件（.ofd）" }}
        </button>
        <Show when=move || busy.get().is_some()><span class="spinner" role="status" aria-label="正在导出"></span></Show>
        <p class="hint" id="ofd-fonts-note">
            "OFD 文件按名称引用字体（方正小标宋简体、仿宋_GB2312、黑体、楷体_GB2312），不嵌入字体；阅读器缺少某种字体时会用相近字体代替，版面位置不变。"
        </p>
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

#[cfg(test)]
mod tests {
    use super::*;
    use notice_office::docx::ExportError;

    #[test]
    fn a_failed_export_says_so_once() {
        let error = ExportError("无法打包文件（磁盘已满）".into()).to_string();
        assert_eq!(export_failed(&error), "导出失败：无法打包文件（磁盘已满）");
    }
}
