//! 层次序数, GB/T 9704-2012 §7.3.3: 一、 → （一） → 1. → （1）, in order.
//! The export numbers section headings, heading blocks, requirements and
//! tasks itself; what is checked here is what users type.

use super::scan::{chinese_number, chinese_numeral, is_han, Scanned};
use super::{place, place_hit, Ctx, FieldKind, Finding, Hit, Place, Severity};
use crate::model::{Level, Notice, SectionContent};
use std::borrow::Cow;

/// A typed ordinal at a line's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ordinal {
    /// 1 = 一、 … 4 = （1）.
    level: usize,
    number: u32,
    /// Characters taken, including the mark after it.
    len: usize,
    /// Written as §7.3.3 writes it.
    canonical: bool,
}

impl Ordinal {
    fn canonical_form(self) -> String {
        match self.level {
            1 => format!("{}、", chinese_numeral(self.number)),
            2 => format!("（{}）", chinese_numeral(self.number)),
            3 => format!("{}.", self.number),
            _ => format!("（{}）", self.number),
        }
    }
}

fn chinese_run(t: &Scanned, k: usize) -> usize {
    (k..k + 3)
        .take_while(|&j| t.at(j).is_some_and(|c| "一二三四五六七八九十".contains(c)))
        .count()
}

fn ordinal_at(t: &Scanned, k: usize) -> Option<Ordinal> {
    let c = t.at(k)?;
    // 3、4月 and 1.5万 are numbers; 1、2021年 is an ordinal before a year.
    let text_after = |j: usize| {
        t.at(j).is_some_and(|c| {
            !c.is_ascii_digit() || (t.at(j - 1) == Some('、') && t.digits_at(j) >= 3)
        })
    };
    if c == '（' || c == '(' {
        let close = if c == '（' { '）' } else { ')' };
        let n = chinese_run(t, k + 1);
        if n > 0 && t.at(k + 1 + n) == Some(close) {
            let number = chinese_number(&t.text[t.range(k + 1, k + 1 + n)])?;
            return Some(Ordinal {
                level: 2,
                number,
                len: n + 2,
                canonical: c == '（',
            });
        }
        let d = t.digits_at(k + 1);
        if d > 0 && d <= 2 && t.at(k + 1 + d) == Some(close) {
            return Some(Ordinal {
                level: 4,
                number: t.number(k + 1, k + 1 + d)?,
                len: d + 2,
                canonical: c == '（',
            });
        }
        return None;
    }
    let n = chinese_run(t, k);
    if n > 0 {
        let mark = t.at(k + n)?;
        let next_is_numeral = t
            .at(k + n + 1)
            .is_some_and(|c| "一二三四五六七八九十".contains(c));
        if matches!(mark, '、' | '.' | '．') && !next_is_numeral {
            return Some(Ordinal {
                level: 1,
                number: chinese_number(&t.text[t.range(k, k + n)])?,
                len: n + 1,
                canonical: mark == '、',
            });
        }
        return None;
    }
    let d = t.digits_at(k);
    if d > 0 && d <= 2 {
        let mark = t.at(k + d)?;
        if matches!(mark, '.' | '．' | '、' | '）') && text_after(k + d + 1) {
            // 1.5万 and 3、4月 are numbers, not ordinals.
            t.at(k + d + 1)?;
            return Some(Ordinal {
                level: 3,
                number: t.number(k, k + d)?,
                len: d + 1,
                canonical: mark == '.',
            });
        }
    }
    None
}

/// Line starts (character indices, past leading spaces).
fn line_starts(t: &Scanned) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at_start = true;
    for k in 0..t.len() {
        let c = t.at(k).unwrap_or_default();
        if c == '\n' {
            at_start = true;
        } else if at_start && !matches!(c, ' ' | '\u{3000}' | '\t' | '\r') {
            out.push(k);
            at_start = false;
        }
    }
    out
}

