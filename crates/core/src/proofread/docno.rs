//! 文号: the notice's own and every one cited in its text, per GB/T
//! 9704-2012 §7.2.4: 机关代字, the year in full in 六角括号 〔〕, the
//! serial without 第 and without leading zeros, then 号.

use super::scan::{is_han, Scanned};
use super::{place_hit, Ctx, Finding, Hit, Place, Severity};
use crate::model::Notice;

const OPENERS: &str = "〔[（(【［{｛〈";
const CLOSERS: &str = "〕]）)】］}｝〉";

/// The number of 汉字 directly before character index `k`.
fn han_before(t: &Scanned, k: usize) -> usize {
    (0..k)
        .rev()
        .take_while(|&j| t.at(j).is_some_and(is_han))
        .count()
}

pub(super) fn check(t: &Scanned, _ctx: &Ctx, out: &mut Vec<Hit>) {
    for h in 0..t.len() {
        if t.at(h) != Some('号') {
            continue;
        }
        let serial_len = (0..h)
            .rev()
            .take_while(|&j| t.at(j).is_some_and(|c| c.is_ascii_digit()))
            .count();
        if serial_len == 0 {
            continue;
        }
        let serial_start = h - serial_len;
        let di = serial_start > 0 && t.at(serial_start - 1) == Some('第');
        let before_serial = serial_start - usize::from(di);
        let Some(mark) = before_serial.checked_sub(1).and_then(|j| t.at(j)) else {
            continue;
        };
        if CLOSERS.contains(mark) {
            let close = before_serial - 1;
            let year_len = (0..close)
                .rev()
                .take_while(|&j| t.at(j).is_some_and(|c| c.is_ascii_digit()))
                .count();
            if year_len == 0 {
                continue;
            }
            let year_start = close - year_len;
            let open_mark = year_start.checked_sub(1).and_then(|j| t.at(j));
            match open_mark {
                Some(o) if OPENERS.contains(o) => {
                    let open = year_start - 1;
                    if han_before(t, open) < 2 {
                        continue;
                    }
                    cited(t, open, year_start, close, di, serial_start, h, out);
                }
                // 国市监质2021〕51号: the opening bracket is missing.
                _ if year_len == 4 && han_before(t, year_start) >= 2 => {
                    let year = &t.text[t.range(year_start, close)];
                    out.push(
                        Hit::new(
                            "docno.broken",
                            Severity::Error,
                            t.range(year_start, h + 1),
                            "文号的年份缺少前括号“〔”",
                        )
                        .fix(format!(
                            "〔{year}〕{}号",
                            t.text[t.range(serial_start, h)].trim_start_matches('0')
                        )),
                    );
                }
                _ => {}
            }
        } else if OPENERS.contains(mark) && !di {
            // 国市监质〔202151号: year and serial run together.
            let open = before_serial - 1;
            if serial_len >= 5 && han_before(t, open) >= 2 {
                let digits = &t.text[t.range(serial_start, h)];
                let year: u32 = digits[..4].parse().unwrap_or(0);
                let mut hit = Hit::new(
                    "docno.broken",
                    Severity::Error,
                    t.range(open, h + 1),
                    "文号的年份缺少后括号“〕”",
                );
                let serial = digits[4..].trim_start_matches('0');
                if (1949..=2100).contains(&year) && !serial.is_empty() {
                    hit = hit.fix(format!("〔{year}〕{serial}号"));
                }
                out.push(hit);
            }
        }
    }
}

/// A cited number with both brackets: 国市监质〔2021〕51号.
#[allow(clippy::too_many_arguments)]
fn cited(
    t: &Scanned,
    open: usize,
    year_start: usize,
    close: usize,
    di: bool,
    serial_start: usize,
    h: usize,
    out: &mut Vec<Hit>,
) {
    let year = &t.text[t.range(year_start, close)];
    let brackets_ok = t.at(open) == Some('〔') && t.at(close) == Some('〕');
    if !brackets_ok {
        out.push(
            Hit::new(
                "docno.bracket",
                Severity::Error,
                t.range(open, close + 1),
                "文号中的年份用六角括号“〔〕”",
            )
            .fix(format!("〔{year}〕")),
        );
    }
    match year.len() {
        4 => {}
        2 => out.push(
            Hit::new(
                "docno.year",
                Severity::Error,
                t.range(year_start, close),
                "文号中的年份应标全称（四位数）",
            )
            .fix(format!("20{year}")),
        ),
        _ => out.push(Hit::new(
            "docno.year",
            Severity::Error,
            t.range(year_start, close),
            "文号中的年份应为四位数",
        )),
    }
    if di {
        out.push(
            Hit::new(
                "docno.di",
                Severity::Error,
                t.range(serial_start - 1, serial_start),
                "文号的序号前不加“第”",
            )
            .fix(""),
        );
    }
    let serial = &t.text[t.range(serial_start, h)];
    if serial.len() > 1 && serial.starts_with('0') {
        let trimmed = serial.trim_start_matches('0');
        let mut hit = Hit::new(
            "docno.leading_zero",
            Severity::Error,
            t.range(serial_start, h),
            "文号的序号不编虚位（不在前面加0）",
        );
        if !trimmed.is_empty() {
            hit = hit.fix(trimmed);
        }
        out.push(hit);
    }
}

/// The notice's own 发文字号: its 机关代字 holds no bracket, 第 or number.
pub(super) fn check_notice(notice: &Notice, out: &mut Vec<Finding>) {
    let number = &notice.header.doc_number;
    let prefix = number.prefix.trim();
    if prefix.is_empty() {
        return;
    }
    let bad = prefix
        .chars()
        .any(|c| OPENERS.contains(c) || CLOSERS.contains(c) || c == '第' || c.is_whitespace())
        || prefix.ends_with(|c: char| c.is_ascii_digit() || c == '号');
    if bad {
        let text = number.to_string();
        out.push(place_hit(
            notice,
            Place::DocNumber,
            &text,
            Hit::new(
                "docno.own",
                Severity::Error,
                0..prefix.len(),
                format!("发文字号的机关代字“{prefix}”中不应有括号、“第”、数字或空格"),
            ),
        ));
    }
}
