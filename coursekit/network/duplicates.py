"""Finding a contact listed twice and merging the copies without losing anything.

Two entries are *likely the same person* when their names are equal after
:func:`normalise_name` (case, accents, punctuation, spacing and word order ignored), e.g.
"Smith, Jo" and "jo smith". Nothing is merged on its own: the learner is offered the merge.

Examples
--------
>>> from coursekit.network.model import Contact, Ego, Network, Tie
>>> net = Network.from_records(Ego(), [
...     Contact("c1", "José Martín", sector="Banking", strength=2),
...     Contact("c2", "martin, jose", role="CFO", strength=4, types=("strategic",)),
...     Contact("c3", "Li Wei")], [Tie("c2", "c3", 2)])
>>> find_duplicates(net)
[['c1', 'c2']]
>>> merged = merge_contacts(net, ["c1", "c2"])
>>> c = merged.contact("c1")
>>> c.strength, c.role, c.types, merged.ties.values.tolist()
(4, 'CFO', ('strategic',), [['c1', 'c3', 2]])
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import pandas as pd

from .._errors import InputError
from .model import CONTACT_COLUMNS, Contact, Network

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def normalise_name(name: str) -> str:
    """A person's name reduced for comparison: lower case, no accents or punctuation, sorted.

    Examples
    --------
    >>> normalise_name("Zoë O'Neil,  Jo-Anne")
    'anne jo oneil zoe'
    """
    text = unicodedata.normalize("NFKD", str(name or "")).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("'", "").replace("\u2019", "")
    words = _PUNCT.sub(" ", text).split()
    return " ".join(sorted(words))


def find_duplicates(network: Network) -> list[list[str]]:
    """Groups (lists of two or more ids) of contacts likely the same person, in order."""
    keys = network.contacts["name"].map(normalise_name)
    repeated = keys[(keys != "") & keys.duplicated(keep=False)]
    ids = network.contacts.loc[repeated.index, "id"]
    return [list(group) for _, group in ids.groupby(repeated, sort=False)]


def same_name(contacts: Sequence[Contact], contact: Contact) -> list[Contact]:
    """The other contacts whose name is ``contact``'s (as :func:`normalise_name` compares).

    Examples
    --------
    >>> people = [Contact("c1", "AK"), Contact("c2", " ak"), Contact("c3", "Li")]
    >>> [c.id for c in same_name(people, people[0])]
    ['c2']
    """
    key = normalise_name(contact.name)
    return [c for c in contacts if c.id != contact.id and key and normalise_name(c.name) == key]


def person_labels(contacts: Sequence[Contact]) -> list[str]:
    """Each contact's name, told apart from others of the same name, in the same order.

    A shared name gets the person's role (else function, organisation or sector) in
    brackets, else their number among those of that name.

    Examples
    --------
    >>> person_labels([Contact("c1", "AK", role="CFO"), Contact("c2", "AK"),
    ...                Contact("c3", "Li"), Contact("c4", "AK")])
    ['AK (CFO)', 'AK (2 of 3)', 'Li', 'AK (3 of 3)']
    """
    keys = [normalise_name(c.name) for c in contacts]
    labels = []
    for n, (contact, key) in enumerate(zip(contacts, keys, strict=True)):
        total = keys.count(key)
        if total < 2 or not key:
            labels.append(contact.name)
            continue
        detail = next((str(v) for v in (contact.role, contact.function, contact.organisation,
                                        contact.sector) if v and str(v).strip()),
                      f"{keys[:n + 1].count(key)} of {total}")
        labels.append(f"{contact.name} ({detail})")
    return labels


def merge_contacts(network: Network, ids: Sequence[str]) -> Network:
    """Merge contacts ``ids`` into the first one, keeping every piece of information.

    Rules: the first contact's name and id stay; an empty field takes the first value found
    in the others; a field where the copies disagree keeps the first value and the others
    are written into the notes ("also recorded: ..."), so nothing is lost; network types and
    circles are joined; strength is the strongest, last contact the most recent; ties of
    the copies move to the kept contact (the stronger one wins when both had a tie to the
    same person; a tie between two copies disappears).

    Raises
    ------
    InputError
        Fewer than two ids, or an id not in the network.
    """
    ids = list(dict.fromkeys(ids))
    if len(ids) < 2:
        raise InputError("merging needs at least two contacts. Fix: choose the copies to merge")
    known = set(network.contacts["id"])
    missing = [c for c in ids if c not in known]
    if missing:
        raise InputError(f"cannot merge: no contact with id {', '.join(missing)}. Fix: "
                         f"reload the network and choose again")
    merged = merge_records([network.contact(c) for c in ids])
    keep, others = ids[0], set(ids[1:])
    contacts = network.contacts[~network.contacts["id"].isin(others)].copy()
    pos = contacts.index[contacts["id"] == keep][0]
    for key in CONTACT_COLUMNS:
        contacts.at[pos, key] = getattr(merged, key)
    ties = network.ties.copy()
    if len(ties):
        ends = ties[["a", "b"]].where(~ties[["a", "b"]].isin(others), keep)
        ties = pd.DataFrame({"a": ends.min(axis=1), "b": ends.max(axis=1),
                             "strength": ties["strength"]})
        ties = (ties[ties["a"] != ties["b"]]
                .groupby(["a", "b"], as_index=False, sort=False)["strength"].max())
    return Network(network.ego, contacts.reset_index(drop=True)[list(CONTACT_COLUMNS)],
                   ties.reset_index(drop=True), network.circles.copy())


def merge_records(copies: Sequence[Contact]) -> Contact:
    """One contact from several copies of the same person (rules in :func:`merge_contacts`)."""
    first = copies[0]
    notes: list[str] = [first.notes] if first.notes else []
    values = {}
    for key in ("organisation", "sector", "function", "role", "inside", "seniority"):
        chosen = getattr(first, key)
        for other in copies[1:]:
            value = getattr(other, key)
            if value in (None, ""):
                continue
            if chosen in (None, ""):
                chosen = value
            elif value != chosen:
                shown = {True: "inside", False: "outside"}.get(value, value) \
                    if key == "inside" else value
                notes.append(f"also recorded: {key} {shown} (as {other.name})")
        values[key] = chosen
    for other in copies[1:]:
        if other.name != first.name:
            notes.append(f"also listed as {other.name}")
        if other.notes and other.notes not in notes:
            notes.append(other.notes)
    dates = [c.last_contact for c in copies if c.last_contact is not None]
    types = {t for c in copies for t in c.types}
    circles = list(dict.fromkeys(x for c in copies for x in c.circles))
    return first.replace(
        **values,
        types=tuple(sorted(types)),
        circles=tuple(circles),
        strength=max(c.strength for c in copies),
        last_contact=max(dates) if dates else None,
        notes="\n".join(dict.fromkeys(notes)),
    )
