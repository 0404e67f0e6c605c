//! 数字与日期 (GB/T 15835-2011; the 成文日期 per GB/T 9704-2012 §7.3.5).

use super::scan::Scanned;
use super::{place_hit, Ctx, FieldKind, Finding, Hit, Place, Severity};
use crate::model::{DocDate, Notice, SectionContent};

pub(super) fn check(t: &Scanned, ctx: &Ctx, out: &mut Vec<Hit>) {
    arabic_dates(t, ctx, out);
    chinese_numeral_dates(t, out);
}

fn days_in(year: Option<u16>, month: u32) -> u32 {
    // Without a year, 2月29日 may be right.
    let leap = year.is_none_or(|y| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        _ => 28,
    }
}

/// Day of the week, 0 = Sunday (Sakamoto's method).
pub(super) fn weekday(year: u16, month: u32, day: u32) -> u32 {
    const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = u32::from(year) - u32::from(month < 3);
    (y + y / 4 - y / 100 + y / 400 + T[(month - 1) as usize] + day) % 7
}

const WEEKDAYS: &str = "日一二三四五六";

/// Dates in Arabic numerals: 2021年9月6日, 9月6日, 6日 (a range's end).
fn arabic_dates(t: &Scanned, ctx: &Ctx, out: &mut Vec<Hit>) {
    let mut k = 0;
    while k < t.len() {
        let d = t.digits_at(k);
        if d == 0 || t.before(k).is_some_and(|c| c.is_ascii_digit() || c == '.') {
            k += 1;
            continue;
        }
        let start = k;
        let after = t.at(k + d);
        let value = t.number(k, k + d).unwrap_or(u32::MAX);
        let mut year = None;
        let mut month = None;
        let mut day = None;
        let mut end;
        match after {
            Some('年') if d == 4 => {
                // GB/T 15835-2011 §4.1: years in full Arabic numerals; a
                // notice's years lie in a plausible span.
                if !(1900..=2100).contains(&value) {
                    out.push(Hit::new(
                        "date.year_range",
                        Severity::Warning,
                        t.range(k, k + d + 1),
                        format!("{value}年不在1900年至2100年之间，请核对"),
                    ));
                }
                year = Some(value as u16);
                end = k + d + 1;
                year_mismatch(t, ctx, k, value, out);
            }
            Some('年') if (5..=8).contains(&d) => {
                out.push(Hit::new(
                    "date.year_range",
                    Severity::Error,
                    t.range(k, k + d + 1),
                    format!("“{}”的年份不是四位数", &t.text[t.range(k, k + d + 1)]),
                ));
                k += d + 1;
                continue;
            }
            Some('年') if d == 2 => {
                // GB/T 15835-2011 §5.2: years are not shortened (21年 for
                // 2021年). Only with a month after it, so 近10年 stays.
                let m = t.digits_at(k + 3);
                if m > 0 && m <= 2 && t.at(k + 3 + m) == Some('月') {
                    let century = match ctx.year {
                        Some(y) if value > u32::from(y % 100) + 1 => 1900,
                        _ => 2000,
                    };
                    out.push(
                        Hit::new(
                            "date.abbreviated_year",
                            Severity::Error,
                            t.range(k, k + 3),
                            "年份应写全，不能简写",
                        )
                        .fix(format!("{}年", century + value)),
                    );
                }
                k += d + 1;
                continue;
            }
            Some('月') if d <= 2 => {
                month = Some(value);
                end = k + d + 1;
            }
            Some('月' | '日') if (5..=8).contains(&d) => {
                out.push(Hit::new(
                    "date.run_in",
                    Severity::Error,
                    t.range(k, k + d + 1),
                    "年、月、日的数字连在一起，无法读出日期",
                ));
                k += d + 1;
                continue;
            }
            Some('日') if d <= 2 => {
                day = Some(value);
                end = k + d + 1;
            }
            _ => {
                k += d;
                continue;
            }
        }
        // After the year: the month; after the month: the day.
        if year.is_some() {
            let m = t.digits_at(end);
            match t.at(end + m) {
                Some('月') if m > 0 && m <= 2 => {
                    month = t.number(end, end + m);
                    end += m + 1;
                }
                Some('日') if m >= 3 => {
                    out.push(Hit::new(
                        "date.run_in",
                        Severity::Error,
                        t.range(start, end + m + 1),
                        "月、日的数字连在一起，无法读出日期",
                    ));
                    k = end + m + 1;
                    continue;
                }
                _ => {}
            }
        }
        if month.is_some() {
            let m = t.digits_at(end);
            if m > 0 && m <= 2 && t.at(end + m) == Some('日') {
                day = t.number(end, end + m);
                end += m + 1;
            }
        }
        let written = &t.text[t.range(start, end)];
        let valid = match (month, day) {
            (Some(m), Some(dd)) => (1..=12).contains(&m) && dd >= 1 && dd <= days_in(year, m),
            (Some(m), None) => (1..=12).contains(&m),
            (None, Some(dd)) => (1..=31).contains(&dd),
            (None, None) => true,
        };
        if !valid {
            // A range's end (1日—32日?) or a count (第13月?) written with
            // 月/日 is still a date in a notice.
            out.push(Hit::new(
                "date.invalid",
                Severity::Error,
                t.range(start, end),
                format!("“{written}”不是存在的日期"),
            ));
        } else if let (Some(m), Some(dd)) = (month, day) {
            weekday_check(t, ctx, end, year, m, dd, out);
        }
        k = end.max(k + 1);
    }
}

