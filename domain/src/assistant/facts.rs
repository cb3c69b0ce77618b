//! Gathers the facts for a question from the database, through the same domain functions the
//! pages use and within what the user's role may see: reception gets workshops, enrollments and
//! sessions; staff and up also get clients, people, follow-ups, opportunities and contracts. The
//! record the user is looking at (its subject) adds its own details.

use chrono::Duration;
use chrono_tz::Tz;
use types::{
    EnrollmentState, EnrollmentView, OpportunityId, OrganizationId, PaymentStatus, PersonId, SessionState, WorkshopId,
    WorkshopState, WorkshopView,
};

use super::{Fact, FactKind, Facts, Line};
use crate::clock::{now, to_utc};
use crate::crm::{interactions, organizations, people};
use crate::sales::opportunities;
use crate::training::{enrollment, sessions, workshops};
use crate::users::User;
use crate::{Db, Error, Reach, Result};

/// The record on screen when the question is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Organization(OrganizationId),
    Person(PersonId),
    Workshop(WorkshopId),
    Opportunity(OpportunityId),
}

impl Subject {
    /// `W12` → the workshop 12, `O3`, `P5`, `D2` likewise; empty is no record.
    pub fn parse(raw: &str) -> std::result::Result<Option<Subject>, types::FieldIssue> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        let bad = types::FieldIssue::InvalidChoice;
        let (kind, id) = raw.split_at(raw.chars().next().map(char::len_utf8).unwrap_or(0));
        let id: i64 = id.parse().map_err(|_| bad)?;
        Ok(Some(match kind {
            "W" => Subject::Workshop(WorkshopId(id)),
            "O" => Subject::Organization(OrganizationId(id)),
            "P" => Subject::Person(PersonId(id)),
            "D" => Subject::Opportunity(OpportunityId(id)),
            _ => return Err(bad),
        }))
    }

    /// The citation of the subject's own fact.
    pub fn cite(&self) -> String {
        match self {
            Subject::Organization(id) => format!("O{id}"),
            Subject::Person(id) => format!("P{id}"),
            Subject::Workshop(id) => format!("W{id}"),
            Subject::Opportunity(id) => format!("D{id}"),
        }
    }
}

fn workshop_fact(w: &WorkshopView, tz: Tz) -> Fact {
    let line = Line::new()
        .say("Taller «")
        .quote(&w.title)
        .say("» · ")
        .when(w.starts_at, tz)
        .say(" · ")
        .quote(&w.place)
        .say(" · plazas ")
        .count(w.capacity)
        .say(" · confirmadas ")
        .count(w.confirmed)
        .say(" · libres ")
        .count(w.seats_left())
        .say(" · en espera ")
        .count(w.waitlisted)
        .say(" · precio ")
        .money(w.price_cents)
        .say(" · estado ")
        .say(w.state.as_str());
    Fact::new(FactKind::Workshop, format!("W{}", w.id), format!("/workshops/{}", w.id), line)
        .labelled(&w.title)
        .at(Some(w.starts_at))
        .with_figures(vec![w.seats_left(), w.capacity, w.confirmed, w.waitlisted])
}

fn enrollment_fact(e: &EnrollmentView, w: &WorkshopView, tz: Tz) -> Fact {
    let due = if e.payment_status == PaymentStatus::Pending && e.state == EnrollmentState::Confirmed {
        (w.price_cents - e.amount_paid_cents).max(0)
    } else {
        0
    };
    let line = Line::new()
        .quote(&e.person_name)
        .say(" en el taller «")
        .quote(&w.title)
        .say("» (")
        .when(w.starts_at, tz)
        .say(") · inscripción ")
        .say(e.state.as_str())
        .say(" · pago ")
        .say(e.payment_status.as_str())
        .say(" · pagado ")
        .money(e.amount_paid_cents)
        .say(" · pendiente ")
        .money(due);
    Fact::new(FactKind::Enrollment, format!("E{}", e.id), format!("/workshops/{}", w.id), line)
        .labelled(&e.person_name)
        .at(Some(w.starts_at))
        .with_figures(vec![due, w.id.0, e.person_id.0])
}

