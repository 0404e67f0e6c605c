//! Editing operations the editor offers, as plain functions over the model
//! so they are tested without a browser.

use super::field::SectionKind;
use super::model::{split_names, AttachmentKind, AttachmentPage, Notice, Section, TaskRow};

/// Moves item `index` one place up (`-1`) or down (`1`); out-of-range moves
/// change nothing. Returns the item's new index.
pub fn move_item<T>(items: &mut [T], index: usize, delta: isize) -> usize {
    let target = index as isize + delta;
    if index < items.len() && target >= 0 && (target as usize) < items.len() {
        items.swap(index, target as usize);
        target as usize
    } else {
        index
    }
}

/// A new section of `kind`, with its usual heading.
pub fn new_section(notice: &Notice, kind: SectionKind) -> Section {
    Section {
        id: notice.next_section_id(),
        heading: kind.default_heading().to_owned(),
        content: kind.new_content(),
    }
}

/// Column headings as typed on one line: separated by 、, | or a tab
/// (pasted from a spreadsheet). Cells keep their spaces, so that
/// [`columns_text`] gives back what was typed.
pub fn columns_from_text(text: &str) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    text.split(['、', '|', '｜', '\t'])
        .map(str::to_owned)
        .collect()
}

/// The column headings as the editor shows them.
pub fn columns_text(columns: &[String]) -> String {
    columns.join("、")
}

/// Table rows as typed: one row a line, cells separated by | or a tab
/// (pasted from a spreadsheet). Blank lines are kept (a form's rows to fill
/// in); cells keep their spaces, so that [`rows_text`] gives back what was
/// typed.
pub fn rows_from_text(text: &str) -> Vec<Vec<String>> {
    if text.is_empty() {
        return Vec::new();
    }
    text.split('\n')
        .map(|line| {
            let line = line.trim_end_matches('\r');
            if line.is_empty() {
                Vec::new()
            } else {
                line.split(['|', '｜', '\t']).map(str::to_owned).collect()
            }
        })
        .collect()
}

