"""The learner's hand-in (notebook 06): choose, read, save or send, and download.

``handin(store)`` lets the learner tick reflections to share (none is ticked at first),
read exactly what the file will hold, save it beside their store and, in a class with a
class database (``COURSEKIT_CLASS_DB``), send it straight there. A learner who has only
the browser (app mode, a hub) cannot reach the saved path, so the saved file is also
offered as a download button with its own name (the report's buttons,
:func:`coursekit.views._common.download_buttons`: the page holds the file's bytes).

Examples
--------
>>> import tempfile
>>> from coursekit.store import LearnerStore
>>> view = handin(LearnerStore(":memory:"), folder=tempfile.mkdtemp())
>>> view.save_button.click()
>>> "download='handin-" in view.download.value
True
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .._errors import StoreError
from .._text import escape_html
from ..classroom.class_store import class_db_url, submit_handin
from ..classroom.handin import (
    NamesInReflections,
    default_handin_folder,
    handin_json,
    make_handin,
    preview_handin,
)
from ..classroom.handin_format import HandinError
from ..classroom.handin_sections import reflections
from ..store import LearnerStore
from ._common import Status, demo_banner, download_buttons

__all__ = ["HandinView", "handin"]

_NOTE = ('<div style="border-left:4px solid #0072B2;background:#F2F8FC;padding:6px 12px;'
         'margin:6px 0">{}</div>')


class HandinView(widgets.VBox):
    """Choose what to share, preview the hand-in, save it or send it to the class.

    Attributes
    ----------
    shares : dict of (exercise, key) to Checkbox
        One tick box per reflection; all start unticked.
    include_items, preview, raw, save_button, submit_button, status
        The other controls (tests set ``.value`` and call ``.click()``).
    handin : dict
        The hand-in as last previewed, exactly what save and submit use.
    download : HTML
        Under the status line: the download button of the file last saved (empty until a
        save succeeds, and again after one fails).
    """

    def __init__(self, store: LearnerStore, *, folder=None, class_db: str | None = None):
        self.store = store
        self.folder = folder
        self.class_db = class_db_url(class_db)
        self.shares: dict[tuple[str, str], widgets.Checkbox] = {}
        rows: list[widgets.Widget] = []
        heading = None
        for ref in reflections(store):
            if ref.exercise_title != heading:  # the exercise once, its questions under it
                heading = ref.exercise_title
                rows.append(widgets.HTML(f"<i>{escape_html(heading or 'Other notes')}</i>"))
            box = widgets.Checkbox(value=False, description=f"Share: {ref.question}",
                                   indent=False, layout=widgets.Layout(width="auto"))
            box.observe(self._refresh, names="value")
            self.shares[(ref.exercise, ref.key)] = box
            excerpt = ref.text if len(ref.text) <= 160 else ref.text[:157] + "..."
            rows += [box, widgets.HTML(f'<div style="margin:0 0 8px 24px;color:#555">'
                                       f'{escape_html(excerpt)}</div>')]
        if not rows:
            rows = [widgets.HTML("<i>You have written no reflections yet; none will be "
                                 "shared.</i>")]
        self.share_status = Status()
        self.names_note = widgets.HTML()
        self.replace_names = False
        self.replace_button = widgets.Button(
            description="Replace the names with their roles", icon="user-secret",
            tooltip="In the hand-in only: your reflection itself stays as you wrote it",
            layout=widgets.Layout(width="auto", display="none"))
        self.replace_button.on_click(self._use_roles)
        self.include_items = widgets.Checkbox(
            value=False, indent=False, layout=widgets.Layout(width="auto"),
            description="Include my answer to each questionnaire item (lets the instructor "
                        "check the questionnaires' reliability; the items say nothing about "
                        "who you are)")
        self.include_items.observe(self._refresh, names="value")
        self.preview = widgets.HTML()
        self.raw = widgets.HTML()
        raw_box = widgets.Accordion(children=[self.raw], titles=("The exact file (JSON)",))
        self.save_button = widgets.Button(description="Save my hand-in", icon="save",
                                          button_style="primary",
                                          tooltip="Write the hand-in file beside your answers")
        self.save_button.on_click(self._save)
        self.submit_button = widgets.Button(
            description="Send to the class", icon="paper-plane",
            tooltip="Send this hand-in to the class database your instructor set up",
            disabled=store.demo,
            layout=widgets.Layout(display=None if self.class_db else "none"))
        self.submit_button.on_click(self._submit)
        self.status = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        self.download = widgets.HTML()
        self.saved_path = None
        self.handin: dict[str, Any] = {}
        intro = widgets.HTML(_NOTE.format(
            "Your hand-in holds numbers, not names: a random pseudonym, your questionnaire "
            "scores, counts and measures of your network (never your contacts' names, "
            "organisations or notes), your choices at the cases' decision points and counts "
            "from your plan. Your reflections stay private unless you tick them below."))
        super().__init__([
            demo_banner(store), intro,
            widgets.HTML("<b>Reflections to share</b> (none is shared unless you tick it)"),
            widgets.VBox(rows), self.share_status, self.names_note, self.replace_button,
            self.include_items,
            widgets.HTML("<b>What your hand-in holds</b>"), self.preview, raw_box,
            widgets.HBox([self.save_button, self.submit_button]), self.status, self.download,
        ])
        self._refresh()

    @property
    def shared(self) -> list[tuple[str, str]]:
        """The (exercise, key) of the ticked reflections."""
        return [ref for ref, box in self.shares.items() if box.value]

    def _refresh(self, *_: object) -> None:
        self.names_note.value = ""
        self.replace_button.layout.display = "none"
        try:
            self.handin = make_handin(self.store, shared_reflections=self.shared,
                                      include_item_responses=self.include_items.value,
                                      replace_names=self.replace_names)
        except NamesInReflections as exc:
            self.names_note.value = _marked_names(exc.mentions, self.store)
            self.replace_button.layout.display = None
            self._refuse(str(exc))
            return
        except HandinError as exc:  # e.g. a reflection longer than a hand-in holds
            self._refuse(str(exc))
            return
        self.share_status.value = ""
        self.save_button.disabled = False
        self.submit_button.disabled = self.store.demo
        self.preview.value = (f'<pre style="white-space:pre-wrap;word-break:normal;'
                              f'overflow-wrap:anywhere;border:1px solid #ddd;'
                              f'padding:8px" aria-label="Preview of your hand-in">'
                              f"{escape_html(preview_handin(self.handin))}</pre>")
        # The file exactly as the computer reads it (its field names included), on purpose:
        # marked verbatim.
        self.raw.value = (f'<pre class="ck-verbatim" style="white-space:pre-wrap;'
                          f'word-break:normal;overflow-wrap:anywhere">'
                          f"{escape_html(handin_json(self.handin))}</pre>")

    def _refuse(self, message: str) -> None:
        """Show why no hand-in can be made as ticked; nothing can be saved until it is fixed."""
        self.handin = {}
        self.share_status.error(message)
        self.save_button.disabled = True
        self.submit_button.disabled = True
        self.preview.value = "<i>No preview until the problem above is fixed.</i>"
        self.raw.value = ""

    def _use_roles(self, _button: object = None) -> None:
        self.replace_names = True
        self._refresh()
        if self.handin:
            self.share_status.ok("In the hand-in, names of people in your network are "
                                 "replaced by their roles; your reflection is unchanged.")

    def _mark_progress(self, how: str) -> None:
        # The start page counts entries of the exercise "handin"; numbers and times only.
        self.store.save("handin", how, self.handin["created_at"])

    def _save(self, _button: object = None) -> None:
        from ..classroom.handin import save_handin

        self.saved_path, self.download.value = None, ""  # never offer an older file
        self._refresh()
        if not self.handin:
            self.status.value = ('<span role="alert">Not saved: fix the problem shown under '
                                 "the reflections first.</span>")
            return
        folder = self.folder if self.folder is not None else default_handin_folder(self.store)
        try:
            path = save_handin(self.handin, folder)
        except HandinError as exc:
            self.status.value = f'<span role="alert">Not saved: {escape_html(exc)}</span>'
            return
        except OSError as exc:
            self.status.value = (f'<span role="alert">Could not save: '
                                 f"{escape_html(exc.strerror or exc)}</span>")
            return
        self.saved_path = path
        self._mark_progress("saved")
        self.status.value = (f'<span role="status">Saved: <code>{escape_html(path)}</code>. '
                             f"Upload this file where your class collects work.</span>")
        self.download.value = download_buttons([
            ("Download your hand-in", path, path.name, "application/json",
             "JSON: your anonymised summary, as the class reads it")])

    def _submit(self, _button: object = None) -> None:
        self._refresh()
        if not self.handin:
            self.status.value = ('<span role="alert">Not sent: fix the problem shown under '
                                 "the reflections first.</span>")
            return
        try:
            result = submit_handin(self.handin, self.class_db)
        except (StoreError, HandinError) as exc:
            self.status.value = f'<span role="alert">Not sent: {escape_html(exc)}</span>'
            return
        self._mark_progress("sent")
        words = {"added": "Sent to the class.", "replaced": "Sent; it replaces your earlier "
                 "hand-in.", "kept newer": "Not used: the class already has a later hand-in "
                 "of yours."}
        self.status.value = f'<span role="status">{words.get(result, result)}</span>'


def _marked_names(mentions, store: LearnerStore) -> str:
    """The ticked reflections that name someone, each name marked with its replacement."""
    from ..classroom.handin_sections import reflections as all_reflections

    texts = {(r.exercise, r.key): r for r in all_reflections(store)}
    parts = []
    for ref, found in mentions.items():
        text, html, last = texts[ref].text, [], 0
        for m in found:
            html += [escape_html(text[last:m.start]),
                     f'<mark title="becomes {escape_html(m.replacement)}">'
                     f"{escape_html(m.written)}</mark> \u2192 {escape_html(m.replacement)}"]
            last = m.end
        html.append(escape_html(text[last:]))
        parts.append(f"<div style='margin:4px 0 8px 24px'><b>{escape_html(texts[ref].label)}"
                     f"</b><br>{''.join(html)}</div>")
    return ("<div role='note'>Marked: names of people in your network, and the role that "
            "would replace each.</div>" + "".join(parts))


def handin(store: LearnerStore, **kwargs: Any) -> HandinView:
    """Choose what to share, read exactly what your anonymised hand-in holds, save or send it."""
    return HandinView(store, **kwargs)

