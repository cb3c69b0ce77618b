-- (SQLite) Billing: the companies a centre invoices as (issuers), their numbering series,
-- invoices with their lines, and the Veri*Factu fiscal records chained per issuer.
-- An issued invoice never changes (only its cancellation is recorded), its lines never change,
-- and a fiscal record never changes except for its submission status: the database refuses it.
CREATE TABLE billing_issuers (
    id                  INTEGER PRIMARY KEY,
    legal_name          TEXT    NOT NULL,
    nif                 TEXT    NOT NULL,
    address             TEXT    NOT NULL DEFAULT '',
    postal_code         TEXT    NOT NULL DEFAULT '',
    city                TEXT    NOT NULL DEFAULT '',
    province            TEXT    NOT NULL DEFAULT '',
    iban                TEXT    NOT NULL DEFAULT '',
    email               TEXT    NOT NULL DEFAULT '',
    regime              TEXT    NOT NULL CHECK (regime IN ('verifactu', 'ticketbai')),
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);
CREATE UNIQUE INDEX billing_issuers_nif ON billing_issuers (nif);

CREATE TABLE billing_series (
    id                  INTEGER PRIMARY KEY,
    issuer_id           BIGINT  NOT NULL REFERENCES billing_issuers (id),
    code                TEXT    NOT NULL,
    kind                TEXT    NOT NULL CHECK (kind IN ('ordinary', 'simplified', 'rectifying')),
    next_number         BIGINT  NOT NULL DEFAULT 1 CHECK (next_number >= 1),
    created_at          BIGINT  NOT NULL
);
CREATE UNIQUE INDEX billing_series_code ON billing_series (issuer_id, code);

CREATE TABLE invoices (
    id                  INTEGER PRIMARY KEY,
    issuer_id           BIGINT  NOT NULL REFERENCES billing_issuers (id),
    series_id           BIGINT  NOT NULL REFERENCES billing_series (id),
    kind                TEXT    NOT NULL CHECK (kind IN ('F1', 'F2', 'R1', 'R2', 'R3', 'R4', 'R5')),
    state               TEXT    NOT NULL CHECK (state IN ('draft', 'issued', 'cancelled')),
    number              TEXT,
    number_seq          BIGINT,
    issue_date          TEXT,
    operation_date      TEXT,
    due_date            TEXT,
    organization_id     BIGINT  REFERENCES organizations (id),
    person_id           BIGINT  REFERENCES people (id),
    recipient_name      TEXT    NOT NULL DEFAULT '',
    recipient_country   TEXT    NOT NULL DEFAULT 'ES',
    recipient_tax_id    TEXT    NOT NULL DEFAULT '',
    recipient_address   TEXT    NOT NULL DEFAULT '',
    language            TEXT    NOT NULL DEFAULT 'es' CHECK (language IN ('es', 'eu', 'en')),
    description         TEXT    NOT NULL,
    notes               TEXT    NOT NULL DEFAULT '',
    rectifies_id        BIGINT  REFERENCES invoices (id),
    rectification       TEXT    CHECK (rectification IN ('substitution', 'difference')),
    base_cents          BIGINT  NOT NULL,
    vat_cents           BIGINT  NOT NULL,
    total_cents         BIGINT  NOT NULL,
    cancel_reason       TEXT,
    created_by          BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    issued_at           BIGINT,
    cancelled_at        BIGINT,
    CHECK ((state = 'draft') = (number IS NULL)),
    CHECK ((kind IN ('F1', 'F2')) = (rectifies_id IS NULL))
);
CREATE UNIQUE INDEX invoices_number ON invoices (issuer_id, number);
CREATE UNIQUE INDEX invoices_series_seq ON invoices (series_id, number_seq);
CREATE INDEX invoices_state ON invoices (state, issue_date, id);
CREATE INDEX invoices_organization ON invoices (organization_id, id);
CREATE INDEX invoices_person ON invoices (person_id, id);
CREATE INDEX invoices_rectifies ON invoices (rectifies_id);

CREATE TABLE invoice_lines (
    id                  INTEGER PRIMARY KEY,
    invoice_id          BIGINT  NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    position            BIGINT  NOT NULL,
    description         TEXT    NOT NULL,
    minutes             BIGINT,
    quantity            BIGINT,
    unit_cents          BIGINT  NOT NULL,
    discount_bp         BIGINT  NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
    vat_bp              BIGINT  NOT NULL CHECK (vat_bp BETWEEN 0 AND 10000),
    exempt              BIGINT  NOT NULL DEFAULT 0 CHECK (exempt IN (0, 1)),
    base_cents          BIGINT  NOT NULL,
    vat_cents           BIGINT  NOT NULL,
    source_kind         TEXT,
    source_id           BIGINT,
    CHECK ((minutes IS NULL) <> (quantity IS NULL)),
    CHECK (exempt = 0 OR vat_bp = 0)
);
CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id, position);
CREATE INDEX invoice_lines_source ON invoice_lines (source_kind, source_id);

