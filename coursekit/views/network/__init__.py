"""Map your network: each step of the exercise is a view of the same store.

Notebooks call these through the public face (``ck.network_recall(store)``...). Every view
saves each edit at once (one store transaction) and follows the store, so the map, the
measures and the audit in later cells update as people are added in earlier ones.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ...store import LearnerStore
from .entry import RECALL_PROMPTS, ContactForm, ProfileForm, RecallForm
from .files import NetworkFiles
from .results import AuditView, MeasuresView, NetworkComparison, NetworkMap, sample_comparison
from .ties import TiesForm


def network_profile(store: LearnerStore) -> ProfileForm:
    """You at the centre of the map: your organisation, sector and function."""
    return ProfileForm(store)


def network_recall(store: LearnerStore) -> RecallForm:
    """Recall questions: type the names that come to mind, one a line."""
    return RecallForm(store)


def network_contacts(store: LearnerStore) -> ContactForm:
    """One person's details: inside or outside, types, closeness, circles..."""
    return ContactForm(store)


def network_ties(store: LearnerStore) -> TiesForm:
    """Who knows whom: circles and the pairs that matter."""
    return TiesForm(store)


def network_files(store: LearnerStore, export_dir: str | Path | None = None) -> NetworkFiles:
    """Import LinkedIn's export or the template; export; merge a person listed twice."""
    return NetworkFiles(store, export_dir=export_dir)


def network_map(store: LearnerStore, group_by: str = "inside") -> NetworkMap:
    """Your map, kept up to date."""
    return NetworkMap(store, group_by=group_by)


def network_measures(store: LearnerStore, today: date | None = None) -> MeasuresView:
    """Your network's measures in plain words, kept up to date."""
    return MeasuresView(store, today=today)


def outsight_audit(store: LearnerStore, today: date | None = None) -> AuditView:
    """The out-sight audit of your network and what to do next, kept up to date."""
    return AuditView(store, today=today)


def network_comparison(store: LearnerStore, sample: str = "harris-before", *,
                       title: str = "") -> NetworkComparison:
    """A sample network (Harris's) next to yours, kept up to date as you add people."""
    return NetworkComparison(store, sample, title=title)


__all__ = ["RECALL_PROMPTS", "AuditView", "ContactForm", "MeasuresView", "NetworkComparison",
           "NetworkFiles", "NetworkMap", "ProfileForm", "RecallForm", "TiesForm",
           "network_comparison", "network_contacts", "network_files", "network_map",
           "network_measures", "network_profile", "network_recall", "network_ties",
           "outsight_audit", "sample_comparison"]
