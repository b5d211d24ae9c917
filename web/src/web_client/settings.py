"""The web client's one configuration reader: the platform's Settings plus what only the web needs
(`EPI_<FIELD>`; docs/development.md lists them)."""
from __future__ import annotations

from typing import Any

from epimorfosi_platform import Settings
from pydantic import model_validator

SERVICE_NAME = "web"


class WebSettings(Settings):
    public_base_url: str = "http://127.0.0.1:8000"  # where people reach the web (through the gateway)
    gateway_url: str = ""  # where the BFF calls the API (/api/<service>/v1/...); default: the public URL
    identity_public_url: str = ""  # identity's own pages (registration, recovery, support); default: <public>/api/identity
    web_client_id: str = "epimorfosi-bff"  # the confidential OIDC client of the web (realm: epimorfosi-bff)
    web_client_secret: str = "epimorfosi-bff-dev-secret"
    web_cookie_secure: bool = True  # off only for plain-http loopback (make run)
    web_session_idle_seconds: int = 1800
    web_api_timeout: float = 10.0
    # «Εκτύπωση σε PDF» of a list: documents-svc renders it while the person waits (the gateway
    # allows its POST /v1/lists EPI_UPSTREAM_SLOW_TIMEOUT, 120 s)
    web_print_timeout: float = 120.0
    web_page_size: int = 20
    minutes_max_bytes: int = 2 * 1024 * 1024  # EPI_MINUTES_MAX_BYTES, shared with resources-svc
    declaration_max_bytes: int = 5 * 1024 * 1024  # enrollment-svc's rules.MAX_DECLARATION_BYTES (withdrawals)

    @model_validator(mode="before")
    @classmethod
    def _derived_urls(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            public = str(data.get("public_base_url") or "http://127.0.0.1:8000").rstrip("/")
            data.update(public_base_url=public, gateway_url=str(data.get("gateway_url") or public).rstrip("/"),
                        identity_public_url=str(data.get("identity_public_url") or f"{public}/api/identity").rstrip("/"))
        return data

    # Short names the views use.
    @property
    def client_id(self) -> str:
        return self.web_client_id

    @property
    def client_secret(self) -> str:
        return self.web_client_secret

    @property
    def cookie_secure(self) -> bool:
        return self.web_cookie_secure

    @property
    def session_idle_seconds(self) -> int:
        return self.web_session_idle_seconds

    @property
    def api_timeout(self) -> float:
        return self.web_api_timeout

    @property
    def page_size(self) -> int:
        return self.web_page_size

    @property
    def redirect_uri(self) -> str:
        return f"{self.public_base_url}/auth/callback"

    @property
    def cookie_name(self) -> str:
        # __Host-: the browser refuses it unless Secure, from this host, path / (no subdomain can set it).
        return "__Host-epi_session" if self.cookie_secure else "epi_session"
