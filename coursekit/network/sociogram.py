"""The sociogram as plain data: what the drag-and-drop map shows, and what a drop means.

The learner sits at the centre of five rings of closeness (the contact's ``strength``: 5,
very close, on the inner ring ... 1, acquaintance, on the outer one), as in the egogram
(:mod:`coursekit.network.egogram`). The map is cut into **sectors** by a grouping the
learner chooses (:data:`GROUPINGS`): inside or outside their organisation, circle, sector
or function. Dropping a contact on a ring sets its closeness; dropping it in a sector sets
the field the sectors show (:func:`dropped`). Nothing here touches the store or a widget:
:mod:`coursekit.views.network.sociogram` sends :func:`canvas_state` to the browser and saves
what :func:`dropped` returns through :mod:`coursekit.network.storage`.

Examples
--------
>>> from coursekit.network.model import Contact, Ego, Network
>>> net = Network.from_records(Ego(), [Contact("c1", "Ana", inside=True, strength=4),
...                                   Contact("c2", "Ben")])
>>> state = canvas_state(net, "inside")
>>> [g["label"] for g in state["groups"]]
['inside', 'outside', 'not sure']
>>> [(n["name"], n["strength"], state["groups"][n["group"]]["key"]) for n in state["nodes"]]
[('Ana', 4, 'inside'), ('Ben', 1, 'unknown')]
>>> moved = dropped(net.contact("c2"), "inside", "outside", strength=3)
>>> moved.inside, moved.strength
(False, 3)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .model import Network
from .records import NETWORK_TYPES, STRENGTH_MAX, STRENGTH_MIN, STRENGTH_SCALE, Contact

#: What the sectors can show, in words.
GROUPINGS: dict[str, str] = {
    "inside": "inside / outside your organisation",
    "circle": "circle (people who all know each other)",
    "sector": "sector",
    "function": "function",
}
#: The sectors of the "inside" grouping, always all three and in this order.
INSIDE_GROUPS: tuple[tuple[str, str], ...] = (
    ("inside", "inside"), ("outside", "outside"), ("unknown", "not sure"))
_INSIDE_VALUE = {"inside": True, "outside": False, "unknown": None}
#: Group key of the contacts with no circle, sector or function.
NONE_KEY = ""
#: Ties from circles drawn at most (the strongest); every tie counts in the measures.
MAX_CIRCLE_TIES_DRAWN = 4000
#: The rings, outer to inner: closeness and its words.
RINGS: tuple[dict[str, Any], ...] = tuple(
    {"strength": s, "label": STRENGTH_SCALE[s].split(":")[0], "help": STRENGTH_SCALE[s]}
    for s in range(STRENGTH_MIN, STRENGTH_MAX + 1))


def _check_grouping(grouping: str) -> str:
    if grouping not in GROUPINGS:
        raise ValueError(f"grouping must be one of {', '.join(GROUPINGS)}, not {grouping!r}")
    return grouping


def group_key(contact: Contact, grouping: str) -> str:
    """The sector a contact is drawn in under ``grouping``."""
    if _check_grouping(grouping) == "inside":
        return "unknown" if contact.inside is None else ("inside" if contact.inside else "outside")
    if grouping == "circle":
        return contact.circles[0] if contact.circles else NONE_KEY
    return str(getattr(contact, grouping) or NONE_KEY)


def _keys(network: Network, grouping: str) -> list[str]:
    c = network.contacts
    if grouping == "inside":
        return [{True: "inside", False: "outside"}.get(v, "unknown") if isinstance(v, bool)
                else "unknown" for v in c["inside"]]
    if grouping == "circle":
        return [v[0] if v else NONE_KEY for v in c["circles"]]
    return [str(v) if isinstance(v, str) and v else NONE_KEY for v in c[grouping]]


def groups(network: Network, grouping: str, extra: Iterable[str] = ()) -> list[dict[str, str]]:
    """The sectors under ``grouping``: ``{"key", "label"}`` each, in a fixed order.

    Inside / outside: always its three sectors. Circles: every circle (an empty one too, to
    drop people in), then "no circle". Sector or function: the values in use and ``extra``
    (a group the learner has just named), alphabetically, then "no sector".
    """
    if _check_grouping(grouping) == "inside":
        return [{"key": k, "label": label} for k, label in INSIDE_GROUPS]
    names = set(_keys(network, grouping)) | {" ".join(str(e).split()) for e in extra}
    if grouping == "circle":
        names |= set(network.circles["name"])
    names.discard(NONE_KEY)
    ordered = sorted(names, key=str.casefold)
    return [*({"key": k, "label": k} for k in ordered),
            {"key": NONE_KEY, "label": f"no {grouping}"}]


def canvas_state(network: Network, grouping: str = "inside", *,
                 extra_groups: Iterable[str] = ()) -> dict[str, Any]:
    """Everything the sociogram draws, as JSON-ready data.

    ``groups`` (the sectors), ``rings``, ``nodes`` (one per contact, in the network's order:
    ``id``, ``name``, ``strength``, ``group`` (index into ``groups``), ``types``, ``inside``,
    ``organisation``, ``role``, ``circles``), ``pairs`` (pairwise ties as ``[i, j, strength]``,
    strength 0 included: "they do not know each other"), ``circle_ties`` (ties that come
    from circles only, ``[i, j, strength]``, the strongest :data:`MAX_CIRCLE_TIES_DRAWN`)
    and ``circle_ties_total``. ``i`` and ``j`` are positions in ``nodes``.
    """
    sectors = groups(network, grouping, extra_groups)
    index = {g["key"]: k for k, g in enumerate(sectors)}
    c = network.contacts
    nodes = [
        {"id": cid, "name": str(name), "strength": int(strength), "group": index[key],
         "types": list(types or ()), "inside": inside if isinstance(inside, bool) else None,
         "organisation": str(org or ""), "role": str(role or ""),
         "circles": list(circles or ())}
        for cid, name, strength, key, types, inside, org, role, circles in zip(
            c["id"], c["name"], c["strength"], _keys(network, grouping), c["types"],
            c["inside"], c["organisation"], c["role"], c["circles"], strict=True)]
    position = {cid: k for k, cid in enumerate(c["id"])}
    pairs = [[position[a], position[b], int(w)] for a, b, w in zip(
        network.ties["a"], network.ties["b"], network.ties["strength"], strict=True)
        if a in position and b in position]
    i, j, w, pair = network.tie_arrays
    circle = ~pair
    ci, cj, cw = i[circle], j[circle], w[circle]
    total = len(ci)
    if total > MAX_CIRCLE_TIES_DRAWN:
        keep = np.sort(np.argsort(-cw, kind="stable")[:MAX_CIRCLE_TIES_DRAWN])
        ci, cj, cw = ci[keep], cj[keep], cw[keep]
    return {"grouping": grouping, "grouping_label": GROUPINGS[grouping],
            "ego": network.ego.label or "You", "groups": sectors, "rings": list(RINGS),
            "nodes": nodes, "pairs": pairs,
            "circle_ties": np.column_stack([ci, cj, cw]).astype(int).tolist(),
            "circle_ties_total": int(total)}


def dropped(contact: Contact, grouping: str, group: str | None = None,
            strength: int | None = None, *, from_group: str | None = None) -> Contact:
    """The contact after a drop on ring ``strength`` in the sector ``group``.

    ``None`` leaves that part as it was. Inside / outside sets ``inside``; a circle moves the
    contact from the circle it was drawn in (``from_group``, by default its first) into
    ``group`` (the first of its circles, so it is drawn there; "no circle" takes it out of
    that one only); a sector or function sets that field. The result is checked
    (:meth:`Contact.replace`), so a value out of range raises InputError.

    Examples
    --------
    >>> ana = Contact("c1", "Ana", circles=("Team", "MBA"))
    >>> dropped(ana, "circle", "Choir").circles
    ('Choir', 'MBA')
    >>> dropped(ana, "circle", NONE_KEY).circles
    ('MBA',)
    """
    changes: dict[str, Any] = {}
    if strength is not None:
        changes["strength"] = strength
    if group is not None:
        if _check_grouping(grouping) == "inside":
            if group not in _INSIDE_VALUE:
                raise ValueError(f"no sector {group!r} when grouping by inside / outside")
            changes["inside"] = _INSIDE_VALUE[group]
        elif grouping == "circle":
            old = group_key(contact, grouping) if from_group is None else from_group
            rest = tuple(c for c in contact.circles if c not in (old, group))
            changes["circles"] = ((group,) if group else ()) + rest
        else:
            changes[grouping] = group
    return contact.replace(**changes)


def with_type(contact: Contact, network_type: str, on: bool = True) -> Contact:
    """The contact with ``network_type`` added (``on``) or taken away (a bin drop).

    Examples
    --------
    >>> with_type(Contact("c1", "Ana", types=("personal",)), "strategic").types
    ('personal', 'strategic')
    """
    if network_type not in NETWORK_TYPES:
        raise ValueError(f"network type must be one of {', '.join(NETWORK_TYPES)}")
    types = set(contact.types) | {network_type} if on else set(contact.types) - {network_type}
    return contact.replace(types=tuple(t for t in NETWORK_TYPES if t in types))
