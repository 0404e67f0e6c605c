//! The export as a request and a response, so it can run in a Web Worker
//! (or anywhere else) from one JSON message: the worker and the JS API
//! share this.

use super::{export_docx, file_name, DocumentMeta, FontSet};
use notice_core::json::{self, read_object, write_object, Json, JsonError, JsonField};
use notice_core::Notice;

/// What to export.
#[derive(Debug, Clone, Default)]
pub struct ExportRequest {
    pub notice: Notice,
    /// W3C date-time for the file's properties.
    pub now: String,
    /// Use 仿宋/楷体 instead of the GB2312 fonts.
    pub common_fonts: bool,
    /// The file's format; a .docx unless asked otherwise.
    pub format: ExportFormat,
    /// The draft's id in the library, for the OFD's `DocID`.
    pub draft_id: String,
    /// 套打: twips reserved for preprinted letterhead (see
    /// [`DocumentMeta::letterhead`]).
    pub letterhead: Option<u32>,
}

/// What the export writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ExportFormat {
    #[default]
    Docx,
    /// GB/T 33190-2016 OFD (see [`crate::ofd`]).
    Ofd,
}

/// `"docx"` or `"ofd"`.
impl JsonField for ExportFormat {
    fn read_json(&mut self, value: &Json) -> Result<(), JsonError> {
        *self = match value {
            Json::String(text) if text == "docx" => ExportFormat::Docx,
            Json::String(text) if text == "ofd" => ExportFormat::Ofd,
            _ => return Err(JsonError::new("应为 docx 或 ofd")),
        };
        Ok(())
    }

    fn write_json(&self, out: &mut String) {
        out.push_str(match self {
            ExportFormat::Docx => r#""docx""#,
            ExportFormat::Ofd => r#""ofd""#,
        });
    }
}

/// Written with the drafts' codec: the page sends it to the worker.
impl JsonField for ExportRequest {
    fn read_json(&mut self, value: &Json) -> Result<(), JsonError> {
        read_object(
            value,
            &["notice", "now"],
            &mut [
                ("notice", &mut self.notice),
                ("now", &mut self.now),
                ("common_fonts", &mut self.common_fonts),
                ("format", &mut self.format),
                ("draft_id", &mut self.draft_id),
                ("letterhead", &mut self.letterhead),
            ],
        )
    }

    fn write_json(&self, out: &mut String) {
        write_object(
            out,
            &[
                ("notice", &self.notice),
                ("now", &self.now),
                ("common_fonts", &self.common_fonts),
                ("format", &self.format),
                ("draft_id", &self.draft_id),
                ("letterhead", &self.letterhead),
            ],
        );
    }
}

impl ExportRequest {
    pub fn to_json(&self) -> String {
        json::to_string(self)
    }
}

/// The file, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Runs an export request given as JSON.
pub fn run_json(request: &str) -> Result<ExportedFile, String> {
    let mut read = ExportRequest::default();
    json::parse(request)
        .and_then(|value| read.read_json(&value))
        .map_err(|e| format!("导出请求无法读取（{e}）。"))?;
    run(&read)
}

pub fn run(request: &ExportRequest) -> Result<ExportedFile, String> {
    let mut meta = DocumentMeta::at(request.now.clone());
    if request.common_fonts {
        meta.fonts = FontSet::COMMON;
    }
    meta.letterhead = request
        .letterhead
        .map(|twips| twips.min(i32::MAX as u32) as i32);
    let (bytes, name) = match request.format {
        ExportFormat::Docx => (
            export_docx(&request.notice, &meta),
            file_name(&request.notice),
        ),
        ExportFormat::Ofd => {
            let meta = crate::ofd::OfdMeta {
                document: meta,
                draft_id: request.draft_id.clone(),
            };
            (
                crate::ofd::export_ofd(&request.notice, &meta),
                crate::ofd::file_name(&request.notice),
            )
        }
    };
    Ok(ExportedFile {
        name,
        bytes: bytes.map_err(|e| e.to_string())?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_as_json_gives_the_file() {
        let request = ExportRequest {
            notice: Notice {
                title: Some("关于开展质量宣传活动的通知".into()),
                ..Notice::default()
            },
            now: "2021-09-06T08:00:00Z".into(),
            common_fonts: true,
            format: ExportFormat::Docx,
            draft_id: String::new(),
            letterhead: None,
        };
        let file = run_json(&request.to_json()).unwrap();
        assert_eq!(file.name, "关于开展质量宣传活动的通知.docx");
        assert_eq!(&file.bytes[..2], b"PK");
        let ofd = ExportRequest {
            format: ExportFormat::Ofd,
            ..request
        };
        let json = ofd.to_json();
        assert!(json.contains(r#""format":"ofd""#), "{json}");
        let file = run_json(&json).unwrap();
        assert_eq!(file.name, "关于开展质量宣传活动的通知.ofd");
        assert_eq!(&file.bytes[..2], b"PK");
        // A request of before the format was asked for is a .docx.
        let old = json
            .replace(r#","format":"ofd""#, "")
            .replace(r#","draft_id":"""#, "");
        assert!(!old.contains("format"), "{old}");
        assert!(run_json(&old).unwrap().name.ends_with(".docx"));
        assert!(run_json("{").unwrap_err().contains("导出请求无法读取"));
    }
}
