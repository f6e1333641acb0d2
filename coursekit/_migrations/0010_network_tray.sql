-- Version 10: the sociogram's tray (coursekit.network.tray): names recalled or imported that
-- the learner has not yet placed on their map. They are not contacts yet, so no measure
-- counts them; a name placed on the map becomes a contact and leaves the tray in one
-- transaction. What a recall question or an import suggests about the person is kept with
-- the name. Names are third parties' personal data: they stay in this file.
CREATE TABLE network_tray (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL CHECK (name <> ''),
    inside       INTEGER CHECK (inside IN (0, 1)),
    organisation TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL DEFAULT '',
    seniority    INTEGER CHECK (seniority BETWEEN -5 AND 5),
    types        TEXT NOT NULL DEFAULT '',
    last_contact TEXT,
    source       TEXT NOT NULL DEFAULT '',
    added_at     TEXT NOT NULL
);
