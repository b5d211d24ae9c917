"""Rules of support requests as pure functions (no I/O): labels and the allowed status changes."""
from __future__ import annotations

from ..accounts.rules import is_plausible_email, normalize_email
from epimorfosi_platform.afm import InvalidAfm, validate_afm
from ..states import SupportStatus, SupportTopic

SUPPORT_TOPICS: dict[SupportTopic, str] = {
    SupportTopic.TECHNICAL: "Τεχνικά θέματα (π.χ. πρόβλημα πρόσβασης)",
    SupportTopic.REGISTRATION: "Εγγραφή και στοιχεία ΓΓΠΣ",
    SupportTopic.APPLICATIONS: "Αιτήσεις και προγράμματα επιμόρφωσης",
    SupportTopic.OTHER: "Άλλο θέμα",
}
SUPPORT_STATUSES: dict[SupportStatus, str] = {
    SupportStatus.OPEN: "Ανοιχτό",
    SupportStatus.IN_PROGRESS: "Σε εξέλιξη",
    SupportStatus.RESOLVED: "Επιλύθηκε",
    SupportStatus.CLOSED: "Κλειστό",
}
_TRANSITIONS: dict[SupportStatus, frozenset[SupportStatus]] = {
    SupportStatus.OPEN: frozenset({SupportStatus.IN_PROGRESS, SupportStatus.RESOLVED, SupportStatus.CLOSED}),
    SupportStatus.IN_PROGRESS: frozenset({SupportStatus.OPEN, SupportStatus.RESOLVED, SupportStatus.CLOSED}),
    SupportStatus.RESOLVED: frozenset({SupportStatus.IN_PROGRESS, SupportStatus.CLOSED}),
    SupportStatus.CLOSED: frozenset({SupportStatus.IN_PROGRESS}),  # reopened by the helpdesk
}


def support_transition_error(current: str, new: str) -> str | None:
    """The Greek reason a request in `current` cannot become `new` (None: it can)."""
    if new not in SUPPORT_STATUSES:
        return "Άγνωστη κατάσταση αιτήματος."
    if new == current:
        return f"Το αίτημα είναι ήδη «{SUPPORT_STATUSES[current]}»."
    if new not in _TRANSITIONS[current]:
        return f"Ένα αίτημα «{SUPPORT_STATUSES[current]}» δεν μπορεί να γίνει «{SUPPORT_STATUSES[new]}»."
    return None


def contact_fields(afm: str | None, contact_email: str) -> tuple[str | None, str, dict[str, list[str]]]:
    """The ΑΦΜ (optional; when given, a valid one) and the contact e-mail (required) of a request,
    normalized, with the Greek messages of the fields that are wrong."""
    errors: dict[str, list[str]] = {}
    valid_afm = None
    if (afm or "").strip():
        try:
            valid_afm = validate_afm(afm)
        except InvalidAfm as exc:
            errors["afm"] = [exc.message]
    contact = normalize_email(contact_email)
    if not is_plausible_email(contact):
        errors["contact_email"] = ["Δώστε ένα e-mail επικοινωνίας."]
    return valid_afm, contact, errors
