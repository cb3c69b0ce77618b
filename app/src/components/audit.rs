//! A list of audit entries: when, who (and whether through an API token), from where, what, and
//! each changed field before → after.

use leptos::prelude::*;
use types::{AuditEntry, Msg};

use crate::i18n::{use_ctx, Ctx};

/// The form's label of a recorded field, where the record has a form; the column name otherwise.
fn field_label(ctx: Ctx, entity: &str, field: &str) -> String {
    let msg = match field {
        "legal_name" => Msg::OrgLegalName,
        "trade_name" => Msg::OrgTradeName,
        "tax_id" if entity == "people" => Msg::PersonTaxId,
        "tax_id" => Msg::OrgTaxId,
        "country" => Msg::OrgCountry,
        "sector" => Msg::OrgSector,
        "address" => Msg::OrgAddress,
        "postal_code" => Msg::OrgPostalCode,
        "city" => Msg::OrgCity,
        "province" => Msg::OrgProvince,
        "email" => Msg::FieldEmail,
        "phone" => Msg::OrgPhone,
        "website" => Msg::OrgWebsite,
        "notes" => Msg::OrgNotes,
        "owner_id" => Msg::OrgOwner,
        "status" => Msg::FieldStatus,
        "source" => Msg::OrgSource,
        "is_contracting" => Msg::OrgIsContracting,
        "is_end_client" => Msg::OrgIsEndClient,
        "first_name" => Msg::PersonFirstName,
        "last_name" => Msg::PersonLastName,
        "interests" => Msg::OrgInterests,
        "redacted" => Msg::AuditRedactedEntries,
        "erased" => Msg::AuditErased,
        "blocked_until" => Msg::AuditBlockedUntil,
        "redaction_seal" => Msg::AuditRedactionSeal,
        _ => return field.to_string(),
    };
    ctx.t(msg).to_string()
}

/// The action in the viewer's words: created, changed, deleted; a verb of the domain as it is.
fn action_label(ctx: Ctx, action: &str) -> String {
    match action {
        "create" => ctx.t(Msg::AuditCreate).to_string(),
        "update" => ctx.t(Msg::AuditUpdate).to_string(),
        "delete" => ctx.t(Msg::AuditDelete).to_string(),
        "erase" => ctx.t(Msg::AuditErase).to_string(),
        "issue" | "alta" => ctx.t(Msg::AuditIssue).to_string(),
        "cancel" | "anulacion" => ctx.t(Msg::AuditCancelInvoice).to_string(),
        "payment" => ctx.t(Msg::AuditPayment).to_string(),
        other => other.replace('_', " "),
    }
}

/// Where the record of an entry is shown, for the kinds that have a page.
fn record_href(entity: &str, id: i64) -> Option<String> {
    match entity {
        "organizations" => Some(format!("/clients/{id}")),
        "people" => Some(format!("/people/{id}")),
        "workshops" => Some(format!("/workshops/{id}")),
        "contracts" => Some(format!("/contracts/{id}")),
        "opportunities" => Some(format!("/opportunities/{id}")),
        "invoices" => Some(format!("/invoices/{id}")),
        _ => None,
    }
}

/// The entries as a table; "nothing recorded" when empty.
#[component]
pub fn AuditList(entries: Vec<AuditEntry>, #[prop(optional)] show_record: bool) -> impl IntoView {
    let ctx = use_ctx();
    if entries.is_empty() {
        return view! { <p class="muted" data-testid="audit-empty">{ctx.t(Msg::AuditEmpty)}</p> }.into_any();
    }
    let value = move |v: &Option<String>| v.clone().filter(|v| !v.is_empty()).unwrap_or_else(|| "—".into());
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="audit-table">
                <thead><tr>
                    <th scope="col">{ctx.t(Msg::AuditWhen)}</th>
                    <th scope="col">{ctx.t(Msg::AuditWho)}</th>
                    <th scope="col">{ctx.t(Msg::AuditWhat)}</th>
                    <th scope="col">{ctx.t(Msg::AuditChanges)}</th>
                </tr></thead>
                <tbody>
                    {entries.into_iter().map(|e| {
                        let who = e.user_name.clone().unwrap_or_else(|| ctx.t(Msg::AuditSystem).to_string());
                        let action = action_label(ctx, &e.action);
                        let record = show_record.then(|| {
                            let label = format!("{} · {} #{}", e.module, e.entity, e.entity_id);
                            match record_href(&e.entity, e.entity_id) {
                                Some(href) => view! { <a href=href>{label}</a> }.into_any(),
                                None => view! { <span>{label}</span> }.into_any(),
                            }
                        });
                        let entity = e.entity.clone();
                        view! {
                            <tr data-testid="audit-row">
                                <td class="nowrap">{ctx.date_time(e.at)}<span class="cell-sub">"#"{e.seq}</span></td>
                                <td>
                                    {who}
                                    {e.via_token.then(|| view! { " "<span class="badge">"API"</span> })}
                                    <span class="cell-sub">{e.ip.clone()}</span>
                                </td>
                                <td>
                                    <span class="badge" data-testid="audit-action">{action}</span>
                                    {record.map(|r| view! { <span class="cell-sub">{r}</span> })}
                                </td>
                                <td>
                                    {e.redacted.then(|| view! {
                                        <p class="cell-sub" data-testid="audit-redacted">{ctx.t(Msg::AuditRedacted)}</p>
                                    })}
                                    <ul class="changes">
                                        {e.changes.iter().map(|c| {
                                            let label = field_label(ctx, &entity, &c.field);
                                            if e.redacted {
                                                view! { <li data-testid="audit-change"><strong>{label}</strong></li> }.into_any()
                                            } else {
                                                view! {
                                                    <li data-testid="audit-change">
                                                        <strong>{label}</strong>": "
                                                        <del>{value(&c.before)}</del>" → "<ins>{value(&c.after)}</ins>
                                                    </li>
                                                }
                                                .into_any()
                                            }
                                        }).collect_view()}
                                    </ul>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
