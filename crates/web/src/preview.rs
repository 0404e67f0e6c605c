//! The live A4 preview beside the editor: the notice's pages drawn to scale
//! from the layout the .docx export uses ([`pages`] turns the core's layout
//! into positioned lines; this file only makes elements of them), with the
//! field being edited highlighted and every paragraph a way back to its
//! field. Printing the page prints these pages alone (style/preview.css).
//!
//! Updates are cheap: edits reach the preview once per animation frame, the
//! pages are recomputed as data, and only pages whose content changed are
//! drawn again (each page is keyed by a hash of what it holds).

use crate::fields::{editing, FieldId};
use leptos::prelude::*;
use notice_core::compose;
use notice_core::compose::Face;
use notice_core::draft::KeyValueStore;
use notice_core::gbt9704::{self as spec, twips_to_mm};
use notice_core::pages::{self, Align, Draw, Item, Page, TextLine};
use notice_core::validate::Step;
use notice_core::{Field, Notice};
use std::sync::Arc;
use wasm_bindgen::JsCast;

pub(crate) const VISIBLE_KEY: &str = "notice-desk/settings/preview";
pub(crate) const ZOOM_KEY: &str = "notice-desk/settings/preview-zoom";

/// Twips in one CSS pixel (96 per inch).
const TWIPS_PER_PX: f64 = 15.0;

/// A setting kept in localStorage, written when it changes.
fn setting(key: &'static str, default: bool) -> RwSignal<bool> {
    let store = super::storage::LocalStore::open().ok();
    let value = store
        .and_then(|s| s.get(key).ok().flatten())
        .map_or(default, |v| v == "1");
    let signal = RwSignal::new(value);
    Effect::watch(
        move || signal.get(),
        move |on, _, _| {
            if let Some(store) = store {
                let _ = store.set(key, if *on { "1" } else { "0" });
            }
        },
        false,
    );
    signal
}

/// The preview's styles (and the print stylesheet) are in the later parts'
/// stylesheet, linked once the form is drawn (src/lazy.rs). Should they
/// arrive after the preview, the pane's size changes: measure it again.
fn remeasure_when_styled() {
    let Some(link) = document().get_element_by_id(crate::lazy::LATER_STYLES_ID) else {
        return;
    };
    let remeasure = wasm_bindgen::closure::Closure::once_into_js(|| {
        if let Ok(event) = web_sys::Event::new("resize") {
            let _ = window().dispatch_event(&event);
        }
    });
    let _ = link.add_event_listener_with_callback("load", remeasure.unchecked_ref());
}

/// Whether the preview is beside the form until the user hides it.
pub const SHOWN_AT_START: bool = true;

/// Whether the preview is shown, kept in this browser.
pub fn visibility() -> RwSignal<bool> {
    setting(VISIBLE_KEY, SHOWN_AT_START)
}

fn mm(twips: i32) -> String {
    format!("{:.3}mm", twips_to_mm(twips as f64))
}

/// A size in half-points as CSS points.
fn size_pt(half_points: usize) -> String {
    format!("{}pt", half_points as f64 / 2.0)
}

/// Character spacing in twips as CSS points.
fn spacing_pt(twips: i32) -> String {
    format!("{}pt", twips as f64 / 20.0)
}

/// A rule's width in eighths of a point as CSS points.
fn rule_pt(eighths: usize) -> String {
    format!("{}pt", eighths as f64 / 8.0)
}

fn red() -> String {
    format!("#{}", spec::RED)
}

fn font_class(face: Face) -> &'static str {
    match face {
        Face::Title => "f-title",
        Face::Body => "f-body",
        Face::Hei => "f-hei",
        Face::Kai => "f-kai",
        Face::Song => "f-song",
    }
}

fn align_class(align: Align) -> &'static str {
    match align {
        Align::Left => "ln a-left",
        Align::Center => "ln a-center",
        Align::Right => "ln a-right",
        Align::Justify => "ln a-justify",
    }
}

