//! 公文校对 measured: clean notices (both samples, the six templates, the
//! imported samples) must give no `error`; correct texts that look
//! suspicious must give no `error`; and at least 20 errors of every rule,
//! injected by program at random places (a fixed seed), must be found
//! (recall ≥ 95 % per rule). Recall and precision are printed per rule.
#![cfg(not(target_arch = "wasm32"))]

use notice_core::draft::DraftEnvelope;
use notice_core::model::{DocDate, Level, Notice, Section, SectionContent, Summary, TextBlock};
use notice_core::proofread::{self, check, Finding, Options, Place, Severity, RULES};
use notice_core::templates::TEMPLATES;
use std::collections::BTreeMap;

fn fixture(name: &str) -> Notice {
    let path = notice_tests::project_root()
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    DraftEnvelope::from_json(&text).expect("draft").notice
}

fn imported(name: &str) -> Notice {
    let path = notice_tests::project_root()
        .join("tests/fixtures/samples")
        .join(name);
    let bytes = std::fs::read(&path).expect("sample");
    notice_office::import::import_file(name, &bytes)
        .expect("imports")
        .notice
}

/// Half-width , ; : ( ) next to 汉字 made full-width: the city sample is a
/// real notice as published, and it has them (the checker reports them;
/// see `the_city_sample_as_published_has_only_half_width_marks_wrong`).
fn full_width_marks(notice: &mut Notice) {
    fn fix(text: &mut String) {
        let chars: Vec<char> = text.chars().collect();
        let han = |c: Option<&char>| {
            c.is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(c) || "”》）〕".contains(*c))
        };
        let mut out = String::with_capacity(text.len());
        for (i, &c) in chars.iter().enumerate() {
            let near = han(i.checked_sub(1).and_then(|j| chars.get(j))) || han(chars.get(i + 1));
            out.push(match c {
                ',' if near => '，',
                ';' if near => '；',
                ':' if near => '：',
                '(' => '（',
                ')' => '）',
                _ => c,
            });
        }
        *text = out;
    }
    let places: Vec<Place> = all_places(notice);
    for place in places {
        if let Some(text) = place.text_mut(notice) {
            fix(text);
        }
    }
}

/// Every text field of a notice, by walking its structure.
fn all_places(notice: &Notice) -> Vec<Place> {
    let mut out = vec![
        Place::CampaignName,
        Place::ProxyNote,
        Place::Note,
        Place::Printer,
    ];
    out.extend((0..notice.header.organs.len()).map(Place::Organ));
    out.extend((0..notice.recipients.len()).map(Place::Recipient));
    out.extend((0..notice.cover_body.len()).map(Place::CoverBody));
    if notice.title.is_some() {
        out.push(Place::Title);
    }
    if notice.plan_title.is_some() {
        out.push(Place::PlanTitle);
    }
    for (s, section) in notice.sections.iter().enumerate() {
        out.push(Place::SectionHeading(s));
        match &section.content {
            SectionContent::Preamble { paragraphs } => out
                .extend((0..paragraphs.len()).map(|index| Place::Paragraph { section: s, index })),
            SectionContent::Text { blocks } => {
                out.extend((0..blocks.len()).map(|index| Place::Block { section: s, index }))
            }
            SectionContent::Theme { .. } => out.push(Place::Theme(s)),
            SectionContent::Time { .. } => out.push(Place::Time(s)),
            SectionContent::Tasks { .. } => out.push(Place::TasksIntro(s)),
            SectionContent::ByDepartment { groups } => {
                for (g, group) in groups.iter().enumerate() {
                    out.push(Place::Department {
                        section: s,
                        group: g,
                    });
                    out.extend((0..group.activities.len()).map(|index| Place::Activity {
                        section: s,
                        group: g,
                        index,
                    }));
                }
            }
            SectionContent::Requirements { items } => {
                for index in 0..items.len() {
                    out.push(Place::RequirementLead { section: s, index });
                    out.push(Place::RequirementText { section: s, index });
                }
            }
            SectionContent::Summary(_) => out.extend([
                Place::SummaryWhat(s),
                Place::SummaryTo(s),
                Place::SummaryExtra(s),
            ]),
        }
    }
    for (i, task) in notice.tasks.rows.iter().enumerate() {
        out.extend([
            Place::TaskName(i),
            Place::TaskDescription(i),
            Place::TaskTime(i),
            Place::TaskPlace(i),
            Place::TaskLead(i),
        ]);
        out.extend((0..task.support.len()).map(|index| Place::TaskSupport { task: i, index }));
    }
    out.extend((0..notice.contacts.len()).map(Place::ContactName));
    out.extend((0..notice.attachments.len()).map(Place::Attachment));
    out.extend((0..notice.signature.organs.len()).map(Place::SigningOrgan));
    out.extend((0..notice.imprint.cc.len()).map(Place::Cc));
    out
}

