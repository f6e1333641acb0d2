"""The plan's parts as HTML fragments for the report. Every learner text is escaped."""

from __future__ import annotations

from .._text import escape_html as esc
from ..planning.goal import STATUS_WORDS
from ..planning.model import PATH_PROMPTS, RATINGS, Plan, Step

_NOT_YET = '<p class="empty">Not written yet.</p>'


def _text(value: str) -> str:
    """Escaped learner text with its line breaks kept."""
    return esc(value).replace("\n", "<br>")


def vision_html(plan: Plan) -> str:
    """The three paths side by side, each a card with its title, text and ratings."""
    if all(p.is_empty for p in plan.paths):
        return _NOT_YET
    cards = []
    for path in plan.paths:
        ratings = "".join(
            f"<tr><th scope='row'>{name.capitalize()}</th>"
            f"<td>{'&ndash;' if value is None else f'{value} of 5'}"
            f"{'' if value is None else _dots(value)}</td></tr>"
            for name, value in path.ratings.items())
        cards.append(
            f"<article class='card path'><h3>{esc(path.label)}</h3>"
            f"<p class='prompt'>{esc(PATH_PROMPTS[path.kind])}</p>"
            f"<p class='path-title'>{_text(path.title) or '<em>No title yet</em>'}</p>"
            f"{f'<p>{_text(path.description)}</p>' if path.description else ''}"
            f"{_questions(path.questions)}"
            f"<table class='ratings'><caption>Ratings, 1 (low) to 5 (high)</caption>"
            f"<tbody>{ratings}</tbody></table></article>")
    return f"<div class='cards'>{''.join(cards)}</div>"


def _dots(value: int) -> str:
    # filled and open circles: readable without colour, hidden from screen readers
    return (f" <span class='dots' aria-hidden='true'>{'&#9679;' * value}"
            f"{'&#9675;' * (5 - value)}</span>")


def _questions(text: str) -> str:
    if not text.strip():
        return ""
    lines = [line.strip(" -*\t") for line in text.splitlines() if line.strip(" -*\t")]
    items = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return f"<p class='label'>Questions it raises</p><ul>{items}</ul>"


def goal_html(plan: Plan) -> str:
    """The goal, its best outcome and target date."""
    goal = plan.goal
    if not goal.goal:
        return _NOT_YET
    parts = [f"<p class='goal'><strong>My goal:</strong> {_text(goal.goal)}</p>"]
    if goal.outcome:
        parts.append(f"<p><strong>The best outcome:</strong> {_text(goal.outcome)}</p>")
    if goal.target_date:
        parts.append(f"<p><strong>By:</strong> <time datetime='{goal.target_date.isoformat()}'>"
                     f"{goal.target_date.strftime('%d %B %Y')}</time></p>")
    return "".join(parts)


def skills_html(plan: Plan) -> str:
    """The skills-gap matrix as a table, with a status word (not only a colour)."""
    if not plan.skills:
        return '<p class="empty">No skills listed yet.</p>'
    rows = "".join(
        f"<tr class='status-{s.status}'><th scope='row'>{_text(s.skill)}</th>"
        f"<td>{_text(s.evidence) or '&ndash;'}</td><td>{_text(s.builder) or '&ndash;'}</td>"
        f"<td class='status'>{esc(STATUS_WORDS[s.status])}</td></tr>"
        for s in plan.skills)
    have = sum(s.status == "have" for s in plan.skills)
    return (f"<p>{have} of {len(plan.skills)} skills and experiences already have evidence.</p>"
            f"<table class='grid'><caption>Skills gap: what the goal needs</caption>"
            f"<thead><tr><th scope='col'>Skill or experience</th><th scope='col'>My evidence"
            f"</th><th scope='col'>The assignment or project that would build it</th>"
            f"<th scope='col'>Status</th></tr></thead><tbody>{rows}</tbody></table>")


def _date(step: Step) -> str:
    if step.due is None:
        return "<span class='nodate'>no date yet</span>"
    return f"<time datetime='{step.due.isoformat()}'>{step.due.strftime('%d %b %Y')}</time>"


def _item(step: Step) -> str:
    mark = "&#9745;" if step.done else "&#9744;"  # ballot box with / without check
    state = "done" if step.done else "open"
    extra = []
    if step.is_first:
        extra.append("<span class='badge'>first step</span>")
    lines = []
    if step.who:
        lines.append(f"<div><span class='label'>Who:</span> {_text(step.who)}</div>")
    if step.why:
        lines.append(f"<div><span class='label'>Why:</span> {_text(step.why)}</div>")
    if step.if_then:
        lines.append(f"<div class='ifthen'>{esc(step.if_then)}</div>")
    elif step.kind != "check-in":
        lines.append("<div class='missing'>No if-then plan yet.</div>")
    if step.notes:
        lines.append(f"<div class='notes'>{_text(step.notes)}</div>")
    done = (f" <span class='done-on'>(done {step.done_on.strftime('%d %b %Y')})</span>"
            if step.done and step.done_on else "")
    return (f"<li class='item {state}'><span class='box' role='img' aria-label='{state}'>"
            f"{mark}</span> <span class='when'>{_date(step)}</span> "
            f"<span class='title'>{_text(step.title)}</span> {''.join(extra)}{done}"
            f"{''.join(lines)}</li>")


def items_html(plan: Plan, kind: str, empty: str) -> str:
    """The items of one kind (steps, networking, check-ins) as a checklist."""
    items = plan.of_kind(kind)
    if not items:
        return f'<p class="empty">{esc(empty)}</p>'
    done = sum(s.done for s in items)
    return (f"<p>{done} of {len(items)} done.</p>"
            f"<ul class='checklist'>{''.join(_item(s) for s in items)}</ul>")


def ratings_caption() -> str:
    """What the four ratings ask, for the vision section."""
    return "<dl class='defs'>" + "".join(
        f"<dt>{name.capitalize()}</dt><dd>{esc(question)}</dd>"
        for name, question in RATINGS.items()) + "</dl>"


__all__ = ["goal_html", "items_html", "ratings_caption", "skills_html", "vision_html"]
