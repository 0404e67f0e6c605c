use super::*;
use crate::compose::{Face, Span};

const WIDTH: i32 = spec::TEXT_WIDTH as i32;

fn body_lines(text: &str, first: i32) -> u32 {
    line_count(
        text,
        WIDTH - first,
        WIDTH,
        spec::SIZE_BODY,
        spec::BODY_CHAR_SPACING,
    )
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph {
        spans: vec![Span::new(text, Face::Body)],
        indent: Indent::None,
        heading: None,
    }
}

fn imprint() -> Block {
    Block::Imprint {
        cc: "县委办，县政府办。".into(),
        printer: "砀山县市场监督管理局办公室".into(),
        print_date: "2021年9月6日印发".into(),
    }
}

/// Blocks filling `lines` body lines, one line each.
fn lines_of_body(lines: usize) -> Vec<Block> {
    (0..lines).map(|_| paragraph(&"国".repeat(28))).collect()
}

#[test]
fn a_line_holds_28_condensed_characters() {
    assert_eq!(body_lines(&"国".repeat(28), 0), 1);
    assert_eq!(body_lines(&"国".repeat(29), 0), 2);
    assert_eq!(body_lines(&"国".repeat(56), 0), 2);
    assert_eq!(body_lines(&"国".repeat(57), 0), 3);
    // The first line, indented two characters, holds 26.
    assert_eq!(body_lines(&"国".repeat(26), 640), 1);
    assert_eq!(body_lines(&"国".repeat(27), 640), 2);
    assert_eq!(body_lines("", 0), 1);
}

#[test]
fn closing_punctuation_takes_the_last_character_to_the_next_line() {
    // 28 characters and a comma: the 28th goes down with the comma, so a
    // line whose next character is ， holds 27.
    let comma = format!("{}，{}", "国".repeat(28), "国".repeat(26));
    assert_eq!(body_lines(&comma, 0), 2);
    let comma = format!("{}，{}", "国".repeat(28), "国".repeat(27));
    assert_eq!(body_lines(&comma, 0), 3);
    // So with a closing quote.
    let quote = format!("{}”{}", "国".repeat(28), "国".repeat(27));
    assert_eq!(body_lines(&quote, 0), 3);
    // An opening quote never ends a line.
    let opening = format!("{}“{}", "国".repeat(27), "国".repeat(27));
    assert_eq!(body_lines(&opening, 0), 2);
    let opening = format!("{}“{}", "国".repeat(27), "国".repeat(28));
    assert_eq!(body_lines(&opening, 0), 3);
}

#[test]
fn numbers_and_latin_words_stay_whole() {
    // 26 characters, then a number that does not fit after them.
    let text = format!("{}20212021", "国".repeat(26));
    assert_eq!(body_lines(&text, 0), 2);
    assert!(text_width("2021", spec::SIZE_BODY, 0) < text_width("国国国", spec::SIZE_BODY, 0));
    // A fifth of an em of space between ideographs and digits.
    assert_eq!(text_width("年2021年", 32, 0), 2 * 320 + 4 * 160 + 2 * 64);
    // Where full- and half-width text meet, the character spacing before
    // the change is lost (LibreOffice lays the two out separately).
    assert_eq!(text_width("国(国", 32, -5), 2 * 315 + 155 + 2 * 5);
    // A word longer than a line breaks anywhere.
    assert_eq!(body_lines(&"a".repeat(120), 0), 3);
}

#[test]
fn line_breaks_start_new_lines_without_the_first_line_indent() {
    assert_eq!(body_lines("甲\n乙\n丙", 640), 3);
    let text = format!("{}\n{}", "国".repeat(26), "国".repeat(28));
    assert_eq!(body_lines(&text, 640), 2);
}

#[test]
fn twenty_two_lines_fill_a_page_and_the_23rd_starts_the_next() {
    let pages = paginate(&lines_of_body(22));
    assert_eq!(pages.body_pages, 1);
    assert_eq!(pages.last_page_used, 22 * spec::BODY_LINE_SPACING);
    let pages = paginate(&lines_of_body(23));
    assert_eq!(pages.body_pages, 2);
    assert_eq!(pages.last_page_used, spec::BODY_LINE_SPACING);
    assert_eq!(pages.starts[22], Position { page: 2, y: 0 });
    assert_eq!(pages.imprint, ImprintPlacement::None);
    assert_eq!(pages.total_pages(), 2);
}

