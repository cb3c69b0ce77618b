//! A proposal as an A4 PDF (laid out with [`crate::pdf`]): the centre, the client and the dates,
//! the template's text, the lines, the totals and page numbers.

use types::fmt::{hours, money, percent};
use types::{Locale, Msg, ProposalView};

use crate::pdf::{wrap, Layout, MARGIN, PAGE_W};

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
