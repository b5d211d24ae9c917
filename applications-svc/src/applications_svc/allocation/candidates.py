"""Candidate numbers: the public name of a teacher in a period's allocation records (pure)."""
from __future__ import annotations

import secrets

CANDIDATE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud and typed by people


def candidate_number(entropy: bytes) -> str:
    """``XXXXX-XXXXX`` from the first 50 bits of ``entropy`` (at least 7 bytes), 32 symbols a
    character: about 10**15 numbers, so random ones practically never collide (the database's
    unique constraint decides when they do)."""
    if len(entropy) < 7:
        raise ValueError("at least 7 bytes of entropy")
    value = int.from_bytes(entropy[:7], "big") >> 6
    symbols = []
    for _ in range(10):
        value, digit = divmod(value, 32)
        symbols.append(CANDIDATE_ALPHABET[digit])
    return "".join(symbols[:5]) + "-" + "".join(symbols[5:])


def new_candidate_number() -> str:
    return candidate_number(secrets.token_bytes(7))
