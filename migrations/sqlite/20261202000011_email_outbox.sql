-- The outbox of reminder emails: a row is written before a message goes to the SMTP server and
-- marked sent as soon as the server accepts it, so a delivery that failed afterwards (its
-- database write) is finished without sending the message again. One row per message: the
-- Message-ID is stable per reminder and due time.
CREATE TABLE email_outbox (
    id                  INTEGER PRIMARY KEY,
    message_id          TEXT    NOT NULL,
    reminder_id         BIGINT  REFERENCES reminders (id) ON DELETE CASCADE,
    state               TEXT    NOT NULL CHECK (state IN ('sending', 'sent')),
    created_at          BIGINT  NOT NULL,
    sent_at             BIGINT
);
CREATE UNIQUE INDEX email_outbox_message ON email_outbox (message_id);
CREATE INDEX email_outbox_reminder ON email_outbox (reminder_id);