/// 9月15日（星期三）: the weekday must be the date's.
fn weekday_check(
    t: &Scanned,
    ctx: &Ctx,
    end: usize,
    year: Option<u16>,
    month: u32,
    day: u32,
    out: &mut Vec<Hit>,
) {
    let mut k = end;
    if matches!(t.at(k), Some('（' | '(')) {
        k += 1;
    }
    let name_len = if t.starts_with_at(k, "星期") {
        2
    } else if t.starts_with_at(k, "周") {
        1
    } else {
        return;
    };
    let Some(w) = t.at(k + name_len) else {
        return;
    };
    let Some(written) = WEEKDAYS.find(w).map(|i| i / 3).or((w == '天').then_some(0)) else {
        return;
    };
    let (severity, year) = match (year, ctx.year) {
        (Some(y), _) => (Severity::Error, y),
        // The year is the notice's, a guess: only probably wrong.
        (None, Some(y)) => (Severity::Warning, y),
        _ => return,
    };
    let actual = weekday(year, month, day) as usize;
    if actual != written {
        let right = WEEKDAYS.chars().nth(actual).unwrap_or('日');
        out.push(
            Hit::new(
                "date.weekday",
                severity,
                t.range(k + name_len, k + name_len + 1),
                format!("{year}年{month}月{day}日是星期{right}，不是星期{w}"),
            )
            .fix(right.to_string()),
        );
    }
}

/// 2020年“质量月” in a notice of the 2021 campaign.
fn year_mismatch(t: &Scanned, ctx: &Ctx, k: usize, value: u32, out: &mut Vec<Hit>) {
    let (Some(year), false) = (ctx.year, ctx.campaign.is_empty()) else {
        return;
    };
    if value == u32::from(year) {
        return;
    }
    let rest = &t.text[t.offset(k + 5)..];
    let rest = rest.strip_prefix('度').unwrap_or(rest);
    let rest = rest.strip_prefix("全国").unwrap_or(rest);
    let rest = rest.strip_prefix(['“', '"']).unwrap_or(rest);
    if !rest.starts_with(ctx.campaign) {
        return;
    }
    // In a title the year is certainly the campaign's; in the text it may
    // be last year's campaign, cited.
    let severity = if ctx.kind == FieldKind::Title {
        Severity::Error
    } else {
        Severity::Warning
    };
    out.push(
        Hit::new(
            "date.year_mismatch",
            severity,
            t.range(k, k + 4),
            format!(
                "本次活动是{year}年的“{}”，这里写的是{value}年",
                ctx.campaign
            ),
        )
        .fix(year.to_string()),
    );
}

fn chinese_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .find(c)
        .map(|i| (i / 3) as u32)
        .or(match c {
            '○' | '零' | 'О' | 'Ｏ' => Some(0),
            _ => None,
        })
}

