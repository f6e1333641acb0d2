"""An instrument's branch question: the situation the learner answers for.

Say, a move abroad or at home: items marked ``only_for: [abroad]`` are asked only when the
learner answers for a move abroad (see :meth:`coursekit.assessment.model.Instrument.asks`).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import field_validator

from .._schema import ContentModel, Key, Text, fail, unique


class BranchOption(ContentModel):
    """One answer to an instrument's branch question (say, a move abroad)."""

    id: Key
    label: Text


class Branch(ContentModel):
    """A question asked before the items: the situation the learner answers for.

    Items with ``only_for`` are asked only in the situations they name.
    """

    question: Text
    options: Annotated[tuple[BranchOption, ...], unique("id", "branch option id")]

    @field_validator("options")
    @classmethod
    def _a_choice(cls, options: tuple[BranchOption, ...]) -> tuple[BranchOption, ...]:
        if len(options) < 2:
            fail("needs at least two options", "add another option, or remove the branch")
        return options
