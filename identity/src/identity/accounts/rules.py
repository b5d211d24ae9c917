"""Rules of accounts as pure functions (no I/O): role names, password policy, e-mail form."""
from __future__ import annotations

import re

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
