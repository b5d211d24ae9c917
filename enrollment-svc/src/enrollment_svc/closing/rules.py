"""Rules of the end of enrolment (pure: no I/O).

- At the enrolment deadline each programme to be implemented is decided once (`must_cancel`): it
  is cancelled when fewer than the call's minimum (`minimum_participants`, 10 by default) are
  enrolled, unless a central admin granted it a reduced-composition exception («πρόγραμμα μειωμένης
  σύνθεσης», manual §1.2: by decision of the competent body of ΙΤΥΕ «Διόφαντος»), with a reason.
- An exception is granted only while the programme is not yet decided (before or at the deadline,
  before the sweep); once decided it cannot be undone.
- The final approval is by central admins, per period, directorate of education (the programme's
  area) and centre; it takes every decided, not cancelled programme of that scope and makes it final.
  It is refused before the deadline, and given once per scope; after it nothing changes.
"""
from __future__ import annotations

DEFAULT_MINIMUM = 10


def must_cancel(enrolled: int, minimum: int | None, has_exception: bool) -> bool:
    """A programme is cancelled at the deadline when fewer than `minimum` are enrolled (the call's
    minimum; DEFAULT_MINIMUM when unknown) and it has no reduced-composition exception."""
    return not has_exception and enrolled < (minimum or DEFAULT_MINIMUM)


def reason_problem(reason: str | None) -> str | None:
    """Why a reason (of an exception) is not accepted, in Greek; None: accepted."""
    text = (reason or "").strip()
    if not text:
        return "Η αιτιολογία είναι υποχρεωτική."
    if len(text) > 500:
        return "Η αιτιολογία δεν μπορεί να ξεπερνά τους 500 χαρακτήρες."
    return None
