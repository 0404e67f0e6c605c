//! Step 3, 正文: the ordered sections, each added, renamed, moved, removed
//! and edited by kind.

use crate::fields::{
    editing, lens, split_lines, AreaField, DateField, FieldId, ItemTools, TextField,
};
use leptos::prelude::*;
use notice_core::edit::{cited_numbers, move_item, new_section};
use notice_core::model::{DepartmentActivities, Level, TextBlock};
use notice_core::themes::national_theme;
use notice_core::validate::Step;
use notice_core::{Field, Notice, Section, SectionContent, SectionField, SectionKind};

/// Reads a section by id.
fn read<T: Default>(notice: &Notice, id: u32, f: impl FnOnce(&Section) -> T) -> T {
    notice
        .sections
        .iter()
        .find(|s| s.id == id)
        .map(f)
        .unwrap_or_default()
}

/// Changes a section by id (nothing when it is gone).
fn write(notice: RwSignal<Notice>, id: u32, f: impl FnOnce(&mut Section)) {
    notice.update(|n| {
        if let Some(section) = n.sections.iter_mut().find(|s| s.id == id) {
            f(section);
        }
    });
}

/// A text inside a section's content, as a field lens.
fn content_lens(
    notice: RwSignal<Notice>,
    id: u32,
    get: fn(&SectionContent) -> String,
    set: fn(&mut SectionContent, String),
) -> (Signal<String>, Callback<String>) {
    lens(
        notice,
        move |n| read(n, id, |s| get(&s.content)),
        move |n, v| {
            if let Some(s) = n.sections.iter_mut().find(|s| s.id == id) {
                set(&mut s.content, v);
            }
        },
    )
}

#[component]
pub fn BodyStep(notice: RwSignal<Notice>) -> impl IntoView {
    let ids =
        Memo::new(move |_| notice.with(|n| n.sections.iter().map(|s| s.id).collect::<Vec<_>>()));
    let kind = RwSignal::new(SectionKind::Text);
    let add = move |_| {
        notice.update(|n| {
            let section = new_section(n, kind.get_untracked());
            n.sections.push(section);
        })
    };
    view! {
        <h2>"正文"</h2>
        <p class="intro">"正文由若干部分组成，导出时有标题的部分自动编号“一、二、三……”。"</p>
        <Show when=move || ids.with(Vec::is_empty)>
            <p class="empty">"正文还没有内容。可以一次加入常用的几部分："
                <button type="button" id="starter-sections"
                    on:click=move |_| notice.update(notice_core::edit::starter_sections)>"加入常用结构"</button>
            </p>
        </Show>
        <ol class="sections">
            <For each=move || ids.get() key=|id| *id let:id>
                <SectionCard notice id />
            </For>
        </ol>
        <div class="add-row">
            <label for="section-kind">"添加部分："</label>
            <select id="section-kind" on:change=move |ev| {
                if let Some(k) = SectionKind::from_tag(&event_target_value(&ev)) {
                    kind.set(k)
                }
            }>
                {SectionKind::ALL.map(|k| view! {
                    <option value=k.tag() selected=k == SectionKind::Text>{k.choice()}</option>
                }).collect_view()}
            </select>
            <button type="button" id=Field::AddSection.dom_id() on:click=add>"添加"</button>
        </div>
    }
}

