//! The built-in assistant: answers the common questions (pending today, next sessions, seats
//! left, who has not paid, a summary of the record on screen, contacts) from the gathered facts
//! alone, in the user's language, citing each fact it uses. It never invents: what is not in the
//! facts is not said. Used when no model is configured, when the model fails or times out, and
//! when the checker refuses the model's answer.

use chrono_tz::Tz;
use types::{Locale, Msg};

use super::{Fact, FactKind, Facts};
use crate::text::fold;

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    PendingToday,
    NextSessions,
    SeatsLeft,
    Unpaid,
    Summary,
    Contacts,
}

/// Word stems per intent, folded (lower case, no accents), in Spanish, Basque and English. The
/// first intent with a matching stem wins, so the more specific come first.
const STEMS: &[(Intent, &[&str])] = &[
    (Intent::Unpaid, &["pagad", "pago", "pagar", "debe", "deben", "ordaindu", "zor", "paid", "unpaid", "owe"]),
    (Intent::SeatsLeft, &["plaza", "hueco", "aforo", "leku", "toki", "seat", "places", "spots"]),
    (Intent::NextSessions, &["sesion", "clase", "saio", "session", "class"]),
    (Intent::Contacts, &["contact", "telefon", "email", "correo", "harreman", "phone", "quien es"]),
    (Intent::Summary, &["resum", "laburt", "laburpen", "summar", "overview", "ficha"]),
    (Intent::PendingToday, &["pendiente", "hoy", "tarea", "egiteko", "gaur", "pending", "today", "to do", "todo"]),
];

/// The intent of `question`, if it is one the built-in assistant knows.
pub fn intent(question: &str) -> Option<Intent> {
    let q = fold(question);
    STEMS.iter().find(|(_, stems)| stems.iter().any(|s| q.contains(s))).map(|(i, _)| *i)
}

/// An answer with its citations written in (`[W12]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub text: String,
    pub intent: Option<Intent>,
}

fn line(f: &Fact, detail: &str, locale: Locale, tz: Tz) -> String {
    let when = f.when.map(|w| format!(" · {}", types::fmt::date_time(locale, w, tz))).unwrap_or_default();
    let detail = if detail.is_empty() { String::new() } else { format!(" · {detail}") };
    format!("- {}{when}{detail} [{}]", f.label, f.cite)
}

/// Words of the question that may name something: four letters or more, folded.
fn words(question: &str) -> Vec<String> {
    const SKIP: &[&str] = &[
        "cuantas", "cuantos", "quedan", "plazas", "taller", "tailer", "workshop", "seats", "left", "proximas",
        "sesiones", "next", "sessions", "zenbat", "geratzen", "hurrengo", "saioak", "para", "with", "from",
    ];
    fold(question)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !SKIP.contains(w))
        .map(str::to_string)
        .collect()
}

