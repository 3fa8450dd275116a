"""Reads for the pages behind email links."""

from __future__ import annotations

from datetime import datetime

from optout.models import Case, CaseEvent
from optout.vocabulary import EventKind


def step_changed_since(*, case: Case, kind: str, since: datetime) -> bool:
    """Whether the step was done or undone at or after `since` (the case's timeline says)."""
    return CaseEvent.objects.filter(
        case=case, kind__in=[EventKind.STEP_DONE, EventKind.STEP_UNDONE], data__step=kind, at__gte=since
    ).exists()
