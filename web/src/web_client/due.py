"""What is due now, from the periods' call windows: the home page's «τι τρέχει αυτή τη στιγμή».
Pure: periods (as the API returns them) and a moment in, items out."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from . import roles
from .i18n import N_

# (key, label, opens field, closes field, roles that act in it)
WINDOWS = (
    ("interest", N_("Εκδήλωση ενδιαφέροντος ΚΣΕ"), "interest_opens_at", "interest_closes_at",
     {roles.KSE_HEAD, roles.CENTRAL_ADMIN}),
    ("applications_a", N_("Αιτήσεις εκπαιδευτικών Α' φάσης"), "applications_a_opens_at", "applications_a_closes_at",
     {roles.TEACHER, roles.CENTRAL_ADMIN}),
    ("applications_b", N_("Αιτήσεις εκπαιδευτικών Β' φάσης"), "applications_b_opens_at", "applications_b_closes_at",
     {roles.TEACHER, roles.CENTRAL_ADMIN}),
)
DEADLINES = (
    (N_("Ανακοίνωση κατανομής"), "allocation_published_at", {roles.TEACHER, roles.KSE_HEAD, roles.CENTRAL_ADMIN}),
    (N_("Προθεσμία εγγραφών"), "enrolment_deadline", {roles.KSE_HEAD, roles.COORDINATOR, roles.CENTRAL_ADMIN}),
)
UPCOMING = timedelta(days=30)  # a window that opens within this is shown as coming


@dataclass(frozen=True)
class DueItem:
    period_id: int | None
    period: str
    key: str  # which window or deadline: the home page links the ones that have a screen
    label: str
    state: str  # open | upcoming | deadline
    opens_at: datetime | None
    closes_at: datetime


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def due_now(periods: list[dict], person_roles: frozenset[str], moment: datetime) -> list[DueItem]:
    """Open windows first (closing soonest first), then those opening soon, then deadlines ahead."""
    items: list[DueItem] = []
    for period in periods:
        name, period_id = period.get("name") or period.get("code", ""), period.get("id")
        for key, label, opens_field, closes_field, who in WINDOWS:
            opens, closes = _parse(period.get(opens_field)), _parse(period.get(closes_field))
            if not (who & person_roles) or opens is None or closes is None or closes < moment:
                continue
            if opens <= moment:
                items.append(DueItem(period_id, name, key, label, "open", opens, closes))
            elif opens - moment <= UPCOMING:
                items.append(DueItem(period_id, name, key, label, "upcoming", opens, closes))
        for label, field, who in DEADLINES:
            at = _parse(period.get(field))
            if (who & person_roles) and at is not None and moment <= at <= moment + UPCOMING:
                items.append(DueItem(period_id, name, field, label, "deadline", None, at))
    rank = {"open": 0, "upcoming": 1, "deadline": 2}
    return sorted(items, key=lambda i: (rank[i.state], i.closes_at if i.state != "upcoming" else i.opens_at))
