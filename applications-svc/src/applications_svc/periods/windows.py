"""The windows of a period (pure, no I/O): the order its dates must keep, and when each action is
allowed. The use cases refuse an action outside its window with ``Window.refusal``."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True)
class PeriodWindows:
    interest_opens_at: datetime
    interest_closes_at: datetime
    applications_a_opens_at: datetime
    applications_a_closes_at: datetime
    applications_b_opens_at: datetime
    applications_b_closes_at: datetime
    allocation_published_at: datetime
    enrolment_deadline: datetime


# The call's steps happen one after the other; each pair must be strictly ordered.
_ORDER = [
    ("interest_opens_at", "interest_closes_at", "Η λήξη της εκδήλωσης ενδιαφέροντος πρέπει να είναι μετά την έναρξή της."),
    ("interest_closes_at", "applications_a_opens_at", "Η Α' φάση αιτήσεων αρχίζει μετά τη λήξη της εκδήλωσης ενδιαφέροντος."),
    ("applications_a_opens_at", "applications_a_closes_at", "Η λήξη της Α' φάσης πρέπει να είναι μετά την έναρξή της."),
    ("applications_a_closes_at", "applications_b_opens_at", "Η Β' φάση αρχίζει μετά τη λήξη της Α' φάσης."),
    ("applications_b_opens_at", "applications_b_closes_at", "Η λήξη της Β' φάσης πρέπει να είναι μετά την έναρξή της."),
    ("applications_b_closes_at", "allocation_published_at", "Η ανακοίνωση της κατανομής γίνεται μετά τη λήξη της Β' φάσης."),
    ("allocation_published_at", "enrolment_deadline", "Η προθεσμία εγγραφών λήγει μετά την ανακοίνωση της κατανομής."),
]


def window_errors(windows: PeriodWindows) -> dict[str, str]:
    """Field -> Greek message for every ordering rule the windows break (empty when valid)."""
    errors: dict[str, str] = {}
    for earlier, later, message in _ORDER:
        if getattr(windows, earlier) >= getattr(windows, later):
            errors.setdefault(later, message)
    return errors


# -- windows enforced by the server ---------------------------------------------------------------
@dataclass(frozen=True)
class Window:
    """When an action is allowed: `opens_at <= now < closes_at` (None = unbounded on that side)."""

    action: Action
    opens_at: datetime | None
    closes_at: datetime | None
    label: str

    def is_open(self, now: datetime) -> bool:
        return (self.opens_at is None or now >= self.opens_at) and (self.closes_at is None or now < self.closes_at)

    def refusal(self, now: datetime) -> str | None:
        """Greek reason why the action is refused at `now` (None when it is allowed)."""
        if self.opens_at is not None and now < self.opens_at:
            return f"{self.label}: η προθεσμία δεν έχει ανοίξει ακόμη (ανοίγει {_greek_time(self.opens_at)})."
        if self.closes_at is not None and now >= self.closes_at:
            return f"{self.label}: η προθεσμία έληξε ({_greek_time(self.closes_at)})."
        return None


def _greek_time(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


class Action(StrEnum):
    """What a period's windows allow, one window each."""

    INTEREST = "interest"
    DISTRIBUTION = "distribution"
    LOTTERY = "lottery"
    APPLICATIONS_A = "applications_a"
    APPLICATIONS_B = "applications_b"
    ALLOCATION_A = "allocation_a"
    ALLOCATION_B = "allocation_b"

    @classmethod
    def applications(cls, phase: str) -> "Action":
        return cls(f"applications_{phase.lower()}")

    @classmethod
    def allocation(cls, phase: str) -> "Action":
        return cls(f"allocation_{phase.lower()}")


# action -> (opens field or None, closes field or None, Greek label)
_WINDOWS = {
    # The expression of interest of the centres (A2).
    Action.INTEREST: ("interest_opens_at", "interest_closes_at", "Εκδήλωση ενδιαφέροντος ΚΣΕ"),
    # The geographic distribution is published before and during the expression of interest.
    Action.DISTRIBUTION: (None, "interest_closes_at", "Πίνακας γεωγραφικής κατανομής"),
    # The lottery is drawn between the end of the expressions of interest and phase A.
    Action.LOTTERY: ("interest_closes_at", "applications_a_opens_at", "Κλήρωση προγραμμάτων"),
    Action.APPLICATIONS_A: ("applications_a_opens_at", "applications_a_closes_at", "Α' φάση αιτήσεων εκπαιδευτικών"),
    Action.APPLICATIONS_B: ("applications_b_opens_at", "applications_b_closes_at", "Β' φάση αιτήσεων εκπαιδευτικών"),
    # Phase A is allocated after it closes and before phase B opens (phase B needs its free seats).
    Action.ALLOCATION_A: ("applications_a_closes_at", "applications_b_opens_at", "Κατανομή Α' φάσης"),
    # Phase B is allocated after it closes, before the enrolment deadline.
    Action.ALLOCATION_B: ("applications_b_closes_at", "enrolment_deadline", "Κατανομή Β' φάσης"),
}
ACTIONS = tuple(_WINDOWS)


def window_for(action: Action | str, period, now: datetime) -> Window:
    """The window of `action` in `period` (anything with the period's window attributes).
    `now` is only used to check it is aware; callers decide with `Window.refusal(now)`."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    try:
        opens, closes, label = _WINDOWS[action]
    except KeyError:
        raise ValueError(f"unknown action {action!r}") from None
    return Window(
        Action(action),
        getattr(period, opens) if opens else None,
        getattr(period, closes) if closes else None,
        label,
    )
