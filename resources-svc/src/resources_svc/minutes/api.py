"""HTTP API of the minutes slice: a centre's Teachers' Association minutes per period
(`/v1/centres/<code>/minutes`, `/v1/centres/<code>/periods/<period_id>/minutes`). Thin controllers."""
from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import current_clock, service_context, session
from flask import Response, request
from flask_smorest import Blueprint

from ..centre_scope import centre_in_scope
from ..periods.queries import find_period
from . import operations, queries
from .schemas import MinutesSchema, MinutesUploadSchema

minutes = Blueprint("minutes", __name__, url_prefix="/v1/centres",
                    description="Πρακτικό Συλλόγου Διδασκόντων του ΚΣΕ ανά περίοδο")
READERS = (Role.CENTRAL_ADMIN, Role.KSE_HEAD, Role.COORDINATOR)


def _view(record, period, code: str) -> dict:
    return dict(vars(record), confirmations=record.confirmations, period_code=period.code, period_name=period.name,
                download=f"/v1/centres/{code}/periods/{period.period_id}/minutes/file")


@minutes.route("/<code>/minutes", methods=["GET"])
@require_roles(*READERS)
@minutes.response(200, MinutesSchema(many=True))
def list_minutes(code: str):
    """Τα Πρακτικά του ΚΣΕ όλων των περιόδων, νεότερη περίοδος πρώτη."""
    centre = centre_in_scope(session, authenticate(), code)
    return [_view(m, p, centre.code) for m, p in queries.all_minutes_of(session, centre)]


@minutes.route("/<code>/periods/<int:period_id>/minutes", methods=["GET"])
@require_roles(*READERS)
@minutes.response(200, MinutesSchema)
def get_minutes(code: str, period_id: int):
    """Το Πρακτικό της περιόδου (404 όταν δεν έχει αναρτηθεί)."""
    centre = centre_in_scope(session, authenticate(), code)
    period = find_period(session, period_id)
    return _view(queries.required_minutes(session, centre, period), period, centre.code)


@minutes.route("/<code>/periods/<int:period_id>/minutes", methods=["PUT"])
@require_roles(Role.CENTRAL_ADMIN, Role.KSE_HEAD)
@minutes.doc(requestBody={"content": {"multipart/form-data": {"schema": MinutesUploadSchema}}})
@minutes.response(200, MinutesSchema)
def upload_minutes(code: str, period_id: int):
    """Ανάρτηση (ή αντικατάσταση) του Πρακτικού: PDF (ελέγχεται το περιεχόμενο), με τα μέλη που επιβεβαιώνει.

    `multipart/form-data`: `file` και `confirmed_afm` (μία τιμή ανά ΑΦΜ). Μόνο όσο είναι ανοιχτό το
    παράθυρο αλλαγών προσωπικού και πριν από την οριστική υποβολή."""
    principal = authenticate()
    centre = centre_in_scope(session, principal, code)
    period = find_period(session, period_id)
    upload = request.files.get("file")
    context = service_context()
    record = operations.upload_minutes(
        session, principal, centre, period,
        filename=upload.filename or "" if upload is not None else "", content=upload.read() if upload else b"",
        confirmed_afms=request.form.getlist("confirmed_afm"), store=context.store,
        max_bytes=context.minutes_max_bytes, now=current_clock().now())
    return _view(record, period, centre.code)


@minutes.route("/<code>/periods/<int:period_id>/minutes/file", methods=["GET"])
@require_roles(*READERS)
@minutes.response(200, {"type": "string", "format": "binary"}, content_type="application/pdf")
def download_minutes(code: str, period_id: int):
    """Το PDF του Πρακτικού."""
    centre = centre_in_scope(session, authenticate(), code)
    record = queries.required_minutes(session, centre, find_period(session, period_id))
    content = service_context().store.get(record.storage_key)
    return Response(content, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="praktiko-{centre.code}-{period_id}.pdf"',
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"})
