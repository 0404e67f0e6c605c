//! 标点 (GB/T 15834-2011; titles, 附件说明 and 主送 per GB/T 9704-2012).

use super::scan::{is_han, is_zh_closing, is_zh_opening, Scanned};
use super::{Ctx, FieldKind, Hit, Severity};

pub(super) fn check(t: &Scanned, ctx: &Ctx, out: &mut Vec<Hit>) {
    halfwidth(t, out);
    unpaired(t, out);
    doubled(t, out);
    ellipsis(t, out);
    dash(t, out);
    ends(t, ctx, out);
}

/// The full-width form of a half-width mark.
fn full_width(c: char) -> char {
    match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '!' => '！',
        '?' => '？',
        '.' => '。',
        '(' => '（',
        ')' => '）',
        other => other,
    }
}

/// GB/T 15834-2011 §5.1: in Chinese text every mark takes a full character
/// space (全角). A half-width mark is reported only where it touches a
/// 汉字, so numbers (1,000; 9:30; 3.5), addresses and e-mail stay alone.
fn halfwidth(t: &Scanned, out: &mut Vec<Hit>) {
    let mut k = 0;
    let mut straight_quotes = 0;
    // The ) of a pair already reported with its (.
    let mut paired_close = None;
    while k < t.len() {
        let c = t.at(k).unwrap_or_default();
        let p = t.before(k);
        let n = t.at(k + 1);
        let han_before = p.is_some_and(|p| is_han(p) || is_zh_closing(p));
        let han_after = n.is_some_and(is_han);
        let ascii_before = p.is_some_and(|p| p.is_ascii_alphanumeric());
        match c {
            // Between two 汉字 a ? is a character lost in an encoding
            // (text.mojibake), not a question mark.
            ',' | ';' | ':' | '!' | '?'
                if (han_before || (han_after && !ascii_before))
                    && !(c == '?' && lost_character(t, k)) =>
            {
                out.push(report(t, k, k + 1, c));
            }
            '.' => {
                let end = n.is_none_or(|n| n.is_whitespace() || is_han(n) || is_zh_opening(n));
                // 一. at a line's start is ordinal.style's.
                let ordinal = t
                    .line_before(k)
                    .trim_start()
                    .chars()
                    .all(|c| "一二三四五六七八九十".contains(c));
                if p.is_some_and(is_han) && end && t.at(k + 1) != Some('.') && !ordinal {
                    out.push(report(t, k, k + 1, c));
                }
            }
            '(' => {
                let close = (k + 1..t.len())
                    .take_while(|&j| !matches!(t.at(j), Some('\n' | '(' | '（')))
                    .find(|&j| matches!(t.at(j), Some(')' | '）')));
                if let Some(j) = close {
                    let inner = &t.text[t.range(k + 1, j)];
                    let touches =
                        han_before || inner.chars().any(is_han) || t.at(j + 1).is_some_and(is_han);
                    // (2021)51号 is the 文号's (docno.bracket); () is an
                    // ordinal left out (ordinal.empty).
                    let docno_year = !inner.is_empty()
                        && inner.chars().all(|c| c.is_ascii_digit())
                        && t.at(j + 1).is_some_and(|c| c.is_ascii_digit() || c == '第');
                    if touches && !docno_year && !inner.trim().is_empty() {
                        let fixed = format!("（{inner}）");
                        out.push(
                            Hit::new(
                                "punct.halfwidth",
                                Severity::Error,
                                t.range(k, j + 1),
                                "中文里的括号应为全角“（）”",
                            )
                            .fix(fixed),
                        );
                    }
                    paired_close = Some(j);
                } else if han_before || han_after {
                    out.push(report(t, k, k + 1, c));
                }
            }
            ')' if paired_close != Some(k) && p.is_some_and(is_han) => {
                out.push(report(t, k, k + 1, c));
            }
            '"' => {
                straight_quotes += 1;
                if han_before || han_after || p.is_some_and(|p| "，。：；、".contains(p)) {
                    let q = if straight_quotes % 2 == 1 {
                        "“"
                    } else {
                        "”"
                    };
                    out.push(
                        Hit::new(
                            "punct.halfwidth",
                            Severity::Error,
                            t.range(k, k + 1),
                            "中文里的引号应为全角“”",
                        )
                        .fix(q),
                    );
                }
            }
            _ => {}
        }
        k += 1;
    }
}

