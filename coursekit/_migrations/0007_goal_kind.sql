-- Version 7: the kind of goal the learner chose: a result to reach, or something to learn
-- first (a learning goal suits a path that is new and complex; Seijts and Latham 2001).
-- NULL: not chosen.
ALTER TABLE plan_goal ADD COLUMN kind TEXT CHECK (kind IS NULL OR kind IN ('result', 'learning'));
