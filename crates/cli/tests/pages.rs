//! `notice pages` against the print: the page count the command prints is
//! the preview's (the same core pagination), and it is LibreOffice's for
//! both samples, the six templates, the district 文件 notice whose 附注
//! was reported alone on page 2, and a generated corpus of every shape
//! (tests/support/corpus.rs).
//!
//! LibreOffice lays the files out with fonts of the standard's metrics in
//! place of the five the file names (see [`standard_metrics`]): the
//! preview measures those, and so do the offices' machines, which have the
//! GB2312 fonts or Windows' 仿宋/楷体/黑体/宋体.
//!
//! The LibreOffice comparison needs LibreOffice and poppler-utils: run
//! through scripts/test.sh, or `cargo test -p notice-cli --test pages -- --ignored`.
#![cfg(not(target_arch = "wasm32"))]

use notice_tests as support;

use notice_core::compose;
use notice_core::draft::DraftEnvelope;
use notice_core::gbt9704 as spec;
use notice_core::pagination;
use notice_core::Notice;
use notice_office::docx::{export_docx, DocumentMeta};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Generated notices besides the samples, templates and district notices.
const GENERATED: usize = 64;

/// `notice pages draft.json`: the bare number it prints.
fn cli_pages(draft: &Path) -> u32 {
    let output = Command::new(env!("CARGO_BIN_EXE_notice"))
        .arg("pages")
        .arg(draft)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "notice pages failed on {draft:?}");
    text.trim_end_matches('\n')
        .parse()
        .unwrap_or_else(|_| panic!("notice pages printed {text:?}, not a bare number"))
}

/// The pages the preview draws.
fn preview_pages(notice: &Notice) -> u32 {
    notice_core::pages::pages(&compose::compose(notice)).len() as u32
}

/// Writes each notice of the corpus as a draft file into `dir`.
fn write_drafts(dir: &Path) -> Vec<(String, Notice, PathBuf)> {
    support::corpus::corpus(GENERATED)
        .into_iter()
        .map(|(name, notice)| {
            let draft = dir.join(format!("{name}.json"));
            let json = DraftEnvelope::new(notice.clone(), "2021-09-06T08:00:00Z").to_json();
            std::fs::write(&draft, json).unwrap();
            (name, notice, draft)
        })
        .collect()
}

#[test]
fn notice_pages_prints_the_preview_page_count() {
    let dir = support::temp_dir("pages-cli");
    let drafts = write_drafts(&dir);
    assert!(drafts.len() >= 60 + 2 + 5);
    for (name, notice, draft) in &drafts {
        let printed = cli_pages(draft);
        assert_eq!(printed, preview_pages(notice), "{name}");
        assert_eq!(printed, pagination::page_count(notice), "{name}");
    }
}

#[test]
fn the_date_keeps_the_note_on_its_page_in_the_file() {
    let dir = support::temp_dir("pages-note");
    let docx = dir.join("note.docx");
    let notice = support::corpus::district_cover_with_note(0);
    let bytes = export_docx(&notice, &DocumentMeta::at("2021-09-06T08:00:00Z")).unwrap();
    std::fs::write(&docx, bytes).unwrap();
    let xml = support::zip_part(&docx, "word/document.xml");
    let paragraph_with = |text: &str| {
        let at = xml.find(text).unwrap_or_else(|| panic!("no {text}"));
        let start = xml[..at]
            .rfind("<w:p ")
            .max(xml[..at].rfind("<w:p>"))
            .unwrap();
        let end = at + xml[at..].find("</w:p>").unwrap();
        xml[start..end].to_owned()
    };
    assert!(paragraph_with("2021年9月6日").contains("<w:keepNext"));
    assert!(!paragraph_with("（此件主动公开）").contains("<w:keepNext"));
}

#[test]
fn the_heading_chain_of_the_corpus_still_moves_a_chain() {
    // The notice is built from generated texts: if they change, find
    // another opening length that puts the chain at a page's foot.
    assert!(support::corpus::chain_moved(
        &support::corpus::heading_chain()
    ));
}

