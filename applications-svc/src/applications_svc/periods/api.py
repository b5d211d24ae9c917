"""HTTP API of the periods slice: periods, the distribution table and the audit log
(`/v1/periods`), and the catalogue (`/v1/clusters`, `/v1/programme-categories`)."""
from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import current_clock, session
from flask import request
from flask_smorest import Blueprint

from . import operations, queries
from .schemas import (
    AuditEntrySchema,
    CategorySchema,
    ClusterQuerySchema,
    ClusterSchema,
    DistributionSchema,
    PeriodCreateSchema,
    PeriodSchema,
)

periods = Blueprint("periods", __name__, url_prefix="/v1/periods", description="Περίοδοι επιμόρφωσης")
catalogue = Blueprint("catalogue", __name__, url_prefix="/v1", description="Συστάδες και κατηγορίες προγραμμάτων")


@periods.route("", methods=["POST"])
@require_roles(Role.CENTRAL_ADMIN)  # outermost: no token 401 / wrong role 403 before the body is read
@periods.arguments(PeriodCreateSchema)
@periods.response(201, PeriodSchema)
def open_period(values):
    """Άνοιγμα περιόδου επιμόρφωσης με τα παράθυρα και τις ρυθμίσεις της πρόσκλησης."""
    return operations.open_period(session, authenticate(), values)


@periods.route("", methods=["GET"])
@periods.response(200, PeriodSchema(many=True))
def list_periods():
    """Όλες οι περίοδοι, νεότερη πρώτη."""
    authenticate()
    return queries.all_periods(session)


@periods.route("/<int:period_id>", methods=["GET"])
@periods.response(200, PeriodSchema)
def get_period(period_id: int):
    authenticate()
    return queries.get_period(session, period_id)


@periods.route("/<int:period_id>/distribution", methods=["PUT"])
@require_roles(Role.CENTRAL_ADMIN)
@periods.response(200, DistributionSchema)
def import_distribution(period_id: int):
    """Εισαγωγή του Πίνακα Γεωγραφικής Κατανομής (Παράρτημα Α) από CSV (UTF-8, «,» ή «;»).

    Στήλες: area_code, area_name, category (IIa ανά Νομό, IIb ανά Περιφέρεια), cluster (π.χ. B2.4),
    programmes. Σώμα `text/csv` ή `multipart/form-data` με πεδίο `file`. Όλα ή τίποτα: με ένα σφάλμα
    δεν αλλάζει τίποτα και απαντά 422 με τα σφάλματα ανά γραμμή. Αντικαθιστά τον προηγούμενο πίνακα."""
    upload = request.files.get("file")
    data = upload.read() if upload is not None else request.get_data()
    return operations.import_distribution(session, authenticate(), period_id, data, now=current_clock().now())


@periods.route("/<int:period_id>/distribution", methods=["GET"])
@periods.response(200, DistributionSchema)
def get_distribution(period_id: int):
    """«Πίνακας Γεωγραφικής Κατανομής Προγραμμάτων Επιμόρφωσης» της περιόδου."""
    authenticate()
    return queries.distribution_view(session, period_id)


@periods.route("/<int:period_id>/audit", methods=["GET"])
@require_roles(Role.CENTRAL_ADMIN)
@periods.response(200, AuditEntrySchema(many=True))
def get_audit(period_id: int):
    """Ημερολόγιο αλλαγών της περιόδου (κατανομή, οριστικές υποβολές, κλήρωση): ποιος, πότε, τι."""
    return queries.audit_entries(session, period_id)


@catalogue.route("/clusters", methods=["GET"])
@catalogue.arguments(ClusterQuerySchema, location="query")
@catalogue.response(200, ClusterSchema(many=True))
def list_clusters(query):
    """Οι συστάδες B1.1–B1.13 και B2.1–B2.13 με τις ειδικότητες εκπαιδευτικών καθεμιάς."""
    authenticate()
    return queries.clusters(session, query.get("level"), query.get("specialty"))


@catalogue.route("/clusters/<code>", methods=["GET"])
@catalogue.response(200, ClusterSchema)
def get_cluster(code: str):
    authenticate()
    return queries.get_cluster(session, code)


@catalogue.route("/programme-categories", methods=["GET"])
@catalogue.response(200, CategorySchema(many=True))
def list_categories():
    """Κατηγορίες προγραμμάτων: IIa (ανά Νομό) και IIb (ανά Περιφέρεια)."""
    authenticate()
    return queries.categories(session)
