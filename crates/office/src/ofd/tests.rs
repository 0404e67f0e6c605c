use super::*;
use notice_core::draft::DraftEnvelope;
use std::collections::HashSet;
use std::io::Read;

fn fixture(name: &str) -> Notice {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    DraftEnvelope::from_json(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .notice
}

fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (file.name().to_owned(), text)
        })
        .collect()
}

#[test]
fn the_samples_give_one_page_part_per_preview_page_and_valid_ids() {
    for name in ["city-plan-table.json", "county-plan-sections.json"] {
        let notice = fixture(name);
        let bytes = export_ofd(&notice, &OfdMeta::at("2021-09-06T08:00:00Z")).unwrap();
        let parts = parts(&bytes);
        let pages = notice_core::pagination::page_count(&notice) as usize;
        let page_parts = parts
            .iter()
            .filter(|(n, _)| n.ends_with("/Content.xml"))
            .count();
        assert_eq!(page_parts, pages, "{name}");
        let mut ids = HashSet::new();
        let mut max = 0;
        let mut declared = 0;
        for (part, xml) in &parts {
            let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{part}: {e}"));
            for node in doc.descendants().filter(|n| n.is_element()) {
                if let Some(id) = node.attribute("ID") {
                    let id: u32 = id.parse().unwrap();
                    assert!(ids.insert(id), "{name}: id {id} twice");
                    max = max.max(id);
                }
                if node.tag_name().name() == "MaxUnitID" {
                    declared = node.text().unwrap().parse().unwrap();
                }
            }
        }
        assert!(declared >= max, "{name}: MaxUnitID {declared} < {max}");
    }
}

#[test]
fn long_unbroken_words_stay_inside_the_text_block() {
    let mut notice = fixture("county-plan-sections.json");
    // Words the layout must break anywhere: in the 标志 and in a cell.
    notice.header.organs = vec!["QUALITYSUPERVISIONADMINISTRATIONBUREAUOFDANGSHAN".into()];
    notice.recipients = vec!["https://example.org/".repeat(6)];
    for sheet in sheets(&notice) {
        for g in &sheet.glyphs {
            let right = g.x + g.width();
            assert!(
                g.x >= 28.0 - 0.01 && right <= 184.0 + 0.1,
                "{:?} from {} to {right}",
                g.text,
                g.x
            );
            // The layout shrinks or breaks; it never condenses glyphs.
            assert_eq!(g.hscale, 1.0);
        }
    }
}

#[test]
fn an_empty_notice_and_an_odd_date_still_give_a_valid_package() {
    let bytes = export_ofd(&Notice::default(), &OfdMeta::at("not a date")).unwrap();
    let parts = parts(&bytes);
    for (part, xml) in &parts {
        roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{part}: {e}"));
    }
    let ofd = &parts.iter().find(|(n, _)| n == "OFD.xml").unwrap().1;
    assert!(!ofd.contains("CreationDate"));
    assert!(parts
        .iter()
        .any(|(n, _)| n == "Doc_0/Pages/Page_0/Content.xml"));
}
