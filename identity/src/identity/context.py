"""Configuration of the account flows (from `IdentitySettings`) and the objects built from it once
per process: the account directory, the mailer and the GSIS client."""
from __future__ import annotations

from dataclasses import dataclass

from epimorfosi_platform import Runtime
from flask import current_app

from .directory import AccountDirectory, KeycloakAdminFactory, KeycloakDirectory, LocalDirectory
from .gsis import GsisClient
from .mail import Mailer
from .settings import IdentitySettings

EXTENSION = "identity_flows"


@dataclass(frozen=True)
class IdentityConfig:
    directory: str  # "keycloak" | "local"
    public_url: str  # where browsers reach this service (links in e-mails, GSIS redirect_uri)
    web_url: str  # the web client (links after a flow ends)
    support_url: str  # where "Επιστροφή" sends a person whose GSIS data are wrong
    keycloak_url: str
    keycloak_realm: str
    keycloak_client_id: str
    keycloak_client_secret: str
    smtp_host: str
    smtp_port: int
    mail_from: str
    gsis_base_url: str
    gsis_client_id: str
    gsis_client_secret: str
    flow_minutes: int = 30
    verification_hours: int = 48
    reset_hours: int = 2
    recovery_min_seconds: float = 0.4

    @classmethod
    def from_settings(cls, settings: IdentitySettings) -> "IdentityConfig":
        return cls(
            directory=settings.directory,
            public_url=settings.identity_public_url,
            web_url=settings.web_url,
            support_url=settings.support_url,
            keycloak_url=settings.keycloak_url,
            keycloak_realm=settings.keycloak_realm,
            keycloak_client_id=settings.kc_identity_svc_client_id,
            keycloak_client_secret=settings.kc_identity_svc_secret,
            smtp_host=settings.smtp_host,
            smtp_port=settings.smtp_port,
            mail_from=settings.mail_from,
            gsis_base_url=settings.gsis_base_url,
            gsis_client_id=settings.gsis_client_id,
            gsis_client_secret=settings.gsis_client_secret,
            flow_minutes=settings.gsis_flow_minutes,
            verification_hours=settings.verification_hours,
            reset_hours=settings.reset_hours,
            recovery_min_seconds=settings.recovery_min_seconds,
        )


class IdentityContext:
    def __init__(self, runtime: Runtime):
        self.runtime = runtime
        self.config = IdentityConfig.from_settings(runtime.settings)
        c = self.config
        self.mailer = Mailer(c.smtp_host, c.smtp_port, c.mail_from)
        self._keycloak = KeycloakAdminFactory(
            c.keycloak_url, c.keycloak_realm, c.keycloak_client_id, c.keycloak_client_secret
        )
        self._gsis: GsisClient | None = None

    def directory(self, session) -> AccountDirectory:
        if self.config.directory == "keycloak":
            return KeycloakDirectory(self._keycloak, session)
        return LocalDirectory(session)

    def gsis(self) -> GsisClient:
        if self._gsis is None:
            c = self.config
            self._gsis = GsisClient(c.gsis_base_url, c.gsis_client_id, c.gsis_client_secret)
        return self._gsis

    @property
    def callback_url(self) -> str:
        return f"{self.config.public_url}/v1/gsis/callback"


def install(app, runtime: Runtime) -> IdentityContext:
    context = IdentityContext(runtime)
    app.extensions[EXTENSION] = context
    return context


def identity_context() -> IdentityContext:
    return current_app.extensions[EXTENSION]
