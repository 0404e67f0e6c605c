//! The OFD export opened by a reader written by others: easyofd (PyPI)
//! renders each file to PDF and pdfplumber measures that PDF
//! (support/ofd_reader.py, support/ofd.rs). Checked for both samples, the
//! six templates, a 200-task notice with a 版记, a letter (§10.1: its
//! double lines where the .docx render has them) and the common fonts: the
//! preview's page count, A4 pages, every glyph of every page and every line
//! of text, the red 发文机关标志 and the red rule where LibreOffice's render
//! of the .docx has them (within 1 mm), the 版记's last rule on the foot of
//! the text block, page numbers right on odd pages and left on even ones
//! (GB/T 9704-2012 §7.5); and the files of the app's button and of
//! `exportOfd` in the release build.
//!
//! The XML rules of GB/T 33190-2016's schemas that matter (unique ids,
//! `MaxUnitID`, element order, the required `DocID`, references that
//! resolve) are checked without a reader, in every `cargo test`.
//!
//! The reader needs easyofd in `.tools/venv` (scripts/test-deps.sh), or
//! `OFD_READER_PYTHON` naming a Python that has it: run through
//! scripts/test.sh, or `cargo test -p notice-tests --test ofd -- --ignored`.
#![cfg(not(target_arch = "wasm32"))]

use notice_core::compose;
use notice_core::gbt9704 as spec;
use notice_core::Notice;
use notice_office::docx::{export_docx, DocumentMeta, FontSet};
use notice_office::ofd::{export_ofd, OfdMeta};
use notice_tests as support;
use std::path::Path;
use support::notices;
use support::ofd::*;

#[test]
fn every_export_keeps_the_schema_rules() {
    for (name, notice, fonts) in notices() {
        let parts = parts(&export(&notice, fonts));
        check_parts(&name, &parts).unwrap();
        let info = &parts["OFD.xml"];
        let kind = if compose::title(&notice).ends_with('函') {
            "函"
        } else {
            "通知"
        };
        assert!(
            info.contains(&format!(
                "<ofd:CustomData Name=\"文种\">{kind}</ofd:CustomData>"
            )),
            "{name}"
        );
        let res = &parts["Doc_0/PublicRes.xml"];
        for font in [fonts.title, fonts.body, fonts.hei, fonts.kai, fonts.song] {
            assert!(
                res.contains(&format!("FontName=\"{font}\"")),
                "{name}: {font}"
            );
        }
    }
}

#[test]
fn the_schema_check_rejects_broken_parts() {
    let good = parts(&export(
        &notices::fixture("county-plan-sections.json"),
        FontSet::STANDARD,
    ));
    check_parts("good", &good).unwrap();
    let document = &good["Doc_0/Document.xml"];
    let at = document.find("<ofd:MaxUnitID>").unwrap();
    let end = document.find("</ofd:MaxUnitID>").unwrap() + 16;
    let max = &document[at..end];
    let broken: [(&str, &str, &str); 4] = [
        ("OFD.xml", "<ofd:DocID>", "<ofd:DocID>x"),
        (
            "Doc_0/Document.xml",
            max,
            "<ofd:MaxUnitID>5</ofd:MaxUnitID>",
        ),
        (
            "Doc_0/Pages/Page_0/Content.xml",
            " DeltaX=\"g ",
            " DeltaX=\"g 1",
        ),
        (
            "Doc_0/Document.xml",
            "<ofd:Pages>",
            "<ofd:Pages><ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/>",
        ),
    ];
    for (part, from, to) in broken {
        let mut bad = good.clone();
        let text = bad.get_mut(part).unwrap();
        assert!(text.contains(from), "{part} {from}");
        *text = text.replacen(from, to, 1);
        assert!(check_parts("bad", &bad).is_err(), "{part}: {to}");
    }
    // Dates, title and author as the notice has them; the same DocID for
    // the same draft, another for another.
    let info = &good["OFD.xml"];
    assert!(info.contains("<ofd:Author>砀山县市场监督管理局</ofd:Author>"));
    assert!(info.contains("<ofd:CreationDate>2021-09-06</ofd:CreationDate>"));
    assert!(
        info.contains("<ofd:CustomData Name=\"发文字号\">砀市监发〔2021〕12号</ofd:CustomData>")
    );
    let id = |draft: &str| {
        let notice = notices::fixture("county-plan-sections.json");
        let meta = OfdMeta {
            draft_id: draft.into(),
            ..OfdMeta::at("2022-01-01T00:00:00Z")
        };
        let parts = parts(&export_ofd(&notice, &meta).unwrap());
        let info = &parts["OFD.xml"];
        let at = info.find("<ofd:DocID>").unwrap() + 11;
        info[at..at + 32].to_owned()
    };
    // The 9704 elements tagged, pointing at their objects.
    let tags = &good["Doc_0/Tags/CustomTag.xml"];
    for element in [
        "发文机关标志",
        "发文字号",
        "标题",
        "主送机关",
        "正文",
        "发文机关署名",
        "成文日期",
        "页码",
    ] {
        assert!(
            tags.contains(&format!("<gw:{element}><ofd:ObjectRef")),
            "{element}"
        );
    }
    assert_eq!(id("draft-1"), id("draft-1"));
    assert_ne!(id("draft-1"), id("draft-2"));
}

