"""HTTP API of the rooms slice: `/v1/centres/<code>/rooms`, on the centres blueprint (a room is a
sub-resource of its centre). Thin controllers: load, check access, act."""
from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import session
from flask import request

from ..access import READERS, WRITERS
from ..centres.api import centres
from ..centres.queries import visible_centre
from . import imports, operations, queries
from .schemas import RoomBatchResultSchema, RoomBatchSchema, RoomChangesSchema, RoomCreateSchema, RoomSchema


@centres.route("/<code>/rooms", methods=["POST"])
@require_roles(*WRITERS)
@centres.arguments(RoomCreateSchema)
@centres.response(201, RoomSchema)
def add_room(values, code: str):
    """Προσθήκη αίθουσας/εργαστηρίου στο ΚΣΕ (κεντρικός διαχειριστής ή ο υπεύθυνος του ΚΣΕ),
    προαιρετικά με τους σταθμούς εργασίας της. Πιστοποίηση και αξιολόγηση: μόνο ο κεντρικός διαχειριστής."""
    principal = authenticate()
    return operations.add_room(session, principal, visible_centre(session, principal, code), values)


@centres.route("/<code>/rooms", methods=["GET"])
@require_roles(*READERS)
@centres.response(200, RoomSchema(many=True))
def list_rooms(code: str):
    """Οι αίθουσες του ΚΣΕ («Διαχείριση πόρων ΚΣΕ → Αίθουσες»)."""
    return queries.rooms_of(session, visible_centre(session, authenticate(), code))


@centres.route("/<code>/rooms/<int:room_id>", methods=["GET"])
@require_roles(*READERS)
@centres.response(200, RoomSchema)
def get_room(code: str, room_id: int):
    """Μία αίθουσα του ΚΣΕ."""
    return queries.room_of(session, visible_centre(session, authenticate(), code), room_id)


@centres.route("/<code>/rooms/<int:room_id>", methods=["PATCH"])
@require_roles(*WRITERS)
@centres.arguments(RoomChangesSchema(partial=True))
@centres.response(200, RoomSchema)
def update_room(changes, code: str, room_id: int):
    """Αλλαγή αίθουσας· πιστοποίηση και αποτέλεσμα αξιολόγησης μόνο από τον κεντρικό διαχειριστή
    (403 για τον υπεύθυνο ΚΣΕ). Όταν αλλάζει η αξιοποιήσιμη δυναμικότητα: resources.room.capacity_changed.v1."""
    principal = authenticate()
    return operations.update_room(session, principal, visible_centre(session, principal, code), room_id, changes)


@centres.route("/rooms", methods=["PUT"])
@require_roles(Role.CENTRAL_ADMIN)
@centres.arguments(RoomBatchSchema)
@centres.response(200, RoomBatchResultSchema)
def import_rooms(batch):
    """Μαζική εισαγωγή αιθουσών με τους σταθμούς εργασίας τους (κεντρικός διαχειριστής). Όλα ή τίποτα·
    αίθουσα που υπάρχει (ΚΣΕ + όνομα) παίρνει τις τιμές της εισαγωγής και οι σταθμοί της αντικαθίστανται."""
    return imports.import_rooms(session, authenticate(), batch["rooms"])


@centres.route("/rooms/file", methods=["PUT"])
@require_roles(Role.CENTRAL_ADMIN)
@centres.response(200, RoomBatchResultSchema)
def import_rooms_file():
    """Εισαγωγή αιθουσών από CSV (UTF-8, «,» ή «;»), ένας σταθμός εργασίας ανά γραμμή: στήλες
    centre_code, room, room_certified, capacity, workstation, processor, memory, disk, operating_system,
    screen, network, certified (ή οι ελληνικές επικεφαλίδες· ναι/όχι στις πιστοποιήσεις· γραμμή χωρίς
    σταθμό: αίθουσα χωρίς σταθμούς). Σώμα `text/csv` ή `multipart/form-data` με πεδίο `file`. Όλα ή
    τίποτα, με τα σφάλματα ανά γραμμή· όπως η μαζική εισαγωγή: αίθουσα που υπάρχει παίρνει τις τιμές
    του αρχείου και οι σταθμοί της αντικαθίστανται."""
    upload = request.files.get("file")
    data = upload.read() if upload is not None else request.get_data()
    return imports.import_rooms_file(session, authenticate(), data)
