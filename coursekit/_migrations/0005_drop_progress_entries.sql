-- Version 5: drop bookkeeping entries that nothing reads any more.
-- Progress is computed by each exercise from its own tables (coursekit.exercises), so the
-- plan's 'progress' entries (a count per part, 'plan:<part>') and the network's 'size'
-- entry (counts of contacts, ties and circles) are no longer written or read.
DELETE FROM entries WHERE exercise LIKE 'plan:%' AND key = 'progress';
DELETE FROM entries WHERE exercise = 'network' AND key = 'size';
