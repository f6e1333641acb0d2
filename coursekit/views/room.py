"""The instructor's room: the class's predictions as they arrive, reveals, sections.

``class_room()`` is made for the projector (``notebooks/instructor/class_room.ipynb``, also as
an app: ``coursekit start --app``). Each decision point of the course shows its tally,
updated about every second as learners commit (no Refresh button), small groups hidden as
on the class dashboard; a button reveals what happened, and every learner's notebook shows
it. *Start the next section* begins a new round for the next group of the class. Without a
class database it shows a demo room of synthetic votes, labelled as such.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import ipywidgets as widgets

from .._errors import StoreError
from .._render import render
from .._text import escape_html
from ..classroom import live
from ..classroom.class_store import ClassStore, class_db_url, open_class_store
from ..classroom.dashboard import HIDDEN, MIN_GROUP
from ..classroom.poller import Poller, Tick
from ._common import PAGE_STYLE, Status
from .case import BOXES, html

__all__ = ["ClassRoom", "class_room"]

#: Seconds between two readings of the tally.
ROOM_SECONDS = 1.0
_ROOMS: list[ClassRoom] = []


def _demo_store(points: list[tuple[Any, Any]], course: str) -> ClassStore:
    """An in-memory class database with made-up votes, so the room can be rehearsed."""
    import random

    store = open_class_store(":memory:")
    poll, rng = live.LivePoll(store, course), random.Random(7)
    for i in range(24):
        for case, decision in points:
            if rng.random() < 0.9:
                weights = [rng.random() + (1.5 if j == 0 else 0) for j in
                           range(len(decision.options))]
                choice = rng.choices(decision.option_ids, weights)[0]
                poll.vote(f"p-{i:016x}", live.point_id(case.id, decision.id), choice)
    return store


class PointPanel(widgets.VBox):
    """One decision point in the room: its question, its tally and its reveal button."""

    def __init__(self, room: ClassRoom, case: Any, decision: Any):
        self.room, self.case, self.decision = room, case, decision
        self.point = live.point_id(case.id, decision.id)
        self.options = [(o.id, o.label) for o in decision.options]
        self.tally = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.reveal = widgets.Button(
            description="Reveal what happened", icon="eye", button_style="primary",
            tooltip=f"Show what happened in every learner's notebook: {decision.prompt}",
            layout=widgets.Layout(width="auto", flex="0 0 auto"))
        self.reveal.on_click(self._on_reveal)
        self.status = Status()
        super().__init__([html(f"<p style='margin:8px 0 2px;font-size:1.1em'><b>"
                               f"{escape_html(decision.prompt)}</b></p>"), self.tally,
                          widgets.HBox([self.reveal, self.status],
                                       layout=widgets.Layout(align_items="center"))],
                         layout=widgets.Layout(border_bottom="1px solid #ddd",
                                               padding="0 0 8px 0"))
        self.add_class("ck-point")
        self.add_class(f"ck-point--{case.id}--{decision.id}")  # for tests and styling

    def _on_reveal(self, _button: object = None) -> None:
        self.reveal.disabled, self.reveal.description = True, "Revealing\u2026"
        self.room.request("reveal", self.point)

    def refused(self, message: str) -> None:
        """The reveal did not reach the database: say so, and let the instructor try again."""
        self.reveal.disabled, self.reveal.description = False, "Reveal what happened"
        self.status.error(f"Not revealed: {message}")

    def show(self, state: live.RoomState | None) -> None:
        """Draw the tally and the button from ``state`` (only what changed is sent)."""
        if state is None:
            return
        value = render("views/room_tally.html.j2", tally=live.tally(state, self.point,
                                                                    self.options),
                       min_group=MIN_GROUP, hidden=HIDDEN)
        if self.tally.value != value:
            self.tally.value = value
        at = state.revealed.get(self.point)
        if at is not None and self.reveal.description != "Revealed":
            self.reveal.disabled, self.reveal.icon = True, "check"
            self.reveal.description = "Revealed"
            self.reveal.button_style = "success"
            self.status.ok(f"Revealed at {_local_time(at)}: every learner's notebook shows it.")
        elif at is None and self.reveal.description == "Revealed":  # a new section
            self.reveal.disabled, self.reveal.icon = False, "eye"
            self.reveal.description, self.reveal.button_style = "Reveal what happened", "primary"
            self.status.value = ""


def _local_time(at: str) -> str:
    return datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone().strftime("%H:%M:%S")


@dataclass
class RoomNews:
    """What one reading found: the room, the instructor's actions done or refused."""

    state: live.RoomState | None = None
    done: list[str] = field(default_factory=list)
    refused: list[tuple[str, Any, str]] = field(default_factory=list)  # action, what, why
    problem: str | None = None


