-- (sqlite) The sales pipeline: stages a manager configures, opportunities ordered within their
-- stage by a fractional key, and every stage change.

CREATE TABLE pipeline_stages (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL,
    kind                TEXT    NOT NULL DEFAULT 'open' CHECK (kind IN ('open', 'won', 'lost')),
    position            BIGINT  NOT NULL,
    probability         BIGINT  NOT NULL DEFAULT 10 CHECK (probability BETWEEN 0 AND 100),
    rotting_days        BIGINT  NOT NULL DEFAULT 0 CHECK (rotting_days >= 0),
    archived_at         BIGINT,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);
-- One live won stage and one live lost stage.
CREATE UNIQUE INDEX pipeline_stages_terminal ON pipeline_stages (kind) WHERE kind <> 'open' AND archived_at IS NULL;
CREATE UNIQUE INDEX pipeline_stages_name ON pipeline_stages (name) WHERE archived_at IS NULL;

INSERT INTO pipeline_stages (name, kind, position, probability, rotting_days, created_at, updated_at) VALUES
    ('Nuevo', 'open', 1, 10, 14, 0, 0),
    ('Cualificado', 'open', 2, 25, 14, 0, 0),
    ('Propuesta enviada', 'open', 3, 50, 21, 0, 0),
    ('Negociación', 'open', 4, 75, 14, 0, 0),
    ('Ganada', 'won', 5, 100, 0, 0, 0),
    ('Perdida', 'lost', 6, 0, 0, 0, 0);

CREATE TABLE opportunities (
    id                  INTEGER PRIMARY KEY,
    organization_id     BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    contact_id          BIGINT  REFERENCES people (id) ON DELETE SET NULL,
    title               TEXT    NOT NULL,
    value_cents         BIGINT  NOT NULL DEFAULT 0 CHECK (value_cents >= 0),
    currency            TEXT    NOT NULL DEFAULT 'EUR',
    expected_close      TEXT,
    stage_id            BIGINT  NOT NULL REFERENCES pipeline_stages (id) ON DELETE RESTRICT,
    probability         BIGINT  CHECK (probability BETWEEN 0 AND 100),
    owner_id            BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    source              TEXT    NOT NULL DEFAULT '',
    lost_reason         TEXT    NOT NULL DEFAULT '',
    rank                TEXT    COLLATE BINARY NOT NULL,
    stage_entered_at    BIGINT  NOT NULL,
    created_by          BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);
CREATE INDEX opportunities_board ON opportunities (stage_id, rank, id);
CREATE INDEX opportunities_organization ON opportunities (organization_id);
CREATE INDEX opportunities_owner ON opportunities (owner_id, stage_id);

CREATE TABLE opportunity_courses (
    opportunity_id      BIGINT  NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    course_id           BIGINT  NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    PRIMARY KEY (opportunity_id, course_id)
);

CREATE TABLE opportunity_stage_changes (
    id                  INTEGER PRIMARY KEY,
    opportunity_id      BIGINT  NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    from_stage_id       BIGINT  REFERENCES pipeline_stages (id) ON DELETE SET NULL,
    to_stage_id         BIGINT  NOT NULL REFERENCES pipeline_stages (id) ON DELETE RESTRICT,
    actor_id            BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    at                  BIGINT  NOT NULL
);
CREATE INDEX opportunity_stage_changes_opportunity ON opportunity_stage_changes (opportunity_id, at);
CREATE INDEX opportunity_stage_changes_at ON opportunity_stage_changes (at);
