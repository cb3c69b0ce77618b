//! Actions the assistant proposes — log a follow-up, send an email, move an opportunity — and
//! their confirmation. A proposal is kept with its exchange and writes nothing; confirming it
//! runs the same domain function and role check as the page that does the same thing, and the
//! proposal can be confirmed only once.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use chrono_tz::Tz;
use types::{AssistantAction, AssistantExchange, FieldIssue, Locale, Msg, OrganizationId, PersonId, StageKind};

use super::facts::Subject;
use crate::crm::interactions::{create_interaction, InteractionInput};
use crate::crm::{organizations, people};
use crate::email::{self, Mailer};
use crate::sales::{opportunities, stages};
use crate::text::fold;
use crate::users::User;
use crate::{Db, Error, Reach, Result};

/// What kind of action a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionIntent {
    FollowUp,
    Email,
    Move,
}

// Stems match at the start of a word of the folded question (" escrib" is not in "describe");
// a trailing space ends the match at a word ("programa un " is not "programa unicamente").
const WRITE: &[&str] = &["redact", "escrib", "borrador", "draft", "write", "idatz", "prepar"];
const MAIL: &[&str] = &["email", "e mail", "correo", "mail ", "mails ", "posta ", "posta elektroniko", "mezu"];
/// Phrases that ask for a follow-up to be written down (not questions about the agenda).
const FOLLOW_UP: &[&str] = &[
    "recuerdame",
    "recuerdale",
    "pon un recordatorio",
    "crea un recordatorio",
    "programa un ",
    "programa una ",
    "programame",
    "agenda un ",
    "agenda una ",
    "agendame",
    "crea un seguimiento",
    "anade un seguimiento",
    "apunta un seguimiento",
    "haz un seguimiento",
    "remind me",
    "set a reminder",
    "schedule a call",
    "schedule a meeting",
    "schedule a follow",
    "create a follow",
    "add a follow",
    "gogorarazi",
    "jarraipena sortu",
    "sortu jarraipen",
];
/// Phrases that ask for a card to change stage: imperatives (English ones only at the start,
/// so that "why did they mark it as lost?" is a question).
const MOVE: &[&str] = &["mueve", "muevela", "pasala", "pasa la oportunidad", "marca como", "marcala", "mugitu"];
const MOVE_EN: &[&str] = &["move ", "mark "];

/// The folded question as its words, one space apart, with a space at each end.
fn word_line(question: &str) -> String {
    let q = fold(question);
    let words: Vec<&str> = q.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    format!(" {} ", words.join(" "))
}

/// The action `question` asks for, if any.
pub fn action_intent(question: &str) -> Option<ActionIntent> {
    let q = word_line(question);
    let has = |stems: &[&str]| stems.iter().any(|s| q.contains(&format!(" {s}")));
    // "Recuérdame escribirle un correo": a follow-up, not an email now.
    if has(FOLLOW_UP) {
        Some(ActionIntent::FollowUp)
    } else if has(WRITE) && has(MAIL) {
        Some(ActionIntent::Email)
    } else if has(MOVE) || MOVE_EN.iter().any(|s| q.trim_start().starts_with(s)) {
        Some(ActionIntent::Move)
    } else {
        None
    }
}

