"""ipywidgets views: controls that call the pure core and show its results.

Nothing in the pure core imports this package.
"""

from ._figures import set_figure, show_figure

__all__ = ["set_figure", "show_figure"]
