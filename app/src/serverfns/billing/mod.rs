//! Billing: the invoice list and page, the draft form's save, issuing, cancelling, rectifying and
//! payments (staff edit, managers cancel), the issuers with their series (managers), and the
//! products with their stock moves and the counter's sales.

mod add_series;
mod cancel_invoice;
mod contract_billing;
mod invoice_choices;
mod invoice_contract;
mod invoice_list;
mod invoice_page;
mod issue_invoice;
mod kit_workshops;
mod list_issuers;
mod product_list;
mod product_page;
mod record_payment;
mod record_sale;
mod record_stock_move;
mod rectify_invoice;
mod sale_choices;
mod sale_page;
mod save_invoice;
mod save_issuer;
mod save_product;

pub use add_series::*;
pub use cancel_invoice::*;
pub use contract_billing::*;
pub use invoice_choices::*;
pub use invoice_contract::*;
pub use invoice_list::*;
pub use invoice_page::*;
pub use issue_invoice::*;
pub use kit_workshops::*;
pub use list_issuers::*;
pub use product_list::*;
pub use product_page::*;
pub use record_payment::*;
pub use record_sale::*;
pub use record_stock_move::*;
pub use rectify_invoice::*;
pub use sale_choices::*;
pub use sale_page::*;
pub use save_invoice::*;
pub use save_issuer::*;
pub use save_product::*;
