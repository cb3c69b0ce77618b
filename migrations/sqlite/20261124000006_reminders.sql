-- (SQLite) Reminders: one row per message to deliver (in-app or email) at a due time. A worker
-- claims due rows atomically (state pending → sending) before sending, so no reminder goes out
-- twice; failures retry with back-off (`next_attempt_at`) and end as failed, with the last error.
-- `dedupe_key` names what the reminder is about (kind, subject, channel, recipient): scheduling
-- the same thing again moves the pending row instead of adding one.
CREATE TABLE reminders (
    id                  INTEGER PRIMARY KEY,
    dedupe_key          TEXT    NOT NULL,
    kind                TEXT    NOT NULL,
    subject_type        TEXT    NOT NULL,
    subject_id          BIGINT  NOT NULL,
    channel             TEXT    NOT NULL CHECK (channel IN ('in_app', 'email')),
    user_id             BIGINT  REFERENCES users (id) ON DELETE CASCADE,
    person_id           BIGINT  REFERENCES people (id) ON DELETE CASCADE,
    email               TEXT    NOT NULL DEFAULT '',
    due_at              BIGINT  NOT NULL,
    next_attempt_at     BIGINT  NOT NULL,
    state               TEXT    NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    attempts            BIGINT  NOT NULL DEFAULT 0,
    last_error          TEXT    NOT NULL DEFAULT '',
    claimed_by          TEXT,
    claimed_at          BIGINT,
    sent_at             BIGINT,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);
CREATE UNIQUE INDEX reminders_dedupe_key ON reminders (dedupe_key);
CREATE INDEX reminders_due ON reminders (next_attempt_at) WHERE state = 'pending';
CREATE INDEX reminders_claimed ON reminders (claimed_at) WHERE state = 'sending';
CREATE INDEX reminders_subject ON reminders (subject_type, subject_id);
CREATE INDEX reminders_user ON reminders (user_id, due_at);
