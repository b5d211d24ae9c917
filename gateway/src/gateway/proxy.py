"""Forwarding one request to a service: headers cleaned, bodies streamed both ways, upstream
failures turned into Greek problem documents (502/504, never a 500)."""
from __future__ import annotations

import json
import logging
import time
from http.cookiejar import DefaultCookiePolicy
from typing import Iterator
from urllib.parse import quote

import requests
import urllib3
from flask import Request, Response
from requests.adapters import HTTPAdapter

from epimorfosi_platform.problems import Problem

from . import metrics
from .routes import ROUTES, WEB_SLOW, is_slow, matches

log = logging.getLogger(__name__)

# RFC 9110 §7.6.1: meaningful for one connection only, never forwarded.
HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
     "te", "trailer", "trailers", "transfer-encoding", "upgrade"}
)
# Set by the gateway itself; what the client sent must not reach the service.
_REQUEST_DROP = HOP_BY_HOP | {
    "host", "content-length", "forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
    "x-forwarded-port", "x-forwarded-prefix", "x-real-ip", "x-request-id", "x-correlation-id",
}
# gunicorn writes its own Server/Date; the gateway is the one authority on CORS and request ids.
_RESPONSE_DROP = HOP_BY_HOP | {"server", "date", "x-request-id"}

BUFFER_LIMIT = 256 * 1024  # bodies up to this size are read in one go; larger ones are streamed
CHUNK = 64 * 1024
OPENAPI_LIMIT = 10 * 1024 * 1024


def new_pool(pool_size: int) -> urllib3.PoolManager:
    """The forwarding client: urllib3's pool directly (requests' Session costs about 15 % of the
    gateway's CPU per proxied request on top of it). No retries, no redirects: the client decides."""
    return urllib3.PoolManager(num_pools=8, maxsize=pool_size, block=False, retries=False)


class _Upstream:
    """The upstream answer, with the two names the response code below reads."""

    def __init__(self, raw: urllib3.HTTPResponse):
        self.raw, self.status_code = raw, raw.status

    def close(self) -> None:
        # A fully read body has already given its connection back to the pool; anything else
        # (error, client gone) closes the connection, which must not be reused half-read.
        self.raw.close()


