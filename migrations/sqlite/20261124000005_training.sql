-- (SQLite) Training operations: the course catalogue, rooms, contracts and their sessions, participants
-- and attendance, public workshops and their enrollments. Times are UTC Unix seconds; hours are
-- kept as minutes; money as integer cents; flags are 0/1 integers.
CREATE TABLE rooms (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL,
    name_folded         TEXT    NOT NULL,
    capacity            BIGINT  NOT NULL DEFAULT 0 CHECK (capacity >= 0),
    active              BIGINT  NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at          BIGINT  NOT NULL
);
CREATE UNIQUE INDEX rooms_name_key ON rooms (name_folded);

CREATE TABLE courses (
    id                  INTEGER PRIMARY KEY,
    code                TEXT    NOT NULL,
    code_folded         TEXT    NOT NULL,
    title               TEXT    NOT NULL,
    description         TEXT    NOT NULL DEFAULT '',
    default_minutes     BIGINT  NOT NULL CHECK (default_minutes >= 0),
    default_hourly_price_cents BIGINT NOT NULL CHECK (default_hourly_price_cents >= 0),
    modality            TEXT    NOT NULL CHECK (modality IN ('in_person', 'online', 'mixed')),
    active              BIGINT  NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    sort_title          TEXT    NOT NULL,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);
CREATE UNIQUE INDEX courses_code_key ON courses (code_folded);
CREATE INDEX courses_title ON courses (active, sort_title, id);

CREATE TABLE course_interests (
    course_id           BIGINT  NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    interest_id         BIGINT  NOT NULL REFERENCES interests (id) ON DELETE CASCADE,
    PRIMARY KEY (course_id, interest_id)
);

CREATE TABLE contracts (
    id                  INTEGER PRIMARY KEY,
    file_number         TEXT    NOT NULL,
    file_number_folded  TEXT    NOT NULL,
    organization_id     BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
    end_client_id       BIGINT  REFERENCES organizations (id) ON DELETE RESTRICT,
    course_id           BIGINT  NOT NULL REFERENCES courses (id) ON DELETE RESTRICT,
    hourly_price_cents  BIGINT  NOT NULL CHECK (hourly_price_cents >= 0),
    planned_minutes     BIGINT  NOT NULL CHECK (planned_minutes > 0),
    modality            TEXT    NOT NULL CHECK (modality IN ('in_person', 'online', 'mixed')),
    state               TEXT    NOT NULL CHECK (state IN ('draft', 'confirmed', 'in_progress', 'completed', 'cancelled')),
    notes               TEXT    NOT NULL DEFAULT '',
    created_by          BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);
CREATE UNIQUE INDEX contracts_file_number_key ON contracts (file_number_folded);
CREATE INDEX contracts_organization ON contracts (organization_id, created_at);
CREATE INDEX contracts_end_client ON contracts (end_client_id);
CREATE INDEX contracts_state ON contracts (state, created_at);

-- A proposal may have no times; from scheduled on it must, and the end is after the start.
CREATE TABLE training_sessions (
    id                  INTEGER PRIMARY KEY,
    contract_id         BIGINT  NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    state               TEXT    NOT NULL CHECK (state IN ('proposal', 'scheduled', 'done', 'cancelled')),
    starts_at           BIGINT,
    ends_at             BIGINT,
    address             TEXT    NOT NULL DEFAULT '',
    video_link          TEXT    NOT NULL DEFAULT '',
    trainer_id          BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    room_id             BIGINT  REFERENCES rooms (id) ON DELETE SET NULL,
    notes               TEXT    NOT NULL DEFAULT '',
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    CHECK (state = 'proposal' OR state = 'cancelled' OR (starts_at IS NOT NULL AND ends_at IS NOT NULL)),
    CHECK (starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX training_sessions_contract ON training_sessions (contract_id, starts_at);
CREATE INDEX training_sessions_trainer ON training_sessions (trainer_id, starts_at);
CREATE INDEX training_sessions_room ON training_sessions (room_id, starts_at);
CREATE INDEX training_sessions_starts ON training_sessions (starts_at);

CREATE TABLE contract_participants (
    contract_id         BIGINT  NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    person_id           BIGINT  NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    added_at            BIGINT  NOT NULL,
    PRIMARY KEY (contract_id, person_id)
);
CREATE INDEX contract_participants_person ON contract_participants (person_id);

CREATE TABLE attendance (
    session_id          BIGINT  NOT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
    person_id           BIGINT  NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    status              TEXT    NOT NULL CHECK (status IN ('present', 'late', 'absent')),
    checked_in_at       BIGINT,
    recorded_by         BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    recorded_at         BIGINT  NOT NULL,
    PRIMARY KEY (session_id, person_id)
);
CREATE INDEX attendance_person ON attendance (person_id);

-- `confirmed` counts the confirmed enrollments; it is kept by the enrollment transaction and the
-- CHECK makes an oversold workshop impossible even for a buggy writer.
CREATE TABLE workshops (
    id                  INTEGER PRIMARY KEY,
    title               TEXT    NOT NULL,
    interest_id         BIGINT  REFERENCES interests (id) ON DELETE SET NULL,
    description         TEXT    NOT NULL DEFAULT '',
    starts_at           BIGINT  NOT NULL,
    ends_at             BIGINT  NOT NULL,
    place               TEXT    NOT NULL DEFAULT '',
    capacity            BIGINT  NOT NULL CHECK (capacity > 0),
    price_cents         BIGINT  NOT NULL CHECK (price_cents >= 0),
    state               TEXT    NOT NULL CHECK (state IN ('draft', 'published', 'closed', 'cancelled')),
    min_participants    BIGINT  CHECK (min_participants IS NULL OR min_participants > 0),
    confirmed           BIGINT  NOT NULL DEFAULT 0,
    created_by          BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (confirmed >= 0 AND confirmed <= capacity)
);
CREATE INDEX workshops_starts ON workshops (state, starts_at);

-- One live (not cancelled) enrollment per person and workshop; the waitlist is FIFO by id.
CREATE TABLE enrollments (
    id                  INTEGER PRIMARY KEY,
    workshop_id         BIGINT  NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    person_id           BIGINT  NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    state               TEXT    NOT NULL CHECK (state IN ('confirmed', 'waitlisted', 'cancelled')),
    payment_status      TEXT    NOT NULL DEFAULT 'pending' CHECK (payment_status IN ('pending', 'paid', 'refunded')),
    amount_paid_cents   BIGINT  NOT NULL DEFAULT 0 CHECK (amount_paid_cents >= 0),
    payment_method      TEXT    CHECK (payment_method IN ('card', 'cash', 'transfer', 'bizum')),
    payment_reference   TEXT    NOT NULL DEFAULT '',
    paid_at             BIGINT,
    idempotency_key     TEXT,
    source              TEXT    NOT NULL DEFAULT 'staff' CHECK (source IN ('staff', 'public', 'api')),
    created_by          BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    cancelled_at        BIGINT
);
CREATE UNIQUE INDEX enrollments_live_key ON enrollments (workshop_id, person_id) WHERE state <> 'cancelled';
CREATE UNIQUE INDEX enrollments_idempotency_key ON enrollments (idempotency_key);
CREATE INDEX enrollments_workshop ON enrollments (workshop_id, state, id);
CREATE INDEX enrollments_person ON enrollments (person_id);
