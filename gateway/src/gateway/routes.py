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

A slow route (same matching) is one whose answer takes longer than the upstream timeout allows
(EPI_UPSTREAM_TIMEOUT, 15 s): it gets EPI_UPSTREAM_SLOW_TIMEOUT instead. documents-svc's
`POST /v1/lists/<form>` renders a list form on demand; a 2,000-row K4 is many pages of PDF.
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
    slow: tuple[PublicRoute, ...] = ()  # (method, prefix) answered within the slow timeout


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
        slow=(("POST", "/v1/lists"),),  # «Εκτύπωση σε PDF» of a list: rendered while the caller waits
    ),
}


# The web client's pages that wait for such a route: its «Εκτύπωση σε PDF» of a list posts the rows
# to documents-svc and answers with the PDF, so the browser's POST waits as long.
WEB_SLOW: tuple[PublicRoute, ...] = (("POST", "/programmes/lists"), ("POST", "/trainers/pdf"))


def matches(routes: tuple[PublicRoute, ...], method: str, path: str) -> bool:
    method = "GET" if method == "HEAD" else method
    for public_method, prefix in routes:
        if method == public_method and (path == prefix or path.startswith(prefix.rstrip("/") + "/")):
            return True
    return False


def is_public(route: Upstream, method: str, path: str) -> bool:
    return matches(route.public, method, path)


def is_slow(route: Upstream, method: str, path: str) -> bool:
    return matches(route.slow, method, path)


# The web client's public page that confirms a printed certificate by its code (the QR code's link):
# limited per client address by `EPI_VERIFY_RATE_LIMIT` besides the default limit.
VERIFICATION_PAGE = "/verify/"


def is_verification_page(path: str) -> bool:
    return path.startswith(VERIFICATION_PAGE)
