//! Import of existing notices: plain text pasted from a web page or Word
//! ([`text`]) and .docx files ([`docx`]) become a structured draft.
//!
//! Both readers turn their input into the same sequence of lines and tables
//! and share one parser, which recognises the parts of a notice by their
//! shape (a 发文字号, a line ending with ：, an organ above a date, headings
//! numbered 一、（一）1.（1）…) rather than by position, since pasted text
//! comes with parts missing, doubled or out of order.
//!
//! Nothing is dropped silently: every non-empty line of the input ends up in
//! the draft, or in [`ImportReport::unrecognised`] for the user to see. Only
//! markup is consumed without a trace: the "|" lines of a table flattened
//! by a web page, and numbering (一、 1.) that the app writes itself.
//!
//! Pure Rust, no browser: tested natively and used by the app and the CLI.

pub mod docx;
mod lines;
pub mod normalise;
mod parse;
mod table;
pub mod text;

use notice_core::json::{self, read_object, write_object, Json, JsonError, JsonField};
use notice_core::Notice;

/// The largest file taken for import: a long notice as .docx is well under
/// 1 MB.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// Imports a file the user picked (or pasted text as bytes), by content:
/// a zip is read as .docx, anything else as text in the encoding it is in
/// (UTF-8, UTF-16 or GBK). Old binary Word and WPS files get a message
/// saying how to save them as .docx.
pub fn import_file(name: &str, bytes: &[u8]) -> Result<ImportReport, String> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(format!(
            "“{name}”太大（{:.1} MB），无法作为通知导入。",
            bytes.len() as f64 / 1024.0 / 1024.0
        ));
    }
    if bytes.starts_with(b"PK") {
        return docx::import_docx(bytes).map_err(|e| format!("“{name}”：{e}"));
    }
    if let Some(message) = binary_office_file(name, bytes) {
        return Err(format!("“{name}”{message}"));
    }
    let (text, encoding) = normalise::decode(bytes).map_err(|e| format!("“{name}”：{e}"))?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(format!("“{name}”是空的。"));
    }
    let notes = encoding
        .map(|e| vec![format!("文件编码：{e}，已转换后读取")])
        .unwrap_or_default();
    Ok(text::import_text_with(text, notes))
}

/// What to do with a file Word or WPS saved in its old binary format (an
/// OLE compound file: .doc, .wps, .wpt, .dot) or with a name that says so.
fn binary_office_file(name: &str, bytes: &[u8]) -> Option<&'static str> {
    let lower = name.to_lowercase();
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if lower.ends_with(".wps") || lower.ends_with(".wpt") {
        return Some(
            "是 WPS 文字的旧格式（.wps），无法直接读取。请在 WPS 文字中打开它，点“文件”→“另存为”，文件类型选“Word 文件(*.docx)”，保存后导入新的 .docx 文件；也可以全选复制正文，粘贴到上面的文本框中。",
        );
    }
    if ole || lower.ends_with(".doc") || lower.ends_with(".dot") {
        return Some(
            "是旧版 Word 文档（.doc）或加密的文档，无法直接读取。请在 Word 中打开它，点“文件”→“另存为”，保存类型选“Word 文档(*.docx)”；用 WPS 文字打开的，点“文件”→“另存为”，文件类型选“Word 文件(*.docx)”。保存后导入新的 .docx 文件，或全选复制正文粘贴导入。",
        );
    }
    if bytes.starts_with(b"%PDF") {
        return Some("是 PDF 文件，不是 Word 文档。请复制其中的文字粘贴导入。");
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some("是 RTF 文件。请在 Word 或 WPS 中“另存为” .docx 后再导入。");
    }
    None
}

/// The lines of a file as the importer reads them before any parsing
/// (paragraphs, table cells), decoded but otherwise as written: what a
/// check that nothing is lost compares the draft with.
pub fn source_lines(name: &str, bytes: &[u8]) -> Result<Vec<String>, String> {
    let items = if bytes.starts_with(b"PK") {
        docx::items_of(bytes)?
    } else {
        if let Some(message) = binary_office_file(name, bytes) {
            return Err(message.to_owned());
        }
        let (text, _) = normalise::decode(bytes)?;
        text.lines().map(|l| Item::Line(l.to_owned())).collect()
    };
    let mut out = Vec::new();
    for item in items {
        match item {
            Item::Line(line) => out.push(line),
            Item::Table(rows) => out.extend(table::cells_as_lines(&rows)),
        }
    }
    Ok(out
        .into_iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect())
}

