//! The two databases kept honest. SQLite and PostgreSQL are migrated from two folders of SQL;
//! these tests migrate both and compare what they end with (tables, columns with their type class
//! and nullability, primary keys, indexes, unique, foreign-key and check constraints), and
//! prepare every SQL statement written in `domain` on both, so a statement that works on one
//! backend and not the other fails here rather than in production.
//!
//! Both backends are needed whichever one the suite runs on: PostgreSQL at
//! `AULA_TEST_POSTGRES_URL` (the test command always sets it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use domain::testing::TestDb;
use domain::Backend;
use sqlx::{Executor, Row};

/// A column: its type class (`integer`, `text`, `real`, `blob`, `boolean`) and whether it may be NULL.
type Column = (String, bool);

/// What a table is made of, in terms both backends share.
#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    columns: BTreeMap<String, Column>,
    primary_key: Vec<String>,
    /// Named indexes: unique or not, their columns (or expressions), partial or not.
    indexes: BTreeMap<String, (bool, String, bool)>,
    /// Unique constraints by their columns.
    unique: BTreeSet<String>,
    /// `column → table(column) ON DELETE action`.
    foreign_keys: BTreeSet<String>,
    /// Check constraints by the columns they read.
    checks: BTreeSet<String>,
}

type Schema = BTreeMap<String, Table>;

/// What each backend has for substring search, which the other does without: SQLite's FTS5
/// trigram tables (and their shadow tables), PostgreSQL's pg_trgm GIN indexes.
const SQLITE_ONLY_TABLES: &[&str] = &["organizations_search", "people_search"];
const POSTGRES_ONLY_INDEXES: &[&str] = &["organizations_search_trgm", "people_search_trgm"];

fn type_class(declared: &str) -> String {
    let t = declared.to_ascii_lowercase();
    let class = if t.contains("int") {
        "integer"
    } else if t.contains("char") || t.contains("text") || t.contains("clob") {
        "text"
    } else if t.contains("bool") {
        "boolean"
    } else if t.contains("real") || t.contains("floa") || t.contains("doub") || t.contains("numeric") {
        "real"
    } else if t.contains("blob") || t.contains("bytea") {
        "blob"
    } else {
        return format!("other ({declared})");
    };
    class.to_string()
}

/// The column names (of `columns`) that `expr` mentions, sorted: how checks are compared, since
/// each backend writes the same expression its own way (`IN (0, 1)` vs `= ANY (ARRAY[0, 1])`).
fn mentioned(expr: &str, columns: &BTreeMap<String, Column>) -> String {
    let words: BTreeSet<&str> = expr.split(|c: char| !(c.is_alphanumeric() || c == '_')).collect();
    columns.keys().filter(|c| words.contains(c.as_str())).cloned().collect::<Vec<_>>().join(",")
}

fn normalize_action(action: &str) -> String {
    match action.trim().to_ascii_uppercase().as_str() {
        "" | "NO ACTION" => "NO ACTION".into(),
        other => other.into(),
    }
}

/// The bodies of the `CHECK (…)` clauses in a `CREATE TABLE` statement.
fn check_clauses(sql: &str) -> Vec<String> {
    let upper = sql.to_ascii_uppercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = upper[from..].find("CHECK") {
        let start = from + at + "CHECK".len();
        // The keyword, not a name that holds it (`checked_in_at`).
        let before = upper[..from + at].chars().next_back();
        let Some(open) = sql[start..].find('(').map(|o| start + o) else { break };
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') || !sql[start..open].trim().is_empty() {
            from = start;
            continue;
        }
        let mut depth = 0;
        let mut end = open;
        for (i, c) in sql[open..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.push(sql[open + 1..end].to_string());
        from = end.max(start);
    }
    out
}

