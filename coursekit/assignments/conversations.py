"""Prototype conversations: who, about which path, when, and what the learner took from it.

Bill Burnett and Dave Evans (*Designing Your Life*, Knopf, 2016) call the simplest way to
try out a possible path a *prototype conversation*: a short talk with someone who already
lives that path, to hear their story and what the work is really like, before spending
more on it. The person's name stays in the learner's store (like a contact's, it never
leaves in a hand-in); what the learner took from the talk is a private reflection.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> talk = add_conversation(store, "Tomás", path="product manager, medical devices",
...                         planned_on="2030-04-02")
>>> talk = update_conversation(store, talk.id, held_on="2030-04-03")
>>> save_learned(store, "conversation", talk.id, "Customer calls are half the job.")
>>> [(c.person, c.held, c.learned) for c in list_conversations(store)]
[('Tomás', True, 'Customer calls are half the job.')]
>>> held_count(store)
1
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._errors import InputError
from .._sql import inserted_id
from ..planning._db import UNSET, checked, update
from ..planning.model import MAX_TITLE, check_text, iso_date, parse_date
from ..store import LearnerStore, _now
from .model import EXERCISE, Conversation, learned_key, learned_texts, save_learned

_CHECKS: dict[str, Callable[[Any], Any]] = {
    "person": lambda text: check_text(text, "name of the person you talk with", required=True,
                                      limit=MAX_TITLE),
    "path": lambda text: check_text(text, "path they live", limit=MAX_TITLE),
    "planned_on": lambda day: iso_date(day, "planned date"),
    "held_on": lambda day: iso_date(day, "date it was held"),
    "contact": lambda cid: (str(cid) if cid else None),
}
_COLUMNS = "id, person, path, planned_on, held_on, contact"


def list_conversations(store: LearnerStore) -> list[Conversation]:
    """The learner's conversations in the order they were added."""
    learned = learned_texts(store, "conversation")
    return [Conversation(cid, person, path, parse_date(planned), parse_date(held), contact,
                         learned.get(cid, ""))
            for cid, person, path, planned, held, contact in store.read(
                f"SELECT {_COLUMNS} FROM between_conversations ORDER BY id")]


def get_conversation(store: LearnerStore, conversation_id: int) -> Conversation:
    """One conversation by id (InputError when it is gone)."""
    found = [c for c in list_conversations(store) if c.id == conversation_id]
    if not found:
        raise InputError(f"There is no conversation {conversation_id} (it may have been "
                         f"removed in another notebook). Fix: add it again.")
    return found[0]


def add_conversation(store: LearnerStore, person: str, *, path: str = "",
                     planned_on: Any = None, held_on: Any = None,
                     contact: str | None = None) -> Conversation:
    """Add a conversation (planned, or held already) and return it.

    Raises
    ------
    InputError
        No name (or description) of the person, a text too long, a date not YYYY-MM-DD.
    """
    fields = checked(_CHECKS, person=person, path=path, planned_on=planned_on,
                     held_on=held_on, contact=contact)
    stamp = _now()
    with store.transaction() as conn:
        cid = inserted_id(conn.execute(
            "INSERT INTO between_conversations (person, path, planned_on, held_on, contact, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (*fields.values(), stamp, stamp)))
    return get_conversation(store, cid)


def update_conversation(store: LearnerStore, conversation_id: int, *, person: str = UNSET,
                        path: str = UNSET, planned_on: Any = UNSET,
                        held_on: Any = UNSET) -> Conversation:
    """Change some fields of a conversation (the others are kept), in one transaction."""
    get_conversation(store, conversation_id)
    fields = checked(_CHECKS, person=person, path=path, planned_on=planned_on,
                     held_on=held_on)
    with store.transaction() as conn:
        update(conn, "between_conversations", fields, "id = ?", conversation_id)
    return get_conversation(store, conversation_id)


def remove_conversation(store: LearnerStore, conversation_id: int) -> None:
    """Remove a conversation and what was learned from it (one transaction)."""
    get_conversation(store, conversation_id)
    with store.transaction() as conn:
        conn.execute("DELETE FROM between_conversations WHERE id = ?", (conversation_id,))
        conn.execute("DELETE FROM entries WHERE exercise = ? AND key = ?",
                     (EXERCISE, learned_key("conversation", conversation_id)))


def find_contact(store: LearnerStore, name: str) -> str | None:
    """The id of the contact in the network with this name (folded), or None."""
    from ..network.duplicates import normalise_name

    wanted = normalise_name(name)
    found = [cid for cid, contact in store.read("SELECT id, name FROM network_contacts "
                                                "ORDER BY position, id")
             if normalise_name(contact) == wanted]
    return found[0] if wanted and found else None


def put_on_map(store: LearnerStore, conversation_id: int) -> str:
    """Link the conversation's person to their contact on the map, adding them if missing.

    A person already on the map (same name, folded) is linked, not added twice; a new one is
    added with the path as their role. Returns the contact's id.
    """
    from ..network.storage import add_contact

    talk = get_conversation(store, conversation_id)
    contact = find_contact(store, talk.person)
    if contact is None:
        contact = add_contact(store, name=talk.person, role=talk.path,
                              last_contact=talk.held_on).id
    with store.transaction() as conn:
        conn.execute("UPDATE between_conversations SET contact = ?, updated_at = ? "
                     "WHERE id = ?", (contact, _now(), conversation_id))
    return contact


def held_count(store: LearnerStore) -> int:
    """How many conversations have been held."""
    return store.read("SELECT COUNT(*) FROM between_conversations "
                      "WHERE held_on IS NOT NULL")[0][0]


__all__ = ["add_conversation", "find_contact", "get_conversation", "held_count",
           "list_conversations", "put_on_map", "remove_conversation", "save_learned",
           "update_conversation"]
