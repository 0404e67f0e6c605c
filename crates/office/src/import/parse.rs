//! From lines and tables to a notice. The parser walks the notice's parts
//! in the order they stand in a real notice (版头, 标题, 主送, 正文, 署名,
//! 附注, the attached plan, 版记), each part recognised by its shape, and
//! marks every entry it places. Entries left unplaced at the end are the
//! report's `unrecognised` lines.

use super::lines::{self, split_names, Rank, Role};
use super::normalise;
use super::table::{self, TaskTable};
use super::{ImportReport, Item};
use notice_core::compose;
use notice_core::model::{
    AttachmentKind, AttachmentPage, Contact, DepartmentActivities, DocDate, Notice, NoticeShape,
    Requirement, Section, SectionContent, Summary, TaskLayout, TaskRow, TextBlock,
};
use std::ops::Range;

/// One entry of the input.
#[derive(Clone)]
enum Entry {
    Line(String),
    /// A task table (other tables arrive as lines).
    Tasks(TaskTable, Vec<Vec<String>>),
    /// A table after a 附件 mark that is not a task list (a 报送表 or
    /// 名单): its rows, for the attachment's page.
    Form(Vec<Vec<String>>),
}

/// A line of a section's body: its heading rank when numbered, the text
/// without the number, and the line as written.
struct Piece {
    index: Option<usize>,
    rank: Option<Rank>,
    /// The number as written (0 for empty brackets).
    number: Option<usize>,
    text: String,
    raw: String,
    table: bool,
}

struct Signature {
    start: usize,
    end: usize,
    organs: Vec<String>,
    proxy: String,
    date: Option<DocDate>,
}

struct Parser {
    entries: Vec<Entry>,
    used: Vec<bool>,
    unrecognised: Vec<(usize, String)>,
    furniture: Vec<(usize, String)>,
    recognised: Vec<String>,
    normalised: Vec<String>,
    flagged: Vec<String>,
    notice: Notice,
    title: Option<String>,
    plan_title: Option<String>,
    tasks_found: bool,
    next_id: u32,
    /// The 文号 of a web page's metadata block, for when the notice's own
    /// 发文字号 is not in the text.
    metadata_number: Option<String>,
}

/// Parses the items; see the module documentation. `notes` are changes
/// made before (the file's encoding), for the report.
pub(crate) fn parse(items: Vec<Item>, notes: Vec<String>) -> ImportReport {
    let mut normalised = notes;
    let items = normalise_items(items, &mut normalised);
    let mut entries = Vec::new();
    let mut count = 0;
    // Past a bare 附件 mark, a table is an attachment's content.
    let mut in_attachment = false;
    for item in items {
        match item {
            Item::Line(text) => {
                let text = lines::clean(&text);
                if !text.is_empty() {
                    count += 1;
                    in_attachment |= lines::attachment_label(&text) == Some("");
                    entries.push(Entry::Line(text));
                }
            }
            Item::Table(rows) => {
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|row| {
                        row.iter()
                            .map(|cell| {
                                cell.lines()
                                    .map(lines::clean)
                                    .filter(|l| !l.is_empty())
                                    .collect::<Vec<_>>()
                                    .join("\n")
                            })
                            .collect()
                    })
                    .collect();
                let cells = table::cells_as_lines(&rows);
                count += cells.len();
                match table::task_table(&rows) {
                    Some(_) if in_attachment && table::is_form(&rows) => {
                        entries.push(Entry::Form(rows))
                    }
                    Some(tasks) => entries.push(Entry::Tasks(tasks, rows)),
                    None if in_attachment && table::may_be_form(&rows) => {
                        entries.push(Entry::Form(rows))
                    }
                    None => entries.extend(cells.into_iter().map(Entry::Line)),
                }
            }
        }
    }
    let entries = join_broken_lines(entries, &mut normalised);
    let mut parser = Parser {
        used: vec![false; entries.len()],
        entries,
        unrecognised: Vec::new(),
        furniture: Vec::new(),
        recognised: Vec::new(),
        normalised,
        flagged: Vec::new(),
        notice: Notice::default(),
        title: None,
        plan_title: None,
        tasks_found: false,
        next_id: 1,
        metadata_number: None,
    };
    parser.run();
    parser.finish(count)
}

/// Entities removed and traditional characters converted, in every line
/// and cell, each kind of change counted in the report.
fn normalise_items(items: Vec<Item>, report: &mut Vec<String>) -> Vec<Item> {
    let mut entities = 0;
    let items: Vec<Item> = items
        .into_iter()
        .map(|item| match item {
            Item::Line(text) => Item::Line(normalise::entities(&text, &mut entities)),
            Item::Table(rows) => Item::Table(
                rows.into_iter()
                    .map(|row| {
                        row.into_iter()
                            .map(|cell| normalise::entities(&cell, &mut entities))
                            .collect()
                    })
                    .collect(),
            ),
        })
        .collect();
    if entities > 0 {
        report.push(format!(
            "删除网页代码 {entities} 处（&nbsp;、&bsp; 等网页空格，&ldquo; 等改为对应的字符）"
        ));
    }
    let all: String = items
        .iter()
        .flat_map(|item| match item {
            Item::Line(text) => vec![text.as_str()],
            Item::Table(rows) => rows.iter().flatten().map(String::as_str).collect(),
        })
        .collect();
    if !normalise::is_traditional(&all) {
        return items;
    }
    let (mut seen, mut count) = (Vec::new(), 0);
    let mut convert = |text: &str| normalise::simplified(text, &mut seen, &mut count);
    let items: Vec<Item> = items
        .into_iter()
        .map(|item| match item {
            Item::Line(text) => Item::Line(convert(&text)),
            Item::Table(rows) => Item::Table(
                rows.iter()
                    .map(|row| row.iter().map(|cell| convert(cell)).collect())
                    .collect(),
            ),
        })
        .collect();
    let examples: Vec<String> = seen
        .iter()
        .take(12)
        .map(|(t, s)| format!("{t}→{s}"))
        .collect();
    report.push(format!(
        "繁体字转为简体字 {count} 个（{}{}）",
        examples.join("、"),
        if seen.len() > 12 { "等" } else { "" }
    ));
    items
}

/// Lines a web page or a PDF broke inside a sentence, joined again: a line
/// that stops mid-sentence (no closing punctuation, not a heading, a name
/// or a date) and a next line that carries on and ends a sentence.
fn join_broken_lines(entries: Vec<Entry>, report: &mut Vec<String>) -> Vec<Entry> {
    let text = |e: &Entry| match e {
        Entry::Line(t) => Some(t.clone()),
        Entry::Tasks(..) | Entry::Form(_) => None,
    };
    let mut out: Vec<Entry> = Vec::with_capacity(entries.len());
    let mut joined = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        // An attachment's title, under its 附件 mark, stands alone.
        let titled =
            i > 0 && text(&entries[i - 1]).is_some_and(|t| lines::attachment_label(&t) == Some(""));
        let Some(mut line) = text(&entries[i]).filter(|_| !titled) else {
            out.push(entries[i].clone());
            i += 1;
            continue;
        };
        // The run of lines that carries the sentence on, up to the one
        // that ends it.
        let mut end = None;
        let mut k = i + 1;
        while k < entries.len() && k <= i + 8 {
            let (Some(prev), Some(next)) = (text(&entries[k - 1]), text(&entries[k])) else {
                break;
            };
            if !continues(&prev, &next) {
                break;
            }
            if closes(&prev, &next) {
                end = Some(k);
                break;
            }
            k += 1;
        }
        if let Some(end) = end {
            for entry in &entries[i + 1..=end] {
                let next = text(entry).unwrap_or_default();
                if joined.len() < 3 {
                    joined.push(format!("“{line}”+“{next}”"));
                } else {
                    joined.push(String::new());
                }
                line.push_str(&next);
            }
            out.push(Entry::Line(line));
            i = end + 1;
        } else {
            out.push(entries[i].clone());
            i += 1;
        }
    }
    if !joined.is_empty() {
        let shown: Vec<&str> = joined
            .iter()
            .filter(|j| !j.is_empty())
            .map(String::as_str)
            .collect();
        report.push(format!(
            "合并被拆断的行 {} 处（如 {}）",
            joined.len(),
            shown.join("，")
        ));
    }
    out
}