/// The day a question names ("mañana", "el viernes", "en 3 días", "next week"…), counted from
/// `today`; the next working day when it names none.
pub fn due_date(question: &str, today: NaiveDate) -> NaiveDate {
    let q = fold(question);
    let words: Vec<&str> = q.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let after = |from: NaiveDate, day: Weekday| {
        let mut d = from + Duration::days(1);
        while d.weekday() != day {
            d += Duration::days(1);
        }
        d
    };
    // "en 3 días", "in 3 days", "3 egun barru".
    for (i, w) in words.iter().enumerate() {
        if let Ok(n) = w.parse::<i64>() {
            let unit = words.get(i + 1).copied().unwrap_or("");
            if (1..=365).contains(&n) && ["dias", "dia", "days", "day", "egun", "egunetan"].contains(&unit) {
                return today + Duration::days(n);
            }
        }
    }
    if q.contains("pasado manana") || words.contains(&"etzi") || q.contains("day after tomorrow") {
        return today + Duration::days(2);
    }
    let next_week = ["semana que viene", "proxima semana", "next week", "datorren aste"].iter().any(|p| q.contains(p));
    const DAYS: &[(Weekday, [&str; 3])] = &[
        (Weekday::Mon, ["lunes", "monday", "astelehen"]),
        (Weekday::Tue, ["martes", "tuesday", "astearte"]),
        (Weekday::Wed, ["miercoles", "wednesday", "asteazken"]),
        (Weekday::Thu, ["jueves", "thursday", "ostegun"]),
        (Weekday::Fri, ["viernes", "friday", "ostiral"]),
        (Weekday::Sat, ["sabado", "saturday", "larunbat"]),
        (Weekday::Sun, ["domingo", "sunday", "igande"]),
    ];
    // Spanish and English names are whole words, and not a person after "a" ("llamar a
    // Domingo"); Basque ones take endings ("ostiralean").
    let named = DAYS.iter().find(|(_, [es, en, eu])| {
        words.iter().enumerate().any(|(i, w)| {
            let said = *w == *es || *w == *en || w.starts_with(eu);
            said && !(i > 0 && words[i - 1] == "a")
        })
    });
    match (named, next_week) {
        // "el jueves de la semana que viene": that week's Thursday.
        (Some((day, _)), true) => return after(after(today, Weekday::Sun), *day),
        (Some((day, _)), false) => return after(today, *day),
        (None, true) => return after(today, Weekday::Mon),
        (None, false) => {}
    }
    // "mañana" is tomorrow, unless it is the morning ("por la mañana", "de la mañana").
    let tomorrow = words.iter().enumerate().any(|(i, w)| *w == "manana" && (i == 0 || words[i - 1] != "la"));
    if tomorrow || words.contains(&"tomorrow") || words.contains(&"bihar") {
        return today + Duration::days(1);
    }
    // No day named: the next working day.
    let mut d = today + Duration::days(1);
    while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
        d += Duration::days(1);
    }
    d
}

/// Who an action is about: the organization and/or person, a name, and an email to write to.
struct Target {
    organization_id: Option<OrganizationId>,
    person_id: Option<PersonId>,
    name: String,
    contact_name: String,
    email: String,
    about: String,
}

async fn target(db: &Db, subject: Subject) -> Result<Option<Target>> {
    Ok(match subject {
        Subject::Organization(id) => {
            let d = organizations::organization_detail(db, id).await?;
            let contact = d.contacts.iter().find(|c| !c.email.is_empty()).or(d.contacts.first());
            Some(Target {
                organization_id: Some(id),
                person_id: contact.map(|c| c.person_id),
                name: d.organization.legal_name.clone(),
                contact_name: contact.map(|c| c.person_name.clone()).unwrap_or_default(),
                email: contact.map(|c| c.email.clone()).unwrap_or_default(),
                about: d.organization.legal_name.clone(),
            })
        }
        Subject::Person(id) => {
            let p = people::get_person(db, id).await?;
            let name = format!("{} {}", p.first_name, p.last_name).trim().to_string();
            Some(Target {
                organization_id: p.links.first().map(|l| l.organization_id),
                person_id: Some(id),
                name: name.clone(),
                contact_name: name.clone(),
                email: p.email.clone(),
                about: name,
            })
        }
        Subject::Opportunity(id) => {
            let o = opportunities::get_opportunity(db, id).await?;
            let d = organizations::organization_detail(db, o.organization_id).await?;
            let contact = match o.contact_id {
                Some(p) => d.contacts.iter().find(|c| c.person_id == p),
                None => d.contacts.iter().find(|c| !c.email.is_empty()),
            };
            Some(Target {
                organization_id: Some(o.organization_id),
                person_id: contact.map(|c| c.person_id),
                name: o.organization_name.clone(),
                contact_name: contact.map(|c| c.person_name.clone()).unwrap_or_default(),
                email: contact.map(|c| c.email.clone()).unwrap_or_default(),
                about: format!("{} · {}", o.organization_name, o.title),
            })
        }
        Subject::Workshop(_) => None,
    })
}

