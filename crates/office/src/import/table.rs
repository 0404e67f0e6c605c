//! Tables: which ones are task tables, and their rows as tasks.

use super::lines::split_names;
use notice_core::model::TaskRow;

/// A task table read into rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskTable {
    pub rows: Vec<TaskRow>,
    /// The header's words for the lead and the supporting departments.
    pub lead_label: String,
    pub support_label: String,
    /// Cells with no place in a task (a 序号 that is not a number).
    pub leftover: Vec<String>,
    /// The header's cells, as written.
    pub header: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Serial,
    Name,
    Description,
    Time,
    Place,
    Lead,
    Support,
    Other,
}

fn column(header: &str) -> Column {
    let has = |words: &[&str]| words.iter().any(|w| header.contains(w));
    if has(&["序号", "编号"]) || header == "序" {
        Column::Serial
    } else if has(&["配合", "协助", "协办", "参与", "协同"]) {
        Column::Support
    } else if has(&["牵头", "主办", "负责", "责任"]) {
        Column::Lead
    } else if has(&["时间", "时限", "日期"]) {
        Column::Time
    } else if has(&["地点", "地址", "范围"]) {
        Column::Place
    } else if has(&["具体", "说明", "措施"]) {
        Column::Description
    } else if has(&["内容", "名称", "项目", "事项", "任务", "活动"]) {
        Column::Name
    } else {
        Column::Other
    }
}

/// Whether a line is one heading cell of a task table (序号, 活动内容, 牵头单位…).
pub(crate) fn is_header_cell(text: &str) -> bool {
    text.chars().count() <= 10 && column(text) != Column::Other
}

/// Whether cells make a task table's header: a name column and a time or
/// department column.
pub(crate) fn is_task_header(cells: &[String]) -> bool {
    let columns: Vec<Column> = cells.iter().map(|c| column(c)).collect();
    columns.contains(&Column::Name)
        && (columns.contains(&Column::Lead)
            || columns.contains(&Column::Time)
            || columns.contains(&Column::Support))
}

/// What a heading cell holds, for placing the cells of a row that lost
/// its empty cells: a time, departments, or any text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holds {
    Serial,
    Time,
    Departments,
    Text,
}

pub(crate) fn holds(header: &str) -> Holds {
    match column(header) {
        Column::Serial => Holds::Serial,
        Column::Time => Holds::Time,
        Column::Lead | Column::Support => Holds::Departments,
        _ => Holds::Text,
    }
}

/// The rows as tasks when the first row is a task table's header (活动内容
/// with a time or a department column); `None` for any other table.
pub fn task_table(rows: &[Vec<String>]) -> Option<TaskTable> {
    // The header is the first row that reads as one: a title row merged
    // across the table may stand above it.
    let header_at = rows
        .iter()
        .take(3)
        .position(|r| is_task_header(&r.iter().map(|c| flat(c)).collect::<Vec<_>>()))
        .or_else(|| {
            rows.iter()
                .position(|r| r.iter().any(|c| !c.trim().is_empty()))
        })?;
    let mut header: Vec<String> = rows[header_at].iter().map(|c| flat(c)).collect();
    // A header of two rows (责任单位 over 牵头 and 配合): the second row's
    // words name the columns they stand under.
    let mut body_at = header_at + 1;
    if let Some(second) = rows.get(header_at + 1) {
        let second: Vec<String> = second.iter().map(|c| flat(c)).collect();
        let words = second
            .iter()
            .filter(|c| !c.is_empty())
            .all(|c| is_header_cell(c) || header.contains(c));
        let new_words = second
            .iter()
            .any(|c| !c.is_empty() && !header.contains(c) && is_header_cell(c));
        if words && new_words {
            for (i, word) in second.iter().enumerate() {
                if !word.is_empty() && i < header.len() {
                    header[i] = word.clone();
                } else if !word.is_empty() {
                    header.push(word.clone());
                }
            }
            body_at += 1;
        }
    }
    let title_rows: Vec<String> = rows[..header_at]
        .iter()
        .flatten()
        .map(|c| flat(c))
        .filter(|c| !c.is_empty())
        .collect();
    let mut columns: Vec<Column> = header.iter().map(|h| column(h)).collect();
    // A second 活动内容-like column is the description.
    if let Some(first) = columns.iter().position(|c| *c == Column::Name) {
        for c in columns.iter_mut().skip(first + 1) {
            if *c == Column::Name {
                *c = Column::Description;
            }
        }
    }
    let has = |col: Column| columns.contains(&col);
    if !has(Column::Name) || !(has(Column::Lead) || has(Column::Time) || has(Column::Support)) {
        return None;
    }
    let label = |col: Column| {
        columns
            .iter()
            .position(|c| *c == col)
            .map(|i| header[i].clone())
            .unwrap_or_default()
    };
    let mut table = TaskTable {
        rows: Vec::new(),
        lead_label: label(Column::Lead),
        support_label: label(Column::Support),
        leftover: title_rows,
        header: header.clone(),
    };
    for row in &rows[body_at..] {
        let cells: Vec<String> = row.iter().map(|c| c.trim().to_owned()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        // A header repeated on every page of a long table.
        if cells.iter().map(|c| flat(c)).eq(header.iter().cloned()) {
            continue;
        }
        let mut task = TaskRow::default();
        let mut extra = Vec::new();
        for (i, cell) in cells.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
            match columns.get(i).copied().unwrap_or(Column::Other) {
                Column::Serial => {
                    if !cell.chars().all(|c| c.is_ascii_digit() || c == '.') {
                        table.leftover.push(cell.clone());
                    }
                }
                Column::Name => task.name = cell.clone(),
                Column::Description => task.description = cell.clone(),
                Column::Time => task.time = flat(cell),
                Column::Place => task.place = flat(cell),
                Column::Lead => {
                    task.lead = cell
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .collect::<Vec<_>>()
                        .join("、")
                }
                Column::Support => task.support = split_names(cell),
                Column::Other => match header.get(i).filter(|h| !h.is_empty()) {
                    Some(h) => extra.push(format!("{h}：{cell}")),
                    None => extra.push(cell.clone()),
                },
            }
        }
        if task.description.is_empty() {
            split_content(&mut task);
        }
        for text in extra {
            if !task.description.is_empty() {
                task.description.push('\n');
            }
            task.description.push_str(&text);
        }
        table.rows.push(task);
    }
    Some(table)
}