/// Whether `next` carries on the sentence `prev` leaves open.
fn continues(prev: &str, next: &str) -> bool {
    let Some(last) = prev.chars().next_back() else {
        return false;
    };
    let mid_sentence = last == '，' || last == '、' || last == ',' || is_han(last);
    if !mid_sentence || prev.chars().count() < 12 {
        return false;
    }
    // Two phrases and no punctuation: a theme or slogan (建设质量强国 决胜
    // 全面小康), whole as it is.
    if prev.contains(' ') && !prev.contains(['，', '、', '。', '；', '：', ',']) {
        return false;
    }
    let Some(first) = next.chars().next() else {
        return false;
    };
    // A heading stands alone; a numbered item may run on.
    if let Some((_, _, text)) = lines::numbering(prev) {
        if !text.contains(['，', '。', '；', ',']) {
            return false;
        }
    }
    (is_han(first) || first.is_ascii_digit() || "“《（(".contains(first))
        && lines::numbering(next).is_none()
        && lines::date_line(next).is_none()
        && lines::contact(next).is_none()
        && lines::attachment_label(next).is_none()
        && lines::labelled(next).is_none()
        && lines::note(next).is_none()
        && !lines::is_noise(next)
        && !lines::is_noise(prev)
        && !lines::is_organ(prev)
        && !lines::is_organ(next)
        && !prev.starts_with("附件")
        && !next.starts_with("抄送")
        && !lines::ends_title(prev)
        && lines::doc_number_line(prev).is_none()
        && lines::doc_number_line(next).is_none()
        && lines::metadata_label(prev).is_none()
        && lines::metadata_label(next).is_none()
}

/// Whether `next` ends the sentence.
fn closes(_prev: &str, next: &str) -> bool {
    next.ends_with(['。', '；', '！', '？', '：', ';', ':'])
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '”' || c == '》'
}

impl Parser {
    fn len(&self) -> usize {
        self.entries.len()
    }

    /// The text of an unplaced line.
    fn line(&self, i: usize) -> Option<&str> {
        match (&self.entries[i], self.used[i]) {
            (Entry::Line(text), false) => Some(text),
            _ => None,
        }
    }

    fn take(&mut self, i: usize) {
        self.used[i] = true;
    }

    fn reject(&mut self, i: usize) {
        if self.used[i] {
            return;
        }
        self.used[i] = true;
        match &self.entries[i] {
            Entry::Line(text) => self.unrecognised.push((i, text.clone())),
            Entry::Tasks(_, rows) | Entry::Form(rows) => {
                for line in table::cells_as_lines(rows) {
                    self.unrecognised.push((i, line));
                }
            }
        }
    }

    fn note(&mut self, text: String) {
        self.recognised.push(text);
    }

    fn free(&self, range: Range<usize>) -> Vec<usize> {
        range.filter(|&i| !self.used[i]).collect()
    }

    /// A line of the web page around the notice: reported, not placed.
    fn furnish(&mut self, i: usize) {
        if self.used[i] {
            return;
        }
        self.used[i] = true;
        if let Entry::Line(text) = &self.entries[i] {
            self.furniture.push((i, text.clone()));
        }
    }

    /// The web page's furniture: lines of sharing and printing, and the
    /// 信息公开 metadata block (label and value on one line or two; its 文号
    /// kept in case the notice's text has none).
    fn furniture(&mut self) {
        let n = self.len();
        let metadata: Vec<bool> = (0..n)
            .map(|i| {
                self.line(i)
                    .is_some_and(|l| lines::metadata_label(l).is_some())
            })
            .collect();
        for i in 0..n {
            let Some(line) = self.line(i).map(str::to_owned) else {
                continue;
            };
            if lines::is_noise(&line) {
                self.furnish(i);
                continue;
            }
            let Some(label) = lines::metadata_label(&line) else {
                continue;
            };
            // A metadata line stands among others (within three lines).
            let near = (i.saturating_sub(3)..(i + 4).min(n)).any(|k| k != i && metadata[k]);
            let value_alone = lines::metadata_value(&line).is_empty();
            let alone_label = value_alone && ["索引号", "发布机构", "生成日期"].contains(&label);
            if !near && !alone_label {
                continue;
            }
            let mut value = lines::metadata_value(&line).to_owned();
            self.furnish(i);
            if value.is_empty() && i + 1 < n && !metadata[i + 1] {
                if let Some(next) = self.line(i + 1) {
                    if next.chars().count() <= 60 {
                        value = next.to_owned();
                        self.furnish(i + 1);
                    }
                }
            }
            if (label == "文号" || label == "发文字号") && !value.is_empty() {
                self.metadata_number = Some(value);
            }
        }
    }

    fn run(&mut self) {
        self.furniture();
        let body_start = self.head();
        let n = self.len();
        match self.find_signature(body_start) {
            Some(signature) => {
                let plan_at = self.plan_start(body_start..signature.start, signature.end);
                match plan_at {
                    Some(plan_at) => {
                        self.notice.shape = NoticeShape::IssuesPlan;
                        self.cover(body_start..signature.start);
                        self.signature(&signature);
                        self.closing(signature.end..plan_at);
                        let end = self.trailing_closing(plan_at..n);
                        let body_at = self.plan_title(plan_at..end);
                        self.body(body_at..end);
                        self.closing(end..n);
                    }
                    None => {
                        self.body(body_start..signature.start);
                        self.signature(&signature);
                        self.closing(signature.end..n);
                    }
                }
            }
            None => {
                let end = self.trailing_closing(body_start..n);
                self.body(body_start..end);
                self.closing(end..n);
            }
        }
    }

    // ----- 版头, 标题, 主送 -----

    /// Reads the lines before the body; gives where the body starts.
    fn head(&mut self) -> usize {
        let mut title = Vec::new();
        let at = self.head_lines(&mut title);
        self.set_title(title);
        at
    }

    fn head_lines(&mut self, title: &mut Vec<String>) -> usize {
        let n = self.len();
        let mut title_open = false;
        let mut i = 0;
        while i < n {
            if self.used[i] {
                i += 1;
                continue;
            }
            let Some(line) = self.line(i).map(str::to_owned) else {
                return i;
            };
            if title_open {
                let fits = lines::title_like(&line)
                    && !lines::is_recipients(&line)
                    && lines::doc_number_line(&line).is_none()
                    && lines::numbering(&line).is_none()
                    && title.concat().chars().count() + line.chars().count() <= 80;
                if fits {
                    title_open = !lines::ends_title(&line);
                    title.push(line);
                    self.take(i);
                    i += 1;
                    continue;
                }
                title_open = false;
            }
            if lines::is_recipients(&line) {
                self.set_title(std::mem::take(title));
                self.recipients(&[i], &line);
                return i + 1;
            }
            // 主送机关 on two lines: the first ends with a comma.
            if line.ends_with(['，', ',', '、']) && i + 1 < n {
                if let Some(next) = self.line(i + 1) {
                    let joined = format!("{line}{next}");
                    if lines::is_recipients(&joined) {
                        self.set_title(std::mem::take(title));
                        self.recipients(&[i, i + 1], &joined);
                        return i + 2;
                    }
                }
            }
            // The body has begun: a heading, a sentence, a long line, or a
            // line that introduces what follows (现通知如下：).
            let body = lines::numbering(&line).is_some()
                || line.contains('。')
                || line.chars().count() > 50
                || line.ends_with(['：', ':']);
            if body {
                return i;
            }
            if !self.head_line(i, &line, title, &mut title_open) {
                self.reject(i);
            }
            i += 1;
        }
        i
    }

    fn recipients(&mut self, at: &[usize], line: &str) {
        for &i in at {
            self.take(i);
        }
        let text = line.trim_end_matches(['：', ':']).trim().to_owned();
        self.note(format!("主送机关：{text}"));
        self.notice.recipients = vec![text];
    }

    fn set_title(&mut self, lines: Vec<String>) {
        if self.title.is_none() && !lines.is_empty() {
            let title = lines.concat();
            self.note(format!("标题：{title}"));
            self.title = Some(title);
        }
    }

