//! Aula's user interface: the HTML shell, the router, the pages and the server functions they
//! call. Rendered on the server (`ssr`) and hydrated in the browser (`hydrate`).

// The view types of the larger pages nest deeply; the release WebAssembly build needs room.
#![recursion_limit = "256"]

pub mod components;
pub mod error;
pub mod i18n;
pub mod pages;
pub mod routes;
pub mod serverfns;
#[cfg(feature = "ssr")]
pub mod state;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Meta, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};
use types::Viewer;

use components::layout::Layout;
use components::toast::provide_toasts;
use i18n::Ctx;
use pages::errors::NotFoundPage;

/// The HTML document around the app, rendered on the server only. It carries the viewer as
/// JSON, so the browser hydrates with exactly the language and user the server rendered.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let viewer = initial_viewer();
    let lang = viewer.locale.tag();
    // `<` is escaped so no value can close the script element early.
    let viewer_json = serde_json::to_string(&viewer).unwrap_or_default().replace('<', "\\u003c");
    let stylesheet = format!("/{}/{}", options.site_pkg_dir, built_file_name(&options, "css"));
    #[cfg(feature = "ssr")]
    let hydrates =
        !use_context::<http::request::Parts>().is_some_and(|p| routes::served_without_webassembly(p.uri.path()));
    #[cfg(not(feature = "ssr"))]
    let hydrates = true;
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="stylesheet" id="leptos" href=stylesheet/>
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <meta name="theme-color" content="#1d4e89"/>
                <script id=VIEWER_ELEMENT_ID type="application/json" inner_html=viewer_json></script>
                <AutoReload options=options.clone()/>
                // Hydration waits for the browser to be idle and its downloads ask for low
                // priority: the server-rendered page paints first (Lighthouse, bench/README.md).
                // Without the scripts there is no split manifest either, so a public page lists
                // no chunks for preloading.
                {hydrates.then(move || view! { <HydrationScripts options defer=true/> })}
                <MetaTags/>
                <script src="/register-sw.js" defer></script>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The name under which the build wrote the site's `.{kind}` file (`aula.css`): with hashed file
/// names (`hash-files`, the hashes in `options.hash_file`) it carries its content hash, so browsers
/// may keep it for good and a new release is fetched at once.
pub fn built_file_name(options: &LeptosOptions, kind: &str) -> String {
    let name = &options.output_name;
    if !options.hash_files {
        return format!("{name}.{kind}");
    }
    let hash = std::fs::read_to_string(options.hash_file.as_ref()).ok().and_then(|hashes| {
        hashes.lines().find_map(|line| {
            let (file, hash) = line.split_once(':')?;
            (file.trim() == kind).then(|| hash.trim().to_string())
        })
    });
    match hash {
        Some(hash) => format!("{name}.{hash}.{kind}"),
        None => format!("{name}.{kind}"),
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
        <Meta name="description" content="Aula"/>
        <Title text="Aula"/>
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/login") view={Lazy::<routes::Login>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/") view={Lazy::<routes::Dashboard>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account") view={Lazy::<routes::Account>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/clients") view={Lazy::<routes::ClientHub>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/clients/import") view={Lazy::<routes::ImportUpload>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/clients/import/:job") view={Lazy::<routes::ImportJob>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/clients/new") view={Lazy::<routes::OrgNew>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/clients/:id") view={Lazy::<routes::OrgDetail>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/clients/:id/edit") view={Lazy::<routes::OrgEdit>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/people") view={Lazy::<routes::PeopleList>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/people/new") view={Lazy::<routes::PersonNew>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/people/:id") view={Lazy::<routes::PersonDetail>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/people/:id/edit") view={Lazy::<routes::PersonEdit>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/today") view={Lazy::<routes::Today>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/workshops") view={Lazy::<routes::Workshops>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/workshops/new") view={Lazy::<routes::WorkshopNew>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/workshops/:id") view={Lazy::<routes::WorkshopDetail>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/workshops/:id/edit") view={Lazy::<routes::WorkshopEdit>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/talleres") view={Lazy::<routes::PublicCatalog>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/talleres/:id") view={Lazy::<routes::PublicWorkshop>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/courses") view={Lazy::<routes::Courses>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/contracts") view={Lazy::<routes::Contracts>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/contracts/new") view={Lazy::<routes::ContractNew>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/contracts/:id") view={Lazy::<routes::ContractDetail>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/contracts/:id/edit") view={Lazy::<routes::ContractEdit>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/sessions/:id") view={Lazy::<routes::Session>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/pipeline") view={Lazy::<routes::Pipeline>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/pipeline/metrics") view={Lazy::<routes::Metrics>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/pipeline/stages") view={Lazy::<routes::Stages>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/pipeline/templates") view={Lazy::<routes::Templates>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/opportunities/:id") view={Lazy::<routes::OpportunityDetail>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/opportunities/:id/edit") view={Lazy::<routes::OpportunityEdit>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/opportunities/:id/proposals/new") view={Lazy::<routes::ProposalNew>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/proposals/:id") view={Lazy::<routes::Proposal>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/proposals/:id/edit") view={Lazy::<routes::ProposalEdit>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view={Lazy::<routes::Notifications>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/calendar") view={Lazy::<routes::Calendar>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/email") view={Lazy::<routes::EmailAdmin>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/assistant") view={Lazy::<routes::AssistantAdmin>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view={Lazy::<routes::Users>::new()} ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
