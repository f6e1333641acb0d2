"""The learner's network: model, storage, measures, out-sight audit, import/export, the map.

A pure core (no ipywidgets): the view in :mod:`coursekit.views.network` builds on it.

=====================  ===========================================================
module                 job
=====================  ===========================================================
``values``             the scales (strength, seniority, types) and reading one value
``records``            one contact, tie or circle, and the learner (ego), each checked
``model``              the whole network (every name above can be imported from it)
``problems``           what is wrong with a whole network, and the fix
``duplicates``         a contact listed twice: find and merge, nothing lost
``storage``            the network in the learner store, one transaction per edit
``measures``           one module per family: ``structure`` (size, density),
                       ``structural_holes`` (constraint, effective size), ``composition``
                       (E-I, types, seniority, stale ties), ``diversity`` (Blau, IQV),
                       ``summary`` (all at once, the table, comparison)
``outsight``           the out-sight audit: indicators in plain words and advice
``importing``          :func:`import_file`: either format, told apart by its header
``csv_template``       the coursekit CSV template (and a ties file)
``linkedin``           LinkedIn's Connections.csv
``organisations``      inside or outside, from a contact's company
``exporting``          CSV (spreadsheet-safe) and GraphML (Gephi)
``egogram``            the map, a plotly figure
``samples``            Harris before and after, demo networks
``demo``               a sample person's ``network:`` section into the store
=====================  ===========================================================

Examples
--------
>>> import coursekit.network as cn
>>> before = cn.load_sample_network("harris-before")
>>> m = cn.network_measures(before)
>>> m.size, round(m.ei_index, 2)
(30, -0.73)
"""

from __future__ import annotations

from .duplicates import find_duplicates, merge_contacts, normalise_name
from .egogram import egogram
from .exporting import contacts_csv, read_graphml, ties_csv, to_networkx, write_csv, write_graphml
from .importing import (
    ImportResult,
    import_file,
    read_contacts_csv,
    read_linkedin_connections,
    same_organisation,
)
from .measures import (
    NetworkMeasures,
    blau,
    constraint,
    density,
    effective_size,
    efficiency,
    ei_index,
    group_shares,
    inside_or_outside,
    iqv,
    local_constraints,
    measures_table,
    network_measures,
    reach_above,
    redundancies,
    size,
    stale_share,
    type_shares,
)
from .model import (
    NETWORK_TYPES,
    NEW_ID,
    STRENGTH_SCALE,
    Circle,
    Contact,
    Ego,
    Network,
    NetworkProblem,
    Tie,
    network_problems,
)
from .outsight import OutsightAudit, outsight
from .samples import load_sample_network, sample_networks
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

__all__ = [
    "Circle", "Contact", "Ego", "ImportResult", "NETWORK_TYPES", "NEW_ID", "Network",
    "NetworkMeasures", "NetworkProblem", "OutsightAudit", "STRENGTH_SCALE", "Tie", "add_contact",
    "add_network", "blau", "clear_network", "constraint", "contacts_csv", "delete_circle",
    "delete_contact", "delete_tie", "density", "effective_size", "efficiency", "egogram",
    "ei_index", "find_duplicates", "group_shares", "import_file", "inside_or_outside", "iqv",
    "load_network", "load_sample_network", "local_constraints", "measures_table", "merge_contacts",
    "merge_stored_contacts", "network_measures", "network_problems", "normalise_name", "outsight",
    "reach_above", "read_contacts_csv", "read_graphml", "read_linkedin_connections",
    "redundancies", "restore_contact", "same_organisation", "sample_networks", "save_circle",
    "save_contact", "save_ego", "save_tie", "size", "stale_share", "ties_csv", "to_networkx",
    "type_shares", "write_csv", "write_graphml",
]
