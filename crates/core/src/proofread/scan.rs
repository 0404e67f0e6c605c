//! A text with its characters indexed once, shared by the text rules.

/// A Chinese character (a 汉字, not a punctuation mark).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Full-width marks that close a Chinese phrase.
pub fn is_zh_closing(c: char) -> bool {
    "”’）》〕】〉".contains(c)
}

/// Full-width marks that open a Chinese phrase.
pub fn is_zh_opening(c: char) -> bool {
    "“‘（《〔【〈".contains(c)
}

pub struct Scanned<'a> {
    pub text: &'a str,
    /// Byte offset and character, in order.
    pub chars: Vec<(usize, char)>,
}

impl<'a> Scanned<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            chars: text.char_indices().collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// The character at index `k`, if any.
    pub fn at(&self, k: usize) -> Option<char> {
        self.chars.get(k).map(|&(_, c)| c)
    }

    /// The character before index `k`.
    pub fn before(&self, k: usize) -> Option<char> {
        k.checked_sub(1).and_then(|k| self.at(k))
    }

    /// Byte offset of character index `k` (the text's length past the end).
    pub fn offset(&self, k: usize) -> usize {
        self.chars.get(k).map_or(self.text.len(), |&(i, _)| i)
    }

    /// Byte range of the characters `from..to`.
    pub fn range(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        self.offset(from)..self.offset(to)
    }

    /// Length of the run of ASCII digits starting at `k`.
    pub fn digits_at(&self, k: usize) -> usize {
        let mut n = 0;
        while self.at(k + n).is_some_and(|c| c.is_ascii_digit()) {
            n += 1;
        }
        n
    }

    /// The number written by the characters `from..to` (ASCII digits).
    pub fn number(&self, from: usize, to: usize) -> Option<u32> {
        self.text[self.range(from, to)].parse().ok()
    }

    /// Whether the text at character index `k` starts with `s`.
    pub fn starts_with_at(&self, k: usize, s: &str) -> bool {
        self.text[self.offset(k)..].starts_with(s)
    }
}

/// Chinese numerals 一 to 九十九 (as in 一、 and （十二）).
pub fn chinese_number(text: &str) -> Option<u32> {
    let digit = |c: char| "〇一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d).filter(|&n| n > 0),
        ['十', d] => digit(*d).filter(|&n| n > 0).map(|n| 10 + n),
        [t, '十'] => digit(*t).filter(|&n| n > 1).map(|n| n * 10),
        [t, '十', d] => {
            let (t, d) = (digit(*t)?, digit(*d)?);
            (t > 1 && d > 0).then_some(t * 10 + d)
        }
        _ => None,
    }
}

/// The Chinese numeral for 1 to 99.
pub fn chinese_numeral(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

impl Scanned<'_> {
    /// The text from the start of `k`'s line up to `k`.
    pub fn line_before(&self, k: usize) -> &str {
        let head = &self.text[..self.offset(k)];
        head.rfind('\n').map_or(head, |i| &head[i + 1..])
    }
}
