//! The audit log for administrators: every write, newest first, filtered by user, module,
//! record and dates, a page at a time; and the check of its chain of hashes. A plain GET form, so
//! it works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use types::{AuditQuery, Msg};

use crate::components::audit::AuditList;
use crate::error::AppError;
use crate::i18n::use_ctx;
use crate::pages::errors::ErrorNotice;
use crate::serverfns::audit::{audit_log, verify_audit_log};

/// The modules whose writes are recorded.
const MODULES: [&str; 5] = ["crm", "training", "sales", "calendar", "admin"];

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let ctx = use_ctx();
    let query = use_query_map();
    let get = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let date = |s: String, end: bool| {
        chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .ok()
            .map(|d| if end { d + chrono::Duration::days(1) } else { d })
            .and_then(|d| types::fmt::from_local(ctx.tz, d.and_hms_opt(0, 0, 0)?))
            .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
    };
    let q = AuditQuery {
        user_id: get("user").parse().ok(),
        module: Some(get("module")).filter(|m| !m.is_empty()),
        entity: Some(get("entity")).filter(|m| !m.is_empty()),
        entity_id: get("entity_id").parse().ok(),
        from: date(get("from"), false),
        to: date(get("to"), true),
        before: get("before").parse().ok(),
        limit: Some(50),
    };
    let verify = get("verify") == "1";
    let page = Resource::new(move || (), {
        let q = q.clone();
        move |_| audit_log(q.clone())
    });
    let chain = Resource::new(
        move || (),
        move |_| async move {
            if verify {
                verify_audit_log().await.map(Some)
            } else {
                Ok(None)
            }
        },
    );
    // The link to the next page keeps the filters.
    let next_href = move |next: i64| {
        let mut pairs: Vec<(String, String)> = query
            .get_untracked()
            .into_iter()
            .filter(|(k, _)| k != "before" && k != "verify")
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        pairs.push(("before".into(), next.to_string()));
        let qs = pairs.iter().map(|(k, v)| format!("{k}={}", urlencode(v))).collect::<Vec<_>>().join("&");
        format!("/admin/audit?{qs}")
    };
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::AuditTitle))/>
        <header class="page-header">
            <h1>{ctx.t(Msg::AuditTitle)}</h1>
            <p class="muted">{ctx.t(Msg::AuditIntro)}</p>
        </header>
        <section class="card">
            <form method="get" action="/admin/audit" class="form form-inline filters" data-testid="audit-filters">
                <div class="field">
                    <label for="audit-module">{ctx.t(Msg::AuditModule)}</label>
                    <select id="audit-module" name="module">
                        <option value="">{ctx.t(Msg::AuditAll)}</option>
                        {MODULES.iter().map(|m| view! { <option value=*m selected=get("module") == *m>{*m}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="audit-entity">{ctx.t(Msg::AuditRecord)}</label>
                    <input id="audit-entity" name="entity" value=get("entity") placeholder="organizations"/>
                </div>
                <div class="field">
                    <label for="audit-entity-id">"#"</label>
                    <input id="audit-entity-id" name="entity_id" inputmode="numeric" value=get("entity_id") size="6"/>
                </div>
                <div class="field">
                    <label for="audit-user">{ctx.t(Msg::AuditUser)}</label>
                    <input id="audit-user" name="user" inputmode="numeric" value=get("user") size="6"/>
                </div>
                <div class="field">
                    <label for="audit-from">{ctx.t(Msg::AuditFrom)}</label>
                    <input id="audit-from" type="date" name="from" value=get("from")/>
                </div>
                <div class="field">
                    <label for="audit-to">{ctx.t(Msg::AuditTo)}</label>
                    <input id="audit-to" type="date" name="to" value=get("to")/>
                </div>
                <button type="submit" class="btn btn-primary">{ctx.t(Msg::AuditFilter)}</button>
            </form>
        </section>
        <section class="card" data-testid="audit-chain">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match chain.await {
                        Ok(Some(r)) if r.intact => view! {
                            <p class="notice notice-info" role="status" data-testid="chain-intact">{ctx.t(Msg::AuditIntact).replace("{n}", &r.entries.to_string())}</p>
                        }.into_any(),
                        Ok(Some(r)) => view! {
                            <p class="notice notice-error" role="alert" data-testid="chain-broken">{ctx.t(Msg::AuditBroken).replace("{n}", &r.first_broken.unwrap_or(0).to_string())}</p>
                        }.into_any(),
                        Ok(None) => view! {
                            <p><a class="btn" href="/admin/audit?verify=1" data-testid="verify-chain">{ctx.t(Msg::AuditVerify)}</a></p>
                        }.into_any(),
                        Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <section class="card">
            <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(p) => view! {
                            <AuditList entries=p.entries show_record=true/>
                            {p.next.map(|n| view! { <p><a class="btn" href=next_href(n) data-testid="audit-more">{ctx.t(Msg::AuditMore)}</a></p> })}
                        }.into_any(),
                        Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
