"""Notebook 06 in app mode: the saved hand-in is offered as a download button."""

from __future__ import annotations

import base64
import re

import coursekit as ck
from coursekit.store import LearnerStore


def _links(html: str) -> dict[str, bytes]:
    return {name: base64.b64decode(data) for name, data in re.findall(
        r"<a download='([^']+)' href='data:application/json;base64,([^']+)' role='button'",
        html)}


def test_the_saved_handin_is_offered_to_download_with_its_name(tmp_path):
    store = LearnerStore(tmp_path / "learner.sqlite")
    store.save("case:the-first-step", "reflection:what-you-want", "To lead abroad",
               kind="reflection")
    view = ck.handin(store, folder=tmp_path / "out")
    assert view.download.value == ""  # nothing to download before a save
    view.save_button.click()
    path = view.saved_path
    assert path.name.startswith("handin-p-") and path.suffix == ".json"
    assert _links(view.download.value) == {path.name: path.read_bytes()}
    assert f"Download your hand-in <span style='font-weight:400'>({path.name})" in \
        view.download.value
    assert view.download in view.children  # shown, under the status line
    assert list(view.children).index(view.download) == list(view.children).index(
        view.status) + 1


def test_a_failed_save_offers_no_old_file(tmp_path):
    store = LearnerStore(tmp_path / "learner.sqlite")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    view = ck.handin(store, folder=tmp_path / "out")
    view.save_button.click()
    assert view.download.value
    view.folder = blocked / "sub"  # a folder inside a file: cannot be made
    view.save_button.click()
    assert "Could not save" in view.status.value
    assert view.download.value == "" and view.saved_path is None
