"""GsisClient: URLs, request shape and error mapping (no real GSIS involved)."""

from __future__ import annotations

import io
import json
import socket
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from identity.gsis.client import GsisClient
from identity.gsis.errors import GsisProtocolError, GsisUnavailable

BASE = "https://oauth2.gsis.gr"
USERINFO_XML = (
    '<root><userinfo userid="User123" taxid="090000045" lastname="ΠΑΠΑΔΟΠΟΥΛΟΣ" '
    'firstname="ΓΕΩΡΓΙΟΣ" fathername="ΙΩΑΝΝΗΣ" mothername="ΜΑΡΙΑ" birthyear="1980"/></root>'
).encode()


class FakeSession(requests.Session):
    """Records requests and answers with canned responses (or raises)."""

    def __init__(self, *answers: tuple[int, bytes] | Exception) -> None:
        super().__init__()
        self.answers = list(answers)
        self.calls: list[dict[str, Any]] = []

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        self.calls.append({"method": method, "url": url, **kwargs})
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        status, body = answer
        response = requests.Response()
        response.status_code = status
        response.raw = io.BytesIO(body)
        response.url = str(url)
        return response


def client(session: requests.Session | None = None, **kwargs: Any) -> GsisClient:
    return GsisClient(BASE + "/", "my-client", "s3cr3t", session=session, **kwargs)


def token_json(**overrides: Any) -> bytes:
    data = {"access_token": "2YotnFZFEjr1zCsicMWpAA", "token_type": "bearer", "expires_in": 43199, "scope": "read"}
    data.update(overrides)
    return json.dumps(data).encode()


# -- URLs ----------------------------------------------------------------------------


def test_authorize_url() -> None:
    url = client().authorize_url("https://epimorfosi.example/gsis/callback?x=1", "st@te/1")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == BASE + "/oauth2server/oauth/authorize"
    assert parse_qs(parts.query) == {
        "client_id": ["my-client"],
        "redirect_uri": ["https://epimorfosi.example/gsis/callback?x=1"],
        "response_type": ["code"],
        "scope": ["read"],
        "state": ["st@te/1"],
    }


def test_authorize_url_requires_state() -> None:
    with pytest.raises(ValueError):
        client().authorize_url("https://epimorfosi.example/cb", "")


def test_logout_url() -> None:
    url = client().logout_url("https://epimorfosi.example/?bye=1&x=ά")
    parts = urlsplit(url)
    assert parts.path == "/oauth2server/logout/my-client/"
    assert parse_qs(parts.query) == {"url": ["https://epimorfosi.example/?bye=1&x=ά"]}


def test_logout_url_escapes_client_id() -> None:
    odd = GsisClient(BASE, "a/b c", "x")
    assert "/oauth2server/logout/a%2Fb%20c/?url=" in odd.logout_url("https://e.example/")


@pytest.mark.parametrize(
    "base",
    ["ftp://gsis.gr", "oauth2.gsis.gr", "http://oauth2.gsis.gr", "https://gsis.gr/?q=1", "https://"],
)
def test_bad_base_urls_are_refused(base: str) -> None:
    with pytest.raises(ValueError):
        GsisClient(base, "id", "secret")


@pytest.mark.parametrize("base", ["http://127.0.0.1:8106", "http://localhost:8106/", "http://[::1]:8106"])
def test_plain_http_allowed_on_loopback(base: str) -> None:
    assert GsisClient(base, "id", "secret").base_url == base.rstrip("/")


def test_plain_http_elsewhere_needs_explicit_opt_in() -> None:
    assert GsisClient("http://gsis-sandbox:8106", "id", "secret", allow_insecure_http=True)


def test_credentials_are_required_and_secret_not_in_repr() -> None:
    with pytest.raises(ValueError):
        GsisClient(BASE, "id", "")
    assert "s3cr3t" not in repr(client())


# -- token exchange ------------------------------------------------------------------


def test_exchange_code_posts_the_form_and_returns_the_token() -> None:
    session = FakeSession((200, token_json()))
    assert client(session, timeout=3).exchange_code("abc", "https://e.example/cb") == "2YotnFZFEjr1zCsicMWpAA"
    call = session.calls[0]
    assert call["method"] == "POST"
    assert call["url"] == BASE + "/oauth2server/oauth/token"
    assert call["data"] == {
        "grant_type": "authorization_code",
        "code": "abc",
        "redirect_uri": "https://e.example/cb",
        "client_id": "my-client",
        "client_secret": "s3cr3t",
    }
    assert call["timeout"] == 3
    assert call["allow_redirects"] is False


def test_token_type_is_case_insensitive_and_optional() -> None:
    assert client(FakeSession((200, token_json(token_type="Bearer")))).exchange_code("c", "https://e.example/cb")
    body = json.dumps({"access_token": "abc-123"}).encode()
    assert client(FakeSession((200, body))).exchange_code("c", "https://e.example/cb") == "abc-123"


@pytest.mark.parametrize(
    "body",
    [
        b"<html>maintenance</html>",
        b"[]",
        token_json(access_token=""),
        token_json(access_token=None),
        token_json(access_token="has space"),
        token_json(access_token="line\r\nX-Injected: 1"),
        token_json(token_type="mac"),
    ],
)
def test_unusable_token_response_is_a_protocol_error(body: bytes) -> None:
    with pytest.raises(GsisProtocolError) as info:
        client(FakeSession((200, body))).exchange_code("c", "https://e.example/cb")
    assert info.value.code == "gsis.token_response_invalid"


