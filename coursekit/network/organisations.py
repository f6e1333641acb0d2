"""Is a contact's company the learner's organisation? Inside or outside, suggested on import.

People write one organisation many ways ("Calder Ltd", "CALDER", "Calder Industries (UK)"),
so names are compared after reducing them: lower case, no accents, punctuation or legal
words. The answer is only a suggestion: the learner can change any contact's side.

Examples
--------
>>> same_organisation("Calder Industries (UK) Ltd", "Calder Industries")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Words dropped when comparing organisation names ("Calder Ltd" = "calder").
LEGAL_WORDS = frozenset({
    "the", "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "gmbh", "ag", "sa",
    "sas", "sarl", "srl", "spa", "bv", "nv", "co", "corp", "corporation", "company", "group",
    "holding", "holdings", "kg", "ab", "as", "oy", "pty", "pvt", "lp",
})


def normalise_organisation(name: object) -> str:
    """An organisation's name reduced for comparison.

    lower case, no accents, punctuation or legal words (Ltd, Inc, GmbH...); '&' reads as
    'and'.

    Examples
    --------
    >>> normalise_organisation("Calder & Vance Industries, Ltd.")
    'calder and vance industries'
    >>> normalise_organisation("CALDER  and VANCE industries") == _
    True
    """
    text = unicodedata.normalize("NFKD", str(name or "")).casefold().replace("&", " and ")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = re.sub(r"[^\w\s]", " ", text.replace("'", "")).split()
    return " ".join(w for w in words if w not in LEGAL_WORDS)


def same_organisation(company: object, organisation: object) -> bool | None:
    """Whether ``company`` is the learner's ``organisation``.

    equal after :func:`normalise_organisation`, or the organisation's words begin the
    company's ("Calder" matches "Calder Industries UK"). None when either is blank.

    Examples
    --------
    >>> same_organisation("Calder Industries (UK) Ltd", "Calder Industries")
    True
    >>> same_organisation("Calderwood", "Calder"), same_organisation("", "Calder")
    (False, None)
    """
    org = _words(organisation)
    comp = _words(company)
    if not org or not comp:
        return None
    return comp[: len(org)] == org


# A LinkedIn export repeats a few hundred company names over thousands of rows: reduce each
# name once.
@lru_cache(maxsize=8192)
def _words(name: object) -> list[str]:
    return normalise_organisation(name).split()
