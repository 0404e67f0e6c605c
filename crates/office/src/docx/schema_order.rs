//! Children in the order the WordprocessingML schema requires.
//!
//! ECMA-376 Part 1 (transitional `wml.xsd`) declares most property
//! containers as `xsd:sequence`: `w:rFonts` before `w:sz` in `w:rPr`,
//! `w:pStyle` first in `w:pPr`, the header and footer references first in
//! `w:sectPr`. docx-rs writes several of them in its own order. LibreOffice
//! reads either; Word validates against the schema and is reported to drop
//! properties that come out of order (a run's font or colour). So every
//! part goes through this one pass before it is packed: it parses the XML
//! as written, sorts the children of the containers below by their place
//! in the schema's sequence (stably, so repeated elements keep their
//! order), and writes every tag back byte for byte.
//!
//! The sequences are the schema's, flattened; an element the table does
//! not list stays after the element it followed. The same pass drops the
//! few attributes docx-rs writes that the schema does not declare.

/// The schema's sequence for the children of a container, by element
/// name. Names joined by `|` share a place (an `xsd:choice` inside the
/// sequence); `*` stands for every element not named.
fn sequence(parent: &str) -> Option<&'static [&'static str]> {
    Some(match parent {
        // §17.3.1.26 CT_PPr (CT_PPrBase, then rPr, sectPr, pPrChange).
        "w:pPr" => &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
        // §17.3.2.28 CT_RPr; a paragraph mark's CT_ParaRPr adds the
        // revision marks first, so one table serves both.
        "w:rPr" => &[
            "w:ins",
            "w:del",
            "w:moveFrom",
            "w:moveTo",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:rPrChange",
        ],
        // §17.6.17 CT_SectPr: up to six header/footer references in any
        // order, then the section's properties.
        "w:sectPr" => &[
            "w:headerReference|w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
        // §17.4.60 CT_TblPr (a table style's CT_TblPrStyle is a subset in
        // the same order, its band sizes first).
        "w:tblPr" => &[
            "w:tblStyle",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
            "w:tblPrChange",
        ],
        // §17.4.70 CT_TcPr.
        "w:tcPr" => &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
            "w:cellIns",
            "w:cellDel",
            "w:cellMerge",
            "w:tcPrChange",
        ],
        // §17.4.82 CT_TrPr is a choice, any order, but its change mark last.
        "w:trPr" => &["*", "w:ins", "w:del", "w:trPrChange"],
        // §17.4.38 CT_TblBorders, §17.4.67 CT_TcBorders.
        "w:tblBorders" | "w:tcBorders" => &[
            "w:top",
            "w:left",
            "w:start",
            "w:bottom",
            "w:right",
            "w:end",
            "w:insideH",
            "w:insideV",
            "w:tl2br",
            "w:tr2bl",
        ],
        // §17.3.1.24 CT_PBdr.
        "w:pBdr" => &[
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:between",
            "w:bar",
        ],
        // §17.4.42 CT_TblCellMar, §17.4.68 CT_TcMar.
        "w:tblCellMar" | "w:tcMar" => {
            &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"]
        }
        // Containers whose properties come first (or, for the body, whose
        // section comes last): §17.3.1.22 CT_P, §17.3.2.25 CT_R,
        // §17.4.38 CT_Tbl, §17.4.79 CT_Row, §17.4.66 CT_Tc, §17.2.2 CT_Body.
        "w:p" => &["w:pPr", "*"],
        "w:r" => &["w:rPr", "*"],
        "w:tbl" => &["w:tblPr", "w:tblGrid", "*"],
        "w:tr" => &["w:tblPrEx", "w:trPr", "*"],
        "w:tc" => &["w:tcPr", "*"],
        "w:body" => &["*", "w:sectPr"],
        // §17.7.4.17 CT_Style.
        "w:style" => &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
        // §17.7.4.18 CT_Styles, §17.7.5.1 CT_DocDefaults.
        "w:styles" => &["w:docDefaults", "w:latentStyles", "w:style"],
        "w:docDefaults" => &["w:rPrDefault", "w:pPrDefault"],
        // §17.8.3.10 CT_Font.
        "w:font" => &[
            "w:altName",
            "w:panose1",
            "w:charset",
            "w:family",
            "w:notTrueType",
            "w:pitch",
            "w:sig",
            "w:embedRegular",
            "w:embedBold",
            "w:embedItalic",
            "w:embedBoldItalic",
        ],
        // §17.15.1.78 CT_Settings.
        "w:settings" => SETTINGS,
        _ => return None,
    })
}

