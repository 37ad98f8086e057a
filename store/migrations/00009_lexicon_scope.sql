-- +goose Up
-- A lexicon is general (applies to any text) or about one topic; a topic
-- lexicon's anchors (a JSON array of names) tell which texts are about it.
ALTER TABLE lexicons ADD COLUMN scope TEXT NOT NULL DEFAULT 'general' CHECK (scope IN ('general', 'topic'));
ALTER TABLE lexicons ADD COLUMN anchors TEXT NOT NULL DEFAULT '[]';

-- The topic lexicons that apply to an event. topics_chosen is 1 once a
-- person chose them; until then they are detected from the anchors in the
-- event's texts, and topics_key says for which lexicon versions and event
-- revision that detection was made, so it is redone when either changes.
CREATE TABLE event_lexicons (
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    lexicon_id INTEGER NOT NULL REFERENCES lexicons(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, lexicon_id)
);
ALTER TABLE events ADD COLUMN topics_chosen INTEGER NOT NULL DEFAULT 0 CHECK (topics_chosen IN (0, 1));
ALTER TABLE events ADD COLUMN topics_key TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE events DROP COLUMN topics_key;
ALTER TABLE events DROP COLUMN topics_chosen;
DROP TABLE event_lexicons;
ALTER TABLE lexicons DROP COLUMN anchors;
ALTER TABLE lexicons DROP COLUMN scope;
