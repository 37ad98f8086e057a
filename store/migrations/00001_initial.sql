-- +goose Up
-- Timestamps are declared TIMESTAMP so that the driver returns time.Time.

CREATE TABLE outlets (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    -- name_key folds case and spacing so "Anadolu  agency" is the same outlet.
    name_key   TEXT NOT NULL UNIQUE,
    country    TEXT NOT NULL DEFAULT '',
    language   TEXT NOT NULL DEFAULT '',
    url        TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (title <> ''),
    description TEXT NOT NULL DEFAULT '',
    date        TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    outlet_id    INTEGER NOT NULL REFERENCES outlets(id),
    headline     TEXT NOT NULL CHECK (headline <> ''),
    byline       TEXT NOT NULL DEFAULT '',
    url          TEXT NOT NULL DEFAULT '',
    published    TEXT NOT NULL DEFAULT '',
    language     TEXT NOT NULL,
    body         TEXT NOT NULL CHECK (body <> ''),
    -- fingerprint is framing.Fingerprint(body): one text once per event.
    fingerprint  TEXT NOT NULL,
    illustrative INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1)),
    created_at   TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (event_id, fingerprint)
);
CREATE INDEX articles_by_outlet ON articles(outlet_id);

-- The lexicon model, filled by the analysis and lexicon work.
CREATE TABLE lexicons (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    language    TEXT NOT NULL DEFAULT 'en',
    -- version grows with every edit so compiled matchers and stored
    -- analyses know when they are stale.
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE perspectives (
    id          INTEGER PRIMARY KEY,
    lexicon_id  INTEGER NOT NULL REFERENCES lexicons(id) ON DELETE CASCADE,
    slug        TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- color names one of the Okabe–Ito palette's colours (framing.Palette).
    color       TEXT NOT NULL DEFAULT '',
    UNIQUE (lexicon_id, slug)
);

CREATE TABLE concepts (
    id          INTEGER PRIMARY KEY,
    lexicon_id  INTEGER NOT NULL REFERENCES lexicons(id) ON DELETE CASCADE,
    slug        TEXT NOT NULL,
    name        TEXT NOT NULL,
    category    TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (lexicon_id, slug)
);

CREATE TABLE terms (
    id             INTEGER PRIMARY KEY,
    concept_id     INTEGER NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
    perspective_id INTEGER REFERENCES perspectives(id) ON DELETE SET NULL,
    phrase         TEXT NOT NULL CHECK (phrase <> ''),
    language       TEXT NOT NULL,
    match_mode     TEXT NOT NULL DEFAULT 'stem' CHECK (match_mode IN ('stem', 'word', 'exact')),
    -- variants is a JSON array of other spellings and word-family forms.
    variants       TEXT NOT NULL DEFAULT '[]',
    note           TEXT NOT NULL DEFAULT '',
    neutral        TEXT NOT NULL DEFAULT '',
    source_title   TEXT NOT NULL DEFAULT '',
    source_url     TEXT NOT NULL DEFAULT '',
    position       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (concept_id, language, phrase)
);
CREATE INDEX terms_by_perspective ON terms(perspective_id);

-- Analyses of stored articles, kept per lexicon set version (lexicon_key,
-- e.g. "1:3,2:1") so a page never analyses unchanged text twice. matches
-- is JSON; a new key makes old rows stale, and they are pruned.
CREATE TABLE article_analyses (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    lexicon_key TEXT NOT NULL,
    matches     TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (article_id, lexicon_key)
);

-- seeds records which shipped data sets were loaded, so a restart (or a
-- person deleting the demo event) never brings them back twice.
CREATE TABLE seeds (
    name       TEXT PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- +goose Down
DROP TABLE seeds;
DROP TABLE article_analyses;
DROP TABLE terms;
DROP TABLE concepts;
DROP TABLE perspectives;
DROP TABLE lexicons;
DROP TABLE articles;
DROP TABLE events;
DROP TABLE outlets;
