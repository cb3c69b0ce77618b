-- Users, their sign-in sessions and failed sign-in attempts (SQLite).
-- Times are UTC Unix seconds.
-- Flags are 0/1 integers on both backends (sqlx's Any driver has no SQLite boolean).
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    email           TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    role            TEXT    NOT NULL CHECK (role IN ('admin', 'manager', 'staff', 'reception')),
    locale          TEXT    NOT NULL DEFAULT 'es' CHECK (locale IN ('es', 'eu', 'en')),
    password_hash   TEXT    NOT NULL,
    active          BIGINT  NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    last_login_at   BIGINT
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE auth_sessions (
    token_hash      TEXT    PRIMARY KEY,
    user_id         BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at      BIGINT  NOT NULL,
    last_seen_at    BIGINT  NOT NULL,
    expires_at      BIGINT  NOT NULL,
    ip              TEXT,
    user_agent      TEXT
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);
CREATE INDEX auth_sessions_expiry ON auth_sessions (expires_at);

CREATE TABLE login_failures (
    id              INTEGER PRIMARY KEY,
    email           TEXT    NOT NULL,
    ip              TEXT    NOT NULL,
    at              BIGINT  NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);
