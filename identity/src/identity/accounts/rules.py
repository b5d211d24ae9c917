"""Rules of accounts as pure functions (no I/O): role names, password policy, e-mail form."""
from __future__ import annotations

import re
from dataclasses import dataclass

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

# Manual of the e-IEP platform (seed 002, §2, note 1): Latin lower and upper case, digits, symbols
# from !@#$%^&*(), 8 to 15 characters.
PASSWORD_SYMBOLS = "!@#$%^&*()"
PASSWORD_MIN, PASSWORD_MAX = 8, 15


@dataclass(frozen=True)
class PasswordRule:
    """One rule of the password policy. `pattern` is searched in the password (Python `re.search`,
    and the same source in the browser: `new RegExp(pattern, "u").test`, so it is written in the
    syntax both share); `label` is the line of the checklist, `message` the error when broken."""

    id: str
    pattern: str
    label: str
    message: str


PASSWORD_RULES: tuple[PasswordRule, ...] = (
    PasswordRule("length", f"^.{{{PASSWORD_MIN},{PASSWORD_MAX}}}$", f"από {PASSWORD_MIN} έως {PASSWORD_MAX} χαρακτήρες",
                 f"Ο κωδικός πρέπει να έχει από {PASSWORD_MIN} έως {PASSWORD_MAX} χαρακτήρες."),
    PasswordRule("allowed", "^[A-Za-z0-9!@#$%^&*()]+$", f"μόνο λατινικά γράμματα, ψηφία και τα σύμβολα {PASSWORD_SYMBOLS}",
                 f"Ο κωδικός επιτρέπεται να έχει μόνο λατινικά γράμματα, ψηφία και τα σύμβολα {PASSWORD_SYMBOLS}"),
    PasswordRule("lower", "[a-z]", "τουλάχιστον ένα πεζό λατινικό γράμμα (a–z)",
                 "Ο κωδικός πρέπει να περιέχει τουλάχιστον ένα πεζό λατινικό γράμμα."),
    PasswordRule("upper", "[A-Z]", "τουλάχιστον ένα κεφαλαίο λατινικό γράμμα (A–Z)",
                 "Ο κωδικός πρέπει να περιέχει τουλάχιστον ένα κεφαλαίο λατινικό γράμμα."),
    PasswordRule("digit", "[0-9]", "τουλάχιστον ένα ψηφίο (0–9)", "Ο κωδικός πρέπει να περιέχει τουλάχιστον ένα ψηφίο."),
    PasswordRule("symbol", "[!@#$%^&*()]", f"τουλάχιστον ένα από τα σύμβολα {PASSWORD_SYMBOLS}",
                 f"Ο κωδικός πρέπει να περιέχει τουλάχιστον ένα από τα σύμβολα {PASSWORD_SYMBOLS}"),
)

# Deliberately loose: the activation e-mail is the real check; this only refuses obvious garbage.
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


def normalize_email(raw: str) -> str:
    """The e-mail is the username; compare it case-insensitively and without surrounding spaces."""
    return (raw or "").strip().lower()


def is_plausible_email(email: str) -> bool:
    return len(email) <= 254 and bool(_EMAIL.match(email))


def password_errors(password: str) -> list[str]:
    """The Greek message of every rule of PASSWORD_RULES the value breaks, in their order (empty
    when valid)."""
    return [rule.message for rule in PASSWORD_RULES if not re.search(rule.pattern, password or "")]


def role_errors(roles: list[str] | tuple[str, ...] | frozenset[str], centre_id: str | None) -> list[str]:
    """Greek messages when a set of roles cannot be given to an account as described."""
    errors = [f"Άγνωστος ρόλος: {r}" for r in sorted(set(roles) - set(ROLES))]
    if set(roles) & CENTRE_ROLES and not centre_id:
        errors.append("Ο Υπεύθυνος ΚΣΕ και ο Συντονιστής πρέπει να ανήκουν σε ΚΣΕ.")
    return errors


def display_name(first_name: str, last_name: str, fallback: str) -> str:
    return " ".join(part for part in (first_name, last_name) if part) or fallback
