"""A local stand-in for the GSIS (ΓΓΠΣ / Taxisnet) OAuth 2.0 server.

Same paths, parameters, JSON and XML as the real service, so that the identity
service runs and is tested end to end without Taxisnet credentials:

* ``GET  /oauth2server/oauth/authorize`` – Taxisnet-like login page
  ("Χρήστης", "Κωδικός", "Σύνδεση"), then the consent page ("Συνέχεια",
  "Αποστολή") described in the e-IEP manual;
* ``POST /oauth2server/oauth/authorize`` – what the login form posts. Without
  the form's ``interactive`` field (i.e. from scripts and tests) valid
  ``username``/``password`` give the 302 with ``code`` and ``state`` at once;
  ``user_oauth_approval=false`` simulates the user declining;
* ``POST /oauth2server/oauth/token`` – single-use codes (5 minutes), checks
  the client credentials and the ``redirect_uri``;
* ``GET  /oauth2server/userinfo?format=xml`` – the ``<root><userinfo .../>``
  document of the token's taxpayer, 401 otherwise;
* ``GET  /oauth2server/logout/<client_id>/?url=...`` – redirects to ``url``.

Sandbox-only extras: ``GET/POST /sandbox/taxpayers``,
``DELETE /sandbox/taxpayers/<username>`` and ``GET /sandbox/health``.

It keeps everything in memory and must never run in production:
:func:`create_sandbox_app` refuses when asked to (``production=True``) or when
``EPI_PRODUCTION`` is set.
"""

from __future__ import annotations

import hmac
import re
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from xml.etree import ElementTree

from flask import Flask, Response, jsonify, redirect, render_template_string, request
from werkzeug.serving import make_server

from epimorfosi_platform.afm import InvalidAfm, afm_check_digit, validate_afm

__all__ = [
    "CODE_TTL_SECONDS",
    "DEFAULT_CLIENT",
    "DEFAULT_TAXPAYERS",
    "SANDBOX_PASSWORD",
    "TOKEN_TTL_SECONDS",
    "SandboxClient",
    "SandboxRefused",
    "SandboxTaxpayer",
    "create_sandbox_app",
    "serve_sandbox",
]

SANDBOX_PASSWORD = "Taxis123!"
CODE_TTL_SECONDS = 300
TOKEN_TTL_SECONDS = 3600
_TICKET_TTL_SECONDS = 300
_USERNAME = re.compile(r"[A-Za-z0-9_.\-]{1,64}")
_EXTENSION_KEY = "gsis_sandbox"


class SandboxRefused(RuntimeError):
    """Raised when the sandbox is requested in a production configuration."""


# -- data -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SandboxTaxpayer:
    """A test Taxisnet account and the record GSIS returns for it.

    The ΑΦΜ is validated on construction: the sandbox only serves valid data;
    tests that need broken XML craft it themselves.
    """

    username: str
    afm: str
    last_name: str
    first_name: str
    father_name: str = ""
    mother_name: str = ""
    birth_year: int | None = None
    password: str = field(default=SANDBOX_PASSWORD, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.username, str) or not _USERNAME.fullmatch(self.username):
            raise ValueError("Μη έγκυρο όνομα χρήστη (λατινικά, ψηφία, . _ -, έως 64).")
        if not isinstance(self.password, str) or not self.password:
            raise ValueError("Ο κωδικός είναι υποχρεωτικός.")
        object.__setattr__(self, "afm", validate_afm(self.afm))
        for name in ("last_name", "first_name", "father_name", "mother_name"):
            value = getattr(self, name)
            if not isinstance(value, str) or len(value) > 100:
                raise ValueError(f"Μη έγκυρη τιμή στο πεδίο {name}.")
        if not self.last_name.strip() or not self.first_name.strip():
            raise ValueError("Το επώνυμο και το όνομα είναι υποχρεωτικά.")
        if self.birth_year is not None and (
            isinstance(self.birth_year, bool)
            or not isinstance(self.birth_year, int)
            or not 1900 <= self.birth_year <= 2100
        ):
            raise ValueError("Μη έγκυρο έτος γέννησης.")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> SandboxTaxpayer:
        """Build from JSON (``POST /sandbox/taxpayers``); unknown keys are refused."""
        allowed = {
            "username", "afm", "last_name", "first_name", "father_name",
            "mother_name", "birth_year", "password",
        }
        unknown = set(data) - allowed
        if unknown:
            raise ValueError(f"Άγνωστα πεδία: {', '.join(sorted(unknown))}.")
        missing = {"username", "afm", "last_name", "first_name"} - set(data)
        if missing:
            raise ValueError(f"Λείπουν πεδία: {', '.join(sorted(missing))}.")
        return cls(**dict(data))

    def public_dict(self) -> dict[str, Any]:
        """JSON view without the password."""
        data = asdict(self)
        del data["password"]
        return data


