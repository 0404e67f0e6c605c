//! The drafts' JSON, read and written by hand: the one codec for storage,
//! draft files, backups, the command line and the worker's messages.
//!
//! The page reads the current draft before the form can show it and saves it
//! on every edit, so whatever does that is in its first load. serde_json with
//! the derived impls of the whole model weighs about 38 KB gzip there; this
//! codec is a fraction of that, because it builds one plain value tree and
//! converts each type by a short hand-written (macro-made) function instead
//! of a visitor per type and per field.
//!
//! The format is exactly serde's, which stays the reference: with the
//! `serde` feature (only the tests enable it) the model derives serde, and
//! `tests/draft_json.rs` checks that this writer produces the same bytes as
//! `serde_json::to_string` (and `to_string_pretty` for files) and this
//! reader the same values as `serde_json::from_str`, and that whatever serde
//! refuses, this refuses too. A field added to a struct but not to its
//! `json_object!` list fails there.
//!
//! Unlike a general JSON library it keeps numbers only as what drafts hold,
//! non-negative integers; any other number is read (so unknown fields may
//! hold one) but refused where a draft field expects an integer.

use std::borrow::Cow;
use std::fmt;

/// serde_json's nesting limit, so a hostile file cannot exhaust the stack.
const MAX_DEPTH: u32 = 128;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    /// `None` for a number that is not a non-negative integer up to u64::MAX.
    Number(Option<u64>),
    /// Borrowed from the text unless it had escapes.
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    /// Members in the order written; keys are unique (duplicates are refused).
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

/// Why a text is not a draft this codec can read, in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Field names from the outermost in, e.g. `notice`, `tasks`, `rows`.
    path: Vec<&'static str>,
    what: String,
    /// Where the text stops being JSON (a byte offset), for a syntax error.
    at: Option<usize>,
    too_deep: bool,
}

impl JsonError {
    fn new(what: impl Into<String>) -> Self {
        Self {
            path: Vec::new(),
            what: what.into(),
            at: None,
            too_deep: false,
        }
    }

    /// Line and column (from 1, in characters) where the text stops being
    /// JSON, if that is what is wrong with it.
    pub fn line_column(&self, text: &str) -> Option<(usize, usize)> {
        let before = text.get(..self.at?.min(text.len()))?;
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Some((line, column))
    }

    /// Whether the text nests deeper than any draft does.
    pub fn too_deep(&self) -> bool {
        self.too_deep
    }

    pub fn inside(mut self, field: &'static str) -> Self {
        self.path.insert(0, field);
        self
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "字段 {}：", self.path.join("."))?;
        }
        f.write_str(&self.what)
    }
}

impl std::error::Error for JsonError {}

