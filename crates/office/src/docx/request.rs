//! The export as a request and a response, so it can run in a Web Worker
//! (or anywhere else) from one JSON message: the worker and the JS API
//! share this.

use super::{export_docx, file_name, DocumentMeta, FontSet};
use notice_core::Notice;
use serde::{Deserialize, Serialize};

/// What to export.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportRequest {
    pub notice: Notice,
    /// W3C date-time for the file's properties.
    pub now: String,
    /// Use 仿宋/楷体 instead of the GB2312 fonts.
    #[serde(default)]
    pub common_fonts: bool,
    /// 套打: twips reserved for preprinted letterhead (see
    /// [`DocumentMeta::letterhead`]).
    #[serde(default)]
    pub letterhead: Option<i32>,
}

/// The file, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Runs an export request given as JSON.
pub fn run_json(request: &str) -> Result<ExportedFile, String> {
    let request: ExportRequest =
        serde_json::from_str(request).map_err(|e| format!("导出请求无法读取（{e}）。"))?;
    run(&request)
}

pub fn run(request: &ExportRequest) -> Result<ExportedFile, String> {
    let mut meta = DocumentMeta::at(request.now.clone());
    if request.common_fonts {
        meta.fonts = FontSet::COMMON;
    }
    meta.letterhead = request.letterhead;
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
        let file = run_json(&serde_json::to_string(&request).unwrap()).unwrap();
        assert_eq!(file.name, "关于开展质量宣传活动的通知.docx");
        assert_eq!(&file.bytes[..2], b"PK");
        assert!(run_json("{").unwrap_err().contains("导出请求无法读取"));
    }
}
