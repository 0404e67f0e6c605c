//! 公文校对: the checks a careful reviewer makes before a notice is sealed.
//!
//! Every rule has an id, a severity and the clause it comes from (see
//! [`RULES`]). Rules are pure functions over text: each finding carries the
//! field, the byte range of the offending text in it, the excerpt itself, a
//! message in Chinese and, where the correction is mechanical, the
//! replacement for the excerpt.
//!
//! Precision comes first (宁可漏报，不可误报): `error` is only given where
//! the text is certainly wrong; anything that a correct notice can contain
//! is at most a `warning`, and patterns that are often legitimate are not
//! reported at all.

mod consistency;
mod dates;
mod docno;
pub mod hanzi;
mod ordinal;
mod place;
mod punct;
mod scan;
mod wording;

pub use place::{FieldKind, Place};

use crate::field::Field;
use crate::model::Notice;
use std::ops::Range;

/// How sure the checker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Certainly wrong.
    Error,
    /// Probably wrong; a correct notice may contain it.
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "提示",
        }
    }
}

/// A rule: its id, its group, its name and the clause it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub group: &'static str,
    pub name: &'static str,
    pub source: &'static str,
}

const fn rule(
    id: &'static str,
    group: &'static str,
    name: &'static str,
    source: &'static str,
) -> Rule {
    Rule {
        id,
        group,
        name,
        source,
    }
}

const P: &str = "标点";
const N: &str = "数字与日期";
const W: &str = "文号";
const O: &str = "层次序数";
const C: &str = "一致性";
const T: &str = "文字";

/// Every rule, by group. Each rule's code cites the same clause.
pub const RULES: &[Rule] = &[
    rule("punct.halfwidth", P, "半角标点", "GB/T 15834-2011 §5.1"),
    rule(
        "punct.unpaired",
        P,
        "标号不成对",
        "GB/T 15834-2011 §4.8、§4.9、§4.15",
    ),
    rule("punct.doubled", P, "标点重复", "GB/T 15834-2011 §4.1–§4.7"),
    rule("punct.ellipsis", P, "省略号形式", "GB/T 15834-2011 §4.11"),
    rule(
        "punct.dash",
        P,
        "破折号、连接号形式",
        "GB/T 15834-2011 §4.10、§4.13",
    ),
    rule(
        "punct.title_end",
        P,
        "标题末尾标点",
        "GB/T 9704-2012 §7.3.1，GB/T 15834-2011 附录A",
    ),
    rule(
        "punct.attachment_end",
        P,
        "附件名称末尾标点",
        "GB/T 9704-2012 §7.3.4",
    ),
    rule(
        "punct.recipient_end",
        P,
        "主送机关末尾标点",
        "GB/T 9704-2012 §7.3.2",
    ),
    rule("date.invalid", N, "不存在的日期", "GB/T 15835-2011 §4.1"),
    rule("date.run_in", N, "年月日连写", "GB/T 15835-2011 §4.1"),
    rule("date.year_range", N, "年份超出范围", "GB/T 15835-2011 §4.1"),
    rule(
        "date.abbreviated_year",
        N,
        "年份简写",
        "GB/T 15835-2011 §5.2，GB/T 9704-2012 §7.3.5",
    ),
    rule(
        "date.chinese_numerals",
        N,
        "日期用汉字数字",
        "GB/T 15835-2011 §4.1，GB/T 9704-2012 §7.3.5",
    ),
    rule("date.weekday", N, "星期与日期不符", "GB/T 15835-2011 §4.1"),
    rule(
        "date.deadline_order",
        N,
        "截止日期早于成文日期或活动开始",
        "GB/T 9704-2012 §7.3.5",
    ),
    rule(
        "date.year_mismatch",
        N,
        "年份与活动年度不一致",
        "GB/T 9704-2012 §7.3.1",
    ),
    rule("docno.bracket", W, "发文字号括号", "GB/T 9704-2012 §7.2.4"),
    rule("docno.year", W, "发文字号年份", "GB/T 9704-2012 §7.2.4"),
    rule("docno.di", W, "发文字号加“第”", "GB/T 9704-2012 §7.2.4"),
    rule(
        "docno.leading_zero",
        W,
        "发文字号序号虚位",
        "GB/T 9704-2012 §7.2.4",
    ),
    rule("docno.broken", W, "发文字号残缺", "GB/T 9704-2012 §7.2.4"),
    rule("docno.own", W, "本文发文字号", "GB/T 9704-2012 §7.2.4"),
    rule(
        "ordinal.sequence",
        O,
        "序数跳号或重号",
        "GB/T 9704-2012 §7.3.3",
    ),
    rule("ordinal.empty", O, "空序数", "GB/T 9704-2012 §7.3.3"),
    rule("ordinal.style", O, "序数写法", "GB/T 9704-2012 §7.3.3"),
    rule(
        "ordinal.skipped_level",
        O,
        "层次越级",
        "GB/T 9704-2012 §7.3.3",
    ),
    rule(
        "ordinal.double_number",
        O,
        "重复编号",
        "GB/T 9704-2012 §7.3.3",
    ),
    rule(
        "ordinal.missing_number",
        O,
        "标题缺序数",
        "GB/T 9704-2012 §7.3.3",
    ),
    rule(
        "consistency.attachments",
        C,
        "附件说明与正文不符",
        "GB/T 9704-2012 §7.3.4",
    ),
    rule(
        "consistency.main_cc",
        C,
        "主送与抄送重复",
        "GB/T 9704-2012 §7.3.2、§7.4.2",
    ),
    rule(
        "consistency.department_spelling",
        C,
        "部门名称写法不一",
        "GB/T 9704-2012 §7.3.3",
    ),
    rule(
        "consistency.signing_organ",
        C,
        "署名与发文机关不符",
        "GB/T 9704-2012 §7.3.5.1",
    ),
    rule("text.mojibake", T, "乱码", "GB/T 9704-2012 §5.1"),
    rule("text.web_leftover", T, "网页残留", "GB/T 9704-2012 §5.1"),
    rule(
        "text.traditional",
        T,
        "繁体字",
        "《通用规范汉字表》（2013），GB/T 9704-2012 §5.1",
    ),
    rule(
        "text.gb2312",
        T,
        "GB2312字体缺字",
        "GB/T 9704-2012 §5.2（仿宋_GB2312等字体）",
    ),
    rule(
        "text.lexicon",
        T,
        "常见错别字",
        "《通用规范汉字表》（2013），《现代汉语词典》",
    ),
];