/// Reads one JSON value that fills the whole text (whitespace aside).
pub fn parse(text: &str) -> Result<Json<'_>, JsonError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    let value = parser.value()?;
    parser.skip_space();
    if parser.at < parser.bytes.len() {
        return Err(parser.fail("JSON 之后还有多余的内容"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    depth: u32,
}

impl<'a> Parser<'a> {
    fn fail(&self, what: &str) -> JsonError {
        let mut error = JsonError::new(format!("{what}（第 {} 个字节处）", self.at + 1));
        error.at = Some(self.at);
        error
    }

    fn skip_space(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_space();
        let found = self.bytes.get(self.at) == Some(&byte);
        self.at += usize::from(found);
        found
    }

    fn expect(&mut self, byte: u8) -> Result<(), JsonError> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(self.fail("JSON 格式错误"))
        }
    }

    fn value(&mut self) -> Result<Json<'a>, JsonError> {
        self.skip_space();
        let rest = &self.bytes[self.at..];
        for (word, value) in [
            (&b"null"[..], Json::Null),
            (b"true", Json::Bool(true)),
            (b"false", Json::Bool(false)),
        ] {
            if rest.starts_with(word) {
                self.at += word.len();
                return Ok(value);
            }
        }
        match rest.first() {
            Some(b'"') => self.string().map(Json::String),
            Some(b'[' | b'{') => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    let mut error = self.fail("JSON 嵌套过深");
                    error.too_deep = true;
                    return Err(error);
                }
                let value = if rest[0] == b'[' {
                    self.array()
                } else {
                    self.object()
                };
                self.depth -= 1;
                value
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.fail("JSON 格式错误")),
            None => Err(self.fail("JSON 不完整")),
        }
    }

    fn array(&mut self) -> Result<Json<'a>, JsonError> {
        self.at += 1;
        let mut items = Vec::new();
        if !self.eat(b']') {
            loop {
                items.push(self.value()?);
                if self.eat(b']') {
                    break;
                }
                self.expect(b',')?;
            }
        }
        Ok(Json::Array(items))
    }

    fn object(&mut self) -> Result<Json<'a>, JsonError> {
        self.at += 1;
        let mut members: Vec<(Cow<'a, str>, Json<'a>)> = Vec::new();
        if !self.eat(b'}') {
            loop {
                self.skip_space();
                if self.bytes.get(self.at) != Some(&b'"') {
                    return Err(self.fail("JSON 对象的键必须是文字"));
                }
                let key = self.string()?;
                if members.iter().any(|(k, _)| *k == key) {
                    return Err(self.fail("JSON 对象中有重复的键"));
                }
                self.expect(b':')?;
                members.push((key, self.value()?));
                if self.eat(b'}') {
                    break;
                }
                self.expect(b',')?;
            }
        }
        Ok(Json::Object(members))
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Json<'a>, JsonError> {
        let start = self.at;
        let negative = self.bytes[self.at] == b'-';
        self.at += usize::from(negative);
        let first = self.bytes.get(self.at).copied();
        let whole = self.digits();
        if whole == 0 || (first == Some(b'0') && whole > 1) {
            return Err(self.fail("JSON 数字格式错误"));
        }
        let integer_end = self.at;
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.fail("JSON 数字格式错误"));
            }
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.fail("JSON 数字格式错误"));
            }
        }
        let plain = !negative && integer_end == self.at;
        Ok(Json::Number(
            plain
                .then(|| self.text[start..self.at].parse().ok())
                .flatten(),
        ))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.fail("JSON 文字中的 \\u 转义不完整"))?;
        self.at += 4;
        Ok(u32::from_str_radix(digits, 16).unwrap_or_default())
    }

    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        self.at += 1;
        let mut out = Cow::Borrowed("");
        loop {
            let start = self.at;
            while self
                .bytes
                .get(self.at)
                .is_some_and(|&b| b != b'"' && b != b'\\' && b >= 0x20)
            {
                self.at += 1;
            }
            // Stops only at ASCII bytes, so both ends are char boundaries.
            let run = &self.text[start..self.at];
            if out.is_empty() {
                out = Cow::Borrowed(run);
            } else {
                out.to_mut().push_str(run);
            }
            let Some(&byte) = self.bytes.get(self.at) else {
                return Err(self.fail("JSON 文字没有结束"));
            };
            self.at += 1;
            match byte {
                b'"' => return Ok(out),
                b'\\' => {
                    let escape = self.bytes.get(self.at).copied();
                    self.at += 1;
                    out.to_mut().push(match escape {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => return Err(self.fail("JSON 文字中有无效的转义")),
                    });
                }
                _ => return Err(self.fail("JSON 文字中有未转义的控制字符")),
            }
        }
    }

    /// After `\u`: one code point, or a surrogate pair written as two escapes.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !self.bytes[self.at..].starts_with(b"\\u") {
                    return Err(self.fail("JSON 文字中有不成对的代理项"));
                }
                self.at += 2;
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(self.fail("JSON 文字中有不成对的代理项"));
                }
                0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.fail("JSON 文字中有不成对的代理项")),
            other => other,
        };
        char::from_u32(code).ok_or_else(|| self.fail("JSON 文字中有无效的转义"))
    }
}

/// Writes `text` as a JSON string the way serde_json does: only `"`, `\` and
/// control characters are escaped, everything else is written as it is.
pub fn write_string(out: &mut String, text: &str) {
    out.push('"');
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[usize::from(byte >> 4)].into());
            out.push(HEX[usize::from(byte & 0xf)].into());
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