/// The clean notices, named.
fn clean_corpus() -> Vec<(String, Notice)> {
    let mut out = Vec::new();
    for template in TEMPLATES {
        for year in [2021, 2024] {
            let mut notice = (template.notice)(year);
            notice.signature.date = DocDate::new(year, 9, 1);
            out.push((format!("template {} {year}", template.id), notice));
        }
    }
    out.push(("sample county".into(), fixture("county-plan-sections.json")));
    let mut city = fixture("city-plan-table.json");
    full_width_marks(&mut city);
    out.push(("sample city (marks made full-width)".into(), city));
    out.push((
        "imported county".into(),
        imported("county-plan-sections.txt"),
    ));
    let mut city = imported("city-plan-table.txt");
    full_width_marks(&mut city);
    out.push(("imported city (marks made full-width)".into(), city));
    out
}

fn show(f: &Finding) -> String {
    format!(
        "{} {} {:?} 「{}」 {} fix={:?}",
        f.severity.as_str(),
        f.rule,
        f.place,
        f.excerpt,
        f.message,
        f.fix
    )
}

#[test]
fn clean_notices_have_no_error() {
    let mut errors = Vec::new();
    for (name, notice) in clean_corpus() {
        for f in check(&notice, &Options::default()) {
            println!("{name}: {}", show(&f));
            if f.severity == Severity::Error {
                errors.push(format!("{name}: {}", show(&f)));
            }
        }
    }
    assert!(
        errors.is_empty(),
        "errors on clean notices:\n{}",
        errors.join("\n")
    );
}

#[test]
fn the_city_sample_as_published_has_only_half_width_marks_wrong() {
    let notice = fixture("city-plan-table.json");
    let found = check(&notice, &Options::default());
    for f in &found {
        println!("city as published: {}", show(f));
    }
    let errors: Vec<&Finding> = found
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.len() >= 10, "{}", errors.len());
    assert!(errors.iter().all(|f| f.rule == "punct.halfwidth"));
}

/// splitmix64: a fixed seed gives the same corpus on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// How an injected error is recognised among the findings.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Match {
    /// A finding of the rule in the field, overlapping the injected text.
    Overlap,
    /// A finding of the rule in the field (the mark reported may be the
    /// other half of a pair, or the rule reports the field as a whole).
    Field,
    /// A new finding of the rule anywhere (which of two spellings is the
    /// odd one depends on the rest of the notice).
    Anywhere,
}

