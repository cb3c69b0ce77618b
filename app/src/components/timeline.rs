//! A client timeline (organization or person): filter chips, events newest first, "show more".
//! Each event kind has its own rendering; unknown kinds (added by later modules) still show with
//! their date and author.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use types::{InteractionKind, InteractionResult, LifecycleStatus, Msg, TimelineEvent, TimelinePage};

use crate::error::AppResult;

use crate::i18n::{use_ctx, Ctx};
use crate::pages::errors::ErrorNotice;
use crate::serverfns::crm::get_timeline;

/// The filter chips: label and the kinds they show.
const FILTERS: [(Msg, &str); 4] = [
    (Msg::TlAll, ""),
    (Msg::TlInteractions, "interaction,follow_up_done"),
    (Msg::TlStatus, "status_changed"),
    (Msg::TlRecords, "created,merged,contact_added"),
];

/// The timeline resource of `subject` (`organization` or `person`) `id`: the event kinds and the
/// cursor come from the address (`kind`, `before`). Created at the top of a page, never inside a
/// `<Suspense>` (a resource created there can stall the server render); while `active` is false
/// it loads nothing.
pub fn timeline_resource(
    subject: &'static str,
    id: Memo<i64>,
    active: Signal<bool>,
) -> Resource<AppResult<TimelinePage>> {
    let query = use_query_map();
    Resource::new(
        move || {
            let q = query.read();
            (id.get(), q.get("kind").unwrap_or_default(), q.get("before").unwrap_or_default(), active.get())
        },
        move |(id, kinds, before, active)| async move {
            if active {
                get_timeline(subject.to_string(), id, kinds, before).await
            } else {
                Ok(TimelinePage { events: Vec::new(), next_before: None })
            }
        },
    )
}

/// A timeline: filter chips, the events of `page`, and "show more". `base_href` is the page's
/// address with `tab=timeline`.
#[component]
pub fn Timeline(page: Resource<AppResult<TimelinePage>>, base_href: String) -> impl IntoView {
    let ctx = use_ctx();
    let kinds = use_query_map().get_untracked().get("kind").unwrap_or_default();
    let chips = FILTERS
        .iter()
        .map(|(label, value)| {
            let href = if value.is_empty() { base_href.clone() } else { format!("{base_href}&kind={value}") };
            let current = *value == kinds;
            view! { <a class="chip" class:chip-on=current aria-current=current.then_some("true") href=href>{ctx.t(*label)}</a> }
        })
        .collect_view();
    let base = base_href.clone();
    view! {
        <div class="chips" data-testid="timeline-filters">{chips}</div>
        <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || {
                let base = base.clone();
                let kinds = kinds.clone();
                Suspend::new(async move {
                    match page.await {
                        Err(e) => view! { <ErrorNotice error=e.0/> }.into_any(),
                        Ok(p) if p.events.is_empty() => view! { <p class="muted" data-testid="timeline-empty">{ctx.t(Msg::TlEmpty)}</p> }.into_any(),
                        Ok(p) => {
                            let more = p.next_before.map(|c| {
                                let kind = if kinds.is_empty() { String::new() } else { format!("&kind={kinds}") };
                                format!("{base}{kind}&before={c}")
                            });
                            view! {
                                <ol class="timeline" data-testid="timeline">
                                    {p.events.into_iter().map(|e| view! { <Event event=e/> }).collect_view()}
                                </ol>
                                {more.map(|href| view! { <a class="btn btn-small" href=href data-testid="timeline-more">{ctx.t(Msg::TlMore)}</a> })}
                            }.into_any()
                        }
                    }
                })
            }}
        </Transition>
    }
}

fn field<'a>(data: &'a serde_json::Value, key: &str) -> &'a str {
    data.get(key).and_then(|v| v.as_str()).unwrap_or_default()
}

fn status_label(ctx: Ctx, s: &str) -> String {
    LifecycleStatus::parse(s).map(|s| ctx.t(s.label()).to_string()).unwrap_or_else(|| s.to_string())
}

