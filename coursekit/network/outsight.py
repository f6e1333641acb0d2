"""The out-sight audit: does the network face the future, or keep the learner in place.

Herminia Ibarra calls it "out-sight": seeing past the limits of your present job through
the people you know. The managers she meets who are stuck like Harris usually have large
networks made mostly of colleagues and built for getting today's job done. This module
reads a network's measures (:mod:`coursekit.network.measures`) as six indicators in plain
words, each with its formula, and gives advice tied to the case when an indicator crosses
its threshold.

==============  ===========================================  ===================  ==========
indicator       formula                                      advice when          threshold
==============  ===========================================  ===================  ==========
How outside     E / (E + I) = (EI + 1) / 2                   below                0.33
How strategic   strategic contacts / n                       below                0.20
How far above   contacts >= 2 levels above (count)           below                2
How current     1 - stale / dated  (stale: > 365 days)       below                0.50
How diverse     the lower IQV of sector and of function      below                0.50
How closed      redundancy 1 - ES/n (weighted efficiency)    above                0.20
==============  ===========================================  ===================  ==========

The thresholds are rules of thumb for a course discussion, not norms: the point is the
conversation they start. Sources: H. Ibarra, "How to Break Through a Career Impasse",
INSEAD Knowledge (first published on hbr.org; undated); H. Ibarra and M. L. Hunter (2007),
"How Leaders Create and Use Networks", Harvard Business Review 85(1), 40-47.

Examples
--------
>>> from coursekit.network.samples import load_sample_network
>>> audit = outsight(load_sample_network("harris-before"))
>>> [a.key for a in audit.advice][:3]
['outside', 'above', 'strategic']
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from .measures import NetworkMeasures, network_measures
from .model import Network

LOW_OUTSIDE = 0.33
LOW_STRATEGIC = 0.20
FEW_ABOVE = 2
LOW_CURRENT = 0.50
LOW_DIVERSITY = 0.50
HIGH_REDUNDANCY = 0.20


#: Each indicator's name, as the learner reads it (the audit, the check-in, the dashboard).
INDICATOR_LABELS = {"outside": "How outside", "strategic": "How strategic",
                    "above": "How far above", "current": "How current",
                    "diverse": "How diverse", "closed": "How closed"}


@dataclass(frozen=True)
class Indicator:
    """An indicator: value, reading in plain words, formula, and whether it calls for advice."""

    key: str
    label: str
    value: float
    reading: str
    formula: str
    flag: bool


@dataclass(frozen=True)
class Advice:
    """One piece of advice: a short title, what to do, and which reading triggered it."""

    key: str
    title: str
    text: str
    because: str


@dataclass(frozen=True)
class OutsightAudit:
    """The indicators and the advice for one network."""

    indicators: list[Indicator]
    advice: list[Advice]
    measures: NetworkMeasures

    def as_text(self) -> str:
        """The audit as Markdown, without any names (the report's Markdown uses the same part)."""
        from .._render import render

        return render("network/outsight.md.j2", audit=self)


def _pct(x: float) -> str:
    return f"{round(100 * x)} %"


def _iqv(x: float) -> str:
    return "not recorded" if math.isnan(x) else f"{x:.2f}"


def indicators(m: NetworkMeasures) -> list[Indicator]:
    """The six indicators of the module table, read from the measures ``m``."""
    out = []
    known = m.inside + m.outside
    outside = math.nan if known == 0 else m.outside / known
    out.append(Indicator(
        "outside", INDICATOR_LABELS["outside"], outside,
        "not known yet: mark who works inside or outside your organisation" if known == 0
        else f"{m.outside} of {known} contacts work outside your organisation ({_pct(outside)})",
        "E / (E + I) = (E-I index + 1) / 2", known > 0 and outside < LOW_OUTSIDE))
    strategic = m.strategic_share
    out.append(Indicator(
        "strategic", INDICATOR_LABELS["strategic"], strategic,
        "no contacts yet" if m.size == 0 else
        f"{_pct(strategic)} of your contacts help you see where your field and organisation "
        "are heading (strategic); "
        f"{_pct(m.operational_share)} help you do today's job (operational)",
        "strategic contacts / n", m.size > 0 and strategic < LOW_STRATEGIC))
    out.append(Indicator(
        "above", INDICATOR_LABELS["above"], float(m.above_count),
        f"{m.above_count} contact{'s' if m.above_count != 1 else ''} two or more levels "
        f"above you", "count of contacts with seniority >= +2",
        m.size > 0 and m.above_count < FEW_ABOVE))
    current = 1 - m.stale_share  # nan stays nan
    out.append(Indicator(
        "current", INDICATOR_LABELS["current"], current,
        "no dates of last contact yet" if math.isnan(current) else
        f"{_pct(current)} of the contacts you dated were seen in the last year",
        "1 - stale / dated (stale: last contact over 365 days ago)",
        not math.isnan(current) and current < LOW_CURRENT))
    parts = [v for v in (m.sector_iqv, m.function_iqv) if not math.isnan(v)]
    diverse = min(parts) if parts else math.nan
    out.append(Indicator(
        "diverse", INDICATOR_LABELS["diverse"], diverse,
        "no sectors or functions recorded yet" if not parts else
        f"sectors {_iqv(m.sector_iqv)}, functions {_iqv(m.function_iqv)} on a scale from "
        f"0 (all alike) to 1 (evenly spread)",
        "the lower of IQV(sector) and IQV(function), IQV = (1 - sum p_k^2) / (1 - 1/K)",
        bool(parts) and m.size >= 3 and diverse < LOW_DIVERSITY))
    closed = 1 - m.efficiency
    out.append(Indicator(
        "closed", INDICATOR_LABELS["closed"], closed,
        "no contacts yet" if math.isnan(closed) else
        f"{_pct(closed)} of your network is redundant: contacts who know the same people "
        f"(Burt's constraint {m.constraint:.2f}; density "
        + ("not defined)" if math.isnan(m.density) else f"{m.density:.2f})"),
        "1 - effective size / n (weighted)",
        not math.isnan(closed) and m.size >= 2 and closed > HIGH_REDUNDANCY))
    return out


_ADVICE = {
    "outside": (
        "Look outside the house",
        "Most of the people you lean on work where you work. That network gets today's job "
        "done but shows you little of what is next. Name two people outside your group, "
        "and if you can outside your sector or industry, who see trends you do not; ask "
        "them what they are watching and what someone like you is worth in their market."),
    "above": (
        "Meet people two levels up",
        "Few people two or more levels above you know your work. Find a reason to work "
        "with them, in your unit or another one, even if it feels calculated: the people "
        "who decide your next role need to see more than your delivery."),
    "strategic": (
        "Join a key initiative and be seen",
        "Your network is mostly operational. Offer to contribute to an initiative that "
        "matters to senior people; it gives you a reason to meet them and work on your "
        "profile, not only on good work. Look for visibility outside too: a talk, a panel, "
        "a professional body."),
    "diverse": (
        "Widen the mix",
        "Your contacts are alike in sector and function, so they tend to see the world as "
        "you do. Seek outside expertise from another function or industry."),
    "closed": (
        "Bridge, don't deepen",
        "Your contacts mostly know each other: they hear the same news and hold the same "
        "picture of you. Add people who do not know your circle, and bring what you learn "
        "outside back in to connect people who would not otherwise meet."),
    "current": (
        "Wake up quiet ties",
        "Many of your ties have gone quiet. Old colleagues and schoolmates are easy to "
        "contact again and often have news you would not hear otherwise."),
    "kindred": (
        "Find kindred spirits",
        "Look for people who have made the move you are thinking about, for example out "
        "of a specialist role into general management. Harris found them outside his "
        "company, and they helped him see himself in a different role."),
    "begin": (
        "Begin with recall",
        "Write down the people you turned to in the last months: for advice on a hard "
        "decision, to get things done, to learn what is happening in your field. Ten "
        "names are enough to start."),
    "lunches": (
        "Start with a couple of lunches",
        "Do not plan a campaign. Book two lunches or coffees this month, with a former "
        "colleague or schoolmate and with someone from the advice above. Ibarra likens "
        "networking to running: once started, it gets easier and you want more."),
    "keep": (
        "Keep it future-facing",
        "Your network already reaches outside, upward and across. Keep it current: "
        "a network mirrors who you are becoming, so check it against the role you want."),
}


def advice_for(found: list[Indicator], m: NetworkMeasures) -> list[Advice]:
    """Advice triggered by the flagged indicators, most telling first, then a first step."""
    flagged = {i.key: i for i in found if i.flag}
    out = [Advice(key, *_ADVICE[key], flagged[key].reading)
           for key in ("outside", "above", "strategic", "diverse", "closed", "current")
           if key in flagged]
    if "outside" in flagged or "diverse" in flagged:
        because = (flagged.get("outside") or flagged["diverse"]).reading
        out.append(Advice("kindred", *_ADVICE["kindred"], because))
    if m.size == 0:
        out.append(Advice("begin", *_ADVICE["begin"], "your network is empty"))
    elif out:
        out.append(Advice("lunches", *_ADVICE["lunches"], "any of the above"))
    else:
        out.append(Advice("keep", *_ADVICE["keep"], "no indicator crossed its threshold"))
    return out


def outsight(network: Network, *, today: date | None = None,
             measures: NetworkMeasures | None = None) -> OutsightAudit:
    """The out-sight audit of ``network`` (pass ``measures`` when already computed)."""
    m = measures if measures is not None else network_measures(network, today=today)
    found = indicators(m)
    return OutsightAudit(found, advice_for(found, m), m)
