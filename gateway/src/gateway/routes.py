"""The gateway's route table: which services it exposes, where they live, and which of their
routes may be called without a token.

A client calls `/api/<service>/v1/<path>`; the gateway forwards it to `<upstream>/v1/<path>`,
where `<upstream>` is the base URL from `EPI_UPSTREAM_<SERVICE>` (GatewaySettings; default: the
local port from docs/development.md). Only `/v1/...` is forwarded: a service's `/livez`, `/readyz` and
`/metrics` are never reachable through the gateway.

Every other route needs a valid access token at the gateway; the services still check roles and
data scope themselves (defence in depth). A public route is a (method, path prefix) pair on the
upstream path; a prefix matches itself and everything below it (`/v1/verify` matches
`/v1/verify/ABC` but not `/v1/verifyx`). HEAD counts as GET.
"""
from __future__ import annotations

from dataclasses import dataclass

PublicRoute = tuple[str, str]  # (HTTP method, upstream path prefix starting with /v1)

# Every service publishes its OpenAPI document; Swagger UI reads it before anyone has signed in.
OPENAPI_PATH = "/v1/openapi.json"
COMMON_PUBLIC: tuple[PublicRoute, ...] = (("GET", OPENAPI_PATH),)


@dataclass(frozen=True)
class Upstream:
    default_url: str  # embedded profile (docs/development.md)
    title: str  # Greek, shown on the status page and in Swagger UI
    public: tuple[PublicRoute, ...] = COMMON_PUBLIC


ROUTES: dict[str, Upstream] = {
    "identity": Upstream(
        "http://127.0.0.1:8101",
        "Ταυτότητα και λογαριασμοί",
        # Account flows that happen before the user has a token: registration through GSIS,
        # account recovery (forgotten e-mail), the GSIS OAuth round trip, the support page (whoever
        # cannot sign in asks for help there) and the pages' own CSS, fonts and script.
        public=COMMON_PUBLIC
        + (
            ("GET", "/v1/registration"),
            ("POST", "/v1/registration"),
            ("GET", "/v1/recovery"),
            ("POST", "/v1/recovery"),
            ("GET", "/v1/gsis"),
            ("POST", "/v1/gsis"),
            ("GET", "/v1/support"),
            ("POST", "/v1/support"),
            ("GET", "/v1/pages/static"),
        ),
    ),
    "resources": Upstream("http://127.0.0.1:8102", "Κέντρα, αίθουσες και εξοπλισμός"),
    "applications": Upstream("http://127.0.0.1:8103", "Περίοδοι, προσκλήσεις, κληρώσεις και αιτήσεις"),
    "enrollment": Upstream(
        "http://127.0.0.1:8104",
        "Προγράμματα και εγγραφές",
        # The one-click decline link of an offer's e-mail: its token is the credential (no sign-in).
        public=COMMON_PUBLIC + (("GET", "/v1/enrolment/offer-links"), ("POST", "/v1/enrolment/offer-links")),
    ),
    "documents": Upstream(
        "http://127.0.0.1:8105",
        "Έγγραφα και βεβαιώσεις",
        # Anyone holding a printed certificate may check its verification code.
        public=COMMON_PUBLIC + (("GET", "/v1/verify"),),
    ),
}


def is_public(route: Upstream, method: str, path: str) -> bool:
    method = "GET" if method == "HEAD" else method
    for public_method, prefix in route.public:
        if method == public_method and (path == prefix or path.startswith(prefix.rstrip("/") + "/")):
            return True
    return False
