//! .docx files: the package is opened with the zip crate and
//! `word/document.xml` read with roxmltree; paragraphs become lines and
//! tables rows of cells, for the same parser as pasted text.
//!
//! docx-rs's reader is not used: it hangs on some files (an .xlsx among
//! them). Everything here is bounded: the number of entries in the package,
//! the size of the XML after decompression (a zip bomb stops at the limit),
//! the number of XML nodes and the depth walked. Anything that is not a
//! .docx gets a message saying what it is and what to do instead.

use super::{parse, ImportReport, Item};
use roxmltree::{Document, Node, ParsingOptions};
use std::io::{Cursor, Read};

/// The largest document.xml read, decompressed.
pub const MAX_XML_BYTES: u64 = 20 * 1024 * 1024;
/// The most entries a package may have (a real .docx has a few dozen).
pub const MAX_ENTRIES: usize = 2_000;
/// The largest numbering.xml read.
const MAX_NUMBERING_BYTES: u64 = 4 * 1024 * 1024;
/// The most XML nodes parsed.
const MAX_NODES: u32 = 4_000_000;
/// The deepest element nesting walked (tables in tables in text boxes…).
const MAX_DEPTH: usize = 200;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Reads a .docx into a draft, or says why it cannot.
pub fn import_docx(bytes: &[u8]) -> Result<ImportReport, String> {
    let items = super::text::tables_in_lines(items_of(bytes)?);
    if items.is_empty() {
        return Err("这个 Word 文档没有文字内容。".into());
    }
    Ok(parse::parse(items, Vec::new()))
}

/// The document's paragraphs and tables, as the parser reads them.
pub(crate) fn items_of(bytes: &[u8]) -> Result<Vec<Item>, String> {
    let (xml, numbering, headers, styles) = document_xml(bytes)?;
    let mut numbering = numbering
        .as_deref()
        .map(Numbering::read)
        .unwrap_or_default();
    if let Some(styles) = styles.as_deref() {
        numbering.read_styles(styles);
    }
    let first_header = first_page_header(&xml)
        .and_then(|id| headers.iter().find(|(rid, _)| *rid == id))
        .map(|(_, xml)| xml.clone());
    let mut out = Vec::new();
    // A 红头 set in the first page's header comes before the body.
    if let Some(header) = first_header {
        out.extend(header_items(&header, &mut numbering));
    }
    out.extend(items(&xml, numbering)?);
    Ok(out)
}

/// The relationship id of the header shown on the first page: the first
/// section's "first" header when it has a different first page, else its
/// default one.
fn first_page_header(xml: &str) -> Option<String> {
    if !nesting_within(xml, MAX_DEPTH) {
        return None;
    }
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
    };
    let doc = Document::parse_with_options(xml, options).ok()?;
    let section = doc.descendants().find(|n| n.has_tag_name((W, "sectPr")))?;
    let title_page = section.children().any(|n| n.has_tag_name((W, "titlePg")));
    let reference = |kind: &str| {
        section
            .children()
            .filter(|n| n.has_tag_name((W, "headerReference")))
            .find(|n| n.attribute((W, "type")).unwrap_or("default") == kind)
            .and_then(|n| {
                n.attributes()
                    .find(|a| a.name() == "id")
                    .map(|a| a.value().to_owned())
            })
    };
    if title_page {
        reference("first").or_else(|| reference("default"))
    } else {
        reference("default")
    }
}

/// A header part's paragraphs and tables; a header that cannot be read
/// adds nothing.
fn header_items(xml: &str, numbering: &mut Numbering) -> Vec<Item> {
    if !nesting_within(xml, MAX_DEPTH) {
        return Vec::new();
    }
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
    };
    let Ok(doc) = Document::parse_with_options(xml, options) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let _ = block_children(doc.root_element(), 0, numbering, &mut out);
    out
}