#[component]
fn Event(event: TimelineEvent) -> impl IntoView {
    let ctx = use_ctx();
    let data: serde_json::Value = serde_json::from_str(&event.data).unwrap_or_default();
    let (icon, title, body): (String, String, String) = match event.kind.as_str() {
        "interaction" => {
            let kind = InteractionKind::parse(field(&data, "kind")).map(|k| ctx.t(k.label())).unwrap_or("");
            let result = InteractionResult::parse(field(&data, "result")).map(|r| ctx.t(r.label())).unwrap_or("");
            let next = field(&data, "next_action");
            let mut body = field(&data, "description").to_string();
            if !next.is_empty() {
                let due = data
                    .get("next_action_at")
                    .and_then(|v| v.as_i64())
                    .and_then(|s| chrono::DateTime::from_timestamp(s, 0));
                let due = due.map(|d| format!(" ({})", ctx.date(d))).unwrap_or_default();
                body = format!("{body}\n→ {}: {next}{due}", ctx.t(Msg::IxNextAction));
            }
            (kind.chars().next().map(String::from).unwrap_or_default(), format!("{kind} · {result}"), body)
        }
        "follow_up_done" => ("✓".into(), ctx.t(Msg::IxMarkDone).to_string(), field(&data, "next_action").to_string()),
        "status_changed" => (
            "⇄".into(),
            ctx.t(Msg::TlStatusChanged)
                .replace("{from}", &status_label(ctx, field(&data, "from")))
                .replace("{to}", &status_label(ctx, field(&data, "to"))),
            String::new(),
        ),
        "created" => ("+".into(), ctx.t(Msg::TlCreated).to_string(), field(&data, "name").to_string()),
        "merged" => ("=".into(), ctx.t(Msg::TlMerged).replace("{name}", field(&data, "name")), String::new()),
        "contact_added" => (
            "@".into(),
            ctx.t(Msg::TlContactAdded).replace("{name}", field(&data, "person")),
            field(&data, "organization").to_string(),
        ),
        "enrolled" => ("✓".into(), ctx.t(Msg::TlEnrolled).replace("{name}", field(&data, "workshop")), String::new()),
        "waitlisted" => {
            ("…".into(), ctx.t(Msg::TlWaitlisted).replace("{name}", field(&data, "workshop")), String::new())
        }
        "enrollment_promoted" => {
            ("↑".into(), ctx.t(Msg::TlPromoted).replace("{name}", field(&data, "workshop")), String::new())
        }
        "enrollment_cancelled" => {
            ("×".into(), ctx.t(Msg::TlEnrollmentCancelled).replace("{name}", field(&data, "workshop")), String::new())
        }
        "enrollment_paid" => {
            let amount = data.get("amount_cents").and_then(|v| v.as_i64()).unwrap_or(0);
            (
                "€".into(),
                ctx.t(Msg::TlPaid).replace("{name}", field(&data, "workshop")),
                format!("{} · {}", ctx.money(amount), field(&data, "reference")),
            )
        }
        "enrollment_refunded" => ("€".into(), ctx.t(Msg::WsRefund).to_string(), field(&data, "reference").to_string()),
        "contract_created" => (
            "§".into(),
            ctx.t(Msg::TlContract).replace("{name}", field(&data, "file_number")),
            field(&data, "course").to_string(),
        ),
        "contract_state" => (
            "§".into(),
            ctx.t(Msg::TlContract).replace("{name}", field(&data, "file_number")),
            [field(&data, "from"), field(&data, "to")]
                .iter()
                .map(|s| types::ContractState::parse(s).map(|c| ctx.t(c.label())).unwrap_or(s))
                .collect::<Vec<_>>()
                .join(" → "),
        ),
        "session" => {
            let when =
                data.get("starts_at").and_then(|v| v.as_i64()).and_then(|s| chrono::DateTime::from_timestamp(s, 0));
            let state = types::SessionState::parse(field(&data, "state")).map(|s| ctx.t(s.label())).unwrap_or("");
            (
                "◷".into(),
                format!("{} · {state}", ctx.t(Msg::TlSession).replace("{name}", field(&data, "course"))),
                format!(
                    "{}{}",
                    field(&data, "file_number"),
                    when.map(|w| format!(" · {}", ctx.date_time(w))).unwrap_or_default()
                ),
            )
        }
        "opportunity_created" => (
            "◆".into(),
            ctx.t(Msg::TlOpportunityCreated)
                .replace("{name}", field(&data, "title"))
                .replace("{to}", field(&data, "to")),
            String::new(),
        ),
        "opportunity_stage" => (
            "◆".into(),
            ctx.t(Msg::TlOpportunityStage)
                .replace("{name}", field(&data, "title"))
                .replace("{from}", field(&data, "from"))
                .replace("{to}", field(&data, "to")),
            String::new(),
        ),
        "email" => {
            let status = types::email_status_label(field(&data, "status")).map(|m| ctx.t(m)).unwrap_or("");
            (
                "✉".into(),
                ctx.t(Msg::TimelineEmail).replace("{name}", field(&data, "subject")),
                format!("{status} · {}", field(&data, "recipient")),
            )
        }
        other => ("•".into(), other.replace('_', " "), field(&data, "summary").to_string()),
    };
    let by = event.actor_name.map(|n| ctx.t(Msg::TlBy).replace("{name}", &n));
    view! {
        <li class=format!("tl-event tl-{}", event.kind) data-testid="timeline-event" data-kind=event.kind.clone()>
            <span class="tl-icon" aria-hidden="true">{icon}</span>
            <div class="tl-body">
                <p class="tl-title"><strong>{title}</strong></p>
                {(!body.is_empty()).then(|| view! { <p class="tl-text">{body}</p> })}
                <p class="tl-meta">
                    <time datetime=event.at.to_rfc3339()>{ctx.date_time(event.at)}</time>
                    {by.map(|b| format!(" · {b}"))}
                </p>
            </div>
        </li>
    }
}
