//! 公文校对 on the check page: every finding with its excerpt, a link to its
//! field, and for mechanical fixes a preview, the fix in one click and its
//! undo.

use super::check::go_to_field;
use leptos::prelude::*;
use notice_core::proofread::{self, Finding, Options, Severity};
use notice_core::validate::Step;
use notice_core::Notice;

/// The excerpt in its sentence: up to `n` characters either side.
fn around(text: &str, range: std::ops::Range<usize>, n: usize) -> (String, String) {
    let before: String = {
        let head: Vec<char> = text[..range.start].chars().collect();
        let from = head.len().saturating_sub(n);
        let mut s: String = head[from..].iter().collect();
        if from > 0 {
            s.insert(0, '…');
        }
        s
    };
    let after: String = {
        let tail: Vec<char> = text[range.end..].chars().collect();
        let mut s: String = tail.iter().take(n).collect();
        if tail.len() > n {
            s.push('…');
        }
        s
    };
    (before, after)
}

/// A fix as applied: the notice before and after, so that undo restores
/// the one only while the other is unchanged.
#[derive(Clone)]
struct Applied {
    before: Notice,
    after: Notice,
    what: String,
}

#[component]
pub fn ProofreadList(notice: RwSignal<Notice>, common_fonts: RwSignal<bool>) -> impl IntoView {
    let step = expect_context::<RwSignal<Step>>();
    let found = Memo::new(move |_| {
        let options = Options {
            gb2312_fonts: !common_fonts.get(),
        };
        notice.with(|n| proofread::check(n, &options))
    });
    let previewing = RwSignal::new(None::<usize>);
    let applied = RwSignal::new(None::<Applied>);
    let apply = move |finding: Finding| {
        let before = notice.get_untracked();
        let mut after = before.clone();
        if proofread::apply(&mut after, &finding) {
            let what = match finding.fix.as_deref() {
                Some("") => format!("已删去“{}”。", finding.excerpt),
                Some(fix) => format!("已将“{}”改为“{fix}”。", finding.excerpt),
                None => String::new(),
            };
            notice.set(after.clone());
            applied.set(Some(Applied {
                before,
                after,
                what,
            }));
        }
        previewing.set(None);
    };
    let undo = move |_| {
        if let Some(a) = applied.get_untracked() {
            if notice.with_untracked(|n| *n == a.after) {
                notice.set(a.before);
            }
        }
        applied.set(None);
    };
    let counts = move || {
        found.with(|f| {
            let errors = f.iter().filter(|f| f.severity == Severity::Error).count();
            (errors, f.len() - errors)
        })
    };
    view! {
        <h3>"公文校对"</h3>
        <Show when=move || applied.with(Option::is_some)>
            <p class="undo" role="status" id="proofread-applied">
                {move || applied.with(|a| a.as_ref().map(|a| a.what.clone()).unwrap_or_default())}
                <button type="button" id="proofread-undo" on:click=undo>"撤销"</button>
            </p>
        </Show>
        <Show when=move || !found.with(Vec::is_empty)
            fallback=|| view! { <p class="ok" id="proofread-clean">"校对未发现问题。"</p> }>
            <p id="proofread-summary">{move || {
                let (errors, warnings) = counts();
                format!("校对发现{errors}处错误、{warnings}处提示（“提示”可能无误，请核对）：")
            }}</p>
            <ul class="proofread" id="proofread">
                {move || found.get().into_iter().enumerate().map(|(i, f)| {
                    let (label, field, context) = notice.with_untracked(|n| {
                        let text = f.place.text(n).map(|t| t.into_owned()).unwrap_or_default();
                        let context = text
                            .get(f.range.clone())
                            .map(|_| around(&text, f.range.clone(), 12))
                            .unwrap_or_default();
                        (f.place.label(n), f.field, context)
                    });
                    let severity = f.severity;
                    let fix = f.fix.clone();
                    let finding = f.clone();
                    let (before, after) = context;
                    view! {
                        <li class=if severity == Severity::Error { "error" } else { "warning" } data-rule=f.rule>
                            <span class="severity">{format!("【{}】", severity.label())}</span>
                            <button type="button" class="link" on:click=move |_| go_to_field(step, field)>
                                {label}
                            </button>
                            "：「"<mark class="excerpt">{f.excerpt.clone()}</mark>"」"
                            <span class="message">{f.message.clone()}</span>
                            {fix.map(|fix| {
                                let shown = move || previewing.get() == Some(i);
                                let excerpt = f.excerpt.clone();
                                view! {
                                    <button type="button" class="fix" id=format!("proofread-{i}-preview")
                                        aria-expanded=move || shown().to_string()
                                        on:click=move |_| previewing.update(|p| *p = if *p == Some(i) { None } else { Some(i) })>
                                        "修改…"
                                    </button>
                                    <Show when=shown>
                                        <div class="fix-preview" id=format!("proofread-{i}-fix")>
                                            <p>"修改前："{before.clone()}<del>{excerpt.clone()}</del>{after.clone()}</p>
                                            <p>"修改后："{before.clone()}<ins>{fix.clone()}</ins>{after.clone()}</p>
                                            <button type="button" class="primary" id=format!("proofread-{i}-apply")
                                                on:click={
                                                    let finding = finding.clone();
                                                    move |_| apply(finding.clone())
                                                }>
                                                "应用修改"
                                            </button>
                                        </div>
                                    </Show>
                                }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
    }
}