@dataclass(frozen=True, slots=True)
class SandboxClient:
    """A registered OAuth client. Empty ``redirect_uris`` accepts any http(s) URL."""

    client_id: str
    client_secret: str = field(repr=False)
    redirect_uris: tuple[str, ...] = ()

    def accepts_redirect(self, uri: str) -> bool:
        if not _is_absolute_http_url(uri):
            return False
        return not self.redirect_uris or uri in self.redirect_uris

    def accepts_return_url(self, url: str) -> bool:
        """Logout return URLs must be on an origin of a registered redirect URI."""
        if not _is_absolute_http_url(url):
            return False
        if not self.redirect_uris:
            return True
        return _origin(url) in {_origin(uri) for uri in self.redirect_uris}


def _is_absolute_http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.fragment


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc.lower()


def _afm(first_eight: str) -> str:
    return f"{first_eight}{afm_check_digit(first_eight)}"


#: Matches the identity service's development defaults (``EPI_GSIS_CLIENT_*``).
DEFAULT_CLIENT = SandboxClient("epimorfosi-dev", "epimorfosi-dev-secret")

#: Seeded accounts, all with password ``Taxis123!``; upper case, as GSIS returns names.
DEFAULT_TAXPAYERS: tuple[SandboxTaxpayer, ...] = (
    SandboxTaxpayer("teacher1", _afm("10000001"), "ΠΑΠΑΔΟΠΟΥΛΟΣ", "ΓΕΩΡΓΙΟΣ", "ΙΩΑΝΝΗΣ", "ΜΑΡΙΑ", 1980),
    SandboxTaxpayer("teacher2", _afm("10000002"), "ΓΕΩΡΓΙΟΥ", "ΕΛΕΝΗ", "ΝΙΚΟΛΑΟΣ", "ΑΙΚΑΤΕΡΙΝΗ", 1985),
    SandboxTaxpayer("teacher3", _afm("10000003"), "ΚΩΝΣΤΑΝΤΙΝΙΔΗΣ", "ΔΗΜΗΤΡΙΟΣ", "ΑΘΑΝΑΣΙΟΣ", "ΣΟΦΙΑ", 1992),
    SandboxTaxpayer("kse1", _afm("12345678"), "ΝΙΚΟΛΑΟΥ", "ΑΝΑΣΤΑΣΙΑ", "ΠΑΝΑΓΙΩΤΗΣ", "ΕΥΑΓΓΕΛΙΑ", 1971),
    SandboxTaxpayer("coord1", _afm("11111111"), "ΙΩΑΝΝΙΔΟΥ", "ΧΡΙΣΤΙΝΑ", "ΜΙΧΑΗΛ", "ΒΑΣΙΛΙΚΗ", 1978),
    SandboxTaxpayer("trainer1", _afm("13579246"), "ΑΛΕΞΙΟΥ", "ΚΩΝΣΤΑΝΤΙΝΟΣ", "ΣΠΥΡΙΔΩΝ", "ΑΝΝΑ", 1969),
    SandboxTaxpayer("helpdesk1", _afm("02468135"), "ΜΑΚΡΗ", "ΔΕΣΠΟΙΝΑ", "ΕΜΜΑΝΟΥΗΛ", "ΘΕΟΔΩΡΑ", 1990),
    SandboxTaxpayer("admin1", _afm("07000000"), "ΔΗΜΗΤΡΙΟΥ", "ΑΝΤΩΝΙΟΣ", "ΣΤΑΥΡΟΣ", "ΕΙΡΗΝΗ", 1975),
)


