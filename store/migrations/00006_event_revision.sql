-- +goose Up
-- revision counts the changes to an event's articles, and to the outlets
-- they name, whoever makes them (the server or the import command), so
-- that a page drawn from an event's articles can be kept until one of
-- them changes, checked by reading one row instead of every text.
ALTER TABLE events ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

-- +goose StatementBegin
CREATE TRIGGER event_revision_article_added AFTER INSERT ON articles
BEGIN
    UPDATE events SET revision = revision + 1 WHERE id = NEW.event_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER event_revision_article_changed AFTER UPDATE ON articles
BEGIN
    UPDATE events SET revision = revision + 1 WHERE id IN (OLD.event_id, NEW.event_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER event_revision_article_removed AFTER DELETE ON articles
BEGIN
    UPDATE events SET revision = revision + 1 WHERE id = OLD.event_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER event_revision_outlet_changed AFTER UPDATE ON outlets
BEGIN
    UPDATE events SET revision = revision + 1
    WHERE id IN (SELECT event_id FROM articles WHERE outlet_id = NEW.id);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER event_revision_outlet_changed;
DROP TRIGGER event_revision_article_removed;
DROP TRIGGER event_revision_article_changed;
DROP TRIGGER event_revision_article_added;
ALTER TABLE events DROP COLUMN revision;