/// What an import produced.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    /// The draft.
    pub notice: Notice,
    /// What was recognised, in words for the user (发文字号：…, 活动安排：11项…).
    pub recognised: Vec<String>,
    /// Input lines that were not recognised, in input order, as they were.
    pub unrecognised: Vec<String>,
    /// Parts a notice usually has that were not found (标题, 发文字号…).
    pub missing: Vec<String>,
    /// How many non-empty lines (paragraphs, table cells) the input had.
    pub lines: usize,
    /// Lines of the web page around the notice (信息公开 metadata, 来源,
    /// 扫一扫, site text): recognised as such and left out of the draft.
    pub furniture: Vec<String>,
    /// Every change made to the text while reading it (entities removed,
    /// traditional characters converted, broken lines joined, numbers
    /// redone), in words for the user.
    pub normalised: Vec<String>,
    /// Parts taken as they were written but doubtful (a date that is not a
    /// date), for the user to check.
    pub flagged: Vec<String>,
}

/// Written with the drafts' codec: the worker sends it to the page.
impl JsonField for ImportReport {
    fn read_json(&mut self, value: &Json) -> Result<(), JsonError> {
        read_object(
            value,
            &["notice", "recognised", "unrecognised", "missing", "lines"],
            &mut [
                ("notice", &mut self.notice),
                ("recognised", &mut self.recognised),
                ("unrecognised", &mut self.unrecognised),
                ("missing", &mut self.missing),
                ("lines", &mut self.lines),
                ("furniture", &mut self.furniture),
                ("normalised", &mut self.normalised),
                ("flagged", &mut self.flagged),
            ],
        )
    }

    fn write_json(&self, out: &mut String) {
        write_object(
            out,
            &[
                ("notice", &self.notice),
                ("recognised", &self.recognised),
                ("unrecognised", &self.unrecognised),
                ("missing", &self.missing),
                ("lines", &self.lines),
                ("furniture", &self.furniture),
                ("normalised", &self.normalised),
                ("flagged", &self.flagged),
            ],
        );
    }
}

impl ImportReport {
    pub fn to_json(&self) -> String {
        json::to_string(self)
    }

    pub fn from_json(text: &str) -> Result<Self, JsonError> {
        let mut report = Self::default();
        report.read_json(&json::parse(text)?)?;
        Ok(report)
    }
}

impl ImportReport {
    /// The report as lines of text, as `notice import` prints it and in
    /// the same order as the app shows it.
    pub fn to_lines(&self) -> Vec<String> {
        let mut out = vec![format!(
            "共 {} 行：识别 {} 项，未找到 {} 项，未识别 {} 行，网页附带内容 {} 行，改动 {} 处，请核对 {} 处",
            self.lines,
            self.recognised.len(),
            self.missing.len(),
            self.unrecognised.len(),
            self.furniture.len(),
            self.normalised.len(),
            self.flagged.len(),
        )];
        out.push("已识别：".into());
        out.extend(self.recognised.iter().map(|r| format!("  ✓ {r}")));
        if !self.missing.is_empty() {
            out.push(format!("未找到：{}", self.missing.join("、")));
        }
        if !self.flagged.is_empty() {
            out.push("请核对：".into());
            out.extend(self.flagged.iter().map(|r| format!("  ! {r}")));
        }
        if !self.normalised.is_empty() {
            out.push("导入时的改动：".into());
            out.extend(self.normalised.iter().map(|r| format!("  ~ {r}")));
        }
        if !self.unrecognised.is_empty() {
            out.push("未能识别的内容（未放入草稿）：".into());
            out.extend(self.unrecognised.iter().map(|r| format!("  ? {r}")));
        }
        if !self.furniture.is_empty() {
            out.push("网页附带的内容（未放入草稿）：".into());
            out.extend(self.furniture.iter().map(|r| format!("  - {r}")));
        }
        out
    }
}

