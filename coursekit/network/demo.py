"""Demo mode: a sample person's ``network:`` section written into the store.

In ``samples/people/<id>.yaml`` the section either names a sample network from
``samples/networks/`` (``network: {sample: harris-before}``) or holds the network inline,
with the fields of a sample network file (see :mod:`coursekit.network.samples`). A problem
is a :class:`~coursekit.ContentError` naming the person's file and the place
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
from typing import Annotated, Any

from pydantic import ConfigDict, model_validator

from .._problems import Places
from .._schema import ContentModel, Note, Text, refers_to, report, validate
from .samples import load_sample_network, network_from_data, sample_networks
from .storage import add_network

PLACE = "network"


class NetworkByName(ContentModel):
    """``network: {sample: harris-before}``: a sample network named, not written inline."""

    model_config = ConfigDict(extra="allow")

    sample: Annotated[Text, refers_to("samples", "'{value}' is not a sample network",
                                      "use one of {known}")]

    @model_validator(mode="after")
    def _alone(self) -> NetworkByName:
        report([Note("cannot be given together with 'sample'", "either name a sample network "
                     "or write the network inline, not both", (key,))
                for key in sorted(self.model_extra or {})])
        return self


def fill_network(store, data: Any, file: str) -> None:
    """Write a sample person's network section into ``store`` (see the module docstring)."""
    if isinstance(data, Mapping) and "sample" in data:
        named = validate(NetworkByName, data, file, places=Places(prefix=(PLACE,)),
                         context={"samples": sample_networks()})
        network = load_sample_network(named.sample)
    else:
        network = network_from_data(data, file, PLACE)
    add_network(store, network, replace_all=True)
