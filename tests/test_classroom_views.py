"""The hand-in widget and the class dashboard, driven by .value and .click()."""

from __future__ import annotations

import json

import pytest

from coursekit.classroom.class_store import open_class_store
from coursekit.classroom.synthetic import synthetic_handins
from coursekit.store import LearnerStore
from coursekit.views.classroom import ClassDashboard, class_dashboard, handin_view

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
    view = handin_view(store)
    assert len(view.shares) == 2
    assert not any(box.value for box in view.shares.values())
    assert all(box.description.startswith("Share ") for box in view.shares.values())
    assert SHARED not in view.preview.value and view.handin["reflections"] == []
    view.shares[("case:the-first-step", "reflection:your-first-step")].value = True
    assert "Happy to share" in view.preview.value and "Happy to share" in view.raw.value
    assert "Marrakesh" not in view.preview.value and "Marrakesh" not in view.raw.value
    assert "build" in view.preview.value


def test_save_writes_exactly_the_preview(store):
    view = handin_view(store)
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
    assert handin_view(store).submit_button.layout.display == "none"
    url = f"sqlite:///{tmp_path}/class.sqlite"
    monkeypatch.setenv("COURSEKIT_CLASS_DB", url)
    view = handin_view(store)
    assert view.submit_button.layout.display is None and not view.submit_button.disabled
    view.submit_button.click()
    assert "Sent to the class" in view.status.value
    view.submit_button.click()
    assert "replaces" in view.status.value
    assert open_class_store(url).count() == 1


def test_demo_store_cannot_submit(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_CLASS_DB", f"sqlite:///{tmp_path}/class.sqlite")
    demo = LearnerStore(":memory:", demo=True)
    view = handin_view(demo, folder=tmp_path)
    assert view.submit_button.disabled
    view._submit()
    assert "demo" in view.status.value
    view.save_button.click()
    assert view.saved_path.name.startswith("handin-demo-")


def test_item_answers_can_be_left_out(store):
    view = handin_view(store)
    assert view.include_items.value is True
    view.include_items.value = False
    assert all(a["items"] == {} for a in view.handin["assessments"])


def test_dashboard_from_a_live_class_db_refreshes(tmp_path):
    url = f"sqlite:///{tmp_path}/live.sqlite"
    live = open_class_store(url)
    live.add_many(synthetic_handins(3, seed=1, demo=False))
    board = class_dashboard(url)
    assert board.refresh_button.layout.display is None
    assert "3 hand-ins" in board.header.value and "DEMO" not in board.header.value
    assert board.tables["scale_norms"]["hidden"].all()
    live.add_many(synthetic_handins(12, seed=2, demo=False))
    board.refresh_button.click()
    assert "15 hand-ins" in board.header.value
    assert not board.tables["scale_norms"].query("attempt == 'before'")["hidden"].any()
    assert set(board.figures) == {"scale_norms", "before_after", "reliability",
                                  "network_composition", "outsight", "polls"}


def test_dashboard_from_handins_and_demo(monkeypatch):
    board = ClassDashboard(synthetic_handins(8, seed=3, demo=False))
    assert board.refresh_button.layout.display == "none"
    assert "8 hand-ins" in board.header.value
    monkeypatch.delenv("COURSEKIT_CLASS_DB", raising=False)
    demo = class_dashboard()
    assert demo.demo and "DEMO CLASS" in demo.header.value
    with pytest.raises(TypeError):
        ClassDashboard(42)
