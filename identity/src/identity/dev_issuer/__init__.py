"""Built-in OpenID Connect issuer for the embedded profile (`make run`), in place of Keycloak.

Active only with EPI_DEV_ISSUER=1; refuses to start with EPI_PRODUCTION=1. Mounted at the path of
`Settings.oidc_issuer` (default http://127.0.0.1:8101/oidc), and issues tokens with the same
claims, clients and roles as the Keycloak realm in identity/keycloak/."""
from __future__ import annotations

from urllib.parse import urlsplit

import jwt
from epimorfosi_platform import Runtime, Settings
from flask import Flask

from .clients import clients_for
from .server import DevIssuer, Lifetimes

__all__ = ["DevIssuer", "DevIssuerRefused", "dev_issuer_enabled", "install_dev_issuer"]

EXTENSION = "identity_dev_issuer"


class DevIssuerRefused(RuntimeError):
    """The dev issuer was asked for in production mode."""


def dev_issuer_enabled(settings: Settings) -> bool:
    return (settings.get("DEV_ISSUER") or "").strip().lower() in {"1", "true", "yes", "on"}


def install_dev_issuer(app: Flask, runtime: Runtime) -> DevIssuer | None:
    settings = runtime.settings
    if not dev_issuer_enabled(settings):
        return None
    if settings.production:
        # Known passwords, keys in a table: never acceptable outside a developer's machine.
        raise DevIssuerRefused("EPI_DEV_ISSUER=1 is refused with EPI_PRODUCTION=1: use Keycloak in production.")
    from .views import make_blueprint

    defaults = Lifetimes()
    lifetimes = Lifetimes(
        access_token=int(settings.get("DEV_ISSUER_ACCESS_TOKEN_SECONDS") or defaults.access_token),
        session_idle=int(settings.get("DEV_ISSUER_SESSION_IDLE_SECONDS") or defaults.session_idle),
        session_max=int(settings.get("DEV_ISSUER_SESSION_MAX_SECONDS") or defaults.session_max),
    )
    clients = clients_for(settings.get("PUBLIC_BASE_URL"), settings.get("WEB_CLIENT_SECRET"))
    issuer = DevIssuer(runtime.db, settings.oidc_issuer, settings.oidc_audience, lifetimes, clients)
    url_prefix = urlsplit(issuer.issuer).path.rstrip("/") or "/oidc"
    app.register_blueprint(make_blueprint(issuer, url_prefix))
    app.extensions[EXTENSION] = issuer
    if runtime.verifier.issuer == issuer.issuer:
        _verify_in_process(runtime, issuer)
    return issuer


def _verify_in_process(runtime: Runtime, issuer: DevIssuer) -> None:
    """identity checks its own tokens from the key table instead of calling itself over HTTP.
    The platform has no public hook for a JWKS source, so this sets the client the way
    epimorfosi_platform.testing.LocalIssuer does."""
    client = jwt.PyJWKClient(f"{issuer.issuer}/jwks", cache_keys=True, lifespan=30)
    client.fetch_data = issuer.keys.public_jwks  # type: ignore[method-assign]
    runtime.verifier._jwks_client = client
