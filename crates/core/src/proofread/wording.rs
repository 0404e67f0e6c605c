//! 文字: mojibake and web-page leftovers, traditional characters, characters
//! the GB2312 fonts lack, and a small lexicon of common 公文 misspellings.

use super::hanzi::{in_gb2312, simplified};
use super::scan::{is_han, Scanned};
use super::{Ctx, Hit, Severity};

pub(super) fn check(t: &Scanned, ctx: &Ctx, out: &mut Vec<Hit>) {
    mojibake(t, out);
    web_leftovers(t, out);
    characters(t, ctx, out);
    lexicon(t, out);
}

/// GB/T 9704-2012 §5.1 (the text as printed): what a broken encoding leaves
/// is never text: U+FFFD, 锟斤拷 (U+FFFD read as GBK), 烫烫/屯屯 (uninitialised
/// memory), UTF-8 read as Latin-1 (â€œ), and ? standing for a 汉字 that
/// an encoder could not write.
fn mojibake(t: &Scanned, out: &mut Vec<Hit>) {
    const SEQUENCES: [&str; 6] = ["锟斤拷", "烫烫烫", "屯屯屯", "â€", "Ã", "ï¿½"];
    let mut k = 0;
    while k < t.len() {
        let c = t.at(k).unwrap_or_default();
        let mut n = 0;
        if c == '\u{FFFD}' || c == '?' {
            while t.at(k + n) == Some(c) {
                n += 1;
            }
            let between = t.before(k).is_some_and(is_han) && t.at(k + n).is_some_and(is_han);
            if c == '?' && !between {
                n = 0;
            }
        } else if let Some(s) = SEQUENCES.iter().find(|s| t.starts_with_at(k, s)) {
            n = s.chars().count();
        }
        if n > 0 {
            let found = &t.text[t.range(k, k + n)];
            out.push(Hit::new(
                "text.mojibake",
                Severity::Error,
                t.range(k, k + n),
                format!("“{found}”是乱码（编码转换时丢失的字），请对照原文改正"),
            ));
            k += n;
        } else {
            k += 1;
        }
    }
}

/// HTML entities and tags, and the furniture of a web page (分享、打印、
/// 上一篇…), left by copying a notice from a site.
fn web_leftovers(t: &Scanned, out: &mut Vec<Hit>) {
    const ENTITIES: [(&str, &str); 18] = [
        ("&amp;nbsp;", ""),
        ("&nbsp;", ""),
        ("&nbsp", ""),
        ("&bsp;", ""),
        ("&ensp;", ""),
        ("&emsp;", ""),
        ("&#160;", ""),
        ("&#12288;", ""),
        ("&ldquo;", "“"),
        ("&rdquo;", "”"),
        ("&lsquo;", "‘"),
        ("&rsquo;", "’"),
        ("&mdash;", "—"),
        ("&hellip;", "…"),
        ("&middot;", "·"),
        ("&quot;", "\""),
        ("&lt;", "<"),
        ("&gt;", ">"),
    ];
    const TAGS: [&str; 8] = [
        "<br>", "<br/>", "<br />", "<p>", "</p>", "</span>", "<div>", "</div>",
    ];
    const FURNITURE: [&str; 14] = [
        "扫一扫",
        "分享到",
        "打印本页",
        "关闭窗口",
        "【打印】",
        "【关闭】",
        "【字体：",
        "字体：大 中 小",
        "浏览次数：",
        "阅读次数：",
        "点击数：",
        "责任编辑：",
        "上一篇：",
        "下一篇：",
    ];
    let mut k = 0;
    while k < t.len() {
        let entity = ENTITIES.iter().find(|(e, _)| t.starts_with_at(k, e));
        if let Some((e, fix)) = entity {
            let n = e.chars().count();
            out.push(
                Hit::new(
                    "text.web_leftover",
                    Severity::Error,
                    t.range(k, k + n),
                    format!("“{e}”是网页代码，不是正文"),
                )
                .fix(*fix),
            );
            k += n;
            continue;
        }
        if let Some(tag) = TAGS.iter().find(|tag| t.starts_with_at(k, tag)) {
            let n = tag.chars().count();
            out.push(
                Hit::new(
                    "text.web_leftover",
                    Severity::Error,
                    t.range(k, k + n),
                    format!("“{tag}”是网页标签，不是正文"),
                )
                .fix(""),
            );
            k += n;
            continue;
        }
        if let Some(f) = FURNITURE.iter().find(|f| t.starts_with_at(k, f)) {
            let n = f.chars().count();
            out.push(Hit::new(
                "text.web_leftover",
                Severity::Warning,
                t.range(k, k + n),
                format!("“{f}”像是从网页复制时带进来的页面文字"),
            ));
            k += n;
            continue;
        }
        k += 1;
    }
}

/// Traditional characters in a simplified notice (《通用规范汉字表》), with
/// the conversion; 汉字 outside GB2312 while the GB2312 fonts are chosen
/// (GB/T 9704-2012 §5.2 names 仿宋_GB2312), which print in another font.
fn characters(t: &Scanned, ctx: &Ctx, out: &mut Vec<Hit>) {
    let mut k = 0;
    while k < t.len() {
        let c = t.at(k).unwrap_or_default();
        if !ctx.traditional_notice && simplified(c).is_some() {
            let mut n = 0;
            while t.at(k + n).and_then(simplified).is_some() {
                n += 1;
            }
            let fixed: String = (k..k + n)
                .filter_map(|j| t.at(j).and_then(simplified))
                .collect();
            let found = &t.text[t.range(k, k + n)];
            out.push(
                Hit::new(
                    "text.traditional",
                    Severity::Error,
                    t.range(k, k + n),
                    format!("“{found}”是繁体字，应为“{fixed}”"),
                )
                .fix(fixed),
            );
            k += n;
            continue;
        }
        if ctx.options.gb2312_fonts && is_han(c) && !in_gb2312(c) && simplified(c).is_none() {
            let mut n = 0;
            while t
                .at(k + n)
                .is_some_and(|c| is_han(c) && !in_gb2312(c) && simplified(c).is_none())
            {
                n += 1;
            }
            let found = &t.text[t.range(k, k + n)];
            out.push(Hit::new(
                "text.gb2312",
                Severity::Warning,
                t.range(k, k + n),
                format!(
                    "“{found}”不在GB2312字符集内，仿宋_GB2312、楷体_GB2312没有这个字，打印时会换成别的字体；可在“检查与导出”改用“仿宋”“楷体”"
                ),
            ));
            k += n;
            continue;
        }
        k += 1;
    }
}

