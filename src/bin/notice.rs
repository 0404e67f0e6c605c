//! `notice`: the app's export from the command line, for scripts, batch use
//! and tests. The draft JSON is exactly the app's draft file.
//!
//!     notice export draft.json out.docx

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(message) => {
            println!("{message}");
            std::process::ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("notice: {message}");
            std::process::ExitCode::from(2)
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn run(args: &[String]) -> Result<String, String> {
    use notice_desk::core::draft::DraftEnvelope;
    use notice_desk::docx::{export_docx, DocumentMeta};

    const USAGE: &str = "用法：notice export 草稿.json 输出.docx";
    match args {
        [command, input, output] if command == "export" => {
            let text =
                std::fs::read_to_string(input).map_err(|e| format!("无法读取 {input}：{e}"))?;
            let draft = DraftEnvelope::from_json(&text).map_err(|e| format!("{input}：{e}"))?;
            let bytes = export_docx(&draft.notice, &DocumentMeta::at(now_w3c()))
                .map_err(|e| e.to_string())?;
            std::fs::write(output, &bytes).map_err(|e| format!("无法写入 {output}：{e}"))?;
            Ok(format!("已导出 {output}（{} 字节）", bytes.len()))
        }
        _ => Err(USAGE.to_owned()),
    }
}

/// The current UTC time as W3C date-time, without a date crate.
#[cfg(not(target_arch = "wasm32"))]
fn now_w3c() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    notice_desk::core::time::w3c_from_unix(secs)
}
