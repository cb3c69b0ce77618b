//! Billing: the invoice list and page, the draft form's save, issuing, cancelling, rectifying and
//! payments (staff edit, managers cancel), and the issuers with their series (managers).

mod add_series;
mod cancel_invoice;
mod contract_billing;
mod invoice_choices;
mod invoice_contract;
mod invoice_list;
mod invoice_page;
mod issue_invoice;
mod list_issuers;
mod record_payment;
mod rectify_invoice;
mod save_invoice;
mod save_issuer;

pub use add_series::*;
pub use cancel_invoice::*;
pub use contract_billing::*;
pub use invoice_choices::*;
pub use invoice_contract::*;
pub use invoice_list::*;
pub use invoice_page::*;
pub use issue_invoice::*;
pub use list_issuers::*;
pub use record_payment::*;
pub use rectify_invoice::*;
pub use save_invoice::*;
pub use save_issuer::*;
