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
    /// 套打: twips reserved for preprinted letterhead (see
    /// [`DocumentMeta::letterhead`]).
    pub letterhead: Option<u32>,
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
    let bytes = export_docx(&request.notice, &meta).map_err(|e| e.to_string())?;
    Ok(ExportedFile {
        name: file_name(&request.notice),
        bytes,
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
            letterhead: None,
        };
        let file = run_json(&request.to_json()).unwrap();
        assert_eq!(file.name, "关于开展质量宣传活动的通知.docx");
        assert_eq!(&file.bytes[..2], b"PK");
        assert!(run_json("{").unwrap_err().contains("导出请求无法读取"));
    }
}