/// The action `question` asks for about `subject`, ready to be shown for confirmation; `None`
/// when it asks for none, or for one that does not apply here (then `Err` names why, as a
/// message for the reply).
pub async fn propose(
    db: &Db,
    user: &User,
    subject: Option<Subject>,
    question: &str,
    centre_name: &str,
    tz: Tz,
) -> Result<Option<std::result::Result<AssistantAction, Msg>>> {
    let Some(intent) = action_intent(question) else { return Ok(None) };
    if !user.can(types::Module::Assistant, types::Action::Create) {
        return Ok(Some(Err(Msg::AsstActionNotAllowed)));
    }
    let Some(subject) = subject else { return Ok(Some(Err(Msg::AsstActionNeedsRecord))) };
    let locale = user.locale;
    let t = |m: Msg| m.text(locale);
    match intent {
        ActionIntent::Move => {
            let Subject::Opportunity(id) = subject else { return Ok(Some(Err(Msg::AsstActionNeedsOpportunity))) };
            let o = opportunities::opportunity_in_reach(db, id, Reach::of(user, types::Module::Pipeline)).await?;
            let q = word_line(question);
            let list = stages::list_stages(db, false).await?;
            let said = |words: &[&str]| words.iter().any(|w| q.contains(&format!(" {w} ")));
            // The longest stage name the question says ("Propuesta enviada" before "Propuesta").
            let named = list
                .iter()
                .filter(|s| s.id != o.stage_id)
                .filter(|s| {
                    let name = word_line(&s.name);
                    name.trim() != "" && q.contains(&name)
                        || match s.kind {
                            StageKind::Won => said(&["ganada", "ganado", "won", "irabazita", "irabazi"]),
                            StageKind::Lost => said(&["perdida", "perdido", "lost", "galduta", "galdu"]),
                            _ => false,
                        }
                })
                .max_by_key(|s| s.name.chars().count());
            Ok(Some(match named {
                Some(s) => Ok(AssistantAction::MoveOpportunity {
                    opportunity_id: o.id.0,
                    title: o.title.clone(),
                    stage_id: s.id.0,
                    stage_name: s.name.clone(),
                    needs_reason: s.kind == StageKind::Lost && o.lost_reason.trim().is_empty(),
                }),
                None => Err(Msg::AsstActionNoStage),
            }))
        }
        ActionIntent::FollowUp => {
            let Some(who) = target(db, subject).await? else { return Ok(Some(Err(Msg::AsstActionNeedsRecord))) };
            let today = crate::clock::today(tz);
            let q = word_line(question);
            let person = if who.contact_name.is_empty() { who.name.clone() } else { who.contact_name.clone() };
            let step = if ["reun", "meeting", "bilera", "visit"].iter().any(|w| q.contains(w)) {
                Msg::AsstNextMeeting
            } else if MAIL.iter().any(|w| q.contains(&format!(" {w}"))) {
                Msg::AsstNextEmail
            } else {
                Msg::AsstNextCall
            };
            Ok(Some(Ok(AssistantAction::FollowUp {
                organization_id: who.organization_id.map(|o| o.0),
                person_id: who.person_id.map(|p| p.0),
                about: who.about,
                next_action: t(step).replace("{who}", &person),
                due: due_date(question, today).format("%Y-%m-%d").to_string(),
            })))
        }
        ActionIntent::Email => {
            let Some(who) = target(db, subject).await? else { return Ok(Some(Err(Msg::AsstActionNeedsRecord))) };
            if who.email.is_empty() {
                return Ok(Some(Err(Msg::AsstActionNoEmail)));
            }
            let first = who.contact_name.split_whitespace().next().unwrap_or_default().to_string();
            let body = t(Msg::AsstEmailBody)
                .replace("{name}", &first)
                .replace("{me}", &user.name)
                .replace("{centre}", centre_name);
            Ok(Some(Ok(AssistantAction::Email {
                organization_id: who.organization_id.map(|o| o.0),
                person_id: who.person_id.map(|p| p.0),
                to: who.email,
                to_name: who.contact_name,
                subject: t(Msg::AsstEmailSubject).replace("{centre}", centre_name),
                body,
            })))
        }
    }
}

/// What the user may change on a proposal before confirming it (empty: keep the proposal's).
#[derive(Debug, Clone, Default)]
pub struct ActionEdits {
    pub next_action: String,
    pub due: String,
    pub subject: String,
    pub body: String,
    pub lost_reason: String,
}