#[test]
fn the_imprint_goes_on_an_even_page() {
    // Ends on page 1 (odd): the 版记 alone on page 2.
    let mut blocks = lines_of_body(10);
    blocks.push(imprint());
    let pages = paginate(&blocks);
    assert_eq!(pages.imprint, ImprintPlacement::NextPage);
    assert_eq!(pages.total_pages(), 2);
    assert_eq!(pages.numbered_pages(), 1);

    // Ends early on page 2: the 版记 at its foot.
    let mut blocks = lines_of_body(22 + 5);
    blocks.push(imprint());
    let pages = paginate(&blocks);
    assert_eq!(pages.imprint, ImprintPlacement::LastBodyPage);
    assert_eq!(pages.total_pages(), 2);
    assert_eq!(pages.numbered_pages(), 2);

    // Ends at the foot of page 2: a blank page, then the 版记 on page 4.
    let mut blocks = lines_of_body(22 + 20);
    blocks.push(imprint());
    let pages = paginate(&blocks);
    assert_eq!(pages.imprint, ImprintPlacement::AfterBlankPage);
    assert_eq!(pages.total_pages(), 4);
    assert_eq!(pages.numbered_pages(), 2);
}

#[test]
fn the_imprint_shares_the_page_only_with_a_clear_line_above_it() {
    let height = imprint_height(
        "县委办，县政府办。",
        "砀山县市场监督管理局办公室",
        "2021年9月6日印发",
    );
    // Two rows of one line, thick rules and a thin one.
    assert_eq!(height, 2 * spec::BODY_LINE_SPACING + (8 + 6 + 8) * 20 / 8);
    let line = spec::BODY_LINE_SPACING;
    // Lines of page 2 that leave the anchor line, one clear line and the
    // 版记.
    let room = ((PAGE - height) / line) as usize - 2;
    for (body, expected) in [
        (room, ImprintPlacement::LastBodyPage),
        (room + 1, ImprintPlacement::AfterBlankPage),
    ] {
        let mut blocks = lines_of_body(22 + body);
        blocks.push(imprint());
        assert_eq!(paginate(&blocks).imprint, expected, "{body} lines");
    }
}

#[test]
fn a_long_cc_list_makes_the_imprint_taller() {
    let cc: String = (0..30).map(|i| format!("单位{i}、")).collect();
    let rows = imprint_rows(&cc, "办公室", "2021年9月6日印发");
    assert_eq!(rows.len(), 2);
    assert!(rows[0] >= 3, "{rows:?}");
    assert_eq!(imprint_rows("", "", ""), Vec::<u32>::new());
    assert_eq!(imprint_height("", "", ""), 0);
    let mut blocks = lines_of_body(3);
    blocks.push(Block::Imprint {
        cc: String::new(),
        printer: String::new(),
        print_date: String::new(),
    });
    assert_eq!(paginate(&blocks).imprint, ImprintPlacement::None);
}

#[test]
fn the_header_places_the_organ_mark_and_the_title_as_the_writer_does() {
    let blocks = vec![
        Block::OrganMark {
            organs: vec!["砀山县市场监督管理局".into()],
            suffix: String::new(),
        },
        Block::DocNumber {
            number: "砀市监发〔2021〕12号".into(),
            signers: vec![],
            rule: true,
        },
        Block::Title {
            lines: vec!["关于开展2021年“质量月”活动的通知".into()],
        },
        Block::Recipients("各股室、队、所：".into()),
    ];
    let pages = paginate(&blocks);
    let size = organ_mark_size(&["砀山县市场监督管理局".into()], "");
    assert_eq!(size, spec::SIZE_XIAOCHU);
    let line = spec::BODY_LINE_SPACING;
    let mark = organ_mark_space_before(0, size) + organ_mark_line(size);
    assert_eq!(pages.starts[1].y, mark + 2 * line);
    assert_eq!(
        pages.starts[2].y,
        mark + 3 * line + RED_RULE_EXTRA + 2 * line
    );
    assert_eq!(pages.starts[3].y, pages.starts[2].y + 2 * line);
    // Header marks (份号, 密级) push nothing down: the 标志 keeps its place.
    let with_mark = [
        vec![Block::HeaderMark(Span::new("000001", Face::Body))],
        blocks,
    ]
    .concat();
    let marked = paginate(&with_mark);
    assert_eq!(marked.starts[2].y, pages.starts[1].y);
}

