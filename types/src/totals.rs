//! Amounts as typed (euros, hours) and proposal arithmetic in integer cents: line amounts (hours × hourly price, or quantity × unit
//! price), a percentage discount, VAT (21 % by default; training can be exempt) and the total.
//! Every division rounds half up, once per figure, so the lines, the subtotal and the total add
//! up on paper.

/// Spain's general VAT rate, in basis points (21 %).
pub const DEFAULT_VAT_BP: i64 = 2_100;

/// `num / den` rounded half up (both non-negative, `den` > 0).
pub fn div_round(num: i128, den: i128) -> i64 {
    ((2 * num + den) / (2 * den)) as i64
}

/// One line: `minutes` of training at `unit_cents` an hour, or `quantity` units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineQty {
    Minutes(i64),
    Units(i64),
}

/// The amount of one line.
pub fn line_amount(qty: LineQty, unit_cents: i64) -> i64 {
    match qty {
        LineQty::Minutes(m) => div_round(i128::from(m) * i128::from(unit_cents), 60),
        LineQty::Units(n) => n * unit_cents,
    }
}

/// The figures of a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub taxable_cents: i64,
    pub vat_cents: i64,
    pub total_cents: i64,
}

/// Totals from the line amounts, a discount in basis points (12.5 % = 1,250) and VAT in basis
/// points, or none when `exempt`.
pub fn totals(amounts: &[i64], discount_bp: i64, vat_bp: i64, exempt: bool) -> Totals {
    let subtotal: i64 = amounts.iter().sum();
    let discount = div_round(i128::from(subtotal) * i128::from(discount_bp.clamp(0, 10_000)), 10_000);
    let taxable = subtotal - discount;
    let vat = if exempt { 0 } else { div_round(i128::from(taxable) * i128::from(vat_bp.max(0)), 10_000) };
    Totals {
        subtotal_cents: subtotal,
        discount_cents: discount,
        taxable_cents: taxable,
        vat_cents: vat,
        total_cents: taxable + vat,
    }
}

/// `num / den` rounded half away from zero, for amounts that may be negative (a rectifying
/// invoice by difference); `den` > 0.
pub fn div_round_signed(num: i128, den: i128) -> i64 {
    if num < 0 {
        -div_round(-num, den)
    } else {
        div_round(num, den)
    }
}

/// An invoice line's base and VAT, in cents, each rounded on the line (the law's examples round
/// per line, then add up): the gross is the quantity (or `minutes` of hours) × `unit_cents`, the
/// base is the gross less `discount_bp` of it, the VAT is `vat_bp` of the base.
pub fn invoice_line(qty: LineQty, unit_cents: i64, discount_bp: i64, vat_bp: i64) -> (i64, i64) {
    let gross = match qty {
        LineQty::Minutes(m) => div_round_signed(i128::from(m) * i128::from(unit_cents), 60),
        LineQty::Units(n) => n * unit_cents,
    };
    let discount = div_round_signed(i128::from(gross) * i128::from(discount_bp.clamp(0, 10_000)), 10_000);
    let base = gross - discount;
    (base, div_round_signed(i128::from(base) * i128::from(vat_bp.max(0)), 10_000))
}

use crate::FieldIssue;

/// A decimal with at most two decimals (`12`, `12,5`, `1.234,50`, `12.50`) in hundredths.
fn hundredths(raw: &str) -> Result<i64, FieldIssue> {
    let s: String = raw.trim().trim_end_matches('€').trim().chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return Err(FieldIssue::Required);
    }
    // With both separators the last one is the decimal mark. Dots alone, each followed by
    // exactly three digits, group thousands (`1.200`, as written in Spain); otherwise a lone
    // separator is the decimal mark (and three decimals do not read: `4,555`).
    let grouped = |sep: char| {
        let mut parts = s.split(sep);
        parts.next().is_some_and(|p| (1..=3).contains(&p.len())) && parts.all(|p| p.len() == 3)
    };
    let normalized = match (s.rfind(','), s.rfind('.')) {
        (None, Some(_)) if grouped('.') => s.replace('.', ""),
        (Some(c), Some(d)) if c > d => s.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => s.replace(',', ""),
        (Some(_), None) => s.replace(',', "."),
        _ => s,
    };
    let (int, frac) = normalized.split_once('.').unwrap_or((&normalized, ""));
    if int.is_empty() && frac.is_empty() {
        return Err(FieldIssue::InvalidNumber);
    }
    if !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || int.len() > 9
    {
        return Err(FieldIssue::InvalidNumber);
    }
    let int: i64 = if int.is_empty() { 0 } else { int.parse().map_err(|_| FieldIssue::InvalidNumber)? };
    let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| FieldIssue::InvalidNumber)?;
    Ok(int * 100 + frac)
}

/// An amount of euros as typed by a person (`45`, `45,50`, `1.234,56 €`), in cents.
pub fn parse_money(raw: &str) -> Result<i64, FieldIssue> {
    hundredths(raw)
}

/// Hours as typed (`12`, `12,5`, `1.25`), in whole minutes (rounded half up).
pub fn parse_hours(raw: &str) -> Result<i64, FieldIssue> {
    let h = hundredths(raw)?;
    Ok((h * 60 + 50) / 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_with_decimal_marks_or_thousands_groups() {
        assert_eq!(parse_money("1.200"), Ok(120_000));
        assert_eq!(parse_money("1.234.567"), Ok(123_456_700));
        assert_eq!(parse_money("12,500"), Err(FieldIssue::InvalidNumber));
        assert_eq!(parse_money("12.50"), Ok(1_250));
        assert_eq!(parse_money("12,5"), Ok(1_250));
        assert_eq!(parse_money("1.234,56 €"), Ok(123_456));
        assert_eq!(parse_money("1,234.56"), Ok(123_456));
        assert_eq!(parse_money("1.2345"), Err(FieldIssue::InvalidNumber));
        assert_eq!(parse_hours("1,5"), Ok(90));
    }

    #[test]
    fn hours_times_price_round_half_up_to_the_cent() {
        // 7 h 20 min at 45,55 €/h = 334,0333… € → 334,03 €.
        assert_eq!(line_amount(LineQty::Minutes(440), 4_555), 33_403);
        // 10 min at 0,03 €/h = 0,005 € → 0,01 € (half up).
        assert_eq!(line_amount(LineQty::Minutes(10), 3), 1);
        assert_eq!(line_amount(LineQty::Units(3), 12_50), 37_50);
    }

    #[test]
    fn discount_then_vat_each_rounded_once() {
        // 1.000,05 € − 12,5 % (125,00625 → 125,01) = 875,04; VAT 21 % = 183,7584 → 183,76.
        let t = totals(&[60_000, 40_005], 1_250, DEFAULT_VAT_BP, false);
        assert_eq!(
            t,
            Totals {
                subtotal_cents: 100_005,
                discount_cents: 12_501,
                taxable_cents: 87_504,
                vat_cents: 18_376,
                total_cents: 105_880
            }
        );
        let exempt = totals(&[60_000, 40_005], 1_250, DEFAULT_VAT_BP, true);
        assert_eq!((exempt.vat_cents, exempt.total_cents), (0, 87_504));
        assert_eq!(totals(&[], 0, DEFAULT_VAT_BP, false), Totals::default());
        assert_eq!(totals(&[10_000], 20_000, 2_100, false).discount_cents, 10_000, "never more than 100 %");
    }
}
