//! Step 2, 标题与主送: shape, title (composed or own), recipients, and for a
//! cover notice its text and the plan's title.

use crate::fields::{editing, lens, lines_lens, AreaField, FieldId};
use leptos::prelude::*;
use notice_core::compose;
use notice_core::{Field, Notice, NoticeShape};

#[component]
pub fn TitleStep(notice: RwSignal<Notice>) -> impl IntoView {
    let shape = Signal::derive(move || notice.with(|n| n.shape));
    let (recipients, set_recipients) = lines_lens(notice, |n| &n.recipients, |n| &mut n.recipients);
    let (cover, set_cover) = lines_lens(notice, |n| &n.cover_body, |n| &mut n.cover_body);
    let set_shape = move |s: NoticeShape| notice.update(|n| n.shape = s);
    view! {
        <h2>"标题与主送机关"</h2>
        <fieldset class="group">
            <legend>"通知的形式"</legend>
            <label class="choice">
                <input type="radio" name="shape" id="shape-direct"
                    prop:checked=move || shape.get() == NoticeShape::Direct
                    on:change=move |_| set_shape(NoticeShape::Direct) />
                "直接通知（关于开展……活动的通知，正文即方案）"
            </label>
            <label class="choice">
                <input type="radio" name="shape" id="shape-issues-plan"
                    prop:checked=move || shape.get() == NoticeShape::IssuesPlan
                    on:change=move |_| set_shape(NoticeShape::IssuesPlan) />
                "印发方案（关于印发《……方案》的通知，后附方案）"
            </label>
        </fieldset>
        <ComposedField notice field=Field::Title label="标题"
            get=|n| n.title.clone() set=|n, v| n.title = v composed=compose::composed_title />
        <AreaField field=Field::Recipients label="主送机关（每行一个）" rows=2
            placeholder="各股室、队、所" value=recipients on_input=set_recipients />
        <Show when=move || shape.get() == NoticeShape::IssuesPlan>
            <AreaField field=Field::CoverBody label="通知正文（每行一段）" rows=4
                placeholder="现将《……方案》印发给你们，请认真抓好落实。"
                value=cover on_input=set_cover />
            <ComposedField notice field=Field::PlanTitle label="方案标题"
                get=|n| n.plan_title.clone() set=|n, v| n.plan_title = v composed=compose::composed_plan_title />
        </Show>
    }
}

/// A title that is composed until the user writes their own.
#[component]
fn ComposedField(
    notice: RwSignal<Notice>,
    field: Field,
    label: &'static str,
    get: fn(&Notice) -> Option<String>,
    set: fn(&mut Notice, Option<String>),
    composed: fn(&Notice) -> String,
) -> impl IntoView {
    let own = Signal::derive(move || notice.with(get));
    let (value, _) = lens(
        notice,
        move |n| get(n).unwrap_or_else(|| composed(n)),
        |_, _| {},
    );
    let id = field.dom_id();
    let editing = editing();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id.clone() type="text"
                on:focus=move |_| editing.set(Some(field))
                on:blur=move |_| editing.set(None)
                prop:value=move || value.get()
                on:input=move |ev| { let v = event_target_value(&ev); notice.update(|n| set(n, Some(v))) } />
            <p class="hint">
                {move || if own.get().is_some() { "自行填写的标题。" } else { "按机关、年度和活动名称自动生成，可直接修改。" }}
                <Show when=move || own.get().is_some()>
                    <button type="button" class="link" id=format!("{id}-auto")
                        on:click=move |_| notice.update(|n| set(n, None))>"恢复自动生成"</button>
                </Show>
            </p>
        </div>
    }
}