@dataclass(frozen=True, slots=True)
class _Grant:
    client_id: str
    redirect_uri: str
    username: str
    scope: str
    expires_at: float


@dataclass(frozen=True, slots=True)
class _Ticket:
    """Login done, consent pending: carries the user to the consent page."""

    client_id: str
    redirect_uri: str
    state: str
    username: str
    scope: str
    expires_at: float


@dataclass(frozen=True, slots=True)
class _Token:
    username: str
    expires_at: float


class _SandboxState:
    """In-memory accounts, codes and tokens; one lock since the server is threaded."""

    def __init__(
        self,
        taxpayers: Iterable[SandboxTaxpayer],
        clients: Iterable[SandboxClient],
        clock: Callable[[], float],
    ) -> None:
        self.lock = threading.Lock()
        self.clock = clock
        self.clients = {client.client_id: client for client in clients}
        self.taxpayers: dict[str, SandboxTaxpayer] = {}
        for taxpayer in taxpayers:
            if taxpayer.username in self.taxpayers:
                raise ValueError(f"duplicate sandbox username {taxpayer.username!r}")
            self.taxpayers[taxpayer.username] = taxpayer
        self.codes: dict[str, _Grant] = {}
        self.used_codes: dict[str, str | None] = {}  # code -> token issued for it
        self.tickets: dict[str, _Ticket] = {}
        self.tokens: dict[str, _Token] = {}

    def purge(self) -> None:
        """Drop expired entries so a long-running sandbox does not grow forever."""
        now = self.clock()
        for store in (self.codes, self.tickets, self.tokens):
            for key in [k for k, v in store.items() if v.expires_at <= now]:
                del store[key]
        if len(self.used_codes) > 10_000:
            self.used_codes.clear()

    def authenticate(self, username: str, password: str) -> SandboxTaxpayer | None:
        taxpayer = self.taxpayers.get(username)
        if taxpayer is None or not hmac.compare_digest(
            taxpayer.password.encode(), password.encode()
        ):
            return None
        return taxpayer


# -- HTML -------------------------------------------------------------------

_PAGE = """<!doctype html>
<html lang="el"><head><meta charset="utf-8">
<title>ΓΓΠΣ - Αυθεντικοποίηση χρήστη (sandbox)</title>
<style>
body{font-family:Arial,sans-serif;background:#f1f4f8;margin:0}
header{background:#003476;color:#fff;padding:12px 24px}
main{max-width:460px;margin:32px auto;background:#fff;padding:24px;border-radius:4px}
label{display:block;margin-top:12px}input[type=text],input[type=password]{width:100%;padding:6px}
button{margin-top:16px;padding:8px 24px;background:#003476;color:#fff;border:0}
.warn{background:#fff3cd;padding:8px;font-size:90%}.error{color:#b00020}
table{font-size:85%;margin-top:16px;border-collapse:collapse}td{padding:2px 8px}
</style></head><body>
<header>Γενική Γραμματεία Πληροφοριακών Συστημάτων – Taxisnet</header>
<main>
<p class="warn">Περιβάλλον δοκιμών (sandbox): δεν είναι το πραγματικό Taxisnet.</p>
{% block content %}{% endblock %}
</main></body></html>"""

_LOGIN = _PAGE.replace(
    "{% block content %}{% endblock %}",
    """<h1>Αυθεντικοποίηση χρήστη</h1>
<p>Για να συνεχίσετε στην εφαρμογή «{{ client_id }}» δώστε τους κωδικούς σας στο Taxisnet.</p>
{% if error %}<p class="error" role="alert">{{ error }}</p>{% endif %}
<form method="post" action="">
<input type="hidden" name="interactive" value="1">
<label for="username">Χρήστης</label>
<input type="text" id="username" name="username" value="{{ username }}" autocomplete="username" required>
<label for="password">Κωδικός</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit">Σύνδεση</button>
</form>
{% if taxpayers %}<table><caption>Δοκιμαστικοί χρήστες</caption>
{% for t in taxpayers %}<tr><td>{{ t.username }}</td><td>{{ t.last_name }} {{ t.first_name }}</td><td>{{ t.afm }}</td></tr>{% endfor %}
</table><p>Κωδικός των προεπιλεγμένων χρηστών: <code>{{ default_password }}</code></p>{% endif %}""",
)

