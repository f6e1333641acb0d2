"""The case library: list, load and check the course's case studies.

A case is a Markdown file in the course's ``cases/`` folder with YAML front matter (the
format is documented for authors in ``docs/authoring.md``). Loading validates the whole
file: a problem raises :class:`~coursekit.ContentError` naming the file, the place (a field
path such as ``decisions[1]: options``, or a line) and the fix, never a bare parser error.

This module is pure: no ipywidgets. The widgets that present a case live in
:mod:`coursekit.views.case`.

Examples
--------
>>> case = load_case("the-career-impasse")
>>> case.title
'The career impasse'
>>> case.exercise
'case:the-career-impasse'
>>> [p.id for p in case.parts][:2]
['the-promise', 'stuck']
>>> [c.id for c in list_cases()]
['the-career-impasse', 'the-first-step']
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, ValidationInfo

from ._case_format import ID_PATTERN, parse_case_file
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
from ._content import content_path, display_path
from ._errors import ContentError, Problem
from ._figure_style import TEMPLATE
from ._palette import INK, QUALITATIVE
from ._problems import Places
from ._schema import fail, problems_of
from ._text import escape_html

__all__ = [
    "SESSION_MINUTES",
    "Case",
    "DecisionPoint",
    "KeyFact",
    "Option",
    "Part",
    "Phase",
    "ReflectionPrompt",
    "Source",
    "TeachingNotes",
    "TimingStep",
    "case_files",
    "check_cases",
    "list_cases",
    "load_case",
    "load_case_file",
    "narrative_html",
    "timeline_figure",
]


def case_files(course: str | Path | None = None) -> list[Path]:
    """The case files of a course (``cases/*.md``), sorted by name."""
    folder = content_path("cases", course)
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


def load_case_file(path: str | Path) -> Case:
    """Load and validate one case file.

    Parameters
    ----------
    path : str or Path
        A Markdown case file; its name (without ``.md``) must equal the case's ``id``.

    Returns
    -------
    Case

    Raises
    ------
    ContentError
        The file is missing, empty, not UTF-8, or not a valid case; one line per problem,
        each naming the file, the place and the fix.

    Examples
    --------
    >>> from coursekit._content import packaged_course
    >>> case = load_case_file(packaged_course() / "cases" / "the-first-step.md")
    >>> case.teaching_notes.total_minutes
    90
    """
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


def load_case(case_id: str, course: str | Path | None = None) -> Case:
    """Load a case of the course by its id.

    Parameters
    ----------
    case_id : str
        The case's id, which is also its file name in ``cases/`` without ``.md``.
    course : str or Path, optional
        The course folder; default :func:`coursekit.course_dir`.

    Raises
    ------
    ContentError
        No case has that id (the message lists those that exist), or the file is invalid.

    Examples
    --------
    >>> load_case("the-first-step").source.author
    'A former head of executive development at a large corporation'
    >>> load_case("no-such-case")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    coursekit._errors.ContentError: cases: no-such-case: there is no such case. Fix: use one...
    """
    folder = content_path("cases", course)
    path = folder / f"{case_id}.md"
    if not isinstance(case_id, str) or not ID_PATTERN.match(case_id) or not path.is_file():
        known = ", ".join(p.stem for p in case_files(course)) or "none (the folder is empty)"
        raise ContentError.at(display_path(folder), str(case_id), "there is no such case",
                              f"use one of: {known}")
    return load_case_file(path)


def list_cases(course: str | Path | None = None) -> list[Case]:
    """Every case of the course, sorted by id.

    Raises
    ------
    ContentError
        One or more case files are invalid; the error lists every problem of every file.
    """
    problems: list[Problem] = []
    cases = []
    for path in case_files(course):
        try:
            cases.append(load_case_file(path))
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ContentError(problems)
    return sorted(cases, key=lambda c: c.id)


def check_cases(course: str | Path) -> list[Problem]:
    """Problems in a course's case files (empty when all are valid), for ``coursekit check``.

    Examples
    --------
    >>> from coursekit._content import packaged_course
    >>> check_cases(packaged_course())
    []
    """
    folder = content_path("cases", course)
    if not folder.is_dir():
        return [Problem(display_path(folder), "", "the cases folder is missing",
                        "create a 'cases' folder in the course with one .md file per case")]
    problems: list[Problem] = []
    cases: dict[str, Case] = {}
    for path in case_files(course):
        try:
            case = parse_case_file(path)  # not the cache: a check always reads afresh
            cases[case.id] = case
        except ContentError as exc:
            problems.extend(exc.problems)
    return problems + _check_sample_case_entries(course, cases,
                                                 {p.stem for p in case_files(course)})


def _check_sample_case_entries(course: str | Path, cases: dict[str, Case],
                               files: set[str]) -> list[Problem]:
    """Sample people's case entries must name real decision points, options and prompts.

    The sample people's own format is checked by :mod:`coursekit.demo`; this checks only
    that their ``case:`` entries still fit the cases after an author edits one.
    """
    from .demo import sample_sections

    return [problem for file, entries in sample_sections(course, "entries")
            if isinstance(entries, list)
            for problem in problems_of(CaseEntries, entries, file,
                                       places=Places(prefix=("entries",)),
                                       context={"cases": cases, "case_files": files})[1]]


def _fits_its_case(entry: Any, info: ValidationInfo) -> Any:
    """A sample answer to a case names a case, decision, option or prompt that it has."""
    if not isinstance(entry, dict) or not str(entry.get("exercise", "")).startswith("case:"):
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

    Examples
    --------
    >>> narrative_html("She *chose*. <script>x</script>").strip()
    '<p>She <em>chose</em>. &lt;script&gt;x&lt;/script&gt;</p>'
    """
    import mistune  # a dependency of nbconvert, hence of every Jupyter install

    return mistune.create_markdown(escape=True)(markdown)


def timeline_figure(case: Case):
    """A timeline of the case's phases: one horizontal bar per phase on a common time axis.

    Parameters
    ----------
    case : Case

    Returns
    -------
    plotly.graph_objects.Figure
        Phases top to bottom in story order, Okabe-Ito colours, hover text with each
        phase's summary (escaped: it is shown as HTML).

    Examples
    --------
    >>> fig = timeline_figure(load_case("the-first-step"))
    >>> fig.layout.xaxis.title.text
    'Years from the start of the story (approximate)'
    >>> len(fig.data) == len(load_case("the-first-step").phases)
    True
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    labels = [escape_html(p.label) for p in case.phases]
    for i, phase in enumerate(case.phases):
        colour = QUALITATIVE[i % len(QUALITATIVE)]
        years = _years(phase.years)
        hover = (f"<b>{labels[i]}</b><br>{escape_html(phase.summary)}<br>"
                 f"years {phase.start:g} to {phase.end:g} ({years})<extra></extra>")
        fig.add_trace(go.Bar(
            y=[labels[i]], x=[phase.years], base=[phase.start], orientation="h",
            name=labels[i], marker={"color": colour, "line": {"color": INK, "width": 0.5}},
            hovertemplate=hover, showlegend=False,
        ))
    end = max((p.end for p in case.phases), default=1.0)
    fig.update_layout(
        title={"text": f"{escape_html(case.title)}: how the story unfolds"},
        # Sources rarely give dates: the lengths are the author's reading of the story.
        xaxis={"title": {"text": "Years from the start of the story (approximate)"},
               "range": [0, end * 1.02], "zeroline": False},
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
