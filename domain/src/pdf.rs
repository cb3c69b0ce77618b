//! A4 PDF documents laid out top to bottom and written with `pdf-writer` (proposals, invoices).
//! They use the standard Helvetica faces (no font files to ship) with WinAnsi encoding, which
//! covers Spanish and Basque; a character outside it prints as `?`.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

pub(crate) const PAGE_W: f32 = 595.0;
pub(crate) const PAGE_H: f32 = 842.0;
pub(crate) const MARGIN: f32 = 56.0;
const BOTTOM: f32 = 72.0;
const REGULAR: Name<'static> = Name(b"F1");
const BOLD: Name<'static> = Name(b"F2");

/// Pages being filled top to bottom.
pub(crate) struct Layout {
    pages: Vec<Content>,
    pub y: f32,
}

impl Layout {
    pub fn new() -> Self {
        Layout { pages: vec![Content::new()], y: PAGE_H - MARGIN - 10.0 }
    }

    fn page(&mut self) -> &mut Content {
        self.pages.last_mut().expect("a layout always has a page")
    }

    /// Starts a new page when fewer than `height` points are left; says whether it did.
    pub fn need(&mut self, height: f32) -> bool {
        if self.y - height >= BOTTOM {
            return false;
        }
        self.pages.push(Content::new());
        self.y = PAGE_H - MARGIN - 10.0;
        true
    }

    pub fn text(&mut self, x: f32, y: f32, s: &str, bold: bool, size: f32) {
        let bytes = winansi(s);
        let c = self.page();
        c.begin_text();
        c.set_font(if bold { BOLD } else { REGULAR }, size);
        c.next_line(x, y);
        c.show(Str(&bytes));
        c.end_text();
    }

    pub fn text_right(&mut self, x: f32, y: f32, s: &str, bold: bool, size: f32) {
        self.text(x - width(s, bold, size), y, s, bold, size);
    }

    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, grey: f32) {
        let c = self.page();
        c.save_state();
        c.set_fill_gray(grey);
        c.rect(x, y, w, h);
        c.fill_nonzero();
        c.restore_state();
    }

    pub fn rule(&mut self, x1: f32, y: f32, x2: f32) {
        let c = self.page();
        c.save_state();
        c.set_stroke_gray(0.75);
        c.set_line_width(0.5);
        c.move_to(x1, y);
        c.line_to(x2, y);
        c.stroke();
        c.restore_state();
    }

    /// A QR symbol `size` points wide, its top-left corner at (`x`, `y`): `n` × `n` modules, row
    /// by row from the top, `dark` where set. Each module overlaps its neighbours by a hair so
    /// that no light seam shows between dark ones.
    pub fn qr(&mut self, x: f32, y: f32, size: f32, n: usize, dark: &[bool]) {
        let m = size / n as f32;
        let c = self.page();
        c.save_state();
        c.set_fill_gray(0.0);
        for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
            let (row, col) = ((i / n) as f32, (i % n) as f32);
            c.rect(x + col * m, y - (row + 1.0) * m, m + 0.05, m + 0.05);
        }
        c.fill_nonzero();
        c.restore_state();
    }

    /// Adds the page numbers and writes the document.
    pub fn finish(mut self, title: &str, footer: impl Fn(usize, usize) -> String) -> Vec<u8> {
        let total = self.pages.len();
        let mut pdf = Pdf::new();
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let regular = Ref::new(3);
        let bold = Ref::new(4);
        let info = Ref::new(5);
        let first = 6;
        let page_ids: Vec<Ref> = (0..total).map(|i| Ref::new(first + 2 * i as i32)).collect();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree).kids(page_ids.iter().copied()).count(total as i32);
        pdf.type1_font(regular).base_font(Name(b"Helvetica")).encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.type1_font(bold).base_font(Name(b"Helvetica-Bold")).encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.document_info(info).title(TextStr(title)).producer(TextStr("Aula"));
        for (i, content) in std::mem::take(&mut self.pages).into_iter().enumerate() {
            let mut content = content;
            let label = footer(i + 1, total);
            let bytes = winansi(&label);
            content.begin_text();
            content.set_font(REGULAR, 8.0);
            content.next_line(PAGE_W - MARGIN - width(&label, false, 8.0), 40.0);
            content.show(Str(&bytes));
            content.end_text();
            let id = page_ids[i];
            let content_id = Ref::new(id.get() + 1);
            let mut page = pdf.page(id);
            page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
            page.parent(tree);
            page.contents(content_id);
            page.resources().fonts().pair(REGULAR, regular).pair(BOLD, bold);
            page.finish();
            pdf.stream(content_id, &content.finish());
        }
        pdf.finish()
    }
}

