"""Configuration of the account flows (environment, 12-factor) and the service context built from it
once per process (ServiceDefinition.context): the account directory, the mailer, the GSIS client."""
from __future__ import annotations

from dataclasses import dataclass

from epimorfosi_platform import Runtime, Settings
from epimorfosi_platform.clock import Clock

from .directory import AccountDirectory, KeycloakAdminFactory, KeycloakDirectory, LocalDirectory
from .gsis import GsisClient
from .mail import Mailer


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


def read_config(settings: Settings) -> IdentityConfig:
    get = settings.get
    dev_issuer = (get("DEV_ISSUER") or "").strip().lower() in {"1", "true", "yes", "on"}
    gateway = (get("PUBLIC_BASE_URL") or "").rstrip("/")
    public = get("IDENTITY_PUBLIC_URL") or (f"{gateway}/api/identity" if gateway else "http://127.0.0.1:8101")
    web = get("WEB_URL") or gateway or "http://127.0.0.1:8000"
    directory = (get("ACCOUNT_DIRECTORY") or ("local" if dev_issuer else "keycloak")).strip().lower()
    if directory not in {"keycloak", "local"}:
        raise ValueError("EPI_ACCOUNT_DIRECTORY must be keycloak or local")
    return IdentityConfig(
        directory=directory,
        public_url=public.rstrip("/"),
        web_url=web.rstrip("/"),
        support_url=get("SUPPORT_URL") or f"{web.rstrip('/')}/support",
        keycloak_url=get("KEYCLOAK_URL") or "http://127.0.0.1:8180",
        keycloak_realm=get("KEYCLOAK_REALM") or "epimorfosi",
        keycloak_client_id=get("KC_IDENTITY_SVC_CLIENT_ID") or "identity-svc",
        keycloak_client_secret=get("KC_IDENTITY_SVC_SECRET") or "identity-svc-dev-secret",
        smtp_host=get("SMTP_HOST") or "127.0.0.1",
        smtp_port=int(get("SMTP_PORT") or "2525"),
        mail_from=get("MAIL_FROM") or "noreply@epimorfosi.example",
        gsis_base_url=get("GSIS_BASE_URL") or "http://127.0.0.1:8106",
        gsis_client_id=get("GSIS_CLIENT_ID") or "epimorfosi-dev",
        gsis_client_secret=get("GSIS_CLIENT_SECRET") or "epimorfosi-dev-secret",
        flow_minutes=int(get("GSIS_FLOW_MINUTES") or "30"),
        verification_hours=int(get("VERIFICATION_HOURS") or "48"),
        reset_hours=int(get("RESET_HOURS") or "2"),
        recovery_min_seconds=float(get("RECOVERY_MIN_SECONDS") or "0.4"),
    )


class IdentityContext:
    """What the account flows need beyond the platform; `web.service_context()` in requests."""

    def __init__(self, runtime: Runtime):
        self._runtime = runtime
        self.config = read_config(runtime.settings)
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
    def clock(self) -> Clock:
        return self._runtime.clock  # read each time: tests set `runtime.clock`

    @property
    def callback_url(self) -> str:
        return f"{self.config.public_url}/v1/gsis/callback"
