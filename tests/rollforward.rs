//! Roll forward of both sample notices to every year from 2020 to 2025:
//! years, dates and the 发文字号 move, cited numbers stay and are flagged,
//! nothing else changes, and every change is listed.
#![cfg(not(target_arch = "wasm32"))]

use notice_core::draft::DraftEnvelope;
use notice_core::rollforward::{cited_spans, roll_forward};
use notice_core::*;
use std::path::PathBuf;

fn fixture(name: &str) -> Notice {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(format!("{name}.json"));
    DraftEnvelope::from_json(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .notice
}

/// Every string in the notice, outside cited document numbers.
fn texts(notice: &Notice) -> Vec<String> {
    fn walk(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(s) => {
                let mut s = s.clone();
                for range in cited_spans(&s).into_iter().rev() {
                    s.replace_range(range, "〔文号〕");
                }
                out.push(s);
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(notice).unwrap(), &mut out);
    out
}

fn check(name: &str, cited: &[&str]) {
    let original = fixture(name);
    let from = original.year().unwrap();
    for to in 2020..=2025u16 {
        let rolled = roll_forward(&original, to);
        let n = &rolled.notice;
        if to == from {
            assert_eq!(*n, original, "{name} → {to}");
            assert!(rolled.changes.is_empty() && rolled.flagged.is_empty());
            continue;
        }
        let what = format!("{name} {from} → {to}");
        assert_eq!(n.year(), Some(to), "{what}");
        assert_eq!(n.campaign.year, Some(to), "{what}");
        let date = original.signature.date.unwrap();
        assert_eq!(
            n.signature.date,
            DocDate::new(to, date.month, date.day),
            "{what}"
        );
        if original.header.doc_number.year.is_some() {
            assert_eq!(n.header.doc_number.year, Some(to), "{what}");
            assert_eq!(n.header.doc_number.serial, None, "{what}: serial cleared");
        }
        // The old year is gone from every text but the cited numbers.
        for text in texts(n) {
            assert!(!text.contains(&from.to_string()), "{what}: {text}");
        }
        // Cited numbers unchanged and flagged, each where it stands.
        let flagged: Vec<&str> = rolled
            .flagged
            .iter()
            .filter(|f| f.why.contains("文号"))
            .map(|f| f.text.as_str())
            .collect();
        assert_eq!(flagged, cited, "{what}");
        let json = serde_json::to_string(n).unwrap();
        for number in cited {
            assert!(json.contains(number), "{what}: {number} kept");
        }
        // Nothing else changes: put the old year back in the text and the
        // serial back, and the original comes out (neither sample holds
        // any year but its own).
        let mut back: Notice =
            serde_json::from_str(&json.replace(&to.to_string(), &from.to_string())).unwrap();
        back.header.doc_number.serial = original.header.doc_number.serial;
        assert_eq!(back, original, "{what}");
        // Rolling back restores it too.
        let mut again = roll_forward(n, from).notice;
        again.header.doc_number.serial = original.header.doc_number.serial;
        assert_eq!(again, original, "{what}: and back");
        // Every change listed, each a real change of the year only.
        assert!(rolled.changes.iter().all(|c| c.old != c.new), "{what}");
        for change in &rolled.changes {
            // Cited numbers keep the old year, so compare backwards.
            let back = change.new.replace(&to.to_string(), &from.to_string());
            let serial_cleared = change.field == "发文字号";
            assert!(
                back == change.old || serial_cleared,
                "{what}: {} {} → {}",
                change.field,
                change.old,
                change.new
            );
        }
        let listed: usize = rolled.changes.len();
        let changed_texts = texts(&original)
            .iter()
            .zip(texts(n))
            .filter(|(a, b)| **a != *b)
            .count();
        // Each changed string is one listed change; the campaign year, the
        // dates and the composed titles are listed as well.
        assert!(
            listed >= changed_texts,
            "{what}: {listed} < {changed_texts}"
        );
    }
}

#[test]
fn county_sample_every_year() {
    check("county-plan-sections", &[]);
    let rolled = roll_forward(&fixture("county-plan-sections"), 2022);
    let fields: Vec<&str> = rolled.changes.iter().map(|c| c.field.as_str()).collect();
    for field in [
        "年度",
        "发文字号",
        "方案标题",
        "正文·开头（依据）·第1段",
        "正文·活动要求·第3条·内容",
        "第8项活动·具体内容",
        "成文日期",
        "标题（自动生成）",
    ] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
    let number = rolled
        .changes
        .iter()
        .find(|c| c.field == "发文字号")
        .unwrap();
    assert_eq!(
        (number.old.as_str(), number.new.as_str()),
        ("砀市监发〔2021〕12号", "砀市监发〔2022〕")
    );
    assert_eq!(
        rolled.notice.tasks.rows[7].description,
        "开展打击传销“皖剑－2022”活动，营造平安砀山环境。开展打击侵犯知识产权宣传活动，强化知识产权保护意识。"
    );
}

#[test]
fn city_sample_every_year() {
    check(
        "city-plan-table",
        &[
            "国市监质〔2020〕133号",
            "闽质强省办〔2020〕5号",
            "宁市监〔2020〕184号",
        ],
    );
    let rolled = roll_forward(&fixture("city-plan-table"), 2021);
    // A local theme is kept and flagged with the national one.
    let theme = rolled
        .flagged
        .iter()
        .find(|f| f.field == "正文·活动主题")
        .unwrap();
    assert!(theme
        .why
        .contains("深入实施质量提升行动 大力推进质量强国建设"));
    assert_eq!(
        rolled.notice.title.as_deref(),
        Some("福鼎市市场监督管理局关于印发2021年“质量月”活动方案的通知")
    );
    assert_eq!(
        rolled.notice.tasks.rows[13].name,
        "部署开展2021年法定计量检定机构专项监督检查工作"
    );
}

#[test]
fn the_national_theme_follows_the_year() {
    let mut notice = fixture("city-plan-table");
    let SectionContent::Theme { theme } = &mut notice.sections[1].content else {
        panic!("the city sample's second section is its theme")
    };
    *theme = "建设质量强国  决胜全面小康".into();
    for (to, expected) in [
        (2021, "深入实施质量提升行动 大力推进质量强国建设"),
        (2023, "增强质量意识 推进高质量发展"),
        (2025, "加强全面质量管理 促进质量强国建设"),
    ] {
        let rolled = roll_forward(&notice, to);
        assert_eq!(
            rolled.notice.sections[1].content,
            SectionContent::Theme {
                theme: expected.into()
            }
        );
        assert!(rolled
            .changes
            .iter()
            .any(|c| c.field == "正文·活动主题" && c.new == expected));
    }
}
