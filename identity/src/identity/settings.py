"""identity's settings: the platform's plus the account flows, the dev issuer and GSIS
(`EPI_<FIELD>`; docs/development.md lists the ones a deployment sets)."""
from __future__ import annotations

from typing import Any, Literal

from epimorfosi_platform.mail import MailSettings
from pydantic import model_validator


class IdentitySettings(MailSettings):
    public_base_url: str = ""  # the gateway as browsers see it; other URLs derive from it
    identity_public_url: str = ""  # where browsers reach this service (e-mail links, GSIS redirect_uri)
    web_url: str = ""  # the web client (links after a flow ends)
    support_url: str = ""  # where "Επιστροφή" sends a person whose GSIS data are wrong (default: our support page)
    account_directory: Literal["keycloak", "local"] | None = None  # default: local with the dev issuer
    keycloak_url: str = "http://127.0.0.1:8180"
    keycloak_realm: str = "epimorfosi"
    kc_identity_svc_client_id: str = "identity-svc"
    kc_identity_svc_secret: str = "identity-svc-dev-secret"
    gsis_base_url: str = "http://127.0.0.1:8106"
    gsis_client_id: str = "epimorfosi-dev"
    gsis_client_secret: str = "epimorfosi-dev-secret"
    gsis_flow_minutes: int = 30
    verification_hours: int = 48
    # A registration's Keycloak user without a committed claim this long after its creation is an
    # orphan of a crash and is removed (registration/operations.py).
    orphan_registration_minutes: int = 10
    reset_hours: int = 2
    recovery_min_seconds: float = 0.4
    dev_issuer: bool = False  # serve the dev OIDC issuer under /oidc (embedded profile only)
    dev_issuer_access_token_seconds: int | None = None  # None: the dev issuer's own defaults
    dev_issuer_session_idle_seconds: int | None = None
    dev_issuer_session_max_seconds: int | None = None
    web_client_secret: str | None = None  # the dev issuer's BFF client (web/); Keycloak gets EPI_KC_WEB_SECRET

    @model_validator(mode="before")
    @classmethod
    def _derived_urls(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if isinstance(data.get("account_directory"), str):
            data["account_directory"] = data["account_directory"].strip().lower()
        gateway = str(data.get("public_base_url") or "").rstrip("/")
        public = data.get("identity_public_url") or (f"{gateway}/api/identity" if gateway else "http://127.0.0.1:8101")
        web = str(data.get("web_url") or gateway or "http://127.0.0.1:8000").rstrip("/")
        data.update(
            public_base_url=gateway,
            identity_public_url=str(public).rstrip("/"),
            web_url=web,
            support_url=data.get("support_url") or f"{str(public).rstrip('/')}/v1/support/new",
        )
        return data

    @property
    def directory(self) -> Literal["keycloak", "local"]:
        if self.account_directory:
            return self.account_directory
        return "local" if self.dev_issuer else "keycloak"
