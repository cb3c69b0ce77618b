use leptos::prelude::*;
use types::TimelinePage;

use crate::error::AppResult;

/// A page of an organization's or a person's timeline (`subject` is `organization` or `person`),
/// filtered by event kinds (comma-separated; empty for all), older than the `before` cursor.
#[server(prefix = "/api/fn", endpoint = "crm/timeline")]
pub async fn get_timeline(subject: String, id: i64, kinds: String, before: String) -> AppResult<TimelinePage> {
    use crate::state::{require, server_state};
    use domain::crm::timeline::{timeline, Subject};
    require(types::Module::Crm, types::Action::View).await?;
    let subject = match subject.as_str() {
        "person" => Subject::Person(types::PersonId(id)),
        _ => Subject::Organization(types::OrganizationId(id)),
    };
    let kinds: Vec<String> = kinds.split(',').map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).collect();
    let before = Some(before.as_str()).filter(|b| !b.is_empty());
    Ok(timeline(&server_state().db, subject, &kinds, before, 30).await?)
}