#[component]
fn SectionCard(notice: RwSignal<Notice>, id: u32) -> impl IntoView {
    let label = notice.with_untracked(|n| read(n, id, |s| s.content.kind_label()));
    let is_preamble = notice.with_untracked(|n| {
        read(n, id, |s| {
            matches!(s.content, SectionContent::Preamble { .. })
        })
    });
    let position = Signal::derive(move || {
        notice.with(|n| n.sections.iter().position(|s| s.id == id).unwrap_or(0))
    });
    let (heading, set_heading) = lens(
        notice,
        move |n| read(n, id, |s| s.heading.clone()),
        move |n, v| {
            if let Some(s) = n.sections.iter_mut().find(|s| s.id == id) {
                s.heading = v;
            }
        },
    );
    let shift = move |delta: isize| {
        notice.update(|n| {
            if let Some(i) = n.sections.iter().position(|s| s.id == id) {
                move_item(&mut n.sections, i, delta);
            }
        })
    };
    let remove = move |_| notice.update(|n| n.sections.retain(|s| s.id != id));
    let editor = notice.with_untracked(|n| read(n, id, |s| Some(s.content.kind())));
    view! {
        <li class="section-card">
            <div class="section-head">
                <span class="kind">{label}</span>
                <ItemTools name=Signal::derive(move || format!("第{}部分", position.get() + 1))
                    on_up=Callback::new(move |_| shift(-1))
                    on_down=Callback::new(move |_| shift(1))
                    on_remove=Callback::new(remove) />
            </div>
            {(!is_preamble).then(|| view! {
                <TextField field=Field::Section(id, SectionField::Heading) label="标题（不含序号）"
                    value=heading on_input=set_heading />
            })}
            {match editor {
                Some(SectionKind::Preamble) => view! { <PreambleEditor notice id /> }.into_any(),
                Some(SectionKind::Theme) => view! { <ThemeEditor notice id /> }.into_any(),
                Some(SectionKind::Time) => {
                    let (value, set) = content_lens(notice, id,
                        |c| if let SectionContent::Time { text } = c { text.clone() } else { String::new() },
                        |c, v| if let SectionContent::Time { text } = c { *text = v });
                    view! { <TextField field=Field::Section(id, SectionField::Time) label="活动时间" placeholder="2021年9月"
                        value on_input=set /> }.into_any()
                }
                Some(SectionKind::Tasks) => view! { <TasksNote notice id /> }.into_any(),
                Some(SectionKind::ByDepartment) => view! { <DepartmentsEditor notice id /> }.into_any(),
                Some(SectionKind::Requirements) => view! { <GoTo step=Step::Requirements text="活动要求的各项内容在“活动要求”步骤填写。" /> }.into_any(),
                Some(SectionKind::Summary) => view! { <SummaryEditor notice id /> }.into_any(),
                Some(SectionKind::Text) | None => view! { <TextBlocksEditor notice id /> }.into_any(),
            }}
        </li>
    }
}

/// A link to another step.
#[component]
pub fn GoTo(step: Step, text: &'static str) -> impl IntoView {
    let current = use_context::<RwSignal<Step>>();
    view! {
        <p class="hint">{text}
            <button type="button" class="link" on:click=move |_| {
                if let Some(current) = current { current.set(step) }
            }>{format!("前往“{}”", step.label())}</button>
        </p>
    }
}

#[component]
fn PreambleEditor(notice: RwSignal<Notice>, id: u32) -> impl IntoView {
    let (value, set) = content_lens(
        notice,
        id,
        |c| {
            if let SectionContent::Preamble { paragraphs } = c {
                paragraphs.join("\n")
            } else {
                String::new()
            }
        },
        |c, v| {
            if let SectionContent::Preamble { paragraphs } = c {
                *paragraphs = split_lines(&v)
            }
        },
    );
    let cited = Signal::derive(move || cited_numbers(&value.get()));
    view! {
        <AreaField field=Field::Section(id, SectionField::Text) label="开头段落（每行一段）" rows=4
            placeholder="为……，按照《……》（国市监质〔2021〕51号）部署，特制定本方案。"
            value on_input=set />
        <Show when=move || !cited.with(Vec::is_empty)>
            <p class="hint cited">"引用的文件："
                {move || cited.get().join("、")}
                "（次年沿用时需更新为新的依据文件）"</p>
        </Show>
    }
}

#[component]
fn ThemeEditor(notice: RwSignal<Notice>, id: u32) -> impl IntoView {
    let editing = editing();
    let (value, set) = content_lens(
        notice,
        id,
        |c| {
            if let SectionContent::Theme { theme } = c {
                theme.clone()
            } else {
                String::new()
            }
        },
        |c, v| {
            if let SectionContent::Theme { theme } = c {
                *theme = v
            }
        },
    );
    let preset = Signal::derive(move || notice.with(|n| n.year()).and_then(national_theme));
    view! {
        <TextField field=Field::Section(id, SectionField::Theme) label="活动主题" value on_input=set />
        {move || preset.get().map(|theme| view! {
            <p class="hint">
                {format!("{}年全国“质量月”主题：{}", theme.year, theme.theme)}
                <button type="button" class="link" id=Field::Section(id, SectionField::ThemePreset).dom_id()
                    on:focus=move |_| editing.set(Some(Field::Section(id, SectionField::ThemePreset)))
                    on:blur=move |_| editing.set(None)
                    on:click=move |_| set.run(theme.theme.to_owned())>"使用此主题"</button>
                <br /><span class="source">{format!("来源：{}", theme.source)}</span>
            </p>
        })}
    }
}

