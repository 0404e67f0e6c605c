//! The live A4 preview, end to end: the optimised release build in
//! headless Chromium, the preview's pages read from the DOM and compared
//! with the exported .docx as LibreOffice renders it (page counts, the
//! lines of page 1), editing and clicking through the preview, printing.
//!
//! The browser tests need `dist/` (cargo xtask dist), chromedriver,
//! LibreOffice and poppler-utils: run through scripts/test.sh, or
//! `cargo test -p notice-tests --test e2e_preview -- --ignored`. The pages
//! the preview draws are the core's (`notice_core::pages`, tested there).
#![cfg(not(target_arch = "wasm32"))]

use notice_tests as support;

use fantoccini::wd::{PrintConfiguration, PrintMargins, PrintSize};
use fantoccini::{Client, Locator};
use notice_core::compose::{self, Block};
use notice_core::draft::DraftEnvelope;
use notice_core::gbt9704 as spec;
use notice_core::pagination;
use notice_core::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use support::notices::{fixture, long_notice, table_notice, with_attachment_pages, with_imprint};
use support::ui::*;

const MM_PER_PT: f64 = 25.4 / 72.0;
/// The text block's foot, mm from the paper's top (37 + 225).
const BLOCK_BOTTOM: f64 = 262.0;

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

async fn js(client: &Client, script: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
    client
        .execute(script, args)
        .await
        .unwrap_or_else(|e| panic!("{e}: {script}"))
}

/// A browser on the app showing `notice` (stored as the current draft, as
/// the library keeps it), with the preview drawn.
async fn open_notice(name: &str, notice: &Notice) -> (Client, support::Driver, PathBuf, String) {
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let downloads = support::temp_dir(&format!("preview-{name}"));
    let client = support::browser(&driver, &downloads).await;
    client.goto(&base).await.unwrap();
    open_as_current_draft(&client, notice).await;
    wait_for(&client, ".preview-pages .page").await;
    (client, driver, downloads, base)
}

