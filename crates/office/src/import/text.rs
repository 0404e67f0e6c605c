//! Plain text pasted from a web page or from Word: lines, and the tables in
//! them as web pages and editors flatten them: one cell a line between "|"
//! lines, "| a | b |" rows, or tab-separated rows.

use super::{parse, ImportReport, Item};

/// Reads a pasted notice into a draft; see [`super`].
pub fn import_text(text: &str) -> ImportReport {
    import_text_with(text, Vec::new())
}

/// As [`import_text`], with what was done to the text before (its
/// encoding) for the report.
pub(crate) fn import_text_with(text: &str, notes: Vec<String>) -> ImportReport {
    parse::parse(items(text), notes)
}

/// Tables flattened into paragraphs (a web page's text pasted into Word and
/// saved): each run of lines read again as text, its real tables kept.
pub(crate) fn tables_in_lines(items: Vec<Item>) -> Vec<Item> {
    let mut out = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let flush = |run: &mut Vec<String>, out: &mut Vec<Item>| {
        if !run.is_empty() {
            out.extend(self::items(&run.join("\n")));
            run.clear();
        }
    };
    for item in items {
        match item {
            Item::Line(line) => run.push(line),
            table => {
                flush(&mut run, &mut out);
                out.push(table);
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The text as lines and tables.
pub(crate) fn items(text: &str) -> Vec<Item> {
    let text = text
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}', '\u{b}', '\u{c}'], "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = Vec::new();
    let mut i = 0;
    // Past a bare 附件 mark, rows aligned by spaces are a table too (an
    // attachment's 报送表 as some editors and PDF copies give it).
    let mut after_mark = false;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.is_empty() {
            i += 1;
            continue;
        }
        if is_pipe(line) {
            let (rows, end) = pipe_block(&lines, i);
            match rows {
                Some(rows) => out.push(Item::Table(rows)),
                // Not a table after all: its lines as they are, without
                // looking for a table again at each of its pipes.
                None => out.extend(
                    lines[i..end.max(i + 1)]
                        .iter()
                        .filter(|l| !l.trim().is_empty())
                        .map(|l| Item::Line(l.replace('\t', " "))),
                ),
            }
            i = end.max(i + 1);
            continue;
        }
        if let Some((rows, next)) = cell_per_line(&lines, i) {
            out.push(Item::Table(rows));
            i = next;
            continue;
        }
        if let Some((rows, next)) = inline_rows(&lines, i, after_mark) {
            out.push(Item::Table(rows));
            i = next;
            continue;
        }
        after_mark |= super::lines::attachment_label(line) == Some("");
        out.push(Item::Line(lines[i].replace('\t', " ")));
        i += 1;
    }
    out
}

fn is_pipe(line: &str) -> bool {
    line == "|" || line == "｜"
}

/// A table flattened one cell a line, each cell between "|" lines, an
/// empty cell or the end of a row showing as two "|" lines in a row:
///
/// ```text
/// |  序号  |  活动内容  | … |  |  1  |  制作宣传横幅  | … |
/// ```
///
/// (each token on a line of its own). Gives the rows, `None` when the
/// lines do not make a table of two rows, and the index after the block.
fn pipe_block(lines: &[&str], start: usize) -> (Option<Vec<Vec<String>>>, usize) {
    // Slots between consecutive pipes: a cell's text, or nothing.
    let mut slots: Vec<Option<String>> = Vec::new();
    let mut end = start + 1;
    let mut j = start + 1;
    while j < lines.len() {
        let line = lines[j].trim();
        if line.is_empty() {
            j += 1;
            continue;
        }
        if is_pipe(line) {
            slots.push(None);
            end = j + 1;
            j += 1;
            continue;
        }
        // A cell (of up to four lines) only when a pipe closes it;
        // otherwise the table has ended.
        let mut cell = Vec::new();
        let mut k = j;
        while k < lines.len() && cell.len() <= 4 {
            let next = lines[k].trim();
            if is_pipe(next) {
                break;
            }
            if !next.is_empty() {
                cell.push(next);
            }
            k += 1;
        }
        if k >= lines.len() || !is_pipe(lines[k].trim()) || cell.len() > 4 {
            break;
        }
        slots.push(Some(cell.join("\n")));
        end = k + 1;
        j = k + 1;
    }
    let rows = rows_from_slots(&slots);
    ((rows.len() >= 2).then_some(rows), end)
}

/// The header is the cells before the first empty slot; every row then has
/// as many cells. A first column 序号 starts each row at the next number,
/// which survives rows whose last cells are empty; otherwise each row is the
/// header's width followed by one empty slot.
fn rows_from_slots(slots: &[Option<String>]) -> Vec<Vec<String>> {
    let width = slots.iter().take_while(|s| s.is_some()).count();
    if width < 2 {
        return Vec::new();
    }
    let cell = |s: &Option<String>| s.clone().unwrap_or_default();
    let header: Vec<String> = slots[..width].iter().map(cell).collect();
    let body = &slots[width..];
    let mut raw_rows: Vec<Vec<Option<String>>> = Vec::new();
    if header[0].contains("序号") {
        let mut next = 1;
        for slot in body {
            let starts = slot.as_deref() == Some(next.to_string().as_str())
                && raw_rows.last().is_none_or(|r| r.len() >= width - 1);
            if starts {
                raw_rows.push(vec![slot.clone()]);
                next += 1;
            } else if let Some(row) = raw_rows.last_mut() {
                row.push(slot.clone());
            } else if slot.is_some() {
                raw_rows.push(vec![slot.clone()]);
            }
        }
    } else {
        let mut k = 0;
        while k < body.len() {
            if body[k].is_none() && raw_rows.last().is_none_or(|r| r.len() == width) {
                k += 1;
                continue;
            }
            let end = (k + width).min(body.len());
            raw_rows.push(body[k..end].to_vec());
            k = end;
        }
    }
    let mut rows = vec![header];
    for raw in raw_rows {
        let mut row: Vec<String> = raw.iter().take(width).map(cell).collect();
        row.resize(width, String::new());
        // Cells beyond the header's width (a misaligned row) join the last
        // cell rather than vanish.
        for extra in raw.iter().skip(width).flatten() {
            let last = row.last_mut().expect("width >= 2");
            if !last.is_empty() {
                last.push('\n');
            }
            last.push_str(extra);
        }
        rows.push(row);
    }
    rows
}

/// A line that a web page left for an empty cell: only spaces and space
/// entities (&nbsp;).
fn empty_cell(line: &str) -> bool {
    let mut n = 0;
    let text = super::normalise::entities(line, &mut n);
    n > 0 && text.trim().is_empty()
}

/// A cell's text as the cell-per-line reader compares it.
fn cell_text(line: &str) -> String {
    let mut n = 0;
    super::normalise::entities(line, &mut n).trim().to_owned()
}

/// A table a web page flattened into one cell a line, with no marks
/// between cells: a header of task-table words (序号, 活动内容, 活动时间,
/// 牵头单位…), each row starting with its number; or, with no header, rows
/// that start with 1, 2, 3… and hold a time or departments. Rows that lost
/// their empty cells are placed by what each cell holds.
fn cell_per_line(lines: &[&str], start: usize) -> Option<(Vec<Vec<String>>, usize)> {
    use super::table::{holds, is_header_cell, is_task_header, Holds};
    // Non-blank lines from `start`, with their indexes: a few to decide,
    // then as many as the rows take (so that reading stays linear).
    let first = lines[start].trim();
    let serial = |c: &str, n: usize| {
        let c = c.trim_end_matches(['.', '、', '．']);
        c == n.to_string()
    };
    if !is_header_cell(first) && !serial(first, 1) {
        return None;
    }
    let mut cells: Vec<(usize, String)> = Vec::new();
    let mut rest = lines
        .iter()
        .enumerate()
        .skip(start)
        .filter(|(_, l)| !l.trim().is_empty());
    let mut pull = |cells: &mut Vec<(usize, String)>, upto: usize| {
        while cells.len() < upto {
            let Some((k, line)) = rest.next() else {
                return;
            };
            let text = if empty_cell(line) {
                String::new()
            } else {
                cell_text(line)
            };
            cells.push((k, text));
        }
    };
    pull(&mut cells, 12);
    let header: Vec<String> = cells
        .iter()
        .take(10)
        .map_while(|(_, c)| is_header_cell(c).then(|| c.clone()))
        .collect();
    let with_header = header.len() >= 3 && is_task_header(&header);
    let (columns, body_from) = if with_header {
        (
            header.iter().map(|h| holds(h)).collect::<Vec<_>>(),
            header.len(),
        )
    } else if cells.first().is_some_and(|(_, c)| serial(c, 1)) {
        (Vec::new(), 0)
    } else {
        return None;
    };
    let numbered = !with_header || columns.first() == Some(&Holds::Serial);
    if !numbered {
        return None;
    }
    let width = if with_header { columns.len() } else { 8 };
    // Rows: from one number to the next.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut k = body_from;
    let mut end_line = cells
        .get(body_from.saturating_sub(1))
        .map_or(start, |c| c.0 + 1);
    let mut next = 1;
    loop {
        pull(&mut cells, k + width + 1);
        if k >= cells.len() || !serial(&cells[k].1, next) {
            break;
        }
        let mut row = Vec::new();
        let mut j = k + 1;
        while j < cells.len() && row.len() < width - 1 {
            let text = &cells[j].1;
            if serial(text, next + 1) || ends_table(text) {
                break;
            }
            row.push(text.clone());
            j += 1;
        }
        if row.is_empty() {
            break;
        }
        end_line = cells[j - 1].0 + 1;
        rows.push(row);
        k = j;
        next += 1;
    }
    if rows.len() < 2 {
        return None;
    }
    let (header, columns) = if with_header {
        (header, columns)
    } else {
        let header: Vec<String> = [
            "序号",
            "活动内容",
            "具体内容",
            "活动时间",
            "牵头单位",
            "配合单位",
        ]
        .iter()
        .map(|h| (*h).to_owned())
        .collect();
        let columns = header.iter().map(|h| holds(h)).collect();
        (header, columns)
    };
    // Without a header the rows must look like tasks: most hold a time or
    // departments.
    let typed = rows
        .iter()
        .filter(|r| r.iter().any(|c| is_time(c) || is_departments(c)))
        .count();
    if typed * 2 < rows.len() + 1 {
        return None;
    }
    let mut out = vec![header.clone()];
    for (n, row) in rows.into_iter().enumerate() {
        let mut placed = vec![String::new(); header.len()];
        placed[0] = (n + 1).to_string();
        if row.len() == header.len() - 1 && with_header {
            for (i, cell) in row.into_iter().enumerate() {
                placed[i + 1] = cell;
            }
        } else {
            place_by_content(&row, &columns, &mut placed);
        }
        out.push(placed);
    }
    Some((out, end_line))
}

/// A row's cells put under the columns that can hold them, in order: a
/// time under a time column, departments under a department column, text
/// under the next text column; a cell that fits nowhere joins the cell
/// before it.
fn place_by_content(row: &[String], columns: &[super::table::Holds], placed: &mut [String]) {
    use super::table::Holds;
    let mut at = 1;
    for cell in row.iter().filter(|c| !c.is_empty()) {
        let fits = |holds: Holds| match holds {
            Holds::Serial => false,
            Holds::Time => is_time(cell),
            Holds::Departments => is_departments(cell),
            Holds::Text => !is_time(cell) && !is_departments(cell) || at == 1,
        };
        match (at..columns.len()).find(|&i| fits(columns[i])) {
            Some(i) => {
                placed[i] = cell.clone();
                at = i + 1;
            }
            None => {
                let last = (1..at).rev().find(|&i| !placed[i].is_empty()).unwrap_or(1);
                if !placed[last].is_empty() {
                    placed[last].push('\n');
                }
                placed[last].push_str(cell);
            }
        }
    }
}

/// What ends a flattened table: the next heading of the notice.
fn ends_table(text: &str) -> bool {
    matches!(
        super::lines::numbering(text),
        Some((super::lines::Rank::One | super::lines::Rank::Two, _, _))
    ) || text.starts_with("附件")
        || text.starts_with("联系人")
}

/// A time or period as a task's time cell has it: 9月, 9月1日-3日, 全年.
fn is_time(text: &str) -> bool {
    let count = text.chars().count();
    (1..=24).contains(&count)
        && !text.contains('。')
        && (text.contains(['月', '日', '周'])
            || ["全年", "长期", "常态", "持续", "即日起"]
                .iter()
                .any(|w| text.contains(w)))
        && !is_departments(text)
}

/// Department names only: 质量股、办公室.
fn is_departments(text: &str) -> bool {
    let names = super::lines::split_names(text);
    !names.is_empty() && names.iter().all(|n| super::lines::is_department(n))
}

/// Consecutive rows written "| a | b | c |" or "a<TAB>b<TAB>c" (at least two
/// rows of at least three cells), or with `spaces`, cells set apart by two
/// spaces or more. A row of tabs alone is a blank row of the table (Word
/// and browsers copy a form's empty rows so); so is a line with only the
/// next number under a 序号 column.
fn inline_rows(lines: &[&str], start: usize, spaces: bool) -> Option<(Vec<Vec<String>>, usize)> {
    let by_spaces = |line: &str| -> Vec<String> {
        let line = line.trim().replace(['\u{3000}', '\u{a0}'], "  ");
        line.split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let cells = |line: &str| -> Option<Vec<String>> {
        let trimmed = line.trim();
        let cells: Vec<String> =
            if trimmed.starts_with('|') && trimmed.ends_with('|') && trimmed.len() > 2 {
                trimmed[1..trimmed.len() - 1]
                    .split('|')
                    .map(|c| c.trim().to_owned())
                    .collect()
            } else if line.contains('\t') {
                line.trim_matches(['\r', '\n', ' '])
                    .split('\t')
                    .map(|c| c.trim().to_owned())
                    .collect()
            } else if spaces {
                by_spaces(line)
            } else {
                return None;
            };
        (cells.len() >= 3).then_some(cells)
    };
    let separator = |row: &[String]| {
        row.iter().any(|c| !c.is_empty())
            && row.iter().all(|c| c.chars().all(|ch| "-:： ".contains(ch)))
    };
    // A line of labels to fill in (填报单位：　填报日期：) is no header.
    let header = cells(lines[start])?;
    if header
        .iter()
        .any(|c| c.ends_with(['：', ':']) || (spaces && c.chars().count() > 12))
        || header.iter().all(String::is_empty)
    {
        return None;
    }
    let width = header.len();
    let serial = header[0].contains("序号");
    let mut rows = Vec::new();
    let mut j = start;
    while j < lines.len() {
        let number = (rows.len()).to_string();
        match cells(lines[j]) {
            Some(row) => {
                if !separator(&row) {
                    rows.push(row);
                }
                j += 1;
            }
            // 4 alone, or 4 and one cell: a row left blank for the most
            // part, its other cells lost with their spaces.
            None if spaces
                && serial
                && rows.len() >= 2
                && by_spaces(lines[j]).first() == Some(&number) =>
            {
                let mut row = by_spaces(lines[j]);
                row.resize(width, String::new());
                rows.push(row);
                j += 1;
            }
            None => break,
        }
    }
    (rows.len() >= 2).then_some((rows, j))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_flattened_between_pipes_keeps_its_empty_cells() {
        let text = "三、活动安排\n|\n序号\n|\n活动内容\n|\n牵头部门\n|\n协助部门\n|\n|\n1\n|\n开展检查\n|\n质量股\n|\n各所\n|\n|\n2\n|\n开放日\n|\n检测所\n|\n|\n|\n3\n|\n培训\n|\n质量股\n|\n办公室\n|\n四、活动要求";
        let items = items(text);
        assert_eq!(items.len(), 3, "{items:?}");
        let Item::Table(rows) = &items[1] else {
            panic!("{items:?}")
        };
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[2], ["2", "开放日", "检测所", ""]);
        assert_eq!(rows[3], ["3", "培训", "质量股", "办公室"]);
        assert_eq!(items[2], Item::Line("四、活动要求".into()));
    }

    #[test]
    fn a_table_flattened_one_cell_a_line() {
        let text = "三、活动安排\n序号\n活动内容\n活动时间\n牵头单位\n配合单位\n1\n开展检查\n9月\n质量股\n&nbsp;\n2\n开放日\n9月15日\n检测所\n3\n培训\n质量股\n办公室\n四、活动要求";
        let found = items(text);
        assert_eq!(found.len(), 3, "{found:?}");
        let Item::Table(rows) = &found[1] else {
            panic!("{found:?}")
        };
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[1], ["1", "开展检查", "9月", "质量股", ""]);
        assert_eq!(rows[2], ["2", "开放日", "9月15日", "检测所", ""]);
        assert_eq!(rows[3], ["3", "培训", "", "质量股", "办公室"]);
        let no_header = "1\n开展检查\n9月\n质量股\n2\n开放日\n9月15日\n检测所\n五、其他";
        let found = items(no_header);
        assert!(
            matches!(&found[0], Item::Table(rows) if rows.len() == 3),
            "{found:?}"
        );
        let plain = "1\n这是一句话\n2\n另一句话";
        assert!(items(plain).iter().all(|i| matches!(i, Item::Line(_))));
    }

    #[test]
    fn markdown_and_tab_rows() {
        let items = items("| 序号 | 活动内容 | 时间 |\n|---|---|---|\n| 1 | 检查 | 9月 |\n\n1\t宣传\t9月\n2\t培训\t10月");
        assert_eq!(items.len(), 2, "{items:?}");
        assert!(matches!(&items[0], Item::Table(rows) if rows.len() == 2));
        assert!(matches!(&items[1], Item::Table(rows) if rows[1] == ["2", "培训", "10月"]));
    }
}
