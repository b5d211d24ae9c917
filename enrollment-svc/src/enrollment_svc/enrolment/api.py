"""HTTP API of the enrolment slice (`/v1/enrolment`): thin controllers (load, check access, act)."""
from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.errors import Invalid
from epimorfosi_platform.web import current_clock, session
from flask import Response, request
from flask_smorest import Blueprint

from . import operations, queries
from .access import OWN_ENTRIES, READERS, SKIPPERS, WRITERS, centre_of_listing, check_programme_scope
from .schemas import (ApprovedProgrammeSchema, EnrolmentQuerySchema, EnrolmentRequestSchema, EntrySchema, HistorySchema,
                      MyEntrySchema, ProgrammeEntriesSchema, SkipRequestSchema, WithdrawalFormSchema)

enrolment = Blueprint(
    "enrolment", __name__, url_prefix="/v1/enrolment",
    description="Εγγραφή επιμορφούμενων: εγκεκριμένα προγράμματα, υποψήφιοι με την κατάστασή τους, "
                "εγγραφές, αποχωρήσεις και αυστηρή σειρά επιλαχόντων.",
)


def _programme(code: str):
    """The programme, if the caller may see it (another centre's: 404)."""
    principal = authenticate()
    programme = queries.find_programme(session, code)
    check_programme_scope(principal.roles, principal.centre_id, programme.centre_code)
    return principal, programme


def _listed(code: str) -> dict:
    [listed] = queries.approved_programmes(session, centre=None, period_id=None, code=code) or [None]
    return {"programme": listed, "entries": queries.entries(session, code)}


@enrolment.route("/programmes", methods=["GET"])
@require_roles(*READERS)
@enrolment.arguments(EnrolmentQuerySchema, location="query")
@enrolment.response(200, ApprovedProgrammeSchema(many=True))
def list_programmes(query):
    """Τα εγκεκριμένα προς υλοποίηση προγράμματα του ΚΣΕ (η κεντρική διαχείριση: όλων των ΚΣΕ)."""
    principal = authenticate()
    centre = centre_of_listing(principal.roles, principal.centre_id)
    return queries.approved_programmes(session, centre=centre, period_id=query.get("period_id"))


@enrolment.route("/programmes/<code>/entries", methods=["GET"])
@require_roles(*READERS)
@enrolment.response(200, ProgrammeEntriesSchema)
def list_entries(code: str):
    """Οι υποψήφιοι του προγράμματος με την κατάστασή τους: επιτυχόντες, μετά επιλαχόντες με τη σειρά."""
    _programme(code)
    return _listed(code)


@enrolment.route("/programmes/<code>/enrolments", methods=["POST"])
@require_roles(*WRITERS)
@enrolment.arguments(EnrolmentRequestSchema)
@enrolment.response(200, ProgrammeEntriesSchema)
def enrol(body, code: str):
    """«Καταχώριση»: εγγραφή ενός ή περισσότερων υποψηφίων, όλοι ή κανένας, έως την προθεσμία εγγραφών.
    Κάθε εγγραφή δημοσιεύει `enrollment.trainee.enrolled.v1` (η documents-svc εκδίδει το B4)."""
    principal, _ = _programme(code)
    operations.enrol(session, principal.subject, code, body["teacher_ids"], now=current_clock().now())
    return _listed(code)


@enrolment.route("/programmes/<code>/entries/<teacher_id>/withdrawal", methods=["POST"])
@require_roles(*WRITERS)
@enrolment.arguments(WithdrawalFormSchema, location="files")
@enrolment.response(200, ProgrammeEntriesSchema)
def withdraw(files, code: str, teacher_id: str):
    """Αποχώρηση επιτυχόντα/εγγεγραμμένου με την υπογεγραμμένη υπεύθυνη δήλωση (PDF, πεδίο `file`).
    Η θέση πηγαίνει στον/στην πρώτο/η επιλαχόντα/ούσα, αυστηρά με τη σειρά."""
    principal, _ = _programme(code)
    upload = files.get("file") or request.files.get("file")
    if upload is None:
        raise Invalid("Ανεβάστε την υπεύθυνη δήλωση.", errors={"file": ["Υποχρεωτικό πεδίο."]})
    operations.withdraw(session, principal.subject, code, teacher_id, filename=upload.filename or "",
                        content=upload.read(), content_type=upload.mimetype, now=current_clock().now())
    return _listed(code)


@enrolment.route("/programmes/<code>/entries/<teacher_id>/skip", methods=["POST"])
@require_roles(*SKIPPERS)
@enrolment.arguments(SkipRequestSchema)
@enrolment.response(200, EntrySchema(many=True))
def skip(body, code: str, teacher_id: str):
    """Παράκαμψη επιλαχόντα που πήρε θέση (μόνο κεντρική διαχείριση, με αιτιολογία): επιστρέφει στη
    λίστα επιλαχόντων και η θέση πηγαίνει στον/στην επόμενο/η."""
    principal, _ = _programme(code)
    return operations.skip(session, principal.subject, code, teacher_id, reason=body["reason"], now=current_clock().now())


@enrolment.route("/programmes/<code>/entries/<teacher_id>/history", methods=["GET"])
@require_roles(*READERS)
@enrolment.response(200, HistorySchema(many=True))
def entry_history(code: str, teacher_id: str):
    """Το ιστορικό καταστάσεων του/της υποψηφίου: ποιος, πότε, τι, γιατί."""
    _programme(code)
    return queries.history(session, code, teacher_id)


@enrolment.route("/programmes/<code>/entries/<teacher_id>/declaration", methods=["GET"])
@require_roles(*READERS)
@enrolment.response(200, description="Η υπεύθυνη δήλωση αποχώρησης (PDF).")
def get_declaration(code: str, teacher_id: str):
    """Η υπεύθυνη δήλωση αποχώρησης όπως ανέβηκε."""
    _programme(code)
    found = queries.declaration(session, code, teacher_id)
    return Response(found.content, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="declaration-{teacher_id}.pdf"'})


@enrolment.route("/my-entries", methods=["GET"])
@require_roles(*OWN_ENTRIES)
@enrolment.response(200, MyEntrySchema(many=True))
def my_entries():
    """Οι αιτήσεις του/της εκπαιδευτικού που καλεί, σε κάθε πρόγραμμα, με την κατάστασή τους και, για
    επιλαχόντες, τη σειρά τους αυτή τη στιγμή."""
    return queries.my_entries(session, authenticate().subject)
