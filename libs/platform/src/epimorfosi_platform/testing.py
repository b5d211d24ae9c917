"""Test helpers for service unit tests: an in-memory token issuer whose keys the verifier trusts.
Integration tests use the real issuers (dev issuer, Keycloak) instead."""
from __future__ import annotations

import email
import email.policy
import json
import re
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Iterable

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import Flask

from .auth import TokenVerifier


class LocalIssuer:
    def __init__(self, issuer: str = "http://issuer.test/realms/epimorfosi", audience: str = "epimorfosi-api"):
        self.issuer, self.audience = issuer, audience
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = uuid.uuid4().hex[:12]

    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.private_key.public_key()))
        jwk.update(kid=self.kid, use="sig", alg="RS256")
        return {"keys": [jwk]}

    def token(
        self,
        subject: str = "user-1",
        roles: Iterable[str] = (),
        *,
        expires_in: int = 300,
        audience: str | None = None,
        issuer: str | None = None,
        **claims: Any,
    ) -> str:
        now = int(time.time())
        payload = {
            "iss": issuer or self.issuer,
            "aud": audience or self.audience,
            "sub": subject,
            "iat": now,
            "exp": now + expires_in,
            "realm_access": {"roles": list(roles)},
            "scope": "openid profile email",
            **claims,
        }
        return jwt.encode(payload, self.private_key, algorithm="RS256", headers={"kid": self.kid})

    def headers(self, subject: str = "user-1", roles: Iterable[str] = (), **claims: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(subject, roles, **claims)}"}

    def verifier(self) -> TokenVerifier:
        verifier = TokenVerifier(self.issuer, self.audience, jwks_url="http://issuer.test/jwks")
        client = jwt.PyJWKClient("http://issuer.test/jwks", cache_keys=True)
        client.fetch_data = self.jwks  # type: ignore[method-assign]  # no HTTP in unit tests
        verifier._jwks_client = client
        return verifier

    def install(self, app: Flask) -> None:
        app.extensions["epimorfosi"].verifier = self.verifier()


def fresh_database_url(name: str, tmp_dir) -> tuple[str, "callable"]:
    """A new, empty database for one test session: PostgreSQL when the stack is up
    (`EPI_PG_URL_BASE`), otherwise a SQLite file. Returns (url, drop)."""
    import os

    from sqlalchemy import create_engine, text

    base = os.environ.get("EPI_PG_URL_BASE")
    if not base:
        return f"sqlite:///{tmp_dir}/{name}.sqlite", lambda: None
    database = f"test_{name.replace('-', '_')}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{database}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()

    return f"{base}/{database}", drop


@contextmanager
def migrated_database(service, tmp_dir, name: str | None = None) -> Iterator[str]:
    """A fresh database (``fresh_database_url``) migrated to head; dropped afterwards."""
    from .migrations import upgrade

    url, drop = fresh_database_url(name or service.name, tmp_dir)
    try:
        upgrade(service, url)
        yield url
    finally:
        drop()


@contextmanager
def service_app(service, create_app, tmp_dir, issuer: LocalIssuer, **env: str) -> Iterator[Flask]:
    """A service's app for its tests: on a fresh migrated database and a private bus folder,
    trusting ``issuer``'s tokens; ``env`` adds service settings (``EPI_...``)."""
    with migrated_database(service, tmp_dir) as url:
        app = create_app(settings_for_tests(service, url, tmp_dir, env=env))
        issuer.install(app)
        try:
            yield app
        finally:
            app.extensions["epimorfosi"].db.dispose()


def settings_for_tests(service, database_url: str, tmp_dir, *, env: dict[str, str] | None = None, **overrides):
    """The service's settings of the embedded profile pointed at a test database and a private
    bus folder; ``env`` adds environment variables (``EPI_...``), ``overrides`` set fields."""
    base = {
        "EPI_DATABASE_URL": database_url,
        "EPI_BROKER_URL": "filesystem://",
        "EPI_BROKER_FS_DIR": f"{tmp_dir}/bus",
        "EPI_OIDC_ISSUER": "http://issuer.test/realms/epimorfosi",
        "EPI_OIDC_JWKS_URL": "http://issuer.test/jwks",
    }
    return service.settings_from_env({**base, **(env or {})}, **overrides)


def forget_filesystem_bus_state() -> None:
    """Call before a test that uses a new bus folder in the same process.

    Kombu's filesystem transport caches exchanges and bindings in one process-wide state and skips
    declaring a binding it believes exists; with a second folder (each test's tmp_path) the binding
    files are then never written there and published events are silently dropped."""
    from kombu.transport.filesystem import Transport

    Transport.global_state.clear()


def wait_for(fetch, timeout: float = 30.0, interval: float = 0.05):
    """Poll `fetch()` until it returns something truthy (eventual consistency across processes);
    returns that value, or the last falsy one after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = fetch()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


# -- an SMTP sink for the services that mail ------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MailSink:
    """An aiosmtpd server on a free port (or the one given: a mail server that comes back) that keeps
    every message it receives."""

    def __init__(self, port: int | None = None):
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()
        self.port = port or free_port()
        self.controller = None

    def __enter__(self) -> "MailSink":
        from aiosmtpd.controller import Controller

        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
                with sink.lock:
                    sink.messages.append(message)
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    def wait_for(self, to: str, count: int = 1, timeout: float = 15.0) -> list[email.message.EmailMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                found = [m for m in self.messages if m["To"] == to]
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"no {count} message(s) to {to} within {timeout}s; got {[m['To'] for m in self.messages]}")

    def to(self, address: str) -> list[email.message.EmailMessage]:
        with self.lock:
            return [m for m in self.messages if m["To"] == address]

    @staticmethod
    def link(message: email.message.EmailMessage) -> str:
        return re.search(r"https?://\S+", message.get_content()).group(0)


@contextmanager
def s3_server(bucket: str = "epimorfosi-test") -> Iterator[dict[str, str]]:
    """A real S3-compatible HTTP server (moto's, in a thread, on a free port) with `bucket` made:
    yields the settings an S3Store needs (endpoint_url, bucket, region) and sets dummy credentials
    in the environment for boto3 while it runs."""
    import os

    import boto3
    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    saved = {name: os.environ.get(name) for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")}
    os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        endpoint, region = f"http://127.0.0.1:{port}", "eu-central-1"
        boto3.client("s3", endpoint_url=endpoint, region_name=region).create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
        yield {"endpoint_url": endpoint, "bucket": bucket, "region": region}
    finally:
        server.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