    /// One line of the 版头 or the title; false when it is neither.
    fn head_line(
        &mut self,
        i: usize,
        line: &str,
        title: &mut Vec<String>,
        title_open: &mut bool,
    ) -> bool {
        let header = &mut self.notice.header;
        if line.len() == 6
            && line.bytes().all(|b| b.is_ascii_digit())
            && header.copy_number.is_empty()
        {
            header.copy_number = line.to_owned();
            self.take(i);
            self.note(format!("份号：{line}"));
            return true;
        }
        if let Some((secrecy, urgency)) = marks(line) {
            if !secrecy.is_empty() {
                header.secrecy = secrecy;
            }
            if !urgency.is_empty() {
                header.urgency = urgency;
            }
            self.take(i);
            self.note(format!("密级、紧急程度：{line}"));
            return true;
        }
        if let Some((number, signers)) = lines::doc_number_line(line) {
            if !number.is_empty() && !header.doc_number.is_empty() && header.doc_number != number {
                return false;
            }
            if !number.is_empty() {
                header.doc_number = number;
                self.note(format!("发文字号：{}", self.notice.header.doc_number));
            }
            if !signers.is_empty() {
                self.note(format!("签发人：{}", signers.join("、")));
                self.notice.header.signers = signers;
            }
            self.take(i);
            return true;
        }
        let start_title = title.is_empty() && self.title.is_none();
        if start_title {
            let (organs, wenjian) = match line.strip_suffix("文件") {
                Some(rest) => (rest.trim(), true),
                None => (line, false),
            };
            let names = if organs.is_empty() {
                Some(Vec::new())
            } else {
                lines::organs_in_line(organs)
            };
            if let Some(names) = names.filter(|n| wenjian || !n.is_empty()) {
                let header = &mut self.notice.header;
                header.organs.extend(names);
                header.with_wenjian |= wenjian;
                self.take(i);
                self.note(format!("发文机关标志：{line}"));
                return true;
            }
            let looks = line.contains("关于") || lines::ends_title(line);
            let long_title = lines::ends_title(line)
                && line.chars().count() <= 90
                && !line.contains(['。', '；']);
            if looks && (lines::title_like(line) || long_title) {
                title.push(line.to_owned());
                *title_open = !lines::ends_title(line);
                self.take(i);
                self.organ_in_title(line);
                return true;
            }
        }
        // A web page shows the title again above the text.
        let joined = title.concat();
        if !joined.is_empty() && (line == joined || title.iter().any(|t| t == line)) {
            self.take(i);
            return true;
        }
        false
    }

    /// The 发文机关 named before 关于 in a title (XX领导小组办公室关于开展…的
    /// 通知), when there is no 版头.
    fn organ_in_title(&mut self, title: &str) {
        let Some(at) = title.find("关于") else {
            return;
        };
        let names = lines::organs_in_line(title[..at].trim());
        if let Some(names) = names.filter(|_| self.notice.header.organs.is_empty()) {
            self.note(format!("发文机关：{}（取自标题）", names.join("、")));
            self.notice.header.organs = names;
        }
    }

    // ----- 署名 and the parts around it -----

    /// The first 署名 and 成文日期 after `from`: organs over a date, or an
    /// organ and a date on one line, or a date alone where a 署名 stands
    /// (before a 附注, a 版记, an attached plan, or the end).
    fn find_signature(&self, from: usize) -> Option<Signature> {
        let n = self.len();
        for j in from..n {
            let Some(line) = self.line(j) else {
                continue;
            };
            let date = lines::date_line(line);
            if date.is_some() || garbled_date(line) {
                let mut organs = Vec::new();
                let mut proxy = String::new();
                let mut k = j;
                // A joint notice of many organs signs on many lines.
                while k > from && j - k < 24 {
                    let Some((names, note)) = self.line(k - 1).and_then(signature_organs) else {
                        break;
                    };
                    if !note.is_empty() && proxy.is_empty() {
                        proxy = note;
                    }
                    organs.splice(0..0, names);
                    k -= 1;
                }
                if organs.is_empty() && (date.is_none() || !self.date_alone_signs(from, j)) {
                    continue;
                }
                return Some(Signature {
                    start: k,
                    end: j + 1,
                    organs,
                    proxy,
                    date,
                });
            }
            if let Some((start, end, date)) = lines::find_date(line) {
                if end == line.len() {
                    if let Some((names, proxy)) = signature_organs(line[..start].trim()) {
                        return Some(Signature {
                            start: j,
                            end: j + 1,
                            organs: names,
                            proxy,
                            date: Some(date),
                        });
                    }
                }
            }
        }
        None
    }

    /// Whether a date with no organ above it is the 成文日期: it follows a
    /// paragraph (not a heading or a label), and what follows it is a
    /// closing part, a plan title, or nothing.
    fn date_alone_signs(&self, from: usize, j: usize) -> bool {
        if j == from {
            return false;
        }
        let before_ok = self
            .line(j - 1)
            .is_some_and(|prev| lines::numbering(prev).is_none() && !prev.ends_with(['：', ':']));
        let after = (j + 1..self.len()).find(|&k| !self.used[k]);
        let after_ok = match after.and_then(|k| self.line(k)) {
            None => after.is_none(),
            Some(next) => {
                lines::note(next).is_some()
                    || lines::attachment_label(next).is_some()
                    || next.starts_with("抄送")
                    || imprint_line(next).is_some()
                    || (lines::title_like(next) && lines::ends_title(next))
            }
        };
        before_ok && after_ok
    }

    fn signature(&mut self, signature: &Signature) {
        for i in signature.start..signature.end {
            self.take(i);
        }
        if signature.date.is_none() {
            // A date that is not one (2021年9月31日, 二〇二一年 月 日): kept
            // as written in the report, for the user to put right.
            let last = signature.end - 1;
            if let Entry::Line(text) = &self.entries[last] {
                let text = text.clone();
                self.flagged.push(format!(
                    "成文日期“{text}”不是有效的日期，未填入草稿（已列在未识别的内容中），请在“落款与版记”中填写"
                ));
                self.unrecognised.push((last, text));
            }
        }
        let sig = &mut self.notice.signature;
        sig.organs = signature.organs.clone();
        sig.date = signature.date;
        sig.proxy_note = signature.proxy.clone();
        let date = signature
            .date
            .map_or_else(|| "（未能识别）".to_owned(), |d| d.to_string());
        self.note(format!(
            "署名：{}，成文日期：{date}",
            signature.organs.join("、")
        ));
    }

    /// Where an attached plan starts after the 署名: the first entry that
    /// is not a 附注, a 附件 mark or the 版记, when the notice issues a plan
    /// (印发 in its title or text).
    fn plan_start(&self, body: Range<usize>, from: usize) -> Option<usize> {
        let issues = self.title.as_deref().is_some_and(|t| t.contains("印发"))
            || body
                .clone()
                .any(|i| self.line(i).is_some_and(|l| l.contains("印发")));
        if !issues {
            return None;
        }
        (from..self.len()).find(|&k| match (&self.entries[k], self.used[k]) {
            (_, true) => false,
            (Entry::Tasks(..) | Entry::Form(_), false) => true,
            (Entry::Line(line), false) => {
                lines::note(line).is_none()
                    && lines::attachment_label(line) != Some("")
                    && !line.starts_with("抄送")
                    && imprint_line(line).is_none()
            }
        })
    }

    /// 附注, 附件 marks and 版记; anything else here is not recognised.
    fn closing(&mut self, range: Range<usize>) {
        let free = self.free(range);
        for (pos, &i) in free.iter().enumerate() {
            let Some(line) = self.line(i).map(str::to_owned) else {
                if !self.used[i] && !self.tasks_found {
                    if let Entry::Tasks(table, _) = &self.entries[i] {
                        self.attached_tasks(i, table.clone());
                        continue;
                    }
                }
                self.reject(i);
                continue;
            };
            if let Some(note) = lines::note(&line) {
                self.note(format!("附注：（{note}）"));
                self.notice.note = note;
                self.take(i);
            } else if lines::attachment_label(&line) == Some("") {
                // The 附件 mark above an attached plan, table or page.
                self.take(i);
                self.attachment_page(&free, pos);
            } else if let Some(first) = lines::attachment_label(&line).filter(|f| !f.is_empty()) {
                // 附件说明 a web page put after the 署名.
                let first = first.to_owned();
                self.attachments(&free, pos, &first);
            } else if let Some(rest) = line.strip_prefix("抄送") {
                let rest = rest
                    .trim_start_matches(['：', ':'])
                    .trim_end_matches(['。', '.']);
                self.notice.imprint.cc = split_names(rest);
                self.note(format!("抄送：{rest}"));
                self.take(i);
            } else if let Some((printer, date)) = imprint_line(&line) {
                if !printer.is_empty() {
                    self.notice.imprint.printer = printer;
                }
                self.notice.imprint.print_date = date;
                self.note(format!("印发：{line}"));
                self.take(i);
            } else if lines::is_organ(&line) && self.notice.imprint.printer.is_empty() {
                // 印发机关, its date on the next line or none.
                let next = free.get(pos + 1).and_then(|&k| self.line(k));
                if next.is_none_or(|l| imprint_line(l).is_some()) {
                    self.notice.imprint.printer = line.clone();
                    self.note(format!("印发机关：{line}"));
                    self.take(i);
                } else {
                    self.reject(i);
                }
            } else {
                self.reject(i);
            }
        }
    }

