"""enrollment-svc's service context, built once per process from its settings."""
from __future__ import annotations

from dataclasses import dataclass

from epimorfosi_platform import Runtime
from epimorfosi_platform.mail import MailOutbox


@dataclass(frozen=True)
class EnrollmentContext:
    """What enrollment-svc's handlers need beyond the platform (`ctx.service`)."""

    mail: MailOutbox  # queued in the handler's transaction, retried until sent
    web_url: str


def build_context(runtime: Runtime) -> EnrollmentContext:
    settings = runtime.settings
    return EnrollmentContext(mail=runtime.mail, web_url=settings.web_url)
