"""API documentation: an index of the services' OpenAPI documents and one Swagger UI for all.

Swagger UI's files come from the `flask-swagger-ui` wheel (updated with every Swagger UI release;
5.x reads OpenAPI 3.1), served by the gateway itself: no CDN, works offline. The page is ours
(configuration as data, no inline script), only the assets are taken from the wheel. The documents
are fetched through the gateway with `servers` rewritten, so "Try it out" goes through it too."""
from __future__ import annotations

from pathlib import Path

import flask_swagger_ui
from flask import Blueprint, redirect, render_template, request, send_from_directory, url_for

from .routes import ROUTES

SWAGGER_UI_DIST = Path(flask_swagger_ui.__file__).parent / "dist"

bp = Blueprint("docs", __name__)


def document_url(service: str) -> str:
    return f"/api/{service}/v1/openapi.json"


def index_document() -> dict:
    """Shaped like Swagger UI's `configUrl` answer (`urls`), with titles for people."""
    return {
        "title": "Epimorfosi – API",
        "docs": "/api/docs/",
        "urls": [{"name": name, "url": document_url(name)} for name in ROUTES],
        "services": {name: {"title": route.title, "openapi": document_url(name)} for name, route in ROUTES.items()},
    }


@bp.get("/api/openapi.json")
def openapi_index():
    return index_document()


@bp.get("/api/docs")
def docs_redirect():
    return redirect(url_for("docs.swagger_ui", **request.args), code=308)


@bp.get("/api/docs/")
def swagger_ui():
    # ?service=<name> opens that service first; validated here rather than letting Swagger UI
    # read its configuration from the query string (queryConfigEnabled stays off).
    primary = request.args.get("service")
    config = {
        "urls": [{"name": f"{name} – {route.title}", "url": document_url(name)} for name, route in ROUTES.items()],
        "deepLinking": True,
        "persistAuthorization": True,
        "displayRequestDuration": True,
    }
    if primary in ROUTES:
        config["urls.primaryName"] = f"{primary} – {ROUTES[primary].title}"
    return render_template("docs.html", config=config)


@bp.get("/api/docs/assets/<path:filename>")
def asset(filename: str):
    return send_from_directory(SWAGGER_UI_DIST, filename, max_age=86400)


def _problem_response(description: str) -> dict:
    return {"description": description, "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def gateway_openapi() -> dict:
    """The gateway's own endpoints (committed as gateway/openapi.json; `python -m gateway openapi`).
    The services' APIs are their own documents, listed at /api/openapi.json."""
    services = list(ROUTES)
    proxied = {
        "summary": "Προώθηση στην υπηρεσία",
        "description": (
            "Προωθείται στο `/v1/{path}` της υπηρεσίας, μετά από έλεγχο του access token (RS256) και όριο "
            "αιτημάτων ανά χρήστη. Η περιγραφή κάθε υπηρεσίας: `/api/{service}/v1/openapi.json`."
        ),
        "parameters": [
            {"name": "service", "in": "path", "required": True, "schema": {"type": "string", "enum": services}},
            {"name": "path", "in": "path", "required": True, "schema": {"type": "string"}},
        ],
        "responses": {
            "default": {"description": "Η απάντηση της υπηρεσίας"},
            "401": _problem_response("Χωρίς έγκυρο token σε μη δημόσια διαδρομή"),
            "404": _problem_response("Άγνωστη υπηρεσία"),
            "429": _problem_response("Πάρα πολλά αιτήματα (με Retry-After)"),
            "502": _problem_response("Η υπηρεσία δεν είναι διαθέσιμη"),
            "504": _problem_response("Η υπηρεσία άργησε να απαντήσει"),
        },
    }
    plain = lambda summary, media="application/json": {  # noqa: E731
        "get": {"summary": summary, "security": [], "responses": {"200": {"description": "OK", "content": {media: {}}}}}
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Epimorfosi – gateway",
            "version": "1.0.0",
            "description": "Το ενιαίο σημείο εισόδου των εφαρμογών web και κινητών προς τις υπηρεσίες.",
        },
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
            "schemas": {
                "Problem": {
                    "type": "object",
                    "properties": {
                        "type": {"type": "string"},
                        "title": {"type": "string"},
                        "status": {"type": "integer"},
                        "detail": {"type": "string"},
                        "instance": {"type": "string"},
                    },
                }
            },
        },
        "security": [{"bearerAuth": []}],
        "paths": {
            "/api/{service}/v1/{path}": {method: dict(proxied) for method in ("get", "post", "put", "patch", "delete")},
            "/api/openapi.json": plain("Κατάλογος των περιγραφών OpenAPI όλων των υπηρεσιών"),
            "/api/docs/": plain("Swagger UI για όλες τις υπηρεσίες", "text/html"),
            "/status": plain("Σελίδα κατάστασης των υπηρεσιών", "text/html"),
            "/": plain("Ο web client: κάθε διαδρομή εκτός από το API και τις διαδρομές της πύλης", "text/html"),
            "/livez": plain("Η διεργασία ζει"),
            "/readyz": plain("Ετοιμότητα της πύλης (κλειδιά υπογραφής)"),
            "/metrics": plain("Μετρήσεις Prometheus", "text/plain"),
        },
    }
