-- (PostgreSQL) Indexes for the client hub on large data sets: newest first within a status, and
-- trigram indexes so that substring search (`search_text LIKE '%…%'`) does not scan the table.
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: a database owner may create it.
CREATE INDEX organizations_status_created ON organizations (status, created_at, id);
CREATE INDEX organizations_sector ON organizations (sector);
CREATE INDEX organizations_last_interaction ON organizations (last_interaction_at);
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX organizations_search_trgm ON organizations USING gin (search_text gin_trgm_ops);
CREATE INDEX people_search_trgm ON people USING gin (search_text gin_trgm_ops);
