//! `notice`: the app's export, import and roll-forward from the command
//! line, for scripts, batch use and tests. The draft JSON is exactly the
//! app's draft file, and the code is the app's own.
//!
//!     notice export draft.json out.docx
//!     notice pages draft.json
//!     notice import FILE(.txt|.docx) [-o draft.json]
//!     notice roll draft.json --year 2022 [-o next.json]
//!
//! Without `-o`, import and roll write the draft to standard output and
//! their report to standard error, so they compose in pipes.

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(message) => {
            if !message.is_empty() {
                out(&message);
            }
            std::process::ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("notice: {message}");
            std::process::ExitCode::from(2)
        }
    }
}

/// A line to standard output; a closed pipe (`| head`) is not an error.
fn out(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout(), "{text}");
}

const USAGE: &str = "用法：
  notice export 草稿.json 输出.docx
  notice pages 草稿.json
  notice import 文件.txt|文件.docx [-o 草稿.json]
  notice roll 草稿.json --year 2022 [-o 新草稿.json]";

fn run(args: &[String]) -> Result<String, String> {
    use notice_office::docx::{export_docx, DocumentMeta};

    match args.first().map(String::as_str) {
        Some("export") => match &args[1..] {
            [input, output] => {
                let draft = read_draft(input)?;
                let bytes = export_docx(&draft.notice, &DocumentMeta::at(now_w3c()))
                    .map_err(|e| format!("导出失败：{e}"))?;
                std::fs::write(output, &bytes).map_err(|e| format!("无法写入 {output}：{e}"))?;
                Ok(format!("已导出 {output}（{} 字节）", bytes.len()))
            }
            _ => Err(USAGE.to_owned()),
        },
        // A bare number, for scripts: the pages of the preview.
        Some("pages") => match &args[1..] {
            [input] => {
                let draft = read_draft(input)?;
                Ok(notice_core::pagination::page_count(&draft.notice).to_string())
            }
            _ => Err(USAGE.to_owned()),
        },
        Some("import") => {
            let (positional, output, _) = options(&args[1..], false)?;
            let [input] = positional.as_slice() else {
                return Err(USAGE.to_owned());
            };
            import(input, output.as_deref())
        }
        Some("roll") => {
            let (positional, output, year) = options(&args[1..], true)?;
            let [input] = positional.as_slice() else {
                return Err(USAGE.to_owned());
            };
            let year = year.ok_or_else(|| USAGE.to_owned())?;
            roll(input, year, output.as_deref())
        }
        _ => Err(USAGE.to_owned()),
    }
}

/// Positional arguments, `-o FILE` and (for roll) `--year YYYY`.
type Options = (Vec<String>, Option<String>, Option<u16>);

fn options(args: &[String], with_year: bool) -> Result<Options, String> {
    let mut positional = Vec::new();
    let mut output = None;
    let mut year = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-o" | "--output" => {
                output = Some(args.next().ok_or_else(|| USAGE.to_owned())?.clone());
            }
            "--year" if with_year => {
                let text = args.next().ok_or_else(|| USAGE.to_owned())?;
                year = notice_core::validate::parse_year(text)?;
            }
            _ if arg.starts_with('-') => return Err(USAGE.to_owned()),
            _ => positional.push(arg.clone()),
        }
    }
    Ok((positional, output, year))
}

fn read_draft(path: &str) -> Result<notice_core::draft::DraftEnvelope, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("无法读取 {path}：{e}"))?;
    notice_core::draft::DraftEnvelope::from_json(&text).map_err(|e| format!("{path}：{e}"))
}

/// Writes the draft to `output`, or to standard output.
fn write_draft(notice: notice_core::Notice, output: Option<&str>) -> Result<(), String> {
    let envelope = notice_core::draft::DraftEnvelope::new(notice, now_w3c());
    let json = notice_core::transfer::draft_file(&envelope);
    match output {
        Some(path) => {
            std::fs::write(path, json + "\n").map_err(|e| format!("无法写入 {path}：{e}"))
        }
        None => {
            out(&json);
            Ok(())
        }
    }
}

/// The report goes where the draft does not.
fn report(output: Option<&str>, text: &str) {
    if output.is_some() {
        out(text);
    } else {
        eprintln!("{text}");
    }
}

fn import(input: &str, output: Option<&str>) -> Result<String, String> {
    let bytes = std::fs::read(input).map_err(|e| format!("无法读取 {input}：{e}"))?;
    let name = std::path::Path::new(input)
        .file_name()
        .map_or(input.into(), |n| n.to_string_lossy());
    let result = notice_office::import::import_file(&name, &bytes)?;
    let mut lines = vec![format!("已导入 {input}")];
    lines.extend(result.to_lines());
    report(output, &lines.join("\n"));
    write_draft(result.notice, output)?;
    Ok(output.map(|o| format!("已写入 {o}")).unwrap_or_default())
}

fn roll(input: &str, year: u16, output: Option<&str>) -> Result<String, String> {
    let draft = read_draft(input)?;
    let rolled = notice_core::rollforward::roll_forward(&draft.notice, year);
    let mut lines = vec![format!(
        "已转为 {year} 年：{} 处修改，{} 处请核对",
        rolled.changes.len(),
        rolled.flagged.len()
    )];
    lines.extend(
        rolled
            .changes
            .iter()
            .map(|c| format!("  改 {}：{} → {}", c.field, c.old, c.new)),
    );
    lines.extend(
        rolled
            .flagged
            .iter()
            .map(|f| format!("  ! {}：{}（{}）", f.field, f.text, f.why)),
    );
    report(output, &lines.join("\n"));
    write_draft(rolled.notice, output)?;
    Ok(output.map(|o| format!("已写入 {o}")).unwrap_or_default())
}

/// The current UTC time as W3C date-time, without a date crate.
fn now_w3c() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    notice_core::time::w3c_from_unix(secs)
}
