//! Gathers the facts for a question from the database, through the same domain functions the
//! pages use and within what the user's role may see: reception gets workshops, enrollments and
//! sessions; staff and up also get clients, people, follow-ups, opportunities and contracts. The
//! record the user is looking at (its subject) adds its own details.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use types::{
    EnrollmentState, EnrollmentView, OpportunityId, OrganizationId, PaymentStatus, PersonId, Role, SessionState,
    WorkshopId, WorkshopState, WorkshopView,
};

use super::{Fact, FactKind, Facts};
use crate::clock::{now, to_utc};
use crate::crm::{interactions, organizations, people};
use crate::sales::opportunities;
use crate::training::{enrollment, sessions, workshops};
use crate::users::User;
use crate::{Db, Error, Result};

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

fn stamp(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%d/%m/%Y %H:%M").to_string()
}

fn workshop_fact(w: &WorkshopView, tz: Tz) -> Fact {
    Fact {
        cite: format!("W{}", w.id),
        href: format!("/workshops/{}", w.id),
        kind: FactKind::Workshop,
        label: w.title.clone(),
        when: Some(w.starts_at),
        figures: vec![w.seats_left(), w.capacity, w.confirmed, w.waitlisted],
        text: format!(
            "Taller «{}» · {} · {} · plazas {} · confirmadas {} · libres {} · en espera {} · precio {} · estado {}",
            w.title,
            stamp(w.starts_at, tz),
            w.place,
            w.capacity,
            w.confirmed,
            w.seats_left(),
            w.waitlisted,
            types::fmt::money(types::Locale::Es, w.price_cents),
            w.state.as_str()
        ),
    }
}

fn enrollment_fact(e: &EnrollmentView, w: &WorkshopView, tz: Tz) -> Fact {
    let due = if e.payment_status == PaymentStatus::Pending && e.state == EnrollmentState::Confirmed {
        (w.price_cents - e.amount_paid_cents).max(0)
    } else {
        0
    };
    Fact {
        cite: format!("E{}", e.id),
        href: format!("/workshops/{}", w.id),
        kind: FactKind::Enrollment,
        label: e.person_name.clone(),
        when: Some(w.starts_at),
        figures: vec![due, w.id.0, e.person_id.0],
        text: format!(
            "{} en el taller «{}» ({}) · inscripción {} · pago {} · pagado {} · pendiente {}",
            e.person_name,
            w.title,
            stamp(w.starts_at, tz),
            e.state.as_str(),
            e.payment_status.as_str(),
            types::fmt::money(types::Locale::Es, e.amount_paid_cents),
            types::fmt::money(types::Locale::Es, due)
        ),
    }
}

