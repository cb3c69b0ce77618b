//! Billing: invoices issued under Spain's invoicing-software rules (RD 1007/2023, Orden
//! HAC/1177/2024). Issuers ([`issuers`]) with their series; invoices ([`invoices`]) from draft
//! to issued, rectified or cancelled; the Veri*Factu records that chain every issue and
//! cancellation of an issuer ([`verifactu`]) and their XML ([`xml`]); the invoice as a PDF with
//! its QR ([`pdf`]); the products and kits the centre sells, with their stock ([`products`]), and their sales at the
//! counter, invoiced and paid in one step ([`sales`]); the accountant's exports ([`exports`]).

pub mod exports;
pub mod invoices;
pub mod issuers;
pub mod pdf;
pub mod products;
pub mod sales;
pub mod verifactu;
pub mod xml;
