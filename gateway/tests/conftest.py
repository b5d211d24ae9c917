"""A real fake upstream (werkzeug server on a free port, in a thread) that echoes what it got,
and serves the LocalIssuer's JWKS, so the gateway's verifier and HTTP client work as in production."""
from __future__ import annotations

import hashlib
import socket
import threading
import time

import pytest
from flask import Flask, Response, jsonify, request
from werkzeug.serving import make_server

from epimorfosi_platform.testing import LocalIssuer

from gateway import create_app
from gateway.settings import GatewaySettings
from gateway.routes import ROUTES


class FakeUpstream:
    def __init__(self, issuer: LocalIssuer):
        self.issuer = issuer
        self.requests: list[dict] = []
        self.first_chunk_seen = threading.Event()
        self.streamed_lazily: bool | None = None
        app = Flask("fake-upstream")

        @app.get("/jwks")
        def jwks():
            return issuer.jwks()

        @app.get("/readyz")
        def readyz():
            return {"status": "ready", "service": "fake", "checks": {"database": {"ok": True, "detail": "ok"}}}

        @app.get("/metrics")
        def metrics():
            return "secret_metric 1\n"

        @app.get("/v1/openapi.json")
        def openapi():
            return {"openapi": "3.1.0", "info": {"title": "fake", "version": "1"}, "servers": [{"url": "http://internal:8080"}], "paths": {"/v1/things": {}}}

        @app.get("/v1/slow")
        def slow():
            time.sleep(float(request.args.get("seconds", "2")))
            return {"slept": True}

        @app.route("/v1/lists/<code>", methods=["GET", "POST"])
        def slow_list(code):  # as documents-svc rendering a long list form
            time.sleep(float(request.args.get("seconds", "2")))
            return {"code": code}, 201 if request.method == "POST" else 200

        @app.get("/v1/big")
        def big():
            size = int(request.args.get("mib", "8")) * 1024 * 1024
            chunk = b"x" * 65536

            def generate():
                yield chunk
                # Only a gateway that streams lets the client see the first chunk before the rest exists.
                self.streamed_lazily = self.first_chunk_seen.wait(timeout=5)
                for _ in range(size // len(chunk) - 1):
                    yield chunk

            return Response(generate(), mimetype="application/pdf")

        @app.post("/v1/created")
        def created():
            response = jsonify(id=7)
            response.status_code = 201
            response.headers["Location"] = "/v1/things/7"
            return response

        @app.get("/site/go-elsewhere")
        def web_redirect():
            return Response(status=303, headers={"Location": "/auth/login?next=%2Fv1%2Fx"})

        @app.route("/v1/<path:path>", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
        @app.route("/site/", defaults={"path": ""}, methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
        @app.route("/site/<path:path>", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
        def echo(path):
            time.sleep(float(request.args.get("sleep", "0")))  # a slow page of the web client
            body = request.get_data()
            seen = {
                "method": request.method,
                "path": request.path,
                "query": request.query_string.decode(),
                "headers": dict(request.headers),
                "body_length": len(body),
                "body_sha256": hashlib.sha256(body).hexdigest(),
                "body": body[:200].decode("utf-8", "replace"),
            }
            self.requests.append(seen)
            response = jsonify(seen)
            response.headers["X-Upstream"] = "fake"
            response.headers.add("Set-Cookie", "a=1; Path=/")
            response.headers.add("Set-Cookie", "b=2; Path=/")
            response.headers["Access-Control-Allow-Origin"] = "*"  # must not leak through the gateway
            return response

        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # nothing listens here: connection refused


@pytest.fixture
def closed_url() -> str:
    return closed_port_url()


@pytest.fixture(scope="session")
def issuer():
    return LocalIssuer()


@pytest.fixture(scope="session")
def upstream(issuer):
    server = FakeUpstream(issuer)
    yield server
    server.stop()


@pytest.fixture
def make_gateway(issuer, upstream):
    """Build a gateway whose every service is the fake upstream, with env overrides."""

    def build(**env_overrides: str):
        env = {
            "EPI_OIDC_ISSUER": issuer.issuer,
            "EPI_OIDC_AUDIENCE": issuer.audience,
            "EPI_OIDC_JWKS_URL": f"{upstream.url}/jwks",
            "EPI_LOG_LEVEL": "WARNING",
            **{f"EPI_UPSTREAM_{name.upper()}": upstream.url for name in ROUTES},
            "EPI_UPSTREAM_WEB": f"{upstream.url}/site",  # the web client's pages
            **env_overrides,
        }
        return create_app(GatewaySettings.from_env("gateway", env))

    return build


@pytest.fixture
def gateway(make_gateway):
    return make_gateway()


@pytest.fixture
def client(gateway):
    return gateway.test_client()
