"""HTTP API of the audit slice (`/v1/enrolment/audit`): central admins only."""
from epimorfosi_platform.auth import require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import session
from flask import Response
from flask_smorest import Blueprint

from . import queries
from .schemas import AuditQuerySchema, AuditRecordSchema

audit = Blueprint("audit", __name__, url_prefix="/v1/enrolment",
                  description="Ημερολόγιο αλλαγών εγγραφών, λιστών επιλαχόντων, προσκλήσεων, εξαιρέσεων και "
                              "εγκρίσεων: ποιος, πότε, τι, γιατί.")


@audit.route("/audit", methods=["GET"])
@require_roles(Role.CENTRAL_ADMIN)
@audit.arguments(AuditQuerySchema, location="query")
@audit.response(200, AuditRecordSchema(many=True))
@audit.paginate(page_size=50, max_page_size=500)
def list_audit(query, pagination_parameters):
    """Το ημερολόγιο, νεότερα πρώτα, με φίλτρα (περίοδος, ΚΣΕ, πρόγραμμα, εκπαιδευτικός, ποιος, ενέργεια)."""
    count, rows = queries.page(session, query, first=pagination_parameters.first_item,
                               size=pagination_parameters.page_size)
    pagination_parameters.item_count = count
    return rows


@audit.route("/audit.csv", methods=["GET"])
@require_roles(Role.CENTRAL_ADMIN)
@audit.arguments(AuditQuerySchema, location="query")
@audit.response(200, description="Το ημερολόγιο (με τα ίδια φίλτρα) σε CSV.")
def export_audit(query):
    """Εξαγωγή του ημερολογίου σε CSV (UTF-8, επικεφαλίδες στα ελληνικά)."""
    return Response(queries.as_csv(session, query), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="enrolment-audit.csv"'})
