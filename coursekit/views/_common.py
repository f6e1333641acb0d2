"""Pieces shared by every view."""

from __future__ import annotations

import ipywidgets as widgets

from ..store import LearnerStore


def demo_banner(store: LearnerStore) -> widgets.HTML:
    """A visible banner in demo mode (empty otherwise)."""
    if not store.demo:
        return widgets.HTML("")
    return widgets.HTML(
        '<div role="status" style="background:#FFF4D6;border-left:6px solid #E69F00;'
        'padding:6px 10px;margin:4px 0"><b>Demo mode:</b> the answers shown are a sample '
        "person's, not anyone's real data. Nothing you do here is saved, and your own "
        "answers are neither shown nor changed.</div>"
    )