def test_rejected_code() -> None:
    body = json.dumps({"error": "invalid_grant", "error_description": "Invalid authorization code: c"}).encode()
    with pytest.raises(GsisProtocolError) as info:
        client(FakeSession((400, body))).exchange_code("c", "https://e.example/cb")
    assert info.value.code == "gsis.code_rejected"
    assert "Taxisnet" in info.value.message


@pytest.mark.parametrize(
    "status, body",
    [(401, b'{"error":"invalid_client"}'), (400, b'{"error":"invalid_client"}'), (403, b"")],
)
def test_rejected_client_credentials(status: int, body: bytes) -> None:
    with pytest.raises(GsisProtocolError) as info:
        client(FakeSession((status, body))).exchange_code("c", "https://e.example/cb")
    assert info.value.code == "gsis.client_rejected"
    assert "s3cr3t" not in str(info.value)


def test_missing_code_is_a_protocol_error_without_any_request() -> None:
    session = FakeSession()
    with pytest.raises(GsisProtocolError) as info:
        client(session).exchange_code("", "https://e.example/cb")
    assert info.value.code == "gsis.code_missing" and not session.calls


@pytest.mark.parametrize("status", [500, 502, 503, 504, 429, 404, 302])
def test_server_side_statuses_mean_unavailable(status: int) -> None:
    with pytest.raises(GsisUnavailable) as info:
        client(FakeSession((status, b"oops"))).exchange_code("c", "https://e.example/cb")
    assert info.value.code == "gsis.unexpected_status"
    assert "δοκιμάστε ξανά αργότερα" in info.value.message


@pytest.mark.parametrize(
    "exc, code",
    [
        (requests.ConnectTimeout(), "gsis.timeout"),
        (requests.ReadTimeout(), "gsis.timeout"),
        (requests.ConnectionError(), "gsis.unreachable"),
        (requests.exceptions.SSLError(), "gsis.unreachable"),
        (requests.exceptions.ChunkedEncodingError(), "gsis.unreachable"),
    ],
)
def test_transport_failures_mean_unavailable(exc: Exception, code: str) -> None:
    with pytest.raises(GsisUnavailable) as info:
        client(FakeSession(exc)).exchange_code("c", "https://e.example/cb")
    assert info.value.code == code


def test_oversized_token_response_is_refused() -> None:
    with pytest.raises(GsisProtocolError) as info:
        client(FakeSession((200, b" " * 100_000))).exchange_code("c", "https://e.example/cb")
    assert info.value.code == "gsis.response_too_large"


# -- userinfo ------------------------------------------------------------------------


def test_fetch_userinfo_sends_bearer_and_format_xml() -> None:
    session = FakeSession((200, USERINFO_XML))
    identity = client(session).fetch_userinfo("2YotnFZFEjr1zCsicMWpAA")
    assert identity.afm == "090000045" and identity.first_name == "ΓΕΩΡΓΙΟΣ"
    call = session.calls[0]
    assert call["method"] == "GET"
    assert call["url"] == BASE + "/oauth2server/userinfo"
    assert call["params"] == {"format": "xml"}
    assert call["headers"]["Authorization"] == "Bearer 2YotnFZFEjr1zCsicMWpAA"


@pytest.mark.parametrize("status", [401, 403])
def test_userinfo_with_rejected_token(status: int) -> None:
    with pytest.raises(GsisProtocolError) as info:
        client(FakeSession((status, b'{"error":"invalid_token"}'))).fetch_userinfo("tok")
    assert info.value.code == "gsis.token_rejected"


def test_userinfo_server_error_is_unavailable() -> None:
    with pytest.raises(GsisUnavailable):
        client(FakeSession((503, b"down"))).fetch_userinfo("tok")


def test_userinfo_bad_xml_is_a_protocol_error() -> None:
    with pytest.raises(GsisProtocolError) as info:
        client(FakeSession((200, b"<html>login page</html>"))).fetch_userinfo("tok")
    assert info.value.code == "gsis.userinfo_missing"


@pytest.mark.parametrize("token", ["", "a b", "x\r\nHost: evil"])
def test_fetch_userinfo_refuses_malformed_tokens(token: str) -> None:
    session = FakeSession()
    with pytest.raises(ValueError):
        client(session).fetch_userinfo(token)
    assert not session.calls


# -- real sockets --------------------------------------------------------------------


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def silent_server() -> Iterator[int]:
    """Accepts connections (via the backlog) but never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield int(sock.getsockname()[1])


def test_connection_refused_is_unavailable(closed_port: int) -> None:
    with GsisClient(f"http://127.0.0.1:{closed_port}", "id", "secret", timeout=2) as gsis:
        with pytest.raises(GsisUnavailable) as info:
            gsis.exchange_code("c", "http://127.0.0.1/cb")
    assert info.value.code == "gsis.unreachable"


def test_read_timeout_is_unavailable(silent_server: int) -> None:
    with GsisClient(f"http://127.0.0.1:{silent_server}", "id", "secret", timeout=0.3) as gsis:
        with pytest.raises(GsisUnavailable) as info:
            gsis.fetch_userinfo("tok")
    assert info.value.code == "gsis.timeout"
