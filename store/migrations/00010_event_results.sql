-- +goose Up
-- Results computed from a whole event (its aligned sentences, each
-- article's distinctive words), kept so that they are computed once per
-- version of what they are drawn from. kind names the result
-- ("alignments", "distinctive:42"); version is the event's revision and
-- the lexicons' key it was computed from: a result of another version is
-- computed again and replaced. data is the result's compact encoding.
CREATE TABLE event_results (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    version  TEXT NOT NULL,
    data     BLOB NOT NULL,
    PRIMARY KEY (event_id, kind)
);

-- +goose Down
DROP TABLE event_results;
