//! Billing on the wire: the companies a centre invoices as, their series, invoices with their
//! lines and VAT breakdown, and the Veri*Factu records that chain each issue and cancellation.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{ContractId, OrganizationId, PersonId};

/// What an invoice cites for exempt training (art. 20.Uno.9º Ley 37/1992), in Spanish as the
/// law writes it, whatever the invoice's language.
pub const TRAINING_EXEMPTION: &str = "Operación exenta de IVA (art. 20.Uno.9º Ley 37/1992)";

id_type! {
    /// A legal entity the centre invoices as.
    IssuerId;
    /// A numbering series of an issuer.
    SeriesId;
    /// An invoice (a draft, or issued).
    InvoiceId;
    /// A fiscal record (Veri*Factu *registro de facturación*).
    FiscalRecordId;
}

choice! {
    /// The tax system an issuer's invoices are recorded under: Veri*Factu (AEAT) or TicketBAI
    /// (the Basque provincial treasuries of Araba, Bizkaia and Gipuzkoa).
    TaxRegime {
        Verifactu => "verifactu", RegimeVerifactu;
        Ticketbai => "ticketbai", RegimeTicketbai;
    }
}

choice! {
    /// What a series numbers: full invoices, simplified invoices (tickets up to €400) or
    /// rectifying invoices; each kind has its own series, as the law asks.
    SeriesKind {
        Ordinary => "ordinary", SeriesOrdinary;
        Simplified => "simplified", SeriesSimplified;
        Rectifying => "rectifying", SeriesRectifying;
    }
}

choice! {
    /// Where an invoice stands: a draft can change and has no number; an issued one never
    /// changes; a cancelled one keeps its number and is void through an *anulación* record.
    InvoiceState {
        Draft => "draft", InvoiceDraft;
        Issued => "issued", InvoiceIssued;
        Cancelled => "cancelled", InvoiceCancelled;
    }
}

/// The invoice's type as the AEAT lists it (L2), written as the AEAT writes it (`F1`…): full,
/// simplified, and the rectifying kinds R1 (error in law and art. 80.1, 80.2 and 80.6 LIVA), R2
/// (insolvency, art. 80.3), R3 (bad debts, art. 80.4), R4 (the rest) and R5 (rectifying a
/// simplified invoice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InvoiceKind {
    F1,
    F2,
    R1,
    R2,
    R3,
    R4,
    R5,
}

impl InvoiceKind {
    pub const ALL: &'static [InvoiceKind] = &[
        InvoiceKind::F1,
        InvoiceKind::F2,
        InvoiceKind::R1,
        InvoiceKind::R2,
        InvoiceKind::R3,
        InvoiceKind::R4,
        InvoiceKind::R5,
    ];

    /// The AEAT's code, stored in the database and used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceKind::F1 => "F1",
            InvoiceKind::F2 => "F2",
            InvoiceKind::R1 => "R1",
            InvoiceKind::R2 => "R2",
            InvoiceKind::R3 => "R3",
            InvoiceKind::R4 => "R4",
            InvoiceKind::R5 => "R5",
        }
    }

    /// Parses the code (`F1`, `r4`…); `None` for anything else.
    pub fn parse(s: &str) -> Option<InvoiceKind> {
        let s = s.trim().to_ascii_uppercase();
        InvoiceKind::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// The translated label.
    pub fn label(self) -> crate::Msg {
        match self {
            InvoiceKind::F1 => crate::Msg::InvoiceKindF1,
            InvoiceKind::F2 => crate::Msg::InvoiceKindF2,
            InvoiceKind::R1 => crate::Msg::InvoiceKindR1,
            InvoiceKind::R2 => crate::Msg::InvoiceKindR2,
            InvoiceKind::R3 => crate::Msg::InvoiceKindR3,
            InvoiceKind::R4 => crate::Msg::InvoiceKindR4,
            InvoiceKind::R5 => crate::Msg::InvoiceKindR5,
        }
    }
}

impl InvoiceKind {
    /// Whether the invoice corrects another one.
    pub fn is_rectifying(self) -> bool {
        !matches!(self, InvoiceKind::F1 | InvoiceKind::F2)
    }

    /// The series kind that numbers it.
    pub fn series_kind(self) -> SeriesKind {
        match self {
            InvoiceKind::F1 => SeriesKind::Ordinary,
            InvoiceKind::F2 => SeriesKind::Simplified,
            _ => SeriesKind::Rectifying,
        }
    }
}

