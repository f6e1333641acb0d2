"""The classroom: hand-ins, a class store and the class picture (its widgets: in views)."""
