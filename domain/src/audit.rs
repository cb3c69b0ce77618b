//! The audit log: every write records who made it (a user, through a session or an API token),
//! when, from which address, what (module, entity, id, action) and the fields it changed, before
//! and after. Secrets never enter it: columns that hold one are left out of every snapshot.
//!
//! The log is append-only and tamper-evident: each entry carries `seq` (one more than the last)
//! and a SHA-256 over its content and the previous entry's hash; [`verify`] walks the chain and
//! names the first entry that does not fit. The database refuses to update or delete entries
//! (triggers), but for one change: an erasure of a person removes the values from the entries
//! about them ([`redact`]), and its own entry seals what those entries keep, so the chain still
//! verifies them. Appends are serialized (the write lock on SQLite, an advisory lock on PostgreSQL)
//! inside the transaction of the write they record, so an entry exists exactly when its write does.
//!
//! Who and from where come from the request: the server opens a [`scope`] per request with the
//! client's address, and signing in (session or token) names the user ([`set_caller`]). A write
//! outside a request (a background run) names its actor explicitly.

use std::sync::{Arc, Mutex};

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use sqlx::{Any, Column, Row, Transaction, TypeInfo, ValueRef};
use types::{AuditEntry, AuditPage, AuditQuery, ChainReport, FieldChange, UserId};

use crate::clock::{now, to_utc};
use crate::{Backend, Db, Error, Result};

/// Who is asking, for the entries written while serving one request.
#[derive(Debug, Clone, Default)]
pub struct Caller {
    pub user_id: Option<i64>,
    pub token_id: Option<i64>,
    pub ip: Option<String>,
}

/// The advisory lock id that serializes appends on PostgreSQL.
const AUDIT_LOCK: i64 = 0x4155_4449_545f_4c4f;

tokio::task_local! {
    static CALLER: Arc<Mutex<Caller>>;
}

/// Runs `f` as one request from `ip`: the entries it writes name that address, and the user
/// [`set_caller`] names.
pub async fn scope<F: std::future::Future>(ip: Option<String>, f: F) -> F::Output {
    CALLER.scope(Arc::new(Mutex::new(Caller { ip, ..Default::default() })), f).await
}

/// Names the signed-in user (and the API token, if that is how) of the request being served.
/// Outside a request scope it does nothing.
pub fn set_caller(user: UserId, token_id: Option<i64>) {
    let _ = CALLER.try_with(|c| {
        let mut c = c.lock().unwrap_or_else(|p| p.into_inner());
        c.user_id = Some(user.0);
        c.token_id = token_id;
    });
}

fn caller() -> Caller {
    CALLER.try_with(|c| c.lock().unwrap_or_else(|p| p.into_inner()).clone()).unwrap_or_default()
}

/// Columns never written to the log: secrets, the row's id and stamps (the entry has its own), and
/// what is derived from other columns.
fn left_out(column: &str) -> bool {
    column.contains("password")
        || column.contains("token")
        || column.contains("secret")
        || column.ends_with("_hash")
        || matches!(
            column,
            "id" | "created_at"
                | "updated_at"
                | "search_text"
                | "sort_name"
                | "city_folded"
                | "phone_norm"
                | "file_number_folded"
                | "sequence"
                | "status_changed_at"
                | "last_interaction_at"
        )
}

/// A row of `table` as JSON (column → value), without the columns [`left_out`]; `None` when no
/// row has that id. Works for every table: values are read as integers, reals or text.
pub async fn snapshot(tx: &mut Transaction<'static, Any>, table: &str, id: i64) -> Result<Option<Value>> {
    debug_assert!(table.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "a table name");
    let row = sqlx::query(&format!("SELECT * FROM {table} WHERE id = $1")).bind(id).fetch_optional(&mut **tx).await?;
    let Some(row) = row else { return Ok(None) };
    let mut out = Map::new();
    for (i, col) in row.columns().iter().enumerate() {
        let name = col.name();
        if left_out(name) {
            continue;
        }
        let raw = row.try_get_raw(i)?;
        let value = if raw.is_null() {
            Value::Null
        } else {
            let kind = raw.type_info().name().to_ascii_uppercase();
            if kind.contains("INT") {
                row.try_get::<i64, _>(i).map(Value::from).unwrap_or(Value::Null)
            } else if kind.contains("REAL") || kind.contains("DOUBLE") || kind.contains("FLOAT") {
                row.try_get::<f64, _>(i).map(Value::from).unwrap_or(Value::Null)
            } else {
                row.try_get::<String, _>(i).map(Value::from).unwrap_or(Value::Null)
            }
        };
        out.insert(name.to_string(), value);
    }
    Ok(Some(Value::Object(out)))
}

