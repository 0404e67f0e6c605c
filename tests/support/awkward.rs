//! Awkward text for the .docx writer: markup, controls, noncharacters.

use super::random::Random;
use notice_core::*;

impl Random {
    pub fn char(&mut self) -> char {
        const PIECES: &[&str] = &[
            "<w:p>",
            "</w:t>",
            "&amp;",
            "&",
            "<",
            ">",
            "\"",
            "'",
            "]]>",
            "<!--",
            "${x}",
            "\\",
            "“质量月”",
            "——",
            "……",
            "〔2021〕",
            "《》",
            "（一）",
            "1.",
            "、",
            "，",
            "。",
        ];
        let range = |r: &mut Random, lo: u32, hi: u32| {
            char::from_u32(lo + (r.next() % (hi - lo) as u64) as u32).unwrap_or('\u{FFFD}')
        };
        match self.below(14) {
            // C0 controls, DEL and C1 controls.
            0 => range(self, 0, 0x20),
            1 => range(self, 0x7F, 0xA0),
            // Noncharacters and specials.
            2 => [
                '\u{FFFE}',
                '\u{FFFF}',
                '\u{FFFD}',
                '\u{FEFF}',
                '\u{FDD0}',
                '\u{1FFFF}',
                '\u{10FFFF}',
            ][self.below(7)],
            // Emoji, astral CJK, private use.
            3 => range(self, 0x1F300, 0x1FAFF),
            4 => range(self, 0x20000, 0x2A6DF),
            5 => range(self, 0xE000, 0xF8FF),
            // Combining marks, right-to-left scripts, zero-width and line
            // separators.
            6 => range(self, 0x0300, 0x036F),
            7 => range(self, 0x0590, 0x06FF),
            8 => [
                '\u{200B}', '\u{200D}', '\u{200E}', '\u{202E}', '\u{2028}', '\u{2029}', '\u{3000}',
            ][self.below(7)],
            9 => range(self, 0x20, 0x7F),
            10 => ['\n', '\r', '\t', ' '][self.below(4)],
            11 => {
                // One character of a markup-like piece.
                let piece: Vec<char> = PIECES[self.below(PIECES.len())].chars().collect();
                piece[self.below(piece.len())]
            }
            _ => range(self, 0x4E00, 0x9FFF),
        }
    }

    pub fn text(&mut self, max: usize) -> String {
        let len = self.below(max + 1);
        (0..len).map(|_| self.char()).collect()
    }

    pub fn texts(&mut self, max: usize, len: usize) -> Vec<String> {
        (0..self.below(max + 1)).map(|_| self.text(len)).collect()
    }

    pub fn date(&mut self) -> Option<DocDate> {
        DocDate::new(
            1900 + self.below(300) as u16,
            1 + self.below(12) as u8,
            1 + self.below(28) as u8,
        )
    }
}
