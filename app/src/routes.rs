//! The pages, each behind its role check. Pages are rendered on the server only (islands mode):
//! a page's WebAssembly is that of the islands it holds, so pages no longer need splitting; the
//! islands that only some pages hold are lazy and come in chunks of their own.

use leptos::prelude::*;
use types::Role;

use crate::components::guard::RequireRole;
use crate::pages::account::AccountPage;
use crate::pages::assistant_admin::AssistantAdminPage;
use crate::pages::audit::AuditLogPage;
use crate::pages::crm::hub::ClientHubPage;
use crate::pages::crm::import::{ImportJobPage, ImportUploadPage};
use crate::pages::crm::org_detail::OrgDetailPage;
use crate::pages::crm::org_form::{OrgEditPage, OrgNewPage};
use crate::pages::crm::people::{PeopleListPage, PersonDetailPage, PersonEditPage, PersonNewPage};
use crate::pages::dashboard::DashboardPage;
use crate::pages::login::LoginPage;
use crate::pages::notify::calendar::CalendarPage;
use crate::pages::notify::email_admin::EmailAdminPage;
use crate::pages::notify::notifications::NotificationsPage;
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

/// `Route => Page for Role;` declares the route view `Route` showing `Page` to users whose role
/// includes `Role` (`for anyone`: no sign-in needed). Pages load their own data.
macro_rules! pages {
    ($($route:ident => $page:ident for $who:ident;)*) => { $( pages!(@route $route $page $who); )* };
    (@route $route:ident $page:ident $who:ident) => {
        #[doc = concat!("The route of [`", stringify!($page), "`] (for ", stringify!($who), ").")]
        #[allow(non_snake_case)]
        pub fn $route() -> AnyView {
            pages!(@view $page $who)
        }
    };
    (@view $page:ident anyone) => { view! { <$page/> }.into_any() };
    (@view $page:ident $role:ident) => { view! { <RequireRole role=Role::$role><$page/></RequireRole> }.into_any() };
}

pages! {
    Login => LoginPage for anyone;
    Dashboard => DashboardPage for Reception;
    Account => AccountPage for Reception;
    ClientHub => ClientHubPage for Staff;
    ImportUpload => ImportUploadPage for Staff;
    ImportJob => ImportJobPage for Staff;
    OrgNew => OrgNewPage for Staff;
    OrgDetail => OrgDetailPage for Staff;
    OrgEdit => OrgEditPage for Staff;
    PeopleList => PeopleListPage for Staff;
    PersonNew => PersonNewPage for Staff;
    PersonDetail => PersonDetailPage for Staff;
    PersonEdit => PersonEditPage for Staff;
    Today => TodayPage for Reception;
    Workshops => WorkshopsPage for Reception;
    WorkshopNew => WorkshopNewPage for Staff;
    WorkshopDetail => WorkshopDetailPage for Reception;
    WorkshopEdit => WorkshopEditPage for Staff;
    PublicCatalog => PublicCatalogPage for anyone;
    PublicWorkshop => PublicWorkshopPage for anyone;
    PublicConfirm => PublicConfirmPage for anyone;
    Courses => CoursesPage for Staff;
    Contracts => ContractsPage for Staff;
    ContractNew => ContractNewPage for Staff;
    ContractDetail => ContractDetailPage for Staff;
    ContractEdit => ContractEditPage for Staff;
    Session => SessionPage for Reception;
    Pipeline => PipelinePage for Staff;
    Metrics => MetricsPage for Staff;
    Stages => StagesPage for Manager;
    Templates => TemplatesPage for Manager;
    OpportunityDetail => OpportunityDetailPage for Staff;
    OpportunityEdit => OpportunityEditPage for Staff;
    ProposalNew => ProposalNewPage for Staff;
    Proposal => ProposalPage for Staff;
    ProposalEdit => ProposalEditPage for Staff;
    Notifications => NotificationsPage for Reception;
    Calendar => CalendarPage for Reception;
    EmailAdmin => EmailAdminPage for Manager;
    AssistantAdmin => AssistantAdminPage for Manager;
    Users => UsersPage for Admin;
    AuditLog => AuditLogPage for Admin;
}
