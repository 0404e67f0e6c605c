//! Small helpers for writing the OFD parts' XML.

use notice_core::text::xml_safe;

/// The OFD namespace of the GB/T 33190-2016 schemas (Annex A), written with the literal
/// prefix `ofd:` on every element: readers in use look the prefix up by
/// name, and a default namespace makes some of them fail.
pub const NS: &str = "http://www.ofdspec.org/2016";

pub const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

/// Text for element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in xml_safe(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Line ends in an attribute would be normalised to spaces.
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A length in mm as a plain decimal (ST_Double), to a ten-thousandth:
/// finer than any printer, and no exponent notation.
pub fn num(v: f64) -> String {
    let rounded = (v * 10_000.0).round() / 10_000.0;
    let mut s = format!("{rounded:.4}");
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    if s == "-0" {
        s = "0".to_owned();
    }
    s
}

/// A `DeltaX` (ST_Array of advances), with runs of one advance written
/// `g count value` (GB/T 33190-2016 §11.3, Table 46).
pub fn deltas(advances: &[f64]) -> String {
    let values: Vec<String> = advances.iter().map(|&a| num(a)).collect();
    let mut out: Vec<String> = Vec::new();
    let mut k = 0;
    while k < values.len() {
        let mut end = k + 1;
        while end < values.len() && values[end] == values[k] {
            end += 1;
        }
        if end - k > 1 {
            out.push(format!("g {} {}", end - k, values[k]));
        } else {
            out.push(values[k].clone());
        }
        k = end;
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_plain_decimals() {
        assert_eq!(num(5.644_444), "5.6444");
        assert_eq!(num(210.0), "210");
        assert_eq!(num(-0.00001), "0");
        assert_eq!(num(0.5), "0.5");
    }

    #[test]
    fn equal_advances_are_grouped() {
        assert_eq!(deltas(&[5.5, 5.5, 5.5, 2.8, 5.5]), "g 3 5.5 2.8 5.5");
        assert_eq!(deltas(&[1.0]), "1");
        assert_eq!(deltas(&[]), "");
    }
}
