"""Demo mode: a sample person's ``network:`` section written into the store.

The section takes one of two forms in ``samples/people/<id>.yaml``:

* a sample network by name, from ``samples/networks/``::

      network:
        sample: harris-before

* the network inline, with the fields of a sample network file (``ego``, ``circles``,
  ``contacts``, ``ties`` and optionally ``as_of``; see :mod:`coursekit.network.samples`)::

      network:
        ego: {organisation: Meridia Medical}
        contacts:
          - {id: m1, name: Sam K., inside: true, strength: 3}

A problem is a :class:`~coursekit.ContentError` naming the person's file and the place
(``network: contacts[2]: strength``). The network replaces whatever network the store held.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:", demo=True)
>>> fill_network(store, {"sample": "amara"}, "samples/people/amara.yaml")
>>> from coursekit.network.storage import load_network
>>> load_network(store).size
17
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._errors import ContentError
from .samples import network_from_data, sample_networks
from .storage import add_network

PLACE = "network"


def network_of_section(data: Any, file: str):
    """The :class:`~coursekit.network.model.Network` a ``network:`` section describes."""
    from .samples import load_sample_network

    if isinstance(data, Mapping) and "sample" in data:
        name = data["sample"]
        extra = sorted(set(data) - {"sample"})
        if extra:
            raise ContentError.at(file, f"{PLACE}: {extra[0]}", "cannot be given together "
                                  "with 'sample'", "either name a sample network or write "
                                  "the network inline, not both")
        known = sample_networks()
        if not isinstance(name, str) or name not in known:
            raise ContentError.at(file, f"{PLACE}: sample", f"'{name}' is not a sample network",
                                  f"use one of {', '.join(known) or '(none found)'}")
        return load_sample_network(name)
    return network_from_data(data, file, PLACE)


def fill_network(store, data: Any, file: str) -> None:
    """Write a sample person's network section into ``store`` (see the module docstring)."""
    add_network(store, network_of_section(data, file), replace_all=True)
