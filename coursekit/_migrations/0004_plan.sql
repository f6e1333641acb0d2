-- Version 4: the action plan (notebook 04, "Plan your next step").
-- Dates are ISO text 'YYYY-MM-DD'; times are ISO UTC text. Learner text is stored as typed
-- and escaped where it is shown (HTML, calendar), never here.

-- Three alternative five-year paths (Odyssey plans, Burnett and Evans), one row per kind:
--   'current'       the path you are on
--   'disappeared'   what you would do if that path disappeared
--   'unconstrained' what you would do if money and image were no object
-- Ratings are 1-5, or NULL while not yet rated.
CREATE TABLE plan_paths (
    kind        TEXT PRIMARY KEY CHECK (kind IN ('current', 'disappeared', 'unconstrained')),
    title       TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    questions   TEXT NOT NULL DEFAULT '',
    resources   INTEGER CHECK (resources BETWEEN 1 AND 5),
    liking      INTEGER CHECK (liking BETWEEN 1 AND 5),
    confidence  INTEGER CHECK (confidence BETWEEN 1 AND 5),
    coherence   INTEGER CHECK (coherence BETWEEN 1 AND 5),
    updated_at  TEXT NOT NULL
);

-- The goal (WOOP: the wish and its best outcome), a single row.
CREATE TABLE plan_goal (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    goal        TEXT NOT NULL DEFAULT '',
    outcome     TEXT NOT NULL DEFAULT '',
    target_date TEXT CHECK (target_date IS NULL OR target_date GLOB
                            '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    updated_at  TEXT NOT NULL
);

-- The skills-gap matrix: what the goal needs, the learner's evidence, and the assignment
-- or project that would build what is missing.
CREATE TABLE plan_skills (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    position   INTEGER NOT NULL DEFAULT 0,
    skill      TEXT NOT NULL CHECK (length(trim(skill)) > 0),
    evidence   TEXT NOT NULL DEFAULT '',
    builder    TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);

-- Steps, check-ins and networking plans. kind:
--   'step'        an action toward the goal (is_first marks the one first step)
--   'check-in'    a date to look back at progress
--   'networking'  someone to reach (who: a role or description, why: what for)
-- if_obstacle / then_response hold the if-then plan: "If <obstacle>, then I will <response>."
-- uid stays the same across exports, so re-importing the calendar updates events.
CREATE TABLE plan_steps (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    uid           TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL DEFAULT 'step' CHECK (kind IN ('step', 'check-in', 'networking')),
    title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
    due           TEXT CHECK (due IS NULL OR due GLOB
                              '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    done          INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    done_on       TEXT,
    if_obstacle   TEXT NOT NULL DEFAULT '',
    then_response TEXT NOT NULL DEFAULT '',
    who           TEXT NOT NULL DEFAULT '',
    why           TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    is_first      INTEGER NOT NULL DEFAULT 0 CHECK (is_first IN (0, 1)),
    position      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX plan_steps_by_kind ON plan_steps (kind, due);