fn pick(edit: &str, proposed: &str) -> String {
    if edit.trim().is_empty() {
        proposed.to_string()
    } else {
        edit.to_string()
    }
}

/// The action as it was carried out: the proposal with the user's changes.
fn applied(action: &AssistantAction, edits: &ActionEdits) -> AssistantAction {
    let mut done = action.clone();
    match &mut done {
        AssistantAction::FollowUp { next_action, due, .. } => {
            *next_action = pick(&edits.next_action, next_action);
            *due = pick(&edits.due, due);
        }
        AssistantAction::Email { subject, body, .. } => {
            *subject = pick(&edits.subject, subject);
            *body = pick(&edits.body, body);
        }
        AssistantAction::MoveOpportunity { .. } => {}
    }
    done
}

/// The outcome of a confirmed action, for the caller's side effects (live board, toasts).
#[derive(Debug, Clone)]
pub struct Confirmed {
    pub exchange: AssistantExchange,
    pub moved_opportunity: bool,
}

/// Confirms the action proposed in the user's exchange `id`: runs it with the same checks as
/// the pages and marks it done with a link to its result. A second confirmation is refused;
/// when the action fails the proposal stays open and the error names the field.
pub async fn confirm(
    db: &Db,
    mailer: Option<&Mailer>,
    user: &User,
    id: i64,
    edits: &ActionEdits,
    tz: Tz,
) -> Result<Confirmed> {
    if !user.can(types::Module::Assistant, types::Action::Create) {
        return Err(Error::Forbidden);
    }
    let action = claim(db, user, id).await?;
    let result = run(db, mailer, user, id, &action, edits, tz).await;
    let (state, href, kept) = match &result {
        Ok(href) => ("done", href.clone(), applied(&action, edits)),
        Err(_) => ("proposed", String::new(), action.clone()),
    };
    let kept = serde_json::to_string(&kept).map_err(|e| Error::Internal(e.to_string()))?;
    sqlx::query("UPDATE assistant_messages SET action_state = $1, action_href = $2, action = $3 WHERE id = $4")
        .bind(state)
        .bind(&href)
        .bind(&kept)
        .bind(id)
        .execute(db.pool())
        .await?;
    result?;
    Ok(Confirmed {
        exchange: super::history::get(db, user.id, id).await?,
        moved_opportunity: matches!(action, AssistantAction::MoveOpportunity { .. }),
    })
}

/// Dismisses the proposal of the user's exchange `id`.
pub async fn dismiss(db: &Db, user: &User, id: i64) -> Result<AssistantExchange> {
    let exchange = super::history::get(db, user.id, id).await?;
    leave_proposed(db, user, exchange.id, "dismissed").await?;
    super::history::get(db, user.id, id).await
}

/// Marks the proposal as running so that it runs once; returns it.
async fn claim(db: &Db, user: &User, id: i64) -> Result<AssistantAction> {
    let action = super::history::get(db, user.id, id).await?.action.ok_or(Error::NotFound)?;
    leave_proposed(db, user, id, "running").await?;
    Ok(action)
}

/// Moves the user's proposal `id` out of `proposed` into `to`; a proposal no longer open is a
/// conflict (confirmed, dismissed, or being confirmed).
async fn leave_proposed(db: &Db, user: &User, id: i64, to: &str) -> Result<()> {
    let done = sqlx::query(
        "UPDATE assistant_messages SET action_state = $1 WHERE id = $2 AND user_id = $3 AND action_state = 'proposed'",
    )
    .bind(to)
    .bind(id)
    .bind(user.id.0)
    .execute(db.pool())
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::Conflict);
    }
    Ok(())
}

