//! Labelled inputs. Each takes its value as a signal and reports edits
//! through a callback, so a step states only which part of the notice a
//! field edits (see [`lens`]). User text is always set as a property or a
//! text node, never as HTML.

use leptos::prelude::*;
use notice_core::{
    AttachmentField, ContactField, Field, Notice, RequirementField, SectionField, TaskField,
};

/// A field's element id in the editor: what labels, focus and the tests
/// find it by.
pub trait FieldId {
    fn dom_id(self) -> String;
}

impl FieldId for Field {
    fn dom_id(self) -> String {
        let fixed = match self {
            Field::Organs => "organ-0",
            Field::WithWenjian => "with-wenjian",
            Field::HeaderForm => "header-form",
            Field::DocNumber => "doc-number",
            Field::CopyNumber => "copy-number",
            Field::Secrecy => "secrecy",
            Field::Urgency => "urgency",
            Field::Signers => "signers",
            Field::CampaignName => "campaign-name",
            Field::CampaignYear => "campaign-year",
            Field::Title => "title",
            Field::Recipients => "recipients",
            Field::CoverBody => "cover-body",
            Field::PlanTitle => "plan-title",
            Field::AddSection => "add-section",
            Field::LeadLabel => "lead-label",
            Field::SupportLabel => "support-label",
            Field::Attachments => "attachments",
            Field::AddAttachment => "add-attachment",
            Field::SignatureOrgans => "signature-organs",
            Field::ProxyNote => "proxy-note",
            Field::Sealed => "sealed",
            Field::SignatureDate => "signature-date",
            Field::Note => "note",
            Field::ImprintCc => "imprint-cc",
            Field::ImprintPrinter => "imprint-printer",
            Field::ImprintDate => "imprint-date",
            Field::Section(id, part) => {
                // One format for every part: each `format!` is code of its own.
                let (name, index, tail) = match part {
                    SectionField::Heading => ("heading", None, ""),
                    SectionField::Text => ("text", None, ""),
                    SectionField::Block(i) => ("block", Some(i), ""),
                    SectionField::BlockLevel(i) => ("block", Some(i), "-level"),
                    SectionField::Theme => ("theme", None, ""),
                    SectionField::ThemePreset => ("theme-preset", None, ""),
                    SectionField::Time => ("time", None, ""),
                    SectionField::Intro => ("intro", None, ""),
                    SectionField::Department(i) => ("dept", Some(i), ""),
                    SectionField::Activities(i) => ("dept", Some(i), "-activities"),
                    SectionField::Deadline => ("deadline", None, ""),
                    SectionField::What => ("what", None, ""),
                    SectionField::To => ("to", None, ""),
                    SectionField::Extra => ("extra", None, ""),
                };
                let index = index.map(|i| format!("-{i}")).unwrap_or_default();
                return format!("section-{id}-{name}{index}{tail}");
            }
            Field::Task(row, part) => {
                let part = match part {
                    TaskField::Name => "name",
                    TaskField::Description => "description",
                    TaskField::Time => "time",
                    TaskField::Place => "place",
                    TaskField::Lead => "lead",
                    TaskField::Support => "support",
                };
                return format!("task-{row}-{part}");
            }
            Field::Requirement(i, part) => {
                let part = match part {
                    RequirementField::Lead => "lead",
                    RequirementField::Text => "text",
                };
                return format!("requirement-{i}-{part}");
            }
            Field::Attachment(i, part) => {
                let part = match part {
                    AttachmentField::Name => "name",
                    AttachmentField::Kind => "kind",
                    AttachmentField::Paragraphs => "paragraphs",
                    AttachmentField::Items => "items",
                    AttachmentField::Columns => "columns",
                    AttachmentField::Rows => "rows",
                    AttachmentField::Above => "above",
                    AttachmentField::Below => "below",
                };
                return format!("attachment-{i}-{part}");
            }
            Field::Contact(i, part) => {
                let part = match part {
                    ContactField::Name => "name",
                    ContactField::Phone => "phone",
                    ContactField::Email => "email",
                    ContactField::Fax => "fax",
                };
                return format!("contact-{i}-{part}");
            }
        };
        fixed.to_owned()
    }
}

/// The field being edited (the app provides it): the preview highlights
/// what the field's group makes on the page.
#[derive(Clone, Copy)]
pub struct Editing(pub RwSignal<Option<Field>>);

pub fn editing() -> RwSignal<Option<Field>> {
    use_context::<Editing>().map_or_else(|| RwSignal::new(None), |e| e.0)
}

