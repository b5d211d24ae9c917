"""Errors of use cases: what went wrong in the domain's terms, with a stable slug (the problem
`type`) and a Greek message for the user. No HTTP here: the web layer (problems.py) gives each
kind its status, in one place, and answers with `application/problem+json`."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


class DomainError(Exception):
    slug = "bad-request"

    def __init__(
        self,
        detail: str,
        *,
        slug: str | None = None,
        title: str | None = None,
        errors: Mapping[str, Sequence[str]] | Sequence[str] | None = None,
        **extensions: Any,
    ):
        self.detail = detail
        self.slug = slug or type(self).slug
        self.title = title  # None: the standard title of the kind
        # Per field (a form), or a list for a whole document (a CSV file's lines, a submission's gaps).
        self.errors: dict[str, Sequence[str]] | list[str] | None = (
            None if not errors else dict(errors) if isinstance(errors, Mapping) else list(errors))
        self.extensions = extensions
        super().__init__(detail)


class Rejected(DomainError):
    """The request cannot be acted on as given (an unknown or expired link, a refused login)."""


class Invalid(DomainError):
    """Values that break the rules; `errors` says which fields."""

    slug = "validation-failed"


class NotFound(DomainError):
    slug = "not-found"


class Conflict(DomainError):
    """Clashes with existing data or with the current state (already used, already exists)."""

    slug = "conflict"


class Forbidden(DomainError):
    """The caller may not do this to this thing (e.g. another person's data)."""

    slug = "forbidden"


class OutOfScope(Forbidden):
    """Outside the caller's data scope (their own centre)."""

    slug = "out-of-scope"


class Unavailable(DomainError):
    """A system the use case depends on (directory, GSIS, store) cannot answer now."""

    slug = "unavailable"
