//! Aula's user interface: the HTML shell, the router, the pages and the server functions they
//! call. Pages are rendered on the server (`ssr`); in the browser (`hydrate`) only the islands
//! (`#[island]`) hydrate and [`browser`] adds what every page needs, so a page downloads the
//! WebAssembly of what it makes interactive and nothing of the others (islands mode).

// The view types of the larger pages nest deeply; the release WebAssembly build needs room.
#![recursion_limit = "256"]

#[cfg(feature = "hydrate")]
pub mod browser;
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
use leptos_router::{path, SsrMode};
use types::Viewer;

use components::layout::Layout;
use i18n::Ctx;
use pages::errors::NotFoundPage;

/// The HTML document around the app, rendered on the server only. It carries the viewer as
/// JSON, so the browser hydrates with exactly the language and user the server rendered.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let viewer = initial_viewer();
    let lang = viewer.locale.tag();
    // `<` is escaped so no value can close the script element early.
    let viewer_json = serde_json::to_string(&viewer).unwrap_or_default().replace('<', "\\u003c");
    let pkg = format!("/{}", options.site_pkg_dir);
    let stylesheet = format!("{pkg}/{}", built_file_name(&options, "css"));
    let (js, wasm) =
        (format!("{pkg}/{}", built_file_name(&options, "js")), format!("{pkg}/{}", built_file_name(&options, "wasm")));
    #[cfg(feature = "ssr")]
    let hydrates =
        !use_context::<http::request::Parts>().is_some_and(|p| routes::served_without_webassembly(p.uri.path()));
    #[cfg(not(feature = "ssr"))]
    let hydrates = true;
    // Islands mode: the page outside the islands is never hydrated, so the server renders it
    // without hydration markers or serialized resources (the islands turn both on for themselves).
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    // The lazy islands' chunks, for the pages that preload them (components::preload).
    #[cfg(feature = "ssr")]
    if let Some(manifest) = components::preload::split_manifest(&options) {
        provide_context(manifest);
    }
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
                // The loader (public/hydrate.js) waits for the browser to be idle and the
                // downloads ask for low priority: the server-rendered page paints first
                // (Lighthouse, bench/README.md). A public page gets none of it.
                {hydrates.then(move || view! {
                    <link rel="modulepreload" href=js.clone() fetchpriority="low"/>
                    <link rel="preload" href=wasm.clone() r#as="fetch" r#type="application/wasm" crossorigin="" fetchpriority="low"/>
                    <script id="aula-hydrate" type="module" src="/hydrate.js" data-js=js data-wasm=wasm></script>
                })}
                <MetaTags/>
                <script src="/register-sw.js" defer></script>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The page's Content-Security-Policy: its own files, WebAssembly compiled from them, the data