struct Injected {
    field: Place,
    range: std::ops::Range<usize>,
    how: Match,
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Prose fields with two 汉字 side by side somewhere.
fn prose_places(notice: &Notice) -> Vec<Place> {
    let mut probe = notice.clone();
    all_places(notice)
        .into_iter()
        .filter(|p| {
            matches!(
                p,
                Place::CoverBody(_)
                    | Place::Paragraph { .. }
                    | Place::RequirementText { .. }
                    | Place::TaskDescription(_)
                    | Place::Activity { .. }
                    | Place::SummaryExtra(_)
                    | Place::TasksIntro(_)
            ) || matches!(p, Place::Block { section, index }
                    if matches!(&notice.sections[*section].content,
                        SectionContent::Text { blocks } if blocks[*index].level == Level::Body))
        })
        .filter(|p| {
            p.text_mut(&mut probe)
                .is_some_and(|t| han_gaps(t).len() > 1)
        })
        .collect()
}

/// Byte offsets between two 汉字.
fn han_gaps(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    chars
        .windows(2)
        .filter(|w| is_han(w[0].1) && is_han(w[1].1))
        .map(|w| w[1].0)
        .collect()
}

/// Inserts `snippet` between two 汉字 of a random prose field.
fn insert(notice: &mut Notice, rng: &mut Rng, snippet: &str, how: Match) -> Option<Injected> {
    let places = prose_places(notice);
    let field = *rng.pick(&places);
    let text = field.text_mut(notice)?;
    let gaps = han_gaps(text);
    let at = *rng.pick(&gaps);
    text.insert_str(at, snippet);
    Some(Injected {
        field,
        range: at..at + snippet.len(),
        how,
    })
}

/// Puts `snippet` at the start of a random prose field.
fn prepend(notice: &mut Notice, rng: &mut Rng, snippet: &str) -> Option<Injected> {
    let places = prose_places(notice);
    let field = *rng.pick(&places);
    let text = field.text_mut(notice)?;
    text.insert_str(0, snippet);
    Some(Injected {
        field,
        range: 0..snippet.len(),
        how: Match::Overlap,
    })
}

/// A random existing section position to insert a section at (after the
/// first, so a preamble stays first).
fn section_slot(notice: &Notice, rng: &mut Rng) -> usize {
    1 + rng.below(notice.sections.len().max(1))
}

fn weekday(year: i32, month: u32, day: u32) -> u32 {
    // Days since 1970-01-01 (a Thursday), by the civil-from-days inverse.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    ((days + 4).rem_euclid(7)) as u32
}

/// Injects one error of `rule` into the notice.
fn inject(rule: &str, notice: &mut Notice, rng: &mut Rng) -> Option<Injected> {
    let year = notice.year().unwrap_or(2021);
    let campaign = notice.campaign.name.clone();
    let o = Match::Overlap;
    match rule {
        "punct.halfwidth" => {
            let places = prose_places(notice);
            let field = *rng.pick(&places);
            let text = field.text_mut(notice)?;
            let commas: Vec<usize> = text.match_indices('，').map(|(i, _)| i).collect();
            if !commas.is_empty() && rng.below(2) == 0 {
                let at = *rng.pick(&commas);
                text.replace_range(at..at + '，'.len_utf8(), ",");
                return Some(Injected {
                    field,
                    range: at..at + 1,
                    how: o,
                });
            }
            let mark = *rng.pick(&[",", ";", ":", "!", "."]);
            insert(notice, rng, mark, o)
        }
        "punct.unpaired" => {
            let mark = *rng.pick(&["“", "《", "（", "【", "”", "》", "〔"]);
            insert(notice, rng, mark, Match::Field)
        }
        "punct.doubled" => insert_any(
            notice,
            rng,
            &["，，", "。。", "，。", "、、", "；；", "：："],
            o,
        ),
        "punct.ellipsis" => insert_any(
            notice,
            rng,
            &["。。。", "...", "…", "······", "。。。。。。"],
            o,
        ),
        "punct.dash" => insert_any(notice, rng, &["--", "──", "———", "－－", "---"], o),
        "punct.title_end" => {
            let title = notice_core::compose::title(notice);
            let mark = rng_pick(rng, &["。", "；", "，", "："]);
            notice.title = Some(format!("{title}{mark}"));
            Some(Injected {
                field: Place::Title,
                range: title.len()..title.len() + mark.len(),
                how: o,
            })
        }
        "punct.attachment_end" => {
            let name = rng_pick(
                rng,
                &["活动报名表", "质量开放日活动安排", "统计表", "联系人名单"],
            );
            let mark = rng_pick(rng, &["。", "；", "，", "、"]);
            let at = rng.below(notice.attachments.len() + 1);
            notice.attachments.insert(at, format!("{name}{mark}"));
            Some(Injected {
                field: Place::Attachment(at),
                range: name.len()..name.len() + mark.len(),
                how: o,
            })
        }
        "punct.recipient_end" => {
            if notice.recipients.is_empty() {
                notice.recipients.push("各股室".into());
            }
            let i = rng.below(notice.recipients.len());
            let mark = rng_pick(rng, &["。", "；", "、"]);
            let r = &mut notice.recipients[i];
            let at = r.trim_end().len();
            r.truncate(at);
            r.push_str(mark);
            Some(Injected {
                field: Place::Recipient(i),
                range: at..at + mark.len(),
                how: o,
            })
        }
        "date.invalid" => {
            let (m, d) = *rng.pick(&[
                (2, 30),
                (2, 31),
                (4, 31),
                (6, 31),
                (9, 31),
                (11, 31),
                (13, 1),
                (0, 5),
                (9, 0),
                (9, 32),
            ]);
            let with_year = rng.below(2) == 0;
            let s = if with_year {
                format!("{year}年{m}月{d}日")
            } else {
                format!("{m}月{d}日")
            };
            insert(notice, rng, &s, o)
        }
        "date.run_in" => {
            let (m, d) = (1 + rng.below(12), 10 + rng.below(19));
            let s = rng_pick(rng, &["a", "b"]);
            let s = if s == "a" {
                format!("{year}{m}{d}日")
            } else {
                format!("{year}年{m}{d}日")
            };
            insert(notice, rng, &s, o)
        }
        "date.year_range" => {
            let s = rng_pick(rng, &["2201年", "20021年", "1850年", "3021年", "202年1"]);
            let s = if s == "202年1" { "12021年" } else { s };
            insert(notice, rng, s, o)
        }
        "date.abbreviated_year" => {
            let s = format!("{}年{}月", year % 100, 1 + rng.below(12));
            insert(notice, rng, &s, o)
        }
        "date.chinese_numerals" => {
            let s = rng_pick(
                rng,
                &[
                    "二〇二一年九月六日",
                    "二○二四年十月",
                    "二〇二二年",
                    "二零二三年十二月三十日",
                ],
            );
            insert(notice, rng, s, o)
        }
        "date.weekday" => {
            let (m, d) = (1 + rng.below(12) as u32, 1 + rng.below(28) as u32);
            let actual = weekday(i32::from(year), m, d);
            let wrong = (actual + 1 + rng.below(6) as u32) % 7;
            let name = "日一二三四五六".chars().nth(wrong as usize).unwrap();
            let s = match rng.below(3) {
                0 => format!("{year}年{m}月{d}日（星期{name}）"),
                1 => format!("{year}年{m}月{d}日（周{name}）"),
                _ => format!("{m}月{d}日（星期{name}）"),
            };
            insert(notice, rng, &s, o)
        }
        "date.deadline_order" => {
            let date = DocDate::new(year, 9, 6).unwrap();
            notice.signature.date = Some(date);
            let deadline = DocDate::new(year, 1 + rng.below(8) as u8, 1 + rng.below(28) as u8);
            let at = section_slot(notice, rng);
            notice.sections.insert(
                at,
                Section {
                    id: notice.next_section_id(),
                    heading: "总结报送".into(),
                    content: SectionContent::Summary(Summary {
                        deadline,
                        what: "活动总结".into(),
                        ..Summary::default()
                    }),
                },
            );
            Some(Injected {
                field: Place::SummaryDeadline(at),
                range: 0..1,
                how: Match::Field,
            })
        }
        "date.year_mismatch" => {
            let other = if rng.below(2) == 0 {
                year - 1
            } else {
                year + 1
            };
            if rng.below(2) == 0 {
                let title = format!("关于开展{other}年“{campaign}”活动的通知");
                let at = title.find(&other.to_string()).unwrap();
                notice.title = Some(title);
                return Some(Injected {
                    field: Place::Title,
                    range: at..at + 4,
                    how: o,
                });
            }
            insert(notice, rng, &format!("{other}年“{campaign}”"), o)
        }
        "docno.bracket" => {
            let b = rng_pick(
                rng,
                &[
                    "[2021]",
                    "（2021）",
                    "(2021)",
                    "【2021】",
                    "［2021］",
                    "{2021}",
                ],
            );
            insert(notice, rng, &format!("国市监质{b}51号"), o)
        }
        "docno.year" => insert_any(
            notice,
            rng,
            &[
                "国市监质〔21〕51号",
                "闽质强省办〔20〕5号",
                "宁市监〔202〕184号",
            ],
            o,
        ),
        "docno.di" => insert_any(
            notice,
            rng,
            &["国市监质〔2021〕第51号", "闽质强省办〔2020〕第5号"],
            o,
        ),
        "docno.leading_zero" => insert_any(
            notice,
            rng,
            &[
                "国市监质〔2021〕051号",
                "宁市监〔2020〕0184号",
                "砀市监发〔2021〕012号",
            ],
            o,
        ),
        "docno.broken" => insert_any(
            notice,
            rng,
            &[
                "国市监质〔202151号",
                "国市监质2021〕51号",
                "宁市监〔2020184号",
            ],
            o,
        ),
        "docno.own" => {
            let prefix = notice.header.doc_number.prefix.clone();
            let prefix = if prefix.is_empty() {
                "砀市监发".to_owned()
            } else {
                prefix
            };
            notice.header.doc_number.prefix =
                format!("{prefix}{}", rng_pick(rng, &["第", "〔", "2021", "号"]));
            Some(Injected {
                field: Place::DocNumber,
                range: 0..1,
                how: Match::Field,
            })
        }
        "ordinal.sequence" => {
            let places = prose_places(notice);
            let field = *rng.pick(&places);
            let text = field.text_mut(notice)?;
            let words: Vec<char> = text.chars().filter(|c| is_han(*c)).collect();
            let n = 3 + rng.below(4);
            let style = rng.below(4);
            let bad = 1 + rng.below(n - 1);
            let repeat = rng.below(2) == 0;
            let mut out = String::new();
            let mut range = 0..0;
            for line in 0..n {
                let number = match (line.cmp(&bad), repeat) {
                    (std::cmp::Ordering::Less, _) => line + 1,
                    (std::cmp::Ordering::Equal, true) => line,
                    (_, true) => line,
                    (_, false) => line + 2,
                } as u32;
                let ordinal = match style {
                    0 => format!("{}、", numeral(number)),
                    1 => format!("（{}）", numeral(number)),
                    2 => format!("{number}."),
                    _ => format!("（{number}）"),
                };
                if line > 0 {
                    out.push('\n');
                }
                if line == bad {
                    range = out.len()..out.len() + ordinal.len();
                }
                out.push_str(&ordinal);
                let start = (line * 4) % words.len().max(1);
                out.extend(words.iter().cycle().skip(start).take(6));
                out.push('。');
            }
            *text = out;
            Some(Injected {
                field,
                range,
                how: o,
            })
        }
        "ordinal.empty" => prepend_any(notice, rng, &["（）", "()", "（ ）"]),
        "ordinal.style" => prepend_any(notice, rng, &["1、", "2、", "1．", "一.", "3）", "一．"]),
        "ordinal.skipped_level" => {
            if rng.below(2) == 0 {
                let at = section_slot(notice, rng);
                notice.sections.insert(
                    at,
                    Section {
                        id: notice.next_section_id(),
                        heading: "宣传活动".into(),
                        content: SectionContent::Text {
                            blocks: vec![
                                TextBlock {
                                    level: Level::Body,
                                    text: "开展系列宣传活动。".into(),
                                },
                                TextBlock {
                                    level: *rng.pick(&[Level::Third, Level::Fourth]),
                                    text: "举办质量讲座".into(),
                                },
                            ],
                        },
                    },
                );
                return Some(Injected {
                    field: Place::Block {
                        section: at,
                        index: 1,
                    },
                    range: 0..3,
                    how: o,
                });
            }
            let places = prose_places(notice);
            let field = *rng.pick(&places);
            let text = field.text_mut(notice)?;
            let (top, skipped) =
                *rng.pick(&[("一、", "1."), ("一、", "（1）"), ("（一）", "（1）")]);
            *text = format!("{top}开展宣传\n{skipped}举办讲座");
            let at = text.find('\n').unwrap() + 1;
            Some(Injected {
                field,
                range: at..at + skipped.len(),
                how: o,
            })
        }
        "ordinal.double_number" => {
            let mut headings: Vec<Place> = Vec::new();
            for (s, section) in notice.sections.iter().enumerate() {
                if !section.heading.trim().is_empty()
                    && !matches!(section.content, SectionContent::Preamble { .. })
                {
                    headings.push(Place::SectionHeading(s));
                }
                if let SectionContent::Requirements { items } = &section.content {
                    headings.extend(
                        (0..items.len())
                            .filter(|&i| !items[i].lead.trim().is_empty())
                            .map(|index| Place::RequirementLead { section: s, index }),
                    );
                }
            }
            let field = *rng.pick(&headings);
            let ordinal = rng_pick(rng, &["一、", "二、", "（一）", "（三）", "1.", "4."]);
            field.text_mut(notice)?.insert_str(0, ordinal);
            Some(Injected {
                field,
                range: 0..ordinal.len(),
                how: o,
            })
        }
        "ordinal.missing_number" => {
            let at = section_slot(notice, rng);
            notice.sections.insert(
                at,
                Section {
                    id: notice.next_section_id(),
                    heading: String::new(),
                    content: SectionContent::Text {
                        blocks: vec![TextBlock {
                            level: Level::Body,
                            text: "各单位要高度重视。".into(),
                        }],
                    },
                },
            );
            Some(Injected {
                field: Place::SectionHeading(at),
                range: 0..0,
                how: Match::Field,
            })
        }
        "consistency.attachments" => {
            let n = notice
                .attachments
                .iter()
                .filter(|a| !a.trim().is_empty())
                .count()
                + 1
                + rng.below(3);
            let s = rng_pick(rng, &["（详见附件N）", "（附件N）", "见附件N"])
                .replace('N', &n.to_string());
            insert(notice, rng, &s, o)
        }
        "consistency.main_cc" => {
            let names: Vec<String> = notice
                .recipients
                .iter()
                .flat_map(|r| notice_core::model::split_names(r))
                .filter(|n| n.chars().count() >= 2 && !n.contains(['（', '）', '(', ')']))
                .collect();
            let name = if names.is_empty() {
                notice.recipients.push("各市场监管所".into());
                "各市场监管所".to_owned()
            } else {
                rng.pick(&names).clone()
            };
            let at = rng.below(notice.imprint.cc.len() + 1);
            notice.imprint.cc.insert(at, name.clone());
            Some(Injected {
                field: Place::Cc(at),
                range: 0..name.len(),
                how: o,
            })
        }
        "consistency.department_spelling" => {
            let leads: Vec<usize> = (0..notice.tasks.rows.len())
                .filter(|&i| notice.tasks.rows[i].lead.trim().chars().count() >= 2)
                .collect();
            if leads.len() < 2 {
                for (i, lead) in ["质量股", "办公室"].iter().enumerate() {
                    notice.tasks.rows.insert(
                        i,
                        notice_core::model::TaskRow {
                            name: "开展宣传".into(),
                            lead: (*lead).into(),
                            ..Default::default()
                        },
                    );
                }
                return inject(rule, notice, rng);
            }
            let from = *rng.pick(&leads);
            let to = *rng.pick(
                &leads
                    .iter()
                    .copied()
                    .filter(|&i| i != from)
                    .collect::<Vec<_>>(),
            );
            let lead = notice.tasks.rows[from].lead.trim().to_owned();
            let mut chars: Vec<char> = lead.chars().collect();
            let variant = match (rng.below(3), chars.last()) {
                (0, Some('股')) => {
                    chars.pop();
                    chars.push('科');
                    chars.into_iter().collect()
                }
                (0, Some('科' | '室')) => {
                    chars.pop();
                    chars.push('股');
                    chars.into_iter().collect()
                }
                (1, _) => {
                    chars.insert(chars.len() / 2, ' ');
                    chars.into_iter().collect()
                }
                _ => format!("县局{lead}"),
            };
            notice.tasks.rows[to].lead = variant.clone();
            Some(Injected {
                field: Place::TaskLead(to),
                range: 0..variant.len(),
                how: Match::Anywhere,
            })
        }
        "consistency.signing_organ" => {
            let other = rng_pick(
                rng,
                &[
                    "萧县市场监督管理局",
                    "福鼎市应急管理局",
                    "XX区教育局",
                    "宁德市市场监管局",
                ],
            );
            let at = rng.below(notice.signature.organs.len() + 1);
            if notice.header.organs.iter().any(|h| h.contains(other)) {
                return None;
            }
            notice.signature.organs.insert(at, other.into());
            Some(Injected {
                field: Place::SigningOrgan(at),
                range: 0..other.len(),
                how: o,
            })
        }
        "text.mojibake" => {
            let s = rng_pick(
                rng,
                &[
                    "\u{FFFD}",
                    "\u{FFFD}\u{FFFD}",
                    "锟斤拷",
                    "?",
                    "??",
                    "烫烫烫",
                    "â€œ",
                ],
            );
            insert(notice, rng, s, o)
        }
        "text.web_leftover" => insert_any(
            notice,
            rng,
            &[
                "&nbsp;",
                "&ldquo;",
                "<br>",
                "&mdash;",
                "扫一扫",
                "&amp;nbsp;",
                "</p>",
                "分享到",
            ],
            o,
        ),
        "text.traditional" => {
            let reverse: BTreeMap<char, char> = proofread::hanzi::TRADITIONAL_PAIRS
                .chars()
                .collect::<Vec<_>>()
                .chunks_exact(2)
                .map(|p| (p[1], p[0]))
                .collect();
            let places = prose_places(notice);
            for _ in 0..20 {
                let field = *rng.pick(&places);
                let text = field.text_mut(notice)?;
                let spots: Vec<(usize, char)> = text
                    .char_indices()
                    .filter(|(_, c)| reverse.contains_key(c))
                    .collect();
                if spots.is_empty() {
                    continue;
                }
                let (at, c) = *rng.pick(&spots);
                let t = reverse[&c];
                text.replace_range(at..at + c.len_utf8(), &t.to_string());
                return Some(Injected {
                    field,
                    range: at..at + t.len_utf8(),
                    how: o,
                });
            }
            None
        }
        "text.gb2312" => insert_any(
            notice,
            rng,
            &["堃", "喆", "珺", "玥", "琍", "昇", "镕", "䶮"],
            o,
        ),
        "text.lexicon" => insert_any(
            notice,
            rng,
            &[
                "布署",
                "截止9月30日",
                "再接再励",
                "贯切",
                "截止到",
                "按步就班",
                "帐户",
                "迫不急待",
            ],
            o,
        ),
        other => panic!("no injector for {other}"),
    }
}

fn insert_any(notice: &mut Notice, rng: &mut Rng, items: &[&str], how: Match) -> Option<Injected> {
    let s = rng_pick(rng, items);
    insert(notice, rng, s, how)
}

fn prepend_any(notice: &mut Notice, rng: &mut Rng, items: &[&str]) -> Option<Injected> {
    let s = rng_pick(rng, items);
    prepend(notice, rng, s)
}

fn rng_pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items[rng.below(items.len())]
}

