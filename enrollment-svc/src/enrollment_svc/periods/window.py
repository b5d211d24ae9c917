"""The enrolment window of a period (pure)."""
from __future__ import annotations

from datetime import datetime


def is_enrolment_open(deadline: datetime, now: datetime) -> bool:
    """Centres may enrol trainees until the centrally set deadline; at the deadline it is closed."""
    if deadline.tzinfo is None or now.tzinfo is None:
        # A naive time is ambiguous by hours (Greece is UTC+2/+3); refuse instead of guessing.
        raise ValueError("deadline and now must be timezone-aware")
    return now < deadline