/// The rule with this id.
pub fn rule_by_id(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// One problem found: where, what, why and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// The editor's field.
    pub field: Field,
    /// The text within it (a field edited a line an entry has several).
    pub place: Place,
    /// Byte range of the excerpt in the place's text.
    pub range: Range<usize>,
    /// The offending text, exactly as in the field.
    pub excerpt: String,
    /// In Chinese, naming the rule and its source clause.
    pub message: String,
    /// What the excerpt becomes when the fix is applied.
    pub fix: Option<String>,
}

impl Finding {
    /// The rule this finding comes from.
    pub fn rule(&self) -> &'static Rule {
        rule_by_id(self.rule).expect("findings name known rules")
    }
}

/// What the check depends on besides the notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Whether the export uses 仿宋_GB2312/楷体_GB2312 (the default), which
    /// have no glyphs outside GB2312.
    pub gb2312_fonts: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self { gb2312_fonts: true }
    }
}

/// A finding inside one text, before it is placed in a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    pub rule: &'static str,
    pub severity: Severity,
    pub range: Range<usize>,
    pub detail: String,
    pub fix: Option<String>,
}

impl Hit {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        range: Range<usize>,
        detail: impl Into<String>,
    ) -> Self {
        debug_assert!(rule_by_id(rule).is_some(), "unknown rule {rule}");
        Self {
            rule,
            severity,
            range,
            detail: detail.into(),
            fix: None,
        }
    }

    pub fn fix(mut self, replacement: impl Into<String>) -> Self {
        self.fix = Some(replacement.into());
        self
    }
}