const SETTINGS: &[&str] = &[
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
    "w:displayBackgroundShape",
    "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth",
    "w:printFormsData",
    "w:embedTrueTypeFonts",
    "w:embedSystemFonts",
    "w:saveSubsetFonts",
    "w:saveFormsData",
    "w:mirrorMargins",
    "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader",
    "w:bordersDoNotSurroundFooter",
    "w:gutterAtTop",
    "w:hideSpellingErrors",
    "w:hideGrammaticalErrors",
    "w:activeWritingStyle",
    "w:proofState",
    "w:formsDesign",
    "w:attachedTemplate",
    "w:linkStyles",
    "w:stylePaneFormatFilter",
    "w:stylePaneSortMethod",
    "w:documentType",
    "w:mailMerge",
    "w:revisionView",
    "w:trackRevisions",
    "w:doNotTrackMoves",
    "w:doNotTrackFormatting",
    "w:documentProtection",
    "w:autoFormatOverride",
    "w:styleLockTheme",
    "w:styleLockQFSet",
    "w:defaultTabStop",
    "w:autoHyphenation",
    "w:consecutiveHyphenLimit",
    "w:hyphenationZone",
    "w:doNotHyphenateCaps",
    "w:showEnvelope",
    "w:summaryLength",
    "w:clickAndTypeStyle",
    "w:defaultTableStyle",
    "w:evenAndOddHeaders",
    "w:bookFoldRevPrinting",
    "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets",
    "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin",
    "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData",
    "w:noPunctuationKerning",
    "w:characterSpacingControl",
    "w:printTwoOnOne",
    "w:strictFirstAndLastChars",
    "w:noLineBreaksAfter",
    "w:noLineBreaksBefore",
    "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema",
    "w:saveInvalidXml",
    "w:ignoreMixedContent",
    "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml",
    "w:saveXmlDataOnly",
    "w:useXSLTWhenSaving",
    "w:saveThroughXslt",
    "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace",
    "w:updateFields",
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:decimalSymbol",
    "w:listSeparator",
    "w14:docId",
    "w14:discardImageEditingData",
    "w14:defaultImageDpi",
    "w14:conflictMode",
    "w15:chartTrackingRefBased",
    "w15:docId",
];

/// Attributes docx-rs writes that the schema does not declare: §17.4.16
/// CT_TblGridCol has only `w:w` (a grid column is always in twips).
fn undeclared(element: &str) -> &'static [&'static str] {
    match element {
        "w:gridCol" => &["w:type"],
        _ => &[],
    }
}

/// The tag without the attributes `names`.
fn without_attributes(tag: &str, names: &[&str]) -> String {
    let mut tag = tag.to_owned();
    for name in names {
        for quote in ['"', '\''] {
            let start = format!(" {name}={quote}");
            if let Some(at) = tag.find(&start) {
                let value = at + start.len();
                if let Some(len) = tag[value..].find(quote) {
                    tag.replace_range(at..value + len + 1, "");
                }
            }
        }
    }
    tag
}

/// A node of the part as written: tags are kept as their source text.
enum Node<'a> {
    /// Text, comments, processing instructions: written back unchanged.
    Raw(&'a str),
    Element {
        name: &'a str,
        /// The start tag (or the whole empty-element tag).
        open: &'a str,
        children: Vec<Node<'a>>,
        /// The end tag; `None` for an empty-element tag.
        close: Option<&'a str>,
    },
}

/// Why a part could not be read.
#[derive(Debug, PartialEq, Eq)]
pub struct MalformedXml(pub usize);