/// The rows as the editor shows them.
pub fn rows_text(rows: &[Vec<String>]) -> String {
    rows.iter()
        .map(|r| r.join("|"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A new attachment page: named after the first 附件说明 name that has no
/// page yet, a table with the usual 报送表 columns when the name says 表.
pub fn new_attachment_page(notice: &Notice) -> AttachmentPage {
    let name = notice
        .attachments
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .find(|a| !notice.attachment_pages.iter().any(|p| p.name.trim() == *a))
        .unwrap_or("")
        .to_owned();
    let table = name.ends_with('表');
    AttachmentPage {
        kind: if table {
            AttachmentKind::Table
        } else {
            AttachmentKind::Text
        },
        columns: if table {
            ["序号", "单位", "联系人", "电话"]
                .map(String::from)
                .to_vec()
        } else {
            Vec::new()
        },
        name,
        ..AttachmentPage::default()
    }
}

/// The sections a new direct notice starts with, in the usual order.
pub fn starter_sections(notice: &mut Notice) {
    for kind in [
        SectionKind::Preamble,
        SectionKind::Theme,
        SectionKind::Time,
        SectionKind::Tasks,
        SectionKind::Requirements,
    ] {
        let section = new_section(notice, kind);
        notice.sections.push(section);
    }
}

/// Rows copied from Excel or WPS (tab-separated, one row a line), in the
/// column order of the task table: [序号,] 活动内容, 活动时间, 牵头部门,
/// 配合部门. A first column that is a number is taken as 序号 and dropped;
/// a header row (活动内容…) is skipped. Quoted cells with line breaks, as
/// Excel writes them, are kept whole.
pub fn tasks_from_tsv(text: &str) -> Vec<TaskRow> {
    let mut rows = Vec::new();
    for cells in tsv_cells(text) {
        let mut cells: Vec<String> = cells.into_iter().map(|c| c.trim().to_owned()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if cells.iter().any(|c| c == "活动内容" || c == "序号") {
            continue;
        }
        if cells.len() > 1 && cells[0].chars().all(|c| c.is_ascii_digit()) {
            cells.remove(0);
        }
        cells.resize(4, String::new());
        rows.push(TaskRow {
            name: cells[0].clone(),
            time: cells[1].clone(),
            lead: cells[2].clone(),
            support: split_names(&cells[3..].join("、")),
            ..TaskRow::default()
        });
    }
    rows
}

/// Splits tab-separated text into rows of cells, honouring "quoted" cells.
fn tsv_cells(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if cell.is_empty() => quoted = true,
            '\t' if !quoted => row.push(std::mem::take(&mut cell)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            c => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// Whether pasted text looks like rows from a spreadsheet (so the editor
/// takes it as rows instead of as one cell's text).
pub fn looks_like_rows(text: &str) -> bool {
    text.contains('\t')
}

/// Every department the draft's tasks name, then its 主送机关, for
/// autocompletion, in order of first use.
pub fn departments(notice: &Notice) -> Vec<String> {
    let mut seen = Vec::<String>::new();
    let names = notice
        .tasks
        .rows
        .iter()
        .flat_map(|t| {
            split_names(&t.lead)
                .into_iter()
                .chain(t.support.iter().cloned())
        })
        .chain(notice.recipients.iter().flat_map(|r| split_names(r)));
    for name in names {
        let name = name.trim().to_owned();
        if !name.is_empty() && !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen
}

/// Document numbers cited in a text (《…》（国市监质〔2021〕51号）), for
/// flagging basis documents.
pub fn cited_numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (start, _) in text.match_indices('〔') {
        let before: String = text[..start]
            .chars()
            .rev()
            .take_while(|c| {
                !c.is_ascii_punctuation()
                    && !"（(《》）)，、。；：“”".contains(*c)
                    && !c.is_whitespace()
            })
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after: String = text[start..].chars().take_while(|c| *c != '号').collect();
        if !before.is_empty() && text[start + after.len()..].starts_with('号') {
            out.push(format!("{before}{after}号"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_items_stays_in_bounds() {
        let mut items = vec![1, 2, 3];
        assert_eq!(move_item(&mut items, 0, -1), 0);
        assert_eq!(items, [1, 2, 3]);
        assert_eq!(move_item(&mut items, 0, 1), 1);
        assert_eq!(items, [2, 1, 3]);
        assert_eq!(move_item(&mut items, 2, 1), 2);
        assert_eq!(move_item(&mut items, 9, -1), 9);
        assert_eq!(items, [2, 1, 3]);
    }

    #[test]
    fn rows_pasted_from_a_spreadsheet_become_tasks() {
        let pasted = "序号\t活动内容\t活动时间\t牵头部门\t协助部门\r\n\
                      1\t组织企业参加首席质量官培训\t9月\t质量安全监督管理股\t各市场监督管理所\r\n\
                      2\t\"开展黄鱼无抗认证\n企业现场调研\"\t9月\t质量股\t前岐所,沙埕所\r\n\
                      \t\t\t\t\r\n\
                      中药饮片专项整治\t9月\t药品股\n";
        let rows = tasks_from_tsv(pasted);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[0].name, "组织企业参加首席质量官培训");
        assert_eq!(rows[0].support, ["各市场监督管理所"]);
        assert_eq!(rows[1].name, "开展黄鱼无抗认证\n企业现场调研");
        assert_eq!(rows[1].support, ["前岐所", "沙埕所"]);
        assert_eq!(rows[2].name, "中药饮片专项整治");
        assert_eq!(rows[2].lead, "药品股");
        assert!(rows[2].support.is_empty());
        assert!(looks_like_rows("a\tb"));
        assert!(!looks_like_rows("开展计量专项检查"));
    }

    #[test]
    fn departments_are_collected_once_in_order() {
        let mut notice = Notice::default();
        notice.tasks.rows = vec![
            TaskRow {
                lead: "质量股".into(),
                support: vec!["办公室".into(), "质量股".into()],
                ..TaskRow::default()
            },
            TaskRow {
                lead: "标准计量股".into(),
                support: vec!["办公室".into()],
                ..TaskRow::default()
            },
        ];
        notice.recipients = vec!["各市场监管所、综合执法大队".into(), "办公室".into()];
        assert_eq!(
            departments(&notice),
            [
                "质量股",
                "办公室",
                "标准计量股",
                "各市场监管所",
                "综合执法大队"
            ]
        );
    }

    #[test]
    fn bracketed_departments_of_the_joint_template_are_offered_whole() {
        let notice = (crate::templates::find("joint-notice").unwrap().notice)(2021);
        let offered = departments(&notice);
        assert!(offered.contains(&"各县（市、区）市场监督管理局".to_owned()));
        assert!(offered
            .iter()
            .all(|d| d != "各县（市" && !d.starts_with("区）")));
    }

    #[test]
    fn new_sections_get_fresh_ids_and_usual_headings() {
        let mut notice = Notice::default();
        starter_sections(&mut notice);
        let ids: Vec<u32> = notice.sections.iter().map(|s| s.id).collect();
        assert_eq!(ids, [1, 2, 3, 4, 5]);
        assert_eq!(notice.sections[1].heading, "活动主题");
        assert_eq!(new_section(&notice, SectionKind::Summary).id, 6);
        for kind in SectionKind::ALL {
            let section = new_section(&notice, kind);
            assert_eq!(section.content.kind(), kind);
            assert!(!kind.label().is_empty());
        }
    }

    #[test]
    fn cited_document_numbers_are_found() {
        let text = "按照《市场监管总局等16个部门关于开展2020年全国“质量月”活动的通知》(国市监质〔2020〕133号)、《…通知》（闽质强省办〔2020〕5号）部署";
        assert_eq!(
            cited_numbers(text),
            ["国市监质〔2020〕133号", "闽质强省办〔2020〕5号"]
        );
        assert!(cited_numbers("没有文号").is_empty());
    }

    #[test]
    fn table_text_round_trips_as_typed_and_reads_pasted_cells() {
        for typed in ["", "序号、单位 、 联系人", "、"] {
            assert_eq!(columns_text(&columns_from_text(typed)), typed);
        }
        assert_eq!(
            columns_from_text("序号\t单位|电话"),
            ["序号", "单位", "电话"]
        );
        for typed in ["", "1|质量股|张三", "1 | 质量股\n\n| |", "\n"] {
            assert_eq!(rows_text(&rows_from_text(typed)), typed);
        }
        assert_eq!(
            rows_from_text("1\t质量股\r\n\n2｜计量股"),
            [vec!["1", "质量股"], vec![], vec!["2", "计量股"]]
        );
    }

    #[test]
    fn a_new_attachment_page_takes_the_first_name_without_a_page() {
        let mut notice = Notice {
            attachments: vec![" ".into(), "活动口号".into(), "信息报送表".into()],
            ..Notice::default()
        };
        let first = new_attachment_page(&notice);
        assert_eq!(
            (first.name.as_str(), first.kind),
            ("活动口号", AttachmentKind::Text)
        );
        notice.attachment_pages.push(first);
        let second = new_attachment_page(&notice);
        assert_eq!(second.name, "信息报送表");
        assert_eq!(second.kind, AttachmentKind::Table);
        assert_eq!(second.columns[0], "序号");
        notice.attachment_pages.push(second);
        assert_eq!(new_attachment_page(&notice).name, "");
    }
}
