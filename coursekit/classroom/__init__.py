"""The classroom: hand-ins, their collection into a class store, and the class picture.

Pure core: no ipywidgets here (the widgets are in :mod:`coursekit.views.classroom`).
"""