/// scripts Leptos writes (with this render's nonce), style attributes; nothing from elsewhere,
/// no plug-ins, no framing, forms that post only here.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    let nonce = leptos::nonce::use_nonce().map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{nonce}; style-src 'self'; \
         style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; worker-src 'self'; \
         manifest-src 'self'"
    );
    if let (Some(res), Ok(value)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(&policy))
    {
        res.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
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
pub(crate) const VIEWER_ELEMENT_ID: &str = "aula-viewer";

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
    let viewer = initial_viewer();
    provide_context(Ctx::new(&viewer));
    provide_context(viewer);
    view! {
        <Meta name="description" content="Aula"/>
        <Title text="Aula"/>
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/login") view=routes::Login ssr=SsrMode::Async/>
                    <Route path=path!("/") view=routes::Dashboard ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=routes::Account ssr=SsrMode::Async/>
                    <Route path=path!("/clients") view=routes::ClientHub ssr=SsrMode::Async/>
                    <Route path=path!("/clients/import") view=routes::ImportUpload ssr=SsrMode::Async/>
                    <Route path=path!("/clients/import/:job") view=routes::ImportJob ssr=SsrMode::Async/>
                    <Route path=path!("/clients/new") view=routes::OrgNew ssr=SsrMode::Async/>
                    <Route path=path!("/clients/:id") view=routes::OrgDetail ssr=SsrMode::Async/>
                    <Route path=path!("/clients/:id/edit") view=routes::OrgEdit ssr=SsrMode::Async/>
                    <Route path=path!("/people") view=routes::PeopleList ssr=SsrMode::Async/>
                    <Route path=path!("/people/new") view=routes::PersonNew ssr=SsrMode::Async/>
                    <Route path=path!("/people/:id") view=routes::PersonDetail ssr=SsrMode::Async/>
                    <Route path=path!("/people/:id/edit") view=routes::PersonEdit ssr=SsrMode::Async/>
                    <Route path=path!("/people/:id/data") view=routes::PersonData ssr=SsrMode::Async/>
                    <Route path=path!("/today") view=routes::Today ssr=SsrMode::Async/>
                    <Route path=path!("/workshops") view=routes::Workshops ssr=SsrMode::Async/>
                    <Route path=path!("/workshops/new") view=routes::WorkshopNew ssr=SsrMode::Async/>
                    <Route path=path!("/workshops/:id") view=routes::WorkshopDetail ssr=SsrMode::Async/>
                    <Route path=path!("/workshops/:id/edit") view=routes::WorkshopEdit ssr=SsrMode::Async/>
                    <Route path=path!("/talleres") view=routes::PublicCatalog ssr=SsrMode::Async/>
                    <Route path=path!("/talleres/:id") view=routes::PublicWorkshop ssr=SsrMode::Async/>
                    <Route path=path!("/talleres/confirmar/:token") view=routes::PublicConfirm ssr=SsrMode::Async/>
                    <Route path=path!("/courses") view=routes::Courses ssr=SsrMode::Async/>
                    <Route path=path!("/contracts") view=routes::Contracts ssr=SsrMode::Async/>
                    <Route path=path!("/contracts/new") view=routes::ContractNew ssr=SsrMode::Async/>
                    <Route path=path!("/contracts/:id") view=routes::ContractDetail ssr=SsrMode::Async/>
                    <Route path=path!("/contracts/:id/edit") view=routes::ContractEdit ssr=SsrMode::Async/>
                    <Route path=path!("/sessions/:id") view=routes::Session ssr=SsrMode::Async/>
                    <Route path=path!("/pipeline") view=routes::Pipeline ssr=SsrMode::Async/>
                    <Route path=path!("/pipeline/metrics") view=routes::Metrics ssr=SsrMode::Async/>
                    <Route path=path!("/pipeline/stages") view=routes::Stages ssr=SsrMode::Async/>
                    <Route path=path!("/pipeline/templates") view=routes::Templates ssr=SsrMode::Async/>
                    <Route path=path!("/opportunities/:id") view=routes::OpportunityDetail ssr=SsrMode::Async/>
                    <Route path=path!("/opportunities/:id/edit") view=routes::OpportunityEdit ssr=SsrMode::Async/>
                    <Route path=path!("/opportunities/:id/proposals/new") view=routes::ProposalNew ssr=SsrMode::Async/>
                    <Route path=path!("/proposals/:id") view=routes::Proposal ssr=SsrMode::Async/>
                    <Route path=path!("/proposals/:id/edit") view=routes::ProposalEdit ssr=SsrMode::Async/>
                    <Route path=path!("/invoices") view=routes::Invoices ssr=SsrMode::Async/>
                    <Route path=path!("/invoices/new") view=routes::InvoiceNew ssr=SsrMode::Async/>
                    <Route path=path!("/invoices/:id") view=routes::InvoiceDetail ssr=SsrMode::Async/>
                    <Route path=path!("/invoices/:id/edit") view=routes::InvoiceEdit ssr=SsrMode::Async/>
                    <Route path=path!("/billing/issuers") view=routes::Issuers ssr=SsrMode::Async/>
                    <Route path=path!("/products") view=routes::Products ssr=SsrMode::Async/>
                    <Route path=path!("/products/new") view=routes::ProductNew ssr=SsrMode::Async/>
                    <Route path=path!("/products/:id") view=routes::ProductDetail ssr=SsrMode::Async/>
                    <Route path=path!("/products/:id/edit") view=routes::ProductEdit ssr=SsrMode::Async/>
                    <Route path=path!("/sales") view=routes::Counter ssr=SsrMode::Async/>
                    <Route path=path!("/sales/:id") view=routes::Sale ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view=routes::Notifications ssr=SsrMode::Async/>
                    <Route path=path!("/calendar") view=routes::Calendar ssr=SsrMode::Async/>
                    <Route path=path!("/admin/email") view=routes::EmailAdmin ssr=SsrMode::Async/>
                    <Route path=path!("/admin/assistant") view=routes::AssistantAdmin ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=routes::Users ssr=SsrMode::Async/>
                    <Route path=path!("/admin/roles") view=routes::Roles ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=routes::AuditLog ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
