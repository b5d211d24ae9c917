"""Rules of registration as pure functions (no I/O): the form's fields and the Greek messages."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from epimorfosi_platform.roles import Role

from ..accounts.rules import is_plausible_email, normalize_email, password_errors

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
MSG_CHECK_FIELDS = "Ελέγξτε τα πεδία που επισημαίνονται."


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


def is_orphan_registration(account, *, claimed: bool, now: datetime, grace: timedelta) -> bool:
    """Whether a directory account is what a crashed registration left behind.

    Registration creates the Keycloak user first and commits its claim (ΑΦΜ, e-mail, account id)
    after; a process that dies between the two leaves a user that nothing in identity knows, and
    that would keep its ΑΦΜ and e-mail taken for good. Such an account is one that GSIS registration
    created (it carries `gsis_verified_at`), never activated (disabled, e-mail not verified), that
    no committed claim names (`claimed` False), and older than `grace` (a registration still in
    flight is younger). Accounts an administrator made, activated ones and claimed ones never are.
    """
    if claimed or account.enabled or account.email_verified or account.gsis_verified_at is None:
        return False
    return account.created_at is not None and account.created_at <= now - grace