#[test]
fn a_page_break_starts_the_attached_plan_on_a_new_page() {
    let mut blocks = lines_of_body(3);
    blocks.push(Block::PageBreak);
    blocks.push(Block::Title {
        lines: vec!["方案".into()],
    });
    let pages = paginate(&blocks);
    assert_eq!(pages.starts[3], Position { page: 2, y: 0 });
    // The break's own line, a blank line, then the title on line 3.
    assert_eq!(
        pages.starts[4],
        Position {
            page: 2,
            y: 2 * spec::BODY_LINE_SPACING
        }
    );
    // At the very top of a page a break adds no page.
    let mut blocks = lines_of_body(22);
    blocks.push(Block::PageBreak);
    assert_eq!(paginate(&blocks).body_pages, 2);
}

#[test]
fn the_signature_keeps_its_lines_together() {
    let mut blocks = lines_of_body(20);
    blocks.push(Block::Signature {
        organs: vec!["砀山县市场监督管理局".into()],
        date: "2021年9月6日".into(),
        sealed: true,
    });
    // Two blank lines fill page 1; organ and date go to page 2 together.
    let pages = paginate(&blocks);
    assert_eq!(pages.body_pages, 2);
    assert_eq!(pages.last_page_used, 2 * spec::BODY_LINE_SPACING);
    let mut blocks = lines_of_body(19);
    blocks.push(Block::Signature {
        organs: vec!["砀山县市场监督管理局".into()],
        date: "2021年9月6日".into(),
        sealed: false,
    });
    // One blank line, then organ and date would need lines 21 and 22.
    let pages = paginate(&blocks);
    assert_eq!(pages.body_pages, 1);
}

#[test]
fn headings_kept_with_each_other_move_to_the_next_page_together() {
    let heading = |text: &str, face| Block::Paragraph {
        spans: vec![Span::new(text, face)],
        indent: Indent::FirstLine,
        heading: Some(if face == Face::Hei { 1 } else { 2 }),
    };
    // 一、 on line 21 and （一） on line 22 would leave （一） without its
    // text: both go to page 2, as the chain of keep-with-next moves them.
    let mut blocks = lines_of_body(20);
    blocks.push(heading("三、活动安排", Face::Hei));
    blocks.push(heading("（一）开展质量宣传", Face::Kai));
    blocks.push(paragraph("在辖区主要街道设置宣传点。"));
    let layout = paginate(&blocks);
    assert_eq!(layout.starts[20], Position { page: 2, y: 0 });
    assert_eq!(layout.starts[21].page, 2);
    // With room for the body's first line as well, the chain stays.
    let layout = paginate(&blocks[1..]);
    assert_eq!(layout.starts[19].page, 1);
    assert_eq!(layout.body_pages, 1);
}

#[test]
fn the_note_never_leaves_the_date_for_a_page_of_its_own() {
    let signature = Block::Signature {
        organs: vec!["砀山县市场监督管理局".into()],
        date: "2021年9月6日".into(),
        sealed: true,
    };
    // Two blank lines, organ and date fill page 1 to its 22nd line.
    let mut blocks = lines_of_body(18);
    blocks.push(signature.clone());
    assert_eq!(paginate(&blocks).body_pages, 1);
    // A 附注 after the date takes the date and the organ along to page 2.
    blocks.push(Block::Note("（此件主动公开）".into()));
    let layout = lay_out(&blocks);
    let pages_of = |block| {
        let pieces = layout.pieces.iter().filter(|p| p.block == block);
        pieces.map(|p| p.page).collect::<Vec<_>>()
    };
    assert_eq!(pages_of(18), [2, 2]);
    assert_eq!(pages_of(19), [2]);
    assert_eq!(layout.pagination.body_pages, 2);
    assert!(signature_keeps_with_next(blocks.get(19)));
    assert!(!signature_keeps_with_next(None));
}

