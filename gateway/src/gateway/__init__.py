"""gateway: the one entry point of web and mobile clients.

`/api/<service>/v1/<path>` → the service (see `routes.ROUTES`), after a token check, rate
limiting and CORS; `/api/openapi.json` and `/api/docs/` document every service; `/status` shows
their status; `/livez`, `/readyz`, `/metrics` are for operations. Every other path is the web
client's (`EPI_UPSTREAM_WEB`): people reach the system at the gateway's one public origin. The gateway has no database or
broker, so it composes the platform's pieces (problems, auth, logs, metrics) without
`ServiceDefinition`/`web.create_app`."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from flask import Flask, Response, g, render_template, request
from flask_cors import CORS
from flask_limiter import Limiter, RateLimitExceeded
from werkzeug.middleware.proxy_fix import ProxyFix

from epimorfosi_platform import metrics as platform_metrics
from epimorfosi_platform.auth import Principal, TokenVerifier
from epimorfosi_platform.clock import Clock, SystemClock
from epimorfosi_platform.logs import configure_logging
from epimorfosi_platform.problems import Problem, problem_response, register_problem_handlers
from epimorfosi_platform.readiness import ReadinessCache
from epimorfosi_platform.web import begin_request, end_request, finish_request

from . import docs
from .settings import SERVICE_NAME, WEB, GatewaySettings
from .proxy import Forwarder, new_pool, new_session
from .ratelimit import storage_uri
from .routes import ROUTES, is_public, is_verification_page
from .status import StatusBoard
from .tokens import VerifiedTokens, missing_token, request_principal

__all__ = ["create_app", "GatewaySettings", "ROUTES"]

log = logging.getLogger("gateway")

PROXY_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]  # OPTIONS: CORS preflight, answered here
CHECK_LABELS = {"database": "Βάση δεδομένων", "broker": "Δίαυλος μηνυμάτων", "signing_keys": "Κλειδιά υπογραφής"}


@dataclass
class Gateway:
    settings: GatewaySettings
    verifier: VerifiedTokens
    forwarder: Forwarder
    status: StatusBoard
    limiter: Limiter
    clock: Clock


def create_app(settings: GatewaySettings | None = None, *, clock: Clock | None = None) -> Flask:
    settings = settings or GatewaySettings.from_env(SERVICE_NAME)
    configure_logging(SERVICE_NAME, settings.log_level)
    if settings.production and settings.rate_limit_storage.startswith("memory://"):
        log.warning("rate limits are counted per process; set EPI_RATE_LIMIT_STORAGE to a shared store (redis://)")

    app = Flask(SERVICE_NAME)
    app.json.ensure_ascii = False
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes  # 413 problem beyond it, also for chunked bodies
    if settings.trusted_proxy_hops:
        hops = settings.trusted_proxy_hops
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)

    keys = TokenVerifier(settings.oidc_issuer, settings.oidc_audience, jwks_url=settings.oidc_jwks_url)
    clock = clock or SystemClock()
    verifier = VerifiedTokens(keys, clock=clock)
    session = new_session(settings.pool_size)
    forwarder = Forwarder(
        new_pool(settings.pool_size),
        settings.forward_targets,
        connect_timeout=settings.upstream_connect_timeout,
        read_timeout=settings.upstream_timeout,
        slow_read_timeout=settings.upstream_slow_timeout,
        trusted_proxy_hops=settings.trusted_proxy_hops,
    )
    status = StatusBoard(session, settings.upstreams, settings.status_timeout)

    register_problem_handlers(app)
    _install_request_hooks(app)  # before the limiter's hook: the request id exists when it refuses
    limiter = _install_limiter(app, settings, verifier)
    app.extensions["gateway"] = Gateway(settings, verifier, forwarder, status, limiter, clock)
    _install_cors(app, settings)
    _install_forwarding(app, verifier, forwarder)
    _limit_verification_pages(app, limiter, settings)
    app.register_blueprint(docs.bp)
    limiter.exempt(docs.asset)
    _install_operational_routes(app, limiter, keys, status, clock)
    return app


def _install_limiter(app: Flask, settings: GatewaySettings, verifier: VerifiedTokens) -> Limiter:
    def rate_limit_key() -> str:
        # The token's subject when it is valid (one user behind a school's NAT is not everyone),
        # otherwise the address: bad tokens are limited too.
        result = request_principal(verifier) if request.endpoint == "proxy" else None
        if isinstance(result, Principal):
            return "sub:" + result.subject
        return "addr:" + (request.remote_addr or "unknown")

    limiter = Limiter(
        rate_limit_key,
        app=app,
        default_limits=[settings.rate_limit],
        storage_uri=storage_uri(settings.rate_limit_storage),
        headers_enabled=False,  # X-RateLimit-* would cost a second storage call per request
        swallow_errors=True,  # a broken limit store must not take the API down with it
        key_prefix="epimorfosi-gateway",
    )
    @app.errorhandler(RateLimitExceeded)
    def _too_many(_exc: RateLimitExceeded):
        current = limiter.current_limit
        retry_after = max(1, int(current.reset_at - time.time())) if current else 60
        return problem_response(
            Problem(
                429,
                detail=f"Κάνατε πάρα πολλά αιτήματα σε λίγο χρόνο. Δοκιμάστε ξανά σε {retry_after} δευτερόλεπτα.",
                headers={"Retry-After": str(retry_after)},
            )
        )

    return limiter


def _limit_verification_pages(app: Flask, limiter: Limiter, settings: GatewaySettings) -> None:
    """The public page that checks a printed document's code (`/verify/<code>` of the web client,
    where the QR code points) gets its own, much lower, limit per client address on top of the
    default one: whoever tries codes in bulk is stopped long before finding one (see
    `routes.VERIFICATION_PAGE`)."""
    app.view_functions["web"] = limiter.limit(
        settings.verify_rate_limit,
        key_func=lambda: "verify-addr:" + (request.remote_addr or "unknown"),
        exempt_when=lambda: not is_verification_page(request.path),
        override_defaults=False,
    )(app.view_functions["web"])


def _install_cors(app: Flask, settings: GatewaySettings) -> None:
    CORS(
        app,
        resources={r"/api/*": {"origins": list(settings.cors_origins)}},
        methods=PROXY_METHODS + ["OPTIONS"],
        allow_headers=[
            "Authorization", "Content-Type", "Accept", "Accept-Language", "Idempotency-Key",
            "X-Request-ID", "X-Correlation-ID",
        ],
        expose_headers=["X-Request-ID", "Retry-After", "Location", "Content-Disposition"],
        supports_credentials=False,  # bearer tokens, no cookies
        always_send=False,  # CORS headers only for requests that carry an Origin
        max_age=600,
    )


def _install_forwarding(app: Flask, verifier: VerifiedTokens, forwarder: Forwarder) -> None:
    """`/api/<service>/v1/...` to the service after the token check; every other path to the web client."""
    @app.route("/api/<service>/v1/<path:path>", methods=PROXY_METHODS, endpoint="proxy")
    def proxy(service: str, path: str):
        route = ROUTES.get(service)
        if route is None:
            raise Problem(404, slug="unknown-service", detail=f"Δεν υπάρχει υπηρεσία «{service[:60]}» στο σύστημα.")
        if any(segment in (".", "..") for segment in path.split("/")):
            # The decision below is made on this path: it must be the one the service sees.
            raise Problem(400, slug="invalid-path", detail="Η διαδρομή του αιτήματος δεν είναι έγκυρη.")
        upstream_path = "/v1/" + path
        result = request_principal(verifier)
        if isinstance(result, Problem):
            raise result  # an Authorization header must carry a valid token, even on public routes
        if result is None and not is_public(route, request.method, upstream_path):
            raise missing_token()
        g.upstream = service
        return forwarder.forward(request, service, upstream_path, g.request_id, g.correlation_id)

    @app.route("/", defaults={"path": ""}, methods=PROXY_METHODS, endpoint="web")
    @app.route("/<path:path>", methods=PROXY_METHODS, endpoint="web")
    def web(path: str):
        # The more specific rules (API, docs, status, health) win over this one in Flask's routing.
        if path == "api" or path.startswith("api/"):
            raise Problem(404, slug="unknown-route", detail="Δεν υπάρχει τέτοια διαδρομή στο API.")
        if any(segment in (".", "..") for segment in path.split("/")):
            raise Problem(400, slug="invalid-path", detail="Η διαδρομή του αιτήματος δεν είναι έγκυρη.")
        g.upstream = WEB
        return forwarder.forward(request, WEB, "/" + path, g.request_id, g.correlation_id, prefix="")


def _install_request_hooks(app: Flask) -> None:
    app.before_request(begin_request)
    app.teardown_request(lambda _exc: end_request())

    @app.after_request
    def _finish(response: Response):
        elapsed = finish_request(SERVICE_NAME, response)
        if elapsed is not None and request.endpoint in ("proxy", "web"):
            log.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "upstream": g.get("upstream"),
                    "duration_ms": round(elapsed * 1000, 1),  # until the headers; bodies stream after
                },
            )
        return response


def _install_operational_routes(
    app: Flask, limiter: Limiter, verifier: TokenVerifier, status: StatusBoard, clock: Clock
) -> None:
    cache = ReadinessCache()

    def check_keys() -> None:
        if not verifier.signing_keys_available():
            raise RuntimeError("issuer publishes no signing keys")

    @app.get("/livez")
    @limiter.exempt
    def livez():
        return {"status": "ok", "service": SERVICE_NAME}

    @app.get("/readyz")
    @limiter.exempt
    def readyz():
        # The gateway's own readiness only: one service being down must not take the gateway
        # (and so every other service) out of the load balancer.
        ok, detail = cache.get("signing_keys", check_keys)
        body = {
            "status": "ready" if ok else "not-ready",
            "service": SERVICE_NAME,
            "checks": {"signing_keys": {"ok": ok, "detail": detail}},
        }
        return app.json.response(body), 200 if ok else 503

    @app.get("/metrics")
    @limiter.exempt
    def metrics_endpoint():
        payload, content_type = platform_metrics.render_metrics([])
        return Response(payload, content_type=content_type)

    @app.get("/status")
    def status_page():
        services = status.snapshot()
        if request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
            return {"services": [s.as_dict() for s in services]}
        return render_template(
            "status.html",
            services=services,
            all_ready=all(s.state == "ready" for s in services),
            check_labels=CHECK_LABELS,
            checked_at=clock.now().astimezone().strftime("%d/%m/%Y %H:%M:%S"),
        )
