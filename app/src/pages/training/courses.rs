//! The course catalogue and the rooms: everyone on staff reads them; managers add and edit.
//! `?course=<id>` or `?room=<id>` opens that record in the form.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use types::{CourseView, Modality, Msg, RoomView};

use crate::components::field::{CheckField, FormError, SelectField, TextArea, TextField};
use crate::error::{failed, AppError};
use crate::i18n::use_ctx;
use crate::pages::crm::choice_options;
use crate::pages::errors::ErrorNotice;
use crate::serverfns::training::{list_courses, SaveCourse, SaveRoom};

#[component]
pub fn CoursesPage() -> impl IntoView {
    let ctx = use_ctx();
    let query = use_query_map();
    let save_course = ServerAction::<SaveCourse>::new();
    let save_room = ServerAction::<SaveRoom>::new();
    let data = Resource::new(|| (), |_| list_courses());
    let is_manager = crate::i18n::viewer_can(types::Module::Training, types::Action::Configure);
    let selected = move |key: &str| query.read().get(key).and_then(|v| v.parse::<i64>().ok());
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::CoTitle))/>
        <header class="page-header"><h1>{ctx.t(Msg::CoTitle)}</h1></header>
        <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok((courses, rooms)) => {
                        let course = selected("course").and_then(|id| courses.iter().find(|c| c.id.0 == id).cloned());
                        let room = selected("room").and_then(|id| rooms.iter().find(|r| r.id.0 == id).cloned());
                        view! {
                            <div class="split">
                                <section class="card">
                                    <h2>{ctx.t(Msg::CoCourses)}</h2>
                                    <CourseTable courses is_manager/>
                                </section>
                                {is_manager.then(|| view! { <CourseForm initial=course.clone() save=save_course/> })}
                            </div>
                            <div class="split">
                                <section class="card">
                                    <h2>{ctx.t(Msg::RoomTitle)}</h2>
                                    <RoomTable rooms is_manager/>
                                </section>
                                {is_manager.then(|| view! { <RoomForm initial=room.clone() save=save_room/> })}
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn CourseTable(courses: Vec<CourseView>, is_manager: bool) -> impl IntoView {
    let ctx = use_ctx();
    if courses.is_empty() {
        return view! { <p class="muted">{ctx.t(Msg::CoEmpty)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="courses-table">
                <thead><tr>
                    <th scope="col">{ctx.t(Msg::CoCode)}</th>
                    <th scope="col">{ctx.t(Msg::WsFieldTitle)}</th>
                    <th scope="col" class="num">{ctx.t(Msg::CoHours)}</th>
                    <th scope="col" class="num">{ctx.t(Msg::CoHourlyPrice)}</th>
                    <th scope="col">{ctx.t(Msg::CoModality)}</th>
                </tr></thead>
                <tbody>
                    {courses.into_iter().map(|c| view! {
                        <tr class:row-inactive=!c.active>
                            <td class="nowrap">
                                {if is_manager { view! { <a href=format!("/courses?course={}", c.id)>{c.code.clone()}</a> }.into_any() } else { c.code.clone().into_any() }}
                            </td>
                            <td>{c.title.clone()}<span class="cell-sub">{c.interests.join(", ")}</span></td>
                            <td class="num nowrap">{ctx.hours(c.default_minutes)}</td>
                            <td class="num nowrap">{ctx.money(c.default_hourly_price_cents)}</td>
                            <td>{ctx.t(c.modality.label())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn CourseForm(initial: Option<CourseView>, save: ServerAction<SaveCourse>) -> impl IntoView {
    let ctx = use_ctx();
    let error = failed(save);
    let active = initial.as_ref().is_none_or(|c| c.active);
    let c = initial.clone();
    let v = move |f: &dyn Fn(&CourseView) -> String| c.as_ref().map(f).unwrap_or_default();
    let modalities = choice_options(ctx, Modality::ALL, Modality::as_str, Modality::label, None);
    let title = if initial.is_some() { Msg::CoEdit } else { Msg::CoNew };
    view! {
        <section class="card">
            <h2>{ctx.t(title)}</h2>
            <ActionForm action=save attr:class="form" attr:data-testid="course-form" attr:novalidate=true
                attr:data-done-toast=ctx.t(Msg::CoSaved)>
                <FormError error/>
                <input type="hidden" name="id" value=v(&|c| c.id.0.to_string())/>
                <div class="form-grid">
                    <TextField name="code" label=Msg::CoCode required=true value=v(&|c| c.code.clone()) error/>
                    <TextField name="title" label=Msg::WsFieldTitle required=true value=v(&|c| c.title.clone()) error/>
                    <TextField name="default_hours" label=Msg::CoHours required=true value=v(&|c| types::fmt::hours_input(c.default_minutes)) error/>
                    <TextField name="default_hourly_price" label=Msg::CoHourlyPrice required=true value=v(&|c| types::fmt::money_input(c.default_hourly_price_cents)) error/>
                    <SelectField name="modality" label=Msg::CoModality options=modalities selected=v(&|c| c.modality.as_str().to_string()) error/>
                    <TextField name="interests" label=Msg::OrgInterests hint=Msg::CoInterestsHint value=v(&|c| c.interests.join(", ")) error/>
                </div>
                <TextArea name="description" label=Msg::WsDescription value=v(&|c| c.description.clone()) error/>
                <CheckField name="active" label=Msg::CoActive checked=active/>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">{ctx.t(Msg::ActionSave)}</button>
                    {initial.is_some().then(|| view! { <a class="btn btn-ghost" href="/courses">{ctx.t(Msg::CoNew)}</a> })}
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn RoomTable(rooms: Vec<RoomView>, is_manager: bool) -> impl IntoView {
    let ctx = use_ctx();
    if rooms.is_empty() {
        return view! { <p class="muted">{ctx.t(Msg::RoomEmpty)}</p> }.into_any();
    }
    view! {
        <ul class="link-list" data-testid="rooms">
            {rooms.into_iter().map(|r| view! {
                <li class:row-inactive=!r.active>
                    {if is_manager { view! { <a href=format!("/courses?room={}", r.id)>{r.name.clone()}</a> }.into_any() } else { r.name.clone().into_any() }}
                    <span class="cell-sub">{ctx.t(Msg::RoomCapacityN).replace("{n}", &r.capacity.to_string())}</span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn RoomForm(initial: Option<RoomView>, save: ServerAction<SaveRoom>) -> impl IntoView {
    let ctx = use_ctx();
    let error = failed(save);
    let r = initial.clone();
    view! {
        <section class="card">
            <h2>{ctx.t(if initial.is_some() { Msg::RoomEdit } else { Msg::RoomNew })}</h2>
            <ActionForm action=save attr:class="form" attr:data-testid="room-form" attr:novalidate=true
                attr:data-done-toast=ctx.t(Msg::RoomSaved)>
                <FormError error/>
                <input type="hidden" name="id" value=r.as_ref().map(|r| r.id.0.to_string()).unwrap_or_default()/>
                <div class="form-grid">
                    <TextField name="name" label=Msg::FieldName required=true value=r.as_ref().map(|r| r.name.clone()).unwrap_or_default() error id_prefix="room-"/>
                    <TextField name="capacity" label=Msg::WsCapacity kind="number" value=r.as_ref().map(|r| r.capacity.to_string()).unwrap_or_default() error id_prefix="room-"/>
                </div>
                <CheckField name="active" label=Msg::CoActive checked=r.as_ref().is_none_or(|r| r.active) id_prefix="room-"/>
                <button type="submit" class="btn btn-primary">{ctx.t(Msg::ActionSave)}</button>
            </ActionForm>
        </section>
    }
}