/// The number of preview pages, once the count shown agrees with the
/// pages drawn.
async fn preview_pages(client: &Client) -> usize {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let counts = js(
            client,
            "return [document.querySelectorAll('.preview-pages .page').length,
                     document.querySelector('#preview-page-count').textContent];",
            vec![],
        )
        .await;
        let drawn = counts[0].as_u64().unwrap() as usize;
        let shown = counts[1].as_str().unwrap_or("").to_owned();
        if drawn > 0 && shown == format!("共{drawn}页") {
            return drawn;
        }
        assert!(Instant::now() < deadline, "{drawn} pages, {shown}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A line of text on a page: its vertical centre and left edge in mm from
/// the paper's top left corner.
#[derive(Debug, Clone)]
struct Piece {
    y: f64,
    x: f64,
    text: String,
}

/// Pieces grouped into lines (centres within 1.5 mm), each line's pieces
/// joined left to right, whitespace removed.
fn lines_of(mut pieces: Vec<Piece>) -> Vec<(f64, String)> {
    pieces.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut lines: Vec<Vec<Piece>> = Vec::new();
    for piece in pieces {
        match lines.last_mut() {
            Some(line) if (piece.y - line[0].y).abs() < 1.5 => line.push(piece),
            _ => lines.push(vec![piece]),
        }
    }
    lines
        .into_iter()
        .map(|mut line| {
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            let y = line[0].y;
            (
                y,
                squeeze(&line.into_iter().map(|p| p.text).collect::<String>()),
            )
        })
        .filter(|(_, t)| !t.is_empty())
        .collect()
}

/// The text lines of a preview page, from the DOM, in mm of the paper.
async fn preview_lines(client: &Client, page: usize) -> Vec<(f64, String)> {
    let found = js(
        client,
        "const page = document.querySelector('.preview-pages .page[data-page=\"' + arguments[0] + '\"]');
         const p = page.getBoundingClientRect();
         const out = [];
         for (const e of page.querySelectorAll('.text-block .ln, .text-block .ln-flow, .text-block .suffix')) {
           const r = e.getBoundingClientRect();
           out.push([((r.top + r.bottom) / 2 - p.top) / p.height * 297,
                     (r.left - p.left) / p.width * 210, e.textContent]);
         }
         return out;",
        vec![page.into()],
    )
    .await;
    let pieces = found
        .as_array()
        .unwrap()
        .iter()
        .map(|v| Piece {
            y: v[0].as_f64().unwrap(),
            x: v[1].as_f64().unwrap(),
            text: v[2].as_str().unwrap().to_owned(),
        })
        .collect();
    lines_of(pieces)
}

/// The lines of a PDF page above the footer (pdftotext -bbox): words whose
/// centre is in the text block, grouped into lines.
fn pdf_lines(pdf: &Path, page: usize) -> Vec<(f64, String)> {
    let output = Command::new("pdftotext")
        .args(["-bbox", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed (poppler-utils)");
    assert!(output.status.success());
    let html: String = String::from_utf8_lossy(&output.stdout)
        .chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}'))
        .collect();
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let xml = roxmltree::Document::parse_with_options(&html, options).expect("pdftotext's XHTML");
    let number = |node: roxmltree::Node, name: &str| -> f64 {
        node.attribute(name).unwrap().parse::<f64>().unwrap() * MM_PER_PT
    };
    let pieces = xml
        .descendants()
        .filter(|n| n.has_tag_name("word"))
        .filter(|w| (number(*w, "yMin") + number(*w, "yMax")) / 2.0 < BLOCK_BOTTOM)
        .map(|w| Piece {
            y: (number(w, "yMin") + number(w, "yMax")) / 2.0,
            x: number(w, "xMin"),
            text: w.text().unwrap_or("").to_owned(),
        })
        .collect();
    lines_of(pieces)
}

fn pdf_pages(pdf: &Path) -> usize {
    let output = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo is installed (poppler-utils)");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

/// Exports through the app (step 8); returns the downloaded .docx.
async fn export(client: &Client, downloads: &Path) -> PathBuf {
    click(client, "#step-8").await;
    click(client, "#export").await;
    wait_for_text(client, "#export-status", "已导出").await;
    let docx = support::wait_for_file(downloads, "docx", Duration::from_secs(30));
    // The download is complete when Chromium has renamed it.
    tokio::time::sleep(Duration::from_millis(300)).await;
    docx
}

/// Renders a .docx with LibreOffice as installed; keeps the PDF in target/.
fn render(docx: &Path, name: &str) -> PathBuf {
    let pdf = support::libreoffice_pdf(docx);
    let kept = support::project_root().join(format!("target/preview-{name}-libreoffice.pdf"));
    std::fs::copy(&pdf, &kept).unwrap();
    kept
}

/// Renders a .docx with LibreOffice, the file's fonts given the standard
/// fonts' metrics: without the GB2312 fonts LibreOffice sets digits and
/// Latin marks in DejaVu Sans, wider than the half em the standard's fonts
/// (and Word with them) give them, and breaks those lines elsewhere.
fn render_with_standard_metrics(docx: &Path, name: &str) -> PathBuf {
    let mono = support::standard_metrics_font();
    let fonts: Vec<(&str, &str)> = [
        spec::FONT_TITLE,
        spec::FONT_BODY,
        spec::FONT_HEITI,
        spec::FONT_KAITI,
        spec::FONT_SONGTI,
        spec::FONT_BODY_COMMON,
        spec::FONT_KAITI_COMMON,
    ]
    .into_iter()
    .map(|f| (f, mono))
    .collect();
    let pdf = support::libreoffice_pdf_with_fonts(docx, &fonts);
    let kept =
        support::project_root().join(format!("target/preview-{name}-libreoffice-metrics.pdf"));
    std::fs::copy(&pdf, &kept).unwrap();
    kept
}

fn page_png(pdf: &Path, page: usize, out: &Path) {
    let status = Command::new("pdftoppm")
        .args([
            "-png",
            "-singlefile",
            "-r",
            "60",
            "-f",
            &page.to_string(),
            "-l",
        ])
        .arg(page.to_string())
        .arg(pdf)
        .arg(out.with_extension(""))
        .status()
        .expect("pdftoppm is installed (poppler-utils)");
    assert!(status.success());
}

/// Whether every text of every block of `notice` is in the preview.
async fn check_every_part_is_shown(client: &Client, notice: &Notice, name: &str) {
    let shown = js(
        client,
        "return Array.from(document.querySelectorAll('.preview-pages .text-block'))
             .map(p => p.textContent).join('');",
        vec![],
    )
    .await;
    let shown = squeeze(shown.as_str().unwrap());
    let rows = js(
        client,
        "return Array.from(document.querySelectorAll('.preview-pages .pv-row:not(.header)'))
             .map(r => Array.from(r.querySelectorAll('.cell')).map(c => c.textContent));",
        vec![],
    )
    .await;
    let rows: Vec<Vec<String>> = serde_json::from_value(rows).unwrap();
    for block in compose::blocks(notice) {
        match &block {
            Block::TaskTable {
                header,
                rows: table,
            } => {
                for cell in header {
                    assert!(shown.contains(&squeeze(cell)), "{name}: header {cell}");
                }
                // Each row's cells, in their columns.
                for (i, row) in table.iter().enumerate() {
                    let drawn = rows
                        .iter()
                        .find(|r| r.first().is_some_and(|c| squeeze(c) == squeeze(&row[0])))
                        .unwrap_or_else(|| panic!("{name}: row {i} missing"));
                    for (cell, drawn) in row.iter().zip(drawn) {
                        assert_eq!(squeeze(drawn), squeeze(cell), "{name}: row {i}");
                    }
                }
            }
            Block::Table {
                header,
                rows: table,
            } => {
                for cell in header.iter().chain(table.iter().flatten()) {
                    assert!(shown.contains(&squeeze(cell)), "{name}: cell {cell}");
                }
            }
            Block::PageBreak => {}
            // 附件说明 numbers its names (1.… 2.…) when there are several.
            Block::Attachments(items) => {
                for item in items {
                    assert!(shown.contains(&squeeze(item)), "{name}: 附件 {item}");
                }
            }
            Block::Imprint {
                cc,
                printer,
                print_date,
            } => {
                for part in [cc, printer, print_date] {
                    assert!(shown.contains(&squeeze(part)), "{name}: 版记 {part}");
                }
            }
            _ => {
                let text = squeeze(&block.text());
                assert!(shown.contains(&text), "{name}: {block:?} is not shown");
            }
        }
    }
    // The red organ mark, the red rule, the page numbers.
    let header = js(
        client,
        "const mark = document.querySelector('.pv-item[data-field=\"organ-0\"] .ln')
             || document.querySelector('.pv-item[data-field=\"organ-0\"]');
         const rule = document.querySelector('.pv-item[data-field=\"doc-number\"]');
         return [getComputedStyle(mark).color, getComputedStyle(rule).borderBottomColor,
                 getComputedStyle(rule).borderBottomStyle,
                 Array.from(document.querySelectorAll('.preview-pages .page-number')).map(n => n.textContent)];",
        vec![],
    )
    .await;
    assert_eq!(header[0], "rgb(255, 0, 0)", "{name}: the organ mark is red");
    assert_eq!(header[1], "rgb(255, 0, 0)", "{name}: the rule is red");
    assert_eq!(header[2], "solid", "{name}");
    let numbers: Vec<String> = serde_json::from_value(header[3].clone()).unwrap();
    assert_eq!(numbers.first().map(String::as_str), Some("— 1 —"), "{name}");
}

/// Page numbers: odd right, even left, one 四号 character in; none on the
/// pages before and of a 版记 of its own.
async fn check_page_numbers(client: &Client, name: &str, numbered: usize) {
    let found = js(
        client,
        "return Array.from(document.querySelectorAll('.preview-pages .page')).map(page => {
           const p = page.getBoundingClientRect();
           const n = page.querySelector('.page-number');
           if (!n) return null;
           const range = document.createRange();
           range.selectNodeContents(n);
           const r = range.getBoundingClientRect();
           return [n.textContent, (r.left - p.left) / p.width * 210, (p.right - r.right) / p.width * 210,
                   (r.top - p.top) / p.height * 297];
         });",
        vec![],
    )
    .await;
    let pages = found.as_array().unwrap();
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        if n > numbered {
            assert!(page.is_null(), "{name}: page {n} has a number");
            continue;
        }
        assert_eq!(page[0], format!("— {n} —"), "{name}");
        let (left, right, top) = (
            page[1].as_f64().unwrap(),
            page[2].as_f64().unwrap(),
            page[3].as_f64().unwrap(),
        );
        // 28 mm or 26 mm margin, and one 四号 character (4.9 mm).
        if n % 2 == 1 {
            assert!(
                (right - 26.0 - 4.94).abs() < 1.0,
                "{name} page {n}: {right}"
            );
        } else {
            assert!((left - 28.0 - 4.94).abs() < 1.0, "{name} page {n}: {left}");
        }
        assert!(
            top > BLOCK_BOTTOM && top < BLOCK_BOTTOM + 10.0,
            "{name}: {top}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn the_preview_shows_every_part_of_both_samples_with_the_pages_of_the_export() {
    for (file, name) in [
        ("city-plan-table.json", "city"),
        ("county-plan-sections.json", "county"),
    ] {
        let notice = fixture(file);
        let (client, _driver, downloads, _) = open_notice(name, &notice).await;
        let pages = preview_pages(&client).await;
        let plan = pagination::paginate(&compose::blocks(&notice));
        assert_eq!(pages as u32, plan.total_pages(), "{name}");
        check_every_part_is_shown(&client, &notice, name).await;
        check_page_numbers(&client, name, plan.numbered_pages() as usize).await;

        // A screenshot of the first page (kept in target/ to look at), and
        // its lines read from the DOM.
        let first = client
            .find(Locator::Css(".preview-pages .page[data-page=\"1\"]"))
            .await
            .unwrap();
        let png = first.screenshot().await.unwrap();
        let shot = support::project_root().join(format!("target/preview-{name}-page1.png"));
        std::fs::write(&shot, png).unwrap();
        let preview = preview_lines(&client, 1).await;

        // The export, as LibreOffice renders it: the same number of pages.
        let docx = export(&client, &downloads).await;
        client.close().await.unwrap();
        let pdf = render(&docx, name);
        let rendered = pdf_pages(&pdf);
        eprintln!("{name}: preview {pages} pages, LibreOffice {rendered} pages");
        assert!(
            (rendered as i64 - pages as i64).abs() <= 1,
            "{name}: preview {pages} pages, LibreOffice {rendered}"
        );
        page_png(
            &pdf,
            1,
            &support::project_root().join(format!("target/preview-{name}-libreoffice-page1.png")),
        );
        let texts =
            |lines: &[(f64, String)]| lines.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>();
        let plain = pdf_lines(&pdf, 1);
        let same = texts(&preview)
            .iter()
            .zip(texts(&plain))
            .filter(|(a, b)| **a == *b)
            .count();
        eprintln!(
            "{name}: page 1, {same} of {} preview lines as LibreOffice with this machine's fonts ({} lines)",
            preview.len(),
            plain.len()
        );

        // Page 1 line for line, at the same heights, against LibreOffice
        // with the standard fonts' metrics.
        let pdf = render_with_standard_metrics(&docx, name);
        page_png(
            &pdf,
            1,
            &support::project_root().join(format!(
                "target/preview-{name}-libreoffice-metrics-page1.png"
            )),
        );
        let libreoffice = pdf_lines(&pdf, 1);
        assert_eq!(
            texts(&preview),
            texts(&libreoffice),
            "{name}: page 1 differs from LibreOffice's"
        );
        for ((y, text), (pdf_y, _)) in preview.iter().zip(&libreoffice) {
            assert!(
                (y - pdf_y).abs() < 1.5,
                "{name}: {text} at {y:.1} mm, LibreOffice {pdf_y:.1} mm"
            );
        }
        assert_eq!(pdf_pages(&pdf), pages, "{name}: with the standard metrics");
    }
}

/// The red rules drawn on a preview page: top, bottom, left and right
/// edges in mm of the paper, top to bottom.
async fn preview_red_rules(client: &Client, page: usize) -> Vec<[f64; 4]> {
    let found = js(
        client,
        "const page = document.querySelector('.preview-pages .page[data-page=\"' + arguments[0] + '\"]');
         const p = page.getBoundingClientRect();
         return Array.from(page.querySelectorAll('.text-block .pv-item'))
           .filter(e => getComputedStyle(e).backgroundColor === 'rgb(255, 0, 0)')
           .map(e => { const r = e.getBoundingClientRect();
             return [(r.top - p.top) / p.height * 297, (r.bottom - p.top) / p.height * 297,
                     (r.left - p.left) / p.width * 210, (r.right - p.left) / p.width * 210]; });",
        vec![page.into()],
    )
    .await;
    let mut rules: Vec<[f64; 4]> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|r| std::array::from_fn(|k| r[k].as_f64().unwrap()))
        .collect();
    rules.sort_by(|a, b| a[0].total_cmp(&b[0]));
    rules
}

/// The 信函格式 chosen in step 1 (§10.1): the preview's page 1 shows the
/// organ's name 30 mm from the top between the red double lines, 170 mm
/// and centred, thick over thin and thin over thick, and no page number;
/// page 2 is numbered; the export has the preview's pages, and page 1
/// stands line for line where LibreOffice prints it.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build, chromedriver and LibreOffice: run scripts/test.sh"]
async fn the_letter_form_chosen_in_step_1_is_previewed_as_printed() {
    let name = "letter";
    let mut notice = with_imprint(fixture("county-plan-sections.json"));
    notice.header.copy_number = "000123".into();
    notice.header.urgency = "特急".into();
    let (client, _driver, downloads, _) = open_notice(name, &notice).await;
    click(&client, "#step-1").await;
    click(&client, "#header-form").await;
    let stored = DraftEnvelope::from_json(&stored_draft(&client).await)
        .unwrap()
        .notice;
    assert_eq!(stored.header.form, HeaderForm::Letter);
    notice.header.form = HeaderForm::Letter;
    let deadline = Instant::now() + Duration::from_secs(20);
    let rules = loop {
        let rules = preview_red_rules(&client, 1).await;
        if rules.len() == 4 {
            break rules;
        }
        assert!(Instant::now() < deadline, "{rules:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    eprintln!("{name}: preview's red lines {rules:.2?} mm");
    for r in &rules {
        assert!((r[3] - r[2] - 170.0).abs() < 0.5, "{r:?}");
        assert!(((r[2] + r[3]) / 2.0 - 106.0).abs() < 0.5, "{r:?}");
    }
    assert!(rules[0][1] - rules[0][0] > rules[1][1] - rules[1][0]);
    assert!(rules[3][1] - rules[3][0] > rules[2][1] - rules[2][0]);
    assert!((297.0 - rules[3][1] - 20.0).abs() < 0.3, "{:?}", rules[3]);
    assert!(preview_red_rules(&client, 2).await.is_empty());
    let pages = preview_pages(&client).await;
    let plan = pagination::paginate(&compose::blocks(&notice));
    assert_eq!(pages as u32, plan.total_pages());
    let numbers = js(
        &client,
        "return Array.from(document.querySelectorAll('.preview-pages .page'))
           .map(p => { const n = p.querySelector('.page-number'); return n ? n.textContent : null; });",
        vec![],
    )
    .await;
    let numbers = numbers.as_array().unwrap();
    assert!(numbers[0].is_null(), "page 1 has a number: {numbers:?}");
    for (i, n) in numbers.iter().enumerate().skip(1) {
        assert_eq!(n.as_str(), Some(format!("— {} —", i + 1).as_str()));
    }
    let preview = preview_lines(&client, 1).await;
    let docx = export(&client, &downloads).await;
    client.close().await.unwrap();
    let rendered = pdf_pages(&render(&docx, name));
    eprintln!("{name}: preview {pages} pages, LibreOffice {rendered} pages");
    assert_eq!(rendered, pages, "{name}");
    let pdf = render_with_standard_metrics(&docx, name);
    let libreoffice = pdf_lines(&pdf, 1);
    let texts = |lines: &[(f64, String)]| lines.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>();
    assert_eq!(
        texts(&preview),
        texts(&libreoffice),
        "page 1 differs from LibreOffice's"
    );
    for ((y, text), (pdf_y, _)) in preview.iter().zip(&libreoffice) {
        assert!(
            (y - pdf_y).abs() < 1.5,
            "{name}: {text} at {y:.1} mm, LibreOffice {pdf_y:.1} mm"
        );
    }
    eprintln!(
        "{name}: page 1, {} lines as LibreOffice prints them",
        preview.len()
    );
}

/// Attachments with content: the preview has the export's pages (each
/// attachment on its own, numbers continuing) and step 6 edits them.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build, chromedriver and LibreOffice: run scripts/test.sh"]
async fn attachment_pages_are_previewed_as_exported_and_edited_in_step_6() {
    let name = "attachments";
    let notice = with_imprint(with_attachment_pages(long_notice(3, 100), 30));
    let (client, _driver, downloads, _) = open_notice(name, &notice).await;
    let pages = preview_pages(&client).await;
    let plan = pagination::paginate(&compose::blocks(&notice));
    assert_eq!(pages as u32, plan.total_pages());
    check_every_part_is_shown(&client, &notice, name).await;
    check_page_numbers(&client, name, plan.numbered_pages() as usize).await;
    let docx = export(&client, &downloads).await;
    let rendered = pdf_pages(&render(&docx, name));
    eprintln!("{name}: preview {pages} pages, LibreOffice {rendered} pages");
    assert_eq!(
        rendered, pages,
        "{name}: preview {pages} pages, LibreOffice {rendered}"
    );

    // A third attachment, added in step 6: named after the 附件说明's
    // third name, a list typed item by item.
    click(&client, "#step-6").await;
    replace(
        &client,
        "#attachments",
        "2021年“质量月”活动口号\n“质量月”活动信息报送表\n活动总结",
    )
    .await;
    click(&client, "#add-attachment").await;
    assert_eq!(value(&client, "#attachment-2-name").await, "活动总结");
    select(&client, "#attachment-2-kind", "list").await;
    type_into(&client, "#attachment-2-items", "质量第一\n效益优先").await;
    let stored = DraftEnvelope::from_json(&stored_draft(&client).await)
        .unwrap()
        .notice;
    let page = &stored.attachment_pages[2];
    assert_eq!(
        (page.name.as_str(), page.kind),
        ("活动总结", AttachmentKind::List)
    );
    assert_eq!(page.items, ["质量第一", "效益优先"]);
    wait_for_text(&client, ".preview-pages", "附件3").await;
    wait_for_text(&client, ".preview-pages", "2.效益优先").await;
    // A table typed as rows of cells.
    select(&client, "#attachment-2-kind", "table").await;
    replace(&client, "#attachment-2-columns", "单位、电话").await;
    type_into(&client, "#attachment-2-rows", "质量股|0557-8021234").await;
    let stored = DraftEnvelope::from_json(&stored_draft(&client).await)
        .unwrap()
        .notice;
    assert_eq!(
        stored.attachment_pages[2].rows,
        [["质量股", "0557-8021234"]]
    );
    wait_for_text(&client, ".preview-pages", "0557-8021234").await;
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn a_200_task_notice_has_the_pages_of_its_export_and_typing_updates_at_once() {
    let notice = table_notice(200);
    let (client, _driver, downloads, _) = open_notice("200", &notice).await;
    let pages = preview_pages(&client).await;
    let plan = pagination::paginate(&compose::blocks(&notice));
    assert_eq!(pages as u32, plan.total_pages());
    check_page_numbers(&client, "200 tasks", plan.numbered_pages() as usize).await;
    let headers = js(
        &client,
        "return Array.from(document.querySelectorAll('.preview-pages .page'))
             .filter(p => p.querySelector('.pv-row.header')).length;",
        vec![],
    )
    .await;
    assert!(
        headers.as_u64().unwrap() as usize >= pages - 1,
        "the header repeats on each page of the table: {headers} of {pages}"
    );

    // Keystroke to preview: from an input event in a task's field to the
    // frame that shows it in the field (the preview must not delay it) and
    // to its text in the preview's DOM.
    click(&client, "#step-4").await;
    wait_for(&client, "#task-199-name").await;
    let mut timings = Vec::new();
    for (i, row) in [5usize, 120, 199, 60, 150].into_iter().enumerate() {
        let text = format!("计时{i}号");
        let took = client
            .execute_async(
                "const [id, text, done] = arguments;
                 const input = document.getElementById(id);
                 const start = performance.now();
                 input.value = input.value + text;
                 input.dispatchEvent(new Event('input', { bubbles: true }));
                 const handled = performance.now() - start;
                 let frame = null;
                 requestAnimationFrame(() => { frame = performance.now() - start; });
                 const shown = () => {
                   const row = document.querySelector('.preview-pages .pv-row[data-field=\"' + id + '\"]');
                   return row && row.textContent.includes(text);
                 };
                 const observer = new MutationObserver(() => {
                   if (shown()) {
                     observer.disconnect();
                     done([handled, frame, performance.now() - start]);
                   }
                 });
                 observer.observe(document.querySelector('.preview-pages'),
                                  { childList: true, subtree: true, characterData: true });",
                vec![format!("task-{row}-name").into(), text.into()],
            )
            .await
            .unwrap();
        let took: Vec<f64> = serde_json::from_value(took).unwrap();
        timings.push(took);
    }
    eprintln!(
        "200 tasks, ms from the input event: [handled, next frame, in the preview's DOM] {timings:?}"
    );
    // Only the page that changed was drawn again.
    js(
        &client,
        "document.querySelectorAll('.preview-pages .page').forEach(p => p.kept = true);",
        vec![],
    )
    .await;
    type_into(&client, "#task-100-name", "再改").await;
    let deadline = Instant::now() + Duration::from_secs(5);
    let redrawn = loop {
        let state = js(
            &client,
            "const row = document.querySelector('.preview-pages .pv-row[data-field=\"task-100-name\"]');
             const pages = Array.from(document.querySelectorAll('.preview-pages .page'));
             return [row.textContent.includes('再改'), pages.filter(p => !p.kept).length];",
            vec![],
        )
        .await;
        if state[0] == true {
            break state[1].as_u64().unwrap();
        }
        assert!(Instant::now() < deadline, "the edit never showed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(redrawn, 1, "pages drawn again for one edit");
    for took in &timings {
        assert!(took[1] < 100.0, "typing waits for the preview: {timings:?}");
        assert!(took[2] < 500.0, "the preview lags: {timings:?}");
    }

    let pages = preview_pages(&client).await;
    let docx = export(&client, &downloads).await;
    let pdf = render(&docx, "200");
    let rendered = pdf_pages(&pdf);
    eprintln!("200 tasks: preview {pages} pages, LibreOffice {rendered} pages");
    assert!(
        (rendered as i64 - pages as i64).abs() <= 1,
        "preview {pages} pages, LibreOffice {rendered}"
    );
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn editing_updates_the_preview_and_clicking_it_focuses_the_field() {
    let notice = with_imprint(fixture("county-plan-sections.json"));
    let (client, _driver, _, _) = open_notice("editing", &notice).await;
    let pages = preview_pages(&client).await;
    let plan = pagination::paginate(&compose::blocks(&notice));
    assert_eq!(pages as u32, plan.total_pages());
    check_page_numbers(&client, "with 版记", plan.numbered_pages() as usize).await;
    // The 版记 at the foot of the last page, an even one.
    let imprint = js(
        &client,
        "const pages = document.querySelectorAll('.preview-pages .page');
         const last = pages[pages.length - 1];
         const p = last.getBoundingClientRect();
         const i = last.querySelector('.pv-item.imprint');
         if (!i) return null;
         const r = i.getBoundingClientRect();
         return [pages.length, (r.bottom - p.top) / p.height * 297, i.textContent];",
        vec![],
    )
    .await;
    assert!(!imprint.is_null(), "no 版记 on the last page");
    assert_eq!(imprint[0].as_u64().unwrap() % 2, 0, "the 版记 page is even");
    assert!(
        (imprint[1].as_f64().unwrap() - BLOCK_BOTTOM).abs() < 0.5,
        "{imprint}"
    );
    assert!(squeeze(imprint[2].as_str().unwrap())
        .contains("抄送：县委办、县政府办、市市场监督管理局。"));

    // Typing in a field changes the preview.
    click(&client, "#step-2").await;
    type_into(&client, "#recipients", "，各乡镇人民政府").await;
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let text = js(
            &client,
            "const r = document.querySelector('.pv-item[data-field=\"recipients\"]');
             return [r.textContent, r.classList.contains('active')];",
            vec![],
        )
        .await;
        if text[0].as_str().unwrap().contains("各乡镇人民政府") {
            // The field being edited is highlighted.
            assert_eq!(text[1], true, "the recipients are not highlighted");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the preview never showed the edit: {text}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let title = value(&client, "#title").await;
    replace(&client, "#title", "关于开展质量宣传活动的通知").await;
    let deadline = Instant::now() + Duration::from_secs(5);
    while !js(
        &client,
        "return document.querySelector('.pv-item[data-field=\"title\"]').parentElement.textContent",
        vec![],
    )
    .await
    .as_str()
    .unwrap()
    .contains("关于开展质量宣传活动的通知")
    {
        assert!(Instant::now() < deadline, "the title never changed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    replace(&client, "#title", &title).await;

    // Clicking a paragraph of the preview opens its step and focuses its
    // field: a task of the plan, a requirement, the signature.
    let requirement = notice
        .sections
        .iter()
        .find_map(|s| match &s.content {
            SectionContent::Requirements { items } => Some(items.len()),
            _ => None,
        })
        .unwrap_or(0);
    let mut targets = vec![
        ("task-2-name", "#step-4"),
        ("signature-organs", "#step-7"),
        ("recipients", "#step-2"),
        (".imprint-row[data-field=\"imprint-cc\"]", "#step-7"),
    ];
    if requirement > 1 {
        targets.push(("requirement-1-lead", "#step-5"));
    }
    for (target, step) in targets {
        click(&client, "#step-1").await;
        let (css, field) = match target.strip_prefix('.') {
            Some(_) => (format!(".preview-pages {target}"), "imprint-cc"),
            None => (format!(".preview-pages [data-field=\"{target}\"]"), target),
        };
        wait_for(&client, &css).await;
        js(
            &client,
            "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' });",
            vec![css.clone().into()],
        )
        .await;
        client
            .find(Locator::Css(&css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let state = js(
                &client,
                "return [document.activeElement && document.activeElement.id,
                         document.querySelector(arguments[0]).getAttribute('aria-current')];",
                vec![step.into()],
            )
            .await;
            if state[0] == field && state[1] == "step" {
                break;
            }
            assert!(Instant::now() < deadline, "{field}: {state}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // And it is highlighted in the preview.
        let active = js(
            &client,
            "return Array.from(document.querySelectorAll('.preview-pages .pv-item.active')).length",
            vec![],
        )
        .await;
        assert!(
            active.as_u64().unwrap() >= 1,
            "{field}: nothing highlighted"
        );
    }
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build and chromedriver: run scripts/test.sh"]
async fn the_preview_hides_zooms_sits_below_on_narrow_screens_and_prints_its_pages() {
    let notice = fixture("city-plan-table.json");
    let (client, _driver, _, _) = open_notice("layout", &notice).await;
    let pages = preview_pages(&client).await;

    // Beside the editor; fit to its width, or true size (210 mm = 794 px).
    let geometry = "const pane = document.querySelector('.preview-pane').getBoundingClientRect();
         const editor = document.querySelector('.editor').getBoundingClientRect();
         const page = document.querySelector('.preview-pages .page').getBoundingClientRect();
         return [pane.left, pane.top, editor.right, editor.bottom, page.width];";
    let beside = js(&client, geometry, vec![]).await;
    assert!(
        beside[0].as_f64().unwrap() >= beside[2].as_f64().unwrap() - 1.0,
        "{beside}"
    );
    let fit = beside[4].as_f64().unwrap();
    click(&client, "#preview-actual").await;
    let actual = js(&client, geometry, vec![]).await[4].as_f64().unwrap();
    assert!((actual - 793.7).abs() < 2.0, "{actual}");
    click(&client, "#preview-fit").await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let again = js(&client, geometry, vec![]).await[4].as_f64().unwrap();
    assert!(
        (again - fit).abs() < 2.0 && fit < actual,
        "{fit} {again} {actual}"
    );

    // Printing gives the pages alone, on A4 sheets.
    let print = PrintConfiguration::builder()
        .size(PrintSize::A4)
        .margins(PrintMargins {
            top: 0.0,
            bottom: 0.0,
            left: 0.0,
            right: 0.0,
        })
        .shrink_to_fit(false)
        .background(true)
        .build()
        .unwrap();
    let pdf_bytes = client.print(print).await.unwrap();
    let pdf = support::project_root().join("target/preview-print.pdf");
    std::fs::write(&pdf, pdf_bytes).unwrap();
    assert_eq!(pdf_pages(&pdf), pages, "one sheet per preview page");
    let printed = squeeze(&support::pdf_text(&pdf));
    assert!(
        printed.contains(&squeeze(&compose::title(&notice))),
        "no title in the printed pages: {printed}"
    );
    assert!(!printed.contains("版式预览"), "the toolbar is printed");
    assert!(!printed.contains("下一步"), "the editor is printed");
    let first = pdf_lines(&pdf, 1);
    let preview = preview_lines(&client, 1).await;
    assert_eq!(
        first.iter().map(|(_, t)| t).collect::<Vec<_>>(),
        preview.iter().map(|(_, t)| t).collect::<Vec<_>>()
    );
    // At true size: Chromium's PDF gives words the font's whole box, so
    // their centres sit a little off the glyphs' (2.3 mm for the 36 pt
    // organ mark), but a scaled page would be off by far more.
    for ((y, text), (printed_y, _)) in preview.iter().zip(&first) {
        assert!(
            (y - printed_y).abs() < 3.0,
            "{text}: {y:.1} mm, printed {printed_y:.1} mm"
        );
    }
    let (top, bottom) = (first[0].0, first[first.len() - 1].0);
    let (preview_top, preview_bottom) = (preview[0].0, preview[preview.len() - 1].0);
    assert!(
        ((bottom - top) - (preview_bottom - preview_top)).abs() < 3.0,
        "printed at another scale: {top:.1}-{bottom:.1} mm, preview {preview_top:.1}-{preview_bottom:.1} mm"
    );

    // Narrow: below the form.
    client.set_window_size(800, 1000).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let below = js(&client, geometry, vec![]).await;
    assert!(
        below[1].as_f64().unwrap() >= below[3].as_f64().unwrap() - 1.0,
        "{below}"
    );
    let narrow_page = below[4].as_f64().unwrap();
    assert!(narrow_page < 800.0, "fits the narrow window: {narrow_page}");
    let png = client.screenshot().await.unwrap();
    std::fs::write(
        support::project_root().join("target/preview-narrow.png"),
        png,
    )
    .unwrap();
    client.set_window_size(1280, 1000).await.unwrap();

    // Hidden, and shown again after a reload as it was left.
    click(&client, "#toggle-preview").await;
    let gone = js(
        &client,
        "return document.querySelector('.preview-pane') === null",
        vec![],
    )
    .await;
    assert_eq!(gone, true);
    client.refresh().await.unwrap();
    wait_for(&client, "#step-1").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let gone = js(
        &client,
        "return document.querySelector('.preview-pane') === null",
        vec![],
    )
    .await;
    assert_eq!(gone, true, "the preview stays hidden after a reload");
    click(&client, "#toggle-preview").await;
    wait_for(&client, ".preview-pages .page").await;
    let png = client.screenshot().await.unwrap();
    std::fs::write(support::project_root().join("target/preview-wide.png"), png).unwrap();
    client.close().await.unwrap();
}
