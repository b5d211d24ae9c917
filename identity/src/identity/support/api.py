"""HTTP API of support requests (`/v1/support-requests`; need a token)."""
import uuid

from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import current_clock, session
from flask_smorest import Blueprint

from ..schemas import LabelSchema
from . import operations, queries
from .rules import SUPPORT_TOPICS
from .schemas import SupportRequestCreateSchema, SupportRequestQuerySchema, SupportRequestSchema, SupportStatusSchema

support = Blueprint("support", __name__, url_prefix="/v1/support-requests", description="Αιτήματα υποστήριξης")


@support.route("/topics", methods=["GET"])
@support.response(200, LabelSchema(many=True))
def support_topics():
    """Οι τομείς βοήθειας (π.χ. «Τεχνικά θέματα»)."""
    authenticate()
    return [{"id": k, "label": v} for k, v in SUPPORT_TOPICS.items()]


@support.route("", methods=["POST"])
@support.arguments(SupportRequestCreateSchema)
@support.response(201, SupportRequestSchema)
def create_request(args):
    """Νέο αίτημα υποστήριξης: τομέας, περιγραφή, ΑΦΜ, e-mail επικοινωνίας."""
    row = operations.create_support_request(session, authenticate(), args, now=current_clock().now())
    return queries.support_view(row), 201


@support.route("", methods=["GET"])
@support.arguments(SupportRequestQuerySchema, location="query")
@support.response(200, SupportRequestSchema(many=True))
def list_requests(args):
    """Τα αιτήματα: όλα για το helpdesk, τα δικά του για κάθε άλλον."""
    return [queries.support_view(r) for r in queries.visible_requests(session, authenticate(), args.get("status"))]


@support.route("/<uuid:request_id>", methods=["GET"])
@support.response(200, SupportRequestSchema)
def get_request(request_id: uuid.UUID):
    return queries.support_view(queries.visible_request(session, authenticate(), request_id))


@support.route("/<uuid:request_id>/status", methods=["PUT"])
@require_roles(Role.HELPDESK_AGENT)
@support.arguments(SupportStatusSchema)
@support.response(200, SupportRequestSchema)
def set_status(args, request_id: uuid.UUID):
    """Αλλαγή κατάστασης αιτήματος (μόνο helpdesk)."""
    row = operations.change_support_status(session, authenticate(), request_id, args["status"], now=current_clock().now())
    return queries.support_view(row)