#[test]
fn the_corpus_has_every_shape() {
    use notice_core::{NoticeShape, TaskLayout};
    let corpus = support::corpus::corpus(GENERATED);
    let generated: Vec<&Notice> = corpus
        .iter()
        .filter(|(name, _)| name.starts_with("generated"))
        .map(|(_, n)| n)
        .collect();
    assert!(generated.len() >= 60);
    let any = |f: &dyn Fn(&Notice) -> bool| generated.iter().any(|n| f(n));
    for layout in [
        TaskLayout::Table,
        TaskLayout::Subsections,
        TaskLayout::Items,
    ] {
        for shape in [NoticeShape::Direct, NoticeShape::IssuesPlan] {
            assert!(any(&|n| n.tasks.layout == layout
                && n.shape == shape
                && n.tasks.rows.len() >= 12));
        }
        assert!(any(
            &|n| n.tasks.layout == layout && n.tasks.rows.len() == 300
        ));
    }
    assert!(any(&|n| n.tasks.rows.is_empty()));
    assert!(any(&|n| n.recipients.len() == 1));
    assert!(any(&|n| n.recipients.len() == 40));
    assert!(any(
        &|n| n.shape == NoticeShape::IssuesPlan && n.cover_body.len() == 1
    ));
    assert!(any(
        &|n| n.shape == NoticeShape::IssuesPlan && n.cover_body.len() >= 3
    ));
    assert!(any(&|n| n.note.is_empty()) && any(&|n| !n.note.is_empty()));
    assert!(any(&|n| n.attachments.is_empty()) && any(&|n| n.attachments.len() > 1));
    assert!(any(
        &|n| n.signature.organs.len() > 1 && n.header.with_wenjian
    ));
    assert!(any(
        &|n| n.signature.organs.len() > 1 && !n.header.with_wenjian
    ));
    assert!(any(&|n| n.signature.sealed) && any(&|n| !n.signature.sealed));
    assert!(any(&|n| n.imprint.is_empty()));
    assert!(any(&|n| !n.imprint.cc.is_empty()));
    assert!(any(&|n| n.imprint.cc.is_empty() && !n.imprint.is_empty()));
}

/// The fonts the file names (both font settings), each replaced by a
/// monospaced CJK font: every ideograph one em, every Latin letter, digit
/// and mark half an em, as in the GB2312 fonts and Windows' own. Without
/// them LibreOffice sets digits and Latin letters in its fallback, DejaVu
/// Sans (a digit 0.64 em): a cover line holding 2021 or XX wraps a
/// character early, which is how the reported 附注 fell onto a page of its
/// own while the preview, measuring the fonts the file names, showed it on
/// page 1.
fn standard_metrics() -> Vec<(&'static str, &'static str)> {
    let mono = support::standard_metrics_font();
    [
        spec::FONT_BODY,
        spec::FONT_KAITI,
        spec::FONT_HEITI,
        spec::FONT_SONGTI,
        spec::FONT_TITLE,
        spec::FONT_BODY_COMMON,
        spec::FONT_KAITI_COMMON,
    ]
    .into_iter()
    .map(|f| (f, mono))
    .collect()
}

/// Each notice's `notice pages` against LibreOffice's page count for its
/// export, all converted in one LibreOffice run: one report line each, and
/// how many differ.
fn compare(name: &str, fonts: &[(&str, &str)]) -> (Vec<String>, usize) {
    let dir = support::temp_dir(name);
    let drafts = write_drafts(&dir);
    let docxs: Vec<PathBuf> = drafts
        .iter()
        .map(|(name, notice, _)| {
            let docx = dir.join(format!("{name}.docx"));
            let bytes = export_docx(notice, &DocumentMeta::at("2021-09-06T08:00:00Z")).unwrap();
            std::fs::write(&docx, bytes).unwrap();
            docx
        })
        .collect();
    let pdfs = support::libreoffice_pdfs(&docxs, &dir, fonts);
    let mut report = Vec::new();
    let mut mismatches = 0;
    for ((name, _, draft), pdf) in drafts.iter().zip(&pdfs) {
        let ours = cli_pages(draft);
        let theirs = support::pdf_pages(pdf);
        let equal = theirs == Some(ours);
        if !equal {
            mismatches += 1;
        }
        report.push(format!(
            "{} {name}: notice pages {ours}, LibreOffice {}",
            if equal { " " } else { "✗" },
            theirs.map_or("no PDF".to_owned(), |n| n.to_string())
        ));
    }
    println!("{}", report.join("\n"));
    println!(
        "{name}: {} of {} equal (files in {})",
        drafts.len() - mismatches,
        drafts.len(),
        dir.display()
    );
    (report, mismatches)
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils: run scripts/test.sh"]
fn notice_pages_is_libreoffices_page_count_on_every_notice_of_the_corpus() {
    let (report, mismatches) = compare("pages-corpus", &standard_metrics());
    let failed: Vec<&str> = report
        .iter()
        .filter(|l| l.starts_with('✗'))
        .map(String::as_str)
        .collect();
    assert!(
        failed.is_empty(),
        "{mismatches} of {} notices print on another number of pages than `notice pages` says:\n{}",
        report.len(),
        failed.join("\n")
    );
}
