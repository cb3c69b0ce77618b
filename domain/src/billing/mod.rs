//! Billing: invoices issued under Spain's invoicing-software rules (RD 1007/2023, Orden
//! HAC/1177/2024), starting with the Veri*Factu billing records that chain every issue and
//! cancellation of an issuer ([`verifactu`]).

pub mod verifactu;
