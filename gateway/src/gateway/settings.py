"""The gateway's settings: the platform's (OIDC, logging, production) plus its own (`EPI_<FIELD>`)."""
from __future__ import annotations

from typing import Annotated, Any

from epimorfosi_platform import Settings
from pydantic import field_validator
from pydantic_settings import NoDecode

from .routes import ROUTES

SERVICE_NAME = "gateway"
WEB = "web"  # the upstream name of the web client
DEFAULT_CORS_ORIGINS = ("http://127.0.0.1:8000", "http://localhost:8000")


class GatewaySettings(Settings):
    empty_is_a_value = frozenset({"cors_origins"})  # EPI_CORS_ORIGINS= : no browser origin allowed

    # Base URL of each service in ROUTES (`EPI_UPSTREAM_<SERVICE>`); unset: its local port.
    upstream_identity: str | None = None
    upstream_resources: str | None = None
    upstream_applications: str | None = None
    upstream_enrollment: str | None = None
    upstream_documents: str | None = None
    # The web client: every path that is not the API's or the gateway's own goes there (one origin).
    upstream_web: str = "http://127.0.0.1:8107"
    upstream_connect_timeout: float = 2.0
    upstream_timeout: float = 15.0  # reading an upstream's answer
    upstream_slow_timeout: float = 120.0  # reading the answer of a slow route (routes.py: Upstream.slow)
    upstream_pool_size: int | None = None  # kept-alive connections per upstream; default max(threads, 10)
    web_threads: int = 4  # gunicorn threads: each may hold one upstream connection
    status_timeout: float = 2.0  # readiness probes on the status page
    cors_origins: Annotated[tuple[str, ...], NoDecode] = DEFAULT_CORS_ORIGINS  # comma-separated
    # Per client (token subject, else address). Production runs several workers and pods, so it
    # must use a shared store such as `redis://redis:6379/0` (pip install "gateway[redis]");
    # with `memory://` every worker process counts on its own.
    rate_limit: str = "1200/minute"
    rate_limit_storage: str = "memory://"
    # Per client address on the public verification page (/verify/<code>): a person checks a few
    # papers; trying codes in bulk is refused long before any could be found (60-bit codes).
    verify_rate_limit: str = "20/minute"
    # How many reverse proxies in front of the gateway (ingress) to trust for X-Forwarded-*;
    # 0 = the peer address is the client and client-sent X-Forwarded-* are dropped.
    trusted_proxy_hops: int = 0
    max_body_bytes: int = 25 * 1024 * 1024

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins(cls, value: Any) -> Any:
        items = value.split(",") if isinstance(value, str) else value
        return tuple(o.strip().rstrip("/") for o in items if o.strip())

    @property
    def upstreams(self) -> dict[str, str]:
        """Service name -> base URL, without a trailing slash."""
        return {
            name: (getattr(self, f"upstream_{name}") or route.default_url).rstrip("/")
            for name, route in ROUTES.items()
        }

    @property
    def forward_targets(self) -> dict[str, str]:
        """What the gateway forwards to: the services and, for every other path, the web client."""
        return {**self.upstreams, WEB: self.upstream_web.rstrip("/")}

    @property
    def pool_size(self) -> int:
        return self.upstream_pool_size or max(self.web_threads, 10)
