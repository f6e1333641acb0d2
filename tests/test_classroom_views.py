"""The hand-in widget and the class dashboard, driven by .value and .click()."""

from __future__ import annotations

import json

import ipywidgets as widgets
import pytest

from coursekit.classroom.class_store import open_class_store
from coursekit.classroom.synthetic import synthetic_handins
from coursekit.store import LearnerStore
from coursekit.views.classroom import ClassDashboard, class_dashboard
from coursekit.views.handin import handin

PRIVATE = "Nobody may read this: Marrakesh"
SHARED = "Happy to share: two lunches"


@pytest.fixture
def store(tmp_path):
    s = LearnerStore(tmp_path / "learner.sqlite")
    s.save("case:the-first-step", "reflection:what-you-want", PRIVATE, kind="reflection")
    s.save("case:the-first-step", "reflection:your-first-step", SHARED, kind="reflection")
    s.save("case:the-first-step", "decision:after-the-talk", "build", kind="decision")
    yield s
    s.close()


def test_reflections_start_unticked_and_preview_follows(store):
    view = handin(store)
    assert len(view.shares) == 2
    assert not any(box.value for box in view.shares.values())
    assert all(box.description.startswith("Share: ") for box in view.shares.values())
    assert SHARED not in view.preview.value and view.handin["reflections"] == []
    view.shares[("case:the-first-step", "reflection:your-first-step")].value = True
    assert "Happy to share" in view.preview.value and "Happy to share" in view.raw.value
    assert "Marrakesh" not in view.preview.value and "Marrakesh" not in view.raw.value
    assert "build" in view.preview.value


def test_save_writes_exactly_the_preview(store):
    view = handin(store)
    view.shares[("case:the-first-step", "reflection:your-first-step")].value = True
    view.save_button.click()
    assert "Saved" in view.status.value
    path = view.saved_path
    assert path.parent == store.path.parent
    data = json.loads(path.read_text())
    assert [r["text"] for r in data["reflections"]] == [SHARED]
    assert "Marrakesh" not in path.read_text()


def test_submit_button_only_with_a_class_db(store, tmp_path, monkeypatch):
    monkeypatch.delenv("COURSEKIT_CLASS_DB", raising=False)
    assert handin(store).submit_button.layout.display == "none"
    url = f"sqlite:///{tmp_path}/class.sqlite"
    monkeypatch.setenv("COURSEKIT_CLASS_DB", url)
    view = handin(store)
    assert view.submit_button.layout.display is None and not view.submit_button.disabled
    view.submit_button.click()
    assert "Sent to the class" in view.status.value
    view.submit_button.click()
    assert "replaces" in view.status.value
    assert open_class_store(url).count() == 1


