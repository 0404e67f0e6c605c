//! Step 4, 活动安排: the task list, fast with a keyboard. Ctrl+Enter adds a
//! row below, Alt+↑/↓ moves a row; rows pasted from Excel or WPS (tab-
//! separated) become rows; deleting can be undone.

use crate::fields::{editing, lens, FieldId, TextField};
use leptos::prelude::*;
use notice_core::edit::{departments, looks_like_rows, move_item, tasks_from_tsv};
use notice_core::model::{split_names, split_typed_names};
use notice_core::{Field, Notice, TaskField, TaskLayout, TaskRow};

type Getter = fn(&TaskRow) -> String;
type Setter = fn(&mut TaskRow, String);

/// The fields after 活动内容: field, label, getter, setter.
const COLUMNS: [(TaskField, &str, Getter, Setter); 4] = [
    (
        TaskField::Time,
        "活动时间",
        |t| t.time.clone(),
        |t, v| t.time = v,
    ),
    (
        TaskField::Place,
        "活动地点",
        |t| t.place.clone(),
        |t, v| t.place = v,
    ),
    (
        TaskField::Lead,
        "牵头部门",
        |t| t.lead.clone(),
        |t, v| t.lead = v,
    ),
    // Split on 、 only while typing (keeps what is typed); commas are
    // normalised when the field is left. Both keep bracketed names whole.
    (
        TaskField::Support,
        "配合部门",
        |t| t.support.join("、"),
        |t, v| t.support = split_typed_names(&v),
    ),
];

#[component]
pub fn TasksStep(notice: RwSignal<Notice>) -> impl IntoView {
    let count = Memo::new(move |_| notice.with(|n| n.tasks.rows.len()));
    let deleted = RwSignal::new(None::<(usize, TaskRow)>);
    let layout = Signal::derive(move || notice.with(|n| n.tasks.layout));
    let (lead_label, set_lead_label) = lens(
        notice,
        |n| n.tasks.lead_label.clone(),
        |n, v| n.tasks.lead_label = v,
    );
    let (support_label, set_support_label) = lens(
        notice,
        |n| n.tasks.support_label.clone(),
        |n, v| n.tasks.support_label = v,
    );
    let suggestions = Memo::new(move |_| notice.with(departments));
    let set_layout = move |l: TaskLayout| notice.update(|n| n.tasks.layout = l);
    let add = move |_| notice.update(|n| n.tasks.rows.push(TaskRow::default()));
    let undo = move |_| {
        if let Some((index, row)) = deleted.get_untracked() {
            notice.update(|n| {
                let at = index.min(n.tasks.rows.len());
                n.tasks.rows.insert(at, row);
            });
            deleted.set(None);
        }
    };
    view! {
        <h2>"活动安排"</h2>
        <fieldset class="group">
            <legend>"在通知中的呈现方式"</legend>
            {[(TaskLayout::Table, "layout-table", "表格（序号/活动内容/活动时间/牵头部门/配合部门）"),
              (TaskLayout::Subsections, "layout-subsections", "分条目（（一）活动名称、内容，再列牵头部门、配合部门）"),
              (TaskLayout::Items, "layout-items", "编号条目（1.活动内容……（牵头部门））")]
                .into_iter()
                .map(|(value, id, label)| view! {
                    <label class="choice">
                        <input type="radio" name="task-layout" id=id
                            prop:checked=move || layout.get() == value
                            on:change=move |_| set_layout(value) />
                        {label}
                    </label>
                })
                .collect_view()}
            <div class="inline">
                <TextField field=Field::LeadLabel label="牵头部门的称谓" placeholder="牵头部门" value=lead_label on_input=set_lead_label />
                <TextField field=Field::SupportLabel label="配合部门的称谓" placeholder="配合部门" value=support_label on_input=set_support_label />
            </div>
        </fieldset>
        <datalist id="departments">
            {move || suggestions.get().into_iter().map(|d| view! { <option value=d></option> }).collect_view()}
        </datalist>
        <p class="hint">"快捷键：Ctrl+Enter 在下方插入一行，Alt+↑/↓ 移动本行。可从 Excel/WPS 复制多行（活动内容、时间、牵头部门、配合部门）粘贴到“活动名称”框。"</p>
        <Show when=move || deleted.with(Option::is_some)>
            <p class="undo" role="status">
                {move || deleted.get().map(|(i, _)| format!("已删除第{}行。", i + 1)).unwrap_or_default()}
                <button type="button" id="undo-delete" on:click=undo>"撤销"</button>
            </p>
        </Show>
        // One card a row: 活动内容 across the card, the other fields in a grid
        // that takes as many columns as fit, so every field keeps a readable
        // width beside the preview on a 1366x768 screen.
        <ol class="tasks" aria-label="活动安排">
            <For each=move || 0..count.get() key=|i| *i let:row>
                <TaskRowEditor notice row deleted />
            </For>
        </ol>
        <button type="button" id="add-task" on:click=add>"＋ 添加一行"</button>
        <span class="hint">{move || format!("　共{}行", count.get())}</span>
    }
}

