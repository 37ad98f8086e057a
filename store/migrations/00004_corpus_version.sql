-- +goose Up
-- corpus_version counts changes to the stored texts, so that what is
-- computed from all of them (the background word counts of distinctive
-- wording) is rebuilt only when a text was added, changed or removed.
CREATE TABLE corpus_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO corpus_version (id, version) VALUES (1, 0);

-- +goose StatementBegin
CREATE TRIGGER articles_added AFTER INSERT ON articles
BEGIN
    UPDATE corpus_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER articles_changed AFTER UPDATE OF body, outlet_id ON articles
BEGIN
    UPDATE corpus_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER articles_removed AFTER DELETE ON articles
BEGIN
    UPDATE corpus_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER articles_removed;
DROP TRIGGER articles_changed;
DROP TRIGGER articles_added;
DROP TABLE corpus_version;
