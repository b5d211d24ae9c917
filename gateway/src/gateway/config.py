"""Gateway settings from the environment (12-factor). The OIDC and logging settings are the
platform's `Settings`; the rest is the gateway's own."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Mapping

from epimorfosi_platform.config import Settings

from .routes import ROUTES, upstream_urls

SERVICE_NAME = "gateway"
DEFAULT_CORS_ORIGINS = "http://127.0.0.1:8000,http://localhost:8000"


@dataclass(frozen=True)
class GatewayConfig:
    settings: Settings  # oidc_issuer / oidc_audience / oidc_jwks_url / log_level / production
    upstreams: dict[str, str]  # service name -> base URL
    # The web client: every path that is not the API's or the gateway's own goes there (one origin).
    web_upstream: str = "http://127.0.0.1:8107"
    connect_timeout: float = 2.0
    read_timeout: float = 15.0  # EPI_UPSTREAM_TIMEOUT
    status_timeout: float = 2.0  # readiness probes on the status page
    cors_origins: tuple[str, ...] = field(default_factory=lambda: tuple(DEFAULT_CORS_ORIGINS.split(",")))
    # Per client (token subject, else address). Production runs several workers and pods, so it
    # must use a shared store such as `redis://redis:6379/0` (pip install "gateway[redis]");
    # with `memory://` every worker process counts on its own.
    rate_limit: str = "1200/minute"
    rate_limit_storage: str = "memory://"
    # How many reverse proxies in front of the gateway (ingress) to trust for X-Forwarded-*;
    # 0 = the peer address is the client and client-sent X-Forwarded-* are dropped.
    trusted_proxy_hops: int = 0
    pool_size: int = 10  # kept-alive connections per upstream; ≥ gunicorn threads
    max_body_bytes: int = 25 * 1024 * 1024

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "GatewayConfig":
        env = dict(os.environ if env is None else env)
        threads = int(env.get("EPI_WEB_THREADS", "4"))
        origins = env.get("EPI_CORS_ORIGINS", DEFAULT_CORS_ORIGINS)
        return cls(
            settings=Settings.from_env(SERVICE_NAME, env),
            upstreams=upstream_urls(env, ROUTES),
            web_upstream=(env.get("EPI_UPSTREAM_WEB") or "http://127.0.0.1:8107").rstrip("/"),
            connect_timeout=float(env.get("EPI_UPSTREAM_CONNECT_TIMEOUT", "2")),
            read_timeout=float(env.get("EPI_UPSTREAM_TIMEOUT", "15")),
            status_timeout=float(env.get("EPI_STATUS_TIMEOUT", "2")),
            cors_origins=tuple(o.strip().rstrip("/") for o in origins.split(",") if o.strip()),
            rate_limit=env.get("EPI_RATE_LIMIT", "1200/minute"),
            rate_limit_storage=env.get("EPI_RATE_LIMIT_STORAGE", "memory://"),
            trusted_proxy_hops=int(env.get("EPI_TRUSTED_PROXY_HOPS", "0")),
            pool_size=int(env.get("EPI_UPSTREAM_POOL_SIZE", str(max(threads, 10)))),
            max_body_bytes=int(env.get("EPI_MAX_BODY_BYTES", str(25 * 1024 * 1024))),
        )
