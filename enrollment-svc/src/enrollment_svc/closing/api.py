"""HTTP API of the closing slice (`/v1/enrolment/...`): reduced-composition exceptions, the deadline's
decisions, final approvals per directorate and centre, and the final programmes (K6)."""
from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import current_clock, session
from flask_smorest import Blueprint

from ..enrolment.access import READERS, centre_of_listing
from . import operations, queries
from .schemas import (ApprovalRequestSchema, ApprovalSchema, ClosingProgrammeSchema, ClosingQuerySchema,
                      ExceptionRequestSchema, ExceptionSchema)

closing = Blueprint(
    "closing", __name__, url_prefix="/v1/enrolment",
    description="Λήξη εγγραφών: ακύρωση προγραμμάτων κάτω από τον ελάχιστο αριθμό, εξαιρέσεις μειωμένης "
                "σύνθεσης, οριστική έγκριση ανά διεύθυνση και ΚΣΕ, οριστικά προγράμματα (K6).",
)


@closing.route("/programmes/<code>/exception", methods=["POST"])
@require_roles(Role.CENTRAL_ADMIN)
@closing.arguments(ExceptionRequestSchema)
@closing.response(201, ExceptionSchema)
def grant_exception(body, code: str):
    """Εξαίρεση μειωμένης σύνθεσης (λιγότεροι από τον ελάχιστο αριθμό), με αιτιολογία, πριν κριθεί το πρόγραμμα."""
    principal = authenticate()
    return operations.grant_exception(session, principal.subject, code, body["reason"], now=current_clock().now())


@closing.route("/closing", methods=["GET"])
@require_roles(*READERS)
@closing.arguments(ClosingQuerySchema, location="query")
@closing.response(200, ClosingProgrammeSchema(many=True))
def programmes_closing(query):
    """Τα προγράμματα με ό,τι κρίνεται στην προθεσμία: εγγεγραμμένοι, ελάχιστος αριθμός, εξαίρεση, έκβαση."""
    principal = authenticate()
    centre = centre_of_listing(principal.roles, principal.centre_id)
    return queries.programmes_closing(session, period_id=query.get("period_id"), centre=centre)


@closing.route("/approvals", methods=["POST"])
@require_roles(Role.CENTRAL_ADMIN)
@closing.arguments(ApprovalRequestSchema)
@closing.response(201, ApprovalSchema)
def approve(body):
    """Οριστική έγκριση των προγραμμάτων μιας διεύθυνσης εκπαίδευσης και ενός ΚΣΕ (μετά την προθεσμία)·
    από εκεί και πέρα τίποτα δεν αλλάζει."""
    principal = authenticate()
    return operations.approve(session, principal.subject, now=current_clock().now(), **body)


@closing.route("/approvals", methods=["GET"])
@require_roles(Role.CENTRAL_ADMIN)
@closing.arguments(ClosingQuerySchema, location="query")
@closing.response(200, ApprovalSchema(many=True))
def list_approvals(query):
    """Οι οριστικές εγκρίσεις που δόθηκαν."""
    return queries.approvals(session, query.get("period_id"))


@closing.route("/final-programmes", methods=["GET"])
@require_roles(*READERS)
@closing.arguments(ClosingQuerySchema, location="query")
@closing.response(200, ClosingProgrammeSchema(many=True))
def final_programmes(query):
    """K6: τα οριστικά προγράμματα (συστάδα, τύπος, δυναμικότητα, εγγεγραμμένοι, διάστημα υλοποίησης)."""
    principal = authenticate()
    centre = centre_of_listing(principal.roles, principal.centre_id)
    return queries.final_programmes(session, period_id=query.get("period_id"), centre=centre)
