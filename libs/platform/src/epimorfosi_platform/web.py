"""The Flask app factory every service uses: problem errors, request ids, one commit per request,
Idempotency-Key replay, health, metrics and the OpenAPI document at /v1/openapi.json."""
from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

from flask import Flask, Response, current_app, g, request
from flask_smorest import Api
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from werkzeug.local import LocalProxy

from . import metrics
from .bus import connect
from .clock import Clock
from .config import Settings
from .logs import configure_logging
from .problems import Problem, problem_response, register_problem_handlers
from .publishing import Publisher, attach
from .readiness import ReadinessCache
from .request_hooks import begin_request, end_request, finish_request  # noqa: F401  (the gateway uses them too)
from .service import Runtime, ServiceDefinition

log = logging.getLogger(__name__)

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}


def current_runtime() -> Runtime:
    return current_app.extensions["epimorfosi"]


def service_context() -> Any:
    """The service context (ServiceDefinition.context) of the app handling the request."""
    return current_runtime().context


def current_clock() -> Clock:
    """The service's clock (Runtime.clock): use cases get `now` from it, never from the system."""
    return current_runtime().clock


def _session() -> Session:
    return current_runtime().db.scoped()


# The request's unit of work; committed once after the view succeeds (indico style).
session: Session = LocalProxy(_session)  # type: ignore[assignment]


def create_app(service: ServiceDefinition, settings: Settings | None = None) -> Flask:
    settings = settings or service.settings_from_env()
    configure_logging(service.name, settings.log_level)
    app = Flask(service.name)
    app.config.update(
        API_TITLE=service.title,
        API_VERSION=service.version,
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/v1",
        OPENAPI_JSON_PATH="openapi.json",
        JSON_AS_ASCII=False,
        MAX_CONTENT_LENGTH=20 * 1024 * 1024,
        API_SPEC_OPTIONS={
            "info": {"description": service.description},
            "components": {
                "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
            },
            "security": [{"bearerAuth": []}],
        },
    )
    app.json.ensure_ascii = False
    runtime = Runtime(service, settings)
    app.extensions["epimorfosi"] = runtime

    api = Api(app)
    for blueprint in service.blueprints():
        api.register_blueprint(blueprint)
    app.extensions["epimorfosi_api"] = api
    register_problem_handlers(app)  # after Api(): replaces its JSON error handler
    _install_request_hooks(app, runtime)
    _install_operational_routes(app, runtime)
    if service.configure_app:
        service.configure_app(app, runtime)
    return app


def openapi_document(app: Flask) -> dict:
    return app.extensions["epimorfosi_api"].spec.to_dict()


def _install_request_hooks(app: Flask, runtime: Runtime) -> None:
    """One unit of work per request: begun before the view, committed once after it (with the
    Idempotency-Key's stored answer) when it succeeded, rolled back otherwise."""
    service = runtime.service.name

    @app.before_request
    def _begin():
        begin_request()
        attach(runtime.db.scoped(), Publisher(runtime.outbox, runtime.events, g.correlation_id, g.request_id))
        key = request.headers.get("Idempotency-Key")
        if key and request.method in MUTATING:
            return _replay_if_seen(runtime, key)

    @app.after_request
    def _finish(response: Response):
        if response.status_code < 400 and request.method in MUTATING:
            response = _commit(runtime, response)
        else:
            runtime.db.scoped().rollback()
        finish_request(service, response)
        return response

    @app.errorhandler(OperationalError)
    def _database_error(exc: OperationalError):
        runtime.db.scoped().rollback()
        return _database_problem(exc)

    @app.teardown_request
    def _end(_exc):
        runtime.db.scoped.remove()
        end_request()


