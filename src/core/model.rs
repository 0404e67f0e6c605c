//! The notice as the user drafts it: plain data, serialisable, with no
//! knowledge of the browser or of .docx. Every field has a default so that a
//! draft saved by an older version (with fewer fields) still loads.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A campaign notice such as the yearly 质量月 notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Notice {
    /// 发文机关标志 text, e.g. 砀山县市场监督管理局 or …文件.
    pub organ: String,
    /// 发文字号, e.g. 砀市监发〔2021〕12号.
    pub doc_number: DocNumber,
    /// 标题, e.g. 关于开展2021年“质量月”活动的通知.
    pub title: String,
    /// 主送机关, one entry per addressee group.
    pub recipients: Vec<String>,
    /// 正文 paragraphs, in order.
    pub body: Vec<String>,
    /// 活动安排: the task list.
    pub tasks: Vec<TaskRow>,
    /// 发文机关署名 and 成文日期.
    pub signature: Signature,
}

/// 发文字号: 代字, year in 六角括号 and serial, e.g. 砀市监发〔2021〕12号.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DocNumber {
    /// 机关代字, e.g. 砀市监发.
    pub prefix: String,
    pub year: Option<u16>,
    /// 发文顺序号; never zero-padded when written.
    pub serial: Option<u32>,
}

impl DocNumber {
    pub fn is_empty(&self) -> bool {
        self.prefix.trim().is_empty() && self.year.is_none() && self.serial.is_none()
    }
}

impl fmt::Display for DocNumber {
    /// GB/T 9704 §7.2.4: full year in 〔〕, no 第, no leading zeros.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return Ok(());
        }
        f.write_str(self.prefix.trim())?;
        if let Some(year) = self.year {
            write!(f, "〔{year}〕")?;
        }
        if let Some(serial) = self.serial {
            write!(f, "{serial}号")?;
        }
        Ok(())
    }
}

/// One row of the task list (活动安排).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct TaskRow {
    /// 活动内容.
    pub content: String,
    /// 活动时间, free text such as 9月1日-3日.
    pub time: String,
    /// 牵头部门.
    pub lead: String,
    /// 配合部门.
    pub support: String,
}

impl TaskRow {
    pub fn is_blank(&self) -> bool {
        [&self.content, &self.time, &self.lead, &self.support]
            .iter()
            .all(|s| s.trim().is_empty())
    }
}

/// 发文机关署名 and 成文日期.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Signature {
    pub organ: String,
    pub date: Option<DocDate>,
}

/// 成文日期, written 2021年9月6日 (Arabic numerals, no zero padding).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl DocDate {
    /// A real calendar date, or `None`.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1 && (1..=days).contains(&day)).then_some(Self { year, month, day })
    }

    /// Parses the ISO form `2021-09-06` that `<input type="date">` gives.
    pub fn from_iso(text: &str) -> Option<Self> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Self::new(year, month, day)
    }

    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for DocDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}年{}月{}日", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_number_is_written_with_hexagonal_brackets_and_no_padding() {
        let number = DocNumber {
            prefix: "砀市监发".into(),
            year: Some(2021),
            serial: Some(12),
        };
        assert_eq!(number.to_string(), "砀市监发〔2021〕12号");
        assert_eq!(DocNumber::default().to_string(), "");
    }

    #[test]
    fn dates_are_written_without_zero_padding() {
        let date = DocDate::new(2021, 9, 6).unwrap();
        assert_eq!(date.to_string(), "2021年9月6日");
        assert_eq!(date.to_iso(), "2021-09-06");
        assert_eq!(DocDate::from_iso("2021-09-06"), Some(date));
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(DocDate::new(2021, 2, 29), None);
        assert!(DocDate::new(2024, 2, 29).is_some());
        assert_eq!(DocDate::new(2021, 13, 1), None);
        assert_eq!(DocDate::new(2021, 4, 31), None);
        assert_eq!(DocDate::from_iso("2021-9"), None);
        assert_eq!(DocDate::from_iso("abc"), None);
    }

    #[test]
    fn old_drafts_with_missing_fields_still_load() {
        let notice: Notice = serde_json::from_str(r#"{"title":"关于开展活动的通知"}"#).unwrap();
        assert_eq!(notice.title, "关于开展活动的通知");
        assert!(notice.tasks.is_empty());
    }
}
