//! Calendar subscriptions (ICS): the user's own calendar, and for staff a trainer's, a room's or
//! an organization's. The secret link is shown once; revoking stops it at once.

use leptos::prelude::*;
use types::{FeedScope, Msg};

use crate::error::failed;
use crate::i18n::use_ctx;
use crate::serverfns::notify::{list_calendar_feeds, CreateCalendarFeed, RevokeCalendarFeed};
use crate::serverfns::training::get_training_choices;

fn scope_label(scope: FeedScope) -> Msg {
    match scope {
        FeedScope::User => Msg::FeedsScopeMine,
        FeedScope::Trainer => Msg::FeedsScopeTrainer,
        FeedScope::Room => Msg::FeedsScopeRoom,
        FeedScope::Organization => Msg::FeedsScopeOrganization,
    }
}

#[component]
pub fn CalendarFeeds() -> impl IntoView {
    let ctx = use_ctx();
    let is_staff = crate::i18n::viewer_can(types::Module::Crm, types::Action::View);
    let create = ServerAction::<CreateCalendarFeed>::new();
    let revoke = ServerAction::<RevokeCalendarFeed>::new();
    let error = failed(create);
    let feeds = Resource::new(|| (), |_| list_calendar_feeds());
    let choices = Resource::new(
        || (),
        move |_| async move {
            if is_staff {
                get_training_choices().await.ok()
            } else {
                None
            }
        },
    );
    let scoped_form = move |scope: FeedScope, options: Vec<(i64, String)>| {
        view! {
            <ActionForm action=create attr:class="form form-inline" attr:data-testid=format!("feed-form-{}", scope.as_str())
                attr:data-done-reveal="new-feed-box">
                <input type="hidden" name="scope" value=scope.as_str()/>
                <div class="field">
                    <label for=format!("feed-{}", scope.as_str())>{ctx.t(scope_label(scope))}</label>
                    <select id=format!("feed-{}", scope.as_str()) name="scope_id">
                        {options.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="btn">{ctx.t(Msg::FeedsCreate)}</button>
            </ActionForm>
        }
    };
    view! {
        <section class="card" data-testid="calendar-feeds">
            <h2>{ctx.t(Msg::FeedsTitle)}</h2>
            <p class="muted">{ctx.t(Msg::FeedsIntro)}</p>
            // Filled with the address to paste once it is created (never rendered by the server).
            <div class="notice notice-info" role="status" id="new-feed-box" hidden>
                <p>{ctx.t(Msg::FeedsCopyNow)}</p>
                <code class="secret" data-testid="new-feed-url" data-fill="path" data-fill-origin></code>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error">{e.summary(ctx.locale())}</p> })}
            <ActionForm action=create attr:class="form form-inline" attr:data-testid="feed-form-user" attr:data-done-reveal="new-feed-box">
                <input type="hidden" name="scope" value="user"/>
                <button type="submit" class="btn btn-primary">{format!("{} · {}", ctx.t(Msg::FeedsCreate), ctx.t(Msg::FeedsScopeMine))}</button>
            </ActionForm>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    choices.await.map(|c| view! {
                        {scoped_form(FeedScope::Trainer, c.trainers.into_iter().map(|(id, n)| (id.0, n)).collect())}
                        {scoped_form(FeedScope::Room, c.rooms.into_iter().map(|r| (r.id.0, r.name)).collect())}
                        {scoped_form(FeedScope::Organization, c.organizations.into_iter().map(|(id, n)| (id.0, n)).collect())}
                    })
                })}
            </Transition>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let list = feeds.await.unwrap_or_default();
                    view! {
                        <ul class="link-list">
                            {list.into_iter().map(|f| view! {
                                <li data-testid="calendar-feed" data-revoked=f.revoked.to_string()>
                                    <strong>{format!("{} · {}", ctx.t(scope_label(f.scope)), f.label)}</strong>
                                    <span class="cell-sub">
                                        {format!(" {} · {}", ctx.date(f.created_at),
                                            if f.revoked { ctx.t(Msg::FeedsRevoked).to_string() } else {
                                                f.last_used_at.map(|d| ctx.t(Msg::FeedsLastUsed).replace("{date}", &ctx.date_time(d)))
                                                    .unwrap_or_else(|| ctx.t(Msg::UsersNever).to_string())
                                            })}
                                    </span>
                                    {(!f.revoked).then(|| view! {
                                        <ActionForm action=revoke attr:class="inline-form">
                                            <input type="hidden" name="id" value=f.id/>
                                            <button type="submit" class="btn btn-small" data-testid="revoke-feed">{ctx.t(Msg::TokensRevoke)}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                })}
            </Transition>
        </section>
    }
}
