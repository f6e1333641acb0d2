"""SQL migrations of the learner store, applied in order by coursekit.store."""
