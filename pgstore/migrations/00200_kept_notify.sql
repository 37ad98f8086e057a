-- Every instance keeps in memory the rows that each kept page reads again
-- (see pgstore's kept.go): an event's row and the lexicons' versions.
-- These triggers tell every instance when such a row changes, whoever
-- writes it (an instance, an import, psql). A notification is sent when
-- the transaction commits, and PostgreSQL folds identical ones into one.
-- Numbered from 00200: after the cross-instance tables, which their tests
-- migrate without the store's own tables.

-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION notify_kept_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('framelens_kept', 'e' || OLD.id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION notify_kept_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('framelens_kept', TG_ARGV[0]);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- An event's row (its revision included) changed or went.
CREATE TRIGGER kept_event AFTER UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION notify_kept_event();
CREATE TRIGGER kept_events_truncated AFTER TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION notify_kept_statement('*');
-- A lexicon was added, edited (which raises its version) or removed.
CREATE TRIGGER kept_lexicons AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lexicons
    FOR EACH STATEMENT EXECUTE FUNCTION notify_kept_statement('l');

-- +goose Down
DROP TRIGGER kept_lexicons ON lexicons;
DROP TRIGGER kept_events_truncated ON events;
DROP TRIGGER kept_event ON events;
DROP FUNCTION notify_kept_statement();
DROP FUNCTION notify_kept_event();
