//! Text hygiene shared by the writer and the importers.

/// Removes characters that XML 1.0 forbids (C0 controls other than tab, line
/// feed and carriage return; U+FFFE; U+FFFF). A single such character in a
/// .docx part makes Word and LibreOffice refuse the whole file.
pub fn xml_safe(text: &str) -> String {
    text.chars().filter(|&c| is_xml_char(c)).collect()
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Lines of a multi-line field, trimmed, blanks dropped: what a user means by
/// "one item a line" in a textarea.
pub fn non_blank_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_removed_and_text_kept() {
        assert_eq!(xml_safe("质量\u{0}月\u{1b}\u{FFFE}\u{FFFF}"), "质量月");
        assert_eq!(xml_safe("a\tb\nc\r"), "a\tb\nc\r");
        assert_eq!(xml_safe("𠀀😀"), "𠀀😀");
    }

    #[test]
    fn blank_lines_are_dropped() {
        assert_eq!(non_blank_lines(" 甲 \n\n  \n乙"), vec!["甲", "乙"]);
    }
}