def new_session(pool_size: int) -> requests.Session:
    """One pooled HTTP client per process, shared by all threads."""
    session = requests.Session()
    session.trust_env = False  # no proxies/.netrc from the environment, and no per-request lookups
    session.headers.clear()  # send only what the client sent (no default Accept-Encoding: gzip)
    # A session's cookie jar is shared by every user of the process: never keep a cookie.
    session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
    adapter = HTTPAdapter(pool_connections=8, pool_maxsize=pool_size, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


class _SizedBody:
    """The client's body as a stream of known length, sent with Content-Length and read in blocks
    instead of being loaded into memory."""

    def __init__(self, stream, length: int):
        self.stream, self.length = stream, length

    def __len__(self) -> int:
        return self.length

    def read(self, size: int = -1) -> bytes:
        return self.stream.read(size)

    def __iter__(self) -> Iterator[bytes]:
        return iter(lambda: self.stream.read(CHUNK), b"")


class PassthroughResponse(Response):
    # The upstream's headers are authoritative: no invented Content-Type or Content-Length.
    default_mimetype = None
    automatically_set_content_length = False


def _connection_tokens(value: str | None) -> set[str]:
    return {token.strip().lower() for token in value.split(",")} if value else set()


def upstream_failed(service: str, method: str, exc: Exception) -> Problem:
    # NewConnectionError (refused) subclasses ConnectTimeoutError in urllib3, hence the exclusion.
    timed_out = isinstance(exc, (requests.Timeout, urllib3.exceptions.TimeoutError)) and not isinstance(
        exc, urllib3.exceptions.NewConnectionError
    )
    if timed_out:
        metrics.UPSTREAM_REQUESTS.labels(service, method, "timeout").inc()
        log.warning("upstream timed out", extra={"upstream": service, "error": str(exc)})
        return Problem(504, detail="Η υπηρεσία δεν απάντησε εγκαίρως. Δοκιμάστε ξανά σε λίγο.", upstream=service)
    metrics.UPSTREAM_REQUESTS.labels(service, method, "unreachable").inc()
    log.warning("upstream unreachable", extra={"upstream": service, "error": str(exc)})
    return Problem(
        502, detail="Η υπηρεσία δεν είναι διαθέσιμη αυτή τη στιγμή. Δοκιμάστε ξανά σε λίγο.", upstream=service
    )


class Forwarder:
    def __init__(
        self,
        pool: urllib3.PoolManager,
        upstreams: dict[str, str],
        *,
        connect_timeout: float,
        read_timeout: float,
        trusted_proxy_hops: int,
        slow_read_timeout: float | None = None,
    ):
        self.pool = pool
        self.upstreams = upstreams
        self.timeout = urllib3.Timeout(connect=connect_timeout, read=read_timeout)
        self.slow_timeout = urllib3.Timeout(connect=connect_timeout, read=max(read_timeout, slow_read_timeout or 0))
        self.trusted_proxy_hops = trusted_proxy_hops

    def request_headers(
        self, request: Request, service: str, request_id: str, correlation_id: str | None, prefix: str
    ) -> dict[str, str]:
        drop = _connection_tokens(request.headers.get("Connection"))
        headers = {}
        for name, value in request.headers.items():
            lower = name.lower()
            if lower not in _REQUEST_DROP and lower not in drop:
                headers[name] = value  # Authorization included, unchanged: services check roles too
        environ = request.environ
        peer = environ.get("werkzeug.proxy_fix.orig", environ).get("REMOTE_ADDR") or ""
        earlier = request.headers.get("X-Forwarded-For")
        # Without trusted proxies in front, a client-sent X-Forwarded-For is a claim, not a fact.
        headers["X-Forwarded-For"] = f"{earlier}, {peer}" if earlier and self.trusted_proxy_hops else peer
        headers["X-Forwarded-Proto"] = request.scheme
        headers["X-Forwarded-Host"] = request.host
        if prefix:
            headers["X-Forwarded-Prefix"] = prefix
        headers["X-Request-ID"] = request_id
        if correlation_id:
            headers["X-Correlation-ID"] = correlation_id
        return headers

    def timeout_for(self, service: str, method: str, path: str) -> urllib3.Timeout:
        """The upstream timeout of this request: longer for a route marked slow (routes.py)."""
        route = ROUTES.get(service)
        slow = is_slow(route, method, path) if route is not None else matches(WEB_SLOW, method, path)
        return self.slow_timeout if slow else self.timeout

    def forward(
        self, request: Request, service: str, path: str, request_id: str, correlation_id: str | None = None,
        *, prefix: str | None = None,
    ) -> Response:
        """`path` is the upstream path (`/v1/...`), already checked for dot segments. `prefix` is
        where the upstream is mounted publicly: `/api/<service>` for an API, "" for the web client
        (its paths are the public ones, and its redirects pass unchanged)."""
        prefix = f"/api/{service}" if prefix is None else prefix
        base = self.upstreams[service]
        url = base + quote(path, safe="/:@!$&'()*+,;=~")
        if request.query_string:
            url += "?" + request.query_string.decode("latin-1")
        method = request.method
        headers = self.request_headers(request, service, request_id, correlation_id, prefix)
        rewrite_openapi = method == "GET" and path == "/v1/openapi.json"
        if rewrite_openapi:
            headers["Accept-Encoding"] = "identity"  # the gateway edits this document

        length = request.content_length
        chunked = False
        if length:
            headers["Content-Length"] = str(length)
            # Small bodies (the usual JSON) in one piece; large uploads streamed, never buffered.
            data = request.stream.read() if length <= BUFFER_LIMIT else _SizedBody(request.stream, length)
        elif "chunked" in request.headers.get("Transfer-Encoding", "").lower():
            data, chunked = iter(lambda: request.stream.read(CHUNK), b""), True
        else:
            data = None

        started = time.perf_counter()
        try:
            upstream = _Upstream(
                self.pool.urlopen(
                    method, url, body=data, headers=headers, chunked=chunked, preload_content=False,
                    decode_content=False, redirect=False, retries=False, timeout=self.timeout_for(service, method, path),
                )
            )
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise upstream_failed(service, method, exc) from None
        metrics.UPSTREAM_LATENCY.labels(service).observe(time.perf_counter() - started)
        metrics.UPSTREAM_REQUESTS.labels(service, method, str(upstream.status_code)).inc()

        if rewrite_openapi and upstream.status_code == 200:
            return self._openapi(upstream, service)
        return self._response(upstream, service, base, method, prefix)

    def _response(self, upstream: _Upstream, service: str, base: str, method: str, prefix: str) -> Response:
        raw = upstream.raw
        drop = _connection_tokens(raw.headers.get("Connection"))
        headers = []
        for name, value in raw.headers.items():  # raw: repeated headers (Set-Cookie) stay separate
            lower = name.lower()
            if lower in _RESPONSE_DROP or lower in drop or lower.startswith("access-control-"):
                continue
            if lower == "location" and prefix:
                value = _public_location(value, base, service)
            headers.append((name, value))

        length = raw.headers.get("Content-Length", "")
        small = length.isdigit() and int(length) <= BUFFER_LIMIT
        if method == "HEAD" or upstream.status_code in (204, 304) or small:
            try:
                # decode_content=False: bytes pass through as sent (gzip stays gzip, lengths match).
                body: bytes | Iterator[bytes] = raw.read(decode_content=False) if method != "HEAD" else b""
            except (urllib3.exceptions.HTTPError, OSError) as exc:
                upstream.close()
                raise upstream_failed(service, method, exc) from None
            upstream.close()
        else:
            body = _stream(upstream, service)
        return PassthroughResponse(body, status=upstream.status_code, headers=headers)

    def _openapi(self, upstream: _Upstream, service: str) -> Response:
        """The service's document with `servers` pointing at the gateway, so that Swagger UI's
        "Try it out" goes through the gateway (token check, rate limits, CORS)."""
        try:
            raw = upstream.raw.read(OPENAPI_LIMIT + 1, decode_content=True)
            document = json.loads(raw) if len(raw) <= OPENAPI_LIMIT else None
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise upstream_failed(service, "GET", exc) from None
        except ValueError:
            document = None
        finally:
            upstream.close()
        if not isinstance(document, dict):
            raise Problem(502, detail="Η υπηρεσία έδωσε μη έγκυρη περιγραφή API.", upstream=service)
        document["servers"] = [{"url": f"/api/{service}"}]
        return Response(json.dumps(document, ensure_ascii=False), status=200, mimetype="application/json")


def _public_location(value: str, base: str, service: str) -> str:
    """A redirect or Created location in the service's terms, turned into the gateway's."""
    if value.startswith(base + "/"):
        value = value[len(base):]
    if value.startswith("/v1/") or value == "/v1":
        return f"/api/{service}{value}"
    return value


def _stream(upstream: _Upstream, service: str) -> Iterator[bytes]:
    try:
        yield from upstream.raw.stream(CHUNK, decode_content=False)
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        # The status line has gone out already; all we can do is cut the body short and say why.
        log.warning("upstream body interrupted", extra={"upstream": service, "error": str(exc)})
    finally:
        upstream.close()