async fn run(
    db: &Db,
    mailer: Option<&Mailer>,
    user: &User,
    id: i64,
    action: &AssistantAction,
    edits: &ActionEdits,
    tz: Tz,
) -> Result<String> {
    let t = |m: Msg| m.text(user.locale);
    let timeline = |org: Option<i64>, person: Option<i64>| match (org, person) {
        (Some(o), _) => format!("/clients/{o}?tab=timeline"),
        (None, Some(p)) => format!("/people/{p}?tab=timeline"),
        (None, None) => String::new(),
    };
    match action {
        AssistantAction::FollowUp { organization_id, person_id, next_action, due, .. } => {
            let next = pick(&edits.next_action, next_action);
            let input = InteractionInput {
                organization_id: organization_id.map(OrganizationId),
                person_id: person_id.map(PersonId),
                occurred_at: String::new(),
                kind: "note".into(),
                description: t(Msg::AsstFollowUpLogged).replace("{what}", &next),
                result: String::new(),
                next_action: next,
                next_action_at: pick(&edits.due, due),
                create_reminder: true,
            };
            create_interaction(db, user.id, &input, tz).await?;
            Ok(timeline(*organization_id, *person_id))
        }
        AssistantAction::Email { organization_id, person_id, to, subject, body, .. } => {
            let subject = crate::crm::fields::text(&pick(&edits.subject, subject), 200, true)
                .map_err(|i| Error::field("subject", i))?;
            // The timeline keeps subject and body in one description of at most 5,000 characters;
            // the limit is checked before anything is sent.
            let body =
                crate::crm::fields::text(&pick(&edits.body, body), 4_700, true).map_err(|i| Error::field("body", i))?;
            let Some(mailer) = mailer else {
                return Err(Error::field("body", FieldIssue::EmailNotConfigured));
            };
            let sent = mailer.send(to, &subject, &body, &format!("<assistant-{id}-{}@aula>", user.id)).await;
            // Once sent, the email is done: a failure to log it must not let it be sent again.
            let logged = email::log(
                db.pool(),
                &email::LogEntry {
                    reminder_id: None,
                    recipient: to,
                    subject: &subject,
                    template: "assistant",
                    locale: user.locale.tag(),
                    status: if sent.is_ok() { "sent" } else { "failed" },
                    error: &sent.as_ref().err().map(|e| e.to_string()).unwrap_or_default(),
                    attempts: 1,
                    user_id: Some(user.id.0),
                    person_id: *person_id,
                    organization_id: *organization_id,
                },
            )
            .await;
            if let Err(e) = logged {
                tracing::error!(error = %e, "an assistant email could not be logged");
            }
            if sent.is_err() {
                return Err(Error::field("body", FieldIssue::EmailNotSent));
            }
            let input = InteractionInput {
                organization_id: organization_id.map(OrganizationId),
                person_id: person_id.map(PersonId),
                kind: "email".into(),
                description: format!("{subject}\n\n{body}"),
                ..Default::default()
            };
            if let Err(e) = create_interaction(db, user.id, &input, tz).await {
                tracing::error!(error = %e, "a sent assistant email could not be put on the timeline");
            }
            Ok(timeline(*organization_id, *person_id))
        }
        AssistantAction::MoveOpportunity { opportunity_id, stage_id, .. } => {
            let to = opportunities::Drop { stage: types::StageId(*stage_id), after: None, before: None };
            let id = types::OpportunityId(*opportunity_id);
            opportunities::opportunity_in_reach(db, id, Reach::of(user, types::Module::Pipeline)).await?;
            opportunities::move_opportunity(db, user.id, id, to, Some(&edits.lost_reason)).await?;
            Ok(format!("/opportunities/{opportunity_id}"))
        }
    }
}

/// The reply shown with a proposal: what it would do, and that nothing is saved yet.
pub fn proposal_text(action: &AssistantAction, cite: Option<&str>, locale: Locale) -> String {
    let t = |m: Msg| m.text(locale);
    let cite = cite.map(|c| format!(" [{c}]")).unwrap_or_default();
    let what = match action {
        AssistantAction::FollowUp { about, .. } => t(Msg::AsstProposeFollowUp).replace("{who}", about),
        AssistantAction::Email { to_name, to, .. } => {
            t(Msg::AsstProposeEmail).replace("{who}", if to_name.is_empty() { to } else { to_name })
        }
        AssistantAction::MoveOpportunity { title, stage_name, .. } => {
            t(Msg::AsstProposeMove).replace("{what}", title).replace("{stage}", stage_name)
        }
    };
    format!("{what}{cite} {}", t(Msg::AsstConfirmHint))
}
