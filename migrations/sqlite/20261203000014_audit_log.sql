-- The audit log: one entry per write, append-only and chained by SHA-256 (`hash` covers the
-- entry and `prev_hash`, the previous entry's hash; `seq` runs 1, 2, 3…). No foreign keys: an
-- entry outlives what it names. Updating or deleting an entry is refused by the database.
CREATE TABLE audit_log (
    id                  INTEGER PRIMARY KEY,
    seq                 BIGINT  NOT NULL,
    at                  BIGINT  NOT NULL,
    user_id             BIGINT,
    token_id            BIGINT,
    ip                  TEXT    NOT NULL DEFAULT '',
    module              TEXT    NOT NULL,
    entity              TEXT    NOT NULL,
    entity_id           BIGINT  NOT NULL,
    action              TEXT    NOT NULL,
    changes             TEXT    NOT NULL,
    prev_hash           TEXT    NOT NULL,
    hash                TEXT    NOT NULL
);
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, seq);
CREATE INDEX audit_log_user ON audit_log (user_id, seq);
CREATE INDEX audit_log_module ON audit_log (module, seq);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