_CONSENT = _PAGE.replace(
    "{% block content %}{% endblock %}",
    """<h1>Εξουσιοδότηση πρόσβασης</h1>
<p>Η εφαρμογή «{{ client_id }}» ζητά πρόσβαση στα στοιχεία σας (ΑΦΜ, Επώνυμο, Όνομα,
Πατρώνυμο, Μητρώνυμο, Έτος γέννησης).</p>
<form method="post" action="">
<input type="hidden" name="ticket" value="{{ ticket }}">
<label><input type="radio" name="user_oauth_approval" value="true" checked> Συνέχεια</label>
<label><input type="radio" name="user_oauth_approval" value="false"> Ακύρωση</label>
<button type="submit">Αποστολή</button>
</form>""",
)

_MESSAGE = _PAGE.replace(
    "{% block content %}{% endblock %}", "<h1>{{ title }}</h1><p>{{ message }}</p>"
)


# -- application ------------------------------------------------------------


def _production_flag_set() -> bool:
    from epimorfosi_platform import Settings

    return Settings.from_env("gsis-sandbox").production


def _with_params(uri: str, params: Mapping[str, str]) -> str:
    """Append ``params`` to ``uri``, keeping the query it already has."""
    parts = urlsplit(uri)
    query = parse_qsl(parts.query, keep_blank_values=True)
    query.extend((key, value) for key, value in params.items() if value)
    return urlunsplit(parts._replace(query=urlencode(query)))


def _oauth_error(status: int, error: str, description: str) -> Response:
    response = jsonify(error=error, error_description=description)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    if error == "invalid_client":
        response.headers["WWW-Authenticate"] = 'Basic realm="oauth2/client"'
    return response


def _message_page(status: int, title: str, message: str) -> tuple[str, int]:
    return render_template_string(_MESSAGE, title=title, message=message), status