#[component]
fn TasksNote(notice: RwSignal<Notice>, id: u32) -> impl IntoView {
    let (value, set) = content_lens(
        notice,
        id,
        |c| {
            if let SectionContent::Tasks { intro } = c {
                intro.clone()
            } else {
                String::new()
            }
        },
        |c, v| {
            if let SectionContent::Tasks { intro } = c {
                *intro = v
            }
        },
    );
    let count = Signal::derive(move || {
        notice.with(|n| n.tasks.rows.iter().filter(|t| !t.is_blank()).count())
    });
    view! {
        <AreaField field=Field::Section(id, SectionField::Intro) label="引言（可不填）" rows=2 value on_input=set />
        <p class="hint">{move || format!("本部分列出活动安排，共{}项。", count.get())}</p>
        <GoTo step=Step::Tasks text="活动在“活动安排”步骤逐项填写。" />
    }
}

#[component]
fn TextBlocksEditor(notice: RwSignal<Notice>, id: u32) -> impl IntoView {
    let editing = editing();
    let count = Memo::new(move |_| {
        notice.with(|n| {
            read(n, id, |s| match &s.content {
                SectionContent::Text { blocks } => blocks.len(),
                _ => 0,
            })
        })
    });
    let blocks_mut = move |f: &dyn Fn(&mut Vec<TextBlock>)| {
        write(notice, id, |s| {
            if let SectionContent::Text { blocks } = &mut s.content {
                f(blocks)
            }
        })
    };
    let add = move |_| blocks_mut(&|b| b.push(TextBlock::default()));
    view! {
        <ol class="blocks">
            <For each=move || 0..count.get() key=|i| *i let:i>
                {
                    let get = move |n: &Notice| read(n, id, |s| match &s.content {
                        SectionContent::Text { blocks } => blocks.get(i).cloned(),
                        _ => None,
                    });
                    let level = Signal::derive(move || notice.with(|n| get(n).map(|b| b.level).unwrap_or_default()));
                    let text = Signal::derive(move || notice.with(|n| get(n).map(|b| b.text).unwrap_or_default()));
                    let set_block = move |f: &dyn Fn(&mut TextBlock)| blocks_mut(&|b| { if let Some(block) = b.get_mut(i) { f(block) } });
                    view! {
                        <li class="block">
                            <select id=Field::Section(id, SectionField::BlockLevel(i)).dom_id()
                                on:focus=move |_| editing.set(Some(Field::Section(id, SectionField::BlockLevel(i))))
                                on:blur=move |_| editing.set(None)
                                aria-label=format!("第{}段的级别", i + 1)
                                prop:value=move || level_key(level.get())
                                on:change=move |ev| { let l = level_from(&event_target_value(&ev)); set_block(&|b| b.level = l) }>
                                <option value="body">"正文段落"</option>
                                <option value="second">"二级标题（一）"</option>
                                <option value="third">"三级标题 1."</option>
                                <option value="fourth">"四级标题（1）"</option>
                            </select>
                            <textarea id=Field::Section(id, SectionField::Block(i)).dom_id() rows="3"
                                on:focus=move |_| editing.set(Some(Field::Section(id, SectionField::Block(i))))
                                on:blur=move |_| editing.set(None) aria-label=format!("第{}段", i + 1)
                                prop:value=move || text.get()
                                on:input=move |ev| { let v = event_target_value(&ev); set_block(&|b| b.text = v.clone()) }></textarea>
                            <ItemTools name=Signal::derive(move || format!("第{}段", i + 1))
                                on_up=Callback::new(move |_| blocks_mut(&|b| { move_item(b, i, -1); }))
                                on_down=Callback::new(move |_| blocks_mut(&|b| { move_item(b, i, 1); }))
                                on_remove=Callback::new(move |_| blocks_mut(&|b| { if i < b.len() { b.remove(i); } })) />
                        </li>
                    }
                }
            </For>
        </ol>
        <button type="button" id=format!("section-{id}-add-block") on:click=add>"＋ 添加段落"</button>
    }
}

fn level_key(level: Level) -> &'static str {
    match level {
        Level::Body => "body",
        Level::Second => "second",
        Level::Third => "third",
        Level::Fourth => "fourth",
    }
}

fn level_from(key: &str) -> Level {
    match key {
        "second" => Level::Second,
        "third" => Level::Third,
        "fourth" => Level::Fourth,
        _ => Level::Body,
    }
}

