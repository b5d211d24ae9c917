"""The teacher's periods and phases, from the periods' windows: which period and phase a teacher's
screens show first, and whether that phase's window is open. Pure: periods (as the API returns
them) and a moment in."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..i18n import N_

PHASES = ("A", "B")
PHASE_LABELS = {"A": N_("Α' φάση"), "B": N_("Β' φάση")}


def _at(period: dict, field: str) -> datetime | None:
    value = period.get(field)
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Window:
    phase: str
    opens_at: datetime | None
    closes_at: datetime | None
    moment: datetime

    @property
    def state(self) -> str:
        """open | not-yet | closed"""
        if self.opens_at is None or self.moment < self.opens_at:
            return "not-yet"
        if self.closes_at is not None and self.moment >= self.closes_at:
            return "closed"
        return "open"

    @property
    def is_open(self) -> bool:
        return self.state == "open"


def window(period: dict, phase: str, moment: datetime) -> Window:
    key = phase.lower()
    return Window(phase, _at(period, f"applications_{key}_opens_at"), _at(period, f"applications_{key}_closes_at"),
                  moment)


def default_phase(period: dict, moment: datetime) -> str:
    """Phase B once it has opened, else phase A."""
    opens_b = _at(period, "applications_b_opens_at")
    return "B" if opens_b is not None and moment >= opens_b else "A"


def current_period(periods: list[dict], moment: datetime) -> dict | None:
    """The period with an open application window; else the one whose next window opens soonest;
    else the newest (the API lists the newest first)."""
    upcoming: list[tuple[datetime, int]] = []
    for index, period in enumerate(periods):
        for phase in PHASES:
            w = window(period, phase, moment)
            if w.is_open:
                return period
            if w.state == "not-yet" and w.opens_at is not None:
                upcoming.append((w.opens_at, index))
    if upcoming:
        return periods[min(upcoming)[1]]
    return periods[0] if periods else None


def chosen_period(periods: list[dict], wanted: int | None, moment: datetime) -> dict | None:
    if wanted is not None:
        return next((p for p in periods if p.get("id") == wanted), None)
    return current_period(periods, moment)
