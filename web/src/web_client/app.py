"""Wiring of the web client on the platform's app factory: its settings, sessions, OIDC client and
API client, the page blueprints (one per area), Babel, security headers and HTML error pages."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from epimorfosi_platform.service import Runtime
from flask import Flask, g, request

from . import delivery, errors, i18n, views
from .api_client import ApiClient
from .dates import local_date, local_datetime
from .lists import url_with
from .oidc import OidcClient
from .roles import menu_for, role_label
from .security import CSRF_FIELD, UNSAFE_METHODS, check_csrf, check_same_site, install_security_headers
from .sessions import SessionStore
from .settings import WebSettings
from .signed_in import load_session


@dataclass
class WebClient:
    settings: WebSettings
    sessions: SessionStore
    oidc: OidcClient
    api: ApiClient


FORM_OVERHEAD_BYTES = 256 * 1024

def configure(app: Flask, runtime: Runtime) -> None:
    # The platform names the app after the service ("web"); templates and assets are this package's.
    app.root_path = str(Path(__file__).parent)
    app.template_folder, app.static_folder = "templates", "static"
    delivery.install(app)  # /assets with versioned URLs and long cache headers; compression
    settings: WebSettings = runtime.settings
    app.extensions["web_client"] = WebClient(
        settings, SessionStore(runtime.db, settings.session_idle_seconds),
        OidcClient(settings), ApiClient(settings.gateway_url, settings.api_timeout))
    # The largest forms are uploads: the minutes' PDF (EPI_MINUTES_MAX_BYTES) or a withdrawal's signed
    # declaration (EPI_DECLARATION_MAX_BYTES), plus multipart overhead; the services check the exact limit.
    largest = max(settings.minutes_max_bytes, settings.declaration_max_bytes)
    app.config["MAX_CONTENT_LENGTH"] = largest + FORM_OVERHEAD_BYTES
    i18n.install(app)
    for blueprint in views.blueprints():
        app.register_blueprint(blueprint)

    @app.before_request
    def _session_and_csrf():
        load_session()
        if request_is_unsafe():
            view = app.view_functions.get(request.endpoint or "")
            if getattr(view, "token_is_credential", False):
                check_same_site()
            else:
                check_csrf()

    def identity_url(path: str) -> str:
        """A page of identity's own (registration via GSIS, recovery, support), as browsers reach it."""
        return settings.identity_public_url + path

    @app.context_processor
    def _layout():
        row = g.get("web_session")
        roles = row.role_set if row else frozenset()
        return {
            "signed_in": row,
            "identity_url": identity_url,
            "csrf_field": CSRF_FIELD,
            "csrf_token": row.csrf_token if row else "",
            "role_label": role_label(roles) if row else None,
            "menu": menu_for(roles) if row else (),
        }

    app.add_template_filter(local_datetime)
    app.add_template_filter(local_date)
    app.add_template_global(url_with)  # paging and filters keep the rest of the query
    install_security_headers(app, settings.oidc_issuer)
    errors.install(app)  # after the platform's: pages answer in HTML, not problem+json


def request_is_unsafe() -> bool:
    from flask import request

    return request.method in UNSAFE_METHODS