#[test]
fn sealed_and_unsealed_signatures_are_placed_as_the_standard_says() {
    let organs = vec!["砀山县市场监督管理局".to_owned()];
    let sealed = signature_lines(&organs, "2021年9月6日", true);
    // The date right-indented four characters, the organ centred over it.
    assert_eq!(sealed[1].1, 4 * BODY_CHAR);
    let organ_width = text_width(&organs[0], spec::SIZE_BODY, spec::BODY_CHAR_SPACING);
    let date_width = text_width("2021年9月6日", spec::SIZE_BODY, spec::BODY_CHAR_SPACING);
    let organ_centre = sealed[0].1 + organ_width / 2;
    let date_centre = sealed[1].1 + date_width / 2;
    assert!((organ_centre - date_centre).abs() <= 1);
    // Unsealed: organ right-indented two characters, the date starting two
    // characters right of the organ's first character.
    let plain = signature_lines(&organs, "2021年9月6日", false);
    assert_eq!(plain[0].1, 2 * BODY_CHAR);
    let organ_start = plain[0].1 + organ_width;
    let date_start = plain[1].1 + date_width;
    assert_eq!(organ_start - date_start, 2 * BODY_CHAR);
}

#[test]
fn a_long_table_repeats_its_header_on_each_page() {
    let header: [String; 5] =
        ["序号", "活动内容", "活动时间", "牵头部门", "配合部门"].map(String::from);
    let rows: Vec<[String; 5]> = (1..=100)
        .map(|i| {
            [
                i.to_string(),
                "开展计量专项检查".into(),
                "9月".into(),
                "标准计量股".into(),
                "办公室".into(),
            ]
        })
        .collect();
    let widths = crate::compose::task_column_widths(&rows, spec::TEXT_WIDTH);
    let row = row_height(&rows[0], &widths);
    let head = row_height(&header, &widths);
    let pages = paginate(&[Block::TaskTable {
        header: header.clone(),
        rows: rows.clone(),
    }]);
    let per_page = ((PAGE - head) / row) as usize;
    let expected = 100usize.div_ceil(per_page) as u32;
    assert_eq!(pages.body_pages, expected);
    let on_last = 100 - (expected as usize - 1) * per_page;
    assert_eq!(pages.last_page_used, head + on_last as i32 * row);
}

#[test]
fn table_cells_wrap_at_their_width() {
    // A 四号 cell 1000 twips wide holds (1000 - 216) / 280 = 2 characters.
    assert_eq!(cell_lines("质量", 1000), 1);
    assert_eq!(cell_lines("质量月", 1000), 2);
    assert_eq!(cell_lines("", 1000), 1);
}

#[test]
fn attachment_lines_hang_after_the_label() {
    let lines = attachment_lines(&["方案。".into(), "名单".into()]);
    assert_eq!(lines[0].text, "附件：1.方案");
    assert_eq!(lines[1].text, "2.名单");
    assert_eq!(lines[0].first_start, spec::BODY_FIRST_LINE_INDENT);
    assert_eq!(lines[0].left, lines[1].left);
    assert!(lines[1].first_start < lines[1].left);
    let single = attachment_lines(&["方案".into()]);
    assert_eq!(single[0].text, "附件：方案");
}

#[test]
fn any_text_is_laid_out_without_panicking() {
    for text in [
        "\u{0}\u{1}\u{FFFF}\r\n\t",
        "😀😀😀𠀀𠀁",
        "<w:p>&amp;]]>",
        " ",
        "\n\n\n",
        "a b c d e f",
        "（（（（《《《“",
        "，，，，。。。",
    ] {
        let lines = body_lines(&text.repeat(40), 640);
        assert!(lines >= 1);
    }
}

// Line-level placement: what the preview draws comes from the same walk.