CREATE TABLE fiscal_records (
    id                  INTEGER PRIMARY KEY,
    issuer_id           BIGINT  NOT NULL REFERENCES billing_issuers (id),
    seq                 BIGINT  NOT NULL,
    invoice_id          BIGINT  NOT NULL REFERENCES invoices (id),
    kind                TEXT    NOT NULL CHECK (kind IN ('alta', 'anulacion')),
    issuer_nif          TEXT    NOT NULL,
    invoice_number      TEXT    NOT NULL,
    issue_date          TEXT    NOT NULL,
    fingerprint         TEXT    NOT NULL,
    previous_fingerprint TEXT,
    generated_at        TEXT    NOT NULL,
    xml                 TEXT    NOT NULL,
    created_at          BIGINT  NOT NULL,
    status              TEXT    NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'accepted_with_errors', 'rejected')),
    attempts            BIGINT  NOT NULL DEFAULT 0,
    sent_at             BIGINT,
    answer_code         TEXT,
    answer_text         TEXT,
    aeat_csv            TEXT,
    CHECK ((seq = 1) = (previous_fingerprint IS NULL))
);
CREATE UNIQUE INDEX fiscal_records_chain ON fiscal_records (issuer_id, seq);
CREATE INDEX fiscal_records_invoice ON fiscal_records (invoice_id, seq);
CREATE INDEX fiscal_records_status ON fiscal_records (status, id);

CREATE TRIGGER invoices_issued_fixed BEFORE UPDATE ON invoices
WHEN OLD.state <> 'draft' AND NOT (
    NEW.id = OLD.id AND NEW.issuer_id = OLD.issuer_id AND NEW.series_id = OLD.series_id
    AND NEW.kind = OLD.kind AND NEW.number IS OLD.number AND NEW.number_seq IS OLD.number_seq
    AND NEW.issue_date IS OLD.issue_date AND NEW.operation_date IS OLD.operation_date
    AND NEW.due_date IS OLD.due_date AND NEW.recipient_name = OLD.recipient_name
    AND NEW.recipient_country = OLD.recipient_country AND NEW.recipient_tax_id = OLD.recipient_tax_id
    AND NEW.recipient_address = OLD.recipient_address AND NEW.description = OLD.description
    AND NEW.rectifies_id IS OLD.rectifies_id AND NEW.rectification IS OLD.rectification
    AND NEW.base_cents = OLD.base_cents AND NEW.vat_cents = OLD.vat_cents
    AND NEW.total_cents = OLD.total_cents AND NEW.issued_at IS OLD.issued_at
    AND (NEW.state = OLD.state OR (OLD.state = 'issued' AND NEW.state = 'cancelled'))
    AND (OLD.state <> 'cancelled' OR (NEW.cancelled_at IS OLD.cancelled_at AND NEW.cancel_reason IS OLD.cancel_reason))
)
BEGIN
    SELECT RAISE(ABORT, 'an issued invoice cannot change');
END;
CREATE TRIGGER invoices_issued_kept BEFORE DELETE ON invoices
WHEN OLD.state <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'an issued invoice cannot change');
END;
CREATE TRIGGER invoice_lines_fixed_insert BEFORE INSERT ON invoice_lines
WHEN (SELECT state FROM invoices WHERE id = NEW.invoice_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'an issued invoice cannot change');
END;
CREATE TRIGGER invoice_lines_fixed_update BEFORE UPDATE ON invoice_lines
WHEN (SELECT state FROM invoices WHERE id = OLD.invoice_id) <> 'draft'
    OR (SELECT state FROM invoices WHERE id = NEW.invoice_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'an issued invoice cannot change');
END;
CREATE TRIGGER invoice_lines_fixed_delete BEFORE DELETE ON invoice_lines
WHEN (SELECT state FROM invoices WHERE id = OLD.invoice_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'an issued invoice cannot change');
END;
CREATE TRIGGER fiscal_records_fixed BEFORE UPDATE ON fiscal_records
WHEN NOT (
    NEW.id = OLD.id AND NEW.issuer_id = OLD.issuer_id AND NEW.seq = OLD.seq
    AND NEW.invoice_id = OLD.invoice_id AND NEW.kind = OLD.kind AND NEW.issuer_nif = OLD.issuer_nif
    AND NEW.invoice_number = OLD.invoice_number AND NEW.issue_date = OLD.issue_date
    AND NEW.fingerprint = OLD.fingerprint AND NEW.previous_fingerprint IS OLD.previous_fingerprint
    AND NEW.generated_at = OLD.generated_at AND NEW.xml = OLD.xml AND NEW.created_at = OLD.created_at
)
BEGIN
    SELECT RAISE(ABORT, 'a fiscal record cannot change');
END;
CREATE TRIGGER fiscal_records_kept BEFORE DELETE ON fiscal_records
BEGIN
    SELECT RAISE(ABORT, 'a fiscal record cannot change');
END;
