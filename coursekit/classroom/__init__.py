"""The classroom: hand-ins, their collection into a class store, and the class picture.

Pure core: nothing here imports ipywidgets (the widgets are in
:mod:`coursekit.views.classroom`). Import from the modules: :mod:`.handin`,
:mod:`.collect`, :mod:`.class_store`, :mod:`.dashboard`, :mod:`.figures`.
"""
