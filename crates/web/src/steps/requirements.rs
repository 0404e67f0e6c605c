//! Step 5, 活动要求: numbered items, each a lead phrase and its text.

use crate::fields::{lens, AreaField, ItemTools, TextField};
use leptos::prelude::*;
use notice_core::edit::{move_item, new_section};
use notice_core::{Field, Notice, Requirement, RequirementField, SectionContent, SectionKind};

fn items(notice: &Notice) -> Option<&Vec<Requirement>> {
    notice.sections.iter().find_map(|s| match &s.content {
        SectionContent::Requirements { items } => Some(items),
        _ => None,
    })
}

fn items_mut(notice: &mut Notice) -> Option<&mut Vec<Requirement>> {
    notice
        .sections
        .iter_mut()
        .find_map(|s| match &mut s.content {
            SectionContent::Requirements { items } => Some(items),
            _ => None,
        })
}

#[component]
pub fn RequirementsStep(notice: RwSignal<Notice>) -> impl IntoView {
    let present = Memo::new(move |_| notice.with(|n| items(n).is_some()));
    let count = Memo::new(move |_| notice.with(|n| items(n).map_or(0, Vec::len)));
    let create = move |_| {
        notice.update(|n| {
            let section = new_section(n, SectionKind::Requirements);
            n.sections.push(section);
        })
    };
    let edit = move |f: &dyn Fn(&mut Vec<Requirement>)| {
        notice.update(|n| {
            if let Some(items) = items_mut(n) {
                f(items)
            }
        })
    };
    view! {
        <h2>"活动要求"</h2>
        <p class="intro">"每项要求由一句要点和说明组成，导出为“（一）加强组织领导。……”，要点用楷体。"</p>
        <Show when=move || present.get() fallback=move || view! {
            <p class="empty">"正文中还没有“活动要求”部分。"
                <button type="button" id="add-requirements" on:click=create>"添加“活动要求”部分"</button></p>
        }>
            <ol class="blocks">
                <For each=move || 0..count.get() key=|i| *i let:i>
                    {
                        let (lead, set_lead) = lens(notice,
                            move |n| items(n).and_then(|v| v.get(i)).map(|r| r.lead.clone()).unwrap_or_default(),
                            move |n, v| if let Some(r) = items_mut(n).and_then(|v| v.get_mut(i)) { r.lead = v });
                        let (text, set_text) = lens(notice,
                            move |n| items(n).and_then(|v| v.get(i)).map(|r| r.text.clone()).unwrap_or_default(),
                            move |n, v| if let Some(r) = items_mut(n).and_then(|v| v.get_mut(i)) { r.text = v });
                        view! {
                            <li class="block">
                                <TextField field=Field::Requirement(i, RequirementField::Lead) label="要点" placeholder="加强组织领导"
                                    value=lead on_input=set_lead />
                                <AreaField field=Field::Requirement(i, RequirementField::Text) label="说明" rows=3
                                    value=text on_input=set_text />
                                <ItemTools name=Signal::derive(move || format!("第{}项要求", i + 1))
                                    on_up=Callback::new(move |_| edit(&|v| { move_item(v, i, -1); }))
                                    on_down=Callback::new(move |_| edit(&|v| { move_item(v, i, 1); }))
                                    on_remove=Callback::new(move |_| edit(&|v| { if i < v.len() { v.remove(i); } })) />
                            </li>
                        }
                    }
                </For>
            </ol>
            <button type="button" id="add-requirement"
                on:click=move |_| edit(&|v| v.push(Requirement::default()))>"＋ 添加一项要求"</button>
        </Show>
    }
}
