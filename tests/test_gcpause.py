"""The public face loads and calls each view with the garbage collector held, then as it was.

(A notebook's imports and widgets leave little garbage, and each full pass of the cyclic
collector walked the whole kernel: 0.07-0.12 s of a page's cells; ``coursekit._gcpause``.)
"""

from __future__ import annotations

import gc

import pytest

import coursekit as ck
from coursekit._gcpause import gc_paused, gc_paused_calls
from coursekit.views import case


@pytest.fixture
def collector_on():
    held = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if held else gc.disable)()


def test_a_view_is_called_with_the_collector_held(collector_on, monkeypatch):
    seen = []
    monkeypatch.setattr(case, "key_facts", lambda *a: seen.append(gc.isenabled()) or "view")
    vars(ck).pop("key_facts", None)  # loaded afresh, through the public face
    try:
        assert ck.key_facts("store", "case") == "view"
    finally:
        vars(ck).pop("key_facts", None)  # the real view again for the tests after
    assert seen == [False]
    assert gc.isenabled()


def test_the_public_views_are_the_modules_own(collector_on):
    for name in ("case_part", "questionnaire", "decision_point"):
        view = getattr(ck, name)
        assert view.__wrapped__.__module__.startswith("coursekit.views.")
        assert view.__name__ == name and view.__doc__ == view.__wrapped__.__doc__


def test_an_error_in_a_view_sets_the_collector_back(collector_on):
    def broken():
        raise ValueError("a learner's bad input")

    with pytest.raises(ValueError, match="bad input"):
        gc_paused_calls(broken)()
    assert gc.isenabled()


def test_a_collector_already_off_stays_off(collector_on):
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()
