//! The document-level parts: the entry point `OFD.xml` with its metadata,
//! `Document.xml`, the fonts of `PublicRes.xml` and the semantic tags.

use super::sheet::{Element, Face};
use super::xml::{escape, DECLARATION, NS};
use std::fmt::Write;

/// What `OFD.xml` says about the document (`CT_DocInfo`).
pub struct DocInfo<'a> {
    /// 32 hexadecimal digits.
    pub doc_id: &'a str,
    pub title: &'a str,
    pub author: &'a str,
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    /// (name, value) pairs of `CustomDatas`.
    pub custom: &'a [(&'a str, String)],
}

pub const CREATOR: &str = "通知起草台";

/// `OFD.xml`, the fixed entry point: `DocInfo` children in the schema's
/// order (DocID, Title, Author, …, CreationDate, ModDate, …, Creator,
/// CreatorVersion, CustomDatas), then `DocRoot`.
pub fn ofd_xml(info: &DocInfo) -> String {
    let mut xml = format!(
        r#"{DECLARATION}<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>{}</ofd:DocID>"#,
        info.doc_id
    );
    if !info.title.is_empty() {
        let _ = write!(xml, "<ofd:Title>{}</ofd:Title>", escape(info.title));
    }
    if !info.author.is_empty() {
        let _ = write!(xml, "<ofd:Author>{}</ofd:Author>", escape(info.author));
    }
    // xs:date: only a well-formed YYYY-MM-DD is written.
    let date = info.date.as_bytes();
    let well_formed = date.len() == 10
        && date.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if well_formed {
        let _ = write!(
            xml,
            "<ofd:CreationDate>{0}</ofd:CreationDate><ofd:ModDate>{0}</ofd:ModDate>",
            info.date
        );
    }
    let _ = write!(
        xml,
        "<ofd:Creator>{CREATOR}</ofd:Creator><ofd:CreatorVersion>{}</ofd:CreatorVersion>",
        env!("CARGO_PKG_VERSION")
    );
    let custom: Vec<_> = info.custom.iter().filter(|(_, v)| !v.is_empty()).collect();
    if !custom.is_empty() {
        xml.push_str("<ofd:CustomDatas>");
        for (name, value) in custom {
            let _ = write!(
                xml,
                r#"<ofd:CustomData Name="{}">{}</ofd:CustomData>"#,
                escape(name),
                escape(value)
            );
        }
        xml.push_str("</ofd:CustomDatas>");
    }
    xml.push_str(
        "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
    );
    xml
}

/// `Document.xml`: `CommonData` (MaxUnitID, the A4 page area, the public
/// resources), the pages, then the custom tags, in the schema's order.
pub fn document_xml(max_unit_id: u32, pages: &[(u32, String)], tags: bool) -> String {
    let mut xml = format!(
        r#"{DECLARATION}<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:MaxUnitID>{max_unit_id}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>"#
    );
    for (id, loc) in pages {
        let _ = write!(xml, r#"<ofd:Page ID="{id}" BaseLoc="{loc}"/>"#);
    }
    xml.push_str("</ofd:Pages>");
    if tags {
        xml.push_str("<ofd:CustomTags>Tags/CustomTags.xml</ofd:CustomTags>");
    }
    xml.push_str("</ofd:Document>");
    xml
}

/// `PublicRes.xml`: the fonts by name only. The GB2312 and 方正 fonts are
/// licensed and not embedded; a reader without one substitutes another.
pub fn public_res_xml(fonts: &[(u32, &str)]) -> String {
    let mut xml = format!(r#"{DECLARATION}<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>"#);
    for (id, name) in fonts {
        let name = escape(name);
        let _ = write!(
            xml,
            r#"<ofd:Font ID="{id}" FontName="{name}" FamilyName="{name}"/>"#
        );
    }
    xml.push_str("</ofd:Fonts></ofd:Res>");
    xml
}

/// The namespace of the tag file. GB/T 33476.1's own tag schema is not
/// public; the element names below are GB/T 9704-2012's (§7), in a
/// namespace of this application.
pub const TAG_NS: &str = "urn:notice-desk:gbt9704-2012";

/// `Tags/CustomTags.xml`, the index of tag files.
pub fn custom_tags_xml() -> String {
    format!(
        r#"{DECLARATION}<ofd:CustomTags xmlns:ofd="{NS}"><ofd:CustomTag NameSpace="{TAG_NS}"><ofd:FileLoc>CustomTag.xml</ofd:FileLoc></ofd:CustomTag></ofd:CustomTags>"#
    )
}

/// The GB/T 9704-2012 name of an element (§7.2 版头, §7.3 主体, §7.4 版记,
/// §7.5 页码).
pub fn element_name(element: Element) -> &'static str {
    match element {
        Element::CopyNumber => "份号",
        Element::Secrecy => "密级和保密期限",
        Element::Urgency => "紧急程度",
        Element::OrganMark => "发文机关标志",
        Element::DocNumber => "发文字号",
        Element::Signer => "签发人",
        Element::Title => "标题",
        Element::Recipients => "主送机关",
        Element::Body => "正文",
        Element::Attachments => "附件说明",
        Element::Signature => "发文机关署名",
        Element::Date => "成文日期",
        Element::Note => "附注",
        Element::AttachedPlan => "附件",
        Element::Cc => "抄送机关",
        Element::Printer => "印发机关",
        Element::PrintDate => "印发日期",
        Element::PageNumber => "页码",
    }
}

/// `Tags/CustomTag.xml`: each element with the text objects that show it
/// (`ObjectRef` with the page's id), elements in the order of the notice.
pub fn custom_tag_xml(refs: &[(Element, u32, u32)]) -> String {
    let mut sorted: Vec<&(Element, u32, u32)> = refs.iter().collect();
    sorted.sort_by_key(|(element, page, id)| (*element, *page, *id));
    let mut xml = format!(r#"{DECLARATION}<gw:公文 xmlns:gw="{TAG_NS}" xmlns:ofd="{NS}">"#);
    let mut open: Option<Element> = None;
    for (element, page, id) in sorted {
        if open != Some(*element) {
            if let Some(previous) = open {
                let _ = write!(xml, "</gw:{}>", element_name(previous));
            }
            let _ = write!(xml, "<gw:{}>", element_name(*element));
            open = Some(*element);
        }
        let _ = write!(
            xml,
            r#"<ofd:ObjectRef PageRef="{page}">{id}</ofd:ObjectRef>"#
        );
    }
    if let Some(previous) = open {
        let _ = write!(xml, "</gw:{}>", element_name(previous));
    }
    xml.push_str("</gw:公文>");
    xml
}

/// The font names of the faces in the order of [`super::sheet::FACES`].
pub fn font_name(fonts: &crate::docx::FontSet, face: Face) -> &'static str {
    match face {
        Face::Title => fonts.title,
        Face::Body => fonts.body,
        Face::Hei => fonts.hei,
        Face::Kai => fonts.kai,
        Face::Song => fonts.song,
    }
}
