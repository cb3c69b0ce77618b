//! The CRM core: organizations, people and their links, interests, interactions, the client
//! timeline, merging duplicates, saved views and CSV import/export.
//!
//! Permissions are checked by the callers (server functions, API routes); functions here take the
//! acting user's id to record who did what.

pub mod fields;
pub mod import;
pub mod interactions;
pub mod interests;
pub mod merge;
pub mod organizations;
pub mod people;
pub mod timeline;
pub mod views;

use sqlx::any::AnyArguments;
use sqlx::query::{QueryAs, QueryScalar};
use sqlx::Any;

/// A value bound to a query built at run time.
#[derive(Debug, Clone)]
pub(crate) enum Bind {
    Text(String),
    Int(i64),
}

/// Collects `WHERE` conditions and their values, numbering the `$n` placeholders.
#[derive(Debug, Default, Clone)]
pub(crate) struct Filter {
    pub conditions: Vec<String>,
    pub binds: Vec<Bind>,
}

impl Filter {
    /// The next placeholder (`$n`) for `value`.
    pub fn param(&mut self, value: Bind) -> String {
        let value = match value {
            Bind::Text(s) => Bind::Text(crate::text::clean(&s)),
            other => other,
        };
        self.binds.push(value);
        format!("${}", self.binds.len())
    }

    pub fn push(&mut self, condition: String) {
        self.conditions.push(condition);
    }

    /// ` WHERE a AND b`, or nothing.
    pub fn where_clause(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.conditions.join(" AND "))
        }
    }

    /// Requires every word of `q` (folded) to appear in `column`, anywhere. On SQLite, words of
    /// three characters or more go through the table's FTS5 trigram index `fts` (whose rowid is
    /// `id`); PostgreSQL's trigram index serves the `LIKE` itself. Shorter words scan.
    pub fn search(&mut self, backend: crate::Backend, column: &str, q: &str, fts: (&str, &str)) {
        let folded = crate::text::fold(&crate::text::clean(q));
        let words: Vec<&str> = folded.split_whitespace().take(8).collect();
        let (indexed, scanned): (Vec<&str>, Vec<&str>) = if backend == crate::Backend::Sqlite {
            words.into_iter().partition(|w| w.chars().count() >= 3)
        } else {
            (Vec::new(), words)
        };
        if !indexed.is_empty() {
            let (table, id) = fts;
            let expr =
                indexed.iter().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect::<Vec<_>>().join(" AND ");
            let p = self.param(Bind::Text(expr));
            self.push(format!("{id} IN (SELECT rowid FROM {table} WHERE {table} MATCH {p})"));
        }
        for word in scanned {
            let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            let p = self.param(Bind::Text(format!("%{escaped}%")));
            self.push(format!("{column} LIKE {p} ESCAPE '\\'"));
        }
    }

    pub fn bind_all<'q, O>(
        &self,
        mut q: QueryAs<'q, Any, O, AnyArguments<'q>>,
    ) -> QueryAs<'q, Any, O, AnyArguments<'q>> {
        for b in &self.binds {
            q = match b {
                Bind::Text(s) => q.bind(s.clone()),
                Bind::Int(i) => q.bind(*i),
            };
        }
        q
    }

    pub fn bind_scalar<'q, O>(
        &self,
        mut q: QueryScalar<'q, Any, O, AnyArguments<'q>>,
    ) -> QueryScalar<'q, Any, O, AnyArguments<'q>> {
        for b in &self.binds {
            q = match b {
                Bind::Text(s) => q.bind(s.clone()),
                Bind::Int(i) => q.bind(*i),
            };
        }
        q
    }
}

/// Folded text for `search_text`: the parts joined, plus the digits of each phone so that
/// "943 123 456" and "943123456" both find it.
pub(crate) fn search_text(parts: &[&str], phones: &[&str]) -> String {
    let mut s = crate::text::fold(&parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(" "));
    for p in phones.iter().filter(|p| !p.is_empty()) {
        s.push(' ');
        s.push_str(&p.chars().filter(char::is_ascii_digit).collect::<String>());
    }
    s
}

/// Interest names from a form or a row: trimmed, at most 60 characters each (else an issue on
/// `interests`), empty ones dropped, and each name once, ignoring case and accents.
pub(crate) fn interest_names(p: &mut crate::error::Problems, raw: &[String]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for r in raw {
        if let Some(n) = p.check("interests", fields::text(r, 60, false)) {
            if !n.is_empty() && !names.iter().any(|x| crate::text::fold(x) == crate::text::fold(&n)) {
                names.push(n);
            }
        }
    }
    names
}

/// A unique violation on a tax id (a race with another writer after the duplicate guard) as the
/// field error the guard would have given; anything else passes through.
pub(crate) fn tax_id_taken(e: sqlx::Error) -> crate::Error {
    if crate::error::is_unique_violation(&e) {
        crate::Error::field("tax_id", types::FieldIssue::TaxIdTaken { id: 0 })
    } else {
        e.into()
    }
}

/// The stored owner id from a form value: empty means none.
pub(crate) fn parse_owner(raw: &str) -> Result<Option<i64>, types::FieldIssue> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i64>().map(Some).map_err(|_| types::FieldIssue::InvalidChoice)
}

/// Refuses an owner id that is not an active user (organizations and people alike).
pub(crate) async fn check_owner<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    exec: E,
    owner: Option<i64>,
) -> crate::Result<()> {
    if let Some(id) = owner {
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM users WHERE id = $1 AND active = 1").bind(id).fetch_optional(exec).await?;
        if found.is_none() {
            return Err(crate::Error::field("owner_id", types::FieldIssue::InvalidChoice));
        }
    }
    Ok(())
}

/// What the hub's filters and the forms offer: owners (active users who are not reception),
/// interests and the sectors in use. Three queries.
pub async fn choices(db: &crate::Db) -> crate::Result<types::CrmChoices> {
    let owners: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM users WHERE active = 1 AND role <> 'reception' ORDER BY name, id")
            .fetch_all(db.pool())
            .await?;
    let mut owners: Vec<types::OwnerOption> =
        owners.into_iter().map(|(id, name)| types::OwnerOption { id: types::UserId(id), name }).collect();
    owners.sort_by_cached_key(|o| crate::text::fold(&o.name));
    let sectors: Vec<(String,)> =
        sqlx::query_as("SELECT DISTINCT sector FROM organizations WHERE sector <> '' ORDER BY sector LIMIT 200")
            .fetch_all(db.pool())
            .await?;
    Ok(types::CrmChoices {
        owners,
        interests: interests::list_interests(db).await?,
        sectors: sectors.into_iter().map(|(s,)| s).collect(),
    })
}
