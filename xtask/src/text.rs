//! Small text helpers: digests as the web wants them, JavaScript
//! identifiers found as whole words.

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

pub fn base64(data: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(data)
}

/// A Subresource Integrity value.
pub fn sri_sha384(data: &[u8]) -> String {
    format!("sha384-{}", base64(&Sha384::digest(data)))
}

/// A CSP source for an inline script or style.
pub fn csp_sha256(text: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

/// The first `len` hex digits of the SHA-256 of `data`: a content-hashed
/// name or a version.
pub fn short_hash(data: &[u8], len: usize) -> String {
    let hex: String = Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    hex[..len].to_owned()
}

/// A JSON array of strings (names of files: no characters that need more
/// than quotes and backslashes escaped).
pub fn json_strings(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| json_string(s)).collect();
    format!("[{}]", quoted.join(", "))
}

pub fn json_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Whether `c` can be part of a JavaScript identifier.
pub fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// Where `word` occurs in `text` as a whole identifier (not inside a longer one).
pub fn word_positions(text: &str, word: &str) -> Vec<usize> {
    text.match_indices(word)
        .map(|(at, _)| at)
        .filter(|&at| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(is_ident_char) && !after.is_some_and(is_ident_char)
        })
        .collect()
}

/// `text` with every whole-identifier `word` replaced by `with`.
pub fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for at in word_positions(text, word) {
        out.push_str(&text[last..at]);
        out.push_str(with);
        last = at + word.len();
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_whole_identifiers() {
        let js = "a.i0(i0, $i0, i0_, i01); i0";
        assert_eq!(word_positions(js, "i0"), vec![2, 5, 25]);
        assert_eq!(replace_word(js, "i0", "Q"), "a.Q(Q, $i0, i0_, i01); Q");
    }

    #[test]
    fn digests_match_the_web_formats() {
        // Known values: printf abc | openssl dgst -sha384 -binary | base64.
        assert_eq!(
            sri_sha384(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
        assert_eq!(
            csp_sha256("abc"),
            "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='"
        );
        assert_eq!(short_hash(b"abc", 8), "ba7816bf");
        assert_eq!(
            json_strings(&["./".into(), "./a.js".into()]),
            r#"["./", "./a.js"]"#
        );
    }
}

/// A stylesheet without its comments and the whitespace CSS ignores: around
/// `{ } ; , >`, after a declaration's colon, before a closing brace's last
/// semicolon. Quoted strings are kept as they are; whitespace inside
/// selectors and values (`a :focus`, `calc(1px + 2px)`) stays one space.
pub fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
                for s in chars.by_ref() {
                    out.push(s);
                    if s == c {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for s in chars.by_ref() {
                    if last == '*' && s == '/' {
                        break;
                    }
                    last = s;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            '{' | '}' | ';' | ',' | '>' | ':' => {
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                // A space before a colon belongs to a selector (`a :hover`).
                if c == ':' && space && !out.is_empty() && !out.ends_with(['{', '}', ';', ',', '>'])
                {
                    out.push(' ');
                }
                out.push(c);
                space = false;
                // After a colon, whitespace is dropped only in a declaration,
                // which is where a colon is followed by one.
                if c == ':' && chars.peek().is_some_and(|n| n.is_whitespace()) {
                    while chars.peek().is_some_and(|n| n.is_whitespace()) {
                        chars.next();
                    }
                }
            }
            c => {
                if space && !out.is_empty() && !out.ends_with(['{', '}', ';', ',', '>', ':']) {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod css_tests {
    use super::minify_css;

    #[test]
    fn comments_and_ignored_whitespace_go_and_meaning_stays() {
        let css = "/* a comment */\n:root {\n  --red: #c00000;\n  font-family: \"Microsoft YaHei\", sans-serif;\n}\n\
                   .a :focus, .b > .c { margin: 0 auto; width: calc(100% - 2rem); }\n\
                   .d::after { content: \"；  }\"; }\n@media (max-width: 900px) { .e { display: none; } }\n";
        assert_eq!(
            minify_css(css),
            ":root{--red:#c00000;font-family:\"Microsoft YaHei\",sans-serif}\
             .a :focus,.b>.c{margin:0 auto;width:calc(100% - 2rem)}\
             .d::after{content:\"；  }\"}@media (max-width:900px){.e{display:none}}"
        );
    }
}
