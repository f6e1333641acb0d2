"""What the four parts of the plan share: the sample person's validated ``plan:`` section."""

from __future__ import annotations

from typing import Any


def plan_part(person, part: str) -> Any:
    """One part (``paths``, ``goal``, ``skills``, ``steps``) of a sample person's plan.

    The whole section is validated first (:func:`coursekit.planning.demo.check_plan_section`),
    so a problem anywhere in it is reported with its place, whichever part asks first.
    Returns None when the person has no plan.
    """
    from .._content import display_path
    from ..planning.demo import check_plan_section

    data = person.data.get("plan")
    if data is None:
        return None
    return check_plan_section(data, display_path(person.path))[part]