/// One line of text, `top` twips below its container's top. User text is
/// set as text nodes, never as markup.
fn line_view(line: TextLine, top: i32, line_height: i32) -> impl IntoView {
    let runs = |runs: Vec<pages::Run>| {
        runs.into_iter()
            .map(|run| {
                let gap = (run.gap != 0).then(|| spacing_pt(run.gap));
                view! { <span class=font_class(run.font) style:margin-left=gap>{run.text}</span> }
            })
            .collect_view()
    };
    let split = line.split.is_some();
    let body = if let Some(at) = line.split {
        let mut left = line.runs;
        let right = left.split_off(at.min(left.len()));
        view! { <span>{runs(left)}</span><span>{runs(right)}</span> }.into_any()
    } else {
        runs(line.runs).into_any()
    };
    view! {
        <div class=align_class(line.align) class:split=split
            style:top=mm(top) style:left=mm(line.left) style:width=mm(line.width)
            style:height=mm(line_height) style:line-height=mm(line_height)
            style:font-size=size_pt(line.size)
            style:letter-spacing=spacing_pt(line.spacing)
            style:color=line.red.then(red)>
            {body}
        </div>
    }
}

fn item_view(item: Item, active: Memo<Option<Field>>, step: RwSignal<Step>) -> impl IntoView {
    let group = item.field.group();
    let is_active = move || active.get() == Some(group);
    let (top, height, field) = (mm(item.top), mm(item.height), item.field.dom_id());
    let focus = move |_| focus_field(step, item.field);
    match item.draw {
        Draw::Text {
            line,
            line_height,
            rule,
        } => view! {
            <div class="pv-item" class:active=is_active data-field=field on:click=focus
                style:top=top style:height=height
                style:border-bottom=rule.then(|| format!("{} solid {}", rule_pt(spec::RED_RULE_SIZE), red()))>
                {line_view(line, 0, line_height)}
            </div>
        }
        .into_any(),
        Draw::MarkTable {
            organs,
            suffix,
            size,
            suffix_width,
            line_height,
        } => {
            let names = spec::TEXT_WIDTH as i32 - suffix_width;
            view! {
                <div class="pv-item mark-table" class:active=is_active data-field=field on:click=focus
                    style:top=top style:height=height style:color=red()
                    style:font-size=size_pt(size) style:line-height=mm(line_height)>
                    <div class="names f-title" style:width=mm(names)>
                        {organs.into_iter().map(|o| view! { <div class="ln-flow a-distribute">{o}</div> }).collect_view()}
                    </div>
                    <div class="suffix f-title" style:width=mm(suffix_width)>{suffix}</div>
                </div>
            }
            .into_any()
        }
        Draw::Row {
            header,
            bottom,
            cells,
        } => view! {
            <div class="pv-item pv-row" class:header=header class:bottom=bottom class:active=is_active
                data-field=field on:click=focus style:top=top style:height=height>
                {cells.into_iter().map(|cell| view! {
                    <div class="cell" style:left=mm(cell.left) style:width=mm(cell.width)>
                        {cell.lines.into_iter().enumerate().map(|(k, line)| {
                            let top = cell.offset + k as i32 * spec::CELL_LINE_SPACING;
                            line_view(line, top, spec::CELL_LINE_SPACING)
                        }).collect_view()}
                    </div>
                }).collect_view()}
            </div>
        }
        .into_any(),
        Draw::Rule { left, width } => view! {
            <div class="pv-item" style:top=top style:height=height style:left=mm(left)
                style:width=mm(width) style:background=red()></div>
        }
        .into_any(),
        Draw::Reserved => view! {
            <div class="pv-item reserved" class:active=is_active data-field=field on:click=focus
                style:top=top style:height=height>
                <span>"套打：此处为预印的红头（不打印）"</span>
            </div>
        }
        .into_any(),
        Draw::Imprint { rows, thick, thin } => {
            let count = rows.len();
            view! {
                <div class="pv-item imprint" class:active=is_active data-field=field on:click=focus
                    style:top=top style:height=height>
                    {rows.into_iter().enumerate().map(|(i, row)| view! {
                        <div class="imprint-row" data-field=row.field.dom_id() style:height=mm(row.height)
                            on:click=move |ev| { ev.stop_propagation(); focus_field(step, row.field) }
                            style:border-top-width=rule_pt(if i == 0 { thick } else { thin })
                            style:border-bottom-width=(i + 1 == count).then(|| rule_pt(thick))>
                            {row.lines.into_iter().map(|(top, line)| line_view(line, top, spec::BODY_LINE_SPACING)).collect_view()}
                        </div>
                    }).collect_view()}
                </div>
            }
            .into_any()
        }
    }
}

