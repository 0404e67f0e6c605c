//! What the importer changes in the text before reading it, each change
//! counted for the report: bytes decoded from the file's encoding, HTML
//! entities left by web pages (&nbsp; and its misspellings) removed, and a
//! notice in traditional characters converted to simplified ones. Nothing
//! else in the text is rewritten here.

use notice_core::proofread::hanzi::TRADITIONAL_PAIRS as PAIRS;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The text of a file, from its bytes: UTF-8 with or without BOM, UTF-16
/// with BOM (or without, when every other byte is zero), else GB18030
/// (which includes GBK and GB2312: what Notepad on a Chinese Windows saves
/// as "ANSI"). Gives the text and the encoding's name when it was not
/// plain UTF-8.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<&'static str>), String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|t| (t.to_owned(), None))
            .map_err(|_| "文件开头标明是 UTF-8，但内容不是有效的 UTF-8 文本。".to_owned());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes).map(|t| (t, Some("UTF-16（小端）")));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes).map(|t| (t, Some("UTF-16（大端）")));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), None));
    }
    // UTF-16 without a BOM: ASCII characters leave zero bytes at every
    // other position.
    let zeros = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let half = bytes.len() / 2;
    if half >= 4 && zeros(1) * 4 >= half && zeros(0) == 0 {
        return utf16(bytes, u16::from_le_bytes).map(|t| (t, Some("UTF-16（小端，无 BOM）")));
    }
    if half >= 4 && zeros(0) * 4 >= half && zeros(1) == 0 {
        return utf16(bytes, u16::from_be_bytes).map(|t| (t, Some("UTF-16（大端，无 BOM）")));
    }
    if bytes.contains(&0) {
        return Err("文件含有二进制内容，不是文本文件，也不是 .docx 文档。".into());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| (text.into_owned(), Some("GB18030/GBK（中文 Windows 的“ANSI”）")))
        .ok_or_else(|| {
            "文件的文字编码无法识别（不是 UTF-8、UTF-16，也不是 GBK/GB18030）。请在记事本中“另存为”，编码选 UTF-8 后再导入。".to_owned()
        })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16(&units)
        .map_err(|_| "文件标明是 UTF-16 编码，但内容已损坏，无法读取。".to_owned())
}

/// HTML entities a web page leaves in copied text, and the misspellings
/// seen in the wild (&bsp; and a lone nbsp;). Named entities that stand for
/// a character become that character; the spaces become nothing, as the
/// line cleaner squeezes spaces anyway.
pub fn entities(line: &str, found: &mut usize) -> String {
    if !line.contains('&') && !line.contains("nbsp;") && !line.contains("bsp;") {
        return line.to_owned();
    }
    const SPACES: &[&str] = &[
        "&amp;nbsp;",
        "&nbsp;",
        "&nbsp",
        "&bsp;",
        "&nbps;",
        "&ensp;",
        "&emsp;",
        "&thinsp;",
        "&#160;",
        "&#xa0;",
        "&#xA0;",
        "&#12288;",
        "&#x3000;",
        "nbsp;",
        "bsp;",
    ];
    const CHARS: &[(&str, &str)] = &[
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
        ("&amp;", "&"),
    ];
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    'scan: while !rest.is_empty() {
        for entity in SPACES {
            if let Some(after) = rest.strip_prefix(entity) {
                *found += 1;
                out.push(' ');
                rest = after;
                continue 'scan;
            }
        }
        for (entity, c) in CHARS {
            if let Some(after) = rest.strip_prefix(entity) {
                *found += 1;
                out.push_str(c);
                rest = after;
                continue 'scan;
            }
        }
        let c = rest.chars().next().expect("not empty");
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn table() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let chars: Vec<char> = PAIRS.chars().collect();
        chars.chunks_exact(2).map(|p| (p[0], p[1])).collect()
    })
}

/// How many characters of the text are traditional-only.
pub fn traditional_count(text: &str) -> usize {
    let table = table();
    text.chars().filter(|c| table.contains_key(c)).count()
}

/// Whether the text is written in traditional characters: enough of them,
/// and enough of its Chinese characters, that a name or two does not count.
pub fn is_traditional(text: &str) -> bool {
    let traditional = traditional_count(text);
    let chinese = text
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    traditional >= 8 && traditional * 20 >= chinese
}

/// The text in simplified characters, with the conversions made (each
/// pair once, in order of first use) and their count.
pub fn simplified(text: &str, seen: &mut Vec<(char, char)>, count: &mut usize) -> String {
    let table = table();
    text.chars()
        .map(|c| match table.get(&c) {
            Some(&s) => {
                *count += 1;
                if seen.len() < 200 && !seen.iter().any(|(t, _)| *t == c) {
                    seen.push((c, s));
                }
                s
            }
            None => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let text = "关于开展2021年“质量月”活动的通知";
        assert_eq!(decode(text.as_bytes()).unwrap(), (text.to_owned(), None));
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&bom).unwrap().0, text);
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let (decoded, name) = decode(&gbk).unwrap();
        assert_eq!(decoded, text);
        assert!(name.unwrap().contains("GBK"));
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap().0, text);
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap().0, text);
        let ascii_le: Vec<u8> = "hello, 质量月 notice"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&ascii_le).unwrap().0, "hello, 质量月 notice");
        assert!(decode(&[0x81, 0x20, 0xFF, 0xFF]).is_err());
        assert!(decode(&[0xFF, 0xFE, 0x00]).is_ok());
    }

    #[test]
    fn entities_and_their_misspellings() {
        let mut n = 0;
        assert_eq!(
            entities("&nbsp;&nbsp;为做好&bsp;工作&ldquo;质量月&rdquo;", &mut n),
            "  为做好 工作“质量月”"
        );
        assert_eq!(n, 5);
        let mut n = 0;
        assert_eq!(entities("A&B 公司", &mut n), "A&B 公司");
        assert_eq!(n, 0);
    }

    #[test]
    fn traditional_to_simplified() {
        let text = "市場監管總局關於開展2021年全國“質量月”活動的通知";
        assert!(is_traditional(&format!("{text}{text}")));
        let (mut seen, mut count) = (Vec::new(), 0);
        assert_eq!(
            simplified(text, &mut seen, &mut count),
            "市场监管总局关于开展2021年全国“质量月”活动的通知"
        );
        assert!(count >= 8);
        let simple = "市场监管总局关于开展知识产权宣传周活动的通知，著作权";
        assert!(!is_traditional(simple));
        assert_eq!(simplified(simple, &mut seen, &mut count), simple);
    }
}
