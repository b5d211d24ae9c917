"""The request hooks of every HTTP entry point, services and gateway alike: the request id (the
client's when short and plain, else a new one), the correlation id, the log context, the request
metrics."""
from __future__ import annotations

import re
import time
import uuid

from flask import Response, g, request

from . import metrics
from .logs import reset_context, set_context


# A request id chosen by a client ends up in every log line: keep it short and plain.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:/+=-]{1,128}$")


def _plain_header(name: str) -> str | None:
    value = request.headers.get(name)
    return value if value and _REQUEST_ID.match(value) else None


def begin_request() -> None:
    """Request hook of every HTTP entry point (services and gateway): the request id (the client's
    when it is short and plain, else a new one), the correlation id and the log context."""
    g.started = time.perf_counter()
    g.request_id = _plain_header("X-Request-ID") or str(uuid.uuid4())
    g.correlation_id = _plain_header("X-Correlation-ID") or g.request_id
    g.log_token = set_context(request_id=g.request_id, correlation_id=g.correlation_id)


def finish_request(service: str, response: Response) -> float | None:
    """Returns the request id to the client and counts the request; the seconds it took, if known."""
    response.headers["X-Request-ID"] = g.get("request_id", "")
    route = request.url_rule.rule if request.url_rule else "unmatched"
    metrics.HTTP_REQUESTS.labels(service, request.method, route, str(response.status_code)).inc()
    if "started" not in g:
        return None
    elapsed = time.perf_counter() - g.started
    metrics.HTTP_LATENCY.labels(service, request.method, route).observe(elapsed)
    return elapsed


def end_request() -> None:
    token = g.pop("log_token", None)
    if token is not None:
        reset_context(token)
