//! fontTable.xml (ECMA-376 Part 1 §17.8.3): every font the file names,
//! with what Word and WPS need to substitute one a machine lacks. docx-rs
//! declares only Times New Roman, Symbol and Arial; a Chinese font missing
//! from the table leaves Word no hint but the name.
//!
//! `w:altName` is the font Word tries when the named one is missing: the
//! _GB2312 families that the standard's practice names are not on current
//! Windows, which ships 仿宋 and 楷体 instead; 方正小标宋 is a licensed
//! font, and 宋体 is the nearest face every machine has. The 86 charset is
//! GB2312 (Simplified Chinese), which steers the substitution to a Chinese
//! font rather than a Latin one.

use super::layout::FontSet;
use notice_core::gbt9704 as spec;

/// A font as the table declares it.
struct FontEntry {
    name: &'static str,
    alt: Option<&'static str>,
    /// §17.8.3.7: `modern` is a fixed-pitch face, as the CJK ideographs are.
    family: &'static str,
    pitch: &'static str,
}

fn entry(name: &'static str) -> FontEntry {
    let alt = match name {
        spec::FONT_BODY => Some(spec::FONT_BODY_COMMON),
        spec::FONT_KAITI => Some(spec::FONT_KAITI_COMMON),
        spec::FONT_TITLE => Some(spec::FONT_SONGTI),
        spec::FONT_BODY_COMMON => Some("FangSong"),
        spec::FONT_KAITI_COMMON => Some("KaiTi"),
        spec::FONT_HEITI => Some("SimHei"),
        spec::FONT_SONGTI => Some("SimSun"),
        _ => None,
    };
    let (family, pitch) = if name == spec::FONT_SONGTI || name == spec::FONT_TITLE {
        ("auto", "variable")
    } else {
        ("modern", "fixed")
    };
    FontEntry {
        name,
        alt,
        family,
        pitch,
    }
}

/// The fonts a file written with `fonts` names, each once.
pub fn fonts_named(fonts: FontSet) -> Vec<&'static str> {
    let mut names = Vec::new();
    for name in [fonts.body, fonts.title, fonts.hei, fonts.kai, fonts.song] {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

pub fn font_table_xml(fonts: FontSet) -> String {
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
    ));
    for name in fonts_named(fonts) {
        let font = entry(name);
        out.push_str(&format!(r#"<w:font w:name="{}">"#, font.name));
        if let Some(alt) = font.alt {
            out.push_str(&format!(r#"<w:altName w:val="{alt}"/>"#));
        }
        out.push_str(&format!(
            r#"<w:charset w:val="86"/><w:family w:val="{}"/><w:pitch w:val="{}"/></w:font>"#,
            font.family, font.pitch
        ));
    }
    out.push_str("</w:fonts>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gb2312_families_fall_back_to_what_windows_ships() {
        let xml = font_table_xml(FontSet::STANDARD);
        assert!(xml.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>"#));
        assert!(xml.contains(r#"<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>"#));
        assert!(xml.contains(r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>"#));
        assert_eq!(xml.matches(r#"<w:charset w:val="86"/>"#).count(), 5);
    }

    #[test]
    fn the_common_set_declares_its_own_fonts() {
        let xml = font_table_xml(FontSet::COMMON);
        assert!(xml.contains(r#"<w:font w:name="仿宋"><w:altName w:val="FangSong"/>"#));
        assert!(!xml.contains("_GB2312\">"));
    }
}
