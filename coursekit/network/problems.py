"""What is wrong with a whole network, and what the learner can do about it.

A record can be right on its own and wrong in the network: two contacts with one id, a tie
to a contact that is not there, the same tie recorded twice, two rows that look like the
same person. :func:`network_problems` lists them all; nothing is changed or dropped.

Examples
--------
>>> from coursekit.network.model import Contact, Network, Tie
>>> net = Network.from_records(None, [Contact("c1", "Ana"), Contact("c2", "Ana")],
...                            check=False)
>>> [str(p) for p in network_problems(net)]  # doctest: +NORMALIZE_WHITESPACE
['contacts c1, c2: look like the same person (Ana / Ana). Fix: merge them (nothing is lost)
  or change a name to tell them apart']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from .values import STRENGTH_MAX, STRENGTH_MIN, TIE_MAX, TIE_MIN

if TYPE_CHECKING:
    from .model import Network


@dataclass(frozen=True)
class NetworkProblem:
    """A problem in a network, with what to do.

    ``blocking`` problems stop a save or import; the others (a likely duplicate) are offered
    to the learner, e.g. as a merge.
    """

    place: str
    problem: str
    fix: str
    blocking: bool = True

    def __str__(self) -> str:
        return f"{self.place}: {self.problem}. Fix: {self.fix}"


def network_problems(network: Network) -> list[NetworkProblem]:
    """Every problem of a network.

    repeated ids, ties to missing contacts or to the same contact, circles of unknown names,
    values out of range, and likely duplicates.

    Nothing is changed or dropped: the learner decides (see :func:`find_duplicates` and
    :func:`merge_contacts` in :mod:`coursekit.network.duplicates`).
    """
    # Imported here: duplicates builds on the model, which checks new networks with this.
    from .duplicates import find_duplicates

    problems: list[NetworkProblem] = []
    contacts = network.contacts
    ids = contacts["id"]
    repeated = ids[ids.duplicated(keep=False)]
    for cid in dict.fromkeys(repeated):
        names = ", ".join(contacts.loc[ids == cid, "name"].astype(str))
        problems.append(NetworkProblem(
            f"contact id {cid}", f"is used by more than one contact ({names})",
            "give each contact its own id, or merge them if they are the same person"))
    bad_strength = contacts[~contacts["strength"].isin(range(STRENGTH_MIN, STRENGTH_MAX + 1))]
    for _, row in bad_strength.iterrows():
        problems.append(NetworkProblem(f"contact {row['name']}",
                                       f"strength {row['strength']!r} is out of range",
                                       "use 1 (acquaintance) to 5 (very close)"))
    known = set(ids)
    for k, tie in network.ties.iterrows():
        missing = [x for x in (tie["a"], tie["b"]) if x not in known]
        if missing:
            problems.append(NetworkProblem(
                f"tie {k + 1} ({tie['a']}-{tie['b']})",
                f"names a contact that is not in the network ({', '.join(map(str, missing))})",
                "add the contact first, or remove the tie"))
        elif tie["a"] == tie["b"]:
            problems.append(NetworkProblem(f"tie {k + 1}", "joins a contact to itself",
                                           "pick two different contacts"))
        if not TIE_MIN <= int(tie["strength"]) <= TIE_MAX:
            problems.append(NetworkProblem(f"tie {k + 1}", f"strength {tie['strength']} is "
                                           f"out of range", "use 0 to 5"))
    pairs = network.ties[["a", "b"]].apply(lambda r: tuple(sorted(r)), axis=1) \
        if len(network.ties) else pd.Series(dtype=object)
    for pair in dict.fromkeys(pairs[pairs.duplicated()]):
        problems.append(NetworkProblem(f"tie {pair[0]}-{pair[1]}", "is recorded twice",
                                       "keep one of the two ties"))
    for group in find_duplicates(network):
        names = " / ".join(network.names()[c] for c in group)
        problems.append(NetworkProblem(
            f"contacts {', '.join(group)}", f"look like the same person ({names})",
            "merge them (nothing is lost) or change a name to tell them apart",
            blocking=False))
    return problems