/// A read/write view of one text in the notice.
pub fn lens(
    notice: RwSignal<Notice>,
    get: impl Fn(&Notice) -> String + Send + Sync + 'static,
    set: impl Fn(&mut Notice, String) + Send + Sync + 'static,
) -> (Signal<String>, Callback<String>) {
    (
        Signal::derive(move || notice.with(&get)),
        Callback::new(move |value: String| notice.update(|n| set(n, value))),
    )
}

/// A lens over a list edited one item per line. Blank lines are kept while
/// typing (dropping them would undo an Enter as it is typed); the composer
/// skips them.
pub fn lines_lens(
    notice: RwSignal<Notice>,
    get: impl Fn(&Notice) -> &Vec<String> + Send + Sync + 'static,
    set: impl Fn(&mut Notice) -> &mut Vec<String> + Send + Sync + 'static,
) -> (Signal<String>, Callback<String>) {
    lens(
        notice,
        move |n| get(n).join("\n"),
        move |n, v| *set(n) = split_lines(&v),
    )
}

/// Splits a textarea's text into lines, keeping blank ones.
pub fn split_lines(text: &str) -> Vec<String> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split('\n').map(str::to_owned).collect()
    }
}

/// Proofreading findings as (field, text, is error), recomputed when the
/// user pauses (see the app); each field shows its own.
#[derive(Clone, Copy)]
pub struct FieldMarks(pub RwSignal<Vec<(Field, String, bool)>>);

/// The proofreading findings of one field.
#[component]
pub fn Marks(field: Field) -> impl IntoView {
    let marks = use_context::<FieldMarks>();
    move || {
        marks.map(|m| {
            m.0.with(|all| {
                all.iter()
                    .filter(|(f, _, _)| *f == field)
                    .map(|(_, text, error)| {
                        view! { <p class="proof-mark" class:error=*error>{text.clone()}</p> }
                    })
                    .collect_view()
            })
        })
    }
}

/// A one-line text field with an optional hint and message.
#[component]
pub fn TextField(
    field: Field,
    label: &'static str,
    value: Signal<String>,
    on_input: Callback<String>,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(optional, into)] message: Option<Signal<Option<String>>>,
    #[prop(optional)] list: &'static str,
    #[prop(optional)] on_change: Option<Callback<String>>,
) -> impl IntoView {
    let id = field.dom_id();
    let message_id = format!("{id}-message");
    let editing = editing();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                on:focus=move |_| editing.set(Some(field))
                on:blur=move |_| editing.set(None)
                type="text"
                placeholder=placeholder
                list=(!list.is_empty()).then_some(list)
                aria-describedby=message_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:change=move |ev| {
                    if let Some(on_change) = on_change {
                        on_change.run(event_target_value(&ev));
                    }
                }
            />
            {(!hint.is_empty()).then(|| view! { <p class="hint">{hint}</p> })}
            <Marks field />
            // No text at all when there is no message: `.message:empty` hides it
            // (an empty text, written as HTML in the first frame, is a space).
            <p class="message" id=message_id role="alert">
                {move || message.and_then(|m| m.get())}
            </p>
        </div>
    }
}

/// A multi-line field.
#[component]
pub fn AreaField(
    field: Field,
    label: &'static str,
    value: Signal<String>,
    on_input: Callback<String>,
    #[prop(optional)] rows: u32,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let id = field.dom_id();
    let editing = editing();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                on:focus=move |_| editing.set(Some(field))
                on:blur=move |_| editing.set(None)
                rows=if rows == 0 { 3 } else { rows }
                placeholder=placeholder
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            ></textarea>
            {(!hint.is_empty()).then(|| view! { <p class="hint">{hint}</p> })}
            <Marks field />
        </div>
    }
}

/// A date: the browser's date picker, with the date written out as the
/// document will show it.
#[component]
pub fn DateField(
    field: Field,
    label: &'static str,
    value: Signal<Option<notice_core::DocDate>>,
    on_input: Callback<Option<notice_core::DocDate>>,
) -> impl IntoView {
    let id = field.dom_id();
    let editing = editing();
    view! {
        <div class="field narrow">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                on:focus=move |_| editing.set(Some(field))
                on:blur=move |_| editing.set(None)
                type="date"
                min="1949-10-01"
                max="2999-12-31"
                prop:value=move || value.get().map(|d| d.to_iso()).unwrap_or_default()
                on:input=move |ev| on_input.run(notice_core::DocDate::from_iso(&event_target_value(&ev)))
            />
            <p class="hint">{move || value.get().map(|d| d.to_string()).unwrap_or_default()}</p>
        </div>
    }
}