/// A value a draft holds: read in place (so a field absent from the text
/// keeps its default, as with `#[serde(default)]`) and written as serde
/// writes it. Structs hand their fields over as `&dyn` so that one copy of
/// the object code serves every type; generic code per type stays tiny.
pub trait JsonField {
    fn read_json(&mut self, value: &Json) -> Result<(), JsonError>;
    fn write_json(&self, out: &mut String);
}

/// Reads an object into named fields; unknown members are ignored and
/// `required` names must be present.
pub fn read_object(
    value: &Json,
    required: &[&'static str],
    fields: &mut [(&'static str, &mut dyn JsonField)],
) -> Result<(), JsonError> {
    let Json::Object(members) = value else {
        return Err(JsonError::new("应为对象"));
    };
    let find = |name: &str| members.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    if let Some(missing) = required.iter().find(|name| find(name).is_none()) {
        return Err(JsonError::new(format!("缺少字段 {missing}")));
    }
    for (name, field) in fields {
        if let Some(value) = find(name) {
            field.read_json(value).map_err(|e| e.inside(name))?;
        }
    }
    Ok(())
}

/// Writes named fields as an object, in the order given.
pub fn write_object(out: &mut String, fields: &[(&str, &dyn JsonField)]) {
    out.push('{');
    for (i, (name, field)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(out, name);
        out.push(':');
        field.write_json(out);
    }
    out.push('}');
}

/// The value of `name` in an object, if there is one.
pub fn member<'v, 'a>(value: &'v Json<'a>, name: &str) -> Option<&'v Json<'a>> {
    match value {
        Json::Object(members) => members.iter().find(|(k, _)| k == name).map(|(_, v)| v),
        _ => None,
    }
}

/// A whole value written as JSON.
pub fn to_string(value: &dyn JsonField) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

/// Compact JSON laid out for people to read and diff: indented by two
/// spaces, one member or item a line, as `serde_json::to_string_pretty`
/// writes it.
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.push(chars.next().unwrap_or(']'));
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

impl JsonField for String {
    fn read_json(&mut self, value: &Json) -> Result<(), JsonError> {
        match value {
            Json::String(text) => {
                self.clear();
                self.push_str(text);
            }
            _ => return Err(JsonError::new("应为文字")),
        }
        Ok(())
    }
    fn write_json(&self, out: &mut String) {
        write_string(out, self);
    }
}

impl JsonField for bool {
    fn read_json(&mut self, value: &Json) -> Result<(), JsonError> {
        match value {
            Json::Bool(b) => *self = *b,
            _ => return Err(JsonError::new("应为 true 或 false")),
        }
        Ok(())
    }
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

/// Reads an integer up to `max`; the one piece of code behind every width.
fn read_unsigned(value: &Json, max: u64) -> Result<u64, JsonError> {
    match value {
        Json::Number(Some(n)) if *n <= max => Ok(*n),
        _ => Err(JsonError::new(format!("应为 0 到 {max} 之间的整数"))),
    }
}

macro_rules! json_unsigned {
    ($($ty:ty),*) => {$(
        impl JsonField for $ty {
            fn read_json(&mut self, value: &Json) -> Result<(), JsonError> {
                *self = read_unsigned(value, <$ty>::MAX.into())? as $ty;
                Ok(())
            }
            fn write_json(&self, out: &mut String) {
                out.push_str(&u64::from(*self).to_string());
            }
        }
    )*};
}

json_unsigned!(u8, u16, u32, u64);

impl JsonField for usize {
    fn read_json(&mut self, value: &Json) -> Result<(), JsonError> {
        *self = usize::try_from(read_unsigned(value, u64::MAX)?)
            .map_err(|_| JsonError::new("数字过大"))?;
        Ok(())
    }
    fn write_json(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl<T: JsonField + Default> JsonField for Option<T> {
    fn read_json(&mut self, value: &Json) -> Result<(), JsonError> {
        *self = match value {
            Json::Null => None,
            other => {
                let mut item = T::default();
                item.read_json(other)?;
                Some(item)
            }
        };
        Ok(())
    }
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: JsonField + Default> JsonField for Vec<T> {
    fn read_json(&mut self, value: &Json) -> Result<(), JsonError> {
        let Json::Array(items) = value else {
            return Err(JsonError::new("应为列表"));
        };
        self.clear();
        for value in items {
            let mut item = T::default();
            item.read_json(value)?;
            self.push(item);
        }
        Ok(())
    }
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

/// A struct whose every field has a default (`#[serde(default)]`), written
/// and read as an object with the fields in declaration order.
macro_rules! json_object {
    ($ty:ty { $($field:ident),* $(,)? }) => {
        impl $crate::json::JsonField for $ty {
            fn read_json(
                &mut self,
                value: &$crate::json::Json,
            ) -> Result<(), $crate::json::JsonError> {
                $crate::json::read_object(value, &[], &mut [
                    $((stringify!($field), &mut self.$field),)*
                ])
            }
            fn write_json(&self, out: &mut String) {
                $crate::json::write_object(out, &[$((stringify!($field), &self.$field),)*]);
            }
        }
    };
}

/// A fieldless enum, written as its variant's name (`rename_all = "snake_case"`).
macro_rules! json_enum {
    ($ty:ty { $($variant:ident = $name:literal),* $(,)? }) => {
        impl $crate::json::JsonField for $ty {
            fn read_json(
                &mut self,
                value: &$crate::json::Json,
            ) -> Result<(), $crate::json::JsonError> {
                const NAMES: &[&str] = &[$($name),*];
                const VARIANTS: &[$ty] = &[$(<$ty>::$variant),*];
                *self = VARIANTS[$crate::json::read_variant(value, NAMES)?];
                Ok(())
            }
            fn write_json(&self, out: &mut String) {
                $crate::json::write_string(out, match self {
                    $(Self::$variant => $name,)*
                });
            }
        }
    };
}

pub(crate) use {json_enum, json_object};

/// Which of `names` the value is, for a fieldless enum.
pub fn read_variant(value: &Json, names: &[&str]) -> Result<usize, JsonError> {
    match value {
        Json::String(s) => names.iter().position(|n| n == s),
        _ => None,
    }
    .ok_or_else(|| JsonError::new(format!("应为 {} 之一", names.join("、"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: JsonField + Default>(text: &str) -> Result<T, JsonError> {
        let mut value = T::default();
        value.read_json(&parse(text)?)?;
        Ok(value)
    }

    fn string(text: &str) -> Result<String, JsonError> {
        read(text)
    }

    #[test]
    fn strings_are_unescaped_and_reescaped_like_serde_json() {
        assert_eq!(
            string(r#""a\"b\\c\/d\n\u00e9\ud83d\ude00中""#).unwrap(),
            "a\"b\\c/d\né😀中"
        );
        let mut out = String::new();
        write_string(&mut out, "a\"b\\\u{1}\u{8}\u{c}\t\r\n\u{7f}中");
        assert_eq!(out, concat!(r#""a\"b\\\u0001\b\f\t\r\n"#, "\u{7f}中\""));
    }

    #[test]
    fn malformed_text_is_refused_with_its_position() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "01",
            "1.",
            "1e",
            "-",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"\\udc00x\"",
            "\"a\u{1}\"",
            "\"abc",
            "nul",
            "{} x",
            "{'a':1}",
            "{\"a\":1,\"a\":2}",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} was accepted");
        }
        let error = parse("{\"a\": tru}").unwrap_err().to_string();
        assert!(error.contains("第 7 个字节"), "{error}");
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(parse(&deep).unwrap_err().to_string().contains("嵌套过深"));
    }

    #[test]
    fn numbers_are_kept_only_as_non_negative_integers() {
        assert_eq!(parse(" 2021 ").unwrap(), Json::Number(Some(2021)));
        for other in ["-1", "1.5", "1e3", "-0", "18446744073709551616"] {
            assert_eq!(parse(other).unwrap(), Json::Number(None), "{other}");
        }
        assert!(read::<u16>("70000").is_err());
        assert_eq!(read::<u8>("255"), Ok(255));
    }

    #[test]
    fn errors_name_the_field_that_is_wrong() {
        let error = read::<Vec<String>>("[\"a\", 1]").unwrap_err();
        assert_eq!(error.to_string(), "应为文字");
        assert_eq!(
            error.inside("rows").inside("tasks").to_string(),
            "字段 tasks.rows：应为文字"
        );
    }
}
