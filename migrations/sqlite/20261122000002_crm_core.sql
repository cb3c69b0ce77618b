-- (SQLite) The CRM core: organizations, people and their links, interests, interactions, the client
-- timeline and saved views. Times are UTC Unix seconds; flags are 0/1 integers.
-- `search_text` and `sort_name` hold case- and accent-folded text (domain::text::fold), so
-- search and order behave the same on both backends.
CREATE TABLE organizations (
    id                  INTEGER PRIMARY KEY,
    legal_name          TEXT    NOT NULL,
    trade_name          TEXT    NOT NULL DEFAULT '',
    country             TEXT    NOT NULL DEFAULT 'ES',
    tax_id              TEXT,
    sector              TEXT    NOT NULL DEFAULT '',
    address             TEXT    NOT NULL DEFAULT '',
    postal_code         TEXT    NOT NULL DEFAULT '',
    city                TEXT    NOT NULL DEFAULT '',
    province            TEXT    NOT NULL DEFAULT '',
    email               TEXT    NOT NULL DEFAULT '',
    phone               TEXT    NOT NULL DEFAULT '',
    phone_norm          TEXT,
    website             TEXT    NOT NULL DEFAULT '',
    notes               TEXT    NOT NULL DEFAULT '',
    owner_id            BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    status              TEXT    NOT NULL CHECK (status IN ('lead', 'prospect', 'client', 'inactive')),
    status_changed_at   BIGINT  NOT NULL,
    source              TEXT    CHECK (source IN ('web', 'referral', 'fair', 'campaign', 'phone', 'other')),
    is_contracting      BIGINT  NOT NULL DEFAULT 1 CHECK (is_contracting IN (0, 1)),
    is_end_client       BIGINT  NOT NULL DEFAULT 0 CHECK (is_end_client IN (0, 1)),
    sort_name           TEXT    NOT NULL,
    search_text         TEXT    NOT NULL,
    city_folded         TEXT    NOT NULL DEFAULT '',
    last_interaction_at BIGINT,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);
CREATE UNIQUE INDEX organizations_tax_id_key ON organizations (country, tax_id);
CREATE INDEX organizations_sort_name ON organizations (sort_name, id);
CREATE INDEX organizations_created ON organizations (created_at, id);
CREATE INDEX organizations_status ON organizations (status, sort_name, id);
CREATE INDEX organizations_owner ON organizations (owner_id, sort_name, id);
CREATE INDEX organizations_city ON organizations (city_folded, sort_name, id);
CREATE INDEX organizations_email ON organizations (email);
CREATE INDEX organizations_phone ON organizations (phone_norm);

CREATE TABLE people (
    id                  INTEGER PRIMARY KEY,
    first_name          TEXT    NOT NULL,
    last_name           TEXT    NOT NULL DEFAULT '',
    email               TEXT    NOT NULL DEFAULT '',
    phone               TEXT    NOT NULL DEFAULT '',
    phone_norm          TEXT,
    tax_id              TEXT,
    city                TEXT    NOT NULL DEFAULT '',
    notes               TEXT    NOT NULL DEFAULT '',
    owner_id            BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    sort_name           TEXT    NOT NULL,
    search_text         TEXT    NOT NULL,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);
CREATE UNIQUE INDEX people_tax_id_key ON people (tax_id);
CREATE INDEX people_sort_name ON people (sort_name, id);
CREATE INDEX people_email ON people (email);
CREATE INDEX people_phone ON people (phone_norm);

-- A person's role at an organization; one person can hold several roles at several organizations.
CREATE TABLE organization_people (
    organization_id     BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    person_id           BIGINT  NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role                TEXT    NOT NULL CHECK (role IN ('manager', 'coordinator', 'participant', 'billing', 'other')),
    job_title           TEXT    NOT NULL DEFAULT '',
    created_at          BIGINT  NOT NULL,
    PRIMARY KEY (organization_id, person_id, role)
);
CREATE INDEX organization_people_person ON organization_people (person_id);

CREATE TABLE interests (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL,
    name_folded         TEXT    NOT NULL,
    created_at          BIGINT  NOT NULL
);
CREATE UNIQUE INDEX interests_name_key ON interests (name_folded);

CREATE TABLE organization_interests (
    organization_id     BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    interest_id         BIGINT  NOT NULL REFERENCES interests (id) ON DELETE CASCADE,
    PRIMARY KEY (organization_id, interest_id)
);
CREATE INDEX organization_interests_interest ON organization_interests (interest_id, organization_id);

CREATE TABLE person_interests (
    person_id           BIGINT  NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    interest_id         BIGINT  NOT NULL REFERENCES interests (id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, interest_id)
);

CREATE TABLE interactions (
    id                  INTEGER PRIMARY KEY,
    organization_id     BIGINT  REFERENCES organizations (id) ON DELETE CASCADE,
    person_id           BIGINT  REFERENCES people (id) ON DELETE CASCADE,
    occurred_at         BIGINT  NOT NULL,
    kind                TEXT    NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'whatsapp', 'visit', 'note')),
    description         TEXT    NOT NULL DEFAULT '',
    result              TEXT    NOT NULL CHECK (result IN ('pending', 'proposal', 'won', 'lost', 'no_answer', 'follow_up')),
    next_action         TEXT    NOT NULL DEFAULT '',
    next_action_at      BIGINT,
    next_action_done_at BIGINT,
    create_reminder     BIGINT  NOT NULL DEFAULT 0 CHECK (create_reminder IN (0, 1)),
    author_id           BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    CHECK (organization_id IS NOT NULL OR person_id IS NOT NULL)
);
CREATE INDEX interactions_organization ON interactions (organization_id, occurred_at);
CREATE INDEX interactions_person ON interactions (person_id, occurred_at);
CREATE INDEX interactions_next_action ON interactions (next_action_at) WHERE next_action_done_at IS NULL AND next_action_at IS NOT NULL;
CREATE INDEX interactions_occurred ON interactions (occurred_at, organization_id);

-- One feed per organization and per person. Each module writes its own `kind` with its fields in
-- `data` (JSON text); the feed reads this table only, so new kinds need no change to it.
CREATE TABLE timeline_events (
    id                  INTEGER PRIMARY KEY,
    organization_id     BIGINT  REFERENCES organizations (id) ON DELETE CASCADE,
    person_id           BIGINT  REFERENCES people (id) ON DELETE CASCADE,
    kind                TEXT    NOT NULL,
    at                  BIGINT  NOT NULL,
    actor_id            BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    ref_id              BIGINT,
    data                TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX timeline_events_organization ON timeline_events (organization_id, at, id);
CREATE INDEX timeline_events_person ON timeline_events (person_id, at, id);
CREATE INDEX timeline_events_ref ON timeline_events (kind, ref_id);

CREATE TABLE saved_views (
    id                  INTEGER PRIMARY KEY,
    user_id             BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name                TEXT    NOT NULL,
    query               TEXT    NOT NULL,
    created_at          BIGINT  NOT NULL
);
CREATE UNIQUE INDEX saved_views_user_name ON saved_views (user_id, name);
