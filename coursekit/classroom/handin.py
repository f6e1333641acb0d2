"""The learner's hand-in: an anonymised summary in one JSON file, read before it is sent.

What goes in and what never does: docs/jupyterhub.md ("Privacy, in short"); the layout:
:mod:`coursekit.classroom.handin_format`.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .._content import COURSE_MARKER, course_dir, load_yaml
from .._errors import ContentError
from .._limits import TEXT
from .._text import colon_join, slug
from ..exercises import exercises
from ..store import LearnerStore
from . import handin_sections as sections
from .handin_format import FORMAT, VERSION, HandinError, now_utc, validate_handin

#: Key in the learner store's ``meta`` table that holds the hand-in pseudonym.
PSEUDONYM_META = "handin_pseudonym"


def pseudonym(store: LearnerStore) -> str:
    """The learner's hand-in pseudonym: random, made once and kept, telling nobody who it is."""
    value = store.meta(PSEUDONYM_META)
    if value:
        return value
    # Insert-if-absent and read back in one write transaction: two notebooks making their
    # first hand-in at once agree on one pseudonym.
    with store.transaction() as conn:
        conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                     (PSEUDONYM_META, "p-" + secrets.token_hex(8)))
        return conn.execute("SELECT value FROM meta WHERE key = ?",
                            (PSEUDONYM_META,)).fetchone()[0]


def course_id(course: str | Path | None = None) -> str:
    """The course's id: ``id`` in course.yaml, or its title as a slug."""
    try:
        data = load_yaml(Path(course or course_dir()) / COURSE_MARKER)
    except (ContentError, FileNotFoundError):
        data = None
    names = [data.get(key) for key in ("id", "title")] if isinstance(data, Mapping) else []
    return next((slug(n) for n in names if isinstance(n, str) and slug(n)), "coursekit")


class NamesInReflections(HandinError):
    """Ticked reflections name people in the network (``mentions``: by reflection)."""

    def __init__(self, mentions: dict[tuple[str, str], list[sections.NameMention]]):
        self.mentions = mentions
        n, people = len(mentions), len({m.contact for found in mentions.values() for m in found})
        super().__init__(f"{n} ticked reflection{'s' if n != 1 else ''} "
                         f"name{'' if n != 1 else 's'} {people} "
                         f"{'people' if people != 1 else 'person'} you know, whose names "
                         f"never leave in a hand-in. Fix: replace the names with their roles, "
                         f"or untick the reflection")


def make_handin(store: LearnerStore, *, shared_reflections: Iterable[tuple[str, str]] = (),
                include_item_responses: bool = False, replace_names: bool = False,
                course: str | None = None) -> dict[str, Any]:
    """Build the learner's anonymised hand-in (validated; a section per exercise that has one).

    Of their free text only the reflections in ``shared_reflections`` (the ``(exercise, key)``
    pairs ticked) go in; one naming a contact stops the hand-in (:class:`NamesInReflections`)
    unless ``replace_names`` puts ``[their role]`` in each name's place, and one too long
    raises :class:`HandinError`. ``include_item_responses`` (off unless ticked) adds each
    questionnaire item's keyed answer, which the class's Cronbach's alpha needs. A demo store
    gives a hand-in marked ``"demo": true``; ``course`` defaults to :func:`course_id`.
    """
    from .. import __version__

    wanted = {(str(e), str(k)) for e, k in shared_reflections}
    shared = [{"exercise": r.exercise, "key": r.key, "text": r.text}
              for r in sections.reflections(store) if (r.exercise, r.key) in wanted]
    for r in shared:
        if len(r["text"]) > TEXT:
            raise HandinError(f"A reflection you ticked is {len(r['text']):,} characters long, "
                              f"more than a hand-in holds. Fix: shorten it to at most {TEXT:,} "
                              f"characters in its notebook, or untick it")
    if shared:
        contacts = sections.people_named(store)
        if replace_names:
            shared = [{**r, "text": sections.replace_names(r["text"], contacts)} for r in shared]
        elif found := {(r["exercise"], r["key"]): mentions for r in shared
                       if (mentions := sections.name_mentions(r["text"], contacts))}:
            raise NamesInReflections(found)
    return validate_handin({
        "format": FORMAT, "version": VERSION, "pseudonym": pseudonym(store),
        "course": course or course_id(), "created_at": now_utc(),
        "coursekit_version": __version__, "demo": bool(store.demo), "reflections": shared,
        "exercises": {e.id: section for e in exercises()
                      if (section := e.handin(store, include_items=include_item_responses))
                      is not None}})