fn focus(field: Field) {
    crate::browser::focus_when_shown(field.dom_id());
}

#[component]
fn TaskRowEditor(
    notice: RwSignal<Notice>,
    row: usize,
    deleted: RwSignal<Option<(usize, TaskRow)>>,
) -> impl IntoView {
    let editing = editing();
    // The row as a memo: a keystroke in one row re-renders that row only.
    let task =
        Memo::new(move |_| notice.with(|n| n.tasks.rows.get(row).cloned().unwrap_or_default()));
    let read = move |f: Getter| Signal::derive(move || task.with(f));
    let write = move |f: &dyn Fn(&mut TaskRow)| {
        notice.update(|n| {
            if let Some(task) = n.tasks.rows.get_mut(row) {
                f(task)
            }
        })
    };
    let insert_below = move || {
        notice.update(|n| {
            let at = (row + 1).min(n.tasks.rows.len());
            n.tasks.rows.insert(at, TaskRow::default());
        });
        focus(Field::Task(row + 1, TaskField::Name));
    };
    let shift = move |delta: isize| {
        let mut to = row;
        notice.update(|n| to = move_item(&mut n.tasks.rows, row, delta));
        focus(Field::Task(to, TaskField::Name));
    };
    let remove = move || {
        let mut removed = None;
        notice.update(|n| {
            if row < n.tasks.rows.len() {
                removed = Some(n.tasks.rows.remove(row));
            }
        });
        if let Some(task) = removed {
            deleted.set(Some((row, task)));
        }
    };
    let duplicate = move || {
        notice.update(|n| {
            if let Some(task) = n.tasks.rows.get(row).cloned() {
                n.tasks.rows.insert(row + 1, task);
            }
        })
    };
    let on_key =
        move |ev: web_sys::KeyboardEvent| match (ev.ctrl_key(), ev.alt_key(), ev.key().as_str()) {
            (true, _, "Enter") => {
                ev.prevent_default();
                insert_below()
            }
            (_, true, "ArrowUp") => {
                ev.prevent_default();
                shift(-1)
            }
            (_, true, "ArrowDown") => {
                ev.prevent_default();
                shift(1)
            }
            _ => {}
        };
    let on_paste = move |ev: web_sys::ClipboardEvent| {
        let text = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
            .unwrap_or_default();
        if !looks_like_rows(&text) {
            return;
        }
        ev.prevent_default();
        let rows = tasks_from_tsv(&text);
        notice.update(|n| {
            let at = row.min(n.tasks.rows.len());
            let replace = n.tasks.rows.get(at).is_some_and(TaskRow::is_blank);
            if replace {
                n.tasks.rows.remove(at);
            }
            for (k, task) in rows.into_iter().enumerate() {
                n.tasks.rows.insert(at + k, task);
            }
        });
    };
    let name = read(|t| t.name.clone());
    let description = read(|t| t.description.clone());
    // No line breaks in a name: Enter alone does nothing there (Ctrl+Enter
    // still inserts a row).
    let no_newline = |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" && !ev.ctrl_key() && !ev.meta_key() {
            ev.prevent_default();
        }
    };
    let number = row + 1;
    view! {
        <li class="task" on:keydown=on_key>
            <div class="task-head">
                <span class="serial" aria-hidden="true">{number}</span>
                <label class="task-label" for=Field::Task(row, TaskField::Name).dom_id()>"活动内容"</label>
                <span class="ops" role="group" aria-label=format!("第{number}行的操作")>
                    <button type="button" class="icon" title="在下方插入一行" aria-label=format!("在第{number}行下方插入一行")
                        on:click=move |_| insert_below()>"＋"</button>
                    <button type="button" class="icon" title="复制本行" aria-label=format!("复制第{number}行")
                        on:click=move |_| duplicate()>"⧉"</button>
                    <button type="button" class="icon" title="上移" aria-label=format!("上移第{number}行")
                        on:click=move |_| shift(-1)>"↑"</button>
                    <button type="button" class="icon" title="下移" aria-label=format!("下移第{number}行")
                        on:click=move |_| shift(1)>"↓"</button>
                    <button type="button" class="icon danger remove" title="删除" aria-label=format!("删除第{number}行")
                        on:click=move |_| remove()>"✕"</button>
                </span>
            </div>
            <textarea class="grow" id=Field::Task(row, TaskField::Name).dom_id() rows="1"
                on:focus=move |_| editing.set(Some(Field::Task(row, TaskField::Name)))
                on:blur=move |_| editing.set(None) aria-label=format!("第{number}行活动名称")
                placeholder="活动名称"
                prop:value=move || name.get()
                on:keydown=no_newline
                on:input=move |ev| { let v = event_target_value(&ev); write(&|t| t.name = v.clone()) }
                on:paste=on_paste></textarea>
            <textarea class="grow" id=Field::Task(row, TaskField::Description).dom_id() rows="1"
                on:focus=move |_| editing.set(Some(Field::Task(row, TaskField::Description)))
                on:blur=move |_| editing.set(None) aria-label=format!("第{number}行活动内容说明")
                placeholder="具体内容（可不填）"
                prop:value=move || description.get()
                on:input=move |ev| { let v = event_target_value(&ev); write(&|t| t.description = v.clone()) }></textarea>
            <div class="task-fields">
                {COLUMNS.iter().map(|&(key, label, get, set)| {
                    let value = read(get);
                    let field = Field::Task(row, key);
                    let id = field.dom_id();
                    let aria = format!("第{number}行{label}");
                    let on_input = move |ev: leptos::ev::Event| { let v = event_target_value(&ev); write(&|t| set(t, v.clone())) };
                    let input = if key == TaskField::Lead || key == TaskField::Support {
                        let normalise = key == TaskField::Support;
                        view! {
                            <input type="text" id=id.clone() aria-label=aria list="departments"
                                on:focus=move |_| editing.set(Some(field))
                                on:blur=move |_| editing.set(None)
                                prop:value=move || value.get()
                                on:input=on_input
                                on:change=move |ev| if normalise {
                                    let v = split_names(&event_target_value(&ev));
                                    write(&|t| t.support = v.clone());
                                } />
                        }.into_any()
                    } else {
                        view! {
                            <textarea class="grow" id=id.clone() rows="1" aria-label=aria
                                on:focus=move |_| editing.set(Some(field))
                                on:blur=move |_| editing.set(None)
                                on:keydown=no_newline
                                prop:value=move || value.get()
                                on:input=on_input></textarea>
                        }.into_any()
                    };
                    view! {
                        <div class="task-field">
                            <label for=id>{label}</label>
                            {input}
                        </div>
                    }
                }).collect_view()}
            </div>
        </li>
    }
}
