-- Version 3: the learner's network (coursekit.network.storage).
-- The learner is ego (one row); contacts are the people they know; circles are groups whose
-- members all know each other; ties are pairwise ties between two contacts that override
-- the circles (strength 0 = "these two do not know each other").
-- Contact names are third parties' personal data: they stay in this file.
CREATE TABLE network_ego (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    organisation TEXT NOT NULL DEFAULT '',
    sector       TEXT NOT NULL DEFAULT '',
    function     TEXT NOT NULL DEFAULT '',
    label        TEXT NOT NULL DEFAULT 'You',
    updated_at   TEXT NOT NULL
);
CREATE TABLE network_contacts (
    id           TEXT PRIMARY KEY,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL CHECK (name <> ''),
    inside       INTEGER CHECK (inside IN (0, 1)),
    organisation TEXT NOT NULL DEFAULT '',
    sector       TEXT NOT NULL DEFAULT '',
    function     TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL DEFAULT '',
    seniority    INTEGER CHECK (seniority BETWEEN -5 AND 5),
    types        TEXT NOT NULL DEFAULT '',
    strength     INTEGER NOT NULL DEFAULT 1 CHECK (strength BETWEEN 1 AND 5),
    last_contact TEXT,
    notes        TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL
);
CREATE TABLE network_circles (
    name       TEXT PRIMARY KEY CHECK (name <> ''),
    strength   INTEGER NOT NULL DEFAULT 2 CHECK (strength BETWEEN 0 AND 5),
    notes      TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE TABLE network_circle_members (
    circle  TEXT NOT NULL REFERENCES network_circles (name) ON DELETE CASCADE ON UPDATE CASCADE,
    contact TEXT NOT NULL REFERENCES network_contacts (id) ON DELETE CASCADE ON UPDATE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (circle, contact)
);
CREATE INDEX network_circle_members_contact ON network_circle_members (contact);
CREATE TABLE network_ties (
    a          TEXT NOT NULL REFERENCES network_contacts (id) ON DELETE CASCADE ON UPDATE CASCADE,
    b          TEXT NOT NULL REFERENCES network_contacts (id) ON DELETE CASCADE ON UPDATE CASCADE,
    strength   INTEGER NOT NULL CHECK (strength BETWEEN 0 AND 5),
    updated_at TEXT NOT NULL,
    CHECK (a < b),
    PRIMARY KEY (a, b)
);
CREATE INDEX network_ties_b ON network_ties (b);
