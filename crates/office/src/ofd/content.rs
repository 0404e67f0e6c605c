//! A page's `Content.xml`: one layer holding a `TextObject` per run of one
//! font on a line (GB/T 33190-2016 §11.3, `TextCode` with explicit `DeltaX`)
//! and a `PathObject` per rule or border (§9.1).

use super::sheet::{Element, Glyphs, Sheet, Stroke};
use super::xml::{deltas, escape, num, DECLARATION, NS};
use super::Ids;
use std::fmt::Write;

/// The text objects of a page written for the tags: (element, object id).
pub type Tagged = Vec<(Element, u32)>;

/// The page's content part; `fonts` gives each face's font id.
pub fn page(sheet: &Sheet, ids: &mut Ids, font_id: impl Fn(&Glyphs) -> u32) -> (String, Tagged) {
    let mut xml = String::new();
    let mut tagged = Vec::new();
    let _ = write!(
        xml,
        r#"{DECLARATION}<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="{}">"#,
        ids.next()
    );
    for g in &sheet.glyphs {
        let id = ids.next();
        text_object(&mut xml, g, id, font_id(g));
        tagged.push((g.element, id));
    }
    for s in &sheet.strokes {
        path_object(&mut xml, s, ids.next());
    }
    xml.push_str("</ofd:Layer></ofd:Content></ofd:Page>");
    (xml, tagged)
}

const RED: &str = "255 0 0";
const BLACK: &str = "0 0 0";

/// Share of the size above the baseline and below it that the object's
/// boundary holds: the ink of CJK glyphs and of Latin descenders.
const ASCENT: f64 = 1.0;
const DESCENT: f64 = 0.3;

fn text_object(xml: &mut String, g: &Glyphs, id: u32, font: u32) {
    let x = g.x;
    let y = g.baseline - ASCENT * g.size;
    let width = g.width().max(g.size * 0.1);
    let height = (ASCENT + DESCENT) * g.size;
    let _ = write!(
        xml,
        r#"<ofd:TextObject ID="{id}" Boundary="{} {} {} {}" Font="{font}" Size="{}""#,
        num(x),
        num(y),
        num(width),
        num(height),
        num(g.size)
    );
    if (g.hscale - 1.0).abs() > 1e-4 {
        let _ = write!(xml, r#" HScale="{}""#, num(g.hscale));
    }
    xml.push('>');
    if g.red {
        let _ = write!(xml, r#"<ofd:FillColor Value="{RED}"/>"#);
    }
    // One TextCode per stretch without whitespace: a space is positioned
    // by the advances and never drawn, and readers trim it from text.
    let offsets: Vec<f64> = std::iter::once(0.0)
        .chain(g.advances.iter().scan(0.0, |at, a| {
            *at += a;
            Some(*at)
        }))
        .collect();
    let mut k = 0;
    while k < g.text.len() {
        if g.text[k].is_whitespace() {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        while end < g.text.len() && !g.text[end].is_whitespace() {
            end += 1;
        }
        let text: String = g.text[k..end].iter().collect();
        let _ = write!(
            xml,
            r#"<ofd:TextCode X="{}" Y="{}""#,
            num(offsets[k]),
            num(ASCENT * g.size)
        );
        if end - k > 1 {
            let _ = write!(xml, r#" DeltaX="{}""#, deltas(&g.advances[k..end - 1]));
        }
        let _ = write!(xml, ">{}</ofd:TextCode>", escape(&text));
        k = end;
    }
    xml.push_str("</ofd:TextObject>");
}

fn path_object(xml: &mut String, s: &Stroke, id: u32) {
    // The boundary holds the whole stroke; the path runs along its middle.
    let half = s.width / 2.0;
    let x = s.from.0.min(s.to.0) - half;
    let y = s.from.1.min(s.to.1) - half;
    let w = (s.from.0 - s.to.0).abs() + s.width;
    let h = (s.from.1 - s.to.1).abs() + s.width;
    let colour = if s.red { RED } else { BLACK };
    // Both colours: some readers stroke with the fill colour.
    let _ = write!(
        xml,
        r#"<ofd:PathObject ID="{id}" Boundary="{} {} {} {}" LineWidth="{}"><ofd:StrokeColor Value="{colour}"/><ofd:FillColor Value="{colour}"/><ofd:AbbreviatedData>M {} {} L {} {}</ofd:AbbreviatedData></ofd:PathObject>"#,
        num(x),
        num(y),
        num(w),
        num(h),
        num(s.width),
        num(s.from.0 - x),
        num(s.from.1 - y),
        num(s.to.0 - x),
        num(s.to.1 - y),
    );
}
