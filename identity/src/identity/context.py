"""The service context of identity, built once per process from its settings
(ServiceDefinition.context): the account directory, the mail outbox, the GSIS client."""
from __future__ import annotations

from epimorfosi_platform import Runtime
from epimorfosi_platform.clock import Clock

from .directory import AccountDirectory, KeycloakAdminFactory, KeycloakDirectory, LocalDirectory
from .gsis import GsisClient
from .settings import IdentitySettings


class IdentityContext:
    """What the use cases need beyond the platform: `web.service_context()` in requests, passed to
    each use case as `ctx`."""

    def __init__(self, runtime: Runtime):
        self._runtime = runtime
        self.settings: IdentitySettings = runtime.settings
        s = self.settings
        self.mail = runtime.mail  # the mail outbox: queued in the transaction, retried until sent
        self._keycloak = KeycloakAdminFactory(
            s.keycloak_url, s.keycloak_realm, s.kc_identity_svc_client_id, s.kc_identity_svc_secret
        )
        self._gsis: GsisClient | None = None

    def directory(self, session) -> AccountDirectory:
        """The account directory around this transaction (see directory/)."""
        if self.settings.directory == "keycloak":
            return KeycloakDirectory(self._keycloak, session)
        return LocalDirectory(session)

    def gsis(self) -> GsisClient:
        if self._gsis is None:
            s = self.settings
            self._gsis = GsisClient(s.gsis_base_url, s.gsis_client_id, s.gsis_client_secret)
        return self._gsis

    @property
    def clock(self) -> Clock:
        return self._runtime.clock  # read each time: tests set `runtime.clock`

    @property
    def callback_url(self) -> str:
        return f"{self.settings.identity_public_url}/v1/gsis/callback"

    def public_url(self, path: str) -> str:
        """An absolute URL of this service as browsers reach it (behind the gateway: a prefix)."""
        return self.settings.identity_public_url + path


def build_context(runtime: Runtime) -> IdentityContext:
    return IdentityContext(runtime)
