"""The check-in (notebook 07): one view per part, each a function of the store.

Every view saves on change and follows the store, so a step ticked off here shows at once
in the plan's views, and a person added in *Map your network* at once in the comparison.
"""

from __future__ import annotations

from .network import NetworkSinceView, check_in_network
from .next_step import NextStepView, check_in_next_step
from .predictions import PredictionsView, check_in_predictions
from .retake import RetakeView, check_in_retake
from .review import AssignmentsReview, check_in_assignments
from .steps import StepsCheckView, check_in_steps

__all__ = ["AssignmentsReview", "NetworkSinceView", "NextStepView", "PredictionsView",
           "RetakeView", "StepsCheckView", "check_in_assignments", "check_in_network",
           "check_in_next_step", "check_in_predictions", "check_in_retake", "check_in_steps"]
