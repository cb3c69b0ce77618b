-- (sqlite) Proposals: templates with {{variables}}, proposals for an opportunity with their
-- lines and totals in cents, and their states.

CREATE TABLE proposal_templates (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL,
    body                TEXT    NOT NULL,
    archived_at         BIGINT,
    created_by          BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);
CREATE UNIQUE INDEX proposal_templates_name ON proposal_templates (name) WHERE archived_at IS NULL;

INSERT INTO proposal_templates (name, body, created_at, updated_at) VALUES (
    'Propuesta de formación',
    'Estimado/a {{contactName}}:

Le presentamos la propuesta de formación para {{companyName}} ({{clientName}}), con fecha {{proposalDate}} y válida hasta el {{validUntil}}.

Descuento aplicado: {{discountPercentage}}. Importe total: {{total}}.

Quedamos a su disposición.',
    0, 0);

CREATE TABLE proposals (
    id                  INTEGER PRIMARY KEY,
    opportunity_id      BIGINT  NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    template_id         BIGINT  REFERENCES proposal_templates (id) ON DELETE SET NULL,
    state               TEXT    NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'sent', 'accepted', 'rejected', 'expired')),
    issue_date          TEXT    NOT NULL,
    valid_until         TEXT    NOT NULL,
    discount_bp         BIGINT  NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
    vat_bp              BIGINT  NOT NULL DEFAULT 2100 CHECK (vat_bp BETWEEN 0 AND 10000),
    vat_exempt          BIGINT  NOT NULL DEFAULT 0 CHECK (vat_exempt IN (0, 1)),
    subtotal_cents      BIGINT  NOT NULL DEFAULT 0,
    discount_cents      BIGINT  NOT NULL DEFAULT 0,
    taxable_cents       BIGINT  NOT NULL DEFAULT 0,
    vat_cents           BIGINT  NOT NULL DEFAULT 0,
    total_cents         BIGINT  NOT NULL DEFAULT 0,
    created_by          BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    sent_at             BIGINT,
    decided_at          BIGINT
);
CREATE INDEX proposals_opportunity ON proposals (opportunity_id);
CREATE INDEX proposals_sent ON proposals (valid_until) WHERE state = 'sent';

CREATE TABLE proposal_lines (
    id                  INTEGER PRIMARY KEY,
    proposal_id         BIGINT  NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    position            BIGINT  NOT NULL,
    course_id           BIGINT  REFERENCES courses (id) ON DELETE SET NULL,
    description         TEXT    NOT NULL,
    minutes             BIGINT  CHECK (minutes > 0),
    quantity            BIGINT  CHECK (quantity > 0),
    unit_cents          BIGINT  NOT NULL CHECK (unit_cents >= 0),
    amount_cents        BIGINT  NOT NULL,
    CHECK ((minutes IS NULL) <> (quantity IS NULL))
);
CREATE INDEX proposal_lines_proposal ON proposal_lines (proposal_id, position);
