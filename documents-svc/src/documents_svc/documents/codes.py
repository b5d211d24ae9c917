"""Verification codes printed on every document (pure)."""
from __future__ import annotations

# Crockford's base32: no I, L, O, U, so a code read off paper and typed back is hard to get wrong.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 60 random bits: unguessable, and short enough to type
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalise_code(text: str) -> str | None:
    """The canonical code from what a person typed ("abcd-efgh-jk1m", spaces, O for 0), or None."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -_.\t").translate(_READ_AS)
    if len(cleaned) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in cleaned):
        return None
    return cleaned


def display_code(code: str) -> str:
    """Groups of four for print: ABCD-EFGH-JKMN."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