/// 二〇二一年九月六日: GB/T 15835-2011 §4.1 and GB/T 9704-2012 §7.3.5 want
/// Arabic numerals in dates; the conversion is mechanical.
fn chinese_numeral_dates(t: &Scanned, out: &mut Vec<Hit>) {
    let mut k = 0;
    while k + 4 < t.len() {
        let digits: Option<Vec<u32>> = (k..k + 4)
            .map(|j| t.at(j).and_then(chinese_digit))
            .collect();
        let starts = t.before(k).is_none_or(|c| chinese_digit(c).is_none());
        let (Some(digits), true, Some('年')) = (digits, starts, t.at(k + 4)) else {
            k += 1;
            continue;
        };
        let year = digits.iter().fold(0, |a, d| a * 10 + d);
        let mut end = k + 5;
        let mut fixed = format!("{year}年");
        let small = |from: usize, unit: char| -> Option<(u32, usize)> {
            (1..=3).find_map(|len| {
                let s: String = (from..from + len).filter_map(|j| t.at(j)).collect();
                (s.chars().count() == len && t.at(from + len) == Some(unit))
                    .then(|| super::scan::chinese_number(&s).map(|n| (n, len + 1)))
                    .flatten()
            })
        };
        if let Some((m, used)) = small(end, '月') {
            fixed.push_str(&format!("{m}月"));
            end += used;
            if let Some((d, used)) = small(end, '日') {
                fixed.push_str(&format!("{d}日"));
                end += used;
            }
        }
        out.push(
            Hit::new(
                "date.chinese_numerals",
                Severity::Warning,
                t.range(k, end),
                "日期中的年、月、日用阿拉伯数字",
            )
            .fix(fixed),
        );
        k = end;
    }
}

/// The first date of the 活动时间 section (9月1日至30日 → 9月1日), in the
/// notice's year.
fn campaign_start(notice: &Notice, year: u16) -> Option<DocDate> {
    notice.sections.iter().find_map(|s| match &s.content {
        SectionContent::Time { text } => {
            let t = Scanned::new(text);
            (0..t.len()).find_map(|k| {
                let m = t.digits_at(k);
                if m == 0
                    || m > 2
                    || t.at(k + m) != Some('月')
                    || t.before(k).is_some_and(|c| c.is_ascii_digit())
                {
                    return None;
                }
                let d = t.digits_at(k + m + 1);
                let month = t.number(k, k + m)?;
                let day = if d > 0 && t.at(k + m + 1 + d) == Some('日') {
                    t.number(k + m + 1, k + m + 1 + d)?
                } else {
                    1
                };
                let explicit_year = text[..t.offset(k)]
                    .strip_suffix('年')
                    .and_then(|h| h.get(h.len().saturating_sub(4)..))
                    .and_then(|y| y.parse().ok());
                DocDate::new(explicit_year.unwrap_or(year), month as u8, day as u8)
            })
        }
        _ => None,
    })
}

/// Deadlines (总结报送) before the 成文日期 or before the campaign starts.
pub(super) fn check_notice(notice: &Notice, out: &mut Vec<Finding>) {
    for (s, section) in notice.sections.iter().enumerate() {
        let SectionContent::Summary(summary) = &section.content else {
            continue;
        };
        let Some(deadline) = summary.deadline else {
            continue;
        };
        let field = Place::SummaryDeadline(s);
        let text = deadline.to_string();
        let whole = 0..text.len();
        if let Some(date) = notice.signature.date {
            if deadline < date {
                out.push(place_hit(
                    notice,
                    field,
                    &text,
                    Hit::new(
                        "date.deadline_order",
                        Severity::Error,
                        whole.clone(),
                        format!("报送截止日期{deadline}早于成文日期{date}"),
                    ),
                ));
                continue;
            }
        }
        if let Some(year) = notice.campaign.year {
            if let Some(start) = campaign_start(notice, year) {
                if deadline < start {
                    out.push(place_hit(
                        notice,
                        field,
                        &text,
                        Hit::new(
                            "date.deadline_order",
                            Severity::Warning,
                            whole.clone(),
                            format!("报送截止日期{deadline}早于活动开始日期{start}"),
                        ),
                    ));
                    continue;
                }
            }
            if deadline.year != year && deadline.year != year + 1 {
                out.push(place_hit(
                    notice,
                    field,
                    &text,
                    Hit::new(
                        "date.year_mismatch",
                        Severity::Warning,
                        0..4,
                        format!("截止日期的年份{}与活动年度{year}不符", deadline.year),
                    ),
                ));
            }
        }
    }
}