/// The part with the children of every container the schema orders in
/// that order; everything else byte for byte as it was.
pub fn normalize(xml: &str) -> Result<String, MalformedXml> {
    let nodes = parse(xml)?;
    let mut out = String::with_capacity(xml.len());
    for node in nodes {
        write(node, &mut out);
    }
    Ok(out)
}

/// The end of the tag that starts at `from` (just past its `>`), skipping
/// `>` inside quoted attribute values.
fn tag_end(xml: &str, from: usize) -> Option<usize> {
    let bytes = xml.as_bytes();
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(from + 1) {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

fn parse(xml: &str) -> Result<Vec<Node<'_>>, MalformedXml> {
    // Open elements: (name, start tag, children so far).
    let mut stack: Vec<(&str, &str, Vec<Node>)> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    let mut at = 0;
    fn push<'a>(
        stack: &mut [(&'a str, &'a str, Vec<Node<'a>>)],
        top: &mut Vec<Node<'a>>,
        node: Node<'a>,
    ) {
        match stack.last_mut() {
            Some((_, _, children)) => children.push(node),
            None => top.push(node),
        }
    }
    while at < xml.len() {
        let Some(lt) = xml[at..].find('<').map(|i| at + i) else {
            push(&mut stack, &mut top, Node::Raw(&xml[at..]));
            break;
        };
        if lt > at {
            push(&mut stack, &mut top, Node::Raw(&xml[at..lt]));
        }
        let rest = &xml[lt..];
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map(|i| lt + i + 3)
        } else if rest.starts_with("<![CDATA[") {
            rest.find("]]>").map(|i| lt + i + 3)
        } else if rest.starts_with("<?") {
            rest.find("?>").map(|i| lt + i + 2)
        } else {
            tag_end(xml, lt)
        }
        .ok_or(MalformedXml(lt))?;
        let tag = &xml[lt..end];
        if tag.starts_with("<!") || tag.starts_with("<?") {
            push(&mut stack, &mut top, Node::Raw(tag));
        } else if let Some(name) = tag.strip_prefix("</") {
            let name = name.trim_end_matches('>').trim();
            let (open_name, open, children) = stack.pop().ok_or(MalformedXml(lt))?;
            if open_name != name {
                return Err(MalformedXml(lt));
            }
            let element = Node::Element {
                name: open_name,
                open,
                children,
                close: Some(tag),
            };
            push(&mut stack, &mut top, element);
        } else {
            let inner = &tag[1..tag.len() - 1];
            let empty = inner.ends_with('/');
            let name_end = inner
                .find(|c: char| c.is_whitespace() || c == '/')
                .unwrap_or(inner.len());
            let name = &inner[..name_end];
            if name.is_empty() {
                return Err(MalformedXml(lt));
            }
            if empty {
                let element = Node::Element {
                    name,
                    open: tag,
                    children: Vec::new(),
                    close: None,
                };
                push(&mut stack, &mut top, element);
            } else {
                stack.push((name, tag, Vec::new()));
            }
        }
        at = end;
    }
    if stack.is_empty() {
        Ok(top)
    } else {
        Err(MalformedXml(xml.len()))
    }
}

/// The place of `child` in `order`: its own, the `*` place for unnamed
/// elements, or `None` to stay after its predecessor.
fn place(order: &[&str], child: &str) -> Option<usize> {
    order
        .iter()
        .position(|entry| entry.split('|').any(|name| name == child))
        .or_else(|| order.iter().position(|entry| *entry == "*"))
}

fn reorder(parent: &str, children: &mut Vec<Node<'_>>) {
    let Some(order) = sequence(parent) else {
        return;
    };
    // Text inside a container is either insignificant white space or a
    // sign that this is not the element the table describes: leave it.
    if children.iter().any(|c| matches!(c, Node::Raw(_))) {
        return;
    }
    let mut rank = 0;
    let mut keyed: Vec<(usize, Node)> = children
        .drain(..)
        .map(|child| {
            if let Node::Element { name, .. } = &child {
                if let Some(p) = place(order, name) {
                    rank = p;
                }
            }
            (rank, child)
        })
        .collect();
    keyed.sort_by_key(|(rank, _)| *rank);
    children.extend(keyed.into_iter().map(|(_, child)| child));
}

fn write(node: Node<'_>, out: &mut String) {
    match node {
        Node::Raw(text) => out.push_str(text),
        Node::Element {
            name,
            open,
            mut children,
            close,
        } => {
            reorder(name, &mut children);
            match undeclared(name) {
                [] => out.push_str(open),
                names => out.push_str(&without_attributes(open, names)),
            }
            for child in children {
                write(child, out);
            }
            if let Some(close) = close {
                out.push_str(close);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_properties_take_the_schema_order() {
        let xml = r#"<w:r><w:rPr><w:sz w:val="32" /><w:color w:val="FF0000" /><w:rFonts w:eastAsia="仿宋" /></w:rPr><w:t>正文</w:t></w:r>"#;
        assert_eq!(
            normalize(xml).unwrap(),
            r#"<w:r><w:rPr><w:rFonts w:eastAsia="仿宋" /><w:color w:val="FF0000" /><w:sz w:val="32" /></w:rPr><w:t>正文</w:t></w:r>"#
        );
    }

    #[test]
    fn paragraph_style_first_and_mark_properties_after_the_layout() {
        let xml = r#"<w:p><w:pPr><w:rPr /><w:jc w:val="center" /><w:pStyle w:val="Title" /></w:pPr><w:r><w:t>a</w:t></w:r></w:p>"#;
        assert_eq!(
            normalize(xml).unwrap(),
            r#"<w:p><w:pPr><w:pStyle w:val="Title" /><w:jc w:val="center" /><w:rPr /></w:pPr><w:r><w:t>a</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn section_references_come_first_in_their_own_order() {
        let xml = r#"<w:sectPr><w:pgSz /><w:footerReference w:type="default" /><w:headerReference w:type="even" /><w:footerReference w:type="even" /></w:sectPr>"#;
        assert_eq!(
            normalize(xml).unwrap(),
            r#"<w:sectPr><w:footerReference w:type="default" /><w:headerReference w:type="even" /><w:footerReference w:type="even" /><w:pgSz /></w:sectPr>"#
        );
    }

    #[test]
    fn text_attributes_and_unknown_elements_are_kept() {
        let xml = r#"<?xml version="1.0"?><w:document a="x>y"><w:body><w:sectPr /><w:p><w:r><w:t xml:space="preserve"> a &amp; b </w:t></w:r></w:p><w:x /></w:body></w:document>"#;
        assert_eq!(
            normalize(xml).unwrap(),
            r#"<?xml version="1.0"?><w:document a="x>y"><w:body><w:p><w:r><w:t xml:space="preserve"> a &amp; b </w:t></w:r></w:p><w:x /><w:sectPr /></w:body></w:document>"#
        );
    }

    #[test]
    fn repeated_children_keep_their_order() {
        let xml = r#"<w:tbl><w:tr><w:tc /></w:tr><w:tr><w:tc /><w:tc /></w:tr><w:tblGrid /><w:tblPr /></w:tbl>"#;
        assert_eq!(
            normalize(xml).unwrap(),
            r#"<w:tbl><w:tblPr /><w:tblGrid /><w:tr><w:tc /></w:tr><w:tr><w:tc /><w:tc /></w:tr></w:tbl>"#
        );
    }

    #[test]
    fn undeclared_attributes_are_dropped() {
        let xml = r#"<w:tblGrid><w:gridCol w:w="800" w:type="dxa" /></w:tblGrid>"#;
        assert_eq!(
            normalize(xml).unwrap(),
            r#"<w:tblGrid><w:gridCol w:w="800" /></w:tblGrid>"#
        );
    }

    #[test]
    fn malformed_parts_are_refused() {
        assert!(normalize("<w:p><w:r></w:p>").is_err());
        assert!(normalize("<w:p>").is_err());
        assert!(normalize("<w:p attr=\"></w:p>").is_err());
    }
}
