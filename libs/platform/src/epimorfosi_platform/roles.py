"""The realm roles (ids as in the Keycloak realm, identity/keycloak/) shared by every service.
StrEnum: a member is equal to, and hashes like, its id, so token claims compare directly."""
from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CENTRAL_ADMIN = "central-admin"
    KSE_HEAD = "kse-head"
    COORDINATOR = "coordinator"
    TECHNICAL_LEAD = "technical-lead"
    TEACHER = "teacher"
    TRAINER = "trainer"
    HELPDESK_AGENT = "helpdesk-agent"
    SCHOOL_UNIT = "school-unit"


# A KSE head and a coordinator act only on their own centre (token claim `centre_id`).
CENTRE_ROLES = frozenset({Role.KSE_HEAD, Role.COORDINATOR})
