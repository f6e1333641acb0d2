-- Version 6: what the check-in (notebook 07) compares with.

-- The network as it was at a moment, as JSON (ego, contacts with their circles, ties,
-- circles): coursekit.network.history reads it back. 'first-map' is recorded the first time
-- the map is complete (you at the centre, five people, half of them described, who knows
-- whom), by the write that completes it. A store whose map is complete already gets its
-- first map here, as the map stands at this update. Contact names are in it: like the
-- network tables, it never leaves the learner's machine.
CREATE TABLE network_snapshots (
    label    TEXT PRIMARY KEY CHECK (label <> ''),
    taken_at TEXT NOT NULL,
    data     TEXT NOT NULL
);
INSERT INTO network_snapshots (label, taken_at, data)
SELECT 'first-map', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), json_object(
    'ego', json((SELECT json_object('organisation', organisation, 'sector', sector,
                                    'function', function, 'label', label)
                 FROM network_ego)),
    'contacts', json((SELECT json_group_array(json_object(
        'id', c.id, 'name', c.name, 'inside', c.inside, 'organisation', c.organisation,
        'sector', c.sector, 'function', c.function, 'role', c.role,
        'seniority', c.seniority, 'types', c.types, 'strength', c.strength,
        'last_contact', c.last_contact, 'notes', c.notes,
        'circles', json((SELECT json_group_array(m.circle) FROM (
            SELECT circle FROM network_circle_members WHERE contact = c.id
            ORDER BY position, circle) AS m))))
        FROM (SELECT * FROM network_contacts ORDER BY position, id) AS c)),
    'ties', json((SELECT json_group_array(json_object('a', t.a, 'b', t.b,
                                                      'strength', t.strength))
                  FROM (SELECT * FROM network_ties ORDER BY a, b) AS t)),
    'circles', json((SELECT json_group_array(json_object('name', k.name,
                                                         'strength', k.strength,
                                                         'notes', k.notes))
                     FROM (SELECT * FROM network_circles ORDER BY name) AS k)))
WHERE NOT EXISTS (SELECT 1 FROM network_snapshots WHERE label = 'first-map')
  AND EXISTS (SELECT 1 FROM network_ego WHERE organisation <> '')
  AND (SELECT COUNT(*) FROM network_contacts) >= 5
  AND 2 * (SELECT COUNT(*) FROM network_contacts WHERE inside IS NOT NULL AND types <> '')
      >= (SELECT COUNT(*) FROM network_contacts)
  AND (EXISTS (SELECT 1 FROM network_ties) OR EXISTS (SELECT 1 FROM network_circle_members));

-- Every change of a plan item's date or of its done mark, kept when it changes again, so
-- the check-in can show a step planned for one day, moved twice and done on a third.
-- The triggers record the change whatever code makes it. changed_at is the update's own
-- time (its updated_at), or now when an update leaves updated_at as it was.
CREATE TABLE plan_step_history (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    step_id    INTEGER NOT NULL REFERENCES plan_steps (id) ON DELETE CASCADE,
    change     TEXT NOT NULL CHECK (change IN ('redated', 'done', 'reopened')),
    old_value  TEXT,
    new_value  TEXT,
    changed_at TEXT NOT NULL
);
CREATE INDEX plan_step_history_by_step ON plan_step_history (step_id, id);
CREATE TRIGGER plan_steps_redated AFTER UPDATE OF due ON plan_steps
WHEN OLD.due IS NOT NEW.due
BEGIN
    INSERT INTO plan_step_history (step_id, change, old_value, new_value, changed_at)
    VALUES (NEW.id, 'redated', OLD.due, NEW.due,
            CASE WHEN NEW.updated_at IS NOT OLD.updated_at THEN NEW.updated_at
                 ELSE strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now') END);
END;
CREATE TRIGGER plan_steps_done AFTER UPDATE OF done ON plan_steps
WHEN OLD.done IS NOT NEW.done
BEGIN
    INSERT INTO plan_step_history (step_id, change, old_value, new_value, changed_at)
    VALUES (NEW.id, CASE WHEN NEW.done THEN 'done' ELSE 'reopened' END, OLD.done_on,
            NEW.done_on,
            CASE WHEN NEW.updated_at IS NOT OLD.updated_at THEN NEW.updated_at
                 ELSE strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now') END);
END;