/// One A4 page: the text block at the standard's margins, the page number
/// 7 mm under it, odd pages right and even pages left (§7.5).
fn page_view(page: Arc<Page>, active: Memo<Option<Field>>, step: RwSignal<Step>) -> impl IntoView {
    let page = Arc::unwrap_or_clone(page);
    let odd = page.index % 2 == 1;
    let footer_top =
        spec::PAGE_HEIGHT as i32 - spec::FOOTER_DISTANCE as i32 - spec::PAGE_NUMBER_LINE;
    view! {
        <section class="page" data-page=page.index aria-label=format!("第{}页", page.index)
            style:width=mm(spec::PAGE_WIDTH as i32) style:height=mm(spec::PAGE_HEIGHT as i32)>
            <div class="text-block"
                style:left=mm(spec::MARGIN_LEFT) style:top=mm(spec::MARGIN_TOP)
                style:width=mm(spec::TEXT_WIDTH as i32) style:height=mm(spec::TEXT_HEIGHT as i32)>
                {page.items.into_iter().map(|item| item_view(item, active, step)).collect_view()}
            </div>
            {page.number.map(|n| view! {
                <div class="page-number f-song" class:odd=odd class:even=!odd
                    style:top=mm(footer_top) style:left=mm(spec::MARGIN_LEFT)
                    style:width=mm(spec::TEXT_WIDTH as i32)
                    style:height=mm(spec::PAGE_NUMBER_LINE) style:line-height=mm(spec::PAGE_NUMBER_LINE)
                    style:font-size=size_pt(spec::SIZE_PAGE_NUMBER)
                    style:padding-left=(!odd).then(|| mm(spec::PAGE_NUMBER_INDENT))
                    style:padding-right=odd.then(|| mm(spec::PAGE_NUMBER_INDENT))>
                    {format!("— {n} —")}
                </div>
            })}
        </section>
    }
}

/// Opens the field's step and puts the cursor in it.
fn focus_field(step: RwSignal<Step>, field: Field) {
    step.set(field.step());
    super::browser::focus_when_shown(field.dom_id());
}

