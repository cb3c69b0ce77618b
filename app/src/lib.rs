//! Aula's user interface: the HTML shell, the router, the pages and the server functions they
//! call. Rendered on the server (`ssr`) and hydrated in the browser (`hydrate`).

// The view types of the larger pages nest deeply; the release WebAssembly build needs room.
#![recursion_limit = "256"]

pub mod components;
pub mod error;
pub mod i18n;
pub mod pages;
pub mod serverfns;
#[cfg(feature = "ssr")]
pub mod state;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Meta, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};
use types::{Role, Viewer};

use components::guard::RequireRole;
use components::layout::Layout;
use components::toast::provide_toasts;
use i18n::Ctx;
use pages::account::AccountPage;
use pages::assistant_admin::AssistantAdminPage;
use pages::crm::hub::ClientHubPage;
use pages::crm::import::{ImportJobPage, ImportUploadPage};
use pages::crm::org_detail::OrgDetailPage;
use pages::crm::org_form::{OrgEditPage, OrgNewPage};
use pages::crm::people::{PeopleListPage, PersonDetailPage, PersonEditPage, PersonNewPage};
use pages::dashboard::DashboardPage;
use pages::errors::NotFoundPage;
use pages::login::LoginPage;
use pages::notify::calendar::CalendarPage;
use pages::notify::email_admin::EmailAdminPage;
use pages::notify::notifications::NotificationsPage;
use pages::sales::board::PipelinePage;
use pages::sales::metrics::MetricsPage;
use pages::sales::opportunity::{OpportunityDetailPage, OpportunityEditPage};
use pages::sales::proposal::{ProposalEditPage, ProposalNewPage, ProposalPage};
use pages::sales::stages::StagesPage;
use pages::sales::templates::TemplatesPage;
use pages::training::contract_detail::ContractDetailPage;
use pages::training::contracts::{ContractEditPage, ContractNewPage, ContractsPage};
use pages::training::courses::CoursesPage;
use pages::training::public::{PublicCatalogPage, PublicWorkshopPage};
use pages::training::session::SessionPage;
use pages::training::today::TodayPage;
use pages::training::workshop_detail::WorkshopDetailPage;
use pages::training::workshops::{WorkshopEditPage, WorkshopNewPage, WorkshopsPage};
use pages::users::UsersPage;

/// The HTML document around the app, rendered on the server only. It carries the viewer as
/// JSON, so the browser hydrates with exactly the language and user the server rendered.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let viewer = initial_viewer();
    let lang = viewer.locale.tag();
    // `<` is escaped so no value can close the script element early.
    let viewer_json = serde_json::to_string(&viewer).unwrap_or_default().replace('<', "\\u003c");
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <meta name="theme-color" content="#1d4e89"/>
                <script id=VIEWER_ELEMENT_ID type="application/json" inner_html=viewer_json></script>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
                <script src="/register-sw.js" defer></script>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The id of the script element that carries the viewer to the browser.
const VIEWER_ELEMENT_ID: &str = "aula-viewer";

/// Who is looking. On the server the request middleware resolved it from the session cookie; in
/// the browser it is read back from the page the server rendered.
pub fn initial_viewer() -> Viewer {
    #[cfg(feature = "ssr")]
    let found = use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<Viewer>().cloned());
    #[cfg(not(feature = "ssr"))]
    let found = document()
        .get_element_by_id(VIEWER_ELEMENT_ID)
        .and_then(|e| e.text_content())
        .and_then(|json| serde_json::from_str::<Viewer>(&json).ok());
    found.unwrap_or_else(Viewer::anonymous)
}

