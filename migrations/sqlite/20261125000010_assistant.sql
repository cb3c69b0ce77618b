-- (sqlite) The assistant's history: one row per question and answer, per user and per record on
-- screen (its citation, e.g. W12, or empty), with how it was answered, the user's feedback, and the action it
-- proposed (JSON) with its state.

CREATE TABLE assistant_messages (
    id                  INTEGER PRIMARY KEY,
    user_id             BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subject             TEXT    NOT NULL DEFAULT '',
    question            TEXT    NOT NULL,
    answer              TEXT    NOT NULL,
    mode                TEXT    NOT NULL CHECK (mode IN ('ai', 'fallback')),
    fallback_reason     TEXT    NOT NULL DEFAULT '',
    refused_text        TEXT    NOT NULL DEFAULT '',
    links               TEXT    NOT NULL DEFAULT '[]',
    model               TEXT    NOT NULL DEFAULT '',
    duration_ms         BIGINT  NOT NULL DEFAULT 0,
    feedback            BIGINT  NOT NULL DEFAULT 0 CHECK (feedback IN (-1, 0, 1)),
    comment             TEXT    NOT NULL DEFAULT '',
    action              TEXT    NOT NULL DEFAULT '',
    action_state        TEXT    NOT NULL DEFAULT '' CHECK (action_state IN ('', 'proposed', 'running', 'done', 'dismissed')),
    action_href         TEXT    NOT NULL DEFAULT '',
    created_at          BIGINT  NOT NULL
);
CREATE INDEX assistant_messages_user ON assistant_messages (user_id, subject, id);
CREATE INDEX assistant_messages_created ON assistant_messages (created_at);
