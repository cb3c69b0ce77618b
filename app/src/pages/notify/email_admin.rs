//! Email and reminders for managers: whether SMTP is configured, when reminders go out, the
//! queue (failed ones can be retried) and the email log.

use leptos::prelude::*;
use leptos_meta::Title;
use types::{channel_label, email_status_label, reminder_kind_label, reminder_state_label, Msg};

use crate::components::field::{FormError, TextField};
use crate::error::failed;
use crate::i18n::use_ctx;
use crate::pages::errors::ErrorNotice;
use crate::serverfns::notify::{email_admin_page, RetryReminder, SaveReminderSettings};

fn label(ctx: crate::i18n::Ctx, msg: Option<Msg>, raw: &str) -> String {
    msg.map(|m| ctx.t(m).to_string()).unwrap_or_else(|| raw.to_string())
}

#[component]
pub fn EmailAdminPage() -> impl IntoView {
    let ctx = use_ctx();
    let save = ServerAction::<SaveReminderSettings>::new();
    let retry = ServerAction::<RetryReminder>::new();
    let error = failed(save);
    let page = Resource::new(|| (), |_| email_admin_page());
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::EmailAdminTitle))/>
        <header class="page-header"><h1>{ctx.t(Msg::EmailAdminTitle)}</h1></header>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let a = match page.await {
                    Ok(a) => a,
                    Err(e) => return view! { <ErrorNotice error=e.0/> }.into_any(),
                };
                let s = a.settings;
                view! {
                    {if a.smtp_configured {
                        view! { <div class="notice notice-info" data-testid="smtp-status" data-configured="true">{ctx.t(Msg::EmailSmtpOn).replace("{name}", &a.smtp_summary)}</div> }.into_any()
                    } else {
                        view! { <div class="notice notice-warn" data-testid="smtp-status" data-configured="false">{ctx.t(Msg::EmailSmtpOff)}</div> }.into_any()
                    }}
                    <div class="admin-email-grid">
                        <section class="card">
                            <h2>{ctx.t(Msg::EmailSettings)}</h2>
                            <ActionForm action=save attr:class="form" attr:data-testid="reminder-settings" attr:data-done-toast=ctx.t(Msg::EmailSettingsSaved)>
                                <FormError error/>
                                <TextField name="follow_up_hour" label=Msg::EmailFollowUpHour kind="number" value=s.follow_up_hour.to_string() error/>
                                <TextField name="session_lead_hours" label=Msg::EmailSessionLead kind="number" value=s.session_lead_hours.to_string() error/>
                                <TextField name="workshop_lead_hours" label=Msg::EmailWorkshopLead kind="number" value=s.workshop_lead_hours.to_string() error/>
                                <TextField name="digest_hour" label=Msg::EmailDigestHour kind="number" value=s.digest_hour.to_string() error/>
                                <button type="submit" class="btn btn-primary">{ctx.t(Msg::ActionSave)}</button>
                            </ActionForm>
                        </section>
                        <section class="card" data-testid="reminder-queue">
                            <h2>{ctx.t(Msg::EmailQueue)}</h2>
                            <p class="muted" data-testid="queue-counts">
                                {ctx.t(Msg::EmailQueueCounts).replace("{n}", &a.pending.to_string()).replace("{total}", &a.failed.to_string())}
                            </p>
                            {if a.reminders.is_empty() {
                                view! { <p class="empty">{ctx.t(Msg::EmailNone)}</p> }.into_any()
                            } else {
                                view! {
                                    <div class="table-wrap">
                                        <table class="table">
                                            <thead><tr>
                                                <th>{ctx.t(Msg::ColWhen)}</th><th>{ctx.t(Msg::ColKind)}</th><th>{ctx.t(Msg::ColChannel)}</th>
                                                <th>{ctx.t(Msg::ColRecipient)}</th><th>{ctx.t(Msg::ColStatus)}</th><th></th>
                                            </tr></thead>
                                            <tbody>
                                                {a.reminders.into_iter().map(|r| {
                                                    let failed = r.state == "failed";
                                                    view! {
                                                        <tr data-testid="reminder-row" data-state=r.state.clone()>
                                                            <td>{ctx.date_time(r.due_at)}</td>
                                                            <td>{label(ctx, reminder_kind_label(&r.kind), &r.kind)}</td>
                                                            <td>{label(ctx, channel_label(&r.channel), &r.channel)}</td>
                                                            <td>{r.recipient.clone()}</td>
                                                            <td>
                                                                {label(ctx, reminder_state_label(&r.state), &r.state)}
                                                                {(!r.last_error.is_empty() && r.last_error != "SMTP is not configured").then(|| view! { <small class="cell-sub">{r.last_error.clone()}</small> })}
                                                            </td>
                                                            <td>{failed.then(|| view! {
                                                                <ActionForm action=retry attr:class="inline-form">
                                                                    <input type="hidden" name="id" value=r.id/>
                                                                    <button type="submit" class="btn btn-small">{ctx.t(Msg::EmailRetry)}</button>
                                                                </ActionForm>
                                                            })}</td>
                                                        </tr>
                                                    }
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }.into_any()
                            }}
                        </section>
                    </div>
                    <section class="card" data-testid="email-log">
                        <h2>{ctx.t(Msg::EmailLog)}</h2>
                        {if a.log.is_empty() {
                            view! { <p class="empty">{ctx.t(Msg::EmailNone)}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap">
                                    <table class="table">
                                        <thead><tr>
                                            <th>{ctx.t(Msg::ColWhen)}</th><th>{ctx.t(Msg::ColRecipient)}</th><th>{ctx.t(Msg::ColSubject)}</th>
                                            <th>{ctx.t(Msg::ColTemplate)}</th><th>{ctx.t(Msg::ColStatus)}</th><th>{ctx.t(Msg::ColAttempts)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {a.log.into_iter().map(|l| view! {
                                                <tr data-testid="email-log-row" data-status=l.status.clone()>
                                                    <td>{ctx.date_time(l.sent_at.unwrap_or(l.updated_at))}</td>
                                                    <td>{l.recipient.clone()}</td>
                                                    <td>{l.subject.clone()}</td>
                                                    <td>{label(ctx, reminder_kind_label(&l.template), &l.template)}</td>
                                                    <td>
                                                        {label(ctx, email_status_label(&l.status), &l.status)}
                                                        {(l.status != "not_configured" && !l.error.is_empty()).then(|| view! { <small class="cell-sub">{l.error.clone()}</small> })}
                                                    </td>
                                                    <td>{l.attempts}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                    </section>
                }.into_any()
            })}
        </Transition>
    }
}
