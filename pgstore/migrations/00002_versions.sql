-- +goose Up
-- The versions that SQLite's triggers keep (store's migrations 00004 and
-- 00006), kept here by plpgsql triggers, row by row as there, so that
-- whoever writes (the server, an import, psql) keeps them right and the
-- numbers are the ones SQLite gives for the same writes.

-- corpus_version counts changes to the stored texts, so that what is
-- computed from all of them is rebuilt only when a text was added,
-- changed or removed.
CREATE TABLE corpus_version (
    id      integer PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO corpus_version (id, version) VALUES (1, 0);

-- +goose StatementBegin
CREATE FUNCTION bump_corpus_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE corpus_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER articles_added AFTER INSERT ON articles
    FOR EACH ROW EXECUTE FUNCTION bump_corpus_version();
CREATE TRIGGER articles_changed AFTER UPDATE OF body, outlet_id ON articles
    FOR EACH ROW EXECUTE FUNCTION bump_corpus_version();
CREATE TRIGGER articles_removed AFTER DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION bump_corpus_version();

-- An event's revision counts the changes to its articles, and to the
-- outlets they name: an article moved between events changes both.
-- +goose StatementBegin
CREATE FUNCTION bump_event_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE events SET revision = revision + 1 WHERE id = NEW.event_id;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE events SET revision = revision + 1 WHERE id IN (OLD.event_id, NEW.event_id);
    ELSE
        UPDATE events SET revision = revision + 1 WHERE id = OLD.event_id;
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER event_revision_article AFTER INSERT OR UPDATE OR DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION bump_event_revision();

-- +goose StatementBegin
CREATE FUNCTION bump_outlet_events_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE events SET revision = revision + 1
    WHERE id IN (SELECT event_id FROM articles WHERE outlet_id = NEW.id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER event_revision_outlet_changed AFTER UPDATE ON outlets
    FOR EACH ROW EXECUTE FUNCTION bump_outlet_events_revision();

-- +goose Down
DROP TRIGGER event_revision_outlet_changed ON outlets;
DROP FUNCTION bump_outlet_events_revision();
DROP TRIGGER event_revision_article ON articles;
DROP FUNCTION bump_event_revision();
DROP TRIGGER articles_removed ON articles;
DROP TRIGGER articles_changed ON articles;
DROP TRIGGER articles_added ON articles;
DROP FUNCTION bump_corpus_version();
DROP TABLE corpus_version;