/// Everything the user may see that bears on a question asked about `subject` (or about nothing
/// in particular): upcoming workshops with their unpaid enrollments, the next sessions, the
/// user's follow-ups due today or overdue, the subject's own details, and the people the
/// question names (capitalized words past the first).
pub async fn gather(db: &Db, user: &User, subject: Option<Subject>, question: &str, tz: Tz) -> Result<Facts> {
    let mut facts = Facts::default();
    let at = to_utc(now());
    let staff = user.role.includes(Role::Staff);
    if let Some(s) = subject {
        if !staff && !matches!(s, Subject::Workshop(_)) {
            return Err(Error::Forbidden);
        }
        subject_facts(db, &mut facts, s, tz).await?;
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

    // The next two weeks of sessions.
    for s in sessions::sessions_between(db, at.timestamp(), (at + Duration::days(14)).timestamp())
        .await?
        .into_iter()
        .filter(|s| s.state != SessionState::Cancelled)
        .take(30)
    {
        let Some(starts) = s.starts_at else { continue };
        facts.push(Fact {
            cite: format!("S{}", s.id),
            href: format!("/sessions/{}", s.id),
            kind: FactKind::Session,
            label: s.course_title.clone(),
            when: Some(starts),
            figures: vec![s.trainer_id.map(|t| t.0).unwrap_or(0)],
            text: format!(
                "Sesión de «{}» para {} · {} · formador {} · {} · expediente {}",
                s.course_title,
                s.organization_name,
                stamp(starts, tz),
                s.trainer_name.clone().unwrap_or_else(|| "sin asignar".into()),
                s.room_name.clone().unwrap_or_else(|| s.address.clone()),
                s.file_number
            ),
        });
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
                let full = p.full_name.clone();
                facts.push(Fact {
                    cite: format!("P{}", p.id),
                    href: format!("/people/{}", p.id),
                    kind: FactKind::Person,
                    label: full.clone(),
                    when: None,
                    figures: Vec::new(),
                    text: format!("Persona {full} · {} · {} · {}", p.email, p.phone, p.organizations),
                });
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
    Fact {
        cite: format!("I{}", i.id),
        href,
        kind: FactKind::FollowUp,
        label: i.next_action.clone(),
        when: i.next_action_at,
        figures: Vec::new(),
        text: format!(
            "Próxima acción «{}» con {} · para {}",
            i.next_action,
            who,
            i.next_action_at.map(|d| stamp(d, tz)).unwrap_or_default()
        ),
    }
}

async fn subject_facts(db: &Db, facts: &mut Facts, subject: Subject, tz: Tz) -> Result<()> {
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
            facts.push(Fact {
                cite: format!("O{id}"),
                href: format!("/clients/{id}"),
                kind: FactKind::Organization,
                label: o.legal_name.clone(),
                when: None,
                figures: vec![d.interaction_count],
                text: format!(
                    "Cliente {} · estado {} · sector {} · {} · responsable {} · {} interacciones",
                    o.legal_name,
                    o.status.as_str(),
                    o.sector,
                    o.city,
                    o.owner_name.clone().unwrap_or_default(),
                    d.interaction_count
                ),
            });
            for c in &d.contacts {
                facts.push(contact_fact(c));
            }
            for i in &d.follow_ups {
                facts.push(follow_up_fact(i, tz));
            }
            let (recent, _) = interactions::list_interactions(db, Some(id), None, 5, 0).await?;
            for i in recent {
                facts.push(Fact {
                    cite: format!("I{}", i.id),
                    href: format!("/clients/{id}"),
                    kind: FactKind::Interaction,
                    label: i.kind.as_str().to_string(),
                    when: Some(i.occurred_at),
                    figures: Vec::new(),
                    text: format!(
                        "Interacción {} el {} · {} · resultado {}",
                        i.kind.as_str(),
                        stamp(i.occurred_at, tz),
                        i.description,
                        i.result.as_str()
                    ),
                });
            }
            for o in opportunities::of_organization(db, id).await? {
                facts.push(opportunity_fact(&o));
            }
        }
        Subject::Person(id) => {
            let p = people::get_person(db, id).await?;
            let name = format!("{} {}", p.first_name, p.last_name).trim().to_string();
            facts.push(Fact {
                cite: format!("P{id}"),
                href: format!("/people/{id}"),
                kind: FactKind::Person,
                label: name.clone(),
                when: None,
                figures: Vec::new(),
                text: format!("Persona {name} · {} · {} · {}", p.email, p.phone, p.city),
            });
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
            let o = opportunities::get_opportunity(db, id).await?;
            facts.push(opportunity_fact(&o));
        }
    }
    Ok(())
}

fn contact_fact(c: &types::ContactLink) -> Fact {
    Fact {
        cite: format!("P{}", c.person_id),
        href: format!("/people/{}", c.person_id),
        kind: FactKind::Contact,
        label: c.person_name.clone(),
        when: None,
        figures: vec![c.organization_id.0],
        text: format!(
            "Contacto {} de {} · {} · {} · {} · {}",
            c.person_name,
            c.organization_name,
            c.role.as_str(),
            c.job_title,
            c.email,
            c.phone
        ),
    }
}

fn opportunity_fact(o: &types::OpportunityView) -> Fact {
    Fact {
        cite: format!("D{}", o.id),
        href: format!("/opportunities/{}", o.id),
        kind: FactKind::Opportunity,
        label: o.title.clone(),
        when: None,
        figures: vec![o.value_cents, o.probability],
        text: format!(
            "Oportunidad «{}» de {} · importe {} · probabilidad {} % · responsable {}",
            o.title,
            o.organization_name,
            types::fmt::money(types::Locale::Es, o.value_cents),
            o.probability,
            o.owner_name.clone().unwrap_or_default()
        ),
    }
}