/// The fields that differ between two snapshots (either may be absent: a creation, a deletion).
pub fn diff(before: Option<&Value>, after: Option<&Value>) -> Vec<FieldChange> {
    let empty = Map::new();
    let b = before.and_then(Value::as_object).unwrap_or(&empty);
    let a = after.and_then(Value::as_object).unwrap_or(&empty);
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !left_out(k))
        .filter_map(|k| {
            let (old, new) = (text(b.get(k)), text(a.get(k)));
            (old != new).then(|| FieldChange { field: k.clone(), before: old, after: new })
        })
        .collect()
}

/// A snapshot's value as the log shows it: text, a number written out, or nothing (an empty text
/// is nothing too, so a creation lists only the fields it filled).
fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// One write to record.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// `crm`, `training`, `sales`, `admin`…
    pub module: &'a str,
    /// The table (`organizations`, `enrollments`…).
    pub entity: &'a str,
    pub entity_id: i64,
    /// `create`, `update`, `delete`, or a verb of the domain (`cancel`, `confirm`, `merge`…).
    pub action: &'a str,
    /// The user who acted when it is not the request's caller (a background run), or to be
    /// explicit.
    pub actor: Option<UserId>,
}

impl<'a> Entry<'a> {
    pub fn of(module: &'a str, entity: &'a str, entity_id: i64, action: &'a str, actor: Option<UserId>) -> Self {
        Entry { module, entity, entity_id, action, actor }
    }
}

/// Records `e` with the fields that changed from `before` to the row as it is now, inside the
/// write's transaction. An update that changed nothing is not recorded.
pub async fn record(tx: &mut Transaction<'static, Any>, e: &Entry<'_>, before: Option<Value>) -> Result<()> {
    let after = snapshot(tx, e.entity, e.entity_id).await?;
    record_between(tx, e, before, after).await
}

/// Records `e` with the fields that changed from `before` to `after`, snapshots the caller took
/// (a row with what it owns in other tables, such as its interests).
pub async fn record_between(
    tx: &mut Transaction<'static, Any>,
    e: &Entry<'_>,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<()> {
    let changes = diff(before.as_ref(), after.as_ref());
    if changes.is_empty() && e.action == "update" {
        return Ok(());
    }
    append(tx, e, &changes).await
}

/// Records `e` with changes the caller describes, for what has no row of its own to compare (a
/// line of an attendance sheet, a participant of a contract).
pub async fn record_changes(tx: &mut Transaction<'static, Any>, e: &Entry<'_>, changes: &[FieldChange]) -> Result<()> {
    append(tx, e, changes).await
}

/// Records an action that changed no recorded field (a password reset: the password itself never
/// enters the log).
pub async fn note(tx: &mut Transaction<'static, Any>, e: &Entry<'_>) -> Result<()> {
    append(tx, e, &[]).await
}

/// Appends one entry to the chain.
async fn append(tx: &mut Transaction<'static, Any>, e: &Entry<'_>, changes: &[FieldChange]) -> Result<()> {
    // SQLite's write transactions are already one at a time; PostgreSQL's take this lock.
    let backend = if tx.backend_name().eq_ignore_ascii_case("sqlite") { Backend::Sqlite } else { Backend::Postgres };
    if backend == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(AUDIT_LOCK).execute(&mut **tx).await?;
    }
    let c = caller();
    let user_id = e.actor.map(|a| a.0).or(c.user_id);
    let last: Option<(i64, String)> =
        sqlx::query_as("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetch_optional(&mut **tx).await?;
    let (seq, prev) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, String::new()),
    };
    let at = now();
    let changes = serde_json::to_string(changes).map_err(|err| Error::Internal(err.to_string()))?;
    let content = Content {
        seq,
        at,
        user_id,
        token_id: c.token_id,
        ip: c.ip.as_deref().unwrap_or(""),
        module: e.module,
        entity: e.entity,
        entity_id: e.entity_id,
        action: e.action,
        changes: &changes,
    };
    let hash = content.hash(&prev);
    sqlx::query(
        "INSERT INTO audit_log (seq, at, user_id, token_id, ip, module, entity, entity_id, action, changes, prev_hash, \
         hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(seq)
    .bind(at)
    .bind(user_id)
    .bind(c.token_id)
    .bind(content.ip)
    .bind(e.module)
    .bind(e.entity)
    .bind(e.entity_id)
    .bind(e.action)
    .bind(&changes)
    .bind(&prev)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// What an entry's hash covers.
struct Content<'a> {
    seq: i64,
    at: i64,
    user_id: Option<i64>,
    token_id: Option<i64>,
    ip: &'a str,
    module: &'a str,
    entity: &'a str,
    entity_id: i64,
    action: &'a str,
    changes: &'a str,
}

