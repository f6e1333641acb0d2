"""Reading and validating a case file: Markdown narrative under YAML front matter.

The format is documented for authors in ``docs/authoring.md``. Every check records a
problem (file, place, what is wrong, fix) and goes on, so an author sees every problem
of a file at once; only the first failures that make the rest unreadable (bad encoding,
no front matter, a YAML syntax error) stop early.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._case_model import (
    SESSION_MINUTES,
    Case,
    DecisionPoint,
    KeyFact,
    Option,
    Part,
    Phase,
    ReflectionPrompt,
    Source,
    TeachingNotes,
    TimingStep,
)
from ._content import display_path, read_text, split_front_matter
from ._text import slug
from ._validate import FieldChecker, describe

#: Ids (of cases, parts, decisions, options, prompts): lowercase letters, digits, hyphens.
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

TOP_FIELDS = {"id", "title", "source", "objectives", "minutes", "phases", "decisions",
              "discussion", "key_facts", "reflections", "teaching_notes"}
SOURCE_FIELDS = {"title", "author", "outlet", "url", "year", "note"}
PHASE_FIELDS = {"label", "start", "end", "summary"}
DECISION_FIELDS = {"id", "after", "prompt", "options", "outcome"}
OPTION_FIELDS = {"id", "label"}
FACT_FIELDS = {"fact", "citation", "contested", "note"}
REFLECTION_FIELDS = {"id", "after", "prompt"}
NOTES_FIELDS = {"timing", "board_plan", "listen_for"}
TIMING_FIELDS = {"minutes", "activity"}

_HEADING = re.compile(r"^##\s+(?P<title>.*?)\s*(?:\{#(?P<id>[^}]*)\})?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def parse_case_file(path: str | Path) -> Case:
    """Read, parse and validate one case file; raise ContentError listing every problem."""
    path = Path(path)
    file = display_path(path)
    text = read_text(path)
    meta, body, body_line = split_front_matter(text, file)
    return parse_case(meta, body, body_line, file=file, stem=path.stem, path=path)


def parse_case(meta: Mapping[str, Any], body: str, body_line: int, *, file: str,
               stem: str | None = None, path: Path | None = None) -> Case:
    """Build a :class:`Case` from parsed front matter and the Markdown body.

    ``body_line`` is the file line where the body starts (for error messages); ``stem``
    is the file name without ``.md``, which the case id must equal.
    """
    c = FieldChecker(file)
    fm = "front matter"
    c.unknown_keys(meta, TOP_FIELDS, fm)

    case_id = _id(c, meta, fm)
    if case_id and stem is not None and case_id != stem:
        c.problem(f"{fm}: id", f"'{case_id}' differs from the file name '{stem}.md'",
                  f"rename the file to {case_id}.md or set id: {stem}")
    title = c.need(meta, "title", str, fm, default="")
    source = _source(c, meta)
    objectives = _text_list(c, meta, "objectives", fm)
    minutes = c.need(meta, "minutes", int, fm, default=0)
    if "minutes" in meta and isinstance(meta["minutes"], int) and minutes <= 0:
        c.problem(f"{fm}: minutes", f"should be a positive number of minutes, not {minutes}",
                  "write how long a learner needs for the case, e.g. minutes: 45")
        minutes = 0

    parts = _parts(c, body, body_line)
    part_ids = {p.id for p in parts}
    phases = _phases(c, meta)
    decisions = _decisions(c, meta, part_ids)
    discussion = _text_list(c, meta, "discussion", fm)
    key_facts = _facts(c, meta)
    reflections = _reflections(c, meta, part_ids)
    notes = _teaching_notes(c, meta)

    c.raise_if_any()
    return Case(case_id, title, source, objectives, minutes, parts, phases, decisions,
                discussion, key_facts, reflections, notes, path)


# -- small checks -----------------------------------------------------------------------


def _id(c: FieldChecker, data: Any, place: str, key: str = "id") -> str:
    value = c.need(data, key, str, place, default="")
    if value and not ID_PATTERN.match(value):
        where = f"{place}: {key}" if place else key
        c.problem(where, f"'{value}' is not a valid id",
                  f"use lowercase letters, digits and hyphens, e.g. {key}: {slug(value) or 'x'}")
    return value


def _items(c: FieldChecker, data: Any, key: str, place: str, prefix: str = ""
           ) -> list[tuple[str, Any]]:
    """The entries of a list field, each with its place (``key[i]``), mappings only."""
    values = c.need(data, key, list, place, default=[])
    out = []
    for i, item in enumerate(values):
        where = f"{prefix}{key}[{i}]"
        if not isinstance(item, Mapping):
            c.problem(where, f"should be a set of fields, not {describe(item)}",
                      f"write each entry of {key} as indented 'name: value' lines after '- '")
            continue
        out.append((where, item))
    return out


def _text_list(c: FieldChecker, data: Any, key: str, place: str, prefix: str = ""
               ) -> tuple[str, ...]:
    values = c.need(data, key, list, place, default=[])
    out = []
    for i, item in enumerate(values):
        if isinstance(item, str) and item.strip():
            out.append(item.strip())
        else:
            c.problem(f"{prefix}{key}[{i}]", f"should be text, not {describe(item)}",
                      f"write each entry of {key} as '- text' (quote text holding ': ')")
    return tuple(out)


def _unique(c: FieldChecker, seen: dict[str, str], value: str, where: str, what: str) -> None:
    if not value:
        return
    if value in seen:
        c.problem(where, f"{what} '{value}' is used twice (also at {seen[value]})",
                  f"give each {what} its own id")
    else:
        seen[value] = where


def _after(c: FieldChecker, item: Mapping, where: str, part_ids: set[str]) -> str:
    after = c.need(item, "after", str, where, default="")
    if after and part_ids and after not in part_ids:
        c.problem(f"{where}: after", f"refers to part '{after}', which the case does not have",
                  f"use one of the parts' ids: {', '.join(sorted(part_ids))}")
    return after


# -- sections ---------------------------------------------------------------------------


def _source(c: FieldChecker, meta: Mapping) -> Source:
    data = c.need(meta, "source", dict, "front matter", default={})
    if not data:  # already reported; its fields would only repeat the problem
        return Source("", "", "")
    place = "source"
    c.unknown_keys(data, SOURCE_FIELDS, place)
    title = c.need(data, "title", str, place, default="")
    author = c.need(data, "author", str, place, default="")
    outlet = c.need(data, "outlet", str, place, default="")
    url = c.need(data, "url", str, place, required=False)
    year = c.need(data, "year", int, place, required=False)
    note = c.need(data, "note", str, place, required=False)
    if url and not re.match(r"^https?://\S+$", url):
        c.problem(f"{place}: url", f"'{url}' is not a web address",
                  "write the full address, starting with https://")
    if not url and not note:
        c.problem(f"{place}: url", "is missing",
                  "add 'url: https://...', or when the source has no address a "
                  "'note:' saying where a reader can find it")
    if isinstance(year, int) and not 1800 <= year <= 2200:
        c.problem(f"{place}: year", f"{year} is not a plausible year", "write a year like 2015")
        year = None
    return Source(title, author, outlet, url, year, note)


def _phases(c: FieldChecker, meta: Mapping) -> tuple[Phase, ...]:
    out = []
    for where, item in _items(c, meta, "phases", "front matter"):
        c.unknown_keys(item, PHASE_FIELDS, where)
        label = c.need(item, "label", str, where, default="")
        start = c.need(item, "start", float, where)
        end = c.need(item, "end", float, where)
        summary = c.need(item, "summary", str, where, default="")
        if start is None or end is None:
            continue
        if start < 0:
            c.problem(f"{where}: start", f"is {start}, before the story starts",
                      "count years from the start of the story: 0 or more")
        if end <= start:
            c.problem(f"{where}: end", f"({end}) is not after start ({start})",
                      "make end later than start; for a single moment give it a short "
                      "length, e.g. end: start + 0.25")
        out.append(Phase(label, float(start), float(end), summary))
    return tuple(out)


def _decisions(c: FieldChecker, meta: Mapping, part_ids: set[str]) -> tuple[DecisionPoint, ...]:
    out = []
    seen: dict[str, str] = {}
    for where, item in _items(c, meta, "decisions", "front matter"):
        c.unknown_keys(item, DECISION_FIELDS, where)
        did = _id(c, item, where)
        _unique(c, seen, did, f"{where}: id", "decision id")
        after = _after(c, item, where, part_ids)
        prompt = c.need(item, "prompt", str, where, default="")
        options = []
        option_seen: dict[str, str] = {}
        for owhere, option in _items(c, item, "options", where, f"{where}."):
            c.unknown_keys(option, OPTION_FIELDS, owhere)
            oid = _id(c, option, owhere)
            _unique(c, option_seen, oid, f"{owhere}: id", "option id")
            label = c.need(option, "label", str, owhere, default="")
            options.append(Option(oid, label))
        if "options" in item and isinstance(item["options"], list) and len(item["options"]) < 2:
            c.problem(f"{where}: options", f"has {len(item['options'])} option(s)",
                      "offer at least two options to choose between")
        outcome = c.need(item, "outcome", str, where, default="")
        out.append(DecisionPoint(did, after, prompt, tuple(options), outcome.strip()))
    return tuple(out)


def _facts(c: FieldChecker, meta: Mapping) -> tuple[KeyFact, ...]:
    out = []
    for where, item in _items(c, meta, "key_facts", "front matter"):
        c.unknown_keys(item, FACT_FIELDS, where)
        fact = c.need(item, "fact", str, where, default="")
        citation = c.need(item, "citation", str, where, default="")
        contested = c.need(item, "contested", bool, where, required=False, default=False)
        note = c.need(item, "note", str, where, required=False)
        if contested and not note:
            c.problem(f"{where}: note", "is missing for a contested fact",
                      "add 'note: ...' saying what disputes the fact and where that is published")
        out.append(KeyFact(fact.strip(), citation.strip(), bool(contested),
                           note.strip() if note else None))
    return tuple(out)


def _reflections(c: FieldChecker, meta: Mapping, part_ids: set[str]
                 ) -> tuple[ReflectionPrompt, ...]:
    out = []
    seen: dict[str, str] = {}
    for where, item in _items(c, meta, "reflections", "front matter"):
        c.unknown_keys(item, REFLECTION_FIELDS, where)
        rid = _id(c, item, where)
        _unique(c, seen, rid, f"{where}: id", "reflection id")
        after = _after(c, item, where, part_ids)
        prompt = c.need(item, "prompt", str, where, default="")
        out.append(ReflectionPrompt(rid, after, prompt.strip()))
    return tuple(out)


def _teaching_notes(c: FieldChecker, meta: Mapping) -> TeachingNotes:
    data = c.need(meta, "teaching_notes", dict, "front matter", default={})
    if not data:
        return TeachingNotes((), (), ())
    place = "teaching_notes"
    c.unknown_keys(data, NOTES_FIELDS, place)
    steps = []
    for where, item in _items(c, data, "timing", place, f"{place}."):
        c.unknown_keys(item, TIMING_FIELDS, where)
        minutes = c.need(item, "minutes", int, where)
        activity = c.need(item, "activity", str, where, default="")
        if isinstance(minutes, int) and minutes <= 0:
            c.problem(f"{where}: minutes", f"is {minutes}", "give each block 1 minute or more")
            minutes = None
        if minutes is not None:
            steps.append(TimingStep(minutes, activity))
    timing = tuple(steps)
    if isinstance(data.get("timing"), list) and len(timing) == len(data["timing"]):
        total = sum(s.minutes for s in timing)
        if total != SESSION_MINUTES:
            diff = SESSION_MINUTES - total
            change = f"add {diff}" if diff > 0 else f"remove {-diff}"
            c.problem(f"{place}: timing", f"adds up to {total} minutes, not {SESSION_MINUTES}",
                      f"{change} minutes so the plan fills a {SESSION_MINUTES}-minute session")
    board = _text_list(c, data, "board_plan", place, f"{place}.")
    listen = _text_list(c, data, "listen_for", place, f"{place}.")
    return TeachingNotes(timing, board, listen)


# -- the narrative ----------------------------------------------------------------------


def _parts(c: FieldChecker, body: str, body_line: int) -> tuple[Part, ...]:
    """Split the body at ``## `` headings (outside code fences) into parts."""
    heads: list[tuple[int, str, str | None]] = []  # (index in lines, title, explicit id)
    lines = body.split("\n")
    in_fence = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence and line.startswith("## "):
            m = _HEADING.match(line)
            assert m is not None  # the pattern accepts any line starting with '## '
            heads.append((i, m.group("title"), m.group("id")))
    if not heads:
        c.problem("body", "has no parts",
                  "after the front matter, start each part of the story with a line "
                  "'## Part title {#part-id}'")
        return ()
    before = "\n".join(lines[: heads[0][0]]).strip()
    if before:
        first = next(i for i, ln in enumerate(lines) if ln.strip())
        c.problem(f"line {body_line + first}", "text before the first part heading",
                  "start the body with a '## Part title {#part-id}' heading, or move the "
                  "text into a part")
    parts = []
    seen: dict[str, str] = {}
    for n, (i, title, explicit) in enumerate(heads):
        line_no = body_line + i
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        text = "\n".join(lines[i + 1: end]).strip()
        where = f"line {line_no}"
        if not title:
            c.problem(where, "part heading has no title", "write the part's title after '## '")
        pid = explicit.strip() if explicit is not None else slug(title)
        if not pid or not ID_PATTERN.match(pid):
            c.problem(where, f"part id '{pid}' is not a valid id",
                      f"end the heading with {{#{slug(pid) or 'part-id'}}}: lowercase "
                      "letters, digits and hyphens")
        _unique(c, seen, pid, where, "part id")
        if not text:
            c.problem(where, f"part '{pid or title}' has no text",
                      "write the part's narrative below its heading, or remove the heading")
        parts.append(Part(pid, title, text, line_no))
    return tuple(parts)
