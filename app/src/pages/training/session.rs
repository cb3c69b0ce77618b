//! A session's page: the attendance sheet (large buttons, made for the front-desk tablet) and, for
//! staff, the form to reschedule it, change trainer or room, mark it done or cancel it.

use leptos::prelude::*;
use leptos_meta::Title;
use types::{AttendanceStatus, ContractDetail, Msg, SessionDetail, SessionState};

use super::contract_detail::{when, SessionForm};
use super::StateBadge;
use crate::error::AppError;
use crate::i18n::use_ctx;
use crate::pages::crm::use_id_param;
use crate::pages::errors::record_page;
use crate::serverfns::training::{contract_page, session_page, RecordAttendance, SaveSession};

#[component]
pub fn SessionPage() -> impl IntoView {
    let id = use_id_param();
    let mark = ServerAction::<RecordAttendance>::new();
    let save = ServerAction::<SaveSession>::new();
    let is_staff = crate::i18n::viewer_can(types::Module::Training, types::Action::View);
    let page = Resource::new(
        move || id.get(),
        move |id| async move {
            let detail = session_page(id).await?;
            let contract = if is_staff { Some(contract_page(detail.session.contract_id.0).await?) } else { None };
            Ok::<_, AppError>((detail, contract))
        },
    );
    record_page(page, move |(detail, contract)| view! { <SessionView detail contract mark save/> })
}

#[component]
fn SessionView(
    detail: SessionDetail,
    contract: Option<ContractDetail>,
    mark: ServerAction<RecordAttendance>,
    save: ServerAction<SaveSession>,
) -> impl IntoView {
    let ctx = use_ctx();
    let s = detail.session.clone();
    let can_mark = matches!(s.state, SessionState::Scheduled | SessionState::Done);
    let place = [s.room_name.clone().unwrap_or_default(), s.address.clone()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let present = detail
        .attendance
        .iter()
        .filter(|a| matches!(a.status, Some(AttendanceStatus::Present | AttendanceStatus::Late)))
        .count();
    view! {
        <Title text=format!("{} · Aula", s.course_title)/>
        <header class="page-header">
            <p class="breadcrumb">
                {match contract.as_ref() {
                    Some(_) => view! { <a href=format!("/contracts/{}", s.contract_id)>{s.file_number.clone()}</a> }.into_any(),
                    None => view! { <a href="/today">{ctx.t(Msg::TodayTitle)}</a> }.into_any(),
                }}
            </p>
            <h1 data-testid="session-title">{s.course_title.clone()}</h1>
            <p class="muted">
                <StateBadge state=s.state.as_str() label=s.state.label()/>" "{when(ctx, &s)}" · "{s.organization_name.clone()}
                {s.trainer_name.clone().map(|t| format!(" · {t}"))}
                {(!place.is_empty()).then(|| format!(" · {place}"))}
            </p>
            {(!s.video_link.is_empty()).then(|| view! { <p><a href=s.video_link.clone() rel="noopener" target="_blank">{s.video_link.clone()}</a></p> })}
        </header>
        <section class="card attendance-card">
            <h2>{ctx.t(Msg::SeAttendance)}" · "<span data-testid="present-count">{present}</span>"/"{detail.attendance.len()}</h2>
            {if detail.attendance.is_empty() {
                view! { <p class="muted">{ctx.t(Msg::CtNoParticipants)}</p> }.into_any()
            } else if !can_mark {
                view! { <p class="muted">{ctx.t(Msg::SeNotScheduled)}</p> }.into_any()
            } else {
                view! {
                    <ul class="attendance" data-testid="attendance">
                        {detail.attendance.clone().into_iter().map(|a| {
                            let checked = a.checked_in_at.map(|t| ctx.t(Msg::SeCheckedIn).replace("{date}", &ctx.time(t)));
                            view! {
                                <li class="attendance-row" data-testid="attendance-row">
                                    <div class="attendance-name">
                                        <strong>{a.name.clone()}</strong>
                                        <span class="cell-sub" data-testid="checked-in">{checked}</span>
                                    </div>
                                    <div class="attendance-buttons" role="group" aria-label=a.name.clone()>
                                        {AttendanceStatus::ALL.iter().map(|st| {
                                            let on = a.status == Some(*st);
                                            view! {
                                                <ActionForm action=mark attr:class="inline-form">
                                                    <input type="hidden" name="session_id" value=s.id.0/>
                                                    <input type="hidden" name="person_id" value=a.person_id.0/>
                                                    <input type="hidden" name="status" value=st.as_str()/>
                                                    <button
                                                        type="submit"
                                                        class=format!("btn btn-attendance att-{}", st.as_str())
                                                        class:att-on=on
                                                        aria-pressed=on.to_string()
                                                        data-testid=format!("mark-{}", st.as_str())
                                                    >
                                                        {ctx.t(st.label())}
                                                    </button>
                                                </ActionForm>
                                            }
                                        }).collect_view()}
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {contract.map(|d| view! {
            <section class="card">
                <h2>{ctx.t(Msg::SeEdit)}</h2>
                <SessionForm contract_id=s.contract_id.0 d action=save initial=Some(s.clone())/>
            </section>
        })}
    }
}
