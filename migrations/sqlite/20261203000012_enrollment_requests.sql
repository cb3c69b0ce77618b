-- Seats held for the public form. A visitor's request holds a seat (or a place in the queue)
-- until they confirm by the emailed link; only then are they a person on record with an
-- enrollment. An unconfirmed request expires and its seat goes back. `workshops.held` counts
-- the seats pending requests hold, and a seat is free only while `confirmed + held < capacity`.
ALTER TABLE workshops ADD COLUMN held BIGINT NOT NULL DEFAULT 0 CHECK (held >= 0 AND confirmed + held <= capacity);

CREATE TABLE enrollment_requests (
    id                  INTEGER PRIMARY KEY,
    workshop_id         BIGINT  NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    first_name          TEXT    NOT NULL,
    last_name           TEXT    NOT NULL DEFAULT '',
    email               TEXT    NOT NULL,
    phone               TEXT    NOT NULL DEFAULT '',
    locale              TEXT    NOT NULL,
    seat_held           BIGINT  NOT NULL CHECK (seat_held IN (0, 1)),
    state               TEXT    NOT NULL CHECK (state IN ('pending', 'confirmed', 'expired', 'discarded')),
    token_hash          TEXT    NOT NULL,
    idempotency_key     TEXT,
    expires_at          BIGINT  NOT NULL,
    mail_state          TEXT    NOT NULL CHECK (mail_state IN ('queued', 'sending', 'sent', 'failed', 'skipped')),
    mail_attempts       BIGINT  NOT NULL DEFAULT 0,
    mail_claimed_at     BIGINT,
    enrollment_id       BIGINT  REFERENCES enrollments (id) ON DELETE SET NULL,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);
CREATE UNIQUE INDEX enrollment_requests_token ON enrollment_requests (token_hash);
CREATE UNIQUE INDEX enrollment_requests_key ON enrollment_requests (idempotency_key);
CREATE INDEX enrollment_requests_due ON enrollment_requests (state, expires_at);
CREATE INDEX enrollment_requests_workshop ON enrollment_requests (workshop_id, state, id);
CREATE INDEX enrollment_requests_email ON enrollment_requests (email, created_at);
CREATE INDEX enrollment_requests_mail ON enrollment_requests (mail_state, id);