/// A misspelling, its correction and why.
struct Entry {
    wrong: &'static str,
    right: &'static str,
    why: &'static str,
}

const fn entry(wrong: &'static str, right: &'static str, why: &'static str) -> Entry {
    Entry { wrong, right, why }
}

/// Common misspellings in 公文, each with the reason. Only sequences that
/// are never right are listed (布署 is never a word; 截止 is, so it is only
/// reported before a date, where 截至 is meant).
const LEXICON: &[Entry] = &[
    entry("布署", "部署", "“部署”指安排、布置，“部”不作“布”"),
    entry("部暑", "部署", "“部署”的“署”是安排之意，不是“暑”"),
    entry("贯切", "贯彻", "“贯彻”的“彻”是彻底、通达"),
    entry("即然", "既然", "“既然”表示先提出前提，用“既”"),
    entry("既使", "即使", "“即使”表示假设让步，用“即”"),
    entry("必竟", "毕竟", "“毕竟”的“毕”是完结"),
    entry("按装", "安装", "“安装”的“安”是安放"),
    entry("松驰", "松弛", "“弛”是放松弓弦，与“驰”（奔驰）不同"),
    entry("急燥", "急躁", "“躁”从足，性急；“燥”从火，干燥"),
    entry("坐阵", "坐镇", "“坐镇”是亲自在某地镇守"),
    entry("峻工", "竣工", "“竣”是完毕，“峻”是高"),
    entry("签定", "签订", "订立合同、协议用“签订”"),
    entry("帐号", "账号", "与钱财、记录有关的用“账”"),
    entry("帐户", "账户", "与钱财、记录有关的用“账”"),
    entry("再接再励", "再接再厉", "“厉”同“砺”，磨快"),
    entry("厉精图治", "励精图治", "“励精”是振奋精神"),
    entry("一愁莫展", "一筹莫展", "“筹”是计策"),
    entry("按步就班", "按部就班", "“部”是门类，“班”是次序"),
    entry("迫不急待", "迫不及待", "“及”是赶上"),
    entry("走头无路", "走投无路", "“投”是投奔"),
    entry("名符其实", "名副其实", "“副”是相称"),
    entry("一如继往", "一如既往", "“既往”是以往"),
    entry("墨守陈规", "墨守成规", "“成规”是现成的规矩"),
    entry("默守成规", "墨守成规", "“墨守”出自墨子善守"),
    entry("直接了当", "直截了当", "“直截”是径直、干脆"),
    entry("坚苦奋斗", "艰苦奋斗", "“艰苦”是艰难困苦"),
    entry("精萃", "精粹", "“精粹”是精美纯粹"),
    entry("荟粹", "荟萃", "“荟萃”是聚集"),
    entry("凭心而论", "平心而论", "“平心”是心平气和"),
    entry("针贬", "针砭", "“砭”是治病的石针"),
    entry("迫在眉捷", "迫在眉睫", "“睫”是睫毛"),
    entry("穿流不息", "川流不息", "“川”是河流"),
    entry("声名雀起", "声名鹊起", "“鹊起”是喜鹊飞起"),
    entry("不径而走", "不胫而走", "“胫”是小腿"),
    entry("有持无恐", "有恃无恐", "“恃”是依仗"),
    entry("渲泄", "宣泄", "“宣泄”是舒散、吐露"),
    entry("暇疵", "瑕疵", "“瑕”是玉上的斑点"),
    entry("国藉", "国籍", "“籍”是登记册"),
    entry("气慨", "气概", "“气概”的“概”是状况、气度"),
    entry(
        "截止到",
        "截至",
        "“截止”表示停止，后面不带时间；“截至”表示到某时为止",
    ),
    entry(
        "截至日期",
        "截止日期",
        "“截止日期”是停止的日期；“截至”后面要跟时间",
    ),
    entry(
        "截至时间",
        "截止时间",
        "“截止时间”是停止的时间；“截至”后面要跟时间",
    ),
];

fn lexicon(t: &Scanned, out: &mut Vec<Hit>) {
    for k in 0..t.len() {
        for e in LEXICON {
            if t.starts_with_at(k, e.wrong) {
                let n = e.wrong.chars().count();
                out.push(
                    Hit::new(
                        "text.lexicon",
                        Severity::Warning,
                        t.range(k, k + n),
                        format!("“{}”应为“{}”：{}", e.wrong, e.right, e.why),
                    )
                    .fix(e.right),
                );
            }
        }
        // 截止9月30日: before a date the word is 截至.
        if t.starts_with_at(k, "截止") && t.at(k + 2).is_some_and(|c| c.is_ascii_digit()) {
            out.push(
                Hit::new(
                    "text.lexicon",
                    Severity::Warning,
                    t.range(k, k + 2),
                    "“截止”后面不带时间；表示“到某时为止”用“截至”",
                )
                .fix("截至"),
            );
        }
    }
}
