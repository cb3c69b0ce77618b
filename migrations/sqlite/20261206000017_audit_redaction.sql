-- (SQLite) An erasure removes a person's values from the audit log too: an entry may lose the
-- values of its changes (`changes` keeps the field names) once, when `redacted_at` is set, and
-- nothing else of it may change. The erasure's own entry seals what the redacted entries still
-- hold, so the chain still verifies them (`domain::audit::redact`).
ALTER TABLE audit_log ADD COLUMN redacted_at BIGINT;

DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (
    OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
    AND NEW.id = OLD.id AND NEW.seq = OLD.seq AND NEW.at = OLD.at
    AND NEW.user_id IS OLD.user_id AND NEW.token_id IS OLD.token_id AND NEW.ip = OLD.ip
    AND NEW.module = OLD.module AND NEW.entity = OLD.entity AND NEW.entity_id = OLD.entity_id
    AND NEW.action = OLD.action AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash
)
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
