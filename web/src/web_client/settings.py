"""The web client's one configuration reader: the platform's Settings plus what only the web needs.
Every `EPI_*` variable the web reads is read here (docs/development.md lists them)."""
from __future__ import annotations

from dataclasses import dataclass

from epimorfosi_platform.config import Settings, _flag

SERVICE_NAME = "web"


@dataclass(frozen=True)
class WebSettings:
    platform: Settings  # database, issuer, audience, production, log level
    public_base_url: str  # where people reach the web (through the gateway): redirect URIs are built on it
    gateway_url: str  # where the BFF calls the API (/api/<service>/v1/...); never a service directly
    client_id: str  # the confidential OIDC client of the web (realm: epimorfosi-bff)
    client_secret: str
    cookie_secure: bool  # off only for plain-http loopback (make run)
    session_idle_seconds: int
    api_timeout: float
    page_size: int

    @classmethod
    def from_settings(cls, settings: Settings) -> "WebSettings":
        get = settings.get
        public = (get("PUBLIC_BASE_URL") or "http://127.0.0.1:8000").rstrip("/")
        return cls(
            platform=settings,
            public_base_url=public,
            gateway_url=(get("GATEWAY_URL") or public).rstrip("/"),
            client_id=get("WEB_CLIENT_ID") or "epimorfosi-bff",
            client_secret=get("WEB_CLIENT_SECRET") or "epimorfosi-bff-dev-secret",
            cookie_secure=_flag(get("WEB_COOKIE_SECURE"), default=True),
            session_idle_seconds=int(get("WEB_SESSION_IDLE_SECONDS") or "1800"),
            api_timeout=float(get("WEB_API_TIMEOUT") or "10"),
            page_size=int(get("WEB_PAGE_SIZE") or "20"),
        )

    @property
    def redirect_uri(self) -> str:
        return f"{self.public_base_url}/auth/callback"

    @property
    def cookie_name(self) -> str:
        # __Host-: the browser refuses it unless Secure, from this host, path / (no subdomain can set it).
        return "__Host-epi_session" if self.cookie_secure else "epi_session"
