"""Demo mode: a sample person's questionnaire answers.

The ``responses`` section of ``samples/people/<id>.yaml`` maps an instrument id to a list
of attempts, oldest first; each attempt maps item ids to answers. Items left out are
unanswered. Two attempts give the before/after comparison::

    responses:
      career-drivers:
        - {cd01: 4, cd02: 5, cd03: 3}
      outsight-audit:
        - {oa01: 1, oa02: 2, oa03: 5}      # before
        - {oa01: 3, oa02: 4, oa03: 3}      # after
"""

from __future__ import annotations

from typing import Any

from .._errors import ContentError
from ..store import LearnerStore
from .instruments import list_instruments, responses_problems
from .storage import finish_attempt, save_response, start_attempt


def fill_responses(store: LearnerStore, data: Any, file: str) -> None:
    """Validate a sample person's ``responses`` section and write each attempt to ``store``.

    Raises
    ------
    ContentError
        The section is not valid: an unknown instrument or item, an answer outside the
        response scale; each problem names the file, the place and the fix.

    Examples
    --------
    >>> from coursekit.assessment.storage import load_responses
    >>> store = LearnerStore(":memory:")
    >>> fill_responses(store, {"career-drivers": [{"cd01": 2}, {"cd01": 5}]}, "x.yaml")
    >>> load_responses(store, "career-drivers")
    {'cd01': 5}
    >>> try:
    ...     fill_responses(store, {"career-drivers": [{"cd01": 9}]}, "x.yaml")
    ... except ContentError as err:
    ...     print(err.problems[0].place)
    ...     print(err.problems[0].problem)
    responses: career-drivers[0]: cd01
    answer 9 to cd01 is out of range: the response scale runs from 1 to 5
    """
    instruments = {inst.id: inst for inst in list_instruments()}
    problems = responses_problems(data, file, instruments)
    if problems:
        raise ContentError(problems)
    for instrument_id, attempts in data.items():
        instrument = instruments[instrument_id]
        for answers in attempts:
            attempt = start_attempt(store, instrument_id)
            for item_id, value in answers.items():
                save_response(store, instrument, attempt, str(item_id), value)
            finish_attempt(store, attempt)
