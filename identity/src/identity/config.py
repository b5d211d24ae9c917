"""The service context of identity, built once per process from its settings
(ServiceDefinition.context): the account directory, the mailer, the GSIS client."""
from __future__ import annotations

from epimorfosi_platform import Runtime
from epimorfosi_platform.clock import Clock

from .directory import AccountDirectory, KeycloakAdminFactory, KeycloakDirectory, LocalDirectory
from .gsis import GsisClient
from .mail import Mailer
from .settings import IdentitySettings


class IdentityContext:
    """What the account flows need beyond the platform; `web.service_context()` in requests."""

    def __init__(self, runtime: Runtime):
        self._runtime = runtime
        self.config: IdentitySettings = runtime.settings
        c = self.config
        self.mailer = Mailer(c.smtp_host, c.smtp_port, c.mail_from)
        self._keycloak = KeycloakAdminFactory(
            c.keycloak_url, c.keycloak_realm, c.kc_identity_svc_client_id, c.kc_identity_svc_secret
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
    def clock(self) -> Clock:
        return self._runtime.clock  # read each time: tests set `runtime.clock`

    @property
    def callback_url(self) -> str:
        return f"{self.config.identity_public_url}/v1/gsis/callback"