/// A run of ? between two 汉字.
fn lost_character(t: &Scanned, k: usize) -> bool {
    let mut from = k;
    while t.before(from) == Some('?') {
        from -= 1;
    }
    let mut to = k + 1;
    while t.at(to) == Some('?') {
        to += 1;
    }
    t.before(from).is_some_and(is_han) && t.at(to).is_some_and(is_han)
}

fn report(t: &Scanned, from: usize, to: usize, c: char) -> Hit {
    let full = full_width(c);
    Hit::new(
        "punct.halfwidth",
        Severity::Error,
        t.range(from, to),
        format!("中文里用了半角“{c}”，应为全角“{full}”"),
    )
    .fix(full.to_string())
}

/// GB/T 15834-2011 §4.8 (引号), §4.9 (括号), §4.15 (书名号): marks that
/// come in pairs. Double quotes do not nest in themselves (§4.8.3: inner
/// quotes are single), so a second “ while one is open means the first
/// was never closed.
fn unpaired(t: &Scanned, out: &mut Vec<Hit>) {
    const PAIRS: [(char, char); 7] = [
        ('“', '”'),
        ('‘', '’'),
        ('《', '》'),
        ('（', '）'),
        ('〔', '〕'),
        ('【', '】'),
        ('〈', '〉'),
    ];
    let mut stack: Vec<(usize, char)> = Vec::new();
    let hit = |k: usize, c: char, what: &str| {
        Hit::new(
            "punct.unpaired",
            Severity::Error,
            t.range(k, k + 1),
            format!("“{c}”{what}"),
        )
    };
    for k in 0..t.len() {
        let c = t.at(k).unwrap_or_default();
        // A 〔 or 〕 of a broken 文号 (〔202151号) is docno.broken's.
        let number_bracket = (c == '〔' && t.at(k + 1).is_some_and(|d| d.is_ascii_digit()))
            || (c == '〕' && t.before(k).is_some_and(|d| d.is_ascii_digit()));
        if number_bracket && !stack.iter().any(|&(_, o)| o == '〔') && c == '〕' {
            continue;
        }
        if number_bracket
            && c == '〔'
            && !t.text[t.offset(k)..]
                .split('号')
                .next()
                .unwrap_or("")
                .contains('〕')
        {
            continue;
        }
        if PAIRS.iter().any(|(o, _)| *o == c) {
            if c == '“' && stack.last().is_some_and(|&(_, o)| o == '“') {
                // “质量月“: the second is a closing quote typed wrongly.
                stack.pop();
                out.push(
                    Hit::new(
                        "punct.unpaired",
                        Severity::Error,
                        t.range(k, k + 1),
                        "引号不成对：这里应为后引号“””",
                    )
                    .fix("”"),
                );
                continue;
            }
            stack.push((k, c));
        } else if let Some(&(open, _)) = PAIRS.iter().find(|(_, cl)| *cl == c) {
            match stack.iter().rposition(|&(_, o)| o == open) {
                Some(pos) => {
                    for &(j, o) in &stack[pos + 1..] {
                        out.push(hit(j, o, "没有对应的后一半"));
                    }
                    stack.truncate(pos);
                }
                None => {
                    // 1） and 一） at a line's start are list numbers, not
                    // a bracket closed twice (ordinal.style speaks of them).
                    let line = t.line_before(k).trim_start();
                    let ordinal = !line.is_empty()
                        && line
                            .chars()
                            .all(|d| d.is_ascii_digit() || "一二三四五六七八九十".contains(d));
                    if !ordinal {
                        out.push(hit(k, c, "没有对应的前一半"));
                    }
                }
            }
        }
    }
    for (j, o) in stack {
        out.push(hit(j, o, "没有对应的后一半"));
    }
}

/// GB/T 15834-2011 §4.1–§4.7: one 点号 at a time; ，。 or 。。 is a slip.
/// Runs of three 。 are an ellipsis written wrongly (punct.ellipsis).
fn doubled(t: &Scanned, out: &mut Vec<Hit>) {
    const MARKS: &str = "，。、；：";
    let mut k = 0;
    while k + 1 < t.len() {
        let a = t.at(k).unwrap_or_default();
        let b = t.at(k + 1).unwrap_or_default();
        let same_twice = a == b && (a == '？' || a == '！');
        if (MARKS.contains(a) && MARKS.contains(b)) || same_twice {
            let mut end = k + 2;
            while t.at(end).is_some_and(|c| MARKS.contains(c)) {
                end += 1;
            }
            let run: String = t.text[t.range(k, end)].to_owned();
            if run.chars().all(|c| c == '。') && end - k >= 3 {
                k = end;
                continue;
            }
            let mut hit = Hit::new(
                "punct.doubled",
                Severity::Error,
                t.range(k, end),
                format!("标点“{run}”重复"),
            );
            if run.chars().all(|c| c == a) {
                hit = hit.fix(a.to_string());
            }
            out.push(hit);
            k = end;
            continue;
        }
        k += 1;
    }
}