impl Content<'_> {
    /// SHA-256 (hex) of the previous entry's hash and this entry's fields, each length-prefixed so
    /// no two contents read the same.
    fn hash(&self, prev: &str) -> String {
        let mut h = Sha256::new();
        let opt = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
        for part in [
            prev,
            &self.seq.to_string(),
            &self.at.to_string(),
            &opt(self.user_id),
            &opt(self.token_id),
            self.ip,
            self.module,
            self.entity,
            &self.entity_id.to_string(),
            self.action,
            self.changes,
        ] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part.as_bytes());
        }
        hex::encode(h.finalize())
    }
}

#[derive(sqlx::FromRow)]
struct Stored {
    seq: i64,
    at: i64,
    user_id: Option<i64>,
    token_id: Option<i64>,
    ip: String,
    module: String,
    entity: String,
    entity_id: i64,
    action: String,
    changes: String,
    prev_hash: String,
    hash: String,
    redacted_at: Option<i64>,
}

impl Stored {
    fn content(&self) -> Content<'_> {
        Content {
            seq: self.seq,
            at: self.at,
            user_id: self.user_id,
            token_id: self.token_id,
            ip: &self.ip,
            module: &self.module,
            entity: &self.entity,
            entity_id: self.entity_id,
            action: &self.action,
            changes: &self.changes,
        }
    }

    /// What a redacted entry still holds, hashed as its content would be with `changes` reduced to
    /// the field names: an erasure seals it, [`verify`] checks it.
    fn redacted_seal(&self) -> String {
        let names = without_values(&self.changes);
        Content { changes: &names, ..self.content() }.hash(&self.prev_hash)
    }
}

/// Columns read for a [`Stored`] entry.
const STORED: &str = "seq, at, user_id, token_id, ip, module, entity, entity_id, action, changes, prev_hash, hash, \
                      redacted_at";

/// A recorded list of changes with the field names kept and the values removed.
fn without_values(changes: &str) -> String {
    let changes: Vec<FieldChange> = serde_json::from_str(changes).unwrap_or_default();
    let names: Vec<FieldChange> =
        changes.into_iter().map(|c| FieldChange { field: c.field, before: None, after: None }).collect();
    serde_json::to_string(&names).unwrap_or_else(|_| "[]".into())
}

/// The fields of an erasure's entry that name the entries it redacted and seal them.
const REDACTED: &str = "redacted";
const REDACTION_SEAL: &str = "redaction_seal";

/// One SHA-256 over the redacted entries' places, hashes and seals, in order.
fn seal_of(entries: &[(i64, String, String)]) -> String {
    let mut h = Sha256::new();
    for (seq, hash, seal) in entries {
        for part in [seq.to_string().as_str(), hash, seal] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part.as_bytes());
        }
    }
    hex::encode(h.finalize())
}

/// Removes the values of entries `seqs` (their field names stay) and returns the changes the
/// erasure's own entry must carry: which entries lost their values and a seal over what they keep.
/// An entry that no longer matches its hash is not redacted (that would hide the tampering): the
/// erasure fails instead. Entries already redacted are left as they are.
pub async fn redact(tx: &mut Transaction<'static, Any>, seqs: &[i64]) -> Result<Vec<FieldChange>> {
    let mut seqs = seqs.to_vec();
    seqs.sort_unstable();
    seqs.dedup();
    let mut sealed = Vec::new();
    for seq in seqs {
        let row: Option<Stored> = sqlx::query_as(&format!("SELECT {STORED} FROM audit_log WHERE seq = $1"))
            .bind(seq)
            .fetch_optional(&mut **tx)
            .await?;
        let Some(row) = row.filter(|r| r.redacted_at.is_none()) else { continue };
        if row.content().hash(&row.prev_hash) != row.hash {
            return Err(Error::Internal(format!("audit entry {seq} does not match its hash; nothing was redacted")));
        }
        sqlx::query("UPDATE audit_log SET changes = $1, redacted_at = $2 WHERE seq = $3")
            .bind(without_values(&row.changes))
            .bind(now())
            .bind(seq)
            .execute(&mut **tx)
            .await?;
        sealed.push((seq, row.hash.clone(), row.redacted_seal()));
    }
    if sealed.is_empty() {
        return Ok(Vec::new());
    }
    let list = sealed.iter().map(|(seq, _, _)| seq.to_string()).collect::<Vec<_>>().join(" ");
    Ok(vec![
        FieldChange { field: REDACTED.into(), before: None, after: Some(list) },
        FieldChange { field: REDACTION_SEAL.into(), before: None, after: Some(seal_of(&sealed)) },
    ])
}