pub(super) fn check_text(t: &Scanned, ctx: &Ctx, out: &mut Vec<Hit>) {
    let starts = line_starts(t);
    if ctx.kind == FieldKind::Heading {
        // The export numbers this heading: a typed number is printed twice.
        if let Some(o) = starts
            .first()
            .and_then(|&k| ordinal_at(t, k).map(|o| (k, o)))
        {
            let (k, o) = o;
            let mut end = k + o.len;
            while t.at(end).is_some_and(|c| c == ' ' || c == '\u{3000}') {
                end += 1;
            }
            out.push(
                Hit::new(
                    "ordinal.double_number",
                    Severity::Error,
                    t.range(k, end),
                    "导出时会自动编号，这里再写序数会重复",
                )
                .fix(""),
            );
        }
        return;
    }
    for &k in &starts {
        if let Some(o) = ordinal_at(t, k) {
            // Half-width brackets are punct.halfwidth's.
            if !o.canonical && !t.starts_with_at(k, "(") {
                let written = &t.text[t.range(k, k + o.len)];
                out.push(
                    Hit::new(
                        "ordinal.style",
                        Severity::Warning,
                        t.range(k, k + o.len),
                        format!("“{written}”应写作“{}”", o.canonical_form()),
                    )
                    .fix(o.canonical_form()),
                );
            }
        }
    }
    // 「（）」: a number left out.
    for k in 0..t.len() {
        let c = t.at(k).unwrap_or_default();
        let close = match c {
            '（' => '）',
            '(' => ')',
            _ => continue,
        };
        let mut j = k + 1;
        while matches!(t.at(j), Some(' ' | '\u{3000}')) {
            j += 1;
        }
        if t.at(j) == Some(close) {
            let at_start = starts.contains(&k);
            let followed = t.at(j + 1).is_some_and(is_han);
            let severity = if at_start && followed {
                Severity::Error
            } else {
                Severity::Warning
            };
            out.push(Hit::new(
                "ordinal.empty",
                severity,
                t.range(k, j + 1),
                "括号里没有内容，是否漏写了序数或文字",
            ));
        }
    }
}

/// One run of typed ordinals: its lines, each with its field.
type Unit<'a> = Vec<(Place, Cow<'a, str>)>;

fn units(notice: &Notice) -> Vec<Unit<'_>> {
    let mut out: Vec<Unit> = Vec::new();
    let mut grouped = std::collections::HashSet::new();
    for (s, section) in notice.sections.iter().enumerate() {
        match &section.content {
            SectionContent::Preamble { paragraphs } => {
                out.push(
                    paragraphs
                        .iter()
                        .enumerate()
                        .map(|(index, p)| {
                            (
                                Place::Paragraph { section: s, index },
                                Cow::Borrowed(p.as_str()),
                            )
                        })
                        .collect(),
                );
                grouped.insert(s);
            }
            SectionContent::Text { blocks } => {
                out.push(
                    blocks
                        .iter()
                        .enumerate()
                        .filter(|(_, b)| b.level == Level::Body)
                        .map(|(index, b)| {
                            (
                                Place::Block { section: s, index },
                                Cow::Borrowed(b.text.as_str()),
                            )
                        })
                        .collect(),
                );
                grouped.insert(s);
            }
            _ => {}
        }
    }
    for (field, text, kind) in place::fields(notice) {
        let in_group = match field {
            Place::Paragraph { section, .. } | Place::Block { section, .. } => {
                grouped.contains(&section)
            }
            _ => false,
        };
        if !in_group && kind != FieldKind::Heading && kind != FieldKind::Code {
            out.push(vec![(field, text)]);
        }
    }
    out
}

