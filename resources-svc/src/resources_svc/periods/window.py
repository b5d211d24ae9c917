"""The staff window of a training period (pure).

Decision (docs/decisions.md, «Staff window»): a centre's staff lists («Προσωπικό Συντονισμού»,
«Τεχνικοί Υπεύθυνοι»), its final submission and its Teachers' Association minutes may be changed
only while the period's call for expressions of interest is open, from `interest_opens_at`
(included) to `interest_closes_at` (excluded): the manual (§5) allows changes «για το χρονικό
διάστημα που υποβάλλονται προτάσεις στο πλαίσιο της εκάστοτε Πρόσκλησης Εκδήλωσης Ενδιαφέροντος».
Outside it the lists are read-only."""
from __future__ import annotations

from datetime import datetime


def is_staff_window_open(opens_at: datetime, closes_at: datetime, now: datetime) -> bool:
    """Open from `opens_at` until `closes_at`; at `closes_at` it is closed."""
    if opens_at.tzinfo is None or closes_at.tzinfo is None or now.tzinfo is None:
        # A naive time is ambiguous by hours (Greece is UTC+2/+3); refuse instead of guessing.
        raise ValueError("opens_at, closes_at and now must be timezone-aware")
    return opens_at <= now < closes_at
