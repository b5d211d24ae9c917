"""HTTP API of the allocation slice (`/v1/periods/{period_id}/...`): a teacher's applications and
result, the allocation of each phase, the programme lists K2/K3."""
from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import current_clock, session
from flask_smorest import Blueprint

from ..draws.responses import record_response
from ..draws.schemas import SeedSchema
from . import lists, operations, queries
from .schemas import (
    AllocationSchema,
    AllocationSummarySchema,
    ApplicationSaveSchema,
    ApplicationSchema,
    MyAllocationSchema,
    ProgrammeListSchema,
    ProgrammeQuerySchema,
)

teachers = Blueprint("teachers", __name__, url_prefix="/v1/periods/<int:period_id>",
                     description="Αιτήσεις εκπαιδευτικών (Α' και Β' φάση), κατανομή και καταστάσεις Κ2/Κ3")


@teachers.route("/applications/<phase>/mine", methods=["PUT"])
@require_roles(Role.TEACHER)
@teachers.arguments(ApplicationSaveSchema)
@teachers.response(200, ApplicationSchema)
def save_application(values, period_id: int, phase: str):
    """Αίτηση εκπαιδευτικού (φάση A ή B): τα προγράμματα με σειρά προτίμησης, έως το μέγιστο της
    πρόσκλησης, χωρίς διπλότυπα, μόνο σε συστάδες της ειδικότητάς του. Αλλάζει έως τη λήξη της φάσης.
    Στη Β' φάση: μόνο προγράμματα με κενές θέσεις, όχι για όσους έχουν θέση από την Α' φάση."""
    contact = {key: values.get(key) for key in operations.CONTACT_FIELDS}
    return operations.save_application(session, authenticate(), period_id, phase, values["specialty"],
                                       values["programmes"], contact=contact, now=current_clock().now())


@teachers.route("/applications/<phase>/mine", methods=["GET"])
@require_roles(Role.TEACHER)
@teachers.response(200, ApplicationSchema)
def get_application(period_id: int, phase: str):
    """Η αίτησή σας στη φάση A ή B."""
    return queries.application_view(session, period_id, phase, authenticate().subject, now=current_clock().now())


@teachers.route("/my-allocation", methods=["GET"])
@require_roles(Role.TEACHER)
@teachers.response(200, MyAllocationSchema)
def my_allocation(period_id: int):
    """Το αποτέλεσμα της κατανομής για εσάς: το πρόγραμμα όπου επιτύχατε, ή η θέση σας στη λίστα
    επιλαχόντων κάθε προγράμματος που δηλώσατε (πριν από αυτό όπου επιτύχατε)."""
    return queries.my_allocation(session, period_id, authenticate().subject)


@teachers.route("/programmes", methods=["GET"])
@teachers.arguments(ProgrammeQuerySchema, location="query")
@teachers.response(200, ProgrammeListSchema(many=True))
@teachers.paginate(page_size=50, max_page_size=500)
def list_programmes(query, period_id: int, pagination_parameters):
    """Κ2: τα εγκεκριμένα προγράμματα της περιόδου (κωδικός, συστάδα, κατηγορία, ΚΣΕ, δυναμικότητα,
    ημερομηνίες). Μετά την κατανομή: επιτυχόντες, επιλαχόντες και αν είναι προς υλοποίηση (Κ3)."""
    authenticate()
    total, rows = lists.programme_page(session, period_id, query, pagination_parameters.first_item,
                                       pagination_parameters.page_size)
    pagination_parameters.item_count = total
    return rows


@teachers.route("/allocation/<phase>", methods=["GET"])
@teachers.response(200, AllocationSchema)
def get_allocation(period_id: int, phase: str):
    """Όλα όσα χρειάζονται για την επαλήθευση της κατανομής εκτός συστήματος, στη μορφή που δέχεται
    το `python -m applications_svc.verify`."""
    authenticate()
    return record_response(AllocationSchema, queries.allocation_record(session, period_id, phase))


@teachers.route("/allocation/<phase>/freeze", methods=["POST"])
@require_roles(Role.CENTRAL_ADMIN)
@teachers.response(201, AllocationSummarySchema)
def freeze_allocation(period_id: int, phase: str):
    """«Πάγωμα» των αιτήσεων της φάσης (μετά τη λήξη της) και δημοσίευση του SHA-256 τους."""
    operations.freeze_allocation(session, authenticate(), period_id, phase, now=current_clock().now())
    return queries.allocation_summary(session, period_id, phase)


@teachers.route("/allocation/<phase>/seed", methods=["POST"])
@require_roles(Role.CENTRAL_ADMIN)
@teachers.arguments(SeedSchema)
@teachers.response(200, AllocationSummarySchema)
def seed_allocation(values, period_id: int, phase: str):
    """Καταχώριση του σπόρου από δημόσια πηγή (μία φορά, μετά το «πάγωμα»)."""
    operations.record_allocation_seed(session, authenticate(), period_id, phase, values["seed"], values["source"],
                                      now=current_clock().now())
    return queries.allocation_summary(session, period_id, phase)


@teachers.route("/allocation/<phase>/draw", methods=["POST"])
@require_roles(Role.CENTRAL_ADMIN)
@teachers.response(200, AllocationSummarySchema)
def draw_allocation(period_id: int, phase: str):
    """Διενέργεια της κατανομής: θέσεις, λίστες επιλαχόντων, ανακοίνωση ανά πρόγραμμα."""
    operations.draw_allocation(session, authenticate(), period_id, phase, now=current_clock().now())
    return queries.allocation_summary(session, period_id, phase)