/// The places in the chain of the entries about `entity` rows `ids`.
pub async fn entries_of(tx: &mut Transaction<'static, Any>, entity: &str, ids: &[i64]) -> Result<Vec<i64>> {
    let mut seqs = Vec::new();
    for chunk in ids.chunks(500) {
        let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let rows: Vec<(i64,)> =
            sqlx::query_as(&format!("SELECT seq FROM audit_log WHERE entity = $1 AND entity_id IN ({list})"))
                .bind(entity)
                .fetch_all(&mut **tx)
                .await?;
        seqs.extend(rows.into_iter().map(|(seq,)| seq));
    }
    Ok(seqs)
}

/// The entries of `entity` whose recorded changes have `field` set to or from `value` (the
/// entries about a link that name a person, say).
pub async fn entries_naming(
    tx: &mut Transaction<'static, Any>,
    entity: &str,
    field: &str,
    value: &str,
) -> Result<Vec<i64>> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT seq, changes FROM audit_log WHERE entity = $1 AND changes LIKE $2")
            .bind(entity)
            .bind(format!("%\"{value}\"%"))
            .fetch_all(&mut **tx)
            .await?;
    let value = Some(value.to_string());
    Ok(rows
        .into_iter()
        .filter(|(_, changes)| {
            let changes: Vec<FieldChange> = serde_json::from_str(changes).unwrap_or_default();
            changes.iter().any(|c| c.field == field && (c.before == value || c.after == value))
        })
        .map(|(seq, _)| seq)
        .collect())
}

/// The entries recording the removal of the duplicates merged into `entity` row `id`: a merge
/// records the duplicate's removal (`merged_away`) just before itself, in the same transaction.
pub async fn merged_into(tx: &mut Transaction<'static, Any>, entity: &str, id: i64) -> Result<Vec<i64>> {
    let merges: Vec<(i64, i64)> =
        sqlx::query_as("SELECT seq, at FROM audit_log WHERE entity = $1 AND entity_id = $2 AND action = 'merge'")
            .bind(entity)
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
    let mut seqs = Vec::new();
    for (seq, at) in merges {
        let away: Option<(i64,)> = sqlx::query_as(
            "SELECT seq FROM audit_log WHERE entity = $1 AND action = 'merged_away' AND at = $2 AND seq < $3 \
             ORDER BY seq DESC LIMIT 1",
        )
        .bind(entity)
        .bind(at)
        .bind(seq)
        .fetch_optional(&mut **tx)
        .await?;
        seqs.extend(away.map(|(s,)| s));
    }
    Ok(seqs)
}

/// The redactions the log records: for each entry that redacted others, the entries it names and
/// its seal.
async fn redactions(db: &Db) -> Result<std::collections::BTreeMap<i64, (Vec<i64>, String)>> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT seq, changes FROM audit_log WHERE changes LIKE $1 ORDER BY seq")
            .bind(format!("%\"{REDACTION_SEAL}\"%"))
            .fetch_all(db.pool())
            .await?;
    let mut out = std::collections::BTreeMap::new();
    for (seq, changes) in rows {
        let changes: Vec<FieldChange> = serde_json::from_str(&changes).unwrap_or_default();
        let value = |name: &str| changes.iter().find(|c| c.field == name).and_then(|c| c.after.clone());
        if let (Some(list), Some(seal)) = (value(REDACTED), value(REDACTION_SEAL)) {
            let named = list.split_whitespace().filter_map(|s| s.parse().ok()).collect();
            out.insert(seq, (named, seal));
        }
    }
    Ok(out)
}

