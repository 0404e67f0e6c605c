//! The task table editor (活动安排): one row of inputs per task.

use crate::core::{Notice, TaskRow};
use leptos::prelude::*;

type Column = (
    &'static str,
    fn(&TaskRow) -> &String,
    fn(&mut TaskRow) -> &mut String,
);

const COLUMNS: [Column; 4] = [
    ("活动内容", |t| &t.content, |t| &mut t.content),
    ("活动时间", |t| &t.time, |t| &mut t.time),
    ("牵头部门", |t| &t.lead, |t| &mut t.lead),
    ("配合部门", |t| &t.support, |t| &mut t.support),
];

#[component]
pub fn TaskTable(notice: RwSignal<Notice>) -> impl IntoView {
    // Rows are re-created only when their number changes, not per keystroke,
    // so the focused input survives typing.
    let count = Memo::new(move |_| notice.with(|n| n.tasks.len()));
    let add = move |_| notice.update(|n| n.tasks.push(TaskRow::default()));
    view! {
        <table class="tasks" aria-label="活动安排">
            <thead>
                <tr>
                    <th scope="col">"序号"</th>
                    {COLUMNS.iter().map(|(name, _, _)| view! { <th scope="col">{*name}</th> }).collect_view()}
                    <th scope="col"><span class="visually-hidden">"操作"</span></th>
                </tr>
            </thead>
            <tbody>
                <For each=move || 0..count.get() key=|i| *i let:row>
                    <TaskRowEditor notice row />
                </For>
            </tbody>
        </table>
        <button type="button" id="add-task" on:click=add>"＋ 添加一行"</button>
    }
}

#[component]
fn TaskRowEditor(notice: RwSignal<Notice>, row: usize) -> impl IntoView {
    let remove = move |_| {
        notice.update(|n| {
            if row < n.tasks.len() {
                n.tasks.remove(row);
            }
        })
    };
    view! {
        <tr>
            <td class="serial">{row + 1}</td>
            {COLUMNS
                .iter()
                .map(|&(name, get, set)| {
                    view! {
                        <td>
                            <input
                                type="text"
                                aria-label=format!("第{}行{}", row + 1, name)
                                prop:value=move || {
                                    notice.with(|n| n.tasks.get(row).map(|t| get(t).clone()).unwrap_or_default())
                                }
                                on:input=move |ev| {
                                    let value = event_target_value(&ev);
                                    notice.update(|n| {
                                        if let Some(task) = n.tasks.get_mut(row) {
                                            *set(task) = value;
                                        }
                                    })
                                }
                            />
                        </td>
                    }
                })
                .collect_view()}
            <td>
                <button type="button" class="remove" aria-label=format!("删除第{}行", row + 1) on:click=remove>
                    "删除"
                </button>
            </td>
        </tr>
    }
}