/// Everything the user may see that bears on a question asked about `subject` (or about nothing
/// in particular): upcoming workshops with their unpaid enrollments, the next sessions, the
/// user's follow-ups due today or overdue, the subject's own details, and the people the
/// question names (capitalized words past the first).
pub async fn gather(db: &Db, user: &User, subject: Option<Subject>, question: &str, tz: Tz) -> Result<Facts> {
    let mut facts = Facts::default();
    let at = to_utc(now());
    let staff = user.can(types::Module::Crm, types::Action::View);
    if let Some(s) = subject {
        if !staff && !matches!(s, Subject::Workshop(_)) {
            return Err(Error::Forbidden);
        }
        subject_facts(db, user, &mut facts, s, tz).await?;
    }

    // Workshops in the next 60 days that still run, and who owes money for them.
    let horizon = at + Duration::days(60);
    for w in workshops::list_workshops(db, workshops::WorkshopScope::Upcoming)
        .await?
        .into_iter()
        .filter(|w| w.state != WorkshopState::Cancelled && w.starts_at <= horizon)
        .take(12)
    {
        facts.push(workshop_fact(&w, tz));
        for e in enrollment::list_enrollments(db, w.id).await? {
            if e.state == EnrollmentState::Confirmed && e.payment_status == PaymentStatus::Pending {
                facts.push(enrollment_fact(&e, &w, tz));
            }
        }
    }

    // The next two weeks of the sessions the user reaches.
    for s in
        sessions::sessions_between(db, at.timestamp(), (at + Duration::days(14)).timestamp(), Reach::sessions(user))
            .await?
            .into_iter()
            .filter(|s| s.state != SessionState::Cancelled)
            .take(30)
    {
        let Some(starts) = s.starts_at else { continue };
        let line = Line::new()
            .say("Sesión de «")
            .quote(&s.course_title)
            .say("» para ")
            .quote(&s.organization_name)
            .say(" · ")
            .when(starts, tz)
            .say(" · formador ")
            .quote(s.trainer_name.as_deref().unwrap_or("sin asignar"))
            .say(" · ")
            .quote(s.room_name.as_deref().unwrap_or(&s.address))
            .say(" · expediente ")
            .quote(&s.file_number);
        facts.push(
            Fact::new(FactKind::Session, format!("S{}", s.id), format!("/sessions/{}", s.id), line)
                .labelled(&s.course_title)
                .at(Some(starts))
                .with_figures(vec![s.trainer_id.map(|t| t.0).unwrap_or(0)]),
        );
    }

    if staff {
        // The user's own follow-ups due by the end of today (in the centre's zone), overdue first.
        let local = at.with_timezone(&tz);
        let tomorrow =
            local.date_naive().succ_opt().unwrap_or(local.date_naive()).and_hms_opt(0, 0, 0).unwrap_or_default();
        let end_of_day =
            types::fmt::from_local(tz, tomorrow).map(crate::clock::to_utc).unwrap_or(at + Duration::days(1));
        for i in interactions::open_follow_ups(db, None, None, 500).await? {
            let Some(due) = i.next_action_at else { continue };
            if i.author_id != Some(user.id) || due > end_of_day {
                continue;
            }
            facts.push(follow_up_fact(&i, tz));
        }
    }
    if staff {
        for name in names(question) {
            for p in people::list_people(db, &name, 0).await?.rows.into_iter().take(5) {
                let line = Line::new()
                    .say("Persona ")
                    .quote(&p.full_name)
                    .say(" · ")
                    .quote(&p.email)
                    .say(" · ")
                    .quote(&p.phone)
                    .say(" · ")
                    .quote(&p.organizations);
                facts.push(
                    Fact::new(FactKind::Person, format!("P{}", p.id), format!("/people/{}", p.id), line)
                        .labelled(&p.full_name),
                );
            }
        }
    }
    Ok(facts)
}

/// Capitalized words of the question past its first word (names), three letters or more.
fn names(question: &str) -> Vec<String> {
    question
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .skip(1)
        .filter(|w| w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_string)
        .take(3)
        .collect()
}

fn follow_up_fact(i: &types::InteractionView, tz: Tz) -> Fact {
    let who = i.organization_name.clone().or_else(|| i.person_name.clone()).unwrap_or_default();
    let href = match (i.organization_id, i.person_id) {
        (Some(o), _) => format!("/clients/{o}"),
        (None, Some(p)) => format!("/people/{p}"),
        _ => String::new(),
    };
    let mut line = Line::new().say("Próxima acción «").quote(&i.next_action).say("» con ").quote(&who).say(" · para ");
    if let Some(due) = i.next_action_at {
        line = line.when(due, tz);
    }
    Fact::new(FactKind::FollowUp, format!("I{}", i.id), href, line).labelled(&i.next_action).at(i.next_action_at)
}

