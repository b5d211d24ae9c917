"""Rules of identity as pure functions (no I/O): roles, password policy, e-mail form, the GSIS
comparison of the one-time confirmation, support requests."""
from __future__ import annotations

import hashlib
import re
from typing import Any, Mapping

from epimorfosi_platform.roles import CENTRE_ROLES, Role

# Realm roles (same ids as the Keycloak realm) with the Greek names users know.
ROLES: dict[Role, str] = {
    Role.CENTRAL_ADMIN: "Κεντρικός διαχειριστής",
    Role.KSE_HEAD: "Υπεύθυνος ΚΣΕ",
    Role.COORDINATOR: "Συντονιστής",
    Role.TECHNICAL_LEAD: "Τεχνικός υπεύθυνος – βοηθός επιμορφωτή",
    Role.TEACHER: "Εκπαιδευτικός",
    Role.TRAINER: "Επιμορφωτής",
    Role.HELPDESK_AGENT: "Υποστήριξη χρηστών (helpdesk)",
    Role.SCHOOL_UNIT: "Σχολική μονάδα / Διεύθυνση Εκπαίδευσης",
}

# Manual of the e-IEP platform: Latin lower and upper case, digits, symbols from !@#$%^&*(), 8 to 15.
PASSWORD_SYMBOLS = "!@#$%^&*()"
PASSWORD_MIN, PASSWORD_MAX = 8, 15
_PASSWORD_ALLOWED = re.compile(r"^[A-Za-z0-9!@#$%^&*()]+$")

# Deliberately loose: the activation e-mail is the real check; this only refuses obvious garbage.
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


def normalize_email(raw: str) -> str:
    """The e-mail is the username; compare it case-insensitively and without surrounding spaces."""
    return (raw or "").strip().lower()


def is_plausible_email(email: str) -> bool:
    return len(email) <= 254 and bool(_EMAIL.match(email))


def password_errors(password: str) -> list[str]:
    """Greek messages for every rule of the password policy the value breaks (empty when valid)."""
    errors: list[str] = []
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        errors.append(f"Ο κωδικός πρέπει να έχει από {PASSWORD_MIN} έως {PASSWORD_MAX} χαρακτήρες.")
    if not _PASSWORD_ALLOWED.match(password or " "):
        errors.append(f"Ο κωδικός επιτρέπεται να έχει μόνο λατινικά γράμματα, ψηφία και τα σύμβολα {PASSWORD_SYMBOLS}")
    if not re.search(r"[a-z]", password):
        errors.append("Ο κωδικός πρέπει να περιέχει τουλάχιστον ένα πεζό λατινικό γράμμα.")
    if not re.search(r"[A-Z]", password):
        errors.append("Ο κωδικός πρέπει να περιέχει τουλάχιστον ένα κεφαλαίο λατινικό γράμμα.")
    if not re.search(r"[0-9]", password):
        errors.append("Ο κωδικός πρέπει να περιέχει τουλάχιστον ένα ψηφίο.")
    if not any(c in PASSWORD_SYMBOLS for c in password):
        errors.append(f"Ο κωδικός πρέπει να περιέχει τουλάχιστον ένα από τα σύμβολα {PASSWORD_SYMBOLS}")
    return errors


def role_errors(roles: list[str] | tuple[str, ...] | frozenset[str], centre_id: str | None) -> list[str]:
    """Greek messages when a set of roles cannot be given to an account as described."""
    errors = [f"Άγνωστος ρόλος: {r}" for r in sorted(set(roles) - set(ROLES))]
    if set(roles) & CENTRE_ROLES and not centre_id:
        errors.append("Ο Υπεύθυνος ΚΣΕ και ο Συντονιστής πρέπει να ανήκουν σε ΚΣΕ.")
    return errors


def display_name(first_name: str, last_name: str, fallback: str) -> str:
    return " ".join(part for part in (first_name, last_name) if part) or fallback


# -- registration ------------------------------------------------------------------------

# Realm user-profile attribute `gender` (options F, M) with the labels of the realm's messages.
GENDERS: dict[str, str] = {"F": "Γυναίκα", "M": "Άνδρας"}

# Α.Μ. (or the ΑΦΜ when there is none): the realm's pattern for `registry_number`.
_REGISTRY_NUMBER = re.compile(r"^[0-9A-Za-zΑ-Ωα-ω]{1,20}$")

# Role of every account created by GSIS registration.
REGISTRATION_ROLE = Role.TEACHER

