"""ipywidgets views: controls that call the pure core and show its results.

Nothing in the pure core imports this package.
"""