/// The main document part's XML, after checking what kind of file this
/// is, and the numbering part's when there is one.
/// document.xml, numbering.xml, the headers by relationship id, styles.xml.
type Parts = (
    String,
    Option<String>,
    Vec<(String, String)>,
    Option<String>,
);

fn document_xml(bytes: &[u8]) -> Result<Parts, String> {
    if bytes.is_empty() {
        return Err("文件是空的。".into());
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err("这是旧版 Word 文档（.doc）或加密的文档，无法直接读取。请在 Word 或 WPS 中“另存为” .docx 后再导入，或复制正文粘贴导入。".into());
    }
    if bytes.starts_with(b"%PDF") {
        return Err("这是 PDF 文件，不是 Word 文档。请复制其中的文字粘贴导入。".into());
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err("这是 RTF 文件，不是 .docx。请在 Word 或 WPS 中另存为 .docx 后再导入。".into());
    }
    if !bytes.starts_with(b"PK") {
        return Err("这不是 Word 文档（.docx）。请选择 .docx 文件，或复制正文粘贴导入。".into());
    }
    if declared_entries(bytes).is_some_and(|n| n > MAX_ENTRIES) {
        return Err(too_many_entries());
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| "文件已损坏，或不是 .docx 文件，无法打开。".to_owned())?;
    if archive.len() > MAX_ENTRIES {
        return Err(too_many_entries());
    }
    let names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    let main = main_part(&mut archive).unwrap_or_else(|| "word/document.xml".to_owned());
    if !has(&main) {
        return Err(if has("xl/workbook.xml") {
            "这是 Excel 表格（.xlsx），不是 Word 文档。可以把表格中的活动安排复制后粘贴到“活动安排”表中。".into()
        } else if has("ppt/presentation.xml") {
            "这是 PowerPoint 演示文稿（.pptx），不是 Word 文档。".into()
        } else if has("content.xml") {
            "这是 OpenDocument 文档（如 .odt），请另存为 .docx 后再导入。".into()
        } else {
            "压缩包中没有 Word 正文（word/document.xml），这不是 .docx 文件。".into()
        });
    }
    let document = read_limited(&mut archive, &main, MAX_XML_BYTES)?;
    // Lists numbered by Word (一、 typed by Word, not by the user) live in
    // the numbering part next to the document.
    let folder = main.rsplit_once('/').map_or("", |(folder, _)| folder);
    let numbering_name = if folder.is_empty() {
        "numbering.xml".to_owned()
    } else {
        format!("{folder}/numbering.xml")
    };
    let numbering = has(&numbering_name)
        .then(|| read_limited(&mut archive, &numbering_name, MAX_NUMBERING_BYTES).ok())
        .flatten();
    // The headers, by relationship id (a 红头 may be set in one).
    let rels_name = if folder.is_empty() {
        "_rels/document.xml.rels".to_owned()
    } else {
        let file = main.rsplit_once('/').map_or(main.as_str(), |(_, f)| f);
        format!("{folder}/_rels/{file}.rels")
    };
    let mut headers = Vec::new();
    if let Ok(rels) = read_limited(&mut archive, &rels_name, 1024 * 1024) {
        if nesting_within(&rels, MAX_DEPTH) {
            if let Ok(doc) = Document::parse(&rels) {
                let targets: Vec<(String, String)> = doc
                    .descendants()
                    .filter(|n| n.tag_name().name() == "Relationship")
                    .filter(|n| n.attribute("Type").is_some_and(|t| t.ends_with("/header")))
                    .filter_map(|n| {
                        Some((
                            n.attribute("Id")?.to_owned(),
                            n.attribute("Target")?.to_owned(),
                        ))
                    })
                    .take(8)
                    .collect();
                for (id, target) in targets {
                    let path = match target.strip_prefix('/') {
                        Some(absolute) => absolute.to_owned(),
                        None if folder.is_empty() => target,
                        None => format!("{folder}/{target}"),
                    };
                    if let Ok(xml) = read_limited(&mut archive, &path, 1024 * 1024) {
                        headers.push((id, xml));
                    }
                }
            }
        }
    }
    let styles_name = if folder.is_empty() {
        "styles.xml".to_owned()
    } else {
        format!("{folder}/styles.xml")
    };
    let styles = has(&styles_name)
        .then(|| read_limited(&mut archive, &styles_name, MAX_NUMBERING_BYTES).ok())
        .flatten();
    Ok((document, numbering, headers, styles))
}

