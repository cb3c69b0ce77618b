//! An invoice as an A4 PDF in its recipient's language (the wording the law fixes stays in
//! Spanish): at the top the QR the AEAT asks for (ISO 18004, error correction M, 35 mm, with
//! "QR tributario:" above it and "VERI*FACTU" below), the issuer and the recipient, number and
//! dates, the lines with their VAT, the breakdown per rate with the exemption's legal reference,
//! the totals and how to pay. A draft prints without QR and says it has no fiscal validity.

use qrcode::{Color, EcLevel, QrCode};
use types::fmt::{day, hours, money, percent};
use types::{InvoiceState, InvoiceView, IssuerView, Locale, Msg};

use super::invoices::TRAINING_EXEMPTION;
use super::verifactu::{qr_url, Environment};
use crate::pdf::{wrap, Layout, MARGIN, PAGE_W};
use crate::validate::Iban;

/// The QR's side: 35 mm in points, within the 30–40 mm the AEAT's specification allows.
const QR_SIZE: f32 = 35.0 / 25.4 * 72.0;

/// The QR's modules (`n` × `n`, dark where set) for `text` at error-correction level M.
pub fn qr_modules(text: &str) -> (usize, Vec<bool>) {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .expect("a verification address fits in a QR code");
    let n = code.width();
    (n, code.to_colors().into_iter().map(|c| c == Color::Dark).collect())
}