#[test]
#[ignore = "needs easyofd (scripts/test-deps.sh)"]
fn an_independent_reader_shows_every_page_line_and_rule_where_the_layout_puts_them() {
    require_reader();
    let dir = support::temp_dir("ofd-reader");
    for (name, notice, fonts) in notices() {
        let ofd = dir.join(format!("{name}.ofd"));
        std::fs::write(&ofd, export(&notice, fonts)).unwrap();
        let measured = read_ofd(&ofd).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_reading(&name, &notice, &measured).unwrap();
        // The 版记 on an even page, its last rule on the foot of the text
        // block (§7.4), drawn by the reader.
        if !notice.imprint.is_empty() {
            let last = measured.pages.last().unwrap();
            assert_eq!(measured.pages.len() % 2, 0, "{name}");
            let bottom = last
                .lines
                .iter()
                .filter(|l| l.x1 - l.x0 > 150.0)
                .map(|l| l.bottom)
                .fold(0.0, f64::max);
            let foot = (spec::MARGIN_TOP + spec::TEXT_HEIGHT as i32) as f64 * 25.4 / 1440.0;
            assert!(
                (bottom - foot).abs() < 0.5,
                "{name}: the 版记's last rule ends at {bottom:.2} mm, the block at {foot:.2} mm"
            );
        }
        println!(
            "{name}: {} pages read by easyofd, {} glyphs",
            measured.pages.len(),
            measured.pages.iter().map(|p| p.chars.len()).sum::<usize>()
        );
    }
}

#[test]
#[ignore = "needs easyofd and LibreOffice (scripts/test-deps.sh)"]
fn the_red_mark_and_rule_stand_where_the_docx_render_has_them() {
    require_reader();
    let dir = support::temp_dir("ofd-vs-docx");
    for name in ["city-plan-table", "county-plan-sections"] {
        let notice = notices::fixture(&format!("{name}.json"));
        let ofd = dir.join(format!("{name}.ofd"));
        std::fs::write(&ofd, export(&notice, FontSet::STANDARD)).unwrap();
        let docx = dir.join(format!("{name}.docx"));
        let bytes = export_docx(&notice, &DocumentMeta::at("2021-09-06T08:00:00Z")).unwrap();
        std::fs::write(&docx, bytes).unwrap();
        let pdf = support::libreoffice_pdf(&docx);
        let of_ofd = read_ofd(&ofd).unwrap();
        let of_docx = read(&[Path::new("--pdf"), &pdf]).unwrap();
        let rule_ofd = red_rule(&of_ofd.pages[0]).expect("a red rule in the OFD");
        let rule_docx = red_rule(&of_docx.pages[0]).expect("a red rule in the .docx render");
        let mark = |m: &Measured| {
            m.pages[0]
                .chars
                .iter()
                .find(|g| is_red(&g.colour))
                .map(|g| g.baseline)
                .unwrap()
        };
        let (mark_ofd, mark_docx) = (mark(&of_ofd), mark(&of_docx));
        println!(
            "{name}: red rule at {rule_ofd:.2} mm in the OFD, {rule_docx:.2} mm in the .docx render; 标志 baseline {mark_ofd:.2} / {mark_docx:.2} mm"
        );
        assert!((rule_ofd - rule_docx).abs() < 1.0, "{name}");
        assert!((mark_ofd - mark_docx).abs() < 1.0, "{name}");
        // Every body line's baseline within 1 mm of the render's.
        let baselines = |m: &Measured| -> Vec<f64> {
            reader_lines(&m.pages[0]).iter().map(|(b, _)| *b).collect()
        };
        let (a, b) = (baselines(&of_ofd), baselines(&of_docx));
        for y in &b {
            assert!(
                a.iter().any(|x| (x - y).abs() < 1.0),
                "{name}: the render has a line at {y:.2} mm, the OFD none near it ({a:?})"
            );
        }
    }
}

