//! Step 6, 联系与附件: contacts (checked as typed) and 附件说明.

use crate::fields::{lens, lines_lens, AreaField, ItemTools, TextField};
use leptos::prelude::*;
use notice_core::edit::move_item;
use notice_core::validate::{email_problem, phone_problem};
use notice_core::{Contact, ContactField, Field, Notice};

type Getter = fn(&Contact) -> String;
type Setter = fn(&mut Contact, String);
type Check = fn(&str) -> Option<String>;

const FIELDS: [(ContactField, &str, &str, Getter, Setter, Check); 4] = [
    (
        ContactField::Name,
        "联系人",
        "张三",
        |c| c.name.clone(),
        |c, v| c.name = v,
        |_| None,
    ),
    (
        ContactField::Phone,
        "电话",
        "0557-8021234",
        |c| c.phone.clone(),
        |c, v| c.phone = v,
        phone_problem,
    ),
    (
        ContactField::Email,
        "电子邮箱",
        "zlg@example.cn",
        |c| c.email.clone(),
        |c, v| c.email = v,
        email_problem,
    ),
    (
        ContactField::Fax,
        "传真",
        "",
        |c| c.fax.clone(),
        |c, v| c.fax = v,
        phone_problem,
    ),
];

#[component]
pub fn ContactsStep(notice: RwSignal<Notice>) -> impl IntoView {
    let count = Memo::new(move |_| notice.with(|n| n.contacts.len()));
    let (attachments, set_attachments) =
        lines_lens(notice, |n| &n.attachments, |n| &mut n.attachments);
    view! {
        <h2>"联系人与附件"</h2>
        <p class="intro">"联系人排在正文末尾，如“联系人：张三，电话：……”。"</p>
        <ol class="blocks">
            <For each=move || 0..count.get() key=|i| *i let:i>
                <li class="block contact">
                    {FIELDS.iter().map(|&(key, label, placeholder, get, set, check)| {
                        let (value, on_input) = lens(notice,
                            move |n| n.contacts.get(i).map(get).unwrap_or_default(),
                            move |n, v| if let Some(c) = n.contacts.get_mut(i) { set(c, v) });
                        let message = Signal::derive(move || check(&value.get()));
                        view! { <TextField field=Field::Contact(i, key) label placeholder value on_input message /> }
                    }).collect_view()}
                    <ItemTools name=Signal::derive(move || format!("第{}位联系人", i + 1))
                        on_up=Callback::new(move |_| notice.update(|n| { move_item(&mut n.contacts, i, -1); }))
                        on_down=Callback::new(move |_| notice.update(|n| { move_item(&mut n.contacts, i, 1); }))
                        on_remove=Callback::new(move |_| notice.update(|n| { if i < n.contacts.len() { n.contacts.remove(i); } })) />
                </li>
            </For>
        </ol>
        <button type="button" id="add-contact"
            on:click=move |_| notice.update(|n| n.contacts.push(Contact::default()))>"＋ 添加联系人"</button>
        <AreaField field=Field::Attachments label="附件说明（每行一个附件名称）" rows=3
            hint="导出为“附件：1. 名称”，名称后不加标点。"
            value=attachments on_input=set_attachments />
    }
}
