"""The case library: list, load and check the course's case studies (no widgets).

A case is a Markdown file in ``cases/``: YAML front matter, then the narrative in ``## ``
parts (documented in ``docs/authoring.md``, described by :mod:`coursekit._case_model`).
Loading reports every problem of a file at once, each naming the place and the fix.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, ValidationInfo

from ._case_model import SESSION_MINUTES, Body, Case, DecisionPoint, ReflectionPrompt
from ._content import content_path, display_path, read_text, split_front_matter
from ._errors import ContentError, Problem
from ._figure_style import TEMPLATE
from ._palette import INK, QUALITATIVE
from ._problems import Places
from ._schema import ID_PATTERN, fail, problems_of
from ._text import escape_html, slug

__all__ = ["SESSION_MINUTES", "Case", "DecisionPoint", "ReflectionPrompt", "case_files",
           "check_cases", "list_cases", "load_case", "load_case_file", "narrative_html",
           "parse_case_file", "timeline_figure"]

_HEADING = re.compile(r"^##\s+(?P<title>.*?)\s*(?:\{#(?P<id>[^}]*)\})?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def case_files(course: str | Path | None = None) -> list[Path]:
    """The case files of a course (``cases/*.md``), sorted by name."""
    folder = content_path("cases", course)
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


def load_case_file(path: str | Path) -> Case:
    """Load and validate one case file, named ``<id>.md``; any problem raises ContentError."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        return parse_case_file(path)  # reports the missing file as a ContentError
    return _cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _cached(path: str, mtime_ns: int, size: int) -> Case:
    # Keyed on modification time and size, so an author's edit is seen on the next load;
    # cases are frozen, so sharing one object between views is safe.
    return parse_case_file(Path(path))


def parse_case_file(path: str | Path) -> Case:
    """Read, parse and validate one case file afresh (no cache)."""
    path = Path(path)
    return parse_case_text(read_text(path), display_path(path), path.stem, path=path)


def parse_case_text(text: str, file: str, stem: str, *, path: Path | None = None) -> Case:
    """Parse and validate a case file's text; ``stem`` is the file name the id must equal."""
    meta, body, body_line = split_front_matter(text, file)
    parts = split_parts(body, body_line)
    part_ids = [p["id"] for p in parts if p["title"] is not None] or None  # none: reported once
    case, problems = problems_of(Case, meta, file, places=Places(top="front matter", nest="."),
                                 context={"parts": part_ids, "stem": stem, "suffix": ".md"})
    lines = {(i,): part["line"] for i, part in enumerate(parts)}
    body_parts, more = problems_of(Body, parts, file, places=Places(top="body", lines=lines))
    if problems or more:
        raise ContentError(problems + more)
    return case.model_copy(update={"parts": body_parts, "path": path})


def split_parts(body: str, body_line: int) -> list[dict[str, Any]]:
    r"""Split the body at ``## `` headings (outside code fences) into parts.

    Each part is ``{"id", "title", "text", "line"}``; its id is the heading's ``{#id}`` or
    made from its title. Text before the first heading becomes a part without a title.

    >>> body = "\n".join(["## Get ready", "", "Text", "## B {#b}", "x"])
    >>> [(p["id"], p["line"]) for p in split_parts(body, 5)]
    [('get-ready', 5), ('b', 8)]
    """
    lines = body.split("\n")
    heads: list[tuple[int, re.Match[str]]] = []  # (index in lines, heading)
    in_fence = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        # The pattern accepts any '## ' line.
        elif not in_fence and line.startswith("## ") and (head := _HEADING.match(line)):
            heads.append((i, head))
    parts: list[dict[str, Any]] = []
    if heads and (lead := "\n".join(lines[: heads[0][0]]).strip()):
        first = next(i for i, ln in enumerate(lines) if ln.strip())
        parts.append({"title": None, "text": lead, "line": body_line + first})
    for n, (i, head) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        parts.append({"id": slug(head["title"]) if head["id"] is None else head["id"].strip(),
                      "title": head["title"], "text": "\n".join(lines[i + 1: end]).strip(),
                      "line": body_line + i})
    return parts


def load_case(case_id: str, course: str | Path | None = None) -> Case:
    """Load a case of the course (default :func:`coursekit.course_dir`) by its id.

    >>> load_case("the-first-step").title
    'The first step'
    >>> load_case("no-such-case")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    coursekit._errors.ContentError: cases: no-such-case: there is no such case. Fix: use one...
    """
    folder = content_path("cases", course)
    path = folder / f"{case_id}.md"
    if not isinstance(case_id, str) or not ID_PATTERN.match(case_id) or not path.is_file():
        known = ", ".join(p.stem for p in case_files(course)) or "none (the folder is empty)"
        raise ContentError.at(display_path(folder), str(case_id), "there is no such case",
                              f"use one of: {known}")
    return load_case_file(path)


def _load_all(course: str | Path | None, load) -> tuple[list[Case], list[Problem]]:
    cases, problems = [], []
    for path in case_files(course):
        try:
            cases.append(load(path))
        except ContentError as exc:
            problems.extend(exc.problems)
    return cases, problems


def list_cases(course: str | Path | None = None) -> list[Case]:
    """Every case of the course, sorted by id (ContentError: every problem of every file)."""
    cases, problems = _load_all(course, load_case_file)
    if problems:
        raise ContentError(problems)
    return sorted(cases, key=lambda c: c.id)


def check_cases(course: str | Path) -> list[Problem]:
    """Problems in a course's case files (empty when all are valid), for ``coursekit check``."""
    folder = content_path("cases", course)
    if not folder.is_dir():
        return [Problem(display_path(folder), "", "the cases folder is missing",
                        "create a 'cases' folder in the course with one .md file per case")]
    cases, problems = _load_all(course, parse_case_file)  # not the cache: a check reads afresh
    from .demo import sample_sections  # which checks the sample people's own format

    # Sample people's ``case:`` entries must still fit the cases after an author edits one.
    context = {"cases": {c.id: c for c in cases},
               "case_files": {p.stem for p in case_files(course)}}
    for file, entries in sample_sections(course, "entries"):
        if isinstance(entries, list):
            problems += problems_of(CaseEntries, entries, file, context=context,
                                    places=Places(prefix=("entries",)))[1]
    return problems + [p for case in cases for p in _pre_class_times(case, course)]


def _pre_class_times(case: Case, course: str | Path) -> list[Problem]:
    """A pre-class task that is a questionnaire takes the questionnaire's own minutes.

    So that a questionnaire's time is the same everywhere; an instrument whose file has
    problems is reported by the questionnaires' own check.
    """
    from .assessment import load_instrument

    problems = []
    file = display_path(case.path) if case.path else f"{case.id}.md"
    for n, task in enumerate(case.teaching_notes.pre_class):
        if task.questionnaire is None:
            continue
        place = f"teaching_notes.pre_class[{n}]"
        try:
            instrument = load_instrument(task.questionnaire, course)
        except KeyError:
            known = ", ".join(p.stem for p in sorted(content_path("instruments", course)
                                                     .glob("*.yaml"))) or "none"
            problems.append(Problem(file, f"{place}: questionnaire",
                                    f"'{task.questionnaire}' is not a questionnaire of the "
                                    "course", f"use one of: {known}"))
            continue
        except ContentError:  # the questionnaire's own check reports its file
            instrument = None
        if instrument is not None and instrument.minutes != task.minutes:
            problems.append(Problem(
                file, f"{place}: minutes",
                f"says {task.minutes} minutes; the questionnaire '{instrument.id}' says "
                f"{instrument.minutes} (its 'minutes:')",
                f"write minutes: {instrument.minutes}, or change the questionnaire's minutes "
                "if it really takes longer"))
    return problems


def _fits_its_case(entry: Any, info: ValidationInfo) -> Any:
    """A sample answer to a case names a case, decision, option or prompt that it has."""
    if not isinstance(entry, dict) or not str(entry.get("exercise", "")).startswith("case:"):
        return entry
    if info.context is None:  # validated without the course's cases: none to compare with
        return entry
    cases: dict[str, Case] = info.context["cases"]
    case_id = str(entry["exercise"]).removeprefix("case:")
    if case_id not in cases:
        if case_id not in info.context["case_files"]:  # a broken case is reported on its own
            fail(f"there is no case '{case_id}'",
                 f"use one of: case:{', case:'.join(sorted(cases))}", "exercise")
        return entry
    case = cases[case_id]
    kind, _, item = str(entry.get("key", "")).partition(":")
    decisions = {d.id: d for d in case.decisions}
    if kind == "decision" and item not in decisions:
        fail(f"case '{case.id}' has no decision '{item}'",
             f"use decision:<id> with one of: {', '.join(decisions)}", "key")
    if kind == "decision" and entry.get("value") not in decisions[item].option_ids:
        fail(f"'{entry.get('value')}' is not an option of decision '{item}'",
             f"use one of: {', '.join(decisions[item].option_ids)}", "value")
    prompts = sorted(r.id for r in case.reflections)
    if kind == "reflection" and item not in prompts:
        fail(f"case '{case.id}' has no reflection prompt '{item}'",
             f"use reflection:<id> with one of: {', '.join(prompts)}", "key")
    return entry


#: A sample person's entries, as far as they answer a case.
CaseEntries = tuple[Annotated[Any, AfterValidator(_fits_its_case)], ...]


def narrative_html(markdown: str) -> str:
    """Markdown narrative as HTML; raw HTML in the text is escaped, not run.

    >>> narrative_html("She *chose*. <script>x</script>").strip()
    '<p>She <em>chose</em>. &lt;script&gt;x&lt;/script&gt;</p>'
    """
    import mistune  # a dependency of nbconvert, hence of every Jupyter install

    html = mistune.create_markdown(escape=True)(markdown)
    if not isinstance(html, str):  # only mistune's AST renderer gives a list of tokens
        raise TypeError(f"mistune rendered {type(html).__name__}, not HTML text")
    return html


def timeline_figure(case: Case):
    """A timeline of the case's phases: one horizontal bar per phase on a common time axis.

    Phases go top to bottom in story order, with each phase's summary (escaped: it is shown
    as HTML) as hover text.
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    labels = [escape_html(p.label) for p in case.phases]
    for i, (phase, label) in enumerate(zip(case.phases, labels, strict=True)):
        hover = (f"<b>{label}</b><br>{escape_html(phase.summary)}<br>"
                 f"years {phase.start:g} to {phase.end:g} ({_years(phase.years)})<extra></extra>")
        colour = QUALITATIVE[i % len(QUALITATIVE)]
        fig.add_trace(go.Bar(
            y=[label], x=[phase.years], base=[phase.start], orientation="h", name=label,
            marker={"color": colour, "line": {"color": INK, "width": 0.5}},
            hovertemplate=hover, showlegend=False,
        ))
    fig.update_layout(
        title={"text": f"{escape_html(case.title)}: how the story unfolds"},
        # Sources rarely give dates: the lengths are the author's reading of the story.
        xaxis={"title": {"text": "Years from the start of the story (approximate)"},
               "range": [0, max((p.end for p in case.phases), default=1.0) * 1.02],
               "zeroline": False},
        yaxis={"title": {"text": "Phase"}, "autorange": "reversed",
               "categoryorder": "array", "categoryarray": labels},
        barmode="overlay", bargap=0.35, template=TEMPLATE,
        height=140 + 46 * max(len(case.phases), 1),
    )
    return fig


def _years(value: float) -> str:
    """A duration in plain words: '1 year', '2.5 years', 'about 3 months'."""
    if value < 1:
        months = round(value * 12)
        return f"about {months} month{'s' if months != 1 else ''}"
    return f"{value:g} year{'s' if value != 1 else ''}"
