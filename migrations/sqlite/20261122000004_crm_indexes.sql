-- (SQLite) Indexes for the client hub on large data sets: newest first within a status, the
-- figures, and substring search.
CREATE INDEX organizations_status_created ON organizations (status, created_at, id);
CREATE INDEX organizations_sector ON organizations (sector);
CREATE INDEX organizations_last_interaction ON organizations (last_interaction_at);

-- Substring search without scanning the table: FTS5 trigram indexes over the folded search text,
-- kept in step with the tables by triggers. Terms of three characters or more use them.
CREATE VIRTUAL TABLE organizations_search USING fts5 (search_text, content = 'organizations', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO organizations_search (organizations_search) VALUES ('rebuild');
CREATE TRIGGER organizations_search_insert AFTER INSERT ON organizations BEGIN
    INSERT INTO organizations_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER organizations_search_delete AFTER DELETE ON organizations BEGIN
    INSERT INTO organizations_search (organizations_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER organizations_search_update AFTER UPDATE OF search_text ON organizations BEGIN
    INSERT INTO organizations_search (organizations_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO organizations_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE VIRTUAL TABLE people_search USING fts5 (search_text, content = 'people', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO people_search (people_search) VALUES ('rebuild');
CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
    INSERT INTO people_search (people_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER people_search_update AFTER UPDATE OF search_text ON people BEGIN
    INSERT INTO people_search (people_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO people_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