/// GB/T 15834-2011 §4.11: the 省略号 is …… (two …, six dots), not one …,
/// 。。。, ... or ···.
fn ellipsis(t: &Scanned, out: &mut Vec<Hit>) {
    let mut k = 0;
    while k < t.len() {
        let c = t.at(k).unwrap_or_default();
        let run = |mark: char| {
            let mut n = 0;
            while t.at(k + n) == Some(mark) {
                n += 1;
            }
            n
        };
        let n = match c {
            '…' => run('…'),
            '。' | '.' | '·' | '・' => run(c),
            _ => 0,
        };
        let wrong = match c {
            '…' => n % 2 == 1,
            '。' | '·' | '・' => n >= 3,
            '.' => n >= 3 && (t.before(k).is_some_and(is_han) || t.at(k + n).is_some_and(is_han)),
            _ => false,
        };
        if wrong {
            let found = &t.text[t.range(k, k + n)];
            out.push(
                Hit::new(
                    "punct.ellipsis",
                    Severity::Error,
                    t.range(k, k + n),
                    format!("省略号应为“……”，不是“{found}”"),
                )
                .fix("……"),
            );
        }
        k += n.max(1);
    }
}

/// GB/T 15834-2011 §4.10 (破折号 ——, two em dashes) and §4.13 (连接号, a
/// single — ～ or -): -- ── －－ and ——— are neither.
fn dash(t: &Scanned, out: &mut Vec<Hit>) {
    let mut k = 0;
    while k < t.len() {
        let c = t.at(k).unwrap_or_default();
        let mut n = 0;
        while t.at(k + n) == Some(c) {
            n += 1;
        }
        let wrong = match c {
            '-' | '－' | '─' | '━' => n >= 2,
            '—' => n >= 3,
            _ => false,
        };
        let p = t.before(k);
        let next = t.at(k + n);
        let chinese = p.is_some_and(|p| is_han(p) || is_zh_closing(p) || "日月年".contains(p))
            || next.is_some_and(|n| is_han(n) || is_zh_opening(n));
        if wrong && (chinese || c != '-') {
            // Between a date and a number it joins a range: a 连接号.
            let range = next.is_some_and(|n| n.is_ascii_digit())
                && p.is_some_and(|p| p.is_ascii_digit() || "日月年时".contains(p));
            let fix = if range { "—" } else { "——" };
            let found = &t.text[t.range(k, k + n)];
            out.push(
                Hit::new(
                    "punct.dash",
                    Severity::Error,
                    t.range(k, k + n),
                    format!("“{found}”不是规范的破折号“——”或连接号“—”"),
                )
                .fix(fix),
            );
        }
        k += n.max(1);
    }
}

/// A title ends without a 点号 (GB/T 9704-2012 §7.3.1); an 附件名称 takes
/// no final mark (§7.3.4); 主送 entries are joined by ， and end in the ：
/// the export adds (§7.3.2), so their own final 。；、 is wrong.
fn ends(t: &Scanned, ctx: &Ctx, out: &mut Vec<Hit>) {
    let marks: &str = match ctx.kind {
        FieldKind::Title | FieldKind::Attachment => "。，；：、.,;:！!",
        FieldKind::Recipient => "。；、.;",
        _ => return,
    };
    let end = t.text.trim_end();
    let mut k = t.text[..end.len()].chars().count();
    let last = k;
    while k > 0 && t.at(k - 1).is_some_and(|c| marks.contains(c)) {
        k -= 1;
    }
    if k == last || k == 0 {
        return;
    }
    let (rule, what) = match ctx.kind {
        FieldKind::Title => ("punct.title_end", "标题末尾不加标点"),
        FieldKind::Attachment => ("punct.attachment_end", "附件名称后不加标点"),
        _ => (
            "punct.recipient_end",
            "主送机关之间用逗号，最后一个机关名称后用全角冒号（导出时自动加）",
        ),
    };
    out.push(Hit::new(rule, Severity::Error, t.range(k, last), what).fix(""));
}