/// Answers `question` from `facts`; `subject` is the citation of the record on screen.
pub fn answer(question: &str, facts: &Facts, subject: Option<&str>, locale: Locale, tz: Tz) -> Reply {
    let t = |m: Msg| m.text(locale);
    let intent = intent(question);
    let lines = |title: Msg, empty: Msg, items: Vec<String>| {
        if items.is_empty() {
            t(empty).to_string()
        } else {
            format!("{}\n{}", t(title).replace("{n}", &items.len().to_string()), items.join("\n"))
        }
    };
    let text = match intent {
        None => t(Msg::AsstHelp).to_string(),
        Some(Intent::PendingToday) => lines(
            Msg::AsstPendingIntro,
            Msg::AsstPendingNone,
            facts.of(FactKind::FollowUp).map(|f| line(f, "", locale, tz)).collect(),
        ),
        Some(Intent::Unpaid) => {
            // On a workshop's page, that workshop's enrollments only.
            let workshop = subject.and_then(|s| s.strip_prefix('W')).and_then(|id| id.parse::<i64>().ok());
            let items = facts
                .of(FactKind::Enrollment)
                .filter(|f| f.figures.first().is_some_and(|due| *due > 0))
                .filter(|f| workshop.is_none_or(|w| f.figures.get(1) == Some(&w)))
                .map(|f| line(f, &types::fmt::money(locale, f.figures[0]), locale, tz))
                .collect();
            lines(Msg::AsstUnpaidIntro, Msg::AsstUnpaidNone, items)
        }
        Some(Intent::NextSessions) => {
            let wanted = words(question);
            let all: Vec<&Fact> = facts.of(FactKind::Session).collect();
            // "próximas sesiones de Ana": keep the sessions whose text names a word of the question.
            let named: Vec<&Fact> =
                all.iter().copied().filter(|f| wanted.iter().any(|w| fold(&f.text).contains(w.as_str()))).collect();
            let chosen =
                if named.is_empty() && wanted.iter().all(|w| !looks_like_name(question, w)) { all } else { named };
            lines(
                Msg::AsstSessionsIntro,
                Msg::AsstSessionsNone,
                chosen.into_iter().map(|f| line(f, "", locale, tz)).collect(),
            )
        }
        Some(Intent::SeatsLeft) => {
            let workshops: Vec<&Fact> = facts.of(FactKind::Workshop).collect();
            let wanted = words(question);
            let on_screen = subject.and_then(|s| workshops.iter().copied().find(|f| f.cite == s));
            let named: Vec<&Fact> = workshops
                .iter()
                .copied()
                .filter(|f| wanted.iter().any(|w| w.chars().count() >= 4 && fold(&f.label).contains(w.as_str())))
                .collect();
            let chosen: Vec<&Fact> = match on_screen {
                Some(f) if named.is_empty() || named.iter().any(|n| n.cite == f.cite) => vec![f],
                _ if !named.is_empty() => named,
                _ => workshops,
            };
            if chosen.is_empty() {
                t(Msg::AsstSeatsNone).to_string()
            } else {
                chosen
                    .into_iter()
                    .map(|f| {
                        let date = f.when.map(|w| types::fmt::date(locale, w, tz)).unwrap_or_default();
                        format!(
                            "{} [{}]",
                            t(Msg::AsstSeats)
                                .replace("{n}", &f.figures[0].to_string())
                                .replace("{cap}", &f.figures[1].to_string())
                                .replace("{title}", &f.label)
                                .replace("{date}", &date),
                            f.cite
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        }
        Some(Intent::Contacts) => {
            let items: Vec<String> = facts
                .items
                .iter()
                .filter(|f| matches!(f.kind, FactKind::Contact | FactKind::Person))
                .map(|f| format!("- {} [{}]", f.text, f.cite))
                .collect();
            lines(Msg::AsstContactsIntro, Msg::AsstContactsNone, items)
        }
        Some(Intent::Summary) => match subject.and_then(|s| facts.get(s)) {
            None => t(Msg::AsstSummaryNone).to_string(),
            Some(main) => {
                let mut out = format!("{} [{}]", main.text, main.cite);
                let sections = [
                    (Msg::AsstContactsIntro, FactKind::Contact),
                    (Msg::AsstPendingTitle, FactKind::FollowUp),
                    (Msg::AsstRecentTitle, FactKind::Interaction),
                    (Msg::AsstOpportunitiesTitle, FactKind::Opportunity),
                    (Msg::AsstEnrollmentsTitle, FactKind::Enrollment),
                ];
                for (title, kind) in sections {
                    let items: Vec<String> = facts
                        .of(kind)
                        .filter(|f| {
                            f.cite != main.cite && (kind != FactKind::Enrollment || main.kind != FactKind::Organization)
                        })
                        .take(8)
                        .map(|f| format!("- {} [{}]", f.text, f.cite))
                        .collect();
                    if !items.is_empty() {
                        out.push_str(&format!(
                            "\n\n{}\n{}",
                            t(title).replace("{n}", &items.len().to_string()),
                            items.join("\n")
                        ));
                    }
                }
                out
            }
        },
    };
    Reply { text, intent }
}

/// Whether `word` (folded) is written with a capital in the question, past its first word: a name.
fn looks_like_name(question: &str, word: &str) -> bool {
    question
        .split(|c: char| !c.is_alphanumeric())
        .skip(1)
        .any(|w| w.chars().next().is_some_and(char::is_uppercase) && fold(w) == word)
}
