//! The exported file of both samples, pinned part by part (SHA-256 of each
//! part of the package, exported at a fixed time): a change to what the
//! writer produces shows here, and is made on purpose by updating the pins.

use notice_core::draft::DraftEnvelope;
use notice_office::docx::{export_docx, DocumentMeta};
use sha2::{Digest, Sha256};
use std::io::Read;

/// The parts of a package with their SHA-256, in the package's order.
fn part_hashes(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut part = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            part.read_to_end(&mut content).unwrap();
            let hash: String = Sha256::digest(&content)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            (part.name().to_owned(), hash)
        })
        .collect()
}

fn check(sample: &str, pinned: &[(&str, &str)]) {
    let path = notice_tests::project_root().join(format!("tests/fixtures/{sample}.json"));
    let draft = DraftEnvelope::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let bytes = export_docx(&draft.notice, &DocumentMeta::at("2021-09-06T08:00:00Z")).unwrap();
    let found = part_hashes(&bytes);
    let listing: String = found
        .iter()
        .map(|(name, hash)| format!("(\"{name}\", \"{hash}\"),\n"))
        .collect();
    let pinned: Vec<(String, String)> = pinned
        .iter()
        .map(|(n, h)| (n.to_string(), h.to_string()))
        .collect();
    assert_eq!(found, pinned, "{sample}: the parts are now\n{listing}");
}

#[test]
fn the_city_sample_exports_the_pinned_parts() {
    check("city-plan-table", &CITY);
}

#[test]
fn the_county_sample_exports_the_pinned_parts() {
    check("county-plan-sections", &COUNTY);
}

const CITY: [(&str, &str); 16] = [
    (
        "[Content_Types].xml",
        "fa95dc77176b9bee3a9e309a42167ed44596394447273b54563d4abc669c8fa0",
    ),
    (
        "_rels/.rels",
        "856a7ac9f8aad93e5b5a9e7b9407fbc9c730b1126ab7f23dfe0ec3d8966c50d7",
    ),
    (
        "docProps/app.xml",
        "f73e60490ebd4d06b7c59ffb2698de2aaa4d9eebf7727a6a015a2989ae512786",
    ),
    (
        "docProps/core.xml",
        "a309adbd5f6eaee75e28590051f6173946da1a9daac68ec3fa04339b56c6ea35",
    ),
    (
        "docProps/custom.xml",
        "bc93d187d178b184e6f0b72ec28bc62792c944ecce2628c6c98aa9a76623d30a",
    ),
    (
        "word/_rels/document.xml.rels",
        "9a8b6c8ecf717ee59c93e7ef910f9a4d4d42955798427070874880e66f982614",
    ),
    (
        "word/document.xml",
        "8a1be6f2f1731c8048da172d56c38001b9d1f54a52cd36ddbdca3f89f9af5395",
    ),
    (
        "word/styles.xml",
        "7e06bb8206111625d8c753ea4534969452f77817ff2bd52a37976baa85cd4d01",
    ),
    (
        "word/settings.xml",
        "531a62a7c05297ac2e042c79956bb3f607b3740001b7923a19569f96e428980f",
    ),
    (
        "word/fontTable.xml",
        "cf584cd7693d8462b50d0dc623e30d19ab3ce3d5589fe9e4c23fd54031410fa1",
    ),
    (
        "word/commentsExtended.xml",
        "420076006f9e8331cb3a440cb3d6179bcf94a7d780de69947feb9bb35ec3ca80",
    ),
    (
        "word/footer1.xml",
        "acac762a7eefc63c2f99c6d9fbbca5def62e20883da587d75337fc16e07eeea1",
    ),
    (
        "word/_rels/footer1.xml.rels",
        "81a8f2f71ac53d7c27a4b4086c521224ee37772dfe36a8f5016851ede2639b32",
    ),
    (
        "word/footer2.xml",
        "df70732508af9e498605822572095541b1bf4b46ba1c5e963c81afac9f479a55",
    ),
    (
        "word/_rels/footer2.xml.rels",
        "81a8f2f71ac53d7c27a4b4086c521224ee37772dfe36a8f5016851ede2639b32",
    ),
    (
        "word/theme/theme1.xml",
        "d931c4be2295ad1f0d538d5c0588f99195a0b6f885d90bc2435907a4c04a444c",
    ),
];
const COUNTY: [(&str, &str); 16] = [
    (
        "[Content_Types].xml",
        "fa95dc77176b9bee3a9e309a42167ed44596394447273b54563d4abc669c8fa0",
    ),
    (
        "_rels/.rels",
        "856a7ac9f8aad93e5b5a9e7b9407fbc9c730b1126ab7f23dfe0ec3d8966c50d7",
    ),
    (
        "docProps/app.xml",
        "f73e60490ebd4d06b7c59ffb2698de2aaa4d9eebf7727a6a015a2989ae512786",
    ),
    (
        "docProps/core.xml",
        "41b5bd5a341198e2a9dc0326112b4d7bb1c1d16d4f76087bb7f009f0c4753b30",
    ),
    (
        "docProps/custom.xml",
        "bc93d187d178b184e6f0b72ec28bc62792c944ecce2628c6c98aa9a76623d30a",
    ),
    (
        "word/_rels/document.xml.rels",
        "9a8b6c8ecf717ee59c93e7ef910f9a4d4d42955798427070874880e66f982614",
    ),
    (
        "word/document.xml",
        "863979a1c6fc222818e9fd171fa62702eb650f8f3c18c092f79d74466cd235d9",
    ),
    (
        "word/styles.xml",
        "7e06bb8206111625d8c753ea4534969452f77817ff2bd52a37976baa85cd4d01",
    ),
    (
        "word/settings.xml",
        "531a62a7c05297ac2e042c79956bb3f607b3740001b7923a19569f96e428980f",
    ),
    (
        "word/fontTable.xml",
        "cf584cd7693d8462b50d0dc623e30d19ab3ce3d5589fe9e4c23fd54031410fa1",
    ),
    (
        "word/commentsExtended.xml",
        "420076006f9e8331cb3a440cb3d6179bcf94a7d780de69947feb9bb35ec3ca80",
    ),
    (
        "word/footer1.xml",
        "221d6d0bf9dcfca03e8941860fad670a2064996958d056c836ffd332c7aa85e3",
    ),
    (
        "word/_rels/footer1.xml.rels",
        "81a8f2f71ac53d7c27a4b4086c521224ee37772dfe36a8f5016851ede2639b32",
    ),
    (
        "word/footer2.xml",
        "5312678155b14001457fd23852fff08561705ec749c37eae645b048cf951120e",
    ),
    (
        "word/_rels/footer2.xml.rels",
        "81a8f2f71ac53d7c27a4b4086c521224ee37772dfe36a8f5016851ede2639b32",
    ),
    (
        "word/theme/theme1.xml",
        "d931c4be2295ad1f0d538d5c0588f99195a0b6f885d90bc2435907a4c04a444c",
    ),
];