    /// An attachment's page after its 附件/附件N mark (GB/T 9704 §8): its
    /// title, then its lines up to the next mark or the 版记, as a numbered
    /// list when every line is numbered 1. 2. …, else as paragraphs; with a
    /// table (a 报送表, a 名单), as a table with the lines above and under
    /// it. A task list stays for the task table's reading while the body
    /// has none.
    fn attachment_page(&mut self, free: &[usize], mark: usize) {
        let mut taken = Vec::new();
        let mut form: Option<(usize, Vec<Vec<String>>)> = None;
        let mut after = Vec::new();
        let ends = |line: &str| {
            lines::attachment_label(line).is_some()
                || line.starts_with("抄送")
                || imprint_line(line).is_some()
                || lines::note(line).is_some()
        };
        for (pos, &k) in free.iter().enumerate().skip(mark + 1) {
            if self.used[k] {
                break;
            }
            match &self.entries[k] {
                Entry::Line(line) => {
                    // The 印发机关 of a 版记 without a date: an organ with
                    // nothing but the 版记 after it.
                    let printer = lines::is_organ(line)
                        && free[pos + 1..]
                            .iter()
                            .all(|&j| self.line(j).is_some_and(ends));
                    if ends(line) || printer {
                        break;
                    }
                    match form {
                        Some(_) => after.push((k, line.clone())),
                        None => taken.push((k, line.clone())),
                    }
                }
                Entry::Form(rows) if form.is_none() => form = Some((k, rows.clone())),
                Entry::Tasks(_, rows)
                    if form.is_none() && (self.tasks_found || table::is_form(rows)) =>
                {
                    form = Some((k, rows.clone()))
                }
                _ => break,
            }
        }
        let mut page = AttachmentPage::default();
        let mut lines_read = taken.len() + after.len();
        if let Some((k, rows)) = &form {
            let read = table::form(rows);
            lines_read += read.rows.len() + 1;
            let mut above: Vec<String> = taken.iter().map(|(_, t)| t.clone()).collect();
            // A title set in the table's first row, merged across it.
            above.extend(read.above);
            if above.is_empty() {
                return;
            }
            page.name = above.remove(0);
            page.kind = AttachmentKind::Table;
            page.above = above;
            page.columns = read.columns;
            page.rows = read.rows;
            page.below = read.below;
            page.below.extend(after.iter().map(|(_, t)| t.clone()));
            self.take(*k);
        } else {
            let Some(((_, name), content)) = taken.split_first() else {
                return;
            };
            page.name = name.clone();
            let number = |t: &str| {
                let digits = t.chars().take_while(char::is_ascii_digit).count();
                (digits > 0 && t[digits..].starts_with(['.', '．', '、'])).then(|| {
                    t[digits..]
                        .trim_start_matches(['.', '．', '、'])
                        .trim()
                        .to_owned()
                })
            };
            let items: Option<Vec<String>> = content.iter().map(|(_, t)| number(t)).collect();
            match items {
                Some(items) if !items.is_empty() => {
                    page.kind = AttachmentKind::List;
                    page.items = items;
                }
                _ => page.paragraphs = content.iter().map(|(_, t)| t.clone()).collect(),
            }
            lines_read -= 1;
        }
        for (k, _) in taken.iter().chain(&after) {
            self.take(*k);
        }
        let name = page.name.clone();
        if !self
            .notice
            .attachments
            .iter()
            .any(|a| a.trim() == name.trim())
        {
            self.notice.attachments.push(name.clone());
        }
        let size = match page.kind {
            AttachmentKind::Table => format!(
                "{}列，{}行{}",
                page.columns.len(),
                page.rows.len(),
                match page.rows.iter().filter(|r| table::blank_row(r)).count() {
                    0 => String::new(),
                    n => format!("，其中待填空行{n}行"),
                }
            ),
            _ => format!("{lines_read}行"),
        };
        self.note(format!("附件页：{name}（{}，{size}）", page.kind.label()));
        self.notice.attachment_pages.push(page);
    }

