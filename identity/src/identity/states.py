"""identity's states and kinds as enums, in one place the pure rules and the models both import
(rules never import models). StrEnum: a member equals, and is stored as, its value."""
from __future__ import annotations

from enum import StrEnum


class GsisPurpose(StrEnum):
    """Why a person goes through GSIS (Taxisnet): the kind of a `gsis_flow`."""

    REGISTRATION = "registration"
    CONFIRM = "confirm"
    RESET_PASSWORD = "reset-password"
    FORGOT_EMAIL = "forgot-email"


class LinkPurpose(StrEnum):
    """What a single-use e-mail link (`action_token`) does."""

    VERIFY_EMAIL = "verify-email"
    RESET_PASSWORD = "reset-password"


class SupportTopic(StrEnum):
    TECHNICAL = "technical"
    REGISTRATION = "registration"
    APPLICATIONS = "applications"
    OTHER = "other"


class SupportStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"
