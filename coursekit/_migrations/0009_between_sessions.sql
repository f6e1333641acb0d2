-- Version 7: the small assignments between sessions (coursekit.assignments).
-- Dates are ISO text 'YYYY-MM-DD'. What the learner learned from each conversation and
-- experiment is a private reflection, saved as an entry under 'between-sessions'
-- ('learned:conversation-<id>', 'learned:experiment-<id>'), so it is private unless ticked.

-- Prototype conversations (Burnett and Evans 2016): a short talk with someone who lives a
-- path the learner is curious about. person is a name (a third party's personal data: it
-- never leaves this file, like a contact's) or a description; contact links the person to
-- the network map when the learner added them there.
CREATE TABLE between_conversations (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    person     TEXT NOT NULL CHECK (length(trim(person)) > 0),
    path       TEXT NOT NULL DEFAULT '',
    planned_on TEXT CHECK (planned_on IS NULL OR planned_on GLOB
                           '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    held_on    TEXT CHECK (held_on IS NULL OR held_on GLOB
                           '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    contact    TEXT REFERENCES network_contacts (id) ON DELETE SET NULL ON UPDATE CASCADE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Small experiments (Ibarra 2003): a new activity or role tried on a small scale. verdict
-- is the learner's own after trying it: 'more' (do more of it), 'change' (try it another
-- way), 'stop' (it is not for me), '' (not yet).
CREATE TABLE between_experiments (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    what       TEXT NOT NULL CHECK (length(trim(what)) > 0),
    planned_on TEXT CHECK (planned_on IS NULL OR planned_on GLOB
                           '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    tried_on   TEXT CHECK (tried_on IS NULL OR tried_on GLOB
                           '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    verdict    TEXT NOT NULL DEFAULT '' CHECK (verdict IN ('', 'more', 'change', 'stop')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The energy log (after Burnett and Evans's Good Time Journal): one row per activity of a
-- day, how engaged the learner was (1 bored to 5 absorbed) and what it did to their energy
-- (-2 drained a lot to +2 gave a lot).
CREATE TABLE between_energy (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    day        TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    activity   TEXT NOT NULL CHECK (length(trim(activity)) > 0),
    engagement INTEGER NOT NULL CHECK (engagement BETWEEN 1 AND 5),
    energy     INTEGER NOT NULL CHECK (energy BETWEEN -2 AND 2),
    created_at TEXT NOT NULL
);
CREATE INDEX between_energy_by_day ON between_energy (day, id);