/// The 信函格式 (§10.1) as easyofd draws the OFD: four red lines of 170 mm
/// on page 1 only, thick over thin under the 标志 and thin over thick at
/// the foot, where LibreOffice's render of the .docx has them (their
/// middles within 0.2 mm); the 标志 and the 份号's baselines within 1 mm
/// of the render's; no number on page 1.
#[test]
#[ignore = "needs easyofd and LibreOffice (scripts/test-deps.sh)"]
fn the_letter_form_stands_where_the_docx_render_has_it() {
    require_reader();
    let dir = support::temp_dir("ofd-letter");
    let (_, notice, _) = notices()
        .into_iter()
        .find(|(name, _, _)| name == "letter")
        .unwrap();
    let ofd = dir.join("letter.ofd");
    std::fs::write(&ofd, export(&notice, FontSet::STANDARD)).unwrap();
    let docx = dir.join("letter.docx");
    let bytes = export_docx(&notice, &DocumentMeta::at("2021-09-06T08:00:00Z")).unwrap();
    std::fs::write(&docx, bytes).unwrap();
    let pdf = support::libreoffice_pdf(&docx);
    let of_ofd = read_ofd(&ofd).unwrap();
    check_reading("letter", &notice, &of_ofd).unwrap();
    let of_docx = read(&[Path::new("--pdf"), &pdf]).unwrap();
    // (middle, width, left, right), the reader's strokes.
    let red_lines = |page: &MeasuredPage| -> Vec<(f64, f64, f64, f64)> {
        let mut lines: Vec<(f64, f64, f64, f64)> = page
            .lines
            .iter()
            .filter(|l| is_red(&l.colour) && l.x1 - l.x0 > 160.0)
            .map(|l| ((l.top + l.bottom) / 2.0, l.width, l.x0, l.x1))
            .collect();
        lines.sort_by(|a, b| a.0.total_cmp(&b.0));
        lines.dedup_by(|a, b| (a.0 - b.0).abs() < 0.05);
        lines
    };
    let (a, b) = (red_lines(&of_ofd.pages[0]), red_lines(&of_docx.pages[0]));
    println!("letter: red lines in the OFD {a:.2?}, in the .docx render {b:.2?}");
    assert_eq!(a.len(), 4, "{a:?}");
    assert!(a[0].1 > a[1].1 && a[3].1 > a[2].1, "{a:?}");
    for line in &a {
        assert!((line.3 - line.2 - 170.0).abs() < 0.2, "{line:?}");
        assert!(((line.2 + line.3) / 2.0 - 106.0).abs() < 0.2, "{line:?}");
        // The .docx render draws each as a border: the same line within
        // half a millimetre (the reader may split or join them).
        assert!(
            b.iter()
                .any(|r| (r.0 - line.0).abs() < 0.5 || (r.1 - line.1).abs() < 0.5),
            "the OFD's line at {:.2} mm is not in the render {b:?}",
            line.0
        );
    }
    let foot = a[3].0 + a[3].1 / 2.0;
    assert!((297.0 - foot - 20.0).abs() < 0.2, "{foot:.2}");
    for page in &of_ofd.pages[1..] {
        assert!(red_lines(page).is_empty(), "red lines after page 1");
    }
    let baseline = |m: &Measured, red: bool, text: &str| {
        reader_lines(&m.pages[0])
            .into_iter()
            .find(|(_, l)| {
                l.iter().any(|g| is_red(&g.colour) == red)
                    && l.iter()
                        .map(|g| g.text.as_str())
                        .collect::<String>()
                        .contains(text)
            })
            .map(|(b, _)| b)
            .unwrap_or_else(|| panic!("no {text}"))
    };
    for (red, text) in [(true, "砀山县"), (false, "000123")] {
        let (x, y) = (baseline(&of_ofd, red, text), baseline(&of_docx, red, text));
        println!("letter: {text} baseline {x:.2} mm in the OFD, {y:.2} mm in the render");
        assert!((x - y).abs() < 1.0, "{text}");
    }
}