/// Renders `inv` of `issuer`; the QR points at the AEAT's `env`.
pub fn invoice_pdf(inv: &InvoiceView, issuer: &IssuerView, env: Environment) -> Vec<u8> {
    let locale = Locale::parse(&inv.language).unwrap_or(Locale::Es);
    let t = |m: Msg| m.text(locale);
    let mut doc = Layout::new();
    let right = PAGE_W - MARGIN;
    let top = doc.y;

    // The QR first, at the top right, as the AEAT asks: only an issued invoice has one.
    let qr_left = right - QR_SIZE;
    let mut qr_end = top;
    if let (Some(number), Some(issued_on), InvoiceState::Issued | InvoiceState::Cancelled) =
        (&inv.number, inv.issue_date, inv.state)
    {
        let url = qr_url(env, &inv.issuer_nif, number, issued_on, inv.total_cents);
        let (n, dark) = qr_modules(&url);
        doc.text(qr_left, top, "QR tributario:", true, 8.0);
        doc.qr(qr_left, top - 8.0, QR_SIZE, n, &dark);
        let legend = "VERI*FACTU";
        let legend_x = qr_left + (QR_SIZE - crate::pdf::width(legend, true, 9.0)) / 2.0;
        doc.text(legend_x, top - 8.0 - QR_SIZE - 12.0, legend, true, 9.0);
        qr_end = top - 8.0 - QR_SIZE - 24.0;
    }

    // The issuer.
    doc.text(MARGIN, doc.y, &issuer.legal_name, true, 14.0);
    doc.y -= 16.0;
    let place = [issuer.postal_code.as_str(), issuer.city.as_str()].join(" ");
    let province = if issuer.province.is_empty() { String::new() } else { format!("({})", issuer.province) };
    for line in [
        format!("{} {}", t(Msg::InvTaxId), issuer.nif),
        issuer.address.clone(),
        [place.trim(), province.as_str()].join(" ").trim().to_string(),
        issuer.email.clone(),
    ] {
        if !line.trim().is_empty() {
            doc.text(MARGIN, doc.y, &line, false, 10.0);
            doc.y -= 13.0;
        }
    }
    doc.y = doc.y.min(qr_end) - 14.0;

    // Title, number and dates.
    let title = match inv.kind {
        types::InvoiceKind::F1 => t(Msg::InvoiceKindF1),
        types::InvoiceKind::F2 => t(Msg::InvoiceKindF2),
        _ => t(Msg::InvTitleRectifying),
    };
    doc.text(MARGIN, doc.y, title, true, 18.0);
    let mut facts: Vec<(&str, String)> = Vec::new();
    match &inv.number {
        Some(n) => facts.push((t(Msg::InvNumber), n.clone())),
        None => facts.push((t(Msg::InvNumber), "—".into())),
    }
    if let Some(d) = inv.issue_date {
        facts.push((t(Msg::InvIssueDate), day(locale, d)));
    }
    if let Some(d) = inv.operation_date.filter(|d| Some(*d) != inv.issue_date) {
        facts.push((t(Msg::InvOperationDate), day(locale, d)));
    }
    // Paid in full (a counter sale): when and how, instead of a due date and a bank account.
    let settled = (inv.total_cents != 0 && inv.paid_cents == inv.total_cents).then(|| inv.payments.last()).flatten();
    if let Some(d) = inv.due_date.filter(|_| settled.is_none()) {
        facts.push((t(Msg::InvDueDate), day(locale, d)));
    }
    for (label, value) in facts {
        doc.text_right(right - 110.0, doc.y, label, true, 9.0);
        doc.text_right(right, doc.y, &value, false, 10.0);
        doc.y -= 14.0;
    }
    doc.y -= 6.0;
    match (inv.state, &inv.cancel_reason) {
        (InvoiceState::Draft, _) => {
            doc.text(MARGIN, doc.y, t(Msg::InvDraftNotice), true, 11.0);
            doc.y -= 18.0;
        }
        (InvoiceState::Cancelled, reason) => {
            let notice = t(Msg::InvCancelledNotice).replace("{reason}", reason.as_deref().unwrap_or(""));
            for line in wrap(&notice, PAGE_W - 2.0 * MARGIN, 11.0) {
                doc.text(MARGIN, doc.y, &line, true, 11.0);
                doc.y -= 14.0;
            }
            doc.y -= 4.0;
        }
        _ => {}
    }

    // The recipient.
    let r = &inv.recipient;
    if !r.name.is_empty() {
        doc.fill_rect(MARGIN, doc.y - 4.0, PAGE_W - 2.0 * MARGIN, 16.0, 0.93);
        doc.text(MARGIN + 4.0, doc.y, t(Msg::InvRecipient), true, 9.0);
        doc.y -= 18.0;
        doc.text(MARGIN + 4.0, doc.y, &r.name, true, 11.0);
        doc.y -= 14.0;
        if !r.tax_id.is_empty() {
            let id = if r.country == "ES" { r.tax_id.clone() } else { format!("{}{}", r.country, r.tax_id) };
            doc.text(MARGIN + 4.0, doc.y, &format!("{} {id}", t(Msg::InvTaxId)), false, 10.0);
            doc.y -= 13.0;
        }
        for line in r.address.lines().filter(|l| !l.trim().is_empty()) {
            doc.text(MARGIN + 4.0, doc.y, line.trim(), false, 10.0);
            doc.y -= 13.0;
        }
        doc.y -= 8.0;
    }
    if let (Some(n), Some(mode)) = (&inv.rectifies_number, inv.rectification) {
        let text = t(Msg::InvRectifies).replace("{n}", n).replace("{mode}", &mode.label().text(locale).to_lowercase());
        doc.text(MARGIN, doc.y, &text, false, 10.0);
        doc.y -= 16.0;
    }
    for line in wrap(&inv.description, PAGE_W - 2.0 * MARGIN, 10.0) {
        doc.text(MARGIN, doc.y, &line, false, 10.0);
        doc.y -= 14.0;
    }
    doc.y -= 8.0;

    // The lines.
    let cols = [MARGIN + 4.0, right - 250.0, right - 180.0, right - 132.0, right - 84.0, right - 4.0];
    let header = |doc: &mut Layout| {
        doc.fill_rect(MARGIN, doc.y - 6.0, PAGE_W - 2.0 * MARGIN, 20.0, 0.93);
        doc.text(cols[0], doc.y, t(Msg::PropLineDescription), true, 9.0);
        doc.text_right(cols[1], doc.y, t(Msg::PropLineQuantity), true, 9.0);
        doc.text_right(cols[2], doc.y, t(Msg::PropLinePrice), true, 9.0);
        doc.text_right(cols[3], doc.y, t(Msg::InvDiscount), true, 9.0);
        doc.text_right(cols[4], doc.y, t(Msg::InvVat), true, 9.0);
        doc.text_right(cols[5], doc.y, t(Msg::InvBase), true, 9.0);
        doc.y -= 22.0;
    };
    doc.need(60.0);
    header(&mut doc);
    for l in &inv.lines {
        let desc = wrap(&l.description, cols[1] - cols[0] - 50.0, 10.0);
        if doc.need(14.0 * desc.len() as f32 + 6.0) {
            header(&mut doc);
        }
        let (qty, price) = match (l.minutes, l.quantity) {
            (Some(m), _) => (hours(locale, m), format!("{}/h", money(locale, l.unit_cents))),
            (None, q) => (q.unwrap_or(1).to_string(), money(locale, l.unit_cents)),
        };
        let vat = if l.exempt { t(Msg::InvExempt).to_string() } else { percent(locale, l.vat_bp) };
        let discount = if l.discount_bp > 0 { percent(locale, l.discount_bp) } else { String::new() };
        let first = doc.y;
        for d in desc {
            doc.text(cols[0], doc.y, &d, false, 10.0);
            doc.y -= 14.0;
        }
        doc.text_right(cols[1], first, &qty, false, 10.0);
        doc.text_right(cols[2], first, &price, false, 10.0);
        doc.text_right(cols[3], first, &discount, false, 10.0);
        doc.text_right(cols[4], first, &vat, false, 10.0);
        doc.text_right(cols[5], first, &money(locale, l.base_cents), false, 10.0);
        doc.rule(MARGIN, doc.y + 8.0, right);
        doc.y -= 6.0;
    }
    doc.y -= 12.0;

    // The VAT breakdown per rate, the exemption's legal reference, and the totals.
    let exempt = inv.breakdown.iter().any(|r| r.exempt);
    doc.need(18.0 * (inv.breakdown.len() as f32 + 5.0) + if exempt { 16.0 } else { 0.0 });
    let bcols = [right - 250.0, right - 150.0, right - 4.0];
    doc.text_right(bcols[0], doc.y, t(Msg::InvBase), true, 9.0);
    doc.text_right(bcols[1], doc.y, t(Msg::InvVat), true, 9.0);
    doc.text_right(bcols[2], doc.y, t(Msg::InvVatAmount), true, 9.0);
    doc.y -= 16.0;
    for row in &inv.breakdown {
        let rate = if row.exempt { t(Msg::InvExempt).to_string() } else { percent(locale, row.vat_bp) };
        doc.text_right(bcols[0], doc.y, &money(locale, row.base_cents), false, 10.0);
        doc.text_right(bcols[1], doc.y, &rate, false, 10.0);
        doc.text_right(bcols[2], doc.y, &money(locale, row.vat_cents), false, 10.0);
        doc.y -= 15.0;
    }
    if exempt {
        doc.text(MARGIN, doc.y, TRAINING_EXEMPTION, false, 9.0);
        doc.y -= 15.0;
    }
    doc.y -= 6.0;
    for (label, cents, strong) in [
        (t(Msg::InvBase), inv.base_cents, false),
        (t(Msg::InvVatAmount), inv.vat_cents, false),
        (t(Msg::PropTotal), inv.total_cents, true),
    ] {
        if strong {
            doc.rule(right - 260.0, doc.y + 12.0, right);
            doc.y -= 4.0;
        }
        let size = if strong { 12.0 } else { 10.0 };
        doc.text_right(bcols[1], doc.y, label, strong, size);
        doc.text_right(bcols[2], doc.y, &money(locale, cents), strong, size);
        doc.y -= 18.0;
    }

    // How to pay (or how it was paid), and the notes.
    if let Some(p) = settled {
        doc.need(30.0);
        doc.y -= 6.0;
        let paid =
            t(Msg::InvPaidOn).replace("{date}", &day(locale, p.paid_on)).replace("{method}", t(p.method.label()));
        doc.text(MARGIN, doc.y, &paid, false, 10.0);
        doc.y -= 16.0;
    } else if let Ok(iban) = Iban::parse(&issuer.iban) {
        doc.need(30.0);
        doc.y -= 6.0;
        doc.text(MARGIN, doc.y, &t(Msg::InvPayTransfer).replace("{iban}", &iban.grouped()), false, 10.0);
        doc.y -= 16.0;
    }
    for para in inv.notes.lines() {
        for line in wrap(para, PAGE_W - 2.0 * MARGIN, 9.0) {
            doc.need(13.0);
            doc.text(MARGIN, doc.y, &line, false, 9.0);
            doc.y -= 13.0;
        }
    }

    let name = inv.number.clone().unwrap_or_else(|| t(Msg::InvoiceDraft).to_string());
    doc.finish(&format!("{title} {name} · {}", inv.recipient.name), |n, m| {
        t(Msg::PropPage).replace("{n}", &n.to_string()).replace("{m}", &m.to_string())
    })
}
