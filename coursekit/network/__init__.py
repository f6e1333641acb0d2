"""The learner's network: model, storage, measures, out-sight audit, import/export, the map.

A pure core (no ipywidgets) that :mod:`coursekit.views.network` builds on: ``values``,
``records`` and ``model`` (the data), ``duplicates``, ``storage`` (the learner store),
``measures`` (one module per family of measures), ``outsight`` (the audit and its advice),
``importing`` and ``exporting`` (CSV, LinkedIn, GraphML), ``egogram`` (the map),
``samples`` and ``demo`` (Harris before and after, sample people's networks).

Examples
--------
>>> import coursekit.network as cn
>>> before = cn.load_sample_network("harris-before")
>>> m = cn.network_measures(before)
>>> m.size, round(m.ei_index, 2)
(30, -0.73)
"""

# ruff: noqa: F401  -- the names the package offers, imported from their modules
from .duplicates import find_duplicates, normalise_name
from .egogram import egogram
from .exporting import write_csv, write_graphml
from .importing import import_file, read_linkedin_connections
from .measures import measures_table, network_measures
from .model import Network
from .outsight import outsight
from .records import NETWORK_TYPES, NEW_ID, STRENGTH_SCALE, Circle, Contact, Ego, Tie
from .samples import load_sample_network
from .storage import (
    add_contact,
    add_network,
    clear_network,
    delete_circle,
    delete_contact,
    delete_tie,
    load_network,
    merge_stored_contacts,
    restore_contact,
    save_circle,
    save_contact,
    save_ego,
    save_tie,
)
