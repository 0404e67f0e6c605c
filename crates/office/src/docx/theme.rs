//! word/theme/theme1.xml (ECMA-376 Part 1 §14.2.7, DrawingML §20.1.6): the
//! smallest complete theme, whose fonts are the notice's own. Without a
//! theme part Word and WPS take their default theme's Calibri and 等线
//! wherever a run leaves a font slot to the theme, and WPS then reports
//! those fonts as missing. The colours are Office's defaults; the notice
//! sets its colours directly.

use super::layout::FontSet;

/// The relationship type and content type of a theme part.
pub const RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
pub const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
pub const PART: &str = "word/theme/theme1.xml";

/// Three of each style list, as CT_StyleMatrix requires (§20.1.4.1.14).
const FORMATS: &str = concat!(
    r#"<a:fmtScheme name="Office"><a:fillStyleLst>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"</a:fillStyleLst><a:lnStyleLst>"#,
    r#"<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#,
    r#"<a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#,
    r#"<a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#,
    r#"</a:lnStyleLst><a:effectStyleLst>"#,
    r#"<a:effectStyle><a:effectLst/></a:effectStyle>"#,
    r#"<a:effectStyle><a:effectLst/></a:effectStyle>"#,
    r#"<a:effectStyle><a:effectLst/></a:effectStyle>"#,
    r#"</a:effectStyleLst><a:bgFillStyleLst>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"</a:bgFillStyleLst></a:fmtScheme>"#
);

const COLOURS: &str = concat!(
    r#"<a:clrScheme name="Office">"#,
    r#"<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>"#,
    r#"<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>"#,
    r#"<a:dk2><a:srgbClr val="44546A"/></a:dk2>"#,
    r#"<a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>"#,
    r#"<a:accent1><a:srgbClr val="4472C4"/></a:accent1>"#,
    r#"<a:accent2><a:srgbClr val="ED7D31"/></a:accent2>"#,
    r#"<a:accent3><a:srgbClr val="A5A5A5"/></a:accent3>"#,
    r#"<a:accent4><a:srgbClr val="FFC000"/></a:accent4>"#,
    r#"<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5>"#,
    r#"<a:accent6><a:srgbClr val="70AD47"/></a:accent6>"#,
    r#"<a:hlink><a:srgbClr val="0563C1"/></a:hlink>"#,
    r#"<a:folHlink><a:srgbClr val="954F72"/></a:folHlink>"#,
    r#"</a:clrScheme>"#
);

/// One font collection: the same face in the Latin and East Asian slots,
/// and for the Simplified Chinese script.
fn collection(tag: &str, face: &str) -> String {
    format!(
        r#"<a:{tag}><a:latin typeface="{face}"/><a:ea typeface="{face}"/><a:cs typeface=""/><a:font script="Hans" typeface="{face}"/></a:{tag}>"#
    )
}

/// The theme: headings (the major font) in 黑体 as the first-level
/// headings are, everything else (the minor font) in the body face.
pub fn theme_xml(fonts: FontSet) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="通知">"#,
            r#"<a:themeElements>{colours}<a:fontScheme name="通知">{major}{minor}</a:fontScheme>{formats}</a:themeElements>"#,
            r#"<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#
        ),
        colours = COLOURS,
        major = collection("majorFont", fonts.hei),
        minor = collection("minorFont", fonts.body),
        formats = FORMATS,
    )
}