fn too_many_entries() -> String {
    format!("文件包含的部件过多（超过{MAX_ENTRIES}个），不像 Word 文档，已拒绝读取。")
}

/// The entry count of the zip's end-of-central-directory record, read
/// before the zip crate walks (and allocates for) every entry.
fn declared_entries(bytes: &[u8]) -> Option<usize> {
    const EOCD: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    let tail_start = bytes.len().saturating_sub(22 + 65_535);
    let tail = &bytes[tail_start..];
    let at = tail.windows(4).rposition(|w| w == EOCD)?;
    let record = tail.get(at..at + 22)?;
    Some(u16::from_le_bytes([record[10], record[11]]) as usize)
}

/// The main part named in _rels/.rels (officeDocument), without its slash.
fn main_part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<String> {
    let rels = read_limited(archive, "_rels/.rels", 1024 * 1024).ok()?;
    if !nesting_within(&rels, MAX_DEPTH) {
        return None;
    }
    let doc = Document::parse(&rels).ok()?;
    doc.descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
        .find(|n| {
            n.attribute("Type")
                .is_some_and(|t| t.ends_with("/officeDocument"))
        })
        .and_then(|n| n.attribute("Target"))
        .map(|t| t.trim_start_matches('/').to_owned())
}

/// An entry's text, refusing more than `limit` bytes whatever its header
/// claims.
fn read_limited(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Result<String, String> {
    let too_big = || {
        format!(
            "Word 正文解压后超过 {} MB，文件过大或已损坏，已拒绝读取。",
            limit / 1024 / 1024
        )
    };
    let file = archive.by_name(name).map_err(|e| match e {
        zip::result::ZipError::UnsupportedArchive(_) => {
            "文件已加密或使用了不支持的压缩方式，无法读取。".to_owned()
        }
        _ => "文件已损坏，无法读取 Word 正文。".to_owned(),
    })?;
    if file.encrypted() {
        return Err("文件已加密，无法读取。请取消密码保护后再导入。".into());
    }
    if file.size() > limit {
        return Err(too_big());
    }
    let mut data = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut data)
        .map_err(|_| "文件已损坏或使用了不支持的压缩方式，无法读取 Word 正文。".to_owned())?;
    if data.len() as u64 > limit {
        return Err(too_big());
    }
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&data);
    String::from_utf8(data.to_vec())
        .map_err(|_| "Word 正文的编码无法识别（不是 UTF-8）。".to_owned())
}

const TOO_DEEP: &str = "Word 正文嵌套过深，不像正常的文档，已拒绝读取。";

/// Whether elements nest at most `limit` deep. Checked before parsing, as
/// roxmltree's parser recurses and a hostile file can overflow the stack
/// with nesting alone. Comments, CDATA, processing instructions and quoted
/// attribute values are skipped, so a `<` inside them is not counted.
fn nesting_within(xml: &str, limit: usize) -> bool {
    let bytes = xml.as_bytes();
    let skip_to = |from: usize, end: &[u8]| {
        bytes[from..]
            .windows(end.len())
            .position(|w| w == end)
            .map_or(bytes.len(), |p| from + p + end.len())
    };
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &bytes[i..];
        if rest.starts_with(b"<!--") {
            i = skip_to(i + 4, b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            i = skip_to(i + 9, b"]]>");
        } else if rest.starts_with(b"<?") {
            i = skip_to(i + 2, b"?>");
        } else if rest.starts_with(b"<!") {
            i = skip_to(i + 2, b">");
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            i = skip_to(i + 2, b">");
        } else {
            let mut quote = None;
            let mut j = i + 1;
            while j < bytes.len() {
                match (bytes[j], quote) {
                    (b'"' | b'\'', None) => quote = Some(bytes[j]),
                    (q, Some(open)) if q == open => quote = None,
                    (b'>', None) => break,
                    _ => {}
                }
                j += 1;
            }
            if j == i + 1 || bytes[j - 1] != b'/' {
                depth += 1;
                if depth > limit {
                    return false;
                }
            }
            i = j + 1;
        }
    }
    true
}

