"""HTTP endpoints of the dev issuer: discovery, JWKS, the Greek login page, token, userinfo, logout.

The browser keeps two cookies, both limited to the issuer's path: a signed SSO session (so a second
application logs in without the form, like Keycloak) and a CSRF token for the issuer's own forms."""
from __future__ import annotations

import hmac
import secrets
import threading
import time

from authlib.oauth2 import OAuth2Error
from flask import Blueprint, Response, current_app, g, jsonify, make_response, render_template, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..accounts.operations import authenticate_password
from .clients import allowed_origin
from .seed import DEV_PASSWORD, DEV_USERS, seed_dev_users
from .server import AuthenticatedUser, DevIssuer

SSO_COOKIE = "epi_dev_sso"
CSRF_COOKIE = "epi_dev_csrf"
# Browser applications (the web client) call these directly, so they answer CORS for known origins.
CORS_ENDPOINTS = {"discovery", "jwks", "token", "userinfo"}

WRONG_CREDENTIALS = "Λάθος ηλεκτρονικό ταχυδρομείο ή κωδικός πρόσβασης."
FORM_EXPIRED = "Η φόρμα έληξε. Συμπληρώστε ξανά τα στοιχεία σας."


class IssuerViews:
    """The dev issuer's views and their helpers, bound to one issuer (one per app)."""

    def __init__(self, issuer: DevIssuer, url_prefix: str):
        self.issuer, self.server, self.url_prefix = issuer, issuer.server, url_prefix
        self.seeded = False
        self.seed_lock = threading.Lock()

    def seed_once(self) -> None:
        # First request rather than app creation: creating the app (e.g. for `openapi`) needs no database.
        if not self.seeded:
            with self.seed_lock:
                if not self.seeded:
                    seed_dev_users(current_app.extensions["epimorfosi"])
                    self.seeded = True

    def headers(self, response: Response) -> Response:
        origin = request.headers.get("Origin")
        if request.endpoint and request.endpoint.split(".")[-1] in CORS_ENDPOINTS and allowed_origin(origin):
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
            response.headers["Access-Control-Allow-Methods"] = "GET, POST"
            response.headers["Access-Control-Max-Age"] = "600"
            response.headers.add("Vary", "Origin")
        if response.mimetype == "text/html":
            response.headers["Cache-Control"] = "no-store"
            response.headers["X-Frame-Options"] = "DENY"  # no clickjacking of the password form
            response.headers["Content-Security-Policy"] = (
                # No form-action: browsers apply it to the redirect back to the application too.
                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
            )
        return response

    # -- helpers ---------------------------------------------------------------

    def sso_serializer(self) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self.issuer.keys.session_secret(), salt="epimorfosi-dev-sso")

    def sso_user(self) -> AuthenticatedUser | None:
        raw = request.cookies.get(SSO_COOKIE)
        if not raw:
            return None
        try:
            data = self.sso_serializer().loads(raw, max_age=self.issuer.lifetimes.session_max)
        except BadSignature:
            return None
        return self.issuer.load_user(data.get("u", ""), data.get("sid", ""), int(data.get("at", 0)))

    def set_cookie(self, response: Response, name: str, value: str, max_age: int | None = None) -> None:
        response.set_cookie(
            name, value, max_age=max_age, path=self.url_prefix, httponly=True, samesite="Lax", secure=request.is_secure
        )

    def page(self, template: str, status: int = 200, **context) -> Response:
        token = secrets.token_urlsafe(24)
        response = make_response(render_template(template, csrf_token=token, action=request.full_path, **context), status)
        self.set_cookie(response, CSRF_COOKIE, token)
        return response

    def csrf_ok(self) -> bool:
        sent, kept = request.form.get("csrf_token", ""), request.cookies.get(CSRF_COOKIE, "")
        return bool(sent) and hmac.compare_digest(sent.encode(), kept.encode())

    def message(self, heading: str, text: str, status: int, technical: str | None = None) -> Response:
        return make_response(render_template("message.html", heading=heading, message=text, technical=technical), status)

    def authorize_error(self, error: OAuth2Error) -> Response:
        if error.redirect_uri:  # the client and its redirect URI are known: tell the client
            return self.server.handle_error_response(None, error)
        # Never redirect to an unverified URI; explain to the person instead.
        if error.error == "invalid_client":
            text = "Η εφαρμογή που ζήτησε τη σύνδεση δεν είναι γνωστή."
        elif "redirect" in (error.description or "").lower():
            text = "Η διεύθυνση επιστροφής (redirect_uri) δεν είναι καταχωρισμένη για αυτή την εφαρμογή."
        else:
            text = "Το αίτημα σύνδεσης δεν είναι έγκυρο."
        return self.message("Μη έγκυρο αίτημα σύνδεσης", text, 400, technical=f"{error.error}: {error.description or ''}")

    def login_form(self, grant, *, error: str | None = None, email: str = "", status: int = 200) -> Response:
        return self.page(
            "login.html",
            status,
            client_id=grant.client.get_client_id(),
            error=error,
            email=email,
            dev_password=DEV_PASSWORD,
            dev_users=DEV_USERS,
        )

    # -- endpoints ---------------------------------------------------------------

    def discovery(self):
        response = jsonify(self.issuer.discovery_document())
        response.headers["Cache-Control"] = "public, max-age=60"
        return response

    def jwks(self):
        response = jsonify(self.issuer.keys.public_jwks())
        # Short: verifiers refetch on an unknown kid anyway, and rotations show up quickly.
        response.headers["Cache-Control"] = "public, max-age=60"
        return response

    def authorize(self):
        current = self.sso_user() if request.method == "GET" else None
        try:
            grant = self.server.get_consent_grant(end_user=current)
        except OAuth2Error as error:
            return self.authorize_error(error)

        if request.method == "GET":
            if current is not None and grant.prompt != "login":
                return self.server.create_authorization_response(grant_user=current, grant=grant)
            return self.login_form(grant)

        email = request.form.get("email", "")
        if not self.csrf_ok():
            return self.login_form(grant, error=FORM_EXPIRED, email=email)
        with self.issuer.db.session() as s:
            account = authenticate_password(s, email, request.form.get("password", ""))
        if account is None:
            return self.login_form(grant, error=WRONG_CREDENTIALS, email=email)

        user = AuthenticatedUser(account, sid=secrets.token_urlsafe(16), auth_time=int(time.time()))
        response = self.server.create_authorization_response(grant_user=user, grant=grant)
        cookie = self.sso_serializer().dumps({"u": user.get_user_id(), "sid": user.sid, "at": user.auth_time})
        self.set_cookie(response, SSO_COOKIE, cookie, max_age=self.issuer.lifetimes.session_max)
        return response

    def token(self):
        return self.server.create_token_response()

    def userinfo(self):
        return self.server.create_endpoint_response("userinfo")

    def logout(self):
        try:
            end = self.server.validate_endpoint_request("end_session")
        except OAuth2Error as error:
            return self.message("Αποσύνδεση", "Το αίτημα αποσύνδεσης δεν είναι έγκυρο.", 400, technical=error.description)
        if request.method == "POST" and not self.csrf_ok():
            return self.page("logout.html")
        if end.needs_confirmation and request.method == "GET":
            # No id_token_hint: anyone could link here, so the person confirms first.
            return self.page("logout.html")
        current = self.sso_user()
        g.dev_issuer_sid = current.sid if current else None
        response = self.server.create_endpoint_response("end_session", end) or self.message(
            "Αποσύνδεση", "Έχετε αποσυνδεθεί.", 200
        )
        response.delete_cookie(SSO_COOKIE, path=self.url_prefix)
        return response


def make_blueprint(issuer: DevIssuer, url_prefix: str) -> Blueprint:
    views = IssuerViews(issuer, url_prefix)
    bp = Blueprint("dev_issuer", __name__, url_prefix=url_prefix, template_folder="templates")
    bp.before_request(views.seed_once)
    bp.after_request(views.headers)
    bp.add_url_rule("/.well-known/openid-configuration", "discovery", views.discovery, methods=["GET"])
    bp.add_url_rule("/jwks", "jwks", views.jwks, methods=["GET"])
    bp.add_url_rule("/authorize", "authorize", views.authorize, methods=["GET", "POST"])
    bp.add_url_rule("/token", "token", views.token, methods=["POST"])
    bp.add_url_rule("/userinfo", "userinfo", views.userinfo, methods=["GET", "POST"])
    bp.add_url_rule("/logout", "logout", views.logout, methods=["GET", "POST"])
    return bp