/// 开展计量专项检查：对集贸市场电子秤进行集中检查 → name and description,
/// as the app writes a task with both into the 活动内容 cell. Only when the
/// part before the colon reads as a name (short, no sentence inside).
fn split_content(task: &mut TaskRow) {
    let Some((name, description)) = task.name.split_once('：') else {
        return;
    };
    let short = (2..=30).contains(&name.chars().count());
    if short && !name.contains(['。', '，', '；', '\n']) && !description.trim().is_empty() {
        let (name, description) = (name.trim().to_owned(), description.trim().to_owned());
        task.name = name;
        task.description = description;
    }
}

/// A cell's lines run together (a cell's line breaks are only layout).
fn flat(cell: &str) -> String {
    cell.lines().map(str::trim).collect::<Vec<_>>().concat()
}

/// An attachment's table read as a form: the rows above its header that
/// hold one cell (its title or a 填报单位 line, merged across), the
/// columns, the rows (blank ones kept: they are there to be filled in),
/// and one-cell rows at its foot (注：…).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Form {
    pub above: Vec<String>,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub below: Vec<String>,
}

/// A row with nothing in it but, at most, its number.
pub(crate) fn blank_row(row: &[String]) -> bool {
    row.iter().skip(1).all(|c| c.trim().is_empty())
        && row
            .first()
            .is_none_or(|c| c.trim().chars().all(|c| c.is_ascii_digit()))
}

/// A row of one cell (Word repeats nothing into the cells a merged cell
/// spans).
fn single(row: &[String]) -> Option<String> {
    let mut filled = row.iter().filter(|c| !c.trim().is_empty());
    let first = filled.next()?;
    (row.len() > 1 && filled.next().is_none()).then(|| flat(first))
}

/// Whether a table that reads as a task list is a form to fill in: it asks
/// for people and numbers (联系人, 电话, 填报…) or leaves rows blank.
pub(crate) fn is_form(rows: &[Vec<String>]) -> bool {
    let asks = rows.iter().take(3).flatten().any(|c| {
        ["联系人", "电话", "手机", "邮箱", "填报", "姓名", "职务"]
            .iter()
            .any(|w| c.contains(w))
    });
    asks || rows.iter().skip(1).any(|r| r.len() > 1 && blank_row(r))
}

/// Whether a table can be a form: a header and a row at least, of two
/// columns or more, and not a 版记 set in a table (抄送, 印发).
pub(crate) fn may_be_form(rows: &[Vec<String>]) -> bool {
    let filled = rows
        .iter()
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .count();
    let imprint = rows
        .iter()
        .flatten()
        .any(|c| c.trim_start().starts_with("抄送") || c.trim_end().ends_with("印发"));
    filled >= 2 && rows.iter().any(|r| r.len() >= 2) && !imprint
}

