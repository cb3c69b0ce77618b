-- CSV imports kept in the database, so that they survive a restart and any instance can carry
-- one on: the run (its mapping, where it stands, what it did) and its file's rows. A run imports
-- in batches, one short transaction each, so other writes interleave; the records it creates
-- carry its id, so a cancelled or failed run can be undone (or resumed from `next_row`).
CREATE TABLE import_runs (
    id                  TEXT    PRIMARY KEY,
    owner_id            BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    target              TEXT    NOT NULL CHECK (target IN ('organizations', 'people')),
    file_name           TEXT    NOT NULL,
    encoding            TEXT    NOT NULL,
    delimiter           TEXT    NOT NULL,
    headers             TEXT    NOT NULL,
    row_count           BIGINT  NOT NULL,
    state               TEXT    NOT NULL CHECK (state IN ('ready', 'running', 'finished', 'failed', 'cancelled', 'undone')),
    mapping             TEXT    NOT NULL DEFAULT '[]',
    update_existing     BIGINT  NOT NULL DEFAULT 0 CHECK (update_existing IN (0, 1)),
    next_row            BIGINT  NOT NULL DEFAULT 0,
    created             BIGINT  NOT NULL DEFAULT 0,
    updated             BIGINT  NOT NULL DEFAULT 0,
    skipped             TEXT    NOT NULL DEFAULT '[]',
    skipped_count       BIGINT  NOT NULL DEFAULT 0,
    error               TEXT    NOT NULL DEFAULT '',
    claimed_by          TEXT,
    heartbeat_at        BIGINT,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);
CREATE INDEX import_runs_owner ON import_runs (owner_id, created_at);
CREATE INDEX import_runs_state ON import_runs (state, heartbeat_at);

CREATE TABLE import_files (
    run_id              TEXT    PRIMARY KEY REFERENCES import_runs (id) ON DELETE CASCADE,
    rows                TEXT    NOT NULL
);

ALTER TABLE organizations ADD COLUMN import_run_id TEXT REFERENCES import_runs (id) ON DELETE SET NULL;
ALTER TABLE people ADD COLUMN import_run_id TEXT REFERENCES import_runs (id) ON DELETE SET NULL;
CREATE INDEX organizations_import_run ON organizations (import_run_id);
CREATE INDEX people_import_run ON people (import_run_id);
