//! 一致性: parts of the notice that must agree with each other.

use super::scan::{chinese_number, Scanned};
use super::{place, place_hit, FieldKind, Finding, Hit, Place, Severity};
use crate::model::{split_names, Notice, SectionContent};
use std::collections::HashMap;

pub(super) fn check(notice: &Notice, out: &mut Vec<Finding>) {
    attachments(notice, out);
    main_and_cc(notice, out);
    department_spelling(notice, out);
    signing_organ(notice, out);
}

/// GB/T 9704-2012 §7.3.4: the 附件说明 lists what the text refers to. A
/// 附件3 in a notice with two attachments is certainly wrong; 见附件 in a
/// notice with none is probably an 附件说明 not yet filled in.
fn attachments(notice: &Notice, out: &mut Vec<Finding>) {
    let count = notice
        .attachments
        .iter()
        .filter(|a| !a.trim().is_empty())
        .count() as u32;
    for (field, text, kind) in place::fields(notice) {
        if kind == FieldKind::Attachment {
            // The export writes 附件： and the numbers itself.
            let trimmed = text.trim_start();
            let lead = text.len() - trimmed.len();
            if let Some(rest) = trimmed.strip_prefix("附件") {
                let mark = rest.chars().take_while(|c| "：:".contains(*c)).count();
                let len = "附件".len() + rest.chars().take(mark).map(char::len_utf8).sum::<usize>();
                if mark > 0 {
                    out.push(place_hit(
                        notice,
                        field,
                        &text,
                        Hit::new(
                            "consistency.attachments",
                            Severity::Warning,
                            lead..lead + len,
                            "导出时会自动写“附件：”，这里不必再写",
                        )
                        .fix(""),
                    ));
                }
            }
            continue;
        }
        if kind != FieldKind::Prose {
            continue;
        }
        let t = Scanned::new(&text);
        for k in 0..t.len() {
            if !t.starts_with_at(k, "附件") {
                continue;
            }
            let d = t.digits_at(k + 2);
            let numeral_len = (k + 2..k + 4)
                .take_while(|&j| t.at(j).is_some_and(|c| "一二三四五六七八九十".contains(c)))
                .count();
            let number = if d > 0 && d <= 2 {
                t.number(k + 2, k + 2 + d)
            } else if numeral_len > 0 {
                chinese_number(&t.text[t.range(k + 2, k + 2 + numeral_len)])
            } else {
                None
            };
            let referring = number.is_some()
                || matches!(t.before(k), Some('见' | '（' | '('))
                || t.text[..t.offset(k)].ends_with("详见");
            if !referring {
                continue;
            }
            let end = k
                + 2
                + if number.is_some() {
                    d.max(numeral_len)
                } else {
                    0
                };
            let (severity, detail) = match number {
                Some(n) if count > 0 && n > count => (
                    Severity::Error,
                    format!("正文提到附件{n}，附件说明只列了{count}个附件"),
                ),
                _ if count == 0 => (
                    Severity::Warning,
                    "正文提到附件，但附件说明是空的".to_owned(),
                ),
                _ => continue,
            };
            out.push(place_hit(
                notice,
                field,
                &text,
                Hit::new("consistency.attachments", severity, t.range(k, end), detail),
            ));
        }
    }
}

/// GB/T 9704-2012 §7.3.2, §7.4.2: 抄送 are organs other than the 主送.
fn main_and_cc(notice: &Notice, out: &mut Vec<Finding>) {
    let main: Vec<String> = notice
        .recipients
        .iter()
        .flat_map(|r| split_names(r))
        .collect();
    for (i, cc) in notice.imprint.cc.iter().enumerate() {
        for name in split_names(cc) {
            if name.chars().count() >= 2 && main.contains(&name) {
                let start = cc.find(&name).unwrap_or(0);
                out.push(place_hit(
                    notice,
                    Place::Cc(i),
                    cc,
                    Hit::new(
                        "consistency.main_cc",
                        Severity::Error,
                        start..start + name.len(),
                        format!("“{name}”既是主送机关又是抄送机关"),
                    ),
                ));
            }
        }
    }
}

