//! What the OFD parts are written from: a page of positioned glyph runs and
//! stroked lines, in millimetres from the page's top-left corner (the OFD
//! page space of GB/T 33190-2016 §7.7: units mm, y down).

/// The typefaces a notice uses; the file names them by the font setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Title,
    Body,
    Hei,
    Kai,
    Song,
}

pub const FACES: [Face; 5] = [Face::Title, Face::Body, Face::Hei, Face::Kai, Face::Song];

/// A GB/T 9704 element a text belongs to, for the semantic tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Element {
    CopyNumber,
    Secrecy,
    Urgency,
    OrganMark,
    DocNumber,
    Signer,
    Title,
    Recipients,
    Body,
    Attachments,
    Signature,
    Date,
    Note,
    AttachedPlan,
    Cc,
    Printer,
    PrintDate,
    PageNumber,
}

/// One run of glyphs in one font on one line.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyphs {
    pub face: Face,
    /// Font size (the em), mm.
    pub size: f64,
    /// The first glyph's origin: its left edge and the baseline.
    pub x: f64,
    pub baseline: f64,
    /// The glyphs, whitespace included (it is positioned, never drawn).
    pub text: Vec<char>,
    /// From each glyph's origin to the next one's: `text.len() - 1` values.
    pub advances: Vec<f64>,
    pub red: bool,
    /// Horizontal scale of the glyphs where the layout condenses a line
    /// beyond its character spacing; 1 otherwise.
    pub hscale: f64,
    pub element: Element,
}

impl Glyphs {
    /// The run's width: its advances and the last glyph's own.
    pub fn width(&self) -> f64 {
        let last = self.text.last().map_or(0.0, |&c| self.advance_of(c));
        self.advances.iter().sum::<f64>() + last
    }

    /// A glyph's own advance (full- or half-width em).
    pub fn advance_of(&self, c: char) -> f64 {
        let em = self.size * self.hscale;
        if notice_core::pagination::char_width(c, 2, 0) == 10 {
            em / 2.0
        } else {
            em
        }
    }
}

/// A stroked straight line (rules and table borders).
#[derive(Debug, Clone, PartialEq)]
pub struct Stroke {
    pub from: (f64, f64),
    pub to: (f64, f64),
    /// mm.
    pub width: f64,
    pub red: bool,
}

/// One page as drawn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub glyphs: Vec<Glyphs>,
    pub strokes: Vec<Stroke>,
}