    /// A task table attached after the 署名 (活动安排详见附件) when the body
    /// has none: its rows are the notice's tasks, in a section of their own.
    fn attached_tasks(&mut self, i: usize, table: TaskTable) {
        self.take(i);
        for cell in &table.leftover {
            self.unrecognised.push((i, cell.clone()));
        }
        let count = table.rows.len();
        self.set_tasks(
            TaskLayout::Table,
            table.rows,
            table.lead_label,
            table.support_label,
        );
        self.note(format!(
            "活动安排：{count}项（附件中的表格，表头：{}）",
            table.header.join("、")
        ));
        self.normalised.push(format!(
            "附件中的活动安排表（{count}项）放入正文的活动安排部分"
        ));
        // The section that points to the attachment (按照活动安排表（见附件）
        // 组织开展) takes the rows; without one, a section of their own.
        let pointing = self.notice.sections.iter_mut().rev().find(|s| {
            ["安排", "内容", "任务"]
                .iter()
                .any(|w| s.heading.contains(w))
                && matches!(&s.content, SectionContent::Text { blocks }
                    if blocks.iter().all(|b| b.level == Default::default()))
        });
        match pointing {
            Some(section) => {
                let SectionContent::Text { blocks } = &section.content else {
                    unreachable!("matched above")
                };
                let intro = blocks
                    .iter()
                    .map(|b| b.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n");
                section.content = SectionContent::Tasks { intro };
            }
            None => self.push_section(
                "活动安排".into(),
                SectionContent::Tasks {
                    intro: String::new(),
                },
            ),
        }
    }

    /// The 版记 and 附注 lines at the end of `range`; gives where they start.
    fn trailing_closing(&self, range: Range<usize>) -> usize {
        let mut end = range.end;
        for k in range.clone().rev() {
            if self.used[k] {
                continue;
            }
            let closing = self.line(k).is_some_and(|line| {
                lines::note(line).is_some()
                    || line.starts_with("抄送")
                    || imprint_line(line).is_some()
            });
            if !closing {
                break;
            }
            end = k;
        }
        end.max(range.start)
    }

    // ----- the cover notice and the plan's title -----

    fn cover(&mut self, range: Range<usize>) {
        let free = self.free(range);
        let mut paragraphs = Vec::new();
        let mut k = 0;
        while k < free.len() {
            let i = free[k];
            match self.line(i).map(str::to_owned) {
                Some(line) => {
                    if let Some(first) = lines::attachment_label(&line).filter(|r| !r.is_empty()) {
                        k = self.attachments(&free, k, first);
                        continue;
                    }
                    paragraphs.push(line);
                    self.take(i);
                }
                None => self.reject(i),
            }
            k += 1;
        }
        if !paragraphs.is_empty() {
            self.note(format!("印发通知正文：{}段", paragraphs.len()));
        }
        self.notice.cover_body = paragraphs;
    }

    /// 附件：1.… and the numbered lines after it; gives the next position.
    fn attachments(&mut self, free: &[usize], at: usize, first: &str) -> usize {
        // 附件:. 名称 — a stray mark a web page left after the label.
        let trimmed = first.trim_start_matches(['.', '．', '。', '、', ' ']);
        if trimmed.len() < first.len() && !trimmed.is_empty() {
            let stray = &first[..first.len() - trimmed.len()];
            self.normalised
                .push(format!("附件标记后多余的“{}”已去掉", stray.trim()));
        }
        let first = trimmed;
        let numbered = lines::numbering(first);
        let first = numbered.map_or(first, |n| n.2).to_owned();
        // Several attachments on one line: 1.名称 2.名称
        let parts = split_numbered_list(&first);
        self.notice.attachments.extend(parts);
        self.take(free[at]);
        let mut k = at + 1;
        // The list goes on with 2. when the first number was lost.
        let goes_on = free
            .get(k)
            .and_then(|&i| self.line(i))
            .and_then(lines::numbering)
            .is_some_and(|(rank, n, _)| rank == Rank::Three && n == 2);
        if numbered.is_some() || goes_on {
            while let Some(&i) = free.get(k) {
                match self.line(i).and_then(lines::numbering) {
                    Some((Rank::Three, _, text)) => {
                        let text = text.to_owned();
                        self.notice.attachments.push(text);
                        self.take(i);
                        k += 1;
                    }
                    _ => break,
                }
            }
        }
        self.note(format!("附件：{}", self.notice.attachments.join("；")));
        k
    }

    /// The attached plan's title (up to three lines); gives where its body
    /// starts.
    fn plan_title(&mut self, range: Range<usize>) -> usize {
        let mut parts = Vec::new();
        let mut at = range.start;
        for k in range {
            if self.used[k] {
                continue;
            }
            let Some(line) = self.line(k).map(str::to_owned) else {
                break;
            };
            let fits = lines::title_like(&line)
                && lines::numbering(&line).is_none()
                && lines::date_line(&line).is_none()
                && parts.len() < 3;
            if !fits {
                break;
            }
            self.take(k);
            at = k + 1;
            let done = lines::ends_title(&line);
            parts.push(line);
            if done {
                break;
            }
        }
        if !parts.is_empty() {
            let title = parts.concat();
            self.note(format!("方案标题：{title}"));
            self.plan_title = Some(title);
        }
        at
    }

    // ----- the body -----

    fn body(&mut self, range: Range<usize>) {
        let free = self.free(range);
        // 附件 and 联系人 lines first: they stand anywhere near the end.
        let mut k = 0;
        while k < free.len() {
            let i = free[k];
            if let Some(first) = self.line(i).and_then(lines::attachment_label) {
                if !first.is_empty() {
                    let first = first.to_owned();
                    k = self.attachments(&free, k, &first);
                    continue;
                }
            }
            if let Some(contact) = self.line(i).and_then(lines::contact) {
                self.contact(contact);
                self.take(i);
            } else if let Some((rest, contact)) = self.line(i).and_then(contact_in_sentence) {
                self.normalised.push(format!(
                    "联系人从正文中取出，单独列出：“{}”",
                    compose::contact_line(&contact)
                ));
                self.contact(contact);
                self.entries[i] = Entry::Line(rest);
            }
            k += 1;
        }
        let free: Vec<usize> = free.into_iter().filter(|&i| !self.used[i]).collect();
        let mut pieces: Vec<Piece> = free.iter().map(|&i| self.piece(i)).collect();
        self.mend_numbering(&mut pieces);
        let first_heading = pieces.iter().position(|p| p.rank == Some(Rank::One));
        let preamble_end = match first_heading {
            Some(at) => at,
            None => pieces
                .iter()
                .position(|p| p.rank.is_some() || p.table)
                .unwrap_or(pieces.len()),
        };
        let mut pieces = pieces.into_iter();
        let preamble: Vec<Piece> = pieces.by_ref().take(preamble_end).collect();
        if !preamble.is_empty() {
            let paragraphs = preamble.iter().map(|p| p.raw.clone()).collect();
            for p in &preamble {
                self.take_piece(p);
            }
            self.push_section(String::new(), SectionContent::Preamble { paragraphs });
            self.note(format!("开头：{}段", preamble.len()));
        }
        let rest: Vec<Piece> = pieces.collect();
        if first_heading.is_none() {
            if !rest.is_empty() {
                self.chunk(String::new(), rest);
            }
            return;
        }
        let mut chunk: Option<(String, Vec<Piece>)> = None;
        for piece in rest {
            if piece.rank == Some(Rank::One) {
                if let Some((heading, pieces)) = chunk.take() {
                    self.chunk(heading, pieces);
                }
                self.take_piece(&piece);
                let (heading, inline) = heading_and_rest(&piece.text);
                let mut pieces = Vec::new();
                if let Some(inline) = inline {
                    pieces.push(Piece {
                        index: None,
                        rank: None,
                        number: None,
                        text: inline.clone(),
                        raw: inline,
                        table: false,
                    });
                }
                chunk = Some((heading, pieces));
            } else if let Some((_, pieces)) = chunk.as_mut() {
                pieces.push(piece);
            }
        }
        if let Some((heading, pieces)) = chunk {
            self.chunk(heading, pieces);
        }
    }

    /// Headings the web page printed without their number (活动内容 between
    /// 一、 and 三、) become headings again; numbers that are repeated,
    /// skipped or empty are reported, as the app numbers anew.
    fn mend_numbering(&mut self, pieces: &mut [Piece]) {
        let heading_like = |p: &Piece| {
            let count = p.text.chars().count();
            p.rank.is_none()
                && !p.table
                && (2..=15).contains(&count)
                && !p
                    .text
                    .contains(['。', '，', '；', '：', ':', ',', ';', '、'])
                && !p.text.chars().any(|c| c.is_ascii_digit())
                && !lines::is_department(&p.text)
        };
        let ones: Vec<usize> = (0..pieces.len())
            .filter(|&i| pieces[i].rank == Some(Rank::One))
            .collect();
        let mut bounds: Vec<(Option<usize>, usize, usize)> = ones
            .windows(2)
            .map(|w| (Some(w[0]), w[1], pieces[w[0]].number.unwrap_or(0) + 1))
            .collect();
        if let Some(&first) = ones.first() {
            if pieces[first].number == Some(2) {
                bounds.insert(0, (None, first, 1));
            }
        }
        for (before, after, missing) in bounds {
            if pieces[after].number != Some(missing + 1) {
                continue;
            }
            let from = before.map_or(0, |b| b + 1);
            let candidates: Vec<usize> = (from..after)
                .filter(|&k| heading_like(&pieces[k]))
                .collect();
            // Before the first heading, the missing one follows the opening.
            let candidates = if before.is_none() {
                candidates.into_iter().filter(|&k| k > 0).collect()
            } else {
                candidates
            };
            if let [k] = candidates[..] {
                let number = compose::chinese_number(missing);
                self.normalised.push(format!(
                    "标题“{}”没有编号（前后是{}），按“{number}、”一级标题读取",
                    pieces[k].text,
                    before.map_or_else(
                        || format!("开头和“{}”", pieces[after].raw),
                        |b| format!("“{}”和“{}”", pieces[b].raw, pieces[after].raw)
                    )
                ));
                pieces[k].rank = Some(Rank::One);
                pieces[k].number = Some(missing);
            }
        }
        // Numbers as written against numbers in order, level by level.
        let mut last: [Option<usize>; 4] = [None; 4];
        let mut odd = Vec::new();
        for p in pieces.iter() {
            let (Some(rank), Some(number)) = (p.rank, p.number) else {
                continue;
            };
            let level = rank as usize;
            let expected = last[level].map_or(1, |n| n + 1);
            if number != expected {
                odd.push(format!("“{}”（按顺序应为第{expected}项）", short(&p.raw)));
            }
            last[level] = Some(expected);
            for deeper in last.iter_mut().skip(level + 1) {
                *deeper = None;
            }
        }
        if !odd.is_empty() {
            let shown: Vec<&String> = odd.iter().take(5).collect();
            self.normalised.push(format!(
                "原文编号有重复、缺号或空缺 {} 处：{}{}；导入后由本应用按顺序重新编号",
                odd.len(),
                shown
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("，"),
                if odd.len() > 5 { "等" } else { "" }
            ));
        }
    }

    fn contact(&mut self, contact: Contact) {
        let text = compose::contact_line(&contact);
        self.note(format!("联系人：{text}"));
        // 联系人 and 电话 on lines of their own make one contact.
        if let Some(last) = self.notice.contacts.last_mut() {
            let fits = [
                (&last.name, &contact.name),
                (&last.phone, &contact.phone),
                (&last.email, &contact.email),
                (&last.fax, &contact.fax),
            ]
            .iter()
            .all(|(a, b)| a.is_empty() || b.is_empty());
            if fits {
                for (a, b) in [
                    (&mut last.name, contact.name),
                    (&mut last.phone, contact.phone),
                    (&mut last.email, contact.email),
                    (&mut last.fax, contact.fax),
                ] {
                    if a.is_empty() {
                        *a = b;
                    }
                }
                return;
            }
        }
        self.notice.contacts.push(contact);
    }

    fn piece(&self, i: usize) -> Piece {
        match &self.entries[i] {
            Entry::Line(raw) => {
                let numbered = lines::numbering(raw);
                Piece {
                    index: Some(i),
                    rank: numbered.map(|n| n.0),
                    number: numbered.map(|n| n.1),
                    text: numbered.map_or(raw.as_str(), |n| n.2).to_owned(),
                    raw: raw.clone(),
                    table: false,
                }
            }
            Entry::Tasks(..) => Piece {
                index: Some(i),
                rank: None,
                number: None,
                text: String::new(),
                raw: String::new(),
                table: true,
            },
            // A form the body holds after all: its cells as a line of text.
            Entry::Form(rows) => {
                let text = table::cells_as_lines(rows).join(" ");
                Piece {
                    index: Some(i),
                    rank: None,
                    number: None,
                    text: text.clone(),
                    raw: text,
                    table: false,
                }
            }
        }
    }

    fn take_piece(&mut self, piece: &Piece) {
        if let Some(i) = piece.index {
            self.take(i);
        }
    }

    fn push_section(&mut self, heading: String, content: SectionContent) {
        let id = self.next_id;
        self.next_id += 1;
        self.notice.sections.push(Section {
            id,
            heading,
            content,
        });
    }

    /// One numbered part of the body: its kind by its content first (a
    /// task table, task subsections, task items, departments' activities),
    /// then by its heading's words (主题, 时间, 要求), else free text.
    fn chunk(&mut self, heading: String, pieces: Vec<Piece>) {
        let label = if heading.is_empty() {
            "（无标题）".to_owned()
        } else {
            heading.clone()
        };
        if !self.tasks_found {
            if let Some(at) = pieces.iter().position(|p| p.table) {
                return self.task_table(heading, pieces, at);
            }
            if self.task_subsections(&heading, &pieces) {
                for p in &pieces {
                    self.take_piece(p);
                }
                return;
            }
            if self.task_items(&heading, &pieces) {
                for p in &pieces {
                    self.take_piece(p);
                }
                return;
            }
        }
        for p in pieces.iter().filter(|p| p.table) {
            if let Some(i) = p.index {
                self.reject(i);
            }
        }
        let pieces: Vec<Piece> = pieces.into_iter().filter(|p| !p.table).collect();
        for p in &pieces {
            self.take_piece(p);
        }
        let plain = pieces.iter().all(|p| p.rank.is_none());
        let has = |words: &[&str]| words.iter().any(|w| heading.contains(w));
        // Numbered requirements followed by a closing paragraph or two
        // (请各单位于…报送): the requirements, then the paragraphs.
        let rank = pieces.first().and_then(|p| p.rank);
        let numbered = pieces.iter().take_while(|p| p.rank == rank).count();
        let requirement_rank = matches!(rank, Some(Rank::Two | Rank::Three));
        if has(&["要求", "保障", "措施", "注意"])
            && requirement_rank
            && numbered < pieces.len()
            && pieces[numbered..].iter().all(|p| p.rank.is_none())
        {
            let items: Vec<Requirement> = pieces[..numbered]
                .iter()
                .map(|p| requirement(&p.text))
                .collect();
            self.note(format!(
                "{label}：{}条，另有{}段文字",
                items.len(),
                pieces.len() - numbered
            ));
            self.push_section(heading, SectionContent::Requirements { items });
            let blocks = pieces[numbered..]
                .iter()
                .map(|p| TextBlock {
                    level: Default::default(),
                    text: p.raw.clone(),
                })
                .collect();
            self.push_section(String::new(), SectionContent::Text { blocks });
            return;
        }
        let content = if let Some((intro, groups)) = by_department(&pieces) {
            self.note(format!("{label}：{}个部门的活动", groups.len()));
            if intro > 0 {
                // The introduction keeps the heading; the groups follow it.
                let blocks = pieces[..intro]
                    .iter()
                    .map(|p| TextBlock {
                        level: Default::default(),
                        text: p.raw.clone(),
                    })
                    .collect();
                self.push_section(heading, SectionContent::Text { blocks });
                self.push_section(String::new(), SectionContent::ByDepartment { groups });
                return;
            }
            SectionContent::ByDepartment { groups }
        } else if has(&["主题"]) && plain && !pieces.is_empty() {
            let theme = joined(&pieces);
            self.note(format!("活动主题：{theme}"));
            SectionContent::Theme { theme }
        } else if has(&["时间"])
            && !has(&["安排", "内容", "任务", "分工"])
            && plain
            && (1..=5).contains(&pieces.len())
        {
            let text = joined(&pieces);
            self.note(format!("活动时间：{text}"));
            SectionContent::Time { text }
        } else if has(&["要求", "保障", "措施", "注意"])
            && !pieces.is_empty()
            && (pieces.iter().all(|p| p.rank == Some(Rank::Two))
                || pieces.iter().all(|p| p.rank == Some(Rank::Three))
                || (pieces.len() >= 2 && pieces.iter().all(|p| p.rank.is_none() && led(&p.text))))
        {
            let items: Vec<Requirement> = pieces.iter().map(|p| requirement(&p.text)).collect();
            self.note(format!("{label}：{}条", items.len()));
            SectionContent::Requirements { items }
        } else if let Some(summary) = summary(&heading, &pieces) {
            self.note(format!("{label}：总结报送"));
            SectionContent::Summary(summary)
        } else {
            self.note(format!("{label}：{}段文字", pieces.len()));
            SectionContent::Text {
                blocks: pieces
                    .iter()
                    .map(|p| TextBlock {
                        level: p.rank.map_or(Default::default(), Rank::block_level),
                        text: p.text.clone(),
                    })
                    .collect(),
            }
        };
        self.push_section(heading, content);
    }

    fn task_table(&mut self, heading: String, pieces: Vec<Piece>, at: usize) {
        let index = pieces[at].index.expect("a table has an entry");
        let Entry::Tasks(table, _) = &self.entries[index] else {
            unreachable!("pieces marked as tables are task tables")
        };
        let table = table.clone();
        self.take(index);
        for cell in &table.leftover {
            self.unrecognised.push((index, cell.clone()));
        }
        let intro = joined(&pieces[..at]);
        for p in &pieces[..at] {
            self.take_piece(p);
        }
        self.set_tasks(
            TaskLayout::Table,
            table.rows,
            table.lead_label,
            table.support_label,
        );
        self.note(format!(
            "{}：{}项（表格，表头：{}）",
            if heading.is_empty() {
                "活动安排"
            } else {
                heading.as_str()
            },
            self.notice.tasks.rows.len(),
            table.header.join("、")
        ));
        self.push_section(heading, SectionContent::Tasks { intro });
        let after: Vec<Piece> = pieces.into_iter().skip(at + 1).collect();
        if !after.is_empty() {
            self.chunk(String::new(), after);
        }
    }

    fn set_tasks(&mut self, layout: TaskLayout, rows: Vec<TaskRow>, lead: String, support: String) {
        self.tasks_found = true;
        let tasks = &mut self.notice.tasks;
        tasks.layout = layout;
        tasks.rows = rows;
        tasks.lead_label = lead;
        tasks.support_label = support;
    }

    /// Tasks as （一） subsections with 牵头/配合/时间/地点 lines.
    fn task_subsections(&mut self, heading: &str, pieces: &[Piece]) -> bool {
        let Some(first) = pieces.iter().position(|p| p.rank == Some(Rank::Two)) else {
            return false;
        };
        let mut groups: Vec<(&Piece, Vec<&Piece>)> = Vec::new();
        for p in &pieces[first..] {
            if p.rank == Some(Rank::Two) {
                groups.push((p, Vec::new()));
            } else if let Some(group) = groups.last_mut() {
                group.1.push(p);
            }
        }
        let labelled = groups
            .iter()
            .filter(|(_, body)| body.iter().any(|p| lines::labelled(&p.raw).is_some()))
            .count();
        if labelled == 0 || labelled * 2 < groups.len() {
            return false;
        }
        let mut lead_label = String::new();
        let mut support_label = String::new();
        let mut rows = Vec::new();
        for (head, body) in groups {
            let (name, rest) = first_sentence(&head.text);
            let mut task = TaskRow {
                name,
                description: rest,
                ..TaskRow::default()
            };
            for p in body {
                match lines::labelled(&p.raw) {
                    Some(parts) => {
                        for (role, label, value) in parts {
                            match role {
                                Role::Lead => {
                                    if lead_label.is_empty() {
                                        lead_label = label;
                                    }
                                    append(&mut task.lead, &value, "、");
                                }
                                Role::Support => {
                                    if support_label.is_empty() {
                                        support_label = label;
                                    }
                                    task.support.extend(split_names(&value));
                                }
                                Role::Time => append(&mut task.time, &value, "；"),
                                Role::Place => append(&mut task.place, &value, "；"),
                            }
                        }
                    }
                    None => append(&mut task.description, &p.raw, "\n"),
                }
            }
            rows.push(task);
        }
        let intro = joined(&pieces[..first]);
        let count = rows.len();
        self.set_tasks(TaskLayout::Subsections, rows, lead_label, support_label);
        self.note(format!("{heading}：{count}项（分项列出）"));
        self.push_section(heading.to_owned(), SectionContent::Tasks { intro });
        true
    }

    /// Tasks as numbered items ending with their departments in parentheses.
    fn task_items(&mut self, heading: &str, pieces: &[Piece]) -> bool {
        // Items numbered 1. or （一）, all alike.
        let Some(first) = pieces
            .iter()
            .position(|p| matches!(p.rank, Some(Rank::Two | Rank::Three)))
        else {
            return false;
        };
        let rank = pieces[first].rank;
        let items = &pieces[first..];
        if items.iter().any(|p| p.rank != rank) {
            return false;
        }
        let with_departments = items
            .iter()
            .filter(|p| lines::trailing_departments(&p.text).is_some())
            .count();
        if with_departments == 0 || with_departments * 2 < items.len() {
            return false;
        }
        let rows: Vec<TaskRow> = items
            .iter()
            .map(|p| {
                let (body, lead, support) = lines::trailing_departments(&p.text)
                    .map(|(b, l, s)| (b.to_owned(), l, s))
                    .unwrap_or_else(|| (p.text.clone(), String::new(), Vec::new()));
                let (name, description) = first_sentence(&body);
                TaskRow {
                    name,
                    description,
                    lead,
                    support,
                    ..TaskRow::default()
                }
            })
            .collect();
        let intro = joined(&pieces[..first]);
        let count = rows.len();
        self.set_tasks(TaskLayout::Items, rows, String::new(), String::new());
        self.note(format!("{heading}：{count}项（逐条列出，括注部门）"));
        self.push_section(heading.to_owned(), SectionContent::Tasks { intro });
        true
    }

    // ----- the end -----

    fn finish(mut self, lines: usize) -> ImportReport {
        for i in 0..self.len() {
            self.reject(i);
        }
        if self.notice.header.doc_number.is_empty() {
            if let Some(text) = self.metadata_number.clone() {
                if let Some((number, _)) = lines::doc_number_line(&text) {
                    self.recognised
                        .push(format!("发文字号：{number}（取自网页的信息公开栏）"));
                    self.notice.header.doc_number = number;
                }
            }
        }
        let notice = &mut self.notice;
        let mut missing = Vec::new();
        if notice.header.organs.is_empty() && !notice.signature.organs.is_empty() {
            notice.header.organs = notice.signature.organs.clone();
            self.recognised.push(format!(
                "发文机关：{}（取自署名）",
                notice.header.organs.join("、")
            ));
        }
        let titles = [self.title.as_deref(), self.plan_title.as_deref()];
        let year = titles.iter().flatten().find_map(|t| year_in(t));
        notice.campaign.year = year
            .or(notice.header.doc_number.year)
            .or(notice.signature.date.map(|d| d.year));
        if let Some(name) = titles.iter().flatten().find_map(|t| campaign_name(t)) {
            notice.campaign.name = name;
        }
        notice.title = self
            .title
            .clone()
            .filter(|t| *t != compose::composed_title(notice));
        if notice.shape == NoticeShape::IssuesPlan {
            notice.plan_title = self
                .plan_title
                .clone()
                .filter(|t| *t != compose::composed_plan_title(notice));
        }
        let checks = [
            (self.title.is_none(), "标题"),
            (notice.header.organs.is_empty(), "发文机关"),
            (notice.header.doc_number.is_empty(), "发文字号"),
            (notice.recipients.is_empty(), "主送机关"),
            (notice.sections.is_empty(), "正文"),
            (notice.signature.organs.is_empty(), "发文机关署名"),
            (notice.signature.date.is_none(), "成文日期"),
        ];
        for (absent, part) in checks {
            if absent {
                missing.push(part.to_owned());
            }
        }
        self.unrecognised.sort_by_key(|(i, _)| *i);
        self.furniture.sort_by_key(|(i, _)| *i);
        ImportReport {
            notice: self.notice,
            recognised: self.recognised,
            unrecognised: self.unrecognised.into_iter().map(|(_, t)| t).collect(),
            missing,
            lines,
            furniture: self.furniture.into_iter().map(|(_, t)| t).collect(),
            normalised: self.normalised,
            flagged: self.flagged,
        }
    }
}

/// 密级 and 紧急程度 on one line: 秘密★1年 特急.
fn marks(line: &str) -> Option<(String, String)> {
    let mut secrecy = String::new();
    let mut urgency = String::new();
    for token in line.split(' ').filter(|t| !t.is_empty()) {
        if ["绝密", "机密", "秘密"]
            .iter()
            .any(|s| token.starts_with(s))
            && token.chars().count() <= 10
        {
            secrecy = token.to_owned();
        } else if token == "特急" || token == "加急" {
            urgency = token.to_owned();
        } else {
            return None;
        }
    }
    (!secrecy.is_empty() || !urgency.is_empty()).then_some((secrecy, urgency))
}

/// Organs that sign, with a 代章 note: 某某局（代章）.
fn signature_organs(line: &str) -> Option<(Vec<String>, String)> {
    let line = line.trim();
    // （某某局代章） on a line of its own, or after the organ.
    if let Some(end) = line.rfind("代章）").or_else(|| line.rfind("代章)")) {
        let open = line[..end].rfind(['（', '('])?;
        let close = end + "代章".len();
        let close_len = line[close..].chars().next().map_or(0, char::len_utf8);
        if close + close_len != line.len() {
            return None;
        }
        let proxy = line[open..].to_owned();
        let names = line[..open].trim();
        if names.is_empty() {
            return Some((Vec::new(), proxy));
        }
        return lines::organs_in_line(names).map(|n| (n, proxy));
    }
    lines::organs_in_line(line).map(|n| (n, String::new()))
}

/// 某某办公室 2021年9月6日印发 → the printer and the date.
fn imprint_line(line: &str) -> Option<(String, Option<DocDate>)> {
    let rest = line.strip_suffix("印发")?;
    let (start, end, date) = lines::find_date(rest)?;
    (end == rest.len()).then(|| (rest[..start].trim().to_owned(), Some(date)))
}

/// 活动主题：建设质量强国 → the heading and the text after it.
fn heading_and_rest(text: &str) -> (String, Option<String>) {
    for (count, (at, c)) in text.char_indices().enumerate() {
        if count > 20 {
            break;
        }
        if c == '：' || c == ':' || c == '。' {
            let rest = text[at + c.len_utf8()..].trim();
            if count >= 2 && !rest.is_empty() {
                return (text[..at].trim().to_owned(), Some(rest.to_owned()));
            }
        }
    }
    // 活动时间 2021年9月1日至30日: a web page joined the heading and its
    // text with a space.
    if let Some((head, rest)) = text.split_once(' ') {
        let short = (2..=8).contains(&head.chars().count());
        let ends = ["主题", "时间", "地点", "对象", "范围", "口号"]
            .iter()
            .any(|e| head.ends_with(e));
        if short && ends && !rest.trim().is_empty() {
            return (head.to_owned(), Some(rest.trim().to_owned()));
        }
    }
    (text.trim_end_matches(['：', ':']).trim().to_owned(), None)
}

/// A name and what follows its first full stop: 开展计量检查。对电子秤… →
/// (开展计量检查, 对电子秤…).
fn first_sentence(text: &str) -> (String, String) {
    match text.split_once('。') {
        Some((name, rest)) if !name.trim().is_empty() => {
            (name.trim().to_owned(), rest.trim().to_owned())
        }
        _ => (text.trim().to_owned(), String::new()),
    }
}

/// A line where the 成文日期 stands that tries to be a date and is not
/// one: 2021年9月31日, 2021年 月 日, 二〇二一年九月卅日.
fn garbled_date(line: &str) -> bool {
    let count = line.chars().count();
    (6..=20).contains(&count)
        && line.contains('年')
        && line.contains('月')
        && line.ends_with('日')
        && !line.contains(['。', '，', '、', '：'])
        && lines::date_line(line).is_none()
        && lines::find_date(line).is_none()
}

/// The start of a long line, for the report.
fn short(text: &str) -> String {
    let mut out: String = text.chars().take(20).collect();
    if text.chars().count() > 20 {
        out.push('…');
    }
    out
}

/// 名称一 2.名称二 3.名称三 → each name: items numbered on one line.
fn split_numbered_list(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    let mut next = 2;
    loop {
        let marks = [
            format!(" {next}."),
            format!(" {next}、"),
            format!(" {next}．"),
        ];
        let found = marks
            .iter()
            .filter_map(|m| rest.find(m.as_str()).map(|at| (at, m.len())))
            .min();
        match found {
            Some((at, len)) if at > 0 => {
                out.push(rest[..at].trim().to_owned());
                rest = rest[at + len..].trim();
                next += 1;
            }
            _ => break,
        }
    }
    out.push(rest.to_owned());
    out.retain(|s| !s.is_empty());
    out
}

/// A contact inside a paragraph: …报送质量股（联系人：张三，电话：…）。 or
/// …报送质量股，联系人：张三，电话：…。 Gives the paragraph without it and
/// the contact.
fn contact_in_sentence(line: &str) -> Option<(String, Contact)> {
    let at = line.find("联系人")?;
    if at == 0 {
        return None;
    }
    let before = &line[..at];
    if let Some(open) = before.strip_suffix(['（', '(']) {
        let close = line[at..].find(['）', ')'])? + at;
        let inner = &line[at..close];
        let contact = lines::contact(inner)?;
        let close_len = line[close..].chars().next().map_or(1, char::len_utf8);
        let after = &line[close + close_len..];
        // …报送质量股。（联系人…）。 keeps one full stop.
        let after = if open.ends_with(['。', '.']) {
            after.trim_start_matches(['。', '.'])
        } else {
            after
        };
        return Some((format!("{open}{after}"), contact));
    }
    if before.ends_with(['，', ',', '。', '；']) {
        let contact = lines::contact(&line[at..])?;
        let rest = before.trim_end_matches(['，', ',', '；']).to_owned();
        let rest = if rest.ends_with('。') {
            rest
        } else {
            format!("{rest}。")
        };
        return Some((rest, contact));
    }
    None
}

/// A paragraph that opens with a short lead sentence, as requirements
/// written without numbers do: 加强组织领导。各单位要…
fn led(text: &str) -> bool {
    text.split_once('。')
        .is_some_and(|(lead, rest)| (2..=16).contains(&lead.chars().count()) && !rest.is_empty())
}

/// （一）加强组织领导。县局各股室要… → lead and text.
fn requirement(text: &str) -> Requirement {
    if let Some((lead, rest)) = text.split_once('。') {
        if (2..=30).contains(&lead.chars().count()) {
            return Requirement {
                lead: lead.trim().to_owned(),
                text: rest.trim().to_owned(),
            };
        }
    }
    if text.chars().count() <= 30 && !text.contains(['，', '；']) {
        return Requirement {
            lead: text.trim().to_owned(),
            text: String::new(),
        };
    }
    Requirement {
        lead: String::new(),
        text: text.trim().to_owned(),
    }
}

/// Departments' activities: （一）质量股 headings over numbered items or
/// paragraphs, （一）县教育局：组织… items, or a department's name on a
/// line of its own over paragraphs. Gives how many pieces come before the
/// groups (an introduction) and the groups.
fn by_department(pieces: &[Piece]) -> Option<(usize, Vec<DepartmentActivities>)> {
    let department_line = |p: &Piece| {
        p.rank.is_none()
            && p.text.chars().count() <= 20
            && lines::is_department(p.text.trim_end_matches(['：', ':']))
    };
    // 1.县市场监管局：负责… items, each a department with its activity.
    let items: Vec<&Piece> = pieces.iter().filter(|p| p.rank.is_some()).collect();
    let all_items = !items.is_empty()
        && items.iter().all(|p| p.rank == Some(Rank::Three))
        && pieces
            .iter()
            .skip_while(|p| p.rank.is_none())
            .all(|p| p.rank.is_some());
    if all_items && items.len() >= 2 {
        let start = pieces.iter().position(|p| p.rank.is_some())?;
        let groups: Option<Vec<DepartmentActivities>> = items
            .iter()
            .map(|p| match department_and_activity(&p.text) {
                Some((name, Some(activity))) => Some(DepartmentActivities {
                    department: name,
                    activities: vec![activity],
                }),
                _ => None,
            })
            .collect();
        return groups.map(|g| (start, g));
    }
    // 县教育局：在中小学开展… lines without numbers, one a department.
    let with_activity = |p: &Piece| {
        p.rank.is_none() && matches!(department_and_activity(&p.text), Some((_, Some(_))))
    };
    if let Some(start) = pieces.iter().position(with_activity) {
        if pieces.len() - start >= 2 && pieces[start..].iter().all(with_activity) {
            let groups = pieces[start..]
                .iter()
                .filter_map(|p| department_and_activity(&p.text))
                .map(|(department, activity)| DepartmentActivities {
                    department,
                    activities: activity.into_iter().collect(),
                })
                .collect();
            return Some((start, groups));
        }
    }
    let numbered = pieces.iter().position(|p| p.rank == Some(Rank::Two));
    let plain = pieces.iter().position(department_line);
    let (start, by_line) = match (numbered, plain) {
        (Some(n), Some(p)) if p < n => (p, true),
        (Some(n), _) => (n, false),
        (None, Some(p)) => (p, true),
        (None, None) => return None,
    };
    if pieces[..start].iter().any(|p| p.rank.is_some()) {
        return None;
    }
    let mut groups: Vec<DepartmentActivities> = Vec::new();
    for p in &pieces[start..] {
        let heads = if by_line {
            department_line(p)
        } else {
            p.rank == Some(Rank::Two)
        };
        if heads {
            let (name, rest) = department_and_activity(&p.text)?;
            groups.push(DepartmentActivities {
                department: name,
                activities: rest.into_iter().collect(),
            });
            continue;
        }
        // Under a name on its own line, activities are sentences (not the
        // cells of a table flattened one a line).
        let sentence = p.text.ends_with(['。', '；', ';']) || p.text.chars().count() >= 15;
        match p.rank {
            Some(Rank::Three | Rank::Four) | None if !by_line || sentence => {
                groups.last_mut()?.activities.push(p.text.clone())
            }
            _ => return None,
        }
    }
    let with_activities = groups.iter().filter(|g| !g.activities.is_empty()).count();
    (groups.len() >= 2 && with_activities * 2 >= groups.len()).then_some((start, groups))
}

/// 县教育局 → the department; 县教育局：组织… → the department and its
/// activity; anything else is not a department's heading.
fn department_and_activity(text: &str) -> Option<(String, Option<String>)> {
    let text = text.trim();
    if let Some(at) = text.find(['：', ':']) {
        let name = text[..at].trim();
        let colon = text[at..].chars().next().map_or(1, char::len_utf8);
        let rest = text[at + colon..].trim();
        if lines::is_department(name) && name.chars().count() <= 20 {
            return Some((name.to_owned(), (!rest.is_empty()).then(|| rest.to_owned())));
        }
        return None;
    }
    let name = text.trim_end_matches(['。', '.']);
    lines::is_department(name).then(|| (name.to_owned(), None))
}

/// 请于2021年9月30日前将活动总结报送质量股。 as the app composes it.
fn summary(heading: &str, pieces: &[Piece]) -> Option<Summary> {
    if !(heading.contains("总结") || heading.contains("报送")) || pieces.len() != 1 {
        return None;
    }
    let text = &pieces[0].raw;
    let rest = text.strip_prefix("请于")?;
    let (date, rest) = rest.split_once("前将")?;
    let (what, rest) = rest.split_once("报送")?;
    let (to, extra) = rest.split_once('。')?;
    let summary = Summary {
        deadline: Some(lines::date_line(date)?),
        what: what.to_owned(),
        to: to.to_owned(),
        extra: extra.to_owned(),
    };
    (compose::summary_sentence(&summary) == *text).then_some(summary)
}

fn joined(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .filter(|p| !p.table)
        .map(|p| p.raw.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn append(field: &mut String, value: &str, separator: &str) {
    if value.is_empty() {
        return;
    }
    if !field.is_empty() {
        field.push_str(separator);
    }
    field.push_str(value);
}

/// The first 2021年 in a title.
fn year_in(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let digits = bytes[i..i + 4].iter().all(u8::is_ascii_digit);
        let alone = i == 0 || !bytes[i - 1].is_ascii_digit();
        (digits && alone && text[i + 4..].starts_with('年'))
            .then(|| text[i..i + 4].parse().ok())
            .flatten()
    })
}

/// The campaign's name quoted before 活动: “质量月”活动 → 质量月.
fn campaign_name(text: &str) -> Option<String> {
    let end = text.find("”活动")?;
    let start = text[..end].rfind('“')? + '“'.len_utf8();
    let name = text[start..end].trim();
    (1..=12)
        .contains(&name.chars().count())
        .then(|| name.to_owned())
}
