-- (SQLite) The right to erasure: when a person's data were erased, and the little a legal
-- obligation keeps of them (name and tax id, for payments received or training attended),
-- blocked (LOPDGDD art. 32) until the obligation ends; the worker deletes it then.
ALTER TABLE people ADD COLUMN erased_at BIGINT;

CREATE TABLE personal_data_holds (
    id                  INTEGER PRIMARY KEY,
    person_id           BIGINT  NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    first_name          TEXT    NOT NULL,
    last_name           TEXT    NOT NULL DEFAULT '',
    tax_id              TEXT,
    reasons             TEXT    NOT NULL,
    held_until          BIGINT  NOT NULL,
    created_at          BIGINT  NOT NULL
);
CREATE UNIQUE INDEX personal_data_holds_person ON personal_data_holds (person_id);
CREATE INDEX personal_data_holds_until ON personal_data_holds (held_until);
