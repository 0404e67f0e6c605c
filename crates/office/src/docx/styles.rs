//! styles.xml, written in full: the named paragraph styles a Word or WPS
//! user keeps editing with. docx-rs knows only a bare Normal and cannot
//! write the East Asian language (`w:lang`) or the style names, so the
//! package step puts this part in place of its own.
//!
//! Names: `Normal` and `Title` are Word's built-in styles, which Chinese
//! Word and WPS show as 正文 and 标题 (a custom style named 正文 or 标题 would
//! clash with them there); the others are the notice's own, named in
//! Chinese. The paragraphs reference them, and their direct formatting
//! repeats the same values, so a paragraph keeps its look when pasted into
//! another document.

use super::layout::FontSet;
use notice_core::gbt9704 as spec;

/// Style ids, as the paragraphs reference them.
pub const BODY: &str = "Normal";
pub const TITLE: &str = "Title";
pub const HEADINGS: [&str; 4] = [
    "HeadingLevel1",
    "HeadingLevel2",
    "HeadingLevel3",
    "HeadingLevel4",
];
pub const TABLE: &str = "TableText";
pub const IMPRINT: &str = "Imprint";
pub const FOOTER: &str = "Footer";

fn fonts(name: &str) -> String {
    format!(
        r#"<w:rFonts w:ascii="{name}" w:eastAsia="{name}" w:hAnsi="{name}" w:cs="{name}" w:hint="eastAsia"/>"#
    )
}

