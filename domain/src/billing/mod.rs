//! Billing: invoices issued under Spain's invoicing-software rules (RD 1007/2023, Orden
//! HAC/1177/2024). Issuers ([`issuers`]) with their series; invoices ([`invoices`]) from draft
//! to issued, rectified or cancelled; the Veri*Factu records that chain every issue and
//! cancellation of an issuer ([`verifactu`]) and their XML ([`xml`]); the invoice as a PDF with
//! its QR ([`pdf`]).

pub mod invoices;
pub mod issuers;
pub mod pdf;
pub mod verifactu;
pub mod xml;
