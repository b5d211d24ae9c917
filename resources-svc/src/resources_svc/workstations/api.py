"""HTTP API of the workstations slice: `/v1/centres/<code>/rooms/<id>/workstations`. Thin
controllers: load (the centre in the caller's scope, the room in the centre), check access, act."""
from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.web import session
from flask_smorest import Blueprint
from marshmallow import fields

from ..access import READERS, WRITERS
from ..centres.queries import visible_centre
from ..rooms.queries import room_of
from ..text import StrippedSchema
from . import operations, queries
from .schemas import WorkstationChangesSchema, WorkstationCreateSchema, WorkstationSchema

workstations = Blueprint("workstations", __name__, url_prefix="/v1/centres",
                         description="Σταθμοί εργασίας των αιθουσών")
PATH = "/<code>/rooms/<int:room_id>/workstations"


class WorkstationQuerySchema(StrippedSchema):
    certified = fields.Boolean(metadata={"description": "Μόνο οι πιστοποιημένοι (true) ή οι μη πιστοποιημένοι (false)."})


@workstations.route(PATH, methods=["GET"])
@require_roles(*READERS)
@workstations.arguments(WorkstationQuerySchema, location="query")
@workstations.response(200, WorkstationSchema(many=True))
def list_workstations(query, code: str, room_id: int):
    """Οι σταθμοί εργασίας της αίθουσας και τα τεχνικά χαρακτηριστικά τους."""
    room = room_of(session, visible_centre(session, authenticate(), code), room_id)
    return queries.workstations_of(session, room.id, query.get("certified"))


@workstations.route(PATH, methods=["POST"])
@require_roles(*WRITERS)
@workstations.arguments(WorkstationCreateSchema)
@workstations.response(201, WorkstationSchema)
def add_workstation(values, code: str, room_id: int):
    """Προσθήκη σταθμού εργασίας (πιστοποιημένου: μόνο ο κεντρικός διαχειριστής)."""
    principal = authenticate()
    return operations.add_workstation(session, principal, visible_centre(session, principal, code), room_id, values)


@workstations.route(PATH + "/<int:workstation_id>", methods=["PATCH"])
@require_roles(*WRITERS)
@workstations.arguments(WorkstationChangesSchema(partial=True))
@workstations.response(200, WorkstationSchema)
def update_workstation(changes, code: str, room_id: int, workstation_id: int):
    """Αλλαγή σταθμού εργασίας· η πιστοποίηση μόνο από τον κεντρικό διαχειριστή. Αλλαγή τεχνικών
    χαρακτηριστικών από τον υπεύθυνο ΚΣΕ αίρει την πιστοποίηση."""
    principal = authenticate()
    centre = visible_centre(session, principal, code)
    return operations.update_workstation(session, principal, centre, room_id, workstation_id, changes)


@workstations.route(PATH + "/<int:workstation_id>", methods=["DELETE"])
@require_roles(*WRITERS)
@workstations.response(204)
def delete_workstation(code: str, room_id: int, workstation_id: int):
    """Διαγραφή σταθμού εργασίας."""
    principal = authenticate()
    operations.delete_workstation(session, principal, visible_centre(session, principal, code), room_id, workstation_id)
