//! Step 6, 联系与附件: contacts (checked as typed), 附件说明 and the
//! attachments' own pages.

use crate::fields::{
    editing, lens, lines_lens, split_lines, AreaField, FieldId, ItemTools, TextField,
};
use leptos::prelude::*;
use notice_core::edit::{
    columns_from_text, columns_text, move_item, new_attachment_page, rows_from_text, rows_text,
};
use notice_core::validate::{email_problem, phone_problem};
use notice_core::{
    AttachmentField, AttachmentKind, AttachmentPage, Contact, ContactField, Field, Notice,
};

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
        <AttachmentPages notice />
    }
}

const KINDS: [(AttachmentKind, &str); 3] = [
    (AttachmentKind::Text, "text"),
    (AttachmentKind::Table, "table"),
    (AttachmentKind::List, "list"),
];

/// A lens over one text of attachment page `i`.
fn page_lens(
    notice: RwSignal<Notice>,
    i: usize,
    get: impl Fn(&AttachmentPage) -> String + Send + Sync + 'static,
    set: impl Fn(&mut AttachmentPage, String) + Send + Sync + 'static,
) -> (Signal<String>, Callback<String>) {
    lens(
        notice,
        move |n| n.attachment_pages.get(i).map(&get).unwrap_or_default(),
        move |n, v| {
            if let Some(page) = n.attachment_pages.get_mut(i) {
                set(page, v)
            }
        },
    )
}

/// The attachments' own pages (GB/T 9704 §8): each printed on a new page
/// after the body, 附件N on its first line and its name as its title.
#[component]
fn AttachmentPages(notice: RwSignal<Notice>) -> impl IntoView {
    let count = Memo::new(move |_| notice.with(|n| n.attachment_pages.len()));
    let editing = editing();
    view! {
        <h3>"附件页"</h3>
        <p class="intro">"附件随正文印发时，每个附件另起一页，排在正文之后、版记之前；名称须与附件说明中的一致。"</p>
        <ol class="blocks">
            <For each=move || 0..count.get() key=|i| *i let:i>
                {
                    let (name, set_name) = page_lens(notice, i, |p| p.name.clone(), |p, v| p.name = v);
                    let kind = Memo::new(move |_| notice.with(|n| n.attachment_pages.get(i).map(|p| p.kind).unwrap_or_default()));
                    let kind_field = Field::Attachment(i, AttachmentField::Kind);
                    let (paragraphs, set_paragraphs) = page_lens(notice, i,
                        |p| p.paragraphs.join("\n"), |p, v| p.paragraphs = split_lines(&v));
                    let (items, set_items) = page_lens(notice, i,
                        |p| p.items.join("\n"), |p, v| p.items = split_lines(&v));
                    let (columns, set_columns) = page_lens(notice, i,
                        |p| columns_text(&p.columns), |p, v| p.columns = columns_from_text(&v));
                    let (rows, set_rows) = page_lens(notice, i,
                        |p| rows_text(&p.rows), |p, v| p.rows = rows_from_text(&v));
                    let (above, set_above) = page_lens(notice, i,
                        |p| p.above.join("\n"), |p, v| p.above = split_lines(&v));
                    let (below, set_below) = page_lens(notice, i,
                        |p| p.below.join("\n"), |p, v| p.below = split_lines(&v));
                    view! {
                        <li class="block attachment-page">
                            <TextField field=Field::Attachment(i, AttachmentField::Name) label="附件名称（即附件页的标题）"
                                placeholder="2021年“质量月”活动信息报送表" value=name on_input=set_name />
                            <div class="field narrow">
                                <label for=kind_field.dom_id()>"内容"</label>
                                <select id=kind_field.dom_id()
                                    on:focus=move |_| editing.set(Some(kind_field))
                                    on:blur=move |_| editing.set(None)
                                    prop:value=move || KINDS.iter().find(|k| k.0 == kind.get()).map_or("text", |k| k.1)
                                    on:change=move |ev| {
                                        let value = event_target_value(&ev);
                                        if let Some(&(k, _)) = KINDS.iter().find(|k| k.1 == value) {
                                            notice.update(|n| if let Some(p) = n.attachment_pages.get_mut(i) { p.kind = k });
                                        }
                                    }>
                                    {KINDS.map(|(k, key)| view! { <option value=key>{k.label()}</option> }).collect_view()}
                                </select>
                            </div>
                            {move || match kind.get() {
                                AttachmentKind::Text => view! {
                                    <AreaField field=Field::Attachment(i, AttachmentField::Paragraphs)
                                        label="段落（每行一段）" rows=6
                                        hint="以“一、”开头的段落排黑体，以“（一）”开头的排楷体，与正文标题相同。"
                                        value=paragraphs on_input=set_paragraphs />
                                }.into_any(),
                                AttachmentKind::List => view! {
                                    <AreaField field=Field::Attachment(i, AttachmentField::Items)
                                        label="条目（每行一条）" rows=6
                                        hint="自动编号为 1. 2. 3.；已带编号的条目保持原样。"
                                        value=items on_input=set_items />
                                }.into_any(),
                                AttachmentKind::Table => view! {
                                    <AreaField field=Field::Attachment(i, AttachmentField::Above)
                                        label="表格上方的文字（可不填，每行一行）" rows=1
                                        hint="如“填报单位（盖章）：　　填报日期：”。"
                                        value=above on_input=set_above />
                                    <TextField field=Field::Attachment(i, AttachmentField::Columns)
                                        label="表头（各列用“、”分隔）" placeholder="序号、单位、联系人、电话"
                                        value=columns on_input=set_columns />
                                    <AreaField field=Field::Attachment(i, AttachmentField::Rows)
                                        label="表格内容（每行一行，单元格用 | 分隔，可从 Excel 粘贴）" rows=6
                                        hint="“序号”列留空时自动编号；空行导出为待填写的空白行。"
                                        value=rows on_input=set_rows />
                                    <AreaField field=Field::Attachment(i, AttachmentField::Below)
                                        label="表格下方的文字（可不填，每行一行）" rows=1
                                        hint="如“注：请于9月5日前报送。”。"
                                        value=below on_input=set_below />
                                }.into_any(),
                            }}
                            <ItemTools name=Signal::derive(move || format!("第{}个附件页", i + 1))
                                on_up=Callback::new(move |_| notice.update(|n| { move_item(&mut n.attachment_pages, i, -1); }))
                                on_down=Callback::new(move |_| notice.update(|n| { move_item(&mut n.attachment_pages, i, 1); }))
                                on_remove=Callback::new(move |_| notice.update(|n| { if i < n.attachment_pages.len() { n.attachment_pages.remove(i); } })) />
                        </li>
                    }
                }
            </For>
        </ol>
        <button type="button" id=Field::AddAttachment.dom_id()
            on:click=move |_| notice.update(|n| {
                let page = new_attachment_page(n);
                n.attachment_pages.push(page);
            })>"＋ 添加附件页"</button>
    }
}
