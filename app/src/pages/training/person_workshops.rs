//! The workshops box of a person's page: their enrollments, and enrolling them in an open one.

use leptos::prelude::*;
use types::{Msg, PersonWorkshops};

use super::StateBadge;
use crate::components::field::SelectField;
use crate::components::outcome;
use crate::error::{failed, AppError, AppResult};
use crate::i18n::use_ctx;
use crate::serverfns::training::EnrollPerson;

#[component]
pub fn PersonWorkshopsBox(
    person_id: i64,
    data: Resource<AppResult<PersonWorkshops>>,
    enroll: ServerAction<EnrollPerson>,
) -> impl IntoView {
    let ctx = use_ctx();
    let error = failed(enroll);
    view! {
        <section class="card" data-testid="person-workshops">
            <h2>{ctx.t(Msg::WsTitle)}</h2>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(AppError(e)) => view! { <p class="muted">{e.summary(ctx.locale())}</p> }.into_any(),
                        Ok(p) => {
                            let options: Vec<(String, String)> = std::iter::once((String::new(), ctx.t(Msg::CtChoose).to_string()))
                                .chain(p.open.iter().map(|w| (w.id.0.to_string(), format!("{} · {}", w.title, ctx.date(w.starts_at)))))
                                .collect();
                            view! {
                                {if p.enrollments.is_empty() {
                                    view! { <p class="muted">{ctx.t(Msg::WsNoEnrollments)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="link-list">
                                            {p.enrollments.into_iter().map(|(e, title)| view! {
                                                <li>
                                                    <a href=format!("/workshops/{}", e.workshop_id)>{title}</a>" "
                                                    <StateBadge state=e.state.as_str() label=e.state.label()/>
                                                    <span class="cell-sub">{ctx.t(e.payment_status.label())}</span>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                {(!p.open.is_empty()).then(|| view! {
                                    <ActionForm action=enroll attr:class="form form-inline" attr:data-testid="person-enroll-form"
                                        attr:data-done-message=outcome::ENROLLED>
                                        <input type="hidden" name="person_id" value=person_id/>
                                        <input type="hidden" name="form_key" value=p.form_key.clone()/>
                                        <SelectField name="workshop_id" label=Msg::WsEnrollIn options=options.clone() error id_prefix="pw-"/>
                                        <button type="submit" class="btn">{ctx.t(Msg::WsEnroll)}</button>
                                    </ActionForm>
                                })}
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}
