"""Test helpers for the account flows (identity's unit tests and tests/stack): an SMTP sink, random
GSIS taxpayers, and a driver that plays the browser through GSIS (sandbox over HTTP) and back.
Never imported by the service itself."""
from __future__ import annotations

import email
import email.policy
import random
import re
import socket
import threading
import time
from contextlib import contextmanager
from typing import Iterator
from urllib.parse import parse_qs, urlsplit

import requests

from epimorfosi_platform.afm import afm_check_digit
from .gsis.sandbox import SANDBOX_PASSWORD, SandboxTaxpayer


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MailSink:
    """An aiosmtpd server on a free port that keeps every message it receives."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()
        self.port = free_port()
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


def random_afm(rng: random.Random | None = None) -> str:
    rng = rng or random.SystemRandom()
    first_eight = "".join(str(rng.randrange(10)) for _ in range(8))
    return first_eight + str(afm_check_digit(first_eight))


def random_taxpayer(username: str | None = None, **fields) -> SandboxTaxpayer:
    suffix = "".join(random.SystemRandom().choice("abcdefghij") for _ in range(8))
    values = dict(
        username=username or f"tp_{suffix}",
        afm=random_afm(),
        last_name="ΔΟΚΙΜΑΣΤΙΚΟΣ",
        first_name="ΧΡΗΣΤΟΣ",
        father_name="ΝΙΚΟΛΑΟΣ",
        mother_name="ΕΛΕΝΗ",
        birth_year=1984,
    )
    values.update(fields)
    return SandboxTaxpayer(**values)


@contextmanager
def sandbox_with(taxpayers) -> Iterator[str]:
    from .gsis.sandbox import create_sandbox_app, serve_sandbox

    with serve_sandbox(create_sandbox_app(taxpayers=list(taxpayers))) as url:
        yield url


def gsis_login(authorize_url: str, username: str, password: str = SANDBOX_PASSWORD) -> str:
    """Log in at the (sandbox) Taxisnet page as a script would; returns the redirect back to us."""
    response = requests.post(
        authorize_url, data={"username": username, "password": password}, allow_redirects=False, timeout=10
    )
    assert response.status_code == 302, response.text
    return response.headers["Location"]


def path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
