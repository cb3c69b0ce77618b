//! The assistant's admin page: how the model is set (never its key), whether it answers, the
//! exact body a question sends it, the fields of each kind of fact, and the usage figures.

use chrono_tz::Tz;
use types::{AssistantAdmin, Msg};

use super::ask::messages;
use super::facts::gather;
use super::history::usage;
use super::provider::{check_reachable, endpoint, request_body, Model, ProviderError};
use crate::clock::now;
use crate::users::User;
use crate::{Db, Result};

/// The fields each kind of fact puts in the prompt, in the page's language order.
pub const FACT_FIELDS: [Msg; 8] = [
    Msg::AsstFieldsOrganization,
    Msg::AsstFieldsPerson,
    Msg::AsstFieldsContact,
    Msg::AsstFieldsInteraction,
    Msg::AsstFieldsOpportunity,
    Msg::AsstFieldsSession,
    Msg::AsstFieldsWorkshop,
    Msg::AsstFieldsEnrollment,
];

/// Everything the admin page shows, for the last `days` days; `user` is the admin looking, whose
/// own facts fill the sample request.
pub async fn overview(db: &Db, model: &Model, user: &User, days: i64, tz: Tz) -> Result<AssistantAdmin> {
    let days = days.clamp(1, 365);
    let config = &model.config;
    let (reachable, models_listed) = match check_reachable(&model.client, config).await {
        Ok(n) => ("ok".to_string(), n as i64),
        Err(e) => {
            let code = match e {
                ProviderError::NotConfigured => "not_configured",
                ProviderError::Timeout => "timeout",
                ProviderError::Status(_) => "error_status",
                ProviderError::Malformed(_) => "malformed",
                ProviderError::Unreachable(_) => "unreachable",
            };
            (code.to_string(), 0)
        }
    };
    let question = Msg::AsstSampleQuestion.text(user.locale);
    let facts = gather(db, user, None, question, tz).await?;
    let sample_request = request_body(config, &messages(question, &facts, user.locale, &[]));
    Ok(AssistantAdmin {
        configured: config.is_configured(),
        endpoint: endpoint(config),
        model: config.model.clone(),
        timeout_secs: config.timeout.as_secs() as i64,
        key_set: !config.api_key.is_empty(),
        reachable,
        models_listed,
        sample_request,
        fact_fields: FACT_FIELDS.iter().map(|m| m.text(user.locale).to_string()).collect(),
        days,
        usage: usage(db, now() - days * 86_400).await?,
    })
}