/// A number property of a JS object (DOMRect and the like).
fn number(object: &wasm_bindgen::JsValue, name: &str) -> f64 {
    js_sys::Reflect::get(object, &name.into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

/// Calls a method without arguments (`getBoundingClientRect`).
fn call(object: &wasm_bindgen::JsValue, name: &str) -> wasm_bindgen::JsValue {
    js_sys::Reflect::get(object, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(object).ok())
        .unwrap_or(wasm_bindgen::JsValue::UNDEFINED)
}

/// Scrolls the preview's own scroll box (never the window) so that the
/// first highlighted item is in view.
fn reveal_active(pane: &web_sys::HtmlDivElement) {
    if pane.scroll_height() <= pane.client_height() {
        return;
    }
    let Ok(Some(item)) = pane.query_selector(".pv-item.active") else {
        return;
    };
    let pane_box = call(pane, "getBoundingClientRect");
    let item_box = call(&item, "getBoundingClientRect");
    let (top, bottom) = (number(&pane_box, "top"), number(&pane_box, "bottom"));
    let (item_top, item_bottom) = (number(&item_box, "top"), number(&item_box, "bottom"));
    let margin = 40.0;
    let delta = if item_top < top + margin {
        item_top - top - margin
    } else if item_bottom > bottom - margin {
        (item_bottom - bottom + margin).min(item_top - top - margin)
    } else {
        return;
    };
    pane.set_scroll_top(pane.scroll_top() + delta as i32);
}

#[component]
pub fn Preview(notice: RwSignal<Notice>) -> impl IntoView {
    let step = expect_context::<RwSignal<Step>>();
    remeasure_when_styled();

    // The pages are drawn with the pane. After that, edits reach the
    // preview once per frame, however fast the keys come, and only after
    // the frame that shows the keystroke in its field has been painted:
    // typing is never held up by drawing.
    let version = RwSignal::new(1u64);
    let pending = StoredValue::new(false);
    Effect::watch(
        move || notice.track(),
        move |_, _, _| {
            if !pending.get_value() {
                pending.set_value(true);
                request_animation_frame(move || {
                    set_timeout(
                        move || {
                            pending.set_value(false);
                            version.try_update(|v| *v += 1);
                        },
                        std::time::Duration::ZERO,
                    )
                });
            }
        },
        false,
    );
    let composition = Memo::new(move |_| {
        version.track();
        let composed = notice.with_untracked(compose::compose);
        match use_context::<crate::app::Letterhead>() {
            Some(letterhead) => letterhead.apply(composed),
            None => composed,
        }
    });
    let cache = StoredValue::new(pages::Cache::default());
    let pages = Memo::new(move |_| {
        composition.with(|c| {
            cache
                .try_update_value(|cache| pages::pages_with(c, cache))
                .unwrap_or_default()
                .into_iter()
                .map(Arc::new)
                .collect::<Vec<_>>()
        })
    });
    let count = Memo::new(move |_| pages.with(Vec::len));

    // The group of fields the field being edited belongs to.
    let editing = editing();
    let active = Memo::new(move |_| editing.get().map(Field::group));

    // Zoom: fit the pane's width, or 100% (true size on a 96 dpi screen).
    let fit = setting(ZOOM_KEY, true);
    let scroll = NodeRef::<leptos::html::Div>::new();
    let pane_width = RwSignal::new(0.0f64);
    let measure = move || {
        if let Some(pane) = scroll.try_get_untracked().flatten() {
            pane_width.set(pane.client_width() as f64);
        }
    };
    Effect::new(move |_| {
        if scroll.get().is_some() {
            request_animation_frame(measure);
        }
    });
    let resize_listener = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize_listener.remove());
    let zoom = move || {
        let page = spec::PAGE_WIDTH as f64 / TWIPS_PER_PX;
        let width = pane_width.get();
        if fit.get() && width > 0.0 {
            ((width - 24.0) / page).clamp(0.2, 2.0)
        } else {
            1.0
        }
    };

    Effect::watch(
        move || active.get(),
        move |_, _, _| {
            request_animation_frame(move || {
                if let Some(pane) = scroll.try_get_untracked().flatten() {
                    reveal_active(&pane);
                }
            })
        },
        false,
    );

    view! {
        <aside class="preview-pane" id="preview" aria-label="版式预览">
            <div class="preview-toolbar">
                <strong>"版式预览"</strong>
                <span id="preview-page-count" role="status">{move || format!("共{}页", count.get())}</span>
                <span class="preview-zoom" role="group" aria-label="缩放">
                    <button type="button" id="preview-fit" class:active=move || fit.get()
                        aria-pressed=move || fit.get().to_string()
                        on:click=move |_| { fit.set(true); measure() }>"适应宽度"</button>
                    <button type="button" id="preview-actual" class:active=move || !fit.get()
                        aria-pressed=move || (!fit.get()).to_string()
                        on:click=move |_| fit.set(false)>"100%"</button>
                </span>
                <button type="button" id="preview-print" on:click=move |_| { let _ = window().print(); }>"打印"</button>
            </div>
            <p class="preview-note" id="preview-note">
                "预览按 GB/T 9704 的版式排出，与 Word 中的效果接近，但不完全相同：Word 会自行排版，各台电脑上的字体也不尽相同。以导出的 Word 文档为准。点击预览中的段落可跳到对应的输入框。"
            </p>
            <div class="preview-scroll" node_ref=scroll>
                <div class="preview-pages" style:zoom=move || format!("{:.4}", zoom())>
                    <For each=move || pages.get() key=|page| page.key let:page>
                        {page_view(page, active, step)}
                    </For>
                </div>
            </div>
        </aside>
    }
}