/// `line_count` as it stood before `break_lines` existed, kept to prove the
/// two agree on any text.
fn reference_line_count(text: &str, first: i32, rest: i32, size: usize, spacing: i32) -> u32 {
    let mut lines = 0;
    let mut width = first;
    for part in text.split('\n') {
        lines += 1;
        let chars: Vec<char> = part.chars().collect();
        // Segments: runs of characters no line may break inside.
        let mut segments: Vec<(usize, usize)> = Vec::new();
        let mut start = 0;
        for i in 1..=chars.len() {
            if i == chars.len() || may_break(chars[i - 1], chars[i]) {
                if i > start {
                    segments.push((start, i));
                }
                start = i;
            }
        }
        let mut used = 0;
        let mut last: Option<char> = None;
        for (from, to) in segments {
            let seg = &chars[from..to];
            let seg_width: i32 = seg
                .iter()
                .map(|&c| char_width(c, size, spacing))
                .sum::<i32>()
                + seg
                    .windows(2)
                    .map(|w| joint(w[0], w[1], size, spacing))
                    .sum::<i32>();
            let join = last.map_or(0, |p| joint(p, seg[0], size, spacing));
            if used + join + seg_width <= width {
                used += join + seg_width;
            } else if seg.iter().all(|&c| c == ' ') {
                // Spaces at the end of a line hang in the margin.
            } else if used > 0 && seg_width <= rest {
                lines += 1;
                width = rest;
                used = seg_width;
            } else {
                // A segment wider than a line breaks anywhere.
                if used > 0 {
                    lines += 1;
                    width = rest;
                    used = 0;
                }
                for &c in seg {
                    let w = char_width(c, size, spacing);
                    if used + w > width && used > 0 {
                        lines += 1;
                        width = rest;
                        used = 0;
                    }
                    used += w;
                }
            }
            last = seg.last().copied();
        }
        width = rest;
    }
    lines.max(1)
}

/// A small deterministic generator of awkward texts.
struct Texts(u64);

impl Texts {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn text(&mut self, len: usize) -> String {
        const POOL: &[&str] = &[
            "国", "质", "量", "月", "，", "。", "、", "“", "”", "《", "》", "（", "）", "〔", "〕",
            "2021", "9", "a", "Word", " ", "  ", "\n", "——", "……", "：", "；", "-", "(", ")", ",",
            ".", "😀", "\t", "ＡＢ", "·",
        ];
        (0..len)
            .map(|_| POOL[self.next() as usize % POOL.len()])
            .collect()
    }
}

#[test]
fn break_lines_counts_as_line_count_always_did() {
    let mut texts = Texts(7);
    for round in 0..3000 {
        let text = texts.text(round % 120);
        let first = [WIDTH, WIDTH - 640, 1000, 300, 0][round % 5];
        let rest = [WIDTH, WIDTH - 1280, 2000][round % 3];
        let (size, spacing) = [
            (spec::SIZE_BODY, spec::BODY_CHAR_SPACING),
            (spec::SIZE_TABLE, 0),
            (spec::SIZE_TITLE, 0),
        ][round % 3];
        let lines = break_lines(&text, first, rest, size, spacing);
        assert_eq!(
            lines.len() as u32,
            reference_line_count(&text, first, rest, size, spacing),
            "{text:?} {first} {rest}"
        );
        assert_eq!(
            line_count(&text, first, rest, size, spacing),
            lines.len() as u32
        );
        // The lines hold the text, in order, less the line breaks.
        let joined: Vec<&str> = lines.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(joined.concat(), text.replace('\n', ""), "{text:?}");
        for pair in lines.windows(2) {
            assert!(pair[0].end <= pair[1].start);
        }
    }
}

#[test]
fn break_lines_gives_the_texts_of_the_lines() {
    let text = format!("{}，{}", "国".repeat(28), "甲".repeat(3));
    let lines: Vec<&str> = break_lines(
        &text,
        WIDTH,
        WIDTH,
        spec::SIZE_BODY,
        spec::BODY_CHAR_SPACING,
    )
    .into_iter()
    .map(|r| &text[r])
    .collect();
    // The comma takes the 28th character down with it.
    assert_eq!(
        lines,
        [&"国".repeat(27)[..], &format!("国，{}", "甲".repeat(3))[..]]
    );
    let lines: Vec<&str> = break_lines("甲\n\n乙", WIDTH, WIDTH, spec::SIZE_BODY, 0)
        .into_iter()
        .map(|r| &"甲\n\n乙"[r])
        .collect();
    assert_eq!(lines, ["甲", "", "乙"]);
    let empty = break_lines("", WIDTH, WIDTH, spec::SIZE_BODY, 0);
    assert_eq!(empty.len(), 1);
    assert_eq!(empty[0], 0..0);
}