def _resolve(handin_or_store: Mapping[str, Any] | LearnerStore,
             shared_reflections: Iterable[tuple[str, str]]) -> dict[str, Any]:
    if isinstance(handin_or_store, LearnerStore):
        return make_handin(handin_or_store, shared_reflections=shared_reflections)
    return validate_handin(handin_or_store)


def _course_words(course: str) -> str:
    """The course's title when the hand-in is for the course in use, else its id as sent."""
    try:
        data = load_yaml(course_dir() / COURSE_MARKER)
    except (ContentError, FileNotFoundError):
        return course
    title = data.get("title") if isinstance(data, Mapping) else None
    return title if isinstance(title, str) and course == course_id() else course


def preview_handin(handin_or_store: Mapping[str, Any] | LearnerStore, *,
                   shared_reflections: Iterable[tuple[str, str]] = ()) -> str:
    """Every value a hand-in holds, in words, so the learner reads exactly what they send."""
    h = _resolve(handin_or_store, shared_reflections)
    lines = [f"Your hand-in (version {h['version']} of the coursekit hand-in format)",
             f"Pseudonym (random, not your name): {h['pseudonym']}",
             f"Course: {_course_words(h['course'])}",
             f"Made at (UTC): {h['created_at']}",
             f"Made with version {h['coursekit_version']} of the course software"]
    if h["demo"]:
        lines.append("DEMO: made from sample data, not a real learner")
    known = {e.id: e for e in exercises()}
    for exercise_id, section in h["exercises"].items():
        exercise = known.get(exercise_id)
        lines += ["", colon_join(exercise.title if exercise else exercise_id)]
        described = exercise.describe_handin(section) if exercise else [str(section)]
        lines.extend(f"  {line}" for line in described)
    if not h["exercises"]:
        lines += ["", "Exercises: nothing yet"]
    lines.append("")
    if h["reflections"]:
        lines.append("Reflections you chose to share:")
        for r in h["reflections"]:
            lines.append("  " + colon_join(sections.reflection_label(r["exercise"], r["key"])))
            lines.extend(f"    {line}" for line in r["text"].splitlines() or [""])
    else:
        lines.append("Reflections: none shared (all your reflections stay private)")
    return "\n".join(lines)


def handin_json(handin: Mapping[str, Any]) -> str:
    """The hand-in as the exact text written to its file."""
    return json.dumps(handin, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def default_handin_folder(store: LearnerStore) -> Path:
    """Where the hand-in file goes: beside the store (an in-memory one: the working folder)."""
    return store.path.parent if store.path is not None else Path.cwd()


def save_handin(handin_or_store: Mapping[str, Any] | LearnerStore, path: str | Path | None = None,
                *, shared_reflections: Iterable[tuple[str, str]] = ()) -> Path:
    """Write a hand-in (or the one :func:`make_handin` makes of a store) as a JSON file.

    ``path`` is a file ending in ``.json``, or a folder to write ``handin-<pseudonym>.json``
    into (a path without a suffix is a folder, created when missing); by default the folder
    of the learner's store. Returns the file's path.
    """
    h = _resolve(handin_or_store, shared_reflections)
    if path is None:
        if not isinstance(handin_or_store, LearnerStore):
            raise TypeError("give a path when saving a hand-in dict")
        path = default_handin_folder(handin_or_store)
    path = Path(path).expanduser()
    if path.is_dir() or (not path.exists() and not path.suffix):
        path = path / f"handin-{'demo-' if h['demo'] else ''}{h['pseudonym']}.json"
    elif path.suffix.lower() != ".json":
        raise HandinError(f"{path.name}: a hand-in file's name ends in .json (coursekit "
                          f"collect reads only those). Fix: save to a folder, or to a name "
                          f"ending in .json")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(handin_json(h), encoding="utf-8")
    tmp.replace(path)
    return path
