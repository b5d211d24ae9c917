"""RFC 9457 problem details with Greek texts for users and a stable machine `type`."""
from __future__ import annotations

import json
import logging
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from . import errors

log = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "urn:epimorfosi:problem:"

# Greek title and stable slug for every status the services may answer with.
STANDARD = {
    400: ("bad-request", "Μη έγκυρο αίτημα"),
    401: ("unauthenticated", "Απαιτείται σύνδεση"),
    403: ("forbidden", "Δεν έχετε δικαίωμα για αυτή την ενέργεια"),
    404: ("not-found", "Δεν βρέθηκε"),
    405: ("method-not-allowed", "Η ενέργεια δεν επιτρέπεται σε αυτό το σημείο"),
    406: ("not-acceptable", "Η μορφή που ζητήσατε δεν υποστηρίζεται"),
    409: ("conflict", "Η ενέργεια συγκρούεται με την τρέχουσα κατάσταση"),
    413: ("payload-too-large", "Το αίτημα είναι πολύ μεγάλο"),
    415: ("unsupported-media-type", "Μη υποστηριζόμενος τύπος περιεχομένου"),
    422: ("validation-failed", "Τα στοιχεία που δώσατε δεν είναι έγκυρα"),
    429: ("too-many-requests", "Πάρα πολλά αιτήματα· δοκιμάστε ξανά σε λίγο"),
    500: ("internal-error", "Παρουσιάστηκε απρόσμενο σφάλμα· δοκιμάστε ξανά αργότερα"),
    502: ("bad-gateway", "Η υπηρεσία δεν απάντησε σωστά"),
    503: ("unavailable", "Η υπηρεσία δεν είναι διαθέσιμη αυτή τη στιγμή"),
    504: ("gateway-timeout", "Η υπηρεσία άργησε να απαντήσει"),
}


class Problem(Exception):
    """Raise from any layer to answer with a problem document and roll the request back."""

    def __init__(
        self,
        status: int,
        slug: str | None = None,
        title: str | None = None,
        detail: str | None = None,
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ):
        default_slug, default_title = STANDARD.get(status, ("error", "Σφάλμα"))
        self.status = status
        self.slug = slug or default_slug
        self.title = title or default_title
        self.detail = detail
        self.headers = headers or {}
        self.extensions = extensions
        super().__init__(detail or self.title)

    def to_dict(self) -> dict[str, Any]:
        body = {"type": TYPE_BASE + self.slug, "title": self.title, "status": self.status}
        if self.detail:
            body["detail"] = self.detail
        try:
            body["instance"] = request.path
        except RuntimeError:
            pass
        body.update(self.extensions)
        return body


# The status of each kind of domain error: the one place where use-case errors become HTTP.
DOMAIN_STATUS: dict[type[errors.DomainError], int] = {
    errors.Rejected: 400,
    errors.Forbidden: 403,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.Invalid: 422,
    errors.Unavailable: 503,
}


def as_problem(error: errors.DomainError | Problem) -> Problem:
    """The problem document of a domain error (a Problem is returned as it is)."""
    if isinstance(error, Problem):
        return error
    status = next((DOMAIN_STATUS[kind] for kind in type(error).__mro__ if kind in DOMAIN_STATUS), 400)
    extensions = dict(error.extensions)
    if error.errors:
        extensions["errors"] = error.errors
    return Problem(status, slug=error.slug, title=error.title, detail=error.detail, **extensions)


def problem_response(problem: Problem) -> Response:
    response = Response(
        json.dumps(problem.to_dict(), ensure_ascii=False), status=problem.status, mimetype=PROBLEM_CONTENT_TYPE
    )
    for key, value in problem.headers.items():
        response.headers[key] = value
    return response


def _from_http_exception(exc: HTTPException) -> Problem:
    status = exc.code or 500
    extensions: dict[str, Any] = {}
    detail = None
    # webargs/flask-smorest put field errors into exc.data["messages"].
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages") if isinstance(data, dict) else None
    if messages:
        extensions["errors"] = messages
        detail = "Ελέγξτε τα πεδία που επισημαίνονται."
    headers = {}
    if status == 405 and getattr(exc, "valid_methods", None):
        headers["Allow"] = ", ".join(exc.valid_methods)
    if status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="epimorfosi"'
    return Problem(status, detail=detail, headers=headers, **extensions)


def register_problem_handlers(app: Flask) -> None:
    @app.errorhandler(Problem)
    def _problem(problem: Problem):
        return problem_response(problem)

    @app.errorhandler(errors.DomainError)
    def _domain(error: errors.DomainError):
        return problem_response(as_problem(error))

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        return problem_response(_from_http_exception(exc))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error")
        return problem_response(Problem(500))
