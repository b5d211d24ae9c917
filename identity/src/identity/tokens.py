"""Random secrets handed to browsers (flow states, e-mail links) and how they are stored."""
from __future__ import annotations

import hashlib
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """Links and flow states are stored only as their SHA-256: a copy of the table opens nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


def same_token(stored_hash: str, token: str) -> bool:
    return secrets.compare_digest(stored_hash, token_hash(token))