def _replay_if_seen(runtime: Runtime, key: str) -> Response | None:
    """The stored answer of an earlier request with this Idempotency-Key (same caller), if any."""
    if len(key) > 200:
        raise Problem(400, slug="invalid-idempotency-key", detail="Το Idempotency-Key είναι πολύ μεγάλο.")
    idempotency = runtime.tables.idempotency
    g.idempotency = (key, _caller_fingerprint(), _request_fingerprint())
    row = runtime.db.scoped().execute(
        select(idempotency).where(idempotency.c.key == key, idempotency.c.principal == g.idempotency[1])
    ).first()
    if row is None:
        return None
    if row.request_fingerprint != g.idempotency[2]:
        raise Problem(
            422,
            slug="idempotency-key-reused",
            detail="Το ίδιο Idempotency-Key χρησιμοποιήθηκε για διαφορετικό αίτημα.",
        )
    g.idempotency = None  # nothing to store again
    response = Response(row.body, status=row.status, content_type=row.content_type)
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _commit(runtime: Runtime, response: Response) -> Response:
    """Commit the request's work (and the answer to replay for its Idempotency-Key); a refused
    commit becomes a problem answer instead of the view's."""
    db_session = runtime.db.scoped()
    try:
        stored = g.get("idempotency")
        if stored:
            db_session.execute(runtime.tables.idempotency.insert().values(
                key=stored[0], principal=stored[1], request_fingerprint=stored[2],
                status=response.status_code, content_type=response.content_type, body=response.get_data(),
            ))
        db_session.commit()
        return response
    except OperationalError as exc:
        db_session.rollback()
        return _database_problem(exc)
    except IntegrityError:
        db_session.rollback()
        log.info("commit refused by a constraint", exc_info=True)
        return problem_response(
            Problem(409, detail="Η ενέργεια δεν ολοκληρώθηκε γιατί συγκρούεται με άλλη ταυτόχρονη αλλαγή.")
        )
    except Exception:
        db_session.rollback()
        log.exception("commit failed")
        return problem_response(Problem(500))


def _database_problem(exc: OperationalError) -> Response:
    # SQLite (embedded profile) refuses a concurrent writer outright instead of waiting: the client
    # may simply retry. Anything else is a fault of ours.
    if "database is locked" in str(exc):
        return problem_response(
            Problem(503, slug="busy", detail="Η υπηρεσία είναι απασχολημένη· δοκιμάστε ξανά σε λίγο.",
                    headers={"Retry-After": "1"})
        )
    log.error("database error", exc_info=exc)
    return problem_response(Problem(500))


def _caller_fingerprint() -> str:
    return hashlib.sha256(request.headers.get("Authorization", "anonymous").encode()).hexdigest()[:64]


def _request_fingerprint() -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode())
    digest.update(request.full_path.encode())
    digest.update(request.get_data())
    return digest.hexdigest()


def _install_operational_routes(app: Flask, runtime: Runtime) -> None:
    cache = ReadinessCache()
    settings = runtime.settings

    def check_database():
        with runtime.db.session() as s:
            s.execute(text("SELECT 1"))

    def check_broker():
        with connect(settings.broker_url, settings.broker_fs_dir) as connection:
            connection.ensure_connection(max_retries=1, timeout=3)

    def check_keys():
        if not runtime.verifier.signing_keys_available():
            raise RuntimeError("issuer publishes no signing keys")

    @app.get("/livez")
    def livez():
        return {"status": "ok", "service": runtime.service.name}

    @app.get("/readyz")
    def readyz():
        checks = {"database": cache.get("database", check_database)}
        if runtime.service.needs_broker:
            checks["broker"] = cache.get("broker", check_broker)
        if runtime.service.needs_signing_keys:
            checks["signing_keys"] = cache.get("signing_keys", check_keys)
        ready = all(ok for ok, _ in checks.values())
        body = {
            "status": "ready" if ready else "not-ready",
            "service": runtime.service.name,
            "checks": {name: {"ok": ok, "detail": detail} for name, (ok, detail) in checks.items()},
        }
        return app.response_class(json.dumps(body), status=200 if ready else 503, mimetype="application/json")

    def outbox_backlog() -> float:
        with runtime.db.session() as s:
            return runtime.outbox.backlog(s)

    @app.get("/metrics")
    def metrics_endpoint():
        payload, content_type = metrics.render_metrics(
            [("outbox_backlog", "Outbox rows not yet published", {"service": runtime.service.name}, outbox_backlog)]
        )
        return Response(payload, content_type=content_type)