/// The body's paragraphs and tables, in order.
fn items(xml: &str, mut numbering: Numbering) -> Result<Vec<Item>, String> {
    if !nesting_within(xml, MAX_DEPTH) {
        return Err(TOO_DEEP.into());
    }
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
    };
    let doc = Document::parse_with_options(xml, options)
        .map_err(|e| format!("Word 正文不是有效的 XML，无法读取（{e}）。"))?;
    let root = doc.root_element();
    if !root.has_tag_name((W, "document")) {
        return Err("这不是 Word 正文（缺少 w:document），无法读取。".into());
    }
    let body = root
        .children()
        .find(|n| n.has_tag_name((W, "body")))
        .ok_or_else(|| "Word 正文是空的（缺少 w:body）。".to_owned())?;
    let mut out = Vec::new();
    block_children(body, 0, &mut numbering, &mut out)?;
    Ok(out)
}

/// Block-level content: paragraphs, tables, and the containers Word wraps
/// them in (content controls, custom XML, tracked insertions).
fn block_children(
    node: Node,
    depth: usize,
    numbering: &mut Numbering,
    out: &mut Vec<Item>,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(TOO_DEEP.into());
    }
    for child in node.children().filter(Node::is_element) {
        let name = child.tag_name();
        match (name.namespace(), name.name()) {
            (Some(W), "p") => paragraph(child, depth + 1, numbering, out)?,
            (Some(W), "tbl") => out.push(Item::Table(table(child, depth + 1, numbering)?)),
            (Some(W), "sdt" | "sdtContent" | "customXml" | "ins" | "moveTo" | "smartTag") => {
                block_children(child, depth + 1, numbering, out)?
            }
            (Some(MC), "AlternateContent") => {
                if let Some(choice) = child.children().find(|c| c.has_tag_name((MC, "Choice"))) {
                    block_children(choice, depth + 1, numbering, out)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// A paragraph's text as lines (a line break starts a new line), with the
/// number Word gives it when it is in a numbered list; text boxes anchored
/// in it come first, as lines of their own.
fn paragraph(
    node: Node,
    depth: usize,
    numbering: &mut Numbering,
    out: &mut Vec<Item>,
) -> Result<(), String> {
    let mut lines = vec![String::new()];
    let mut boxes = Vec::new();
    inline(node, depth, numbering, &mut lines, &mut boxes)?;
    let text_at = lines.iter().position(|l| !l.trim().is_empty());
    if let (Some(at), Some(number)) = (text_at, numbering.number(node)) {
        lines[at].insert_str(0, &number);
    }
    out.extend(boxes);
    out.extend(
        lines
            .into_iter()
            .filter(|l| !l.trim().is_empty())
            .map(Item::Line),
    );
    Ok(())
}

fn inline(
    node: Node,
    depth: usize,
    numbering: &mut Numbering,
    lines: &mut Vec<String>,
    boxes: &mut Vec<Item>,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(TOO_DEEP.into());
    }
    for child in node.children().filter(Node::is_element) {
        let name = child.tag_name();
        let current = lines.last_mut().expect("never empty");
        match (name.namespace(), name.name()) {
            (Some(W), "t") => current.push_str(child.text().unwrap_or("")),
            // Kept as a tab: rows typed with tabs are read as a table.
            (Some(W), "tab" | "ptab") => current.push('\t'),
            (Some(W), "noBreakHyphen") => current.push('-'),
            (Some(W), "br" | "cr") => {
                // A page break inside a paragraph is layout, not a new line
                // of text, but it does separate what is on either side.
                lines.push(String::new());
            }
            (Some(W), "sym") => {
                if let Some(c) = child
                    .attribute((W, "char"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32)
                {
                    current.push(c);
                }
            }
            (Some(W), "txbxContent") => block_children(child, depth + 1, numbering, boxes)?,
            // Deleted text, field instructions, and what Word keeps twice.
            // Text moved away during review stands again where it went.
            (Some(W), "del" | "delText" | "instrText" | "pPr" | "rPr" | "moveFrom") => {}
            (Some(MC), "AlternateContent") => {
                if let Some(choice) = child.children().find(|c| c.has_tag_name((MC, "Choice"))) {
                    inline(choice, depth + 1, numbering, lines, boxes)?;
                }
            }
            (Some(MC), "Fallback") => {}
            _ => inline(child, depth + 1, numbering, lines, boxes)?,
        }
    }
    Ok(())
}

/// A table's rows of cells, one cell per grid column: a cell spanning
/// columns (gridSpan) is followed by empty cells, and a cell merged with the
/// one above (vMerge) repeats its text, so that every row lines up with the
/// header. A cell's paragraphs are its lines; a table inside a cell adds
/// its cells' lines.
fn table(node: Node, depth: usize, numbering: &mut Numbering) -> Result<Vec<Vec<String>>, String> {
    if depth > MAX_DEPTH {
        return Err(TOO_DEEP.into());
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    for row in node.children().filter(|n| n.has_tag_name((W, "tr"))) {
        let mut cells = Vec::new();
        for cell in row.children().filter(|n| n.has_tag_name((W, "tc"))) {
            let properties = cell.children().find(|n| n.has_tag_name((W, "tcPr")));
            let property = |name: &str| {
                properties.and_then(|p| p.children().find(|n| n.has_tag_name((W, name))))
            };
            let span = property("gridSpan")
                .and_then(|n| n.attribute((W, "val")))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, 64);
            let merged_with_above = property("vMerge")
                .is_some_and(|n| n.attribute((W, "val")).is_none_or(|v| v == "continue"));
            let mut items = Vec::new();
            block_children(cell, depth + 1, numbering, &mut items)?;
            let mut text: Vec<String> = items
                .into_iter()
                .flat_map(|item| match item {
                    Item::Line(line) => vec![line],
                    Item::Table(rows) => rows.into_iter().flatten().collect(),
                })
                .collect();
            if merged_with_above && text.iter().all(|t| t.trim().is_empty()) {
                let column = cells.len();
                text = rows
                    .last()
                    .and_then(|above| above.get(column))
                    .map(|t| vec![t.clone()])
                    .unwrap_or_default();
            }
            cells.push(text.join("\n"));
            cells.extend(std::iter::repeat_n(String::new(), span - 1));
        }
        rows.push(cells);
    }
    Ok(rows)
}

/// Word's list numbering (numbering.xml): each list's levels, and the
/// counters as the document goes.
#[derive(Debug, Default)]
struct Numbering {
    /// numId → abstractNumId.
    lists: std::collections::HashMap<String, String>,
    /// (abstractNumId, ilvl) → the level.
    levels: std::collections::HashMap<(String, u8), ListLevel>,
    /// numId → the current number at each level (0: not started).
    counters: std::collections::HashMap<String, [usize; 9]>,
    /// Paragraph styles that number their paragraphs (Word's "List
    /// Number", headings in a numbered outline): styleId → numId, ilvl,
    /// and the style it is based on.
    styles: std::collections::HashMap<String, StyleNumbering>,
}

#[derive(Debug, Clone, Default)]
struct StyleNumbering {
    num_id: Option<String>,
    ilvl: Option<usize>,
    based_on: Option<String>,
}

#[derive(Debug, Clone)]
struct ListLevel {
    format: String,
    /// %1、, （%1）, %1.%2.
    text: String,
    start: usize,
}

impl Numbering {
    /// Reads numbering.xml; a part that cannot be read numbers nothing.
    fn read(xml: &str) -> Self {
        let mut out = Self::default();
        if !nesting_within(xml, MAX_DEPTH) {
            return out;
        }
        let options = ParsingOptions {
            allow_dtd: false,
            nodes_limit: MAX_NODES,
        };
        let Ok(doc) = Document::parse_with_options(xml, options) else {
            return out;
        };
        let val = |node: Node, name: &str| {
            node.children()
                .find(|n| n.has_tag_name((W, name)))
                .and_then(|n| n.attribute((W, "val")))
                .map(str::to_owned)
        };
        for node in doc.root_element().children() {
            if node.has_tag_name((W, "abstractNum")) {
                let Some(id) = node.attribute((W, "abstractNumId")) else {
                    continue;
                };
                for level in node.children().filter(|n| n.has_tag_name((W, "lvl"))) {
                    let Some(ilvl) = level.attribute((W, "ilvl")).and_then(|v| v.parse().ok())
                    else {
                        continue;
                    };
                    out.levels.insert(
                        (id.to_owned(), ilvl),
                        ListLevel {
                            format: val(level, "numFmt").unwrap_or_else(|| "decimal".into()),
                            text: val(level, "lvlText").unwrap_or_default(),
                            start: val(level, "start")
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(1),
                        },
                    );
                }
            } else if node.has_tag_name((W, "num")) {
                if let (Some(id), Some(abstract_id)) =
                    (node.attribute((W, "numId")), val(node, "abstractNumId"))
                {
                    out.lists.insert(id.to_owned(), abstract_id);
                }
            }
        }
        out
    }

    /// Reads styles.xml for the styles that number paragraphs.
    fn read_styles(&mut self, xml: &str) {
        if !nesting_within(xml, MAX_DEPTH) {
            return;
        }
        let options = ParsingOptions {
            allow_dtd: false,
            nodes_limit: MAX_NODES,
        };
        let Ok(doc) = Document::parse_with_options(xml, options) else {
            return;
        };

        for style in doc
            .root_element()
            .children()
            .filter(|n| n.has_tag_name((W, "style")))
        {
            let Some(id) = style.attribute((W, "styleId")) else {
                continue;
            };
            let num_pr = child(style, "pPr").and_then(|p| child(p, "numPr"));
            let val = |name: &str| {
                num_pr
                    .and_then(|n| child(n, name))
                    .and_then(|n| n.attribute((W, "val")))
            };
            let based_on = child(style, "basedOn")
                .and_then(|n| n.attribute((W, "val")))
                .map(str::to_owned);
            self.styles.insert(
                id.to_owned(),
                StyleNumbering {
                    num_id: val("numId").map(str::to_owned),
                    ilvl: val("ilvl").and_then(|v| v.parse().ok()),
                    based_on,
                },
            );
        }
    }

    /// The numId and level a paragraph style gives, through the styles it
    /// is based on (a few steps at most).
    fn style_numbering(&self, style: &str) -> (Option<String>, Option<usize>) {
        let (mut num_id, mut ilvl) = (None, None);
        let mut current = Some(style.to_owned());
        for _ in 0..10 {
            let Some(found) = current.as_ref().and_then(|s| self.styles.get(s)) else {
                break;
            };
            num_id = num_id.or_else(|| found.num_id.clone());
            ilvl = ilvl.or(found.ilvl);
            current = found.based_on.clone();
        }
        (num_id, ilvl)
    }

    /// The number Word shows before this paragraph, counting it.
    fn number(&mut self, paragraph: Node) -> Option<String> {
        let p_pr = paragraph.children().find(|n| n.has_tag_name((W, "pPr")))?;
        let num_pr = p_pr.children().find(|n| n.has_tag_name((W, "numPr")));
        let val = |name: &str| {
            num_pr
                .and_then(|n| n.children().find(|c| c.has_tag_name((W, name))))
                .and_then(|n| n.attribute((W, "val")))
        };
        let style = p_pr
            .children()
            .find(|n| n.has_tag_name((W, "pStyle")))
            .and_then(|n| n.attribute((W, "val")));
        let (style_num, style_ilvl) = style.map_or((None, None), |s| self.style_numbering(s));
        let num_id = val("numId").map(str::to_owned).or(style_num)?;
        if num_id == "0" {
            return None;
        }
        let num_id = num_id.as_str();
        let ilvl: usize = val("ilvl")
            .and_then(|v| v.parse().ok())
            .or(style_ilvl)
            .unwrap_or(0)
            .min(8);
        let abstract_id = self.lists.get(num_id)?.clone();
        let level_of = |levels: &std::collections::HashMap<(String, u8), ListLevel>, l: usize| {
            levels.get(&(abstract_id.clone(), l as u8)).cloned()
        };
        let level = level_of(&self.levels, ilvl)?;
        let counters = self.counters.entry(num_id.to_owned()).or_insert([0; 9]);
        counters[ilvl] = if counters[ilvl] == 0 {
            level.start
        } else {
            counters[ilvl] + 1
        };
        for deeper in counters.iter_mut().skip(ilvl + 1) {
            *deeper = 0;
        }
        if level.format == "bullet" || level.format == "none" {
            return None;
        }
        let counters = *counters;
        let mut text = level.text.clone();
        for (l, count) in counters.iter().enumerate().take(ilvl + 1) {
            let placeholder = format!("%{}", l + 1);
            if !text.contains(&placeholder) {
                continue;
            }
            let format = level_of(&self.levels, l).map_or(level.format.clone(), |v| v.format);
            text = text.replace(&placeholder, &format_number(&format, (*count).max(1)));
        }
        Some(text)
    }
}

/// The first child element of `node` named `name` in Word's namespace.
fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children().find(|n| n.has_tag_name((W, name)))
}

/// A list number in one of Word's formats.
fn format_number(format: &str, n: usize) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographDigital"
        | "japaneseCounting" => notice_core::compose::chinese_number(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32('①' as u32 + n as u32 - 1).map_or(n.to_string(), String::from)
        }
        "upperLetter" if n <= 26 => char::from(b'A' + (n - 1) as u8).to_string(),
        "lowerLetter" if n <= 26 => char::from(b'a' + (n - 1) as u8).to_string(),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            writer.start_file(*name, options).unwrap();
            writer.write_all(data).unwrap();
        }
        writer.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn paragraphs_breaks_tables_and_text_boxes() {
        let xml = format!(
            r#"<w:document xmlns:w="{W}" xmlns:mc="{MC}"><w:body>
            <w:p><w:r><w:t>关于印发</w:t><w:br/><w:t>方案的通知</w:t></w:r></w:p>
            <w:p><w:r><w:t>删</w:t></w:r><w:del><w:r><w:delText>掉</w:delText></w:r></w:del></w:p>
            <w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>某局文件</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:t>某局文件</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>
            </w:body></w:document>"#
        );
        let items = items(&xml, Numbering::default()).unwrap();
        assert_eq!(
            items,
            [
                Item::Line("关于印发".into()),
                Item::Line("方案的通知".into()),
                Item::Line("删".into()),
                Item::Line("某局文件".into()),
                Item::Table(vec![vec!["甲\n乙".into(), String::new()]]),
            ]
        );
    }

    #[test]
    fn word_list_numbers_and_merged_cells() {
        let numbering = Numbering::read(&format!(
            r#"<w:numbering xmlns:w="{W}">
            <w:abstractNum w:abstractNumId="5">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="3"><w:abstractNumId w:val="5"/></w:num>
            </w:numbering>"#
        ));
        let p = |level: u8, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let cell = |props: &str, text: &str| {
            format!(
                r#"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#
            )
        };
        let xml = format!(
            r#"<w:document xmlns:w="{W}"><w:body>{}{}{}{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl></w:body></w:document>"#,
            p(0, "活动主题"),
            p(1, "加强领导"),
            p(1, "务求实效"),
            p(0, "活动要求"),
            cell(r#"<w:gridSpan w:val="2"/>"#, "标题"),
            cell("", "牵头"),
            cell("", "甲"),
            cell(r#"<w:vMerge w:val="restart"/>"#, "质量股"),
            cell("", "乙"),
            cell("<w:vMerge/>", ""),
        );
        let items = items(&xml, numbering).unwrap();
        let lines: Vec<&str> = items
            .iter()
            .filter_map(|i| match i {
                Item::Line(l) => Some(l.as_str()),
                Item::Table(_) => None,
            })
            .collect();
        assert_eq!(
            lines,
            [
                "一、活动主题",
                "（一）加强领导",
                "（二）务求实效",
                "二、活动要求"
            ]
        );
        let Some(Item::Table(rows)) = items.last() else {
            panic!("{items:?}")
        };
        assert_eq!(rows[0], ["标题", "", "牵头"]);
        assert_eq!(rows[1], ["甲", "质量股"]);
        assert_eq!(rows[2], ["乙", "质量股"]);
    }

    #[test]
    fn what_is_not_a_docx_is_named() {
        let err = |bytes: &[u8]| import_docx(bytes).unwrap_err();
        assert!(err(b"").contains("空"));
        assert!(err(b"hello world").contains("不是 Word 文档"));
        assert!(err(b"%PDF-1.7 ...").contains("PDF"));
        assert!(err(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]).contains(".doc"));
        assert!(err(b"PK\x03\x04 broken").contains("损坏"));
        let xlsx = zip_with(&[
            ("xl/workbook.xml", b"<workbook/>"),
            ("[Content_Types].xml", b"<Types/>"),
        ]);
        assert!(err(&xlsx).contains("Excel"));
        let bad_xml = zip_with(&[("word/document.xml", b"<w:document><w:body>")]);
        assert!(err(&bad_xml).contains("XML"));
        let dtd = zip_with(&[(
            "word/document.xml",
            b"<!DOCTYPE d [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><d>&b;</d>",
        )]);
        assert!(err(&dtd).contains("XML"));
        let empty = zip_with(&[(
            "word/document.xml",
            format!(r#"<w:document xmlns:w="{W}"><w:body/></w:document>"#).as_bytes(),
        )]);
        assert!(err(&empty).contains("没有文字"));
    }

    #[test]
    fn a_zip_bomb_stops_at_the_limit() {
        // 40 MB of zeros compress to about 40 KB.
        let zeros = vec![b'0'; 40 * 1024 * 1024];
        let bomb = zip_with(&[("word/document.xml", &zeros)]);
        assert!(bomb.len() < 1024 * 1024);
        assert!(import_docx(&bomb).unwrap_err().contains("过大"));
    }

    #[test]
    fn too_many_entries_are_refused_before_reading() {
        let names: Vec<String> = (0..MAX_ENTRIES + 1).map(|i| format!("f{i}")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        assert!(import_docx(&zip_with(&entries))
            .unwrap_err()
            .contains("部件过多"));
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let depth = 100_000;
        let xml = format!(
            r#"<w:document xmlns:w="{W}"><w:body><w:p>{}{}</w:p></w:body></w:document>"#,
            "<w:r>".repeat(depth),
            "</w:r>".repeat(depth)
        );
        let docx = zip_with(&[("word/document.xml", xml.as_bytes())]);
        assert!(import_docx(&docx).unwrap_err().contains("嵌套"));
    }
}