/// A checkbox.
#[component]
pub fn CheckField(
    field: Field,
    label: &'static str,
    value: Signal<bool>,
    on_input: Callback<bool>,
) -> impl IntoView {
    let id = field.dom_id();
    let editing = editing();
    view! {
        <div class="field check">
            <input
                id=id.clone()
                on:focus=move |_| editing.set(Some(field))
                on:blur=move |_| editing.set(None)
                type="checkbox"
                prop:checked=move || value.get()
                on:change=move |ev| on_input.run(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
        </div>
    }
}

/// Small buttons to move, add and remove an item of a list.
#[component]
pub fn ItemTools(
    /// What the item is called in button labels, e.g. 第3项.
    #[prop(into)]
    name: Signal<String>,
    on_up: Callback<()>,
    on_down: Callback<()>,
    on_remove: Callback<()>,
) -> impl IntoView {
    view! {
        <span class="tools">
            <button type="button" class="icon" aria-label=move || format!("上移{}", name.get()) title="上移"
                on:click=move |_| on_up.run(())>"↑"</button>
            <button type="button" class="icon" aria-label=move || format!("下移{}", name.get()) title="下移"
                on:click=move |_| on_down.run(())>"↓"</button>
            <button type="button" class="icon danger" aria-label=move || format!("删除{}", name.get()) title="删除"
                on:click=move |_| on_remove.run(())>"✕"</button>
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_have_the_editor_ids() {
        for (field, id) in [
            (Field::Organs, "organ-0"),
            (Field::Title, "title"),
            (
                Field::Section(3, SectionField::Block(2)),
                "section-3-block-2",
            ),
            (
                Field::Section(3, SectionField::BlockLevel(2)),
                "section-3-block-2-level",
            ),
            (
                Field::Section(2, SectionField::Activities(1)),
                "section-2-dept-1-activities",
            ),
            (
                Field::Section(2, SectionField::Department(1)),
                "section-2-dept-1",
            ),
            (
                Field::Section(4, SectionField::ThemePreset),
                "section-4-theme-preset",
            ),
            (Field::Task(3, TaskField::Name), "task-3-name"),
            (
                Field::Requirement(1, RequirementField::Text),
                "requirement-1-text",
            ),
            (Field::Contact(0, ContactField::Phone), "contact-0-phone"),
            (Field::ImprintDate, "imprint-date"),
        ] {
            assert_eq!(field.dom_id(), id);
        }
    }

    /// The editor's ids are made here alone: the core's sources write none
    /// of them, nor the start of a numbered one (`"task-`), as a string.
    #[test]
    fn the_core_writes_no_editor_id() {
        let fields = [
            Field::Organs,
            Field::WithWenjian,
            Field::HeaderForm,
            Field::DocNumber,
            Field::CopyNumber,
            Field::CampaignName,
            Field::CampaignYear,
            Field::CoverBody,
            Field::PlanTitle,
            Field::AddSection,
            Field::LeadLabel,
            Field::SupportLabel,
            Field::AddAttachment,
            Field::SignatureOrgans,
            Field::ProxyNote,
            Field::SignatureDate,
            Field::ImprintCc,
            Field::ImprintPrinter,
            Field::ImprintDate,
            Field::Section(1, SectionField::Text),
            Field::Task(1, TaskField::Name),
            Field::Requirement(1, RequirementField::Text),
            Field::Attachment(1, AttachmentField::Name),
            Field::Contact(1, ContactField::Name),
        ];
        // A numbered id by its stem ("task-"); a fixed one whole. One-word
        // ids ("title") are also the draft format's keys, so not sought.
        let sought: Vec<String> = fields
            .iter()
            .map(|f| f.dom_id())
            .map(|id| match id.find(|c: char| c.is_ascii_digit()) {
                Some(at) => format!("\"{}", &id[..at]),
                None => format!("\"{id}\""),
            })
            .collect();
        let core = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/src");
        let mut dirs = vec![core];
        let mut read = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    read += 1;
                    for id in &sought {
                        assert!(
                            !text.contains(id.as_str()),
                            "{} writes the editor id {id}",
                            path.display()
                        );
                    }
                }
            }
        }
        assert!(read > 10, "the core's sources not found ({read} files)");
    }
}
