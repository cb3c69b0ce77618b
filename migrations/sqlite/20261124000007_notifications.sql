-- (sqlite) Delivery of reminders: centre settings for them, in-app notifications, the email log,
-- calendar feed tokens, and a change counter (ICS SEQUENCE) on sessions and workshops.

-- Settings a manager changes in the UI (reminder lead time, follow-up hour, digest hour…).
CREATE TABLE centre_settings (
    key                 TEXT    PRIMARY KEY,
    value               TEXT    NOT NULL,
    updated_at          BIGINT  NOT NULL
);

-- What the bell shows. `link` is a path inside Aula.
CREATE TABLE notifications (
    id                  INTEGER PRIMARY KEY,
    user_id             BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind                TEXT    NOT NULL,
    title               TEXT    NOT NULL,
    body                TEXT    NOT NULL DEFAULT '',
    link                TEXT    NOT NULL DEFAULT '',
    reminder_id         BIGINT  REFERENCES reminders (id) ON DELETE SET NULL,
    created_at          BIGINT  NOT NULL,
    read_at             BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
CREATE UNIQUE INDEX notifications_reminder ON notifications (reminder_id);

-- One row per email: its attempts update it until it is sent or has failed for good.
CREATE TABLE email_log (
    id                  INTEGER PRIMARY KEY,
    reminder_id         BIGINT  REFERENCES reminders (id) ON DELETE SET NULL,
    recipient           TEXT    NOT NULL,
    subject             TEXT    NOT NULL,
    template            TEXT    NOT NULL,
    locale              TEXT    NOT NULL,
    status              TEXT    NOT NULL CHECK (status IN ('sent', 'retrying', 'failed', 'not_configured')),
    error               TEXT    NOT NULL DEFAULT '',
    attempts            BIGINT  NOT NULL DEFAULT 1,
    user_id             BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    person_id           BIGINT  REFERENCES people (id) ON DELETE SET NULL,
    organization_id     BIGINT  REFERENCES organizations (id) ON DELETE SET NULL,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    sent_at             BIGINT
);
CREATE UNIQUE INDEX email_log_reminder ON email_log (reminder_id);
CREATE INDEX email_log_created ON email_log (created_at, id);
CREATE INDEX email_log_person ON email_log (person_id, created_at);
CREATE INDEX email_log_organization ON email_log (organization_id, created_at);

-- ICS subscription URLs. Only the token's hash is kept; revoking keeps the row for the record.
CREATE TABLE calendar_feeds (
    id                  INTEGER PRIMARY KEY,
    token_hash          TEXT    NOT NULL,
    scope               TEXT    NOT NULL CHECK (scope IN ('user', 'trainer', 'room', 'organization')),
    scope_id            BIGINT  NOT NULL,
    created_by          BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at          BIGINT  NOT NULL,
    last_used_at        BIGINT,
    revoked_at          BIGINT
);
CREATE UNIQUE INDEX calendar_feeds_token ON calendar_feeds (token_hash);
CREATE INDEX calendar_feeds_creator ON calendar_feeds (created_by, created_at);

ALTER TABLE training_sessions ADD COLUMN sequence BIGINT NOT NULL DEFAULT 0;
ALTER TABLE workshops ADD COLUMN sequence BIGINT NOT NULL DEFAULT 0;
CREATE INDEX workshops_start_time ON workshops (starts_at);
