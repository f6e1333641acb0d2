r"""The sociogram: map your network by hand, on rings of closeness, by drag and drop.

An anywidget whose front end (``static/sociogram.js`` and ``.css``, shipped in the package,
no build step and no network) draws the learner at the centre of five rings of closeness,
cut into sectors (inside / outside, circles, sector or function). The learner types or
pastes names into a tray (or imports LinkedIn's export there), drags them onto the map,
drags people between rings and sectors, clicks one person then another to record how well
they know each other, and drags people onto the bins of network types. Everything can be
done with the keyboard as well.

The browser sends each gesture as one message (:meth:`SociogramCanvas.receive`); the kernel
saves it through :mod:`coursekit.network.storage` (the same checks and limits as the forms)
and every view of the store refreshes, this one included. A refusal comes back as a message
beside the canvas and the map shows what is stored.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> store = LearnerStore(":memory:")
>>> view = sociogram(store)
>>> canvas = view.canvas
>>> canvas.receive({"type": "recall", "seq": 1, "text": "Ana\nBen", "prompt": 0})
>>> canvas.status["text"]
'2 names in the tray.'
>>> first = canvas.tray["entries"][0]["id"]
>>> canvas.receive({"type": "place", "seq": 2, "tray": first, "strength": 4,
...                 "group": "outside"})
>>> [(n["name"], n["strength"], n["inside"]) for n in canvas.state["nodes"]]
[('Ana', 4, False)]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as widgets
import traitlets

from ..._errors import InputError
from ..._limits import LINE, check_length
from ..._palette import NETWORK_TYPE_COLOURS
from ...network import (
    Circle,
    delete_contact,
    delete_tie,
    restore_contact,
    save_circle,
    save_contact,
    save_tie,
)
from ...network.importing import import_file
from ...network.measures import HEADLINE_ROWS
from ...network.records import NETWORK_TYPES, STRENGTH_SCALE, Contact
from ...network.sociogram import GROUPINGS, canvas_state, dropped, group_key, with_type
from ...network.storage import load_ego
from ...network.tray import add_contacts, add_names, clear_tray, load_tray, place, remove_from_tray
from .._common import LEARNER_ERRORS, demo_banner
from ._shared import snapshot
from .entry import RECALL_PROMPTS

STATIC = Path(__file__).parent / "static"
#: Names of the tray sent to the page at most (a find box narrows a long import).
TRAY_PAGE = 200
#: How well two contacts know each other, 0 to 5, in words (the tie menu).
TIE_WORDS = ("they do not know each other", "they have met", "they talk now and then",
             "they work together often", "they are close", "they are very close")


class SociogramCanvas(anywidget.AnyWidget):
    """The drag-and-drop map: its state in traitlets, the gestures as messages."""

    _esm = STATIC / "sociogram.js"
    _css = STATIC / "sociogram.css"

    # What the map shows (:func:`coursekit.network.sociogram.canvas_state`), cut by how
    # often each part changes: a gesture sends only the parts it changed (a move, the
    # placement; a tie, the ties), so 1,500 people do not travel for every drop.
    #: The sectors, the rings, the learner's label.
    frame = traitlets.Dict().tag(sync=True)
    #: Who is on the map: ``id``, ``name``, ``organisation``, ``role``, ``circles`` (lists).
    people = traitlets.Dict().tag(sync=True)
    #: Where each person is: ``strength``, ``group``, ``inside``, ``types`` (lists).
    placement = traitlets.Dict().tag(sync=True)
    #: ``pairs``, ``circle_ties`` and ``circle_ties_total``.
    ties = traitlets.Dict().tag(sync=True)
    #: The tray: ``entries`` (at most :data:`TRAY_PAGE`), ``total``, ``find``.
    tray = traitlets.Dict().tag(sync=True)
    #: What the sectors show (one of :data:`~coursekit.network.sociogram.GROUPINGS`).
    grouping = traitlets.Unicode("inside").tag(sync=True)
    #: Text the tray's find box holds (the page sets it).
    tray_find = traitlets.Unicode("").tag(sync=True)
    #: The answer to the last gesture: ``seq`` (the page's number), ``kind``, ``text``.
    status = traitlets.Dict().tag(sync=True)
    #: A few measures beside the map, ``[label, value]`` each.
    summary = traitlets.List().tag(sync=True)
    #: The name of the person last removed (Undo brings them back), or "".
    undo = traitlets.Unicode("").tag(sync=True)
    #: Fixed for the page: recall questions, groupings, type colours, words.
    options = traitlets.Dict().tag(sync=True)

    def __init__(self, store, *, group_by: str = "inside", **kwargs: Any):
        if group_by not in GROUPINGS:
            raise InputError(f"group_by must be one of {', '.join(GROUPINGS)}, not "
                             f"{group_by!r}. Fix: e.g. ck.sociogram(store, 'circle')")
        super().__init__(grouping=group_by, **kwargs)
        self.store = store
        self.extra_groups: dict[str, list[str]] = {g: [] for g in GROUPINGS}
        self._removed: tuple[Contact, list] | None = None
        self._shown: tuple | None = None
        self.state: dict[str, Any] = {}
        self.options = {
            "prompts": [q for q, _ in RECALL_PROMPTS],
            "groupings": [[k, v] for k, v in GROUPINGS.items()],
            "types": list(NETWORK_TYPES),
            "colours": dict(NETWORK_TYPE_COLOURS),
            "closeness": {str(k): v for k, v in STRENGTH_SCALE.items()},
            "ties": list(TIE_WORDS),
            "demo": bool(store.demo),
            "tray_page": TRAY_PAGE,
        }
        self.on_msg(lambda _widget, content, buffers: self.receive(content, buffers))
        self.observe(lambda _change: self.refresh(), names=["grouping"])
        self.observe(lambda _change: self._refresh_tray(), names=["tray_find"])
        store.on_change(lambda _store: self.refresh())
        self.refresh()

    # -- what the page shows -----------------------------------------------------------

    @property
    def network(self):
        """The network as stored now."""
        return snapshot(self.store).network

    def refresh(self) -> None:
        """Show what is stored now (the map, the tray and the measures beside it)."""
        key = (self.store.revision, self.grouping, tuple(self.extra_groups[self.grouping]))
        if key == self._shown:
            return
        self._shown = key
        shot = snapshot(self.store)
        #: The whole of what the map shows, as one dict (for Python; the page gets it in parts).
        self.state = canvas_state(shot.network, self.grouping,
                                  extra_groups=self.extra_groups[self.grouping])
        nodes, m = self.state["nodes"], shot.measures
        column = lambda key: [n[key] for n in nodes]  # noqa: E731
        with self.hold_sync():  # one message to the page
            self.frame = {k: self.state[k] for k in ("grouping", "grouping_label", "ego",
                                                     "groups", "rings")}
            self.people = {k: column(k) for k in ("id", "name", "organisation", "role",
                                                  "circles")}
            self.placement = {k: column(k) for k in ("strength", "group", "inside", "types")}
            self.ties = {k: self.state[k] for k in ("pairs", "circle_ties",
                                                    "circle_ties_total")}
            # The headline rows, in the words of the measures below the map.
            self.summary = [[label, words(m)] for label, words, _how in HEADLINE_ROWS]
            self._refresh_tray()

    def _refresh_tray(self) -> None:
        entries, total = load_tray(self.store, find=self.tray_find, limit=TRAY_PAGE)
        self.tray = {"entries": [
            {"id": e.id, "name": e.name, "inside": e.inside, "types": list(e.types),
             "organisation": e.organisation, "role": e.role, "source": e.source}
            for e in entries], "total": total, "find": self.tray_find,
            "all": load_tray(self.store, limit=0)[1] if self.tray_find else total}

    # -- the gestures ------------------------------------------------------------------

    def receive(self, content: dict, buffers: list | tuple = ()) -> None:
        """Carry out one gesture sent by the page, and answer with ``status``.

        ``content["type"]`` names the gesture (``move``, ``place``, ``tie``, ``untie``,
        ``type``, ``edit``, ``remove``, ``undo``, ``recall``, ``import``, ``tray_remove``,
        ``tray_clear``, ``group``); ``seq`` is echoed in ``status`` so the page knows which
        gesture the answer is for. A refusal is shown beside the map; nothing is half saved.
        """
        seq = content.get("seq", 0)
        action = getattr(self, f"_do_{content.get('type', '')}", None)
        if action is None:
            self.status = {"seq": seq, "kind": "error",
                           "text": f"Not saved: unknown gesture {content.get('type')!r}."}
            return
        try:
            text = action(content, buffers)
        except LEARNER_ERRORS as exc:
            self._shown = None  # the page shows what is stored, not what was refused
            self.refresh()
            self.status = {"seq": seq, "kind": "error", "text": f"Not saved: {exc}"}
            return
        self.status = {"seq": seq, "kind": "ok", "text": text}

    def _contact(self, cid: Any) -> Contact:
        try:
            return self.network.contact(str(cid))
        except KeyError:
            raise InputError("that person is no longer in your network (removed in another "
                             "notebook?). Fix: add them again") from None

    def _where(self, contact: Contact) -> str:
        group = group_key(contact, self.grouping)
        label = next((g["label"] for g in self.state["groups"] if g["key"] == group), group)
        return f"{STRENGTH_SCALE[contact.strength].split(':')[0]} ({contact.strength}), {label}"

    def _do_move(self, msg: dict, _buffers) -> str:
        contact = self._contact(msg.get("id"))
        moved = dropped(contact, self.grouping, msg.get("group"), msg.get("strength"),
                        from_group=msg.get("from_group"))
        if moved == contact:
            return f"{contact.name}: no change."
        save_contact(self.store, moved)
        return f"{moved.name}: {self._where(moved)}."

    def _do_place(self, msg: dict, _buffers) -> str:
        group, strength = msg.get("group"), msg.get("strength", 3)
        # The field the sectors show is set as dropped ("not sure" too), over any hint.
        shown = dropped(Contact("tray", "placed"), self.grouping, group, strength)
        field = {"inside": "inside", "circle": "circles"}.get(self.grouping, self.grouping)
        changes = {"strength": shown.strength,
                   **({field: getattr(shown, field)} if group is not None else {})}
        contact = place(self.store, int(msg["tray"]), **changes)
        return f"{contact.name} is on your map: {self._where(contact)}."

    def _do_tie(self, msg: dict, _buffers) -> str:
        a, b = self._contact(msg.get("a")), self._contact(msg.get("b"))
        strength = msg.get("strength")
        save_tie(self.store, a.id, b.id, strength)
        words = TIE_WORDS[strength] if isinstance(strength, int) and 0 <= strength <= 5 else ""
        return f"{a.name} and {b.name}: {words} ({strength})."

    def _do_untie(self, msg: dict, _buffers) -> str:
        a, b = self._contact(msg.get("a")), self._contact(msg.get("b"))
        delete_tie(self.store, a.id, b.id)
        return f"{a.name} and {b.name}: pair forgotten (their circles apply again)."

    def _do_type(self, msg: dict, _buffers) -> str:
        contact = self._contact(msg.get("id"))
        kind, on = str(msg.get("network_type", "")), bool(msg.get("on", True))
        if kind not in NETWORK_TYPES:
            raise InputError(f"{kind!r} is not a network type. Fix: operational, personal or "
                             f"strategic")
        save_contact(self.store, with_type(contact, kind, on))
        return f"{contact.name}: {'now' if on else 'no longer'} {kind}."

    def _do_edit(self, msg: dict, _buffers) -> str:
        contact = self._contact(msg.get("id"))
        changes = dict(msg.get("changes") or {})
        if "inside" in changes:
            changes["inside"] = {"inside": True, "outside": False}.get(changes["inside"])
        unknown = set(changes) - {"name", "strength", "inside", "types", "circles",
                                  "organisation", "role"}
        if unknown:
            raise InputError(f"cannot change {', '.join(sorted(unknown))} here. Fix: use the "
                             f"person form")
        saved = save_contact(self.store, contact.replace(**changes))
        return f"Saved {saved.name}."

    def _do_remove(self, msg: dict, _buffers) -> str:
        contact = self._contact(msg.get("id"))
        ties = self.network.ties
        mine = ties[(ties["a"] == contact.id) | (ties["b"] == contact.id)]
        delete_contact(self.store, contact.id)
        self._removed = (contact, mine.values.tolist())
        self.undo = contact.name
        return f"Removed {contact.name}. Undo brings them back."

    def _do_undo(self, _msg: dict, _buffers) -> str:
        if not self._removed:
            raise InputError("nothing to undo")
        contact, ties = self._removed
        restore_contact(self.store, contact, ties)
        self._removed, self.undo = None, ""
        return f"{contact.name} is back."

    def _do_recall(self, msg: dict, _buffers) -> str:
        prompt = msg.get("prompt")
        question, hints = RECALL_PROMPTS[prompt] if isinstance(prompt, int) and \
            0 <= prompt < len(RECALL_PROMPTS) else ("", {})
        return str(add_names(self.store, str(msg.get("text", "")), hints=hints,
                             source=question))

    def _do_import(self, msg: dict, buffers) -> str:
        if not buffers:
            raise InputError("the file arrived empty. Fix: choose the file again")
        name = str(msg.get("name") or "file")
        result = import_file(bytes(buffers[0]), load_ego(self.store).organisation, name=name)
        added = add_contacts(self.store, result.network.contact_list(), source=name,
                             check=False)
        return f"{name}: {result.network.size} people read. {added}"

    def _do_tray_remove(self, msg: dict, _buffers) -> str:
        ids = [int(i) for i in msg.get("ids", [])]
        remove_from_tray(self.store, ids)
        return f"Took {len(ids)} name{'s' if len(ids) != 1 else ''} out of the tray."

    def _do_tray_clear(self, _msg: dict, _buffers) -> str:
        clear_tray(self.store)
        return "The tray is empty."

    def _do_group(self, msg: dict, _buffers) -> str:
        name = " ".join(str(msg.get("name", "")).split())
        if not name:
            raise InputError("the new group has no name. Fix: type a name, e.g. 'MBA class'")
        check_length(name, "group name", LINE)
        if self.grouping == "inside":
            raise InputError("inside / outside has its three sectors. Fix: show circles, "
                             "sectors or functions to add a group")
        if self.grouping == "circle":
            save_circle(self.store, Circle(name))
            return f"New circle {name}: drag the people who belong to it there."
        self.extra_groups[self.grouping].append(name)
        self.refresh()
        return f"New {self.grouping} {name}: drag people there (it is kept once someone is in it)."


class Sociogram(widgets.VBox):
    """The sociogram view: the page's style (and the demo banner), then the map."""

    def __init__(self, store, *, group_by: str = "inside"):
        self.store = store
        self.canvas = SociogramCanvas(store, group_by=group_by)
        super().__init__([demo_banner(store), self.canvas])


def sociogram(store, group_by: str = "inside") -> Sociogram:
    """Map your network by hand: rings of closeness, sectors, ties, a tray of names."""
    return Sociogram(store, group_by=group_by)
