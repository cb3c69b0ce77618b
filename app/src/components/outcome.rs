//! What a form's success says when it depends on the server's answer (who was enrolled, on which
//! place of the waitlist, who moved up). A form names its kind of message (`data-done-message`);
//! `browser::forms` builds the toast from the answer with [`message`].

use serde_json::Value;
use types::Msg;

use crate::i18n::Ctx;

/// The kinds of message a form may name.
pub const ENROLLED: &str = "enrolled";
pub const CANCELLED: &str = "cancelled";
pub const PAID: &str = "paid";
pub const REFUNDED: &str = "refunded";
pub const REQUEST_CONFIRMED: &str = "request_confirmed";

/// The toast for an answer of the kind `kind`; `None` for an unknown kind or an answer that is
/// not of that kind. Read from the answer's JSON by name (`types::EnrollmentOutcome`,
/// `CancellationView`, `EnrollmentView`): decoding the whole records would put their decoders
/// (dates and all) in every page's code.
pub fn message(kind: &str, answer: &Value, ctx: Ctx) -> Option<String> {
    let name = |v: &Value| v.get("person_name").and_then(Value::as_str).map(str::to_string);
    match kind {
        ENROLLED => {
            let enrollment = answer.get("enrollment")?;
            let name = name(enrollment)?;
            let created = answer.get("created").and_then(Value::as_bool)?;
            let waitlisted = enrollment.get("state").and_then(Value::as_str) == Some("waitlisted");
            let position = enrollment.get("waitlist_position").and_then(Value::as_i64);
            Some(match (created, waitlisted, position) {
                (false, _, _) => ctx.t(Msg::WsAlreadyEnrolled).replace("{name}", &name),
                (_, true, Some(n)) => {
                    ctx.t(Msg::WsEnrolledWaitlist).replace("{name}", &name).replace("{n}", &n.to_string())
                }
                _ => ctx.t(Msg::WsEnrolledConfirmed).replace("{name}", &name),
            })
        }
        CANCELLED => {
            let mut text = ctx.t(Msg::WsCancelled).replace("{name}", &name(answer.get("cancelled")?)?);
            for p in answer.get("promoted")?.as_array()? {
                text.push(' ');
                text.push_str(&ctx.t(Msg::WsPromoted).replace("{name}", &name(p)?));
            }
            Some(text)
        }
        PAID => Some(ctx.t(Msg::WsPaid).replace("{name}", &name(answer)?)),
        REFUNDED => Some(ctx.t(Msg::WsRefunded).replace("{name}", &name(answer)?)),
        REQUEST_CONFIRMED => Some(ctx.t(Msg::WsRequestConfirmed).replace("{name}", &name(answer)?)),
        _ => None,
    }
}

/// `template` with each `{path}` replaced by that value of `answer` (`/clients/{id}`,
/// `{token.name}`); a missing value leaves nothing.
pub fn fill(template: &str, answer: &Value) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        out.push_str(&rest[..start]);
        let path = &rest[start + 1..start + len];
        match path.split('.').try_fold(answer, |v, key| v.get(key)) {
            Some(Value::String(s)) => out.push_str(s),
            Some(Value::Null) | None => {}
            Some(other) => out.push_str(&other.to_string()),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use types::{CancellationView, EnrollmentOutcome, EnrollmentState, EnrollmentView};

    /// Answers as the server functions send them.
    fn enrollment(name: &str, state: EnrollmentState, position: Option<i64>) -> EnrollmentView {
        EnrollmentView {
            id: types::EnrollmentId(1),
            workshop_id: types::WorkshopId(2),
            person_id: types::PersonId(3),
            person_name: name.into(),
            email: format!("{name}@example.com"),
            state,
            waitlist_position: position,
            payment_status: types::PaymentStatus::Pending,
            amount_paid_cents: 0,
            payment_method: None,
            payment_reference: String::new(),
            created_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    fn json(v: impl serde::Serialize) -> Value {
        serde_json::to_value(v).unwrap()
    }

    #[test]
    fn an_enrollment_says_who_and_where_they_landed() {
        let ctx = Ctx::new(&types::Viewer::anonymous());
        let outcome = |e, created| json(EnrollmentOutcome { enrollment: e, created, seats_left: 0 });
        let confirmed = outcome(enrollment("Ane", EnrollmentState::Confirmed, None), true);
        assert_eq!(message(ENROLLED, &confirmed, ctx).unwrap(), "Ane: inscripción confirmada.");
        let waiting = outcome(enrollment("Iker", EnrollmentState::Waitlisted, Some(2)), true);
        assert_eq!(message(ENROLLED, &waiting, ctx).unwrap(), "Iker: en lista de espera, puesto 2.");
        let again = outcome(enrollment("Ane", EnrollmentState::Confirmed, None), false);
        assert!(message(ENROLLED, &again, ctx).unwrap().starts_with("Ane ya estaba"));
        let cancelled = json(CancellationView {
            cancelled: enrollment("Ane", EnrollmentState::Cancelled, None),
            promoted: vec![enrollment("Iker", EnrollmentState::Confirmed, None)],
        });
        let text = message(CANCELLED, &cancelled, ctx).unwrap();
        assert!(text.contains("Ane") && text.contains("Iker"), "{text}");
        let paid = json(enrollment("Olatz", EnrollmentState::Confirmed, None));
        assert!(message(PAID, &paid, ctx).unwrap().contains("Olatz"));
        // Not the answer it names, or no such kind: no message rather than a wrong one.
        assert_eq!(message(CANCELLED, &paid, ctx), None);
        assert_eq!(message("unknown", &paid, ctx), None);
    }

    #[test]
    fn an_address_template_takes_the_answers_fields() {
        let answer = serde_json::json!({"id": 42, "token": {"name": "api"}});
        assert_eq!(fill("/clients/{id}", &answer), "/clients/42");
        assert_eq!(fill("{token.name}/{missing}", &answer), "api/");
        assert_eq!(fill("/pipeline", &answer), "/pipeline");
    }
}