/// Splits `s` into lines no wider than `max` points at `size`, breaking at spaces (a word longer
/// than a line is cut).
pub(crate) fn wrap(s: &str, max: f32, size: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if width(&candidate, false, size) <= max || line.is_empty() && width(word, false, size) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut rest = word.to_string();
        while width(&rest, false, size) > max {
            let mut cut = rest.len();
            while cut > 1 && width(&rest[..cut], false, size) > max {
                cut = rest[..cut].char_indices().last().map(|(i, _)| i).unwrap_or(1);
            }
            lines.push(rest[..cut].to_string());
            rest = rest[cut..].to_string();
        }
        line = rest;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `s` in WinAnsi (Windows-1252); spaces that are not in it become plain spaces, anything else
/// outside it `?`.
fn winansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '\u{a0}'..='\u{ff}' => c as u32 as u8,
            '€' => 0x80,
            '‚' => 0x82,
            '„' => 0x84,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            '™' => 0x99,
            '\u{2000}'..='\u{200a}' | '\u{202f}' | '\t' => b' ',
            _ => b'?',
        })
        .collect()
}

/// The width of `s` in points (Helvetica metrics, in thousandths of the size).
pub(crate) fn width(s: &str, bold: bool, size: f32) -> f32 {
    let units: u32 = s.chars().map(|c| glyph_width(c, bold)).sum();
    units as f32 * size / 1000.0
}

// Widths of ASCII 32..=126 in Helvetica and Helvetica-Bold (Adobe's AFM files).
const REGULAR_ASCII: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
    556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
    260, 334, 584,
];
const BOLD_ASCII: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611,
    556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
    280, 389, 584,
];

fn glyph_width(c: char, bold: bool) -> u32 {
    let table = if bold { &BOLD_ASCII } else { &REGULAR_ASCII };
    let ascii = |b: char| u32::from(table[(b as usize) - 32]);
    match c {
        ' '..='~' => ascii(c),
        // Accented letters are as wide as their base letter.
        'À'..='Å' => ascii('A'),
        'Ç' => ascii('C'),
        'È'..='Ë' => ascii('E'),
        'Ì'..='Ï' => ascii('I'),
        'Ñ' => ascii('N'),
        'Ò'..='Ö' | 'Ø' => ascii('O'),
        'Ù'..='Ü' => ascii('U'),
        'Ý' => ascii('Y'),
        'à'..='å' => ascii('a'),
        'ç' => ascii('c'),
        'è'..='ë' => ascii('e'),
        'ì'..='ï' => ascii('i').max(278),
        'ñ' => ascii('n'),
        'ò'..='ö' | 'ø' => ascii('o'),
        'ù'..='ü' => ascii('u'),
        'ý' | 'ÿ' => ascii('y'),
        '\u{a0}' | '·' | '\u{2000}'..='\u{200a}' | '\u{202f}' => 278,
        '¡' => 333,
        '¿' => 611,
        'ª' => 370,
        'º' => 365,
        '«' | '»' | '€' | '–' => 556,
        '—' | 'Æ' => 1000,
        '°' => 400,
        '‘' | '’' => {
            if bold {
                278
            } else {
                222
            }
        }
        '“' | '”' => 500,
        _ => 556,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_encoded_as_winansi_with_the_euro_sign() {
        assert_eq!(winansi("Añó 5\u{a0}€"), vec![b'A', 0xf1, 0xf3, b' ', b'5', 0xa0, 0x80]);
        assert_eq!(winansi("日"), vec![b'?']);
    }

    #[test]
    fn long_text_wraps_at_spaces_within_the_width() {
        let s = "Formación en prevención de riesgos laborales para el personal de almacén y oficinas";
        let lines = wrap(s, 200.0, 10.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, false, 10.0) <= 200.0));
        assert_eq!(lines.join(" "), s);
    }
}