/// One unit of input for the parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    /// A line of text (a paragraph of a .docx).
    Line(String),
    /// A table, as rows of cells; a cell may hold several lines.
    Table(Vec<Vec<String>>),
}

#[cfg(test)]
mod file_tests {
    use super::*;

    #[test]
    fn files_are_read_by_content() {
        let text = "关于开展2021年“质量月”活动的通知\n各股室：\n为开展好活动，特制定本方案。\n";
        let report = import_file("a.txt", text.as_bytes()).unwrap();
        assert!(report.lines >= 3);
        assert!(import_file("b.doc", &[0xd0, 0xcf, 0x11, 0xe0, 0xff])
            .unwrap_err()
            .contains(".docx"));
        assert!(import_file("c.txt", b"  \n").unwrap_err().contains("空"));
        assert!(import_file("d.docx", b"PK\x03\x04garbage").is_err());
    }

    #[test]
    fn the_report_as_text_has_every_part() {
        let text = "首页 > 通知公告\n关于开展2021年“质量月”活动的通知\n各股室：\n&nbsp;为开展好活动，现通知如下：\n一、活动主题\n建设质量强国\n莫名其妙的一行\nXX县市场监督管理局\n2021年9月31日\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let report = import_file("a.txt", &gbk).unwrap();
        let lines = report.to_lines().join("\n");
        for part in [
            "已识别：",
            "未找到：",
            "请核对：",
            "导入时的改动：",
            "GBK",
            "&nbsp;",
            "未能识别的内容",
            "莫名其妙的一行",
            "网页附带的内容",
            "首页 > 通知公告",
        ] {
            assert!(lines.contains(part), "{part} not in:\n{lines}");
        }
    }

    #[test]
    fn attachment_pages_in_pasted_text_are_read_as_pages() {
        let text = "关于开展2022年“质量月”活动的通知\n各股室：\n为开展好活动，特制定本方案。\n\
附件：1.2022年全国“质量月”活动口号\n2.活动安排\n砀山县市场监督管理局\n2022年9月1日\n\
附件1\n2022年全国“质量月”活动口号\n1.建设质量强国\n2.质量第一\n\
附件2\n活动安排\n一、组织领导\n各股室要高度重视。\n抄送：县委办。\n";
        let report = import_file("a.txt", text.as_bytes()).unwrap();
        let n = &report.notice;
        assert_eq!(n.attachments, ["2022年全国“质量月”活动口号", "活动安排"]);
        let pages = &n.attachment_pages;
        assert_eq!(pages.len(), 2, "{:?}", report.to_lines());
        assert_eq!(pages[0].name, "2022年全国“质量月”活动口号");
        assert_eq!(pages[0].kind, notice_core::AttachmentKind::List);
        assert_eq!(pages[0].items, ["建设质量强国", "质量第一"]);
        assert_eq!(pages[1].kind, notice_core::AttachmentKind::Text);
        assert_eq!(pages[1].paragraphs, ["一、组织领导", "各股室要高度重视。"]);
        assert_eq!(n.imprint.cc, ["县委办"]);
        assert!(notice_core::validate::problems(n)
            .iter()
            .all(|p| !matches!(p.field, notice_core::Field::Attachment(..))));
    }

    /// A pasted 报送表: tab-separated rows as Word and browsers copy them,
    /// its blank rows as rows of tabs, a 填报单位 line above and a 注 under.
    const FORM_TEXT: &str = "关于报送2026年“质量月”活动方案的函\n各县（市、区）市场监督管理局：\n请于8月25日前报送活动方案。\n\
附件：1.2026年全国“质量月”活动口号\n2.活动方案反馈表\n宿州市市场监督管理局\n2026年8月10日\n\
附件1\n2026年全国“质量月”活动口号\n1.质量第一\n2.建设质量强国\n\
附件2\n活动方案反馈表\n填报单位（盖章）：\t\t填报日期：\n序号\t单位\t活动名称\t时间\t地点\t联系人\t电话\n\
1\t砀山县局\t质量开放日\t9月5日\t县检测中心\t张三\t0557-1234567\n2\t\t\t\t\t\t\n\t\t\t\t\t\t\n\
注：请于8月25日前报送。\n抄送：市质量强市办。\n";