fn size(half_points: usize) -> String {
    format!(r#"<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>"#)
}

fn exact(line: i32) -> String {
    format!(r#"<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>"#)
}

struct Style<'a> {
    id: &'a str,
    name: &'a str,
    based_on: Option<&'a str>,
    next: Option<&'a str>,
    outline: Option<usize>,
    ppr: String,
    rpr: String,
}

impl Style<'_> {
    fn xml(&self) -> String {
        let default = if self.id == BODY {
            r#" w:default="1""#
        } else {
            ""
        };
        let mut out = format!(
            r#"<w:style w:type="paragraph"{default} w:styleId="{}"><w:name w:val="{}"/>"#,
            self.id, self.name
        );
        if let Some(base) = self.based_on {
            out.push_str(&format!(r#"<w:basedOn w:val="{base}"/>"#));
        }
        if let Some(next) = self.next {
            out.push_str(&format!(r#"<w:next w:val="{next}"/>"#));
        }
        out.push_str("<w:qFormat/><w:pPr>");
        out.push_str(&self.ppr);
        if let Some(level) = self.outline {
            out.push_str(&format!(r#"<w:outlineLvl w:val="{level}"/>"#));
        }
        out.push_str("</w:pPr><w:rPr>");
        out.push_str(&self.rpr);
        out.push_str("</w:rPr></w:style>");
        out
    }
}

/// The styles part for these fonts.
pub fn styles_xml(set: FontSet) -> String {
    let no_indent = r#"<w:ind w:firstLine="0"/>"#;
    let body_rpr = format!(
        r#"{}<w:spacing w:val="{}"/>{}"#,
        fonts(set.body),
        spec::BODY_CHAR_SPACING,
        size(spec::SIZE_BODY)
    );
    let heading = |level: usize, name: &'static str, font: &str| Style {
        id: HEADINGS[level],
        name,
        based_on: Some(BODY),
        next: Some(BODY),
        outline: Some(level),
        ppr: String::new(),
        rpr: format!(
            r#"{}<w:spacing w:val="{}"/>{}"#,
            fonts(font),
            spec::BODY_CHAR_SPACING,
            size(spec::SIZE_BODY)
        ),
    };
    let styles = [
        // §5.2.3, §7.3.3: 三号仿宋, 22 lines of 28 characters, first line
        // indented two characters. Widow control off (full pages keep 22
        // lines). `w:overflowPunct="1"`: LibreOffice 7.4 reads this
        // element inverted (measured: "0" or none makes its punctuation
        // hang, "1" keeps it in the line), and in a justified line it then
        // does not draw the hanging mark at all: a comma at a full line's
        // end vanished. With "1" LibreOffice breaks lines as the page
        // estimate does; Word may hang a mark in the margin, as it does by
        // default, and its even-page break keeps the 版记 page even.
        Style {
            id: BODY,
            name: "Normal",
            based_on: None,
            next: None,
            outline: None,
            ppr: format!(
                r#"<w:widowControl w:val="0"/><w:overflowPunct w:val="1"/>{}<w:ind w:firstLine="{}"/><w:jc w:val="both"/>"#,
                exact(spec::BODY_LINE_SPACING),
                spec::BODY_FIRST_LINE_INDENT
            ),
            rpr: body_rpr.clone(),
        },
        // §7.3.1: 二号小标宋, centred.
        Style {
            id: TITLE,
            name: "Title",
            based_on: Some(BODY),
            next: Some(BODY),
            outline: None,
            ppr: format!(r#"{no_indent}<w:jc w:val="center"/>"#),
            rpr: format!(
                r#"{}<w:spacing w:val="0"/>{}"#,
                fonts(set.title),
                size(spec::SIZE_TITLE)
            ),
        },
        // §7.3.3: 一、黑体; （一）楷体; 1. and （1） 仿宋.
        heading(0, "一级标题", set.hei),
        heading(1, "二级标题", set.kai),
        heading(2, "三级标题", set.body),
        heading(3, "四级标题", set.body),
        // Task table cells: 四号 at 20 pt exact, centred, no indent.
        Style {
            id: TABLE,
            name: "表格",
            based_on: Some(BODY),
            next: None,
            outline: None,
            ppr: format!(
                r#"{}{no_indent}<w:jc w:val="center"/>"#,
                exact(spec::CELL_LINE_SPACING)
            ),
            rpr: format!(
                r#"{}<w:spacing w:val="0"/>{}"#,
                fonts(set.body),
                size(spec::SIZE_TABLE)
            ),
        },
        // §7.4: 抄送, 印发机关 and 印发日期, 四号仿宋.
        Style {
            id: IMPRINT,
            name: "版记",
            based_on: Some(BODY),
            next: None,
            outline: None,
            ppr: format!(r#"{no_indent}<w:jc w:val="left"/>"#),
            rpr: format!(r#"<w:spacing w:val="0"/>{}"#, size(spec::SIZE_IMPRINT)),
        },
        // §7.5: the page number, 四号宋体, on one exact line.
        Style {
            id: FOOTER,
            name: "footer",
            based_on: Some(BODY),
            next: None,
            outline: None,
            ppr: format!(r#"{}{no_indent}"#, exact(spec::PAGE_NUMBER_LINE)),
            rpr: format!(
                r#"{}<w:spacing w:val="0"/>{}"#,
                fonts(set.song),
                size(spec::SIZE_PAGE_NUMBER)
            ),
        },
    ];
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
        "<w:docDefaults><w:rPrDefault><w:rPr>"
    ));
    // zh-CN as the East Asian language: readers pick simplified Chinese
    // glyphs and line-breaking rules for fallback fonts.
    out.push_str(&format!(
        r#"{}{}<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>"#,
        fonts(set.body),
        size(spec::SIZE_BODY)
    ));
    // No paragraph snaps to a document grid: should a user turn on Word's
    // line grid (页面设置 › 文档网格), every line keeps its exact height.
    out.push_str(concat!(
        r#"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:snapToGrid w:val="0"/></w:pPr>"#,
        "</w:pPrDefault></w:docDefaults>"
    ));
    for style in &styles {
        out.push_str(&style.xml());
    }
    // Tables start from no borders and Word's usual cell margins.
    out.push_str(concat!(
        r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>"#,
        r#"<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>"#,
        r#"<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>"#,
        r#"<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
        "</w:styles>"
    ));
    out
}