choice! {
    /// How a rectifying invoice corrects: by substitution (it states the right figures in full)
    /// or by difference (it states what changes).
    RectificationMode {
        Substitution => "substitution", RectifyBySubstitution;
        Difference => "difference", RectifyByDifference;
    }
}

choice! {
    /// A fiscal record: the issue of an invoice (*alta*) or its cancellation (*anulación*).
    RecordKind {
        Alta => "alta", RecordAlta;
        Anulacion => "anulacion", RecordAnulacion;
    }
}

choice! {
    /// Where a fiscal record is on its way to the AEAT.
    RecordStatus {
        Pending => "pending", RecordPending;
        Accepted => "accepted", RecordAccepted;
        AcceptedWithErrors => "accepted_with_errors", RecordAcceptedWithErrors;
        Rejected => "rejected", RecordRejected;
    }
}

choice! {
    /// How an invoice was paid.
    InvoicePaymentMethod {
        Transfer => "transfer", PayTransfer;
        Card => "card", PayCard;
        Cash => "cash", PayCash;
        Bizum => "bizum", PayBizum;
        DirectDebit => "direct_debit", PayDirectDebit;
    }
}

choice! {
    /// Where an issued invoice stands with its payments; overdue is unpaid (or partly) past its
    /// due date.
    CollectionStatus {
        Unpaid => "unpaid", CollectUnpaid;
        Partial => "partial", CollectPartial;
        Paid => "paid", CollectPaid;
        Overdue => "overdue", CollectOverdue;
    }
}

/// Where an issued invoice of `total_cents`, `paid_cents` of it paid, stands on `today`; `None`
/// for a draft or a cancelled invoice.
pub fn collection_status(
    state: InvoiceState,
    total_cents: i64,
    paid_cents: i64,
    due_date: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<CollectionStatus> {
    if state != InvoiceState::Issued {
        return None;
    }
    // A rectifying invoice by difference may total less than zero: what is owed is then a refund.
    let (total, paid) = if total_cents < 0 { (-total_cents, -paid_cents) } else { (total_cents, paid_cents) };
    Some(if paid >= total {
        CollectionStatus::Paid
    } else if due_date.is_some_and(|d| d < today) {
        CollectionStatus::Overdue
    } else if paid > 0 {
        CollectionStatus::Partial
    } else {
        CollectionStatus::Unpaid
    })
}

/// A payment received against an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoicePaymentView {
    pub paid_on: NaiveDate,
    pub amount_cents: i64,
    pub method: InvoicePaymentMethod,
    pub reference: String,
}

/// An issuing company with its series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuerView {
    pub id: IssuerId,
    pub legal_name: String,
    pub nif: String,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub province: String,
    pub iban: String,
    pub email: String,
    pub regime: TaxRegime,
    pub series: Vec<SeriesView>,
}

/// A numbering series: numbers read `{code}-{n}` with `n` zero-padded to six digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesView {
    pub id: SeriesId,
    pub code: String,
    pub kind: SeriesKind,
    /// The number the next issued invoice of the series gets.
    pub next_number: i64,
}

/// One line of an invoice, its figures rounded on the line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLineView {
    pub description: String,
    /// Hours of training, in minutes (`quantity` is then `None`).
    pub minutes: Option<i64>,
    pub quantity: Option<i64>,
    pub unit_cents: i64,
    pub discount_bp: i64,
    /// VAT in basis points (2,100 = 21 %); 0 when exempt.
    pub vat_bp: i64,
    /// Exempt training (art. 20.Uno.9º Ley 37/1992).
    pub exempt: bool,
    pub base_cents: i64,
    pub vat_cents: i64,
    /// The contract whose hours the line invoices, if any (they are then not invoiced again).
    pub contract_id: Option<ContractId>,
    /// The product a sale's line sold, if any.
    pub product_id: Option<ProductId>,
}

/// The VAT breakdown: one row per rate (and one for the exempt training).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatRow {
    pub vat_bp: i64,
    pub exempt: bool,
    pub base_cents: i64,
    pub vat_cents: i64,
}

/// Who an invoice is for, as printed on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Recipient {
    pub organization_id: Option<OrganizationId>,
    pub person_id: Option<PersonId>,
    pub name: String,
    /// Country of the tax id (`ES`, `FR`…).
    pub country: String,
    pub tax_id: String,
    pub address: String,
}

