//! openxml-audit (PyPI), a port of the validator in Microsoft's Open XML
//! SDK, stands in for Word, which cannot run here: strict policy, the
//! Office 2016 rules, every finding reported. `scripts/test-deps.sh`
//! installs it into `.tools/venv`; `OPENXML_AUDIT` names another copy.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn validator() -> PathBuf {
    let path = std::env::var_os("OPENXML_AUDIT")
        .map(PathBuf::from)
        .unwrap_or_else(|| super::project_root().join(".tools/venv/bin/openxml-audit"));
    assert!(
        path.exists(),
        "openxml-audit not found at {} (scripts/test-deps.sh installs it)",
        path.display()
    );
    path
}

/// What the validator says of one file.
#[derive(Debug)]
pub struct Verdict {
    pub file: PathBuf,
    /// Each finding as "part path: description".
    pub findings: Vec<String>,
}

/// Validates every .docx in `dir` in one run (the validator takes over a
/// second to start).
pub fn validate_dir(dir: &Path) -> Vec<Verdict> {
    let output = Command::new(validator())
        .args([
            "-f",
            "office2016",
            "--policy",
            "strict",
            "-m",
            "0",
            "-o",
            "json",
            "-r",
        ])
        .arg(dir)
        .output()
        .expect("openxml-audit runs");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "openxml-audit said no JSON ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let files = match json {
        serde_json::Value::Array(files) => files,
        one => vec![one],
    };
    files
        .iter()
        .map(|file| {
            let mut findings = Vec::new();
            for key in ["errors", "warnings"] {
                for finding in file[key].as_array().into_iter().flatten() {
                    findings.push(format!(
                        "{} {}: {}",
                        finding["part_uri"].as_str().unwrap_or("?"),
                        finding["path"].as_str().unwrap_or(""),
                        finding["description"].as_str().unwrap_or("?")
                    ));
                }
            }
            let counted = file["error_count"].as_u64().unwrap_or(0)
                + file["warning_count"].as_u64().unwrap_or(0);
            assert_eq!(counted as usize, findings.len(), "every finding listed");
            Verdict {
                file: PathBuf::from(file["file"].as_str().unwrap_or("?")),
                findings,
            }
        })
        .collect()
}

/// Panics listing every finding of every file.
pub fn assert_valid(verdicts: &[Verdict]) {
    let bad: Vec<String> = verdicts
        .iter()
        .filter(|v| !v.findings.is_empty())
        .map(|v| format!("{}:\n  {}", v.file.display(), v.findings.join("\n  ")))
        .collect();
    assert!(
        bad.is_empty(),
        "openxml-audit findings:\n{}",
        bad.join("\n")
    );
}