#[test]
#[ignore = "needs easyofd (scripts/test-deps.sh)"]
fn the_reader_test_fails_on_broken_files() {
    require_reader();
    let dir = support::temp_dir("ofd-broken");
    let notice = notices::fixture("county-plan-sections.json");
    let good = parts(&export(&notice, FontSet::STANDARD));
    // A page part missing, and advances stripped (every glyph of a run on
    // one spot): the reader opens both, and the checks must fail.
    let mut missing = good.clone();
    let last = format!(
        "Doc_0/Pages/Page_{}/Content.xml",
        good.keys().filter(|k| k.ends_with("Content.xml")).count() - 1
    );
    missing.remove(&last);
    let mut no_advances = good.clone();
    for (part, text) in no_advances.iter_mut() {
        if part.ends_with("Content.xml") {
            let cut = regex_free_strip(text, " DeltaX=\"");
            *text = cut;
        }
    }
    for (label, parts) in [("missing page", missing), ("no DeltaX", no_advances)] {
        let ofd = dir.join(format!("{}.ofd", label.replace(' ', "-")));
        std::fs::write(&ofd, repack(&parts)).unwrap();
        let outcome = read_ofd(&ofd).and_then(|m| check_reading(label, &notice, &m));
        println!("{label}: {outcome:?}");
        assert!(outcome.is_err(), "{label}: the checks passed a broken file");
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the release build, chromedriver and easyofd: run scripts/test.sh"]
async fn the_app_and_the_js_function_export_ofd_files_the_reader_opens() {
    use support::ui::*;
    require_reader();
    let base = support::serve_static(support::dist_dir());
    let driver = support::start_chromedriver();
    let downloads = support::temp_dir("ofd-downloads");
    let client = support::browser(&driver, &downloads).await;
    open_fresh(&client, &base).await;
    let dir = support::temp_dir("ofd-app");
    let chosen: Vec<(String, Notice, FontSet)> = notices()
        .into_iter()
        .filter(|(_, _, fonts)| *fonts == FontSet::STANDARD)
        .collect();
    for (name, notice, _) in &chosen {
        // The button beside 导出 Word, on the check step.
        open_as_current_draft(&client, notice).await;
        click(&client, "#step-8").await;
        wait_for(&client, "#ofd-fonts-note").await;
        click(&client, "#export-ofd").await;
        wait_for_text(&client, "#export-status", "已导出").await;
        let file = support::wait_for_file(&downloads, "ofd", std::time::Duration::from_secs(60));
        let expected = notice_office::ofd::file_name(notice);
        assert_eq!(file.file_name().unwrap().to_str().unwrap(), expected);
        let ofd = dir.join(format!("{name}-app.ofd"));
        std::fs::rename(&file, &ofd).unwrap();
        let from_app = std::fs::read(&ofd).unwrap();
        // The same pages as the native writer's.
        assert_eq!(
            page_parts(&from_app),
            page_parts(&export(notice, FontSet::STANDARD)),
            "{name}"
        );
        let measured = read_ofd(&ofd).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_reading(name, notice, &measured).unwrap();

        // The JS function, from the draft file's JSON.
        let draft = notice_core::draft::DraftEnvelope::new(notice.clone(), "2021-09-06T08:00:00Z")
            .to_json();
        let answer = client
            .execute_async(
                "const [json, done] = arguments;
                 window.wasmBindings.exportOfd(json)
                   .then(bytes => { let s = ''; for (const b of bytes) s += String.fromCharCode(b); done(btoa(s)); })
                   .catch(e => done('error: ' + String(e)));",
                vec![draft.into()],
            )
            .await
            .unwrap();
        let text = answer.as_str().unwrap_or_default();
        assert!(!text.starts_with("error"), "{name}: {text}");
        let from_js = base64_decode(text);
        assert_eq!(page_parts(&from_js), page_parts(&from_app), "{name}");
        let ofd = dir.join(format!("{name}-js.ofd"));
        std::fs::write(&ofd, &from_js).unwrap();
        let measured = read_ofd(&ofd).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_reading(name, notice, &measured).unwrap();
        println!(
            "{name}: the app's and the JS function's OFD read by easyofd, {} pages",
            measured.pages.len()
        );
    }
    client.close().await.unwrap();
}