/// An invoice with its lines, breakdown and totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceView {
    pub id: InvoiceId,
    pub issuer_id: IssuerId,
    pub issuer_name: String,
    pub issuer_nif: String,
    pub kind: InvoiceKind,
    pub state: InvoiceState,
    /// Series and number, set when issued.
    pub number: Option<String>,
    pub issue_date: Option<NaiveDate>,
    pub operation_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub recipient: Recipient,
    /// `es`, `eu` or `en`: the language the invoice is printed in.
    pub language: String,
    pub description: String,
    pub notes: String,
    /// The invoice a rectifying one corrects, and how.
    pub rectifies: Option<InvoiceId>,
    pub rectifies_number: Option<String>,
    pub rectification: Option<RectificationMode>,
    pub lines: Vec<InvoiceLineView>,
    pub breakdown: Vec<VatRow>,
    pub base_cents: i64,
    pub vat_cents: i64,
    pub total_cents: i64,
    pub cancel_reason: Option<String>,
    pub paid_cents: i64,
    pub payments: Vec<InvoicePaymentView>,
}

impl InvoiceView {
    /// Where it stands with its payments on `today` (see [`collection_status`]).
    pub fn collection_status(&self, today: NaiveDate) -> Option<CollectionStatus> {
        collection_status(self.state, self.total_cents, self.paid_cents, self.due_date, today)
    }
}

/// A fiscal record as the invoice page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiscalRecordView {
    pub id: FiscalRecordId,
    pub kind: RecordKind,
    /// Its place in the issuer's chain: 1, 2, 3…
    pub seq: i64,
    pub fingerprint: String,
    pub previous_fingerprint: Option<String>,
    /// When it was generated, with the zone's offset (ISO 8601).
    pub generated_at: String,
    pub status: RecordStatus,
}

/// An invoice as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceSummary {
    pub id: InvoiceId,
    pub issuer_name: String,
    pub kind: InvoiceKind,
    pub state: InvoiceState,
    pub number: Option<String>,
    pub issue_date: Option<NaiveDate>,
    pub recipient_name: String,
    pub total_cents: i64,
    pub paid_cents: i64,
    pub due_date: Option<NaiveDate>,
}

/// A page of the invoice list, and the day it is in the centre (for what is overdue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceList {
    pub rows: Vec<InvoiceSummary>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    pub today: NaiveDate,
    /// How many issuers there are: none means nothing can be invoiced yet.
    pub issuers: i64,
}

/// An invoice as its page shows it: with its issuer, its fiscal records and the centre's day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoicePage {
    pub invoice: InvoiceView,
    pub issuer: IssuerView,
    pub records: Vec<FiscalRecordView>,
    pub today: NaiveDate,
}

/// What the invoice form offers: the issuers and the clients on record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceFormChoices {
    pub issuers: Vec<IssuerView>,
    pub clients: Vec<(OrganizationId, String)>,
}

/// A contract's invoicing: the hours already invoiced (by invoices not cancelled), its invoices,
/// and the issuers that could invoice the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractBilling {
    pub invoiced_minutes: i64,
    pub invoices: Vec<InvoiceSummary>,
    pub issuers: Vec<(IssuerId, String)>,
}

id_type! {
    /// A product or kit the centre sells.
    ProductId;
    /// A move of a product's stock.
    StockMoveId;
}

choice! {
    /// Why a product's stock moved: goods received, sold, adjusted after a count (either way), or
    /// returned by a client.
    StockMoveKind {
        Received => "received", StockReceived;
        Sold => "sold", StockSold;
        Adjusted => "adjusted", StockAdjusted;
        Returned => "returned", StockReturned;
    }
}

/// A product or kit: its price before VAT and its VAT, what is in stock and when that is low.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductView {
    pub id: ProductId,
    pub sku: String,
    pub name: String,
    pub description: String,
    /// The unit price before VAT.
    pub price_cents: i64,
    /// VAT in basis points (2,100 = 21 %); 0 when exempt.
    pub vat_bp: i64,
    pub exempt: bool,
    /// Units on hand (never below zero).
    pub stock: i64,
    /// At or below this, the product is low on stock and its managers are told.
    pub low_stock_threshold: i64,
    pub active: bool,
    /// The workshops that include it, one per participant (a kit).
    pub workshops: Vec<KitWorkshop>,
}

