//! Every built-in template exports a valid .docx (every XML part parses),
//! reads back through the importer with its shape and tasks, and rolls
//! forward to another year.
#![cfg(not(target_arch = "wasm32"))]

use notice_core::compose;
use notice_core::rollforward::roll_forward;
use notice_core::templates::TEMPLATES;
use notice_core::DocDate;
use notice_office::docx::{export_docx, DocumentMeta};
use notice_office::import::docx::import_docx;
use std::io::{Cursor, Read};

fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().to_owned();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        out.push((name, text));
    }
    out
}

#[test]
fn every_template_exports_a_valid_docx() {
    for template in &TEMPLATES {
        for year in [2021, 2024, 2026] {
            let notice = (template.notice)(year);
            let bytes = export_docx(&notice, &DocumentMeta::at("2024-08-01T00:00:00Z"))
                .unwrap_or_else(|e| panic!("{}: {e}", template.id));
            let parts = parts(&bytes);
            let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
            for needed in ["[Content_Types].xml", "_rels/.rels", "word/document.xml"] {
                assert!(
                    names.contains(&needed),
                    "{}: {needed} in {names:?}",
                    template.id
                );
            }
            for (name, text) in &parts {
                if name.ends_with(".xml") || name.ends_with(".rels") {
                    roxmltree::Document::parse(text)
                        .unwrap_or_else(|e| panic!("{} {name}: {e}", template.id));
                }
            }
            let document = &parts
                .iter()
                .find(|(n, _)| n == "word/document.xml")
                .unwrap()
                .1;
            let first_line =
                compose::title_lines(&compose::title(&notice), compose::TITLE_LINE_CHARS).remove(0);
            assert!(
                document.contains(&first_line),
                "{}: {first_line}",
                template.id
            );
        }
    }
}

#[test]
fn every_template_reads_back_and_rolls_forward() {
    for template in &TEMPLATES {
        let mut notice = (template.notice)(2024);
        notice.signature.date = DocDate::new(2024, 8, 28);
        notice.header.doc_number.serial = Some(5);
        let bytes = export_docx(&notice, &DocumentMeta::at("2024-08-01T00:00:00Z")).unwrap();
        let report = import_docx(&bytes).unwrap();
        let back = &report.notice;
        let id = template.id;
        assert_eq!(back.shape, notice.shape, "{id}");
        assert_eq!(back.header.organs, notice.header.organs, "{id}");
        assert_eq!(back.header.with_wenjian, notice.header.with_wenjian, "{id}");
        assert_eq!(back.header.doc_number, notice.header.doc_number, "{id}");
        assert_eq!(back.recipients, notice.recipients, "{id}");
        assert_eq!(back.signature.organs, notice.signature.organs, "{id}");
        assert_eq!(back.signature.date, notice.signature.date, "{id}");
        assert_eq!(back.tasks, notice.tasks, "{id}");
        assert_eq!(back.contacts, notice.contacts, "{id}");
        assert_eq!(back.note, notice.note, "{id}");
        assert_eq!(back.imprint, notice.imprint, "{id}");
        let kinds = |n: &notice_core::Notice| -> Vec<(String, &'static str)> {
            n.sections
                .iter()
                .map(|s| (s.heading.clone(), s.content.kind_label()))
                .collect()
        };
        assert_eq!(kinds(back), kinds(&notice), "{id}");
        assert_eq!(back.sections, notice.sections, "{id}");
        // Attachment pages read back by name, kind, columns and rows (the
        // importer mends the spaces of a 填报单位 line).
        assert_eq!(back.attachments, notice.attachments, "{id}");
        let pages = |n: &notice_core::Notice| -> Vec<_> {
            n.attachment_pages
                .iter()
                .map(|p| {
                    (
                        p.name.clone(),
                        p.kind,
                        p.items.clone(),
                        p.columns.clone(),
                        p.rows.clone(),
                        p.above.len(),
                        p.below.clone(),
                    )
                })
                .collect()
        };
        assert_eq!(pages(back), pages(&notice), "{id}");
        assert!(
            report.unrecognised.is_empty(),
            "{id}: {:?}",
            report.unrecognised
        );

        let rolled = roll_forward(&notice, 2025);
        assert_eq!(
            rolled.notice,
            (template.notice)(2025).tap(|n| {
                n.signature.date = DocDate::new(2025, 8, 28);
            }),
            "{id}: rolled to 2025 equals the 2025 template"
        );
    }
}

trait Tap: Sized {
    fn tap(self, f: impl FnOnce(&mut Self)) -> Self;
}

impl<T> Tap for T {
    fn tap(mut self, f: impl FnOnce(&mut Self)) -> Self {
        f(&mut self);
        self
    }
}