/// The app: language and user as context, then the router.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_toasts();
    components::assistant::provide_assistant_changes();
    let viewer = initial_viewer();
    provide_context(Ctx::new(&viewer));
    provide_context(viewer);
    view! {
        <Stylesheet id="leptos" href="/pkg/aula.css"/>
        <Meta name="description" content="Aula"/>
        <Title text="Aula"/>
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/")
                        view=|| view! { <RequireRole role=Role::Reception><DashboardPage/></RequireRole> }
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/account")
                        view=|| view! { <RequireRole role=Role::Reception><AccountPage/></RequireRole> }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/clients") view=|| view! { <RequireRole role=Role::Staff><ClientHubPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/clients/import") view=|| view! { <RequireRole role=Role::Staff><ImportUploadPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/clients/import/:job") view=|| view! { <RequireRole role=Role::Staff><ImportJobPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/clients/new") view=|| view! { <RequireRole role=Role::Staff><OrgNewPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/clients/:id") view=|| view! { <RequireRole role=Role::Staff><OrgDetailPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/clients/:id/edit") view=|| view! { <RequireRole role=Role::Staff><OrgEditPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/people") view=|| view! { <RequireRole role=Role::Staff><PeopleListPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/people/new") view=|| view! { <RequireRole role=Role::Staff><PersonNewPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/people/:id") view=|| view! { <RequireRole role=Role::Staff><PersonDetailPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/people/:id/edit") view=|| view! { <RequireRole role=Role::Staff><PersonEditPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/today") view=|| view! { <RequireRole role=Role::Reception><TodayPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/workshops") view=|| view! { <RequireRole role=Role::Reception><WorkshopsPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/workshops/new") view=|| view! { <RequireRole role=Role::Staff><WorkshopNewPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/workshops/:id") view=|| view! { <RequireRole role=Role::Reception><WorkshopDetailPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/workshops/:id/edit") view=|| view! { <RequireRole role=Role::Staff><WorkshopEditPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/talleres") view=PublicCatalogPage ssr=SsrMode::Async/>
                    <Route path=path!("/talleres/:id") view=PublicWorkshopPage ssr=SsrMode::Async/>
                    <Route path=path!("/courses") view=|| view! { <RequireRole role=Role::Staff><CoursesPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/contracts") view=|| view! { <RequireRole role=Role::Staff><ContractsPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/contracts/new") view=|| view! { <RequireRole role=Role::Staff><ContractNewPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/contracts/:id") view=|| view! { <RequireRole role=Role::Staff><ContractDetailPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/contracts/:id/edit") view=|| view! { <RequireRole role=Role::Staff><ContractEditPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/sessions/:id") view=|| view! { <RequireRole role=Role::Reception><SessionPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/pipeline") view=|| view! { <RequireRole role=Role::Staff><PipelinePage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/pipeline/metrics") view=|| view! { <RequireRole role=Role::Staff><MetricsPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/pipeline/stages") view=|| view! { <RequireRole role=Role::Manager><StagesPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/pipeline/templates") view=|| view! { <RequireRole role=Role::Manager><TemplatesPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/opportunities/:id") view=|| view! { <RequireRole role=Role::Staff><OpportunityDetailPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/opportunities/:id/edit") view=|| view! { <RequireRole role=Role::Staff><OpportunityEditPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/opportunities/:id/proposals/new") view=|| view! { <RequireRole role=Role::Staff><ProposalNewPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/proposals/:id") view=|| view! { <RequireRole role=Role::Staff><ProposalPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/proposals/:id/edit") view=|| view! { <RequireRole role=Role::Staff><ProposalEditPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view=|| view! { <RequireRole role=Role::Reception><NotificationsPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/calendar") view=|| view! { <RequireRole role=Role::Reception><CalendarPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/admin/email") view=|| view! { <RequireRole role=Role::Manager><EmailAdminPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route path=path!("/admin/assistant") view=|| view! { <RequireRole role=Role::Manager><AssistantAdminPage/></RequireRole> } ssr=SsrMode::Async/>
                    <Route
                        path=path!("/admin/users")
                        view=|| view! { <RequireRole role=Role::Admin><UsersPage/></RequireRole> }
                        ssr=SsrMode::Async
                    />
                </Routes>
            </Layout>
        </Router>
    }
}
