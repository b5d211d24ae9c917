"""The OAuth clients the dev issuer knows: the same ids and redirect URIs as the Keycloak realm
(identity/keycloak/realm-epimorfosi.json), so clients switch issuer by configuration only."""
from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from authlib.oauth2.rfc6749 import ClientMixin, list_to_scope, scope_to_list

# Always granted, like the realm's default client scopes that appear in `scope`.
DEFAULT_SCOPES = ("openid", "profile", "email", "epimorfosi-api")
SUPPORTED_SCOPES = DEFAULT_SCOPES


def redirect_uri_matches(pattern: str, uri: str) -> bool:
    """Keycloak's rule: exact match, or a prefix match when the registered URI ends with `*`."""
    if pattern.endswith("*"):
        return uri.startswith(pattern[:-1])
    return uri == pattern


@dataclass(frozen=True)
class DevClient(ClientMixin):
    client_id: str
    redirect_uris: tuple[str, ...]
    post_logout_redirect_uris: tuple[str, ...] = ()
    # Origins allowed to call the token/userinfo endpoints from a browser (Keycloak's webOrigins "+").
    web_origins: tuple[str, ...] = ()
    grant_types: tuple[str, ...] = ("authorization_code", "refresh_token")
    # Public clients ("none"): a browser or a phone cannot keep a secret, so PKCE protects the code.
    # The web's BFF keeps one on the server ("client_secret_basic") and uses PKCE as well.
    token_endpoint_auth_method: str = "none"
    client_secret: str | None = field(default=None, repr=False)
    client_metadata: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        # Authlib's end-session endpoint reads registered post-logout URIs from here.
        self.client_metadata["post_logout_redirect_uris"] = list(self.post_logout_redirect_uris)

    @property
    def is_public(self) -> bool:
        return self.token_endpoint_auth_method == "none"

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        # Several (wildcard) URIs are registered, so the client must always say which one it wants.
        return None

    def get_allowed_scope(self, scope: str | None) -> str:
        requested = scope_to_list(scope) or []
        granted = [s for s in DEFAULT_SCOPES if s != "openid" or "openid" in requested]
        return list_to_scope(granted)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return any(redirect_uri_matches(p, redirect_uri) for p in self.redirect_uris)

    def check_post_logout_redirect_uri(self, uri: str) -> bool:
        return any(redirect_uri_matches(p, uri) for p in self.post_logout_redirect_uris)

    def check_client_secret(self, client_secret: str) -> bool:
        if not self.client_secret:
            return False  # public clients have no secret to check
        return hmac.compare_digest(client_secret.encode(), self.client_secret.encode())

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        if endpoint == "token":
            return method == self.token_endpoint_auth_method
        return True

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in self.grant_types


def _origins(uris: tuple[str, ...]) -> tuple[str, ...]:
    parts = [urlsplit(u) for u in uris]
    return tuple(sorted({f"{p.scheme}://{p.netloc}" for p in parts if p.scheme in ("http", "https")}))


_WEB = ("http://127.0.0.1:8000/*", "http://localhost:8000/*")
_MOBILE = ("gr.epimorfosi.app:/oauth2redirect",)

CLIENTS: dict[str, DevClient] = {
    c.client_id: c
    for c in (
        DevClient("epimorfosi-web", redirect_uris=_WEB, post_logout_redirect_uris=_WEB, web_origins=_origins(_WEB)),
        DevClient("epimorfosi-mobile", redirect_uris=_MOBILE, post_logout_redirect_uris=_MOBILE),
        # Automated tests drive the browser flow themselves and catch the redirect here.
        DevClient("epimorfosi-tests", redirect_uris=("http://127.0.0.1/callback",)),
    )
}


# The web client (web/, a BFF): confidential, its secret from EPI_WEB_CLIENT_SECRET as in the realm.
BFF_CLIENT_ID = "epimorfosi-bff"
BFF_DEV_SECRET = "epimorfosi-bff-dev-secret"


def clients_for(public_base_url: str | None, bff_secret: str | None) -> dict[str, DevClient]:
    """The clients of one dev issuer: the realm's, with the web's BFF also accepting redirects to the
    public base URL it runs under (the launcher's port base: tests run on other ports than 8000)."""
    uris = _WEB + ((public_base_url.rstrip("/") + "/*",) if public_base_url else ())
    bff = DevClient(BFF_CLIENT_ID, redirect_uris=tuple(dict.fromkeys(uris)),
                    post_logout_redirect_uris=tuple(dict.fromkeys(uris)),
                    token_endpoint_auth_method="client_secret_basic", client_secret=bff_secret or BFF_DEV_SECRET)
    return {**CLIENTS, BFF_CLIENT_ID: bff}


def query_client(client_id: str | None) -> DevClient | None:
    return CLIENTS.get(client_id or "")


def allowed_origin(origin: str | None) -> bool:
    return bool(origin) and any(origin in c.web_origins for c in CLIENTS.values())
