"""Built-in OpenID Connect issuer for the embedded profile (`make run`), in place of Keycloak.

Active only with EPI_DEV_ISSUER=1; refuses to start with EPI_PRODUCTION=1. Mounted at the path of
`Settings.oidc_issuer` (default http://127.0.0.1:8101/oidc), and issues tokens with the same
claims, clients and roles as the Keycloak realm in identity/keycloak/."""
from __future__ import annotations

from urllib.parse import urlsplit

import jwt
from epimorfosi_platform import Runtime
from flask import Flask

from ..settings import IdentitySettings
from .clients import clients_for
from .server import DevIssuer, Lifetimes

__all__ = ["DevIssuer", "DevIssuerRefused", "install_dev_issuer"]

EXTENSION = "identity_dev_issuer"


class DevIssuerRefused(RuntimeError):
    """The dev issuer was asked for in production mode."""


def install_dev_issuer(app: Flask, runtime: Runtime) -> DevIssuer | None:
    settings: IdentitySettings = runtime.settings
    if not settings.dev_issuer:
        return None
    if settings.production:
        # Known passwords, keys in a table: never acceptable outside a developer's machine.
        raise DevIssuerRefused("EPI_DEV_ISSUER=1 is refused with EPI_PRODUCTION=1: use Keycloak in production.")
    from .views import make_blueprint

    defaults = Lifetimes()
    lifetimes = Lifetimes(
        access_token=settings.dev_issuer_access_token_seconds or defaults.access_token,
        session_idle=settings.dev_issuer_session_idle_seconds or defaults.session_idle,
        session_max=settings.dev_issuer_session_max_seconds or defaults.session_max,
    )
    clients = clients_for(settings.public_base_url, settings.web_client_secret)
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