/// The same department written two ways: 县局办公室 and 办公室, 质量股 and
/// 质量科, 质量 股 and 质量股.
fn same_department(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let (sa, sb) = (squeeze(a), squeeze(b));
    if sa == sb {
        return true;
    }
    const OWN: [&str; 5] = ["本局", "县局", "市局", "区局", "局"];
    if OWN
        .iter()
        .any(|p| sa.strip_prefix(p) == Some(&sb) || sb.strip_prefix(p) == Some(&sa))
    {
        return true;
    }
    let (ca, cb): (Vec<char>, Vec<char>) = (sa.chars().collect(), sb.chars().collect());
    const UNITS: &str = "股科室处";
    ca.len() == cb.len()
        && ca.len() >= 3
        && ca[..ca.len() - 1] == cb[..cb.len() - 1]
        && UNITS.contains(ca[ca.len() - 1])
        && UNITS.contains(cb[cb.len() - 1])
}

/// GB/T 9704-2012 §7.3.3 asks for accurate wording; one department with
/// two names reads as two departments.
fn department_spelling(notice: &Notice, out: &mut Vec<Finding>) {
    let mut names: Vec<(Place, String)> = Vec::new();
    for (i, task) in notice.tasks.rows.iter().enumerate() {
        names.push((Place::TaskLead(i), task.lead.clone()));
        for (index, s) in task.support.iter().enumerate() {
            names.push((Place::TaskSupport { task: i, index }, s.clone()));
        }
    }
    for (s, section) in notice.sections.iter().enumerate() {
        if let SectionContent::ByDepartment { groups } = &section.content {
            for (g, group) in groups.iter().enumerate() {
                names.push((
                    Place::Department {
                        section: s,
                        group: g,
                    },
                    group.department.clone(),
                ));
            }
        }
    }
    names.retain(|(_, n)| !n.trim().is_empty());
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, n) in &names {
        *counts.entry(n.trim()).or_default() += 1;
    }
    let first_seen = |name: &str| names.iter().position(|(_, n)| n.trim() == name);
    for (field, raw) in &names {
        let name = raw.trim();
        // The other spelling that wins: more frequent, or earlier.
        let winner = counts
            .keys()
            .filter(|other| same_department(name, other))
            .filter(|other| {
                let (mine, theirs) = (counts[name], counts[*other]);
                theirs > mine || (theirs == mine && first_seen(other) < first_seen(name))
            })
            .max_by_key(|other| (counts[*other], std::cmp::Reverse(first_seen(other))));
        if let Some(other) = winner {
            let start = raw.len() - raw.trim_start().len();
            out.push(place_hit(
                notice,
                *field,
                raw,
                Hit::new(
                    "consistency.department_spelling",
                    Severity::Warning,
                    start..start + name.len(),
                    format!("同一部门写法不一：“{name}”和“{other}”"),
                )
                .fix(other.to_string()),
            ));
        }
    }
}

/// `short` keeps `long`'s characters in order: 市场监管局 of 市场监督管理局,
/// a 规范化简称.
fn abbreviates(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// GB/T 9704-2012 §7.3.5.1: the 署名 is the 发文机关's full name or its
/// 规范化简称.
fn signing_organ(notice: &Notice, out: &mut Vec<Finding>) {
    let header: Vec<&str> = notice.header.named_organs().collect();
    if header.is_empty() {
        return;
    }
    for (i, organ) in notice.signature.organs.iter().enumerate() {
        let name = organ.trim();
        if name.is_empty() {
            continue;
        }
        let matches = header.iter().any(|h| *h == name || abbreviates(name, h));
        if !matches {
            let start = organ.len() - organ.trim_start().len();
            out.push(place_hit(
                notice,
                Place::SigningOrgan(i),
                organ,
                Hit::new(
                    "consistency.signing_organ",
                    Severity::Warning,
                    start..start + name.len(),
                    format!("署名“{name}”不是版头的发文机关（{}）", header.join("、")),
                ),
            ));
        }
    }
}
