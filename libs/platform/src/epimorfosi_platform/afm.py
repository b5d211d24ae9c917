"""Greek tax id (ΑΦΜ) normalisation and check-digit validation.

The ΑΦΜ identifies a person across the system: GSIS returns it, teachers
without an Α.Μ. use it as their registry number, support requests quote it and
centres list their staff by it and the register of certified trainers (resources-svc, M1) is
keyed by it; it lives in the platform so that every service checks it the same way.
A typo must therefore be caught at the edge, before it becomes a second
"person". The official check digit is computed as::

    check = (sum(d[i] * 2 ** (8 - i) for i in 0..7) % 11) % 10

Known limitation of the algorithm (verified exhaustively in the tests): because
a remainder of 10 and a remainder of 0 both give check digit 0, a single wrong
digit goes unnoticed when it moves the remainder between 0 and 10. Every other
single-digit error is detected.
"""

from __future__ import annotations

import re

__all__ = [
    "AFM_LENGTH",
    "InvalidAfm",
    "afm_check_digit",
    "is_valid_afm",
    "normalize_afm",
    "validate_afm",
]

AFM_LENGTH = 9

# ASCII digits only: str.isdigit() would also accept e.g. Arabic-Indic digits.
_NINE_DIGITS = re.compile(r"[0-9]{9}")
_EIGHT_DIGITS = re.compile(r"[0-9]{8}")


class InvalidAfm(ValueError):
    """The value is not a valid ΑΦΜ; ``message`` is fit to show to the user."""

    def __init__(self, reason: str, *, code: str) -> None:
        self.code = code
        self.reason = reason
        self.message = f"Μη έγκυρος ΑΦΜ: {reason}"
        super().__init__(self.message)


def normalize_afm(raw: str) -> str:
    """Return ``raw`` without any whitespace, or raise :class:`InvalidAfm`.

    GSIS pads the ``taxid`` attribute and users type spaces, so whitespace is
    removed; nothing else is "fixed" (no zero-padding of 8-digit values),
    because guessing would silently turn a typo into somebody else's ΑΦΜ.
    The check digit is *not* verified here; see :func:`validate_afm`.
    """
    if not isinstance(raw, str):
        raise InvalidAfm("αναμενόταν κείμενο.", code="afm.type")
    compact = "".join(raw.split())
    if not compact:
        raise InvalidAfm("το πεδίο είναι κενό.", code="afm.empty")
    if not _NINE_DIGITS.fullmatch(compact):
        raise InvalidAfm(
            "πρέπει να αποτελείται από ακριβώς 9 ψηφία.", code="afm.format"
        )
    return compact


def afm_check_digit(first_eight: str) -> int:
    """Return the check digit (9th digit) for the first 8 digits of an ΑΦΜ.

    Exposed so that test data and the GSIS sandbox can build valid ΑΦΜ instead
    of hard-coding numbers that may be wrong.
    """
    if not isinstance(first_eight, str) or not _EIGHT_DIGITS.fullmatch(first_eight):
        raise ValueError("expected exactly 8 ASCII digits")
    total = sum(int(digit) << (8 - position) for position, digit in enumerate(first_eight))
    return (total % 11) % 10


def _has_valid_check_digit(afm: str) -> bool:
    """Check digit and the all-zero rule on an already normalised ΑΦΜ."""
    if afm == "0" * AFM_LENGTH:
        return False
    return afm_check_digit(afm[:8]) == int(afm[8])


def validate_afm(raw: str) -> str:
    """Normalise ``raw`` and verify its check digit; return the 9-digit ΑΦΜ.

    This is the function to use at every boundary (forms, GSIS data).
    """
    afm = normalize_afm(raw)
    if afm == "0" * AFM_LENGTH:
        raise InvalidAfm("δεν μπορεί να αποτελείται μόνο από μηδενικά.", code="afm.zero")
    if not _has_valid_check_digit(afm):
        raise InvalidAfm("το ψηφίο ελέγχου δεν είναι σωστό.", code="afm.check_digit")
    return afm


def is_valid_afm(afm: object) -> bool:
    """True when :func:`validate_afm` would accept ``afm``; never raises.

    Accepts the same whitespace-padded forms as :func:`validate_afm`, so that
    the predicate and the validator can never disagree.
    """
    if not isinstance(afm, str):
        return False
    try:
        validate_afm(afm)
    except InvalidAfm:
        return False
    return True
