//! The pages, each behind its role check. Pages are rendered on the server only (islands mode):
//! a page's WebAssembly is that of the islands it holds, so pages no longer need splitting; the
//! islands that only some pages hold are lazy and come in chunks of their own.

use leptos::prelude::*;
use types::{Action, Module, Perm};

use crate::components::guard::RequireSignIn;
use crate::pages::account::AccountPage;
use crate::pages::assistant_admin::AssistantAdminPage;
use crate::pages::audit::AuditLogPage;
use crate::pages::billing::counter::CounterPage;
use crate::pages::billing::invoice::InvoiceDetailPage;
use crate::pages::billing::invoice_form::{InvoiceEditPage, InvoiceNewPage};
use crate::pages::billing::invoices::InvoicesPage;
use crate::pages::billing::issuers::IssuersPage;
use crate::pages::billing::product::ProductDetailPage;
use crate::pages::billing::product_form::{ProductEditPage, ProductNewPage};
use crate::pages::billing::products::ProductsPage;
use crate::pages::billing::sale::SalePage;
use crate::pages::crm::hub::ClientHubPage;
use crate::pages::crm::import::{ImportJobPage, ImportUploadPage};
use crate::pages::crm::org_detail::OrgDetailPage;
use crate::pages::crm::org_form::{OrgEditPage, OrgNewPage};
use crate::pages::crm::people::{PeopleListPage, PersonDetailPage, PersonEditPage, PersonNewPage};
use crate::pages::crm::person_data::PersonDataPage;
use crate::pages::dashboard::DashboardPage;
use crate::pages::login::LoginPage;
use crate::pages::notify::calendar::CalendarPage;
use crate::pages::notify::email_admin::EmailAdminPage;
use crate::pages::notify::notifications::NotificationsPage;
use crate::pages::roles::RolesPage;
use crate::pages::sales::board::PipelinePage;
use crate::pages::sales::metrics::MetricsPage;
use crate::pages::sales::opportunity::{OpportunityDetailPage, OpportunityEditPage};
use crate::pages::sales::proposal::{ProposalEditPage, ProposalNewPage, ProposalPage};
use crate::pages::sales::stages::StagesPage;
use crate::pages::sales::templates::TemplatesPage;
use crate::pages::training::contract_detail::ContractDetailPage;
use crate::pages::training::contracts::{ContractEditPage, ContractNewPage, ContractsPage};
use crate::pages::training::courses::CoursesPage;
use crate::pages::training::public::{PublicCatalogPage, PublicConfirmPage, PublicWorkshopPage};
use crate::pages::training::session::SessionPage;
use crate::pages::training::today::TodayPage;
use crate::pages::training::workshop_detail::WorkshopDetailPage;
use crate::pages::training::workshops::{WorkshopEditPage, WorkshopNewPage, WorkshopsPage};
use crate::pages::users::UsersPage;

/// The pages served as HTML alone, without WebAssembly: the public catalogue, a public workshop and
/// the sign-in page work in full with plain links and forms, so a visitor's phone downloads and
/// compiles no code there (bench/README.md, "Browser bundle").
pub fn served_without_webassembly(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    path == "/login" || path == "/talleres" || path.starts_with("/talleres/")
}

/// `Route => Page for Module Action;` declares the route view `Route` showing `Page` to users
/// whose role grants `module.action` (`for signed_in`: anyone signed in; `for anyone`: no sign-in
/// needed). Pages load their own data, and their server functions check again.
macro_rules! pages {
    ($($route:ident => $page:ident for $($who:ident)+;)*) => { $( pages!(@route $route $page $($who)+); )* };
    (@route $route:ident $page:ident $($who:ident)+) => {
        #[doc = concat!("The route of [`", stringify!($page), "`] (for ", stringify!($($who)+), ").")]
        #[allow(non_snake_case)]
        pub fn $route() -> AnyView {
            pages!(@view $page $($who)+)
        }
    };
    (@view $page:ident anyone) => { view! { <$page/> }.into_any() };
    (@view $page:ident signed_in) => { view! { <RequireSignIn need=None><$page/></RequireSignIn> }.into_any() };
    (@view $page:ident $module:ident $action:ident) => {
        view! { <RequireSignIn need=Some(Perm(Module::$module, Action::$action))><$page/></RequireSignIn> }.into_any()
    };
}

pages! {
    Login => LoginPage for anyone;
    Dashboard => DashboardPage for signed_in;
    Account => AccountPage for signed_in;
    ClientHub => ClientHubPage for Crm View;
    ImportUpload => ImportUploadPage for Crm Create;
    ImportJob => ImportJobPage for Crm Create;
    OrgNew => OrgNewPage for Crm Edit;
    OrgDetail => OrgDetailPage for Crm View;
    OrgEdit => OrgEditPage for Crm Edit;
    PeopleList => PeopleListPage for Crm View;
    PersonNew => PersonNewPage for Crm Edit;
    PersonDetail => PersonDetailPage for Crm View;
    PersonEdit => PersonEditPage for Crm Edit;
    PersonData => PersonDataPage for Crm Export;
    Today => TodayPage for Reception View;
    Workshops => WorkshopsPage for Workshops View;
    WorkshopNew => WorkshopNewPage for Workshops Edit;
    WorkshopDetail => WorkshopDetailPage for Workshops View;
    WorkshopEdit => WorkshopEditPage for Workshops Edit;
    PublicCatalog => PublicCatalogPage for anyone;
    PublicWorkshop => PublicWorkshopPage for anyone;
    PublicConfirm => PublicConfirmPage for anyone;
    Courses => CoursesPage for Training View;
    Contracts => ContractsPage for Training View;
    ContractNew => ContractNewPage for Training Edit;
    ContractDetail => ContractDetailPage for Training View;
    ContractEdit => ContractEditPage for Training Edit;
    Session => SessionPage for Reception View;
    Pipeline => PipelinePage for Pipeline View;
    Metrics => MetricsPage for Pipeline View;
    Stages => StagesPage for Pipeline Configure;
    Templates => TemplatesPage for Proposals Configure;
    OpportunityDetail => OpportunityDetailPage for Pipeline View;
    OpportunityEdit => OpportunityEditPage for Pipeline Edit;
    ProposalNew => ProposalNewPage for Proposals Edit;
    Proposal => ProposalPage for Proposals View;
    ProposalEdit => ProposalEditPage for Proposals Edit;
    Invoices => InvoicesPage for Billing View;
    InvoiceNew => InvoiceNewPage for Billing Edit;
    InvoiceDetail => InvoiceDetailPage for Billing View;
    InvoiceEdit => InvoiceEditPage for Billing Edit;
    Issuers => IssuersPage for Billing Configure;
    Products => ProductsPage for Products View;
    ProductNew => ProductNewPage for Products Create;
    ProductDetail => ProductDetailPage for Products View;
    ProductEdit => ProductEditPage for Products Edit;
    Counter => CounterPage for Reception Create;
    Sale => SalePage for Reception View;
    Notifications => NotificationsPage for signed_in;
    Calendar => CalendarPage for Calendar View;
    EmailAdmin => EmailAdminPage for Admin Edit;
    AssistantAdmin => AssistantAdminPage for Assistant Configure;
    Users => UsersPage for Admin Configure;
    Roles => RolesPage for Admin Configure;
    AuditLog => AuditLogPage for Admin View;
}