def test_demo_store_cannot_submit(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_CLASS_DB", f"sqlite:///{tmp_path}/class.sqlite")
    demo = LearnerStore(":memory:", demo=True)
    view = handin(demo, folder=tmp_path)
    assert view.submit_button.disabled
    view._submit()
    assert "demo" in view.status.value
    view.save_button.click()
    assert view.saved_path.name.startswith("handin-demo-")


def test_nothing_is_pre_ticked(store):
    view = handin(store)
    assert view.include_items.value is False
    assert not any(box.value for box in view.shares.values())
    from coursekit.assessment import current_attempt, load_instrument, save_response

    inst = load_instrument("career-drivers")
    save_response(store, inst, current_attempt(store, inst.id), "cd01", 4)
    view = handin(store)
    assert view.handin["exercises"]["assessment:career-drivers"]["before"]["items"] == {}
    view.include_items.value = True
    assert view.handin["exercises"]["assessment:career-drivers"]["before"]["items"]


def test_a_named_contact_is_marked_and_replaced_by_role_before_saving(store, tmp_path):
    from coursekit.network import add_contact

    add_contact(store, name="Dana Whitfield", role="head of logistics")
    store.save("case:the-career-impasse", "reflection:two-lunches",
               "Lunch with Dana Whitfield on Friday", kind="reflection")
    view = handin(store, folder=tmp_path)
    view.shares[("case:the-career-impasse", "reflection:two-lunches")].value = True
    assert "<mark" in view.names_note.value and "Dana Whitfield" in view.names_note.value
    assert "[head of logistics]" in view.names_note.value
    assert view.replace_button.layout.display is None
    assert view.save_button.disabled and 'role="alert"' in view.share_status.value.replace(
        "'", '"')
    view.save_button.click()
    assert not list(tmp_path.glob("*.json")), "a hand-in naming a contact was saved"
    view.replace_button.click()
    assert not view.save_button.disabled and view.names_note.value == ""
    assert "Dana" not in view.preview.value and "[head of logistics]" in view.preview.value
    view.save_button.click()
    saved = view.saved_path.read_text(encoding="utf-8")
    assert "Dana" not in saved and "Lunch with [head of logistics] on Friday" in saved
    assert store.load("case:the-career-impasse", "reflection:two-lunches").startswith(
        "Lunch with Dana")


def test_an_over_long_reflection_ticked_is_refused_beside_the_box(store):
    from coursekit._limits import TEXT

    with store.transaction() as conn:  # written by an older coursekit, before the limit
        conn.execute("UPDATE entries SET value = ? WHERE key = 'reflection:what-you-want'",
                     (json.dumps("x" * (TEXT + 1)),))
    view = handin(store)
    view.shares[("case:the-first-step", "reflection:what-you-want")].value = True
    assert "at most 10,000 characters" in view.share_status.value
    assert view.save_button.disabled
    view.shares[("case:the-first-step", "reflection:what-you-want")].value = False
    assert view.share_status.value == "" and not view.save_button.disabled


def test_dashboard_from_a_live_class_db_refreshes(tmp_path):
    url = f"sqlite:///{tmp_path}/live.sqlite"
    live = open_class_store(url)
    live.add_many(synthetic_handins(3, seed=1, demo=False))
    board = class_dashboard(url)
    assert board.refresh_button.layout.display is None
    assert "3 hand-ins" in board.header.value and "DEMO" not in board.header.value
    norms = "assessment:career-drivers: What drives your career?: the class's scores"
    assert board.tables[norms]["hidden"].all()
    live.add_many(synthetic_handins(12, seed=2, demo=False))
    board.refresh_button.click()
    assert "15 hand-ins" in board.header.value
    assert not board.tables[norms].query("attempt == 'before'")["hidden"].any()
    assert {name.split(": ")[0] for name in board.figures} == {
        "assessment:career-drivers", "assessment:outsight-audit", "network",
        "case:the-first-step", "case:the-career-impasse"}


def test_dashboard_from_handins_and_demo(monkeypatch):
    board = ClassDashboard(synthetic_handins(8, seed=3, demo=False))
    assert board.refresh_button.layout.display == "none"
    assert "8 hand-ins" in board.header.value
    monkeypatch.delenv("COURSEKIT_CLASS_DB", raising=False)
    demo = class_dashboard()
    assert demo.demo and "DEMO CLASS" in demo.header.value
    with pytest.raises(TypeError):
        ClassDashboard(42)


def test_dashboard_tables_are_in_words_and_fit_a_narrow_cell(monkeypatch):
    """The tables shown (a panel with no figure, and show_tables) say things in words, show
    counts as whole numbers and leave out a note column no row uses: the norms table of
    nine columns scrolled sideways in JupyterLab at 1024x768 (issue 12)."""
    from coursekit.views.classroom import _in_words, _table

    monkeypatch.delenv("COURSEKIT_CLASS_DB", raising=False)
    board = class_dashboard()
    shown = " ".join(o["data"].get("text/html", "") for o in board.output.outputs)
    plans = next(o["data"]["text/html"] for o in board.output.outputs
                 if "The class's plans</caption>" in o["data"].get("text/html", ""))
    assert ">hidden<" not in shown and ">q1<" not in plans and ">lower quartile<" in plans
    norms = board.tables["assessment:career-drivers: What drives your career?: the class's "
                         "scores"]
    words = _in_words(norms)
    assert "note" not in words and "hidden" not in words  # no row is hidden here
    html = _table(words, "norms").to_html()
    assert ">13<" in html or ">30<" in html  # learners counted, not "13.00"
    assert "padding: 0.35em 0.4em" in html
    hidden = norms.assign(hidden=[True] + [False] * (len(norms) - 1),
                          note=["fewer than 5 — hidden"] + [""] * (len(norms) - 1))
    assert "note" in _in_words(hidden)  # kept when a row needs it


def test_reflections_to_share_come_in_course_order_under_their_case(store):
    """Case 1 before case 2 (not by id), each case named once above its questions."""
    store.save("case:the-career-impasse", "reflection:in-your-sleep", "Tasks", kind="reflection")
    store.save("between-sessions", "learned:experiment-1", "A lot", kind="reflection")
    view = handin(store)
    assert list(view.shares) == [("case:the-first-step", "reflection:what-you-want"),
                                 ("case:the-first-step", "reflection:your-first-step"),
                                 ("case:the-career-impasse", "reflection:in-your-sleep"),
                                 ("between-sessions", "learned:experiment-1")]
    rows = view.children[3].children
    headings = [w.value for w in rows if isinstance(w, widgets.HTML) and w.value.startswith("<i>")]
    assert headings == ["<i>The first step</i>", "<i>The career impasse</i>",
                        "<i>Between sessions: three small assignments</i>"]
    assert not any("case:" in box.description for box in view.shares.values())


def test_report_lists_reflections_in_course_order(store):
    from coursekit.report.sections import list_reflections

    store.save("case:the-career-impasse", "reflection:in-your-sleep", "Tasks", kind="reflection")
    assert [r.exercise for r in list_reflections(store)] == [
        "case:the-first-step", "case:the-first-step", "case:the-career-impasse"]


def test_show_tables_is_one_output_with_every_table(monkeypatch):
    """App mode (Voila) showed only the first of several outputs a cell displayed quickly."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    InteractiveShell.instance()
    monkeypatch.delenv("COURSEKIT_CLASS_DB", raising=False)
    board = class_dashboard()
    with capture_output() as shown:
        board.show_tables("network")
    assert len(shown.outputs) == 1
    html = shown.outputs[0].data["text/html"]
    assert html.count("<table") == len(board.panels["network"]) > 1
    for panel in board.panels["network"]:
        assert f"{panel.title}</caption>" in html