    #[test]
    fn a_form_in_pasted_text_is_read_as_a_table_page() {
        let report = import_file("a.txt", FORM_TEXT.as_bytes()).unwrap();
        let n = &report.notice;
        let lines = report.to_lines().join("\n");
        assert_eq!(n.attachment_pages.len(), 2, "{lines}");
        let form = &n.attachment_pages[1];
        assert_eq!(form.kind, notice_core::AttachmentKind::Table, "{lines}");
        assert_eq!(form.name, "活动方案反馈表");
        assert_eq!(
            form.columns,
            ["序号", "单位", "活动名称", "时间", "地点", "联系人", "电话"]
        );
        assert_eq!(form.rows.len(), 3, "{:?}", form.rows);
        assert_eq!(form.rows[0][5], "张三");
        assert!(form.rows[1][1..].iter().all(String::is_empty));
        assert_eq!(form.above, ["填报单位（盖章）：填报日期："]);
        assert_eq!(form.below, ["注：请于8月25日前报送。"]);
        assert_eq!(n.imprint.cc, ["市质量强市办"]);
        assert!(report.unrecognised.is_empty(), "{lines}");
        assert!(n.tasks.rows.is_empty(), "{lines}");
        let names: Vec<&str> = n.attachment_pages.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, n.attachments);
    }

    #[test]
    fn a_form_aligned_by_spaces_is_a_table_past_the_mark() {
        let text = FORM_TEXT
            .replace("\t\t\t\t\t\t\n", "\n")
            .replace("\t\t填报日期", "　　填报日期")
            .replace('\t', "  ");
        let report = import_file("a.txt", text.as_bytes()).unwrap();
        let form = &report.notice.attachment_pages[1];
        let lines = report.to_lines().join("\n");
        assert_eq!(form.kind, notice_core::AttachmentKind::Table, "{lines}");
        assert_eq!(form.columns.len(), 7);
        // 2 alone: a blank row with its number.
        assert_eq!(form.rows.len(), 2, "{:?}", form.rows);
        assert_eq!(form.rows[1][0], "2");
        assert!(report.unrecognised.is_empty(), "{lines}");
    }

    #[test]
    fn a_form_of_an_exported_docx_reads_back() {
        let notice = import_file("a.txt", FORM_TEXT.as_bytes()).unwrap().notice;
        let bytes = crate::docx::export_docx(
            &notice,
            &crate::docx::DocumentMeta::at("2026-08-10T08:00:00Z"),
        )
        .unwrap();
        let back = import_file("a.docx", &bytes).unwrap();
        assert_eq!(notice.attachment_pages[1].above.len(), 1);
        assert_eq!(
            back.notice.attachment_pages,
            notice.attachment_pages,
            "{:?}",
            back.to_lines()
        );
    }

    #[test]
    fn attachment_pages_of_an_exported_docx_read_back() {
        let text = "关于开展2022年“质量月”活动的通知\n各股室：\n为开展好活动，特制定本方案。\n\
附件：1.2022年全国“质量月”活动口号\n2.活动安排\n砀山县市场监督管理局\n2022年9月1日\n\
附件1\n2022年全国“质量月”活动口号\n1.建设质量强国\n2.质量第一\n\
附件2\n活动安排\n一、组织领导\n各股室要高度重视。\n";
        let notice = import_file("a.txt", text.as_bytes()).unwrap().notice;
        let bytes = crate::docx::export_docx(
            &notice,
            &crate::docx::DocumentMeta::at("2022-09-01T08:00:00Z"),
        )
        .unwrap();
        let back = import_file("a.docx", &bytes).unwrap();
        assert_eq!(
            back.notice.attachment_pages,
            notice.attachment_pages,
            "{:?}",
            back.to_lines()
        );
    }
}