async fn strings(db: &TestDb, sql: &str) -> Vec<Vec<String>> {
    let rows = sqlx::query(sql).fetch_all(db.db.pool()).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    rows.iter()
        .map(|r| {
            (0..r.len())
                .map(|i| {
                    r.try_get::<String, _>(i)
                        .or_else(|_| r.try_get::<i64, _>(i).map(|n| n.to_string()))
                        .or_else(|_| r.try_get::<bool, _>(i).map(|b| b.to_string()))
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect()
}

async fn sqlite_schema(db: &TestDb) -> Schema {
    let mut schema = Schema::new();
    let tables = strings(
        db,
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .await;
    let shadow = |name: &str| SQLITE_ONLY_TABLES.iter().any(|t| name == *t || name.starts_with(&format!("{t}_")));
    for row in tables.iter().filter(|r| !shadow(&r[0])) {
        let (name, sql) = (&row[0], &row[1]);
        let mut t = Table::default();
        let mut pk = Vec::new();
        for c in strings(db, &format!("SELECT name, type, \"notnull\", pk FROM pragma_table_info('{name}')")).await {
            let pk_pos: i64 = c[3].parse().unwrap_or(0);
            if pk_pos > 0 {
                pk.push((pk_pos, c[0].clone()));
            }
            t.columns.insert(c[0].clone(), (type_class(&c[1]), c[2] == "0" && pk_pos == 0));
        }
        pk.sort();
        t.primary_key = pk.into_iter().map(|(_, c)| c).collect();
        for i in
            strings(db, &format!("SELECT name, \"unique\", origin, partial FROM pragma_index_list('{name}')")).await
        {
            let cols: Vec<String> = strings(
                db,
                &format!(
                    "SELECT coalesce(name, '<expr>') FROM pragma_index_xinfo('{}') WHERE key = 1 ORDER BY seqno",
                    i[0]
                ),
            )
            .await
            .into_iter()
            .map(|r| r[0].clone())
            .collect();
            match i[2].as_str() {
                "pk" => {}
                "u" => {
                    t.unique.insert(cols.join(","));
                }
                _ => {
                    t.indexes.insert(i[0].clone(), (i[1] == "1", cols.join(","), i[3] == "1"));
                }
            }
        }
        for f in strings(
            db,
            &format!("SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list('{name}')"),
        )
        .await
        {
            t.foreign_keys.insert(format!("{} → {}({}) ON DELETE {}", f[0], f[1], f[2], normalize_action(&f[3])));
        }
        for expr in check_clauses(sql) {
            t.checks.insert(mentioned(&expr, &t.columns));
        }
        schema.insert(name.clone(), t);
    }
    schema
}

async fn postgres_schema(db: &TestDb) -> Schema {
    let mut schema = Schema::new();
    for c in strings(
        db,
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text \
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'",
    )
    .await
    {
        schema.entry(c[0].clone()).or_default().columns.insert(c[1].clone(), (type_class(&c[2]), c[3] == "YES"));
    }
    for i in strings(
        db,
        "SELECT t.relname::text, i.relname::text, ix.indisunique, \
                (ix.indpred IS NOT NULL), \
                array_to_string(ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true) \
                                      FROM generate_series(1, ix.indnkeyatts) AS k ORDER BY k), ','), \
                coalesce((SELECT c.contype::text FROM pg_constraint c WHERE c.conindid = ix.indexrelid \
                          AND c.contype IN ('p', 'u') LIMIT 1), '') \
         FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = 'public' AND t.relname <> '_sqlx_migrations'",
    )
    .await
    {
        let Some(t) = schema.get_mut(&i[0]) else { continue };
        // Expressions are compared as such: SQLite does not name them either.
        let cols: Vec<String> = i[4]
            .split(',')
            .map(|c| c.trim_matches('"'))
            .map(
                |c| if c.chars().all(|ch| ch.is_alphanumeric() || ch == '_') { c.to_string() } else { "<expr>".into() },
            )
            .collect();
        match i[5].as_str() {
            "p" => t.primary_key = cols,
            "u" => {
                t.unique.insert(cols.join(","));
            }
            _ if POSTGRES_ONLY_INDEXES.contains(&i[1].as_str()) => {}
            _ => {
                t.indexes.insert(i[1].clone(), (i[2] == "true", cols.join(","), i[3] == "true"));
            }
        }
    }
    for c in strings(
        db,
        "SELECT cl.relname::text, c.contype::text, pg_get_constraintdef(c.oid) \
         FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace \
         WHERE n.nspname = 'public' AND c.contype IN ('f', 'c')",
    )
    .await
    {
        let Some(t) = schema.get_mut(&c[0]) else { continue };
        let def = &c[2];
        if c[1] == "c" {
            let check = mentioned(def, &t.columns);
            t.checks.insert(check);
            continue;
        }
        // FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
        let inner = |s: &str| s.split_once('(').and_then(|(_, r)| r.split_once(')')).map(|(a, _)| a.trim().to_string());
        let (local, rest) = def.split_once("REFERENCES").expect("a foreign key references a table");
        let table = rest.trim().split('(').next().unwrap_or_default().trim().to_string();
        let action = rest.split_once("ON DELETE").map(|(_, a)| a.to_string()).unwrap_or_default();
        t.foreign_keys.insert(format!(
            "{} → {table}({}) ON DELETE {}",
            inner(local).unwrap_or_default(),
            inner(rest).unwrap_or_default(),
            normalize_action(action.split(" ON UPDATE").next().unwrap_or_default())
        ));
    }
    for t in schema.values_mut() {
        for c in &t.primary_key {
            if let Some(col) = t.columns.get_mut(c) {
                col.1 = false;
            }
        }
    }
    schema
}

#[tokio::test]
async fn both_backends_migrate_to_the_same_schema() {
    let (lite, pg) = (TestDb::on(Backend::Sqlite).await, TestDb::on(Backend::Postgres).await);
    let (lite, pg) = (sqlite_schema(&lite).await, postgres_schema(&pg).await);
    assert!(lite.len() > 30, "the SQLite schema was read ({} tables)", lite.len());
    assert_eq!(lite.keys().collect::<Vec<_>>(), pg.keys().collect::<Vec<_>>(), "the same tables");
    for (name, table) in &lite {
        let other = &pg[name];
        assert_eq!(table.columns, other.columns, "{name}: columns (type class, nullable), SQLite then PostgreSQL");
        assert_eq!(table.primary_key, other.primary_key, "{name}: primary key");
        assert_eq!(table.indexes, other.indexes, "{name}: indexes (unique, columns, partial)");
        assert_eq!(table.unique, other.unique, "{name}: unique constraints");
        assert_eq!(table.foreign_keys, other.foreign_keys, "{name}: foreign keys");
        assert_eq!(table.checks, other.checks, "{name}: check constraints (by the columns they read)");
    }
}

#[test]
fn the_schema_comparison_sees_a_difference() {
    // The comparison itself can fail: a check on another column, a nullable column.
    let mut cols = BTreeMap::new();
    cols.insert("capacity".to_string(), ("integer".to_string(), false));
    cols.insert("price_cents".to_string(), ("integer".to_string(), false));
    assert_eq!(mentioned("CHECK ((capacity >= 0))", &cols), "capacity");
    assert_ne!(mentioned("price_cents >= 0", &cols), mentioned("capacity >= 0", &cols));
    assert_eq!(
        check_clauses("a BIGINT CHECK (a IN (0, 1)), checked_at BIGINT, b TEXT CHECK (length(b) > 0)"),
        ["a IN (0, 1)", "length(b) > 0"]
    );
    assert_eq!(type_class("BIGINT"), type_class("integer"));
    assert_ne!(type_class("TEXT"), type_class("bigint"));
}

/// A SQL statement found in `domain`'s source: where, its text, and the backend it is written
/// for when the code runs it on one only (behind `if … == Backend::Postgres`).
struct Statement {
    at: String,
    sql: String,
    only: Option<Backend>,
}

/// The string literals of a Rust source file (plain and raw), with the line each starts on.
fn string_literals(src: &str) -> Vec<(usize, String)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < b.len() {
        match b[i] {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'\'' => {
                // A char literal ('"', '\'', 'x') or a lifetime ('a).
                if b.get(i + 2) == Some(&b'\'') {
                    i += 3;
                } else if b.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                    i += 1;
                } else {
                    i += 1;
                }
            }
            b'r' if (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let start = j + 1;
                let end = src[start..].find(&close).map(|e| start + e).unwrap_or(b.len());
                out.push((line, src[start..end].to_string()));
                line += src[start..end].matches('\n').count();
                i = end + close.len();
            }
            b'"' => {
                let start_line = line;
                let mut text = String::new();
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        match b.get(i + 1) {
                            Some(b'n') => text.push('\n'),
                            Some(b't') => text.push('\t'),
                            Some(b'"') => text.push('"'),
                            Some(b'\\') => text.push('\\'),
                            Some(b'\'') => text.push('\''),
                            Some(b'\n') => {
                                // A line continuation: the newline and the next line's indent go.
                                line += 1;
                                i += 2;
                                while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                                    i += 1;
                                }
                                continue;
                            }
                            _ => {}
                        }
                        i += 2;
                        continue;
                    }
                    if b[i] == b'\n' {
                        line += 1;
                    }
                    let ch = src[i..].chars().next().unwrap_or(' ');
                    text.push(ch);
                    i += ch.len_utf8();
                }
                out.push((start_line, text));
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// `const NAME: &str = "…";` in a source file.
fn string_consts(src: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (at, _) in src.match_indices("const ") {
        let rest = &src[at + 6..];
        let Some((name, after)) = rest.split_once(':') else { continue };
        let name = name.trim();
        if !name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') {
            continue;
        }
        let Some(value) = after.trim_start().strip_prefix("&str").map(str::trim_start) else { continue };
        let Some(value) = value.strip_prefix('=') else { continue };
        if let Some((_, lit)) = string_literals(value.trim_start()).into_iter().next() {
            if value.trim_start().starts_with('"') || value.trim_start().starts_with('r') {
                out.insert(name.to_string(), lit);
            }
        }
    }
    out
}

fn is_sql(text: &str) -> bool {
    let t = text.trim_start().to_ascii_uppercase();
    ["SELECT ", "INSERT ", "UPDATE ", "DELETE ", "WITH "].iter().any(|k| t.starts_with(k))
}

/// Every statement in `domain/src` that is whole in the source: literals, and `format!` strings
/// whose only placeholders are string constants of their own file. Returns them and how many SQL
/// strings were left out because they are completed at run time.
fn domain_statements() -> (Vec<Statement>, usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root];
    let mut sources = Vec::new();
    while let Some(p) = files.pop() {
        if p.is_dir() {
            for e in std::fs::read_dir(&p).unwrap() {
                files.push(e.unwrap().path());
            }
        } else if p.extension().is_some_and(|e| e == "rs") {
            sources.push(p);
        }
    }
    sources.sort();
    let mut found = Vec::new();
    let mut partial = 0;
    for path in sources {
        let src = std::fs::read_to_string(&path).unwrap();
        let consts = string_consts(&src);
        let file = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().display().to_string();
        let lines: Vec<&str> = src.lines().collect();
        for (line, text) in string_literals(&src) {
            let mut sql = text;
            // Constants written into a format string; `{{` is a literal brace.
            for (name, value) in &consts {
                sql = sql.replace(&format!("{{{name}}}"), value);
            }
            if !is_sql(&sql) {
                continue;
            }
            let unescaped = sql.replace("{{", "\u{1}").replace("}}", "\u{2}");
            if unescaped.contains('{') {
                partial += 1;
                continue;
            }
            let guard = lines[line.saturating_sub(6)..line].join("\n");
            let only = if guard.contains("Backend::Postgres") {
                Some(Backend::Postgres)
            } else if guard.contains("Backend::Sqlite") {
                Some(Backend::Sqlite)
            } else {
                None
            };
            let sql = unescaped.replace('\u{1}', "{").replace('\u{2}', "}");
            found.push(Statement { at: format!("{file}:{line}"), sql, only });
        }
    }
    (found, partial)
}

/// Prepares `sql` on `db`: `Ok` or the database's message. On PostgreSQL a parameter whose type
/// only the bound value gives (`$1 IS NULL`) cannot be prepared bare; that counts as prepared.
async fn prepare(db: &TestDb, sql: &str) -> Result<(), String> {
    let mut conn = db.db.pool().acquire().await.unwrap();
    match (&mut *conn).prepare(sql).await {
        Ok(_) => Ok(()),
        Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("42P18") => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

#[tokio::test]
async fn every_sql_statement_in_domain_prepares_on_both_backends() {
    let (lite, pg) = (TestDb::on(Backend::Sqlite).await, TestDb::on(Backend::Postgres).await);
    let (statements, completed_at_run_time) = domain_statements();
    assert!(statements.len() > 200, "the statements were found ({} of them)", statements.len());
    let mut failures = Vec::new();
    let (mut fragments, mut backend_only) = (0, 0);
    for s in &statements {
        let (on_lite, on_pg) = (prepare(&lite, &s.sql).await, prepare(&pg, &s.sql).await);
        match (s.only, on_lite, on_pg) {
            (Some(Backend::Postgres), _, Ok(())) | (Some(Backend::Sqlite), Ok(()), _) => backend_only += 1,
            (Some(b), _, _) => {
                failures.push(format!("{}: written for {} only, which refuses it\n{}", s.at, b.name(), s.sql))
            }
            (None, Ok(()), Ok(())) => {}
            // A piece completed at run time (`… WHERE` + conditions) prepares on neither.
            (None, Err(_), Err(_)) => fragments += 1,
            (None, Ok(()), Err(e)) => failures.push(format!("{}: PostgreSQL refuses it: {e}\n{}", s.at, s.sql)),
            (None, Err(e), Ok(())) => failures.push(format!("{}: SQLite refuses it: {e}\n{}", s.at, s.sql)),
        }
    }
    println!(
        "{} statements prepared on both backends, {backend_only} on the one they are written for; \
         {fragments} pieces completed at run time; {completed_at_run_time} format strings with run-time \
         parts (run by the other tests on both)",
        statements.len() - fragments - backend_only
    );
    assert!(
        failures.is_empty(),
        "{} statements work on one backend only:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(
        fragments * 10 < statements.len(),
        "most statements are whole ({fragments} of {} are not)",
        statements.len()
    );
}
