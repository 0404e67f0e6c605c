//! Step 7, 落款与版记: signature, date, 附注, and the imprint.

use crate::fields::{lens, lines_lens, AreaField, CheckField, DateField, TextField};
use leptos::prelude::*;
use notice_core::{Field, Notice};

#[component]
pub fn ClosingStep(notice: RwSignal<Notice>) -> impl IntoView {
    let (organs, set_organs) =
        lines_lens(notice, |n| &n.signature.organs, |n| &mut n.signature.organs);
    let (proxy, set_proxy) = lens(
        notice,
        |n| n.signature.proxy_note.clone(),
        |n, v| n.signature.proxy_note = v,
    );
    let (note, set_note) = lens(notice, |n| n.note.clone(), |n, v| n.note = v);
    let (cc, set_cc) = lines_lens(notice, |n| &n.imprint.cc, |n| &mut n.imprint.cc);
    let (printer, set_printer) = lens(
        notice,
        |n| n.imprint.printer.clone(),
        |n, v| n.imprint.printer = v,
    );
    let sealed = Signal::derive(move || notice.with(|n| n.signature.sealed));
    let date = Signal::derive(move || notice.with(|n| n.signature.date));
    let print_date = Signal::derive(move || notice.with(|n| n.imprint.print_date));
    let header_organs = Signal::derive(move || notice.with(|n| n.header.organs.join("、")));
    view! {
        <h2>"落款与版记"</h2>
        <AreaField field=Field::SignatureOrgans label="发文机关署名（每行一个）" rows=2
            placeholder=""
            hint="不填则使用版头中的发文机关。"
            value=organs on_input=set_organs />
        <p class="hint">{move || format!("版头机关：{}", header_organs.get())}</p>
        <TextField field=Field::ProxyNote label="代章说明（可不填）" placeholder="（代章）" value=proxy on_input=set_proxy />
        <CheckField field=Field::Sealed label="加盖印章（署名以成文日期为准居中；不加盖印章时署名右空二字）"
            value=sealed on_input=Callback::new(move |v| notice.update(|n| n.signature.sealed = v)) />
        <DateField field=Field::SignatureDate label="成文日期" value=date
            on_input=Callback::new(move |d| notice.update(|n| n.signature.date = d)) />
        <TextField field=Field::Note label="附注（可不填）" placeholder="此件公开发布" hint="导出时加圆括号，排在成文日期下一行。"
            value=note on_input=set_note />
        <fieldset class="group">
            <legend>"版记"</legend>
            <AreaField field=Field::ImprintCc label="抄送机关（每行一个）" rows=2 value=cc on_input=set_cc />
            <TextField field=Field::ImprintPrinter label="印发机关" placeholder="砀山县市场监督管理局办公室"
                value=printer on_input=set_printer />
            <DateField field=Field::ImprintDate label="印发日期" value=print_date
                on_input=Callback::new(move |d| notice.update(|n| n.imprint.print_date = d)) />
        </fieldset>
    }
}