/// Gaps, repeats and skipped levels in each run of typed ordinals.
fn sequences(notice: &Notice, out: &mut Vec<Finding>) {
    for unit in units(notice) {
        let mut last: [Option<u32>; 5] = [None; 5];
        let mut seen_level = [false; 5];
        for (field, text) in &unit {
            let t = Scanned::new(text);
            for k in line_starts(&t) {
                let Some(o) = ordinal_at(&t, k) else {
                    continue;
                };
                let range = t.range(k, k + o.len);
                let written = &text[range.clone()];
                if let Some(prev) = last[o.level] {
                    if o.number != prev + 1 {
                        let expected = Ordinal {
                            number: prev + 1,
                            ..o
                        }
                        .canonical_form();
                        let what = if o.number <= prev { "重号" } else { "跳号" };
                        out.push(place_hit(
                            notice,
                            *field,
                            text,
                            Hit::new(
                                "ordinal.sequence",
                                Severity::Error,
                                range.clone(),
                                format!("序数{what}：此处应为“{expected}”，写的是“{written}”"),
                            ),
                        ));
                    }
                }
                // 一、 then 1. with no （一） between: a level skipped.
                let parent_missing = o.level >= 3
                    && seen_level[1..o.level - 1].iter().any(|&s| s)
                    && !seen_level[o.level - 1];
                if parent_missing && last[o.level].is_none() {
                    out.push(place_hit(
                        notice,
                        *field,
                        text,
                        Hit::new(
                            "ordinal.skipped_level",
                            Severity::Warning,
                            range,
                            format!("“{written}”跳过了上一层序数"),
                        ),
                    ));
                }
                last[o.level] = Some(o.number);
                seen_level[o.level] = true;
                for l in o.level + 1..5 {
                    last[l] = None;
                    seen_level[l] = false;
                }
            }
        }
    }
}

/// Heading blocks whose level skips one: a 1. block with no （一） above it
/// in its section.
fn block_levels(notice: &Notice, out: &mut Vec<Finding>) {
    for (s, section) in notice.sections.iter().enumerate() {
        let SectionContent::Text { blocks } = &section.content else {
            continue;
        };
        let mut has = [false; 5];
        has[1] = true;
        for (index, block) in blocks.iter().enumerate() {
            let level = match block.level {
                Level::Body => continue,
                Level::Second => 2,
                Level::Third => 3,
                Level::Fourth => 4,
            };
            if !has[level - 1] {
                let t = Scanned::new(&block.text);
                let end = t.len().min(12);
                out.push(place_hit(
                    notice,
                    Place::Block { section: s, index },
                    &block.text,
                    Hit::new(
                        "ordinal.skipped_level",
                        Severity::Warning,
                        t.range(0, end),
                        "这一层标题的上一层没有标题（越级），请核对层级",
                    ),
                ));
            }
            has[level] = true;
            for h in has.iter_mut().skip(level + 1) {
                *h = false;
            }
        }
    }
}

/// A section without a heading among numbered ones prints without its
/// 一、: its text runs on as part of the section before.
fn missing_numbers(notice: &Notice, out: &mut Vec<Finding>) {
    let numbered = |c: &SectionContent| !matches!(c, SectionContent::Preamble { .. });
    let headed = notice
        .sections
        .iter()
        .filter(|s| numbered(&s.content) && !s.heading.trim().is_empty())
        .count();
    if headed == 0 {
        return;
    }
    for (s, section) in notice.sections.iter().enumerate() {
        if numbered(&section.content) && section.heading.trim().is_empty() {
            out.push(place_hit(
                notice,
                Place::SectionHeading(s),
                &section.heading,
                Hit::new(
                    "ordinal.missing_number",
                    Severity::Warning,
                    0..section.heading.len(),
                    format!(
                        "“{}”部分没有标题，导出时没有序数，其他部分都有",
                        section.content.kind_label()
                    ),
                ),
            ));
        }
    }
}

pub(super) fn check_notice(notice: &Notice, out: &mut Vec<Finding>) {
    sequences(notice, out);
    block_levels(notice, out);
    missing_numbers(notice, out);
}