#[test]
fn lay_out_places_every_line_where_paginate_counts_it() {
    let blocks = lines_of_body(23);
    let layout = lay_out(&blocks);
    assert_eq!(layout.pagination, paginate(&blocks));
    assert_eq!(layout.pieces.len(), 23);
    for (i, piece) in layout.pieces.iter().enumerate() {
        assert_eq!(piece.block, i);
        assert_eq!(piece.kind, PieceKind::Line(0));
        assert_eq!(
            Position {
                page: piece.page,
                y: piece.y
            },
            layout.pagination.starts[i]
        );
        assert_eq!(piece.height, spec::BODY_LINE_SPACING);
    }
    assert_eq!(layout.pieces[22].page, 2);

    // A paragraph of three lines across the foot of page 1.
    let mut blocks = lines_of_body(21);
    blocks.push(paragraph(&"国".repeat(28 * 3)));
    let layout = lay_out(&blocks);
    let last: Vec<(u32, i32, PieceKind)> = layout
        .pieces
        .iter()
        .filter(|p| p.block == 21)
        .map(|p| (p.page, p.y, p.kind))
        .collect();
    let line = spec::BODY_LINE_SPACING;
    assert_eq!(
        last,
        [
            (1, 21 * line, PieceKind::Line(0)),
            (2, 0, PieceKind::Line(1)),
            (2, line, PieceKind::Line(2)),
        ]
    );
}

#[test]
fn lay_out_repeats_the_table_header_on_each_page_and_places_each_row_once() {
    let header: [String; 5] =
        ["序号", "活动内容", "活动时间", "牵头部门", "配合部门"].map(String::from);
    let rows: Vec<[String; 5]> = (1..=100)
        .map(|i| {
            [
                i.to_string(),
                "开展计量专项检查".repeat(1 + i % 4),
                "9月".into(),
                "标准计量股".into(),
                "办公室".into(),
            ]
        })
        .collect();
    let mut blocks = lines_of_body(5);
    blocks.push(Block::TaskTable { header, rows });
    let layout = lay_out(&blocks);
    let pages = layout.pagination.body_pages;
    assert!(pages >= 3);
    let headers: Vec<u32> = layout
        .pieces
        .iter()
        .filter(|p| p.kind == PieceKind::TableHeader)
        .map(|p| p.page)
        .collect();
    assert_eq!(headers, (1..=pages).collect::<Vec<_>>());
    let mut seen = Vec::new();
    for piece in &layout.pieces {
        assert!(piece.y + piece.height <= PAGE, "{piece:?}");
        if let PieceKind::TableRow { row, from, to } = piece.kind {
            assert_eq!(from, 0);
            assert!(to >= 1);
            seen.push(row);
            // A row starts right under the header or the row before it.
            let above = layout
                .pieces
                .iter()
                .rev()
                .find(|p| p.page == piece.page && p.y < piece.y)
                .unwrap();
            assert_eq!(above.y + above.height, piece.y);
        }
    }
    assert_eq!(seen, (0..100).collect::<Vec<_>>());
    let last = layout.pieces.last().unwrap();
    assert_eq!(last.page, pages);
    assert_eq!(last.y + last.height, layout.pagination.last_page_used);
}

#[test]
fn a_row_taller_than_a_page_is_split_across_pages_in_order() {
    let header: [String; 5] =
        ["序号", "活动内容", "活动时间", "牵头部门", "配合部门"].map(String::from);
    let rows = vec![[
        "1".to_owned(),
        "国".repeat(1200),
        String::new(),
        String::new(),
        String::new(),
    ]];
    let layout = lay_out(&[Block::TaskTable { header, rows }]);
    let parts: Vec<(u32, u32, u32)> = layout
        .pieces
        .iter()
        .filter_map(|p| match p.kind {
            PieceKind::TableRow { from, to, .. } => Some((p.page, from, to)),
            _ => None,
        })
        .collect();
    assert!(parts.len() >= 2, "{parts:?}");
    for pair in parts.windows(2) {
        assert_eq!(pair[0].2, pair[1].1);
        assert_eq!(pair[0].0 + 1, pair[1].0);
    }
    assert_eq!(parts[0].1, 0);
    assert_eq!(parts.last().unwrap().0, layout.pagination.body_pages);
}

