-- +goose Up
-- The newest article id when a session opened: a blind session hides the
-- names of the outlets that were in its event then, and no later ones, so
-- that nobody can blank out a class's texts by adding an article whose
-- "outlet" is a common word.
ALTER TABLE class_sessions ADD COLUMN last_article_id INTEGER NOT NULL DEFAULT 0;
UPDATE class_sessions SET last_article_id = (SELECT COALESCE(MAX(id), 0) FROM articles);

-- +goose Down
ALTER TABLE class_sessions DROP COLUMN last_article_id;
