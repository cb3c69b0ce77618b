//! A proposal as an A4 PDF, laid out here and written with `pdf-writer`: the centre, the client
//! and the dates, the template's text, the lines, the totals and page numbers. It uses the
//! standard Helvetica faces (no font files to ship) with WinAnsi encoding, which covers Spanish
//! and Basque; a character outside it prints as `?`.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use types::fmt::{hours, money, percent};
use types::{Locale, Msg, ProposalView};

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
const BOTTOM: f32 = 72.0;
const REGULAR: Name<'static> = Name(b"F1");
const BOLD: Name<'static> = Name(b"F2");

/// Renders `p` as a PDF issued by `centre`, with labels in `locale`.
pub fn proposal_pdf(p: &ProposalView, centre: &str, locale: Locale) -> Vec<u8> {
    let t = |m: Msg| m.text(locale);
    let mut doc = Layout::new();
    let right = PAGE_W - MARGIN;

    // Issuer and title.
    doc.text(MARGIN, doc.y, centre, true, 16.0);
    doc.text_right(right, doc.y, t(Msg::PropDocument), true, 16.0);
    doc.y -= 18.0;
    doc.text_right(right, doc.y, &t(Msg::PropNumbered).replace("{n}", &p.id.0.to_string()), false, 10.0);
    doc.y -= 28.0;

    // Client and dates.
    let top = doc.y;
    doc.text(MARGIN, doc.y, t(Msg::PropClient), true, 9.0);
    doc.y -= 14.0;
    doc.text(MARGIN, doc.y, &p.organization_name, false, 11.0);
    if let Some(c) = &p.contact_name {
        doc.y -= 14.0;
        doc.text(MARGIN, doc.y, &format!("{}: {c}", t(Msg::PropContact)), false, 10.0);
    }
    doc.y -= 14.0;
    doc.text(MARGIN, doc.y, &p.opportunity_title, false, 10.0);
    let left_end = doc.y;
    doc.y = top;
    let dates = [
        (t(Msg::PropIssueDate), types::fmt::day(locale, p.issue_date)),
        (t(Msg::PropValidUntil), types::fmt::day(locale, p.valid_until)),
        (t(Msg::FieldStatus), p.state.label().text(locale).to_string()),
    ];
    for (label, value) in dates {
        doc.text_right(right - 90.0, doc.y, label, true, 9.0);
        doc.text_right(right, doc.y, &value, false, 10.0);
        doc.y -= 14.0;
    }
    doc.y = doc.y.min(left_end) - 24.0;

    // The template's text, paragraph by paragraph.
    for para in p.text.split('\n') {
        if para.trim().is_empty() {
            doc.y -= 7.0;
            continue;
        }
        for line in wrap(para.trim_end(), PAGE_W - 2.0 * MARGIN, 10.0) {
            doc.need(14.0);
            doc.text(MARGIN, doc.y, &line, false, 10.0);
            doc.y -= 14.0;
        }
    }
    doc.y -= 16.0;

    // Lines.
    let cols = [MARGIN + 4.0, right - 175.0, right - 85.0, right - 4.0];
    let header = |doc: &mut Layout| {
        doc.fill_rect(MARGIN, doc.y - 6.0, PAGE_W - 2.0 * MARGIN, 20.0, 0.93);
        doc.text(cols[0], doc.y, t(Msg::PropLineDescription), true, 9.0);
        doc.text_right(cols[1], doc.y, t(Msg::PropLineQuantity), true, 9.0);
        doc.text_right(cols[2], doc.y, t(Msg::PropLinePrice), true, 9.0);
        doc.text_right(cols[3], doc.y, t(Msg::PropLineAmount), true, 9.0);
        doc.y -= 22.0;
    };
    doc.need(60.0);
    header(&mut doc);
    for l in &p.lines {
        let desc = wrap(&l.description, cols[1] - cols[0] - 60.0, 10.0);
        let height = 14.0 * desc.len() as f32 + 6.0;
        if doc.need(height) {
            header(&mut doc);
        }
        let (qty, price) = match (l.minutes, l.quantity) {
            (Some(m), _) => (hours(locale, m), format!("{}/h", money(locale, l.unit_cents))),
            (None, q) => (q.unwrap_or(1).to_string(), money(locale, l.unit_cents)),
        };
        // The description first, so text readers give each line in reading order.
        let first = doc.y;
        for d in desc {
            doc.text(cols[0], doc.y, &d, false, 10.0);
            doc.y -= 14.0;
        }
        doc.text_right(cols[1], first, &qty, false, 10.0);
        doc.text_right(cols[2], first, &price, false, 10.0);
        doc.text_right(cols[3], first, &money(locale, l.amount_cents), false, 10.0);
        doc.rule(MARGIN, doc.y + 8.0, right);
        doc.y -= 6.0;
    }
    doc.y -= 10.0;

    // Totals.
    let mut rows = vec![(t(Msg::PropSubtotal).to_string(), p.subtotal_cents, false)];
    if p.discount_bp > 0 {
        rows.push((t(Msg::PropDiscount).replace("{p}", &percent(locale, p.discount_bp)), -p.discount_cents, false));
        rows.push((t(Msg::PropTaxable).to_string(), p.taxable_cents, false));
    }
    if p.vat_exempt {
        rows.push((t(Msg::PropVatExempt).to_string(), 0, false));
    } else {
        rows.push((t(Msg::PropVat).replace("{p}", &percent(locale, p.vat_bp)), p.vat_cents, false));
    }
    rows.push((t(Msg::PropTotal).to_string(), p.total_cents, true));
    doc.need(18.0 * rows.len() as f32 + 10.0);
    for (label, cents, strong) in rows {
        if strong {
            doc.rule(right - 260.0, doc.y + 12.0, right);
            doc.y -= 4.0;
        }
        let size = if strong { 12.0 } else { 10.0 };
        doc.text_right(cols[2] - 10.0, doc.y, &label, strong, size);
        doc.text_right(cols[3], doc.y, &money(locale, cents), strong, size);
        doc.y -= 18.0;
    }

    let title = format!("{} {} · {}", t(Msg::PropDocument), p.id.0, p.organization_name);
    doc.finish(&title, |n, m| t(Msg::PropPage).replace("{n}", &n.to_string()).replace("{m}", &m.to_string()))
}

