-- What several instances on one database must share besides the data:
-- the throttles' counts and the background jobs. Numbered from 00100 so
-- that the store's own migrations keep the numbers below.

-- +goose Up
-- One token bucket per limiter and key (see pgstore.Throttle); taken says
-- whether the last Take found an attempt left.
CREATE TABLE throttles (
    name   text NOT NULL,
    key    text NOT NULL,
    tokens double precision NOT NULL,
    at     timestamptz NOT NULL,
    taken  boolean NOT NULL DEFAULT true,
    PRIMARY KEY (name, key)
);

-- Background work, once per (kind, key) (see pgstore.Jobs). A running
-- job belongs to its worker until lease_until; attempt fences a worker
-- whose lease ran out from completing a job another worker now runs.
CREATE TABLE jobs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text NOT NULL,
    key         text NOT NULL,
    payload     bytea NOT NULL DEFAULT '',
    state       text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
    attempt     integer NOT NULL DEFAULT 0,
    run_after   timestamptz NOT NULL DEFAULT now(),
    lease_until timestamptz,
    worker      text NOT NULL DEFAULT '',
    error       text NOT NULL DEFAULT '',
    created     timestamptz NOT NULL DEFAULT now(),
    updated     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, key)
);
CREATE INDEX jobs_ready ON jobs (kind, id) WHERE state IN ('queued', 'running');

-- +goose Down
DROP TABLE jobs;
DROP TABLE throttles;