pub fn form(rows: &[Vec<String>]) -> Form {
    let mut out = Form::default();
    let mut at = 0;
    while let Some(text) = rows.get(at).and_then(|r| single(r)) {
        out.above.push(text);
        at += 1;
    }
    let Some(header) = rows.get(at) else {
        return out;
    };
    let mut header: Vec<String> = header.iter().map(|c| flat(c)).collect();
    // The header's rows as written, which Word repeats where it was cut.
    let mut repeated = vec![header.clone()];
    at += 1;
    // A header of two rows: a cell spanning columns (联系人 over 姓名 and
    // 电话) leaves cells empty that the second row names; cells merged
    // down repeat the first row's words.
    if let Some(second) = rows.get(at) {
        let second: Vec<String> = second.iter().map(|c| flat(c)).collect();
        let fills = (0..header.len())
            .any(|i| header[i].is_empty() && second.get(i).is_some_and(|c| !c.is_empty()));
        let words = second
            .iter()
            .all(|c| c.chars().count() <= 10 && !c.chars().any(|ch| ch.is_ascii_digit()));
        if fills && words {
            repeated.push(second.clone());
            let mut parent = String::new();
            for (i, word) in second.iter().enumerate() {
                if i >= header.len() {
                    header.push(word.clone());
                    continue;
                }
                if !header[i].is_empty() {
                    parent = header[i].clone();
                }
                if word.is_empty() || *word == header[i] {
                    continue;
                }
                // 联系人 over 姓名 reads 联系人姓名; over 联系电话, 联系电话.
                header[i] = if word.contains(parent.as_str()) || parent.is_empty() {
                    word.clone()
                } else {
                    format!("{parent}{word}")
                };
            }
            at += 1;
        }
    }
    let width = header.len();
    let mut body: Vec<Vec<String>> = Vec::new();
    for row in &rows[at..] {
        let cells: Vec<String> = row.iter().map(|c| c.trim().to_owned()).collect();
        // A header Word repeats, or a table split and pasted twice.
        let flat_cells: Vec<String> = cells.iter().map(|c| flat(c)).collect();
        if flat_cells == header || repeated.contains(&flat_cells) {
            continue;
        }
        let mut cells = cells;
        if cells.len() > width {
            let extra: Vec<String> = cells.drain(width..).filter(|c| !c.is_empty()).collect();
            if let Some(last) = cells.last_mut() {
                for e in extra {
                    if !last.is_empty() {
                        last.push('\n');
                    }
                    last.push_str(&e);
                }
            }
        }
        cells.resize(width, String::new());
        body.push(cells);
    }
    // 注：… or 填表说明 merged across the foot of the table.
    let note = |t: &str| {
        ["注", "说明", "备注", "填表", "填报"]
            .iter()
            .any(|w| t.starts_with(w))
    };
    while let Some(text) = body.last().and_then(|r| single(r)).filter(|t| note(t)) {
        out.below.insert(0, text);
        body.pop();
    }
    out.columns = header;
    out.rows = body;
    out
}

/// Every non-empty line of every cell, row by row: a table that is not a
/// task table is kept as lines of text.
pub fn cells_as_lines(rows: &[Vec<String>]) -> Vec<String> {
    rows.iter()
        .flatten()
        .flat_map(|cell| cell.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn a_task_table_with_its_labels() {
        let rows = vec![
            row(&["序号", "活动内容", "活动时间", "牵头部门", "协助部门"]),
            row(&[
                "1",
                "开展计量专项检查：对电子秤进行检查",
                "9月",
                "标准计量股",
                "办公室,各所",
            ]),
            row(&["序号", "活动内容", "活动时间", "牵头部门", "协助部门"]),
            row(&["2", "校园食品安全监管", "9月", "餐饮股", ""]),
            row(&["", "", "", "", ""]),
        ];
        let table = task_table(&rows).unwrap();
        assert_eq!(table.lead_label, "牵头部门");
        assert_eq!(table.support_label, "协助部门");
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].name, "开展计量专项检查");
        assert_eq!(table.rows[0].description, "对电子秤进行检查");
        assert_eq!(table.rows[0].support, ["办公室", "各所"]);
        assert!(table.rows[1].support.is_empty());
    }

    #[test]
    fn other_tables_are_not_task_tables() {
        assert!(task_table(&[row(&["抄送：县政府办公室。"])]).is_none());
        assert!(task_table(&[row(&["姓名", "电话"]), row(&["张三", "123"])]).is_none());
        assert_eq!(
            cells_as_lines(&[row(&["甲\n乙", ""]), row(&["丙"])]),
            ["甲", "乙", "丙"]
        );
    }
}
