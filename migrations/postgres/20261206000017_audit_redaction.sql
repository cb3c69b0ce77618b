-- (PostgreSQL) An erasure removes a person's values from the audit log too: an entry may lose the
-- values of its changes (`changes` keeps the field names) once, when `redacted_at` is set, and
-- nothing else of it may change. The erasure's own entry seals what the redacted entries still
-- hold, so the chain still verifies them (`domain::audit::redact`).
ALTER TABLE audit_log ADD COLUMN redacted_at BIGINT;

CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
        AND (NEW.id, NEW.seq, NEW.at, NEW.user_id, NEW.token_id, NEW.ip, NEW.module, NEW.entity,
             NEW.entity_id, NEW.action, NEW.prev_hash, NEW.hash)
            IS NOT DISTINCT FROM
            (OLD.id, OLD.seq, OLD.at, OLD.user_id, OLD.token_id, OLD.ip, OLD.module, OLD.entity,
             OLD.entity_id, OLD.action, OLD.prev_hash, OLD.hash)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
