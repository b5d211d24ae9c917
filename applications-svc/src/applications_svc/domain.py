"""Rules of applications-svc as pure functions (no I/O)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


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