/// What a text rule knows about the notice around the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub kind: FieldKind,
    /// The campaign's year (or the notice's), for dates without one.
    pub year: Option<u16>,
    pub campaign: &'a str,
    pub options: Options,
    /// The notice is written in traditional characters throughout.
    pub traditional_notice: bool,
}

fn message(rule: &Rule, detail: &str) -> String {
    format!("{}：{}（{}）", rule.name, detail, rule.source)
}

pub(crate) fn place_hit(notice: &Notice, place: Place, text: &str, hit: Hit) -> Finding {
    let rule = rule_by_id(hit.rule).expect("known rule");
    Finding {
        rule: rule.id,
        severity: hit.severity,
        field: place.field(notice),
        place,
        excerpt: text.get(hit.range.clone()).unwrap_or_default().to_owned(),
        range: hit.range,
        message: message(rule, &hit.detail),
        fix: hit.fix,
    }
}

/// The rules that look at one text by itself.
fn check_text(text: &str, ctx: &Ctx, out: &mut Vec<Hit>) {
    if text.trim().is_empty() || ctx.kind == FieldKind::Code {
        return;
    }
    let scanned = scan::Scanned::new(text);
    punct::check(&scanned, ctx, out);
    dates::check(&scanned, ctx, out);
    docno::check(&scanned, ctx, out);
    ordinal::check_text(&scanned, ctx, out);
    wording::check(&scanned, ctx, out);
}

fn context<'a>(notice: &'a Notice, options: Options) -> Ctx<'a> {
    Ctx {
        kind: FieldKind::Prose,
        year: notice.year(),
        campaign: notice.campaign.name.trim(),
        options,
        traditional_notice: hanzi::is_traditional_notice(notice),
    }
}

/// Every problem in the notice, in the order of its fields.
pub fn check(notice: &Notice, options: &Options) -> Vec<Finding> {
    let ctx = context(notice, *options);
    let mut out = Vec::new();
    let mut hits = Vec::new();
    for (field, text, kind) in place::fields(notice) {
        hits.clear();
        check_text(&text, &Ctx { kind, ..ctx }, &mut hits);
        out.extend(
            hits.drain(..)
                .map(|hit| place_hit(notice, field, &text, hit)),
        );
    }
    ordinal::check_notice(notice, &mut out);
    dates::check_notice(notice, &mut out);
    docno::check_notice(notice, &mut out);
    consistency::check(notice, &mut out);
    out.sort_by_key(|f| (place::order(f.place), f.range.start));
    out
}

/// The problems of one text that it shows by itself, without checking
/// the whole notice.
pub fn check_place(notice: &Notice, place: Place, options: &Options) -> Vec<Finding> {
    let Some(text) = place.text(notice) else {
        return Vec::new();
    };
    let ctx = Ctx {
        kind: place.kind(notice),
        ..context(notice, *options)
    };
    let mut hits = Vec::new();
    check_text(&text, &ctx, &mut hits);
    hits.into_iter()
        .map(|hit| place_hit(notice, place, &text, hit))
        .collect()
}

/// Applies a finding's fix to the notice. Refuses (false) when there is no
/// fix or the field no longer holds the excerpt at its place.
pub fn apply(notice: &mut Notice, finding: &Finding) -> bool {
    let Some(replacement) = &finding.fix else {
        return false;
    };
    let Some(text) = finding.place.text_mut(notice) else {
        return false;
    };
    if text.get(finding.range.clone()) != Some(finding.excerpt.as_str()) {
        return false;
    }
    text.replace_range(finding.range.clone(), replacement);
    true
}

/// The text a fix would give, for its preview: the field's text with the
/// excerpt replaced.
pub fn preview(notice: &Notice, finding: &Finding) -> Option<String> {
    let replacement = finding.fix.as_ref()?;
    let mut text = finding.place.text(notice)?.into_owned();
    if text.get(finding.range.clone()) != Some(finding.excerpt.as_str()) {
        return None;
    }
    text.replace_range(finding.range.clone(), replacement);
    Some(text)
}

#[cfg(test)]
mod tests;
