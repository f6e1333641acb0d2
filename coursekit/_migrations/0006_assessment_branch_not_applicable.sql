-- Version 6: questionnaires with a branch question, and answers that do not apply.
-- The situation an attempt answers for (an instrument's branch option, e.g. 'abroad');
-- NULL when the instrument has no branch or the learner has not chosen yet.
ALTER TABLE assessment_attempts ADD COLUMN branch TEXT;
-- An answer's value may now be NULL: the learner marked the statement "does not apply to
-- me" (allowed only for items with may_not_apply). SQLite cannot drop a NOT NULL
-- constraint in place, so the table is copied.
CREATE TABLE assessment_responses_v6 (
    attempt_id INTEGER NOT NULL REFERENCES assessment_attempts (attempt_id) ON DELETE CASCADE,
    item       TEXT NOT NULL,
    value      INTEGER,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (attempt_id, item)
);
INSERT INTO assessment_responses_v6 (attempt_id, item, value, updated_at)
    SELECT attempt_id, item, value, updated_at FROM assessment_responses;
DROP TABLE assessment_responses;
ALTER TABLE assessment_responses_v6 RENAME TO assessment_responses;
