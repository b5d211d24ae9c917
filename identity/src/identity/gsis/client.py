"""HTTP client for the GSIS (ΓΓΠΣ / Taxisnet) OAuth 2.0 server.

Flow used by registration, first login, "forgot password" and "forgot e-mail":

1. redirect the browser to :meth:`GsisClient.authorize_url` (with a ``state``
   the caller stores in the user's session and checks on return);
2. on the callback, :meth:`GsisClient.exchange_code` turns ``code`` into an
   access token;
3. :meth:`GsisClient.fetch_userinfo` returns the certified
   :class:`~identity.gsis.userinfo.GsisIdentity`;
4. optionally send the browser to :meth:`GsisClient.logout_url` to end the
   Taxisnet session (shared computers in schools).

The client is stateless: it stores neither state, codes nor tokens. Failures
become :class:`GsisUnavailable` (retry later) or :class:`GsisProtocolError`
(this login attempt cannot succeed), both with Greek user-facing messages.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import re
from types import TracebackType
from typing import Any, Mapping
from urllib.parse import quote, urlencode, urlsplit

import requests

from .errors import GsisProtocolError, GsisUnavailable
from .userinfo import MAX_USERINFO_BYTES, GsisIdentity, parse_userinfo_xml

__all__ = ["GsisClient", "TimeoutSpec"]

log = logging.getLogger(__name__)

#: ``requests`` timeout: seconds, or ``(connect, read)``.
TimeoutSpec = float | tuple[float, float]

AUTHORIZE_PATH = "/oauth2server/oauth/authorize"
TOKEN_PATH = "/oauth2server/oauth/token"
USERINFO_PATH = "/oauth2server/userinfo"
LOGOUT_PATH = "/oauth2server/logout/{client_id}/"
DEFAULT_SCOPE = "read"

_MAX_TOKEN_RESPONSE_BYTES = 16 * 1024
# RFC 6750 b64token: keeps the token safe to put in an Authorization header.
_BEARER_TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*")
_USER_AGENT = "epimorfosi-identity-gsis-client/1"

_MSG_UNAVAILABLE = (
    "Η υπηρεσία αυθεντικοποίησης της ΓΓΠΣ (Taxisnet) δεν είναι διαθέσιμη αυτή τη "
    "στιγμή. Παρακαλούμε δοκιμάστε ξανά αργότερα."
)
_MSG_LOGIN_AGAIN = "Παρακαλούμε συνδεθείτε ξανά μέσω Taxisnet."


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class GsisClient:
    """Talks to one GSIS OAuth 2.0 server (production, test.gsis.gr or the sandbox).

    ``session`` may be injected to share connection pools or for tests; when
    omitted the client owns one and :meth:`close` closes it. Plain ``http`` is
    refused except on loopback (the local sandbox) unless
    ``allow_insecure_http`` is set, because the client secret and the
    citizens' data travel over this connection.
    """

    def __init__(
        self,
        base_url: str,
        client_id: str,
        client_secret: str,
        session: requests.Session | None = None,
        timeout: TimeoutSpec = 10,
        *,
        allow_insecure_http: bool = False,
    ) -> None:
        if not client_id or not client_secret:
            raise ValueError("GSIS client_id and client_secret are required")
        self.base_url = self._check_base_url(base_url, allow_insecure_http)
        self.client_id = client_id
        self._client_secret = client_secret
        self.timeout = timeout
        self._owns_session = session is None
        self._session = session if session is not None else requests.Session()

    def __repr__(self) -> str:
        return f"GsisClient(base_url={self.base_url!r}, client_id={self.client_id!r})"

    @staticmethod
    def _check_base_url(base_url: str, allow_insecure_http: bool) -> str:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"GSIS base URL must be an absolute http(s) URL: {base_url!r}")
        if parts.query or parts.fragment:
            raise ValueError("GSIS base URL must not contain a query or fragment")
        if parts.scheme == "http" and not allow_insecure_http and not _is_loopback(parts.hostname):
            raise ValueError(
                "GSIS base URL must use https (plain http is only allowed on loopback)"
            )
        return base_url.rstrip("/")

    # -- browser redirects -------------------------------------------------

    def authorize_url(self, redirect_uri: str, state: str, scope: str = DEFAULT_SCOPE) -> str:
        """URL to send the browser to so that the user logs in at Taxisnet.

        ``state`` is mandatory: it is the caller's CSRF protection for the
        callback, and forgetting it would be a silent vulnerability.
        """
        if not state:
            raise ValueError("an unguessable, per-login 'state' is required")
        if not redirect_uri:
            raise ValueError("redirect_uri is required")
        query = urlencode(
            {
                "client_id": self.client_id,
                "redirect_uri": redirect_uri,
                "response_type": "code",
                "scope": scope,
                "state": state,
            }
        )
        return f"{self.base_url}{AUTHORIZE_PATH}?{query}"

    def logout_url(self, return_url: str) -> str:
        """URL that ends the user's Taxisnet session and comes back to ``return_url``."""
        path = LOGOUT_PATH.format(client_id=quote(self.client_id, safe=""))
        return f"{self.base_url}{path}?{urlencode({'url': return_url})}"

    # -- back-channel calls ------------------------------------------------

    def exchange_code(self, code: str, redirect_uri: str) -> str:
        """Exchange the one-time authorisation ``code`` for a bearer access token.

        ``redirect_uri`` must be the one given to :meth:`authorize_url`.
        """
        if not code:
            raise GsisProtocolError(
                "Η ΓΓΠΣ δεν επέστρεψε κωδικό εξουσιοδότησης. " + _MSG_LOGIN_AGAIN,
                code="gsis.code_missing",
            )
        status, body = self._send(
            "POST",
            f"{self.base_url}{TOKEN_PATH}",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "client_id": self.client_id,
                "client_secret": self._client_secret,
            },
            headers={"Accept": "application/json"},
            limit=_MAX_TOKEN_RESPONSE_BYTES,
        )
        if status == 200:
            return self._access_token_from(body)
        if status in (400, 401, 403):
            error = self._oauth_error(body)
            log.warning("GSIS token endpoint refused the code: status=%s error=%s", status, error)
            if status in (401, 403) or error in ("invalid_client", "unauthorized_client"):
                raise GsisProtocolError(
                    "Η ΓΓΠΣ απέρριψε τα στοιχεία σύνδεσης της εφαρμογής. Παρακαλούμε "
                    "επικοινωνήστε με την υποστήριξη.",
                    code="gsis.client_rejected",
                )
            raise GsisProtocolError(
                "Η ΓΓΠΣ δεν αποδέχθηκε τον κωδικό εξουσιοδότησης (έχει λήξει ή έχει ήδη "
                "χρησιμοποιηθεί). " + _MSG_LOGIN_AGAIN,
                code="gsis.code_rejected",
            )
        raise self._unexpected_status("token", status)

    def fetch_userinfo(self, access_token: str) -> GsisIdentity:
        """Fetch and validate the identity GSIS certifies for ``access_token``."""
        if not access_token or not _BEARER_TOKEN.fullmatch(access_token):
            raise ValueError("access_token is not a bearer token")
        status, body = self._send(
            "GET",
            f"{self.base_url}{USERINFO_PATH}",
            params={"format": "xml"},
            headers={
                "Authorization": f"Bearer {access_token}",
                "Accept": "application/xml, text/xml",
            },
            limit=MAX_USERINFO_BYTES,
        )
        if status == 200:
            return parse_userinfo_xml(body)
        if status in (401, 403):
            log.warning("GSIS userinfo refused the access token: status=%s", status)
            raise GsisProtocolError(
                "Η ΓΓΠΣ δεν αποδέχθηκε την εξουσιοδότηση πρόσβασης. " + _MSG_LOGIN_AGAIN,
                code="gsis.token_rejected",
            )
        raise self._unexpected_status("userinfo", status)

    # -- lifecycle -----------------------------------------------------------

    def close(self) -> None:
        """Close the HTTP session if this client created it."""
        if self._owns_session:
            self._session.close()

    def __enter__(self) -> GsisClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- internals -----------------------------------------------------------

    def _send(
        self,
        method: str,
        url: str,
        *,
        limit: int,
        headers: Mapping[str, str],
        data: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
    ) -> tuple[int, bytes]:
        """One request, with transport failures mapped and the body size capped.

        Redirects are not followed: a back-channel endpoint that redirects is
        misbehaving (typically a maintenance page), and following a redirect
        with a POST body could leak the client secret elsewhere.
        """
        try:
            response = self._session.request(
                method,
                url,
                data=data,
                params=params,
                headers={"User-Agent": _USER_AGENT, **headers},
                timeout=self.timeout,
                allow_redirects=False,
                stream=True,
            )
            try:
                body = self._read_capped(response, limit)
            finally:
                response.close()
        except requests.Timeout:
            log.warning("GSIS %s %s timed out", method, url)
            raise GsisUnavailable(_MSG_UNAVAILABLE, code="gsis.timeout") from None
        except requests.RequestException as exc:
            log.warning("GSIS %s %s failed: %s", method, url, type(exc).__name__)
            raise GsisUnavailable(_MSG_UNAVAILABLE, code="gsis.unreachable") from None
        return response.status_code, body

    @staticmethod
    def _read_capped(response: requests.Response, limit: int) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(chunk_size=8192):
            size += len(chunk)
            if size > limit:
                raise GsisProtocolError(
                    "Η απάντηση της ΓΓΠΣ είναι υπερβολικά μεγάλη και απορρίφθηκε.",
                    code="gsis.response_too_large",
                )
            chunks.append(chunk)
        return b"".join(chunks)

    @staticmethod
    def _json_object(body: bytes) -> dict[str, Any] | None:
        try:
            document = json.loads(body)
        except ValueError:
            return None
        return document if isinstance(document, dict) else None

    def _oauth_error(self, body: bytes) -> str:
        """The RFC 6749 ``error`` code, sanitised for logging."""
        document = self._json_object(body) or {}
        error = document.get("error")
        if isinstance(error, str) and re.fullmatch(r"[a-z_]{1,64}", error):
            return error
        return "unknown"

    def _access_token_from(self, body: bytes) -> str:
        document = self._json_object(body)
        token = document.get("access_token") if document else None
        token_type = document.get("token_type", "bearer") if document else None
        if (
            not isinstance(token, str)
            or not _BEARER_TOKEN.fullmatch(token)
            or not isinstance(token_type, str)
            or token_type.lower() != "bearer"
        ):
            log.warning("GSIS token endpoint answered 200 without a usable bearer token")
            raise GsisProtocolError(
                "Η ΓΓΠΣ επέστρεψε μη αναμενόμενη απάντηση κατά την έκδοση "
                "εξουσιοδότησης. " + _MSG_LOGIN_AGAIN,
                code="gsis.token_response_invalid",
            )
        return token

    @staticmethod
    def _unexpected_status(endpoint: str, status: int) -> GsisUnavailable:
        log.warning("GSIS %s endpoint answered HTTP %s", endpoint, status)
        return GsisUnavailable(_MSG_UNAVAILABLE, code="gsis.unexpected_status")