fn numeral(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].into(),
        10 => "十".into(),
        _ => format!("十{}", D[(n % 10) as usize]),
    }
}

type Key = (&'static str, Place, String);

fn key(f: &Finding) -> Key {
    (f.rule, f.place, f.excerpt.clone())
}

/// Findings of `after` not in `before` (as a multiset of rule, field and
/// excerpt).
fn new_findings(before: &[Finding], after: Vec<Finding>) -> Vec<Finding> {
    let mut left: Vec<Key> = before.iter().map(key).collect();
    after
        .into_iter()
        .filter(|f| match left.iter().position(|k| *k == key(f)) {
            Some(i) => {
                left.swap_remove(i);
                false
            }
            None => true,
        })
        .collect()
}

const PER_RULE: usize = 24;

#[test]
fn injected_errors_are_found_per_rule() {
    let corpus = clean_corpus();
    let options = Options::default();
    let baselines: Vec<Vec<Finding>> = corpus.iter().map(|(_, n)| check(n, &options)).collect();
    let mut rng = Rng(0x5EED_2021_0919);
    // Per rule: injected, found, findings that matched, findings in all.
    let mut injected: BTreeMap<&str, usize> = BTreeMap::new();
    let mut recalled: BTreeMap<&str, usize> = BTreeMap::new();
    let mut true_pos: BTreeMap<&str, usize> = BTreeMap::new();
    let mut reported: BTreeMap<&str, usize> = BTreeMap::new();
    for baseline in &baselines {
        for f in baseline {
            *reported.entry(f.rule).or_default() += 1;
        }
    }
    let mut missed = Vec::new();
    for rule in RULES {
        let mut done = 0;
        let mut attempts = 0;
        while done < PER_RULE {
            attempts += 1;
            assert!(attempts < PER_RULE * 10, "cannot inject {}", rule.id);
            let which = rng.below(corpus.len());
            let (name, clean) = &corpus[which];
            let mut notice = clean.clone();
            let Some(inj) = inject(rule.id, &mut notice, &mut rng) else {
                continue;
            };
            done += 1;
            *injected.entry(rule.id).or_default() += 1;
            let fresh = new_findings(&baselines[which], check(&notice, &options));
            let matches = |f: &Finding| {
                f.rule == rule.id
                    && match inj.how {
                        Match::Overlap => {
                            f.place == inj.field
                                && f.range.start < inj.range.end.max(inj.range.start + 1)
                                && inj.range.start < f.range.end.max(f.range.start + 1)
                        }
                        Match::Field => f.place == inj.field,
                        Match::Anywhere => true,
                    }
            };
            let mut hit = false;
            for f in &fresh {
                *reported.entry(f.rule).or_default() += 1;
                if matches(f) && !hit {
                    hit = true;
                    *true_pos.entry(f.rule).or_default() += 1;
                } else if std::env::var_os("PROOFREAD_SHOW_EXTRA").is_some() {
                    println!("extra ({} injected): {}", rule.id, show(f));
                }
            }
            if hit {
                *recalled.entry(rule.id).or_default() += 1;
            } else {
                let text = inj.field.text(&notice).unwrap_or_default().into_owned();
                missed.push(format!(
                    "{} in {name} at {:?} {:?}: {:?}\n    found: {:?}",
                    rule.id,
                    inj.field,
                    inj.range,
                    text.chars().take(80).collect::<String>(),
                    fresh.iter().map(show).collect::<Vec<_>>()
                ));
            }
        }
    }
    println!(
        "{:<34} {:>8} {:>8} {:>9}",
        "rule", "injected", "recall", "precision"
    );
    let mut failing = Vec::new();
    for rule in RULES {
        let n = injected[rule.id];
        let r = recalled.get(rule.id).copied().unwrap_or(0);
        let tp = true_pos.get(rule.id).copied().unwrap_or(0);
        let all = reported.get(rule.id).copied().unwrap_or(0);
        let recall = 100.0 * r as f64 / n as f64;
        let precision = if all == 0 {
            100.0
        } else {
            100.0 * tp as f64 / all as f64
        };
        println!("{:<34} {n:>8} {recall:>7.1}% {precision:>8.1}%", rule.id);
        if recall < 95.0 {
            failing.push(format!("{}: recall {recall:.1}%", rule.id));
        }
    }
    for m in &missed {
        println!("missed: {m}");
    }
    assert!(failing.is_empty(), "recall below 95%: {failing:?}");
}

/// Correct texts that look like mistakes: none may give an `error`.
const SUSPICIOUS_BUT_CORRECT: &[&str] = &[
    "活动时间为9月1日—3日。",
    "9月1日至3日、9月10日—15日分别开展，9月1日-30日为宣传期。",
    "按照《国务院关于印发质量发展纲要（2011—2020年）的通知》（国发〔2012〕9号）要求。",
    "学习《关于〔2021〕年度质量工作要点的说明》和《〔2021〕质量月活动指南》。",
    "开展“‘质量月’在身边”主题活动。",
    "他说：“要牢记‘质量第一’的理念。”",
    "1.开展宣传；2.组织检查。",
    "联系电话：0557-8021234，邮箱：zlg@example.cn，网址：www.samr.gov.cn。",
    "时间：2021年9月6日（星期一）上午9:00—11:30。",
    "截至9月30日，共检查企业1,200家，合格率为98.5%。",
    "全省共有3、4个试点，1.5万人参加。",
    "质量——发展之基；北京—上海。",
    "到2035年，质量强国建设取得更大成效。",
    "1978年第一个“质量月”至今已举办40余年。",
    "（一）加强组织领导",
    "发扬工匠精神……",
    "请于2021年9月30日前报送，2024年2月29日为闰日。",
    "《中华人民共和国产品质量法》第二十五条。",
    "ISO 9001:2015质量管理体系认证。",
    "报名截止日期为9月20日，截至目前已有30家报名。",
    "各单位要高度重视（具体安排另行通知）。",
    "一是加强宣传；二是强化检查；三是注重实效。",
    "近10年来，我县质量工作取得明显成效。",
];

#[test]
fn correct_texts_that_look_suspicious_give_no_error() {
    let mut errors = Vec::new();
    for (name, clean) in clean_corpus() {
        for text in SUSPICIOUS_BUT_CORRECT {
            let mut notice = clean.clone();
            let field = prose_places(&notice)[0];
            *field.text_mut(&mut notice).unwrap() = (*text).to_owned();
            // A table cell with 1. in it.
            if let Some(row) = notice.tasks.rows.first_mut() {
                row.description = "1.制作宣传展板".into();
                row.time = "9月1日—3日".into();
            }
            for f in check(&notice, &Options::default()) {
                if f.severity == Severity::Error {
                    errors.push(format!("{name}: {text}: {}", show(&f)));
                } else if name.starts_with("template county-plan-table 2021") {
                    println!("warning on “{text}”: {}", show(&f));
                }
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// The GB2312 table in the core is the GB2312 region of GBK, as encoding_rs
/// encodes it (lead and trail bytes 0xB0–0xF7 and 0xA1–0xFE).
#[test]
fn the_gb2312_table_matches_encoding_rs() {
    let mut count = 0;
    for cp in 0x4E00..=0x9FFFu32 {
        let c = char::from_u32(cp).unwrap();
        let mut buf = [0u8; 4];
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
        let in_gb2312 = !unmappable
            && bytes.len() == 2
            && (0xB0..=0xF7).contains(&bytes[0])
            && (0xA1..=0xFE).contains(&bytes[1]);
        assert_eq!(proofread::hanzi::in_gb2312(c), in_gb2312, "U+{cp:04X} {c}");
        count += usize::from(in_gb2312);
    }
    assert_eq!(count, 6763);
}

/// What the editor runs as the user types (one field) and on the check
/// page (the whole notice), on a 200-task notice.
#[test]
fn checking_a_200_task_notice_is_quick() {
    let mut notice = fixture("city-plan-table.json");
    let rows = notice.tasks.rows.clone();
    while notice.tasks.rows.len() < 200 {
        notice.tasks.rows.extend(rows.iter().cloned());
    }
    notice.tasks.rows.truncate(200);
    let options = Options::default();
    let start = std::time::Instant::now();
    let all = check(&notice, &options);
    let whole = start.elapsed();
    // The best of five, so that other processes on the machine do not count.
    let mut field = std::time::Duration::MAX;
    let mut one = Vec::new();
    for _ in 0..5 {
        let start = std::time::Instant::now();
        one = proofread::check_place(&notice, Place::TaskName(150), &options);
        field = field.min(start.elapsed());
    }
    println!(
        "200 tasks: whole notice {whole:?} ({} findings), one field {field:?} ({})",
        all.len(),
        one.len()
    );
    assert!(field.as_millis() < 16, "{field:?}");
}
