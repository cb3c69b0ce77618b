//! The 404, 403 and error pages. On the server they also set the response status.

use leptos::prelude::*;
use leptos_meta::Title;
use types::{ApiError, Msg};

use crate::i18n::use_ctx;

#[allow(unused_variables)]
fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::from_u16(code).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR));
    }
}

#[component]
fn ErrorPage(code: u16, title: Msg, body: String) -> impl IntoView {
    set_status(code);
    let ctx = use_ctx();
    view! {
        <Title text=format!("{} · Aula", ctx.t(title))/>
        <section class="error-page" data-testid=format!("error-page-{code}")>
            <p class="error-code">{code}</p>
            <h1>{ctx.t(title)}</h1>
            <p>{body}</p>
            <a class="btn btn-primary" href="/">{ctx.t(Msg::ActionBackHome)}</a>
        </section>
    }
}

/// Shown for an address no route knows.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let ctx = use_ctx();
    view! { <ErrorPage code=404 title=Msg::PageNotFoundTitle body=ctx.t(Msg::PageNotFoundBody).to_string()/> }
}

/// Shown when the user's role does not include the page's.
#[component]
pub fn ForbiddenPage() -> impl IntoView {
    let ctx = use_ctx();
    view! { <ErrorPage code=403 title=Msg::PageForbiddenTitle body=ctx.t(Msg::PageForbiddenBody).to_string()/> }
}

/// An inline notice for a failed load.
#[component]
pub fn ErrorNotice(error: ApiError) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <div class="notice notice-error" role="alert">
            <strong>{ctx.t(Msg::PageErrorTitle)}</strong>
            " "
            {error.summary(ctx.locale())}
        </div>
    }
}

/// A record's page: "loading" while `record` loads, then the 404 page when there is no such
/// record (or it is out of the user's reach), an error notice when the load failed, or `page`
/// with what loaded. `record` is created by the page itself, outside any `<Suspense>`.
pub fn record_page<T, V>(
    record: Resource<Result<T, crate::error::AppError>>,
    page: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let ctx = use_ctx();
    view! {
        <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || {
                let page = page.clone();
                Suspend::new(async move {
                    match record.await {
                        Err(crate::error::AppError(e)) if e.kind == types::ErrorKind::NotFound => {
                            view! { <NotFoundPage/> }.into_any()
                        }
                        Err(crate::error::AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                        Ok(d) => page(d).into_any(),
                    }
                })
            }}
        </Transition>
    }
}
