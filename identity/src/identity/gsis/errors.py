"""Errors raised by the GSIS (ΓΓΠΣ / Taxisnet) integration.

Every error carries a stable machine ``code`` (for logs, metrics and API problem
documents) and a Greek ``message`` that can be shown to the user as is. Messages
never contain tokens, secrets or the personal data returned by GSIS, so the
errors are safe to log.
"""

from __future__ import annotations


class GsisError(Exception):
    """Base class: lets callers catch every GSIS failure with one ``except``."""

    #: Default machine code of the class; instances may carry a more specific one.
    default_code = "gsis.error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"


class GsisUnavailable(GsisError):
    """GSIS could not be reached or answered with a server-side failure.

    The user did nothing wrong: the right reaction is "try again later".
    """

    default_code = "gsis.unavailable"


class GsisProtocolError(GsisError):
    """GSIS answered, but not with what the protocol promises (or it refused us).

    Covers rejected codes/tokens, malformed or hostile XML, and identity records
    that cannot be trusted (e.g. an ΑΦΜ with a wrong check digit).
    """

    default_code = "gsis.protocol"