class ClassRoom(widgets.VBox):
    """The live room (see the module). One per kernel: a new one stops the one before.

    Attributes
    ----------
    panels : dict of str to PointPanel
        Each decision point's panel, by ``<case id>/<decision id>``.
    header, status : HTML, Status
        The section and how many have voted; what went wrong reaching the database.
    next_section, confirm_section, cancel_section, reveal_all : Button
        Start the next section (asks first), and reveal every point (end of class).
    """

    def __init__(self, source: Any = None, *, course: str | None = None,
                 interval: float | None = None, loop: Any = "running"):
        from ..classroom.handin import course_id

        self.points = live.course_points()
        course = course or course_id()
        self.demo = False
        if source is None:
            source = class_db_url()
        if source is None:
            self.demo, source = True, _demo_store(self.points, course)
        self.url = None if isinstance(source, ClassStore) else str(source)
        self.store: ClassStore | None = source if isinstance(source, ClassStore) else None
        self.course = course
        self._actions: list[tuple[str, Any]] = []
        self._lock = threading.Lock()
        self.state: live.RoomState | None = None
        self.header = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.status = Status()
        self.next_section = widgets.Button(description="Start the next section\u2026",
                                           icon="forward", layout=widgets.Layout(width="auto"),
                                           tooltip="For the next group: an empty tally, "
                                                   "outcomes hidden again")
        self.confirm_section = widgets.Button(description="Start it", button_style="warning",
                                              layout=widgets.Layout(width="auto"))
        self.cancel_section = widgets.Button(description="Cancel",
                                             layout=widgets.Layout(width="auto"))
        self.confirm_text = widgets.HTML()
        self.confirm_box = widgets.HBox(
            [self.confirm_text, self.confirm_section, self.cancel_section],
            layout=widgets.Layout(display="none", flex_flow="row wrap", align_items="center"))
        self.reveal_all = widgets.Button(
            description="Reveal every outcome", icon="eye", layout=widgets.Layout(width="auto"),
            tooltip="End of class: learners see every outcome, and work on at their own pace")
        self.next_section.on_click(self._ask_next_section)
        self.confirm_section.on_click(self._start_next_section)
        self.cancel_section.on_click(lambda _b: self._hide_confirm())
        self.reveal_all.on_click(self._reveal_all)
        self.panels: dict[str, PointPanel] = {}
        body: list[widgets.Widget] = []
        for case in dict.fromkeys(case for case, _ in self.points):
            body.append(html(f"<h2 style='margin:16px 0 4px;font-size:1.3em'>"
                             f"{escape_html(case.title)}</h2>"))
            for c, decision in self.points:
                if c is case:
                    panel = PointPanel(self, case, decision)
                    self.panels[panel.point] = panel
                    body.append(panel)
        super().__init__([widgets.HTML(PAGE_STYLE), self.header, self.status,
                          widgets.HBox([self.next_section, self.reveal_all],
                                       layout=widgets.Layout(flex_flow="row wrap")),
                          self.confirm_box, *body])
        self.poller = Poller(self._read, self._show, loop=loop, name="coursekit-room")
        self.interval = ROOM_SECONDS if interval is None else interval
        for old in _ROOMS:
            old.close()
        _ROOMS[:] = [self]
        self.poller.tick()  # the first picture at once, then the timer
        self.poller.start()

    @property
    def poll(self) -> live.LivePoll:
        """The class poll, (re)connecting when needed (the timer's thread only)."""
        if self.store is None:
            self.store = open_class_store(self.url)
        return live.LivePoll(self.store, self.course)

    def close(self) -> None:
        """Stop reading the database (the widget stays as it was)."""
        self.poller.stop()
        super().close()

    def request(self, action: str, what: Any = None) -> None:
        """Ask the timer's thread to ``reveal`` a point, ``reveal_all`` or start the section."""
        with self._lock:
            self._actions.append((action, what))
        self.poller.wake()

    def _read(self) -> Tick:
        """One round on the timer's thread: the instructor's actions, then the tally."""
        news = RoomNews()
        with self._lock:
            actions, self._actions = self._actions, []
        try:
            poll = self.poll
            for action, what in actions:
                try:
                    if action == "reveal":
                        poll.reveal(what)
                    elif action == "reveal_all":
                        poll.reveal_all(self.panels)
                    else:
                        news.done.append(f"Section {poll.next_section()} started.")
                except StoreError as exc:
                    news.refused.append((action, what, str(exc)))
            news.state = poll.room()
        except StoreError as exc:
            news.problem = str(exc)
            news.refused += [(action, what, str(exc)) for action, what in actions
                             if not any(r[:2] == (action, what) for r in news.refused)]
            if self.url is not None and self.store is not None:
                self.store.close()  # a broken connection: open a new one next time
                self.store = None
            return Tick(news, max(self.interval, 3.0))
        return Tick(news, self.interval)

    def _show(self, news: RoomNews) -> None:
        """Show one reading (on the kernel's loop)."""
        for action, what, why in news.refused:
            if action == "reveal":
                self.panels[what].refused(why)
            else:
                self.status.error(f"Not done: {why}")
        if news.problem:
            self.status.error(f"{news.problem}. The tally shows the last votes read, and goes "
                              f"on when the database answers.")
            return
        if news.done:
            self.status.ok(" ".join(news.done))
        elif not news.refused and "role='alert'" in self.status.value:
            self.status.value = ""
        found, now = news.state, datetime.now().strftime("%H:%M:%S")
        if found is None:
            return
        self.state = found
        demo = (f"<div style='{BOXES['contested']}'><b>DEMO ROOM:</b> synthetic votes from "
                f"made-up learners, no class database (set COURSEKIT_CLASS_DB).</div>"
                if self.demo else "")
        voted = found.voters
        self.header.value = (
            f"{demo}<div role='status' aria-live='off'><b>Section {found.section}</b> \u00b7 "
            f"{voted} learner{'' if voted == 1 else 's'} voted so far \u00b7 live, read at "
            f"{now}. Groups of fewer than {MIN_GROUP} are hidden.</div>")
        for panel in self.panels.values():
            panel.show(found)

    def _ask_next_section(self, _button: object = None) -> None:
        number = self.state.section + 1 if self.state else 2
        self.confirm_text.value = (
            f"<span style='margin-right:8px'>Start section {number}? The tally starts from "
            f"zero and every outcome is hidden again for learners who have not seen it. This "
            f"section's votes stay in the class database.</span>")
        self.confirm_box.layout.display = "flex"

    def _hide_confirm(self) -> None:
        self.confirm_box.layout.display = "none"

    def _start_next_section(self, _button: object = None) -> None:
        self._hide_confirm()
        self.request("next_section")

    def _reveal_all(self, _button: object = None) -> None:
        self.request("reveal_all")


def class_room(source: Any = None, **kwargs: Any) -> ClassRoom:
    """The instructor's live room for the projector.

    ``class_room()`` reads ``COURSEKIT_CLASS_DB`` (without it: a demo room of synthetic
    votes); ``class_room("postgresql://...")`` or ``class_room(class_store)`` name the
    class database.

    Examples
    --------
    >>> room = class_room(loop=None)
    >>> room.demo, len(room.panels) > 3
    (True, True)
    >>> "Section 1" in room.header.value
    True
    >>> room.close()
    """
    return ClassRoom(source, **kwargs)