MSG_AFM_TAKEN = (
    "Υπάρχει ήδη λογαριασμός με αυτόν τον ΑΦΜ. Αν δεν θυμάστε τα στοιχεία εισόδου σας, χρησιμοποιήστε "
    "«Ξέχασα τον κωδικό πρόσβασης» ή «Ξέχασα το Email Μητρώου»."
)
MSG_EMAIL_TAKEN = (
    "Η διεύθυνση e-mail χρησιμοποιείται ήδη από άλλον λογαριασμό. Αν είναι δική σας, χρησιμοποιήστε "
    "«Ξέχασα τον κωδικό πρόσβασης» ή «Ξέχασα το Email Μητρώου»."
)


def registry_number_errors(value: str) -> list[str]:
    if value and not _REGISTRY_NUMBER.match(value):
        return ["Ο Α.Μ. έχει έως 20 γράμματα ή ψηφία, χωρίς κενά και σύμβολα."]
    return []


def registration_errors(*, email: str, password: str, gender: str, registry_number: str) -> dict[str, list[str]]:
    """Greek messages per field of the registration form (empty when everything is valid)."""
    errors: dict[str, list[str]] = {}
    if not is_plausible_email(normalize_email(email)):
        errors["email"] = ["Δώστε μια έγκυρη διεύθυνση e-mail, την οποία χρησιμοποιείτε."]
    if gender not in GENDERS:
        errors["gender"] = ["Επιλέξτε φύλο."]
    if problems := password_errors(password):
        errors["password"] = problems
    if problems := registry_number_errors(registry_number):
        errors["registry_number"] = problems
    return errors


# -- GSIS confirmation ----------------------------------------------------------------------

# The record GSIS certifies, in the order of the manual's screens, with the labels users know.
GSIS_FIELDS: tuple[tuple[str, str], ...] = (
    ("afm", "ΑΦΜ"),
    ("last_name", "Επώνυμο"),
    ("first_name", "Όνομα"),
    ("father_name", "Πατρώνυμο"),
    ("mother_name", "Μητρώνυμο"),
    ("birth_year", "Έτος γέννησης"),
)


def _comparable(value: Any) -> str:
    return " ".join(str(value if value is not None else "").split()).upper()


def compare_with_gsis(account: Mapping[str, Any], gsis: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The two records side by side: per field the label, both values and whether they agree."""
    return [
        {
            "field": name,
            "label": label,
            "account": account.get(name),
            "gsis": gsis.get(name),
            "same": _comparable(account.get(name)) == _comparable(gsis.get(name)),
        }
        for name, label in GSIS_FIELDS
    ]


def gsis_afm_conflict(account_afm: str | None, gsis_afm: str) -> bool:
    """An account that already has an ΑΦΜ may only be confirmed by the same person at GSIS."""
    return bool(account_afm) and account_afm != gsis_afm


# -- tokens --------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    """Links and flow states are stored only as their SHA-256: a copy of the table opens nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


# -- support requests -------------------------------------------------------------------------

SUPPORT_TOPICS: dict[str, str] = {
    "technical": "Τεχνικά θέματα (π.χ. πρόβλημα πρόσβασης)",
    "registration": "Εγγραφή και στοιχεία ΓΓΠΣ",
    "applications": "Αιτήσεις και προγράμματα επιμόρφωσης",
    "other": "Άλλο θέμα",
}
SUPPORT_STATUSES: dict[str, str] = {
    "open": "Ανοιχτό",
    "in_progress": "Σε εξέλιξη",
    "resolved": "Επιλύθηκε",
    "closed": "Κλειστό",
}
_SUPPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"in_progress", "resolved", "closed"}),
    "in_progress": frozenset({"open", "resolved", "closed"}),
    "resolved": frozenset({"in_progress", "closed"}),
    "closed": frozenset({"in_progress"}),  # reopened by the helpdesk
}


def support_transition_error(current: str, new: str) -> str | None:
    if new not in SUPPORT_STATUSES:
        return "Άγνωστη κατάσταση αιτήματος."
    if new == current:
        return f"Το αίτημα είναι ήδη «{SUPPORT_STATUSES[current]}»."
    if new not in _SUPPORT_TRANSITIONS[current]:
        return f"Ένα αίτημα «{SUPPORT_STATUSES[current]}» δεν μπορεί να γίνει «{SUPPORT_STATUSES[new]}»."
    return None
