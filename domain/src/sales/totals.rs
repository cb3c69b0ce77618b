//! Proposal arithmetic in integer cents: line amounts (hours × hourly price, or quantity × unit
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

#[cfg(test)]
mod tests {
    use super::*;

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