def create_sandbox_app(
    taxpayers: Sequence[SandboxTaxpayer | Mapping[str, Any]] | None = None,
    production: bool = False,
    *,
    clients: Sequence[SandboxClient] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Flask:
    """Build the sandbox WSGI app.

    ``taxpayers`` defaults to :data:`DEFAULT_TAXPAYERS` (mappings are accepted
    too), ``clients`` to :data:`DEFAULT_CLIENT`. ``clock`` lets tests make
    codes and tokens expire without sleeping. Raises :class:`SandboxRefused`
    in production: a fake identity provider there would let anyone become any
    teacher.
    """
    if production or _production_flag_set():
        raise SandboxRefused("Το GSIS sandbox δεν επιτρέπεται σε παραγωγικό περιβάλλον.")

    seeded = [
        t if isinstance(t, SandboxTaxpayer) else SandboxTaxpayer.from_mapping(t)
        for t in (DEFAULT_TAXPAYERS if taxpayers is None else taxpayers)
    ]
    state = _SandboxState(seeded, clients if clients is not None else [DEFAULT_CLIENT], clock)

    app = Flask(__name__)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions[_EXTENSION_KEY] = state

    def issue_code(client_id: str, redirect_uri: str, username: str, scope: str) -> str:
        code = secrets.token_urlsafe(16)
        with state.lock:
            state.purge()
            state.codes[code] = _Grant(
                client_id, redirect_uri, username, scope, state.clock() + CODE_TTL_SECONDS
            )
        return code

    @app.route("/oauth2server/oauth/authorize", methods=["GET", "POST"])
    def authorize() -> Any:
        client_id = request.args.get("client_id", "")
        redirect_uri = request.args.get("redirect_uri", "")
        oauth_state = request.args.get("state", "")
        scope = request.args.get("scope", "read") or "read"
        client = state.clients.get(client_id)
        if client is None:
            return _message_page(400, "Σφάλμα", "Άγνωστη εφαρμογή (client_id).")
        if not client.accepts_redirect(redirect_uri):
            return _message_page(400, "Σφάλμα", "Μη αποδεκτή διεύθυνση επιστροφής (redirect_uri).")
        if request.args.get("response_type") != "code":
            return redirect(
                _with_params(redirect_uri, {"error": "unsupported_response_type", "state": oauth_state})
            )

        def login_page(status: int = 200, error: str = "", username: str = "") -> tuple[str, int]:
            with state.lock:
                listed = sorted(state.taxpayers.values(), key=lambda t: t.username)
            html = render_template_string(
                _LOGIN,
                client_id=client_id,
                error=error,
                username=username,
                taxpayers=listed,
                default_password=SANDBOX_PASSWORD,
            )
            return html, status

        def finish(username: str, approved: bool) -> Any:
            if not approved:
                return redirect(
                    _with_params(redirect_uri, {"error": "access_denied", "state": oauth_state})
                )
            code = issue_code(client_id, redirect_uri, username, scope)
            return redirect(_with_params(redirect_uri, {"code": code, "state": oauth_state}))

        if request.method == "GET":
            return login_page()

        approval = request.form.get("user_oauth_approval", "true").strip().lower() != "false"
        ticket_id = request.form.get("ticket")
        if ticket_id is not None:
            with state.lock:
                ticket = state.tickets.pop(ticket_id, None)
            if (
                ticket is None
                or ticket.expires_at <= state.clock()
                or (ticket.client_id, ticket.redirect_uri, ticket.state)
                != (client_id, redirect_uri, oauth_state)
            ):
                return login_page(400, "Η συνεδρία έληξε. Παρακαλούμε συνδεθείτε ξανά.")
            return finish(ticket.username, approval)

        username = request.form.get("username", "").strip()
        taxpayer = state.authenticate(username, request.form.get("password", ""))
        if taxpayer is None:
            return login_page(401, "Λανθασμένο όνομα χρήστη ή κωδικός πρόσβασης.", username)
        if request.form.get("interactive") == "1":
            ticket_id = secrets.token_urlsafe(16)
            with state.lock:
                state.purge()
                state.tickets[ticket_id] = _Ticket(
                    client_id, redirect_uri, oauth_state, taxpayer.username, scope,
                    state.clock() + _TICKET_TTL_SECONDS,
                )
            return render_template_string(_CONSENT, client_id=client_id, ticket=ticket_id)
        return finish(taxpayer.username, approval)

    @app.post("/oauth2server/oauth/token")
    def token() -> Any:
        form = request.form
        client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        if request.authorization is not None and request.authorization.type == "basic":
            client_id = request.authorization.username or ""
            secret = request.authorization.password or ""
        client = state.clients.get(client_id)
        if client is None or not hmac.compare_digest(
            client.client_secret.encode(), secret.encode()
        ):
            return _oauth_error(401, "invalid_client", "Bad client credentials")
        if form.get("grant_type") != "authorization_code":
            return _oauth_error(400, "unsupported_grant_type", "Unsupported grant type")
        code = form.get("code", "")
        if not code:
            return _oauth_error(400, "invalid_request", "Missing code")

        with state.lock:
            grant = state.codes.pop(code, None)
            if grant is None:
                if code in state.used_codes:
                    # RFC 6749 §4.1.2: a replayed code revokes what it produced.
                    issued = state.used_codes[code]
                    if issued is not None:
                        state.tokens.pop(issued, None)
                return _oauth_error(400, "invalid_grant", f"Invalid authorization code: {code}")
            state.used_codes[code] = None
            if grant.expires_at <= state.clock():
                return _oauth_error(400, "invalid_grant", "Authorization code expired")
            if grant.client_id != client.client_id:
                return _oauth_error(400, "invalid_grant", "Code issued to another client")
            if grant.redirect_uri != form.get("redirect_uri", ""):
                return _oauth_error(400, "invalid_grant", "Redirect URI mismatch.")
            access_token = str(uuid.uuid4())
            state.tokens[access_token] = _Token(grant.username, state.clock() + TOKEN_TTL_SECONDS)
            state.used_codes[code] = access_token

        response = jsonify(
            access_token=access_token,
            token_type="bearer",
            expires_in=TOKEN_TTL_SECONDS,
            scope=grant.scope,
        )
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
        return response

    @app.get("/oauth2server/userinfo")
    def userinfo() -> Any:
        header = request.headers.get("Authorization", "")
        scheme, _, access_token = header.partition(" ")
        with state.lock:
            token_record = state.tokens.get(access_token.strip()) if scheme.lower() == "bearer" else None
            if token_record is not None and token_record.expires_at <= state.clock():
                token_record = None
            taxpayer = state.taxpayers.get(token_record.username) if token_record else None
        if taxpayer is None:
            response = jsonify(
                error="invalid_token",
                error_description="Full authentication is required to access this resource",
            )
            response.status_code = 401
            response.headers["WWW-Authenticate"] = 'Bearer realm="oauth2-resource", error="invalid_token"'
            return response
        if request.args.get("format", "xml").lower() != "xml":
            return _oauth_error(400, "invalid_request", "Only format=xml is supported")

        root = ElementTree.Element("root")
        ElementTree.SubElement(
            root,
            "userinfo",
            {
                # GSIS pads some values with spaces; so does the sandbox, to keep clients honest.
                "userid": taxpayer.username.ljust(16),
                "taxid": taxpayer.afm.ljust(12),
                "lastname": taxpayer.last_name,
                "firstname": taxpayer.first_name,
                "fathername": taxpayer.father_name,
                "mothername": taxpayer.mother_name,
                "birthyear": "" if taxpayer.birth_year is None else str(taxpayer.birth_year),
            },
        )
        body = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
        return Response(body, mimetype="application/xml", headers={"Cache-Control": "no-store"})

    @app.get("/oauth2server/logout/<client_id>/")
    def logout(client_id: str) -> Any:
        client = state.clients.get(client_id)
        if client is None:
            return _message_page(400, "Σφάλμα", "Άγνωστη εφαρμογή (client_id).")
        url = request.args.get("url", "")
        if not url:
            return _message_page(200, "Αποσύνδεση", "Έχετε αποσυνδεθεί από το Taxisnet.")
        if not client.accepts_return_url(url):
            return _message_page(400, "Σφάλμα", "Μη αποδεκτή διεύθυνση επιστροφής (url).")
        return redirect(url)

    @app.get("/sandbox/taxpayers")
    def list_taxpayers() -> Any:
        with state.lock:
            listed = sorted(state.taxpayers.values(), key=lambda t: t.username)
        return jsonify([t.public_dict() for t in listed])

    @app.post("/sandbox/taxpayers")
    def add_taxpayer() -> Any:
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return jsonify(error="invalid_request", message="Αναμενόταν αντικείμενο JSON."), 400
        try:
            taxpayer = SandboxTaxpayer.from_mapping(data)
        except InvalidAfm as exc:
            return jsonify(error="invalid_taxpayer", code=exc.code, message=exc.message), 400
        except (TypeError, ValueError) as exc:
            return jsonify(error="invalid_taxpayer", message=str(exc)), 400
        with state.lock:
            if taxpayer.username in state.taxpayers:
                return (
                    jsonify(error="conflict", message="Υπάρχει ήδη χρήστης με αυτό το όνομα."),
                    409,
                )
            state.taxpayers[taxpayer.username] = taxpayer
        return jsonify(taxpayer.public_dict()), 201

    @app.delete("/sandbox/taxpayers/<username>")
    def delete_taxpayer(username: str) -> Any:
        with state.lock:
            removed = state.taxpayers.pop(username, None)
        if removed is None:
            return jsonify(error="not_found", message="Δεν υπάρχει τέτοιος χρήστης."), 404
        return "", 204

    @app.get("/sandbox/health")
    def health() -> Any:
        return jsonify(status="ok")

    return app


@contextmanager
def serve_sandbox(
    app: Flask | None = None, host: str = "127.0.0.1", port: int = 0
) -> Iterator[str]:
    """Serve ``app`` (default: a fresh sandbox) in a background thread; yield its base URL.

    Port 0 picks a free port. Meant for tests of any service that logs users
    in through GSIS, so they exercise the real HTTP path.
    """
    server = make_server(host, port, app if app is not None else create_sandbox_app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="gsis-sandbox", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