#[test]
fn every_block_of_the_samples_has_as_many_line_pieces_as_lines() {
    use crate::draft::DraftEnvelope;
    for name in ["city-plan-table.json", "county-plan-sections.json"] {
        let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        let notice = DraftEnvelope::from_json(&std::fs::read_to_string(path).unwrap())
            .unwrap()
            .notice;
        let blocks = crate::compose::blocks(&notice);
        let layout = lay_out(&blocks);
        for (i, block) in blocks.iter().enumerate() {
            let lines = layout
                .pieces
                .iter()
                .filter(|p| p.block == i && matches!(p.kind, PieceKind::Line(_)))
                .count();
            if let Block::Paragraph { spans, indent, .. } = block {
                assert_eq!(lines as u32, paragraph_lines(spans, *indent), "{name} {i}");
            }
            if matches!(block, Block::Imprint { .. }) {
                assert_eq!(lines, 0);
            }
        }
        // Pieces come in reading order.
        for pair in layout.pieces.windows(2) {
            assert!(
                (pair[0].page, pair[0].y) < (pair[1].page, pair[1].y),
                "{name}"
            );
        }
    }
}

#[test]
fn the_space_between_ideographs_and_latin_is_what_text_width_counts() {
    for text in ["年2021年", "国(国", "质量月Word", "第16个", "abc", "国国"] {
        let chars: Vec<char> = text.chars().collect();
        let advances: i32 = chars
            .iter()
            .map(|&c| char_width(c, spec::SIZE_BODY, spec::BODY_CHAR_SPACING))
            .sum();
        let between: i32 = chars
            .windows(2)
            .map(|w| space_between(w[0], w[1], spec::SIZE_BODY, spec::BODY_CHAR_SPACING))
            .sum();
        assert_eq!(
            advances + between,
            text_width(text, spec::SIZE_BODY, spec::BODY_CHAR_SPACING),
            "{text}"
        );
    }
    assert_eq!(space_between('年', '2', 32, 0), 64);
    assert_eq!(space_between('国', '国', 32, -5), 0);
}

#[test]
fn an_attachment_starts_a_page_with_its_label_and_its_title_on_line_3() {
    let line = spec::BODY_LINE_SPACING;
    let mut blocks = lines_of_body(3);
    blocks.push(Block::AttachmentLabel("附件2".into()));
    blocks.push(Block::Title {
        lines: vec!["活动信息报送表".into()],
    });
    blocks.push(Block::Table {
        header: vec!["序号".into(), "单位".into()],
        rows: vec![vec!["1".into(), "质量股".into()]; 3],
    });
    blocks.push(imprint());
    let layout = lay_out(&blocks);
    let starts = &layout.pagination.starts;
    assert_eq!(starts[3], Position { page: 2, y: 0 });
    assert_eq!(
        starts[4],
        Position {
            page: 2,
            y: 2 * line
        }
    );
    // One blank line under the title, then the table.
    assert_eq!(
        starts[5],
        Position {
            page: 2,
            y: 4 * line
        }
    );
    let rows: Vec<&Piece> = layout.pieces.iter().filter(|p| p.block == 5).collect();
    assert_eq!(rows.len(), 4, "header and three rows");
    assert_eq!(layout.pagination.body_pages, 2);
    // An attachment on an even page: the 版记 shares it.
    assert_eq!(layout.pagination.imprint, ImprintPlacement::LastBodyPage);
    // A label at the very top of a page does not leave that page blank.
    let mut full = lines_of_body(22);
    full.push(Block::AttachmentLabel("附件".into()));
    let layout = lay_out(&full);
    assert_eq!(layout.pagination.starts[22], Position { page: 2, y: 0 });
    assert_eq!(layout.pagination.body_pages, 2);
}