impl ProductView {
    /// The unit price with its VAT, rounded to the cent.
    pub fn price_with_vat_cents(&self) -> i64 {
        self.price_cents + (self.price_cents * self.vat_bp + 5_000) / 10_000
    }

    /// True when an active product has no more than its threshold in stock.
    pub fn low_on_stock(&self) -> bool {
        self.active && self.stock <= self.low_stock_threshold
    }
}

/// A workshop that hands out a product to each participant, with its seats taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KitWorkshop {
    pub workshop_id: crate::WorkshopId,
    pub title: String,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    /// Participants confirmed: the kits it needs.
    pub confirmed: i64,
}

/// One move of a product's stock: `quantity` is what it added (negative when it took away).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockMoveView {
    pub id: StockMoveId,
    pub kind: StockMoveKind,
    pub quantity: i64,
    pub stock_after: i64,
    pub reason: String,
    /// Who recorded it (empty when the user was deleted).
    pub by: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// A product's page: the product, its latest stock moves and the workshops that could include it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductPage {
    pub product: ProductView,
    pub moves: Vec<StockMoveView>,
    /// The upcoming kits: confirmed participants of the linked workshops still to come.
    pub kits_needed: i64,
    /// The workshops it could be linked to.
    pub workshops: Vec<KitWorkshop>,
}

id_type! {
    /// A sale of products (at the counter or elsewhere), with its invoice.
    SaleId;
}

/// A sale: what was sold (its invoice's lines), how it was paid and its invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleView {
    pub id: SaleId,
    pub at: chrono::DateTime<chrono::Utc>,
    /// Who made it (empty when the user was deleted).
    pub by: String,
    pub payment_method: InvoicePaymentMethod,
    pub invoice_id: InvoiceId,
    pub invoice_number: String,
    pub invoice_kind: InvoiceKind,
    /// The client named on the invoice (empty on a simplified one without a name).
    pub customer: String,
    pub total_cents: i64,
    pub lines: Vec<InvoiceLineView>,
}

/// What the counter's sale form offers: the issuers, the products on sale and the clients (for
/// a full invoice), and the centre's day with the sales made in it so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleChoices {
    pub issuers: Vec<(IssuerId, String)>,
    pub products: Vec<ProductView>,
    pub clients: Vec<(OrganizationId, String)>,
    pub today: Vec<SaleView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issued_invoice_is_paid_partly_paid_or_overdue_past_its_due_date() {
        let d = |day: u32| NaiveDate::from_ymd_opt(2027, 3, day).unwrap();
        let issued = InvoiceState::Issued;
        assert_eq!(collection_status(issued, 10_000, 0, Some(d(10)), d(10)), Some(CollectionStatus::Unpaid));
        assert_eq!(collection_status(issued, 10_000, 4_000, Some(d(10)), d(9)), Some(CollectionStatus::Partial));
        assert_eq!(collection_status(issued, 10_000, 4_000, Some(d(10)), d(11)), Some(CollectionStatus::Overdue));
        assert_eq!(collection_status(issued, 10_000, 10_000, Some(d(10)), d(11)), Some(CollectionStatus::Paid));
        assert_eq!(collection_status(issued, -1_500, -1_500, None, d(11)), Some(CollectionStatus::Paid));
        assert_eq!(collection_status(InvoiceState::Cancelled, 10_000, 0, Some(d(1)), d(11)), None);
        assert_eq!(collection_status(InvoiceState::Draft, 10_000, 0, None, d(11)), None);
    }

    #[test]
    fn a_price_with_vat_is_rounded_to_the_cent_and_low_stock_counts_only_active_products() {
        let mut p = ProductView {
            id: ProductId(1),
            sku: "KIT".into(),
            name: "Kit".into(),
            description: String::new(),
            price_cents: 1_999,
            vat_bp: 2_100,
            exempt: false,
            stock: 3,
            low_stock_threshold: 3,
            active: true,
            workshops: Vec::new(),
        };
        assert_eq!(p.price_with_vat_cents(), 2_419, "19,99 + 4,1979 -> 24,19");
        assert!(p.low_on_stock());
        p.stock = 4;
        assert!(!p.low_on_stock());
        p.stock = 0;
        p.active = false;
        assert!(!p.low_on_stock());
    }
}