/// Walks the whole chain, oldest first, a thousand entries at a time: every entry's hash must be
/// its content's, its `prev_hash` the previous entry's hash, and `seq` must run 1, 2, 3…. A
/// redacted entry's values are gone, so its hash cannot be recomputed: it must be named by a later
/// erasure whose seal matches what the entry keeps (its hash and its content without values).
pub async fn verify(db: &Db) -> Result<ChainReport> {
    let redactions = redactions(db).await?;
    let named: std::collections::HashMap<i64, i64> =
        redactions.iter().flat_map(|(by, (seqs, _))| seqs.iter().map(move |s| (*s, *by))).collect();
    let mut sealed: std::collections::HashMap<i64, Vec<(i64, String, String)>> = Default::default();
    let mut prev = String::new();
    let mut expected = 1;
    loop {
        let rows: Vec<Stored> =
            sqlx::query_as(&format!("SELECT {STORED} FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT 1000"))
                .bind(expected)
                .fetch_all(db.pool())
                .await?;
        if rows.is_empty() {
            return Ok(ChainReport { entries: expected - 1, intact: true, first_broken: None });
        }
        for r in rows {
            let by = named.get(&r.seq).copied().filter(|by| *by > r.seq);
            if let Some(by) = by {
                sealed.entry(by).or_default().push((r.seq, r.hash.clone(), r.redacted_seal()));
            }
            let content_fits = match r.redacted_at {
                Some(_) => by.is_some(),
                None => r.content().hash(&prev) == r.hash,
            };
            let seal_fits = redactions.get(&r.seq).is_none_or(|(seqs, seal)| {
                let entries = sealed.remove(&r.seq).unwrap_or_default();
                entries.len() == seqs.len() && seal_of(&entries) == *seal
            });
            if r.seq != expected || r.prev_hash != prev || !content_fits || !seal_fits {
                tracing::error!(seq = r.seq, expected, "the audit log's chain is broken");
                return Ok(ChainReport {
                    entries: r.seq.max(expected) - 1,
                    intact: false,
                    first_broken: Some(expected),
                });
            }
            prev = r.hash;
            expected += 1;
        }
    }
}

/// Entries newest first, filtered, a page at a time: `before` is the `seq` the previous page
/// ended at (its `next`).
pub async fn list(db: &Db, q: &AuditQuery) -> Result<AuditPage> {
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let mut sql = format!("SELECT {STORED} FROM audit_log a WHERE 1 = 1");
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("${n}")
    };
    let mut binds: Vec<Bind> = Vec::new();
    if let Some(b) = q.before {
        sql.push_str(&format!(" AND a.seq < {}", next()));
        binds.push(Bind::Int(b));
    }
    if let Some(u) = q.user_id {
        sql.push_str(&format!(" AND a.user_id = {}", next()));
        binds.push(Bind::Int(u));
    }
    for (column, value) in [("module", &q.module), ("entity", &q.entity)] {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            sql.push_str(&format!(" AND a.{column} = {}", next()));
            binds.push(Bind::Text(v.to_string()));
        }
    }
    if let Some(id) = q.entity_id {
        sql.push_str(&format!(" AND a.entity_id = {}", next()));
        binds.push(Bind::Int(id));
    }
    if let Some(from) = q.from {
        sql.push_str(&format!(" AND a.at >= {}", next()));
        binds.push(Bind::Int(from.timestamp()));
    }
    if let Some(to) = q.to {
        sql.push_str(&format!(" AND a.at < {}", next()));
        binds.push(Bind::Int(to.timestamp()));
    }
    sql.push_str(&format!(" ORDER BY a.seq DESC LIMIT {}", limit + 1));
    let mut query = sqlx::query_as::<_, Stored>(&sql);
    for b in binds {
        query = match b {
            Bind::Int(i) => query.bind(i),
            Bind::Text(t) => query.bind(t),
        };
    }
    let mut rows = query.fetch_all(db.pool()).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let names = user_names(db, rows.iter().filter_map(|r| r.user_id)).await?;
    let next = if more { rows.last().map(|r| r.seq) } else { None };
    let entries = rows
        .into_iter()
        .map(|r| AuditEntry {
            seq: r.seq,
            at: to_utc(r.at),
            user_name: r.user_id.and_then(|u| names.iter().find(|(id, _)| *id == u).map(|(_, n)| n.clone())),
            user_id: r.user_id.map(UserId),
            via_token: r.token_id.is_some(),
            ip: r.ip,
            module: r.module,
            entity: r.entity,
            entity_id: r.entity_id,
            action: r.action,
            changes: serde_json::from_str(&r.changes).unwrap_or_default(),
            redacted: r.redacted_at.is_some(),
        })
        .collect();
    Ok(AuditPage { entries, next })
}

enum Bind {
    Int(i64),
    Text(String),
}

async fn user_names(db: &Db, ids: impl Iterator<Item = i64>) -> Result<Vec<(i64, String)>> {
    let mut ids: Vec<i64> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    Ok(sqlx::query_as(&format!("SELECT id, name FROM users WHERE id IN ({list})")).fetch_all(db.pool()).await?)
}
