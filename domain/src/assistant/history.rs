//! The assistant's history: each question with its answer, per user and per record on screen,
//! the user's thumbs up or down with an optional comment, and the usage figures for the admin
//! page.

use types::{AssistantExchange, AssistantUsage, FieldIssue, UserId};

use super::provider::ProviderError;
use super::{Answer, FallbackReason};
use crate::clock::{now, to_utc};
use crate::{Db, Error, Result};

/// A short name for why the built-in assistant answered.
pub fn reason_code(reason: &FallbackReason) -> &'static str {
    match reason {
        FallbackReason::NotConfigured => "not_configured",
        FallbackReason::Action => "action",
        FallbackReason::Rejected(_) => "rejected",
        FallbackReason::ModelFailed(ProviderError::Timeout) => "timeout",
        FallbackReason::ModelFailed(ProviderError::Status(_)) => "error_status",
        FallbackReason::ModelFailed(ProviderError::Malformed(_)) => "malformed",
        FallbackReason::ModelFailed(ProviderError::Unreachable(_)) => "unreachable",
        FallbackReason::ModelFailed(ProviderError::NotConfigured) => "not_configured",
    }
}

/// Keeps one question and its answer; returns the exchange as the history shows it.
pub async fn record(
    db: &Db,
    user: UserId,
    subject: &str,
    question: &str,
    answer: &Answer,
    model: &str,
    duration_ms: i64,
) -> Result<AssistantExchange> {
    let at = now();
    let links = serde_json::to_string(&answer.links).map_err(|e| Error::Internal(e.to_string()))?;
    let action = match &answer.action {
        Some(a) => serde_json::to_string(a).map_err(|e| Error::Internal(e.to_string()))?,
        None => String::new(),
    };
    let action_state = if answer.action.is_some() { "proposed" } else { "" };
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO assistant_messages (user_id, subject, question, answer, mode, fallback_reason, refused_text, links, \
         model, duration_ms, action, action_state, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(user.0)
    .bind(subject)
    .bind(question)
    .bind(&answer.text)
    .bind(if answer.fallback.is_none() { "ai" } else { "fallback" })
    .bind(answer.fallback.as_ref().map(reason_code).unwrap_or_default())
    .bind(&answer.refused_text)
    .bind(&links)
    .bind(model)
    .bind(duration_ms)
    .bind(&action)
    .bind(action_state)
    .bind(at)
    .fetch_one(db.pool())
    .await?;
    Ok(AssistantExchange {
        id,
        subject: subject.to_string(),
        question: question.to_string(),
        answer: answer.text.clone(),
        by_model: answer.fallback.is_none(),
        links: answer.links.clone(),
        feedback: 0,
        comment: String::new(),
        created_at: to_utc(at),
        action: answer.action.clone(),
        action_state: action_state.to_string(),
        action_href: String::new(),
    })
}

type Row = (i64, String, String, String, String, String, i64, String, i64, String, String, String);
const SELECT: &str = "SELECT id, subject, question, answer, mode, links, feedback, comment, created_at, action, \
    action_state, action_href FROM assistant_messages";

fn exchange(r: Row) -> AssistantExchange {
    let (id, subject, question, answer, mode, links, feedback, comment, created_at, action, action_state, action_href) =
        r;
    AssistantExchange {
        id,
        subject,
        question,
        answer,
        by_model: mode == "ai",
        links: serde_json::from_str(&links).unwrap_or_default(),
        feedback,
        comment,
        created_at: to_utc(created_at),
        action: serde_json::from_str(&action).ok(),
        action_state,
        action_href,
    }
}

/// One of the user's own exchanges.
pub async fn get(db: &Db, user: UserId, id: i64) -> Result<AssistantExchange> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE id = $1 AND user_id = $2"))
        .bind(id)
        .bind(user.0)
        .fetch_optional(db.pool())
        .await?;
    row.map(exchange).ok_or(Error::NotFound)
}

/// The user's latest exchanges about `subject` (empty: asked from no record), oldest first.
pub async fn history(db: &Db, user: UserId, subject: &str, limit: i64) -> Result<Vec<AssistantExchange>> {
    let rows: Vec<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE user_id = $1 AND subject = $2 ORDER BY id DESC LIMIT $3"))
            .bind(user.0)
            .bind(subject)
            .bind(limit.clamp(1, 200))
            .fetch_all(db.pool())
            .await?;
    Ok(rows.into_iter().rev().map(exchange).collect())
}

/// Records the user's thumbs up (1) or down (−1) and comment on one of their own answers.
pub async fn set_feedback(db: &Db, user: UserId, id: i64, vote: i64, comment: &str) -> Result<AssistantExchange> {
    if ![-1, 0, 1].contains(&vote) {
        return Err(Error::field("vote", FieldIssue::InvalidChoice));
    }
    let comment = crate::crm::fields::text(comment, 1000, true).map_err(|i| Error::field("comment", i))?;
    let done = sqlx::query("UPDATE assistant_messages SET feedback = $1, comment = $2 WHERE id = $3 AND user_id = $4")
        .bind(vote)
        .bind(&comment)
        .bind(id)
        .bind(user.0)
        .execute(db.pool())
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    get(db, user, id).await
}

/// Usage since `since` (Unix seconds): questions, who answered, why the fallback, feedback.
pub async fn usage(db: &Db, since: i64) -> Result<AssistantUsage> {
    let (questions, by_model, up, down, users): (i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN mode = 'ai' THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN feedback = 1 THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN feedback = -1 THEN 1 ELSE 0 END), 0) AS BIGINT), COUNT(DISTINCT user_id) \
         FROM assistant_messages WHERE created_at >= $1",
    )
    .bind(since)
    .fetch_one(db.pool())
    .await?;
    let reasons: Vec<(String, i64)> = sqlx::query_as(
        "SELECT fallback_reason, COUNT(*) FROM assistant_messages WHERE created_at >= $1 AND mode = 'fallback' \
         GROUP BY fallback_reason ORDER BY COUNT(*) DESC, fallback_reason",
    )
    .bind(since)
    .fetch_all(db.pool())
    .await?;
    let disliked: Vec<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE created_at >= $1 AND feedback = -1 ORDER BY id DESC LIMIT 20"))
            .bind(since)
            .fetch_all(db.pool())
            .await?;
    Ok(AssistantUsage {
        questions,
        by_model,
        without_model: questions - by_model,
        reasons,
        thumbs_up: up,
        thumbs_down: down,
        users,
        disliked: disliked.into_iter().map(exchange).collect(),
    })
}