async fn subject_facts(db: &Db, user: &User, facts: &mut Facts, subject: Subject, tz: Tz) -> Result<()> {
    match subject {
        Subject::Workshop(id) => {
            let d = workshops::workshop_detail(db, id).await?;
            facts.push(workshop_fact(&d.workshop, tz));
            for e in d.enrollments.iter().filter(|e| e.state != EnrollmentState::Cancelled) {
                facts.push(enrollment_fact(e, &d.workshop, tz));
            }
        }
        Subject::Organization(id) => {
            let d = organizations::organization_detail(db, id).await?;
            let o = &d.organization;
            let line = Line::new()
                .say("Cliente ")
                .quote(&o.legal_name)
                .say(" · estado ")
                .say(o.status.as_str())
                .say(" · sector ")
                .quote(&o.sector)
                .say(" · ")
                .quote(&o.city)
                .say(" · responsable ")
                .quote(o.owner_name.as_deref().unwrap_or_default())
                .say(" · ")
                .count(d.interaction_count)
                .say(" interacciones");
            facts.push(
                Fact::new(FactKind::Organization, format!("O{id}"), format!("/clients/{id}"), line)
                    .labelled(&o.legal_name)
                    .with_figures(vec![d.interaction_count]),
            );
            for c in &d.contacts {
                facts.push(contact_fact(c));
            }
            for i in &d.follow_ups {
                facts.push(follow_up_fact(i, tz));
            }
            let (recent, _) = interactions::list_interactions(db, Some(id), None, 5, 0).await?;
            for i in recent {
                let line = Line::new()
                    .say("Interacción ")
                    .say(i.kind.as_str())
                    .say(" el ")
                    .when(i.occurred_at, tz)
                    .say(" · ")
                    .quote(&i.description)
                    .say(" · resultado ")
                    .say(i.result.as_str());
                facts.push(
                    Fact::new(FactKind::Interaction, format!("I{}", i.id), format!("/clients/{id}"), line)
                        .labelled(i.kind.as_str())
                        .at(Some(i.occurred_at)),
                );
            }
            for o in opportunities::of_organization(db, id, Reach::of(user, types::Module::Pipeline)).await? {
                facts.push(opportunity_fact(&o));
            }
        }
        Subject::Person(id) => {
            let p = people::get_person(db, id).await?;
            let name = format!("{} {}", p.first_name, p.last_name).trim().to_string();
            let line = Line::new()
                .say("Persona ")
                .quote(&name)
                .say(" · ")
                .quote(&p.email)
                .say(" · ")
                .quote(&p.phone)
                .say(" · ")
                .quote(&p.city);
            facts.push(Fact::new(FactKind::Person, format!("P{id}"), format!("/people/{id}"), line).labelled(&name));
            for c in &p.links {
                facts.push(contact_fact(c));
            }
            for i in interactions::open_follow_ups(db, None, Some(id), 20).await? {
                facts.push(follow_up_fact(&i, tz));
            }
            for (e, _) in enrollment::enrollments_of_person(db, id).await? {
                let w = workshops::get_workshop(db, e.workshop_id).await?;
                facts.push(enrollment_fact(&e, &w, tz));
            }
        }
        Subject::Opportunity(id) => {
            let o = opportunities::opportunity_in_reach(db, id, Reach::of(user, types::Module::Pipeline)).await?;
            facts.push(opportunity_fact(&o));
        }
    }
    Ok(())
}

fn contact_fact(c: &types::ContactLink) -> Fact {
    let line = Line::new()
        .say("Contacto ")
        .quote(&c.person_name)
        .say(" de ")
        .quote(&c.organization_name)
        .say(" · ")
        .say(c.role.as_str())
        .say(" · ")
        .quote(&c.job_title)
        .say(" · ")
        .quote(&c.email)
        .say(" · ")
        .quote(&c.phone);
    Fact::new(FactKind::Contact, format!("P{}", c.person_id), format!("/people/{}", c.person_id), line)
        .labelled(&c.person_name)
        .with_figures(vec![c.organization_id.0])
}

fn opportunity_fact(o: &types::OpportunityView) -> Fact {
    let line = Line::new()
        .say("Oportunidad «")
        .quote(&o.title)
        .say("» de ")
        .quote(&o.organization_name)
        .say(" · importe ")
        .money(o.value_cents)
        .say(" · probabilidad ")
        .percent(o.probability)
        .say(" · responsable ")
        .quote(o.owner_name.as_deref().unwrap_or_default());
    Fact::new(FactKind::Opportunity, format!("D{}", o.id), format!("/opportunities/{}", o.id), line)
        .labelled(&o.title)
        .with_figures(vec![o.value_cents, o.probability])
}