/// Pages being filled top to bottom.
struct Layout {
    pages: Vec<Content>,
    y: f32,
}

impl Layout {
    fn new() -> Self {
        Layout { pages: vec![Content::new()], y: PAGE_H - MARGIN - 10.0 }
    }

    fn page(&mut self) -> &mut Content {
        self.pages.last_mut().expect("a layout always has a page")
    }

    /// Starts a new page when fewer than `height` points are left; says whether it did.
    fn need(&mut self, height: f32) -> bool {
        if self.y - height >= BOTTOM {
            return false;
        }
        self.pages.push(Content::new());
        self.y = PAGE_H - MARGIN - 10.0;
        true
    }

    fn text(&mut self, x: f32, y: f32, s: &str, bold: bool, size: f32) {
        let bytes = winansi(s);
        let c = self.page();
        c.begin_text();
        c.set_font(if bold { BOLD } else { REGULAR }, size);
        c.next_line(x, y);
        c.show(Str(&bytes));
        c.end_text();
    }

    fn text_right(&mut self, x: f32, y: f32, s: &str, bold: bool, size: f32) {
        self.text(x - width(s, bold, size), y, s, bold, size);
    }

    fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, grey: f32) {
        let c = self.page();
        c.save_state();
        c.set_fill_gray(grey);
        c.rect(x, y, w, h);
        c.fill_nonzero();
        c.restore_state();
    }

    fn rule(&mut self, x1: f32, y: f32, x2: f32) {
        let c = self.page();
        c.save_state();
        c.set_stroke_gray(0.75);
        c.set_line_width(0.5);
        c.move_to(x1, y);
        c.line_to(x2, y);
        c.stroke();
        c.restore_state();
    }

    /// Adds the page numbers and writes the document.
    fn finish(mut self, title: &str, footer: impl Fn(usize, usize) -> String) -> Vec<u8> {
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
fn wrap(s: &str, max: f32, size: f32) -> Vec<String> {
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
fn width(s: &str, bold: bool, size: f32) -> f32 {
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