#[component]
fn DepartmentsEditor(notice: RwSignal<Notice>, id: u32) -> impl IntoView {
    let count = Memo::new(move |_| {
        notice.with(|n| {
            read(n, id, |s| match &s.content {
                SectionContent::ByDepartment { groups } => groups.len(),
                _ => 0,
            })
        })
    });
    let groups_mut = move |f: &dyn Fn(&mut Vec<DepartmentActivities>)| {
        write(notice, id, |s| {
            if let SectionContent::ByDepartment { groups } = &mut s.content {
                f(groups)
            }
        })
    };
    view! {
        <ol class="blocks">
            <For each=move || 0..count.get() key=|i| *i let:i>
                {
                    let get = move |n: &Notice| read(n, id, |s| match &s.content {
                        SectionContent::ByDepartment { groups } => groups.get(i).cloned(),
                        _ => None,
                    });
                    let (dept, set_dept) = lens(notice,
                        move |n| get(n).map(|g| g.department).unwrap_or_default(),
                        move |n, v| if let Some(s) = n.sections.iter_mut().find(|s| s.id == id) {
                            if let SectionContent::ByDepartment { groups } = &mut s.content {
                                if let Some(g) = groups.get_mut(i) { g.department = v }
                            }
                        });
                    let (acts, set_acts) = lens(notice,
                        move |n| get(n).map(|g| g.activities.join("\n")).unwrap_or_default(),
                        move |n, v| if let Some(s) = n.sections.iter_mut().find(|s| s.id == id) {
                            if let SectionContent::ByDepartment { groups } = &mut s.content {
                                if let Some(g) = groups.get_mut(i) { g.activities = split_lines(&v) }
                            }
                        });
                    view! {
                        <li class="block">
                            <TextField field=Field::Section(id, SectionField::Department(i)) label="部门" value=dept on_input=set_dept list="departments" />
                            <AreaField field=Field::Section(id, SectionField::Activities(i)) label="活动（每行一项）" rows=3 value=acts on_input=set_acts />
                            <ItemTools name=Signal::derive(move || format!("第{}个部门", i + 1))
                                on_up=Callback::new(move |_| groups_mut(&|g| { move_item(g, i, -1); }))
                                on_down=Callback::new(move |_| groups_mut(&|g| { move_item(g, i, 1); }))
                                on_remove=Callback::new(move |_| groups_mut(&|g| { if i < g.len() { g.remove(i); } })) />
                        </li>
                    }
                }
            </For>
        </ol>
        <button type="button" id=format!("section-{id}-add-dept")
            on:click=move |_| groups_mut(&|g| g.push(DepartmentActivities::default()))>"＋ 添加部门"</button>
    }
}

#[component]
fn SummaryEditor(notice: RwSignal<Notice>, id: u32) -> impl IntoView {
    let summary = move |n: &Notice| {
        read(n, id, |s| match &s.content {
            SectionContent::Summary(summary) => Some(summary.clone()),
            _ => None,
        })
        .unwrap_or_default()
    };
    let edit = move |f: &dyn Fn(&mut notice_core::Summary)| {
        write(notice, id, |s| {
            if let SectionContent::Summary(summary) = &mut s.content {
                f(summary)
            }
        })
    };
    let what = Signal::derive(move || notice.with(|n| summary(n).what));
    let to = Signal::derive(move || notice.with(|n| summary(n).to));
    let extra = Signal::derive(move || notice.with(|n| summary(n).extra));
    let deadline = Signal::derive(move || notice.with(|n| summary(n).deadline));
    let sentence = Signal::derive(move || {
        notice.with(|n| notice_core::compose::summary_sentence(&summary(n)))
    });
    view! {
        <DateField field=Field::Section(id, SectionField::Deadline) label="报送截止日期" value=deadline
            on_input=Callback::new(move |d| edit(&|s| s.deadline = d)) />
        <TextField field=Field::Section(id, SectionField::What) label="报送什么" placeholder="“质量月”活动总结（电子档并附2张以上图片）"
            value=what on_input=Callback::new(move |v: String| edit(&|s| s.what = v.clone())) />
        <TextField field=Field::Section(id, SectionField::To) label="报送给谁" placeholder="质量股（邮箱：……）"
            value=to on_input=Callback::new(move |v: String| edit(&|s| s.to = v.clone())) />
        <AreaField field=Field::Section(id, SectionField::Extra) label="补充说明" rows=2
            value=extra on_input=Callback::new(move |v: String| edit(&|s| s.extra = v.clone())) />
        <p class="hint">"导出为：" {move || sentence.get()}</p>
    }
}
