-- Version 2: self-assessment attempts and the answers given in each.
-- An attempt is one sitting of one instrument; retaking it starts a new attempt, so the
-- first and the latest can be compared (before/after). finished_at is set when the
-- learner first asks for the results.
CREATE TABLE assessment_attempts (
    attempt_id  INTEGER PRIMARY KEY AUTOINCREMENT,
    instrument  TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT
);
CREATE INDEX assessment_attempts_by_instrument ON assessment_attempts (instrument, attempt_id);
-- One row per answered item of an attempt; clearing an answer deletes its row.
CREATE TABLE assessment_responses (
    attempt_id INTEGER NOT NULL REFERENCES assessment_attempts (attempt_id) ON DELETE CASCADE,
    item       TEXT NOT NULL,
    value      INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (attempt_id, item)
);
