-- Version 1: the learner's answers, choices and reflections.
-- One row per (exercise, key); the value is JSON. kind says what the row is:
--   'answer'     a typed or chosen answer to an exercise
--   'decision'   a choice at a case's pause-and-predict point
--   'reflection' free text; private unless the learner ticks it for a hand-in
CREATE TABLE entries (
    exercise   TEXT NOT NULL,
    key        TEXT NOT NULL,
    kind       TEXT NOT NULL DEFAULT 'answer',
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (exercise, key)
);
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
