"""HTTP API of applications-svc: thin controllers over operations."""
import json

from epimorfosi_platform.auth import Principal, authenticate, require_centre_scope, require_roles
from epimorfosi_platform.problems import Problem
from epimorfosi_platform.web import session
from flask import Response, request
from flask_smorest import Blueprint
from marshmallow import fields
from sqlalchemy import func, select

from epimorfosi_platform.schemas import Schema

from . import allocations, domain, operations
from .models import Cluster, ClusterSpecialty, Programme, ProgrammeCategory, TrainingPeriod
from .schemas import (
    AddChoiceSchema,
    AllocationSchema,
    AllocationSummarySchema,
    ApplicationSaveSchema,
    ApplicationSchema,
    MyAllocationSchema,
    ProgrammeListSchema,
    ProgrammeQuerySchema,
    AuditEntrySchema,
    CategorySchema,
    CentreLotteryResultSchema,
    CentreSchema,
    ClusterQuerySchema,
    ClusterSchema,
    DeclarationsSchema,
    DistributionSchema,
    InterestSaveSchema,
    InterestSchema,
    LotterySchema,
    LotterySummarySchema,
    MoveChoiceSchema,
    PeriodCreateSchema,
    PeriodSchema,
    SeedSchema,
    SubmitSchema,
)

periods = Blueprint("periods", __name__, url_prefix="/v1/periods", description="Περίοδοι επιμόρφωσης")
catalogue = Blueprint("catalogue", __name__, url_prefix="/v1", description="Συστάδες και κατηγορίες προγραμμάτων")
interest = Blueprint("interest", __name__, url_prefix="/v1/periods/<int:period_id>/centres/<centre_code>/interest",
                     description="Εκδήλωση ενδιαφέροντος ΚΣΕ («Επιλογή/Κατανομή συστάδων»)")
lottery = Blueprint("lottery", __name__, url_prefix="/v1/periods/<int:period_id>/lottery",
                    description="Κλήρωση προγραμμάτων (δημόσια και επαληθεύσιμη)")
teachers = Blueprint("teachers", __name__, url_prefix="/v1/periods/<int:period_id>",
                     description="Αιτήσεις εκπαιδευτικών (Α' και Β' φάση), κατανομή και καταστάσεις Κ2/Κ3")
centres = Blueprint("centres", __name__, url_prefix="/v1/centres", description="ΚΣΕ (από την υπηρεσία πόρων)")


# -- periods -------------------------------------------------------------------------------------
@periods.route("", methods=["POST"])
@require_roles("central-admin")  # outermost: no token 401 / wrong role 403 before the body is read
@periods.arguments(PeriodCreateSchema)
@periods.response(201, PeriodSchema)
def open_period(values):
    """Άνοιγμα περιόδου επιμόρφωσης με τα παράθυρα και τις ρυθμίσεις της πρόσκλησης."""
    return operations.open_period(authenticate(), values)


@periods.route("", methods=["GET"])
@periods.response(200, PeriodSchema(many=True))
def list_periods():
    """Όλες οι περίοδοι, νεότερη πρώτη."""
    authenticate()
    return session.scalars(select(TrainingPeriod).order_by(TrainingPeriod.id.desc())).all()


@periods.route("/<int:period_id>", methods=["GET"])
@periods.response(200, PeriodSchema)
def get_period(period_id: int):
    authenticate()
    return operations.get_period(period_id)


@periods.route("/<int:period_id>/distribution", methods=["PUT"])
@require_roles("central-admin")
@periods.response(200, DistributionSchema)
def import_distribution(period_id: int):
    """Εισαγωγή του Πίνακα Γεωγραφικής Κατανομής (Παράρτημα Α) από CSV (UTF-8, «,» ή «;»).

    Στήλες: area_code, area_name, category (IIa ανά Νομό, IIb ανά Περιφέρεια), cluster (π.χ. B2.4),
    programmes. Σώμα `text/csv` ή `multipart/form-data` με πεδίο `file`. Όλα ή τίποτα: με ένα σφάλμα
    δεν αλλάζει τίποτα και απαντά 422 με τα σφάλματα ανά γραμμή. Αντικαθιστά τον προηγούμενο πίνακα."""
    upload = request.files.get("file")
    data = upload.read() if upload is not None else request.get_data()
    return operations.import_distribution(authenticate(), period_id, data)


@periods.route("/<int:period_id>/distribution", methods=["GET"])
@periods.response(200, DistributionSchema)
def get_distribution(period_id: int):
    """«Πίνακας Γεωγραφικής Κατανομής Προγραμμάτων Επιμόρφωσης» της περιόδου."""
    authenticate()
    return operations.distribution_view(period_id)


@periods.route("/<int:period_id>/audit", methods=["GET"])
@require_roles("central-admin")
@periods.response(200, AuditEntrySchema(many=True))
def get_audit(period_id: int):
    """Ημερολόγιο αλλαγών της περιόδου (κατανομή, οριστικές υποβολές, κλήρωση): ποιος, πότε, τι."""
    return operations.audit_entries(period_id)


# -- catalogue -------------------------------------------------------------------------------------
@catalogue.route("/clusters", methods=["GET"])
@catalogue.arguments(ClusterQuerySchema, location="query")
@catalogue.response(200, ClusterSchema(many=True))
def list_clusters(query):
    """Οι συστάδες B1.1–B1.13 και B2.1–B2.13 με τις ειδικότητες εκπαιδευτικών καθεμιάς."""
    authenticate()
    statement = select(Cluster).order_by(Cluster.level, Cluster.number)
    if "level" in query:
        statement = statement.where(Cluster.level == query["level"])
    if "specialty" in query:
        statement = statement.where(Cluster.code.in_(
            select(ClusterSpecialty.cluster_code).where(ClusterSpecialty.specialty_code == query["specialty"])))
    return session.scalars(statement).all()


@catalogue.route("/clusters/<code>", methods=["GET"])
@catalogue.response(200, ClusterSchema)
def get_cluster(code: str):
    authenticate()
    cluster = session.get(Cluster, code)
    if cluster is None:
        raise Problem(404, detail=f"Η συστάδα {code} δεν υπάρχει.")
    return cluster


@catalogue.route("/programme-categories", methods=["GET"])
@catalogue.response(200, CategorySchema(many=True))
def list_categories():
    """Κατηγορίες προγραμμάτων: IIa (ανά Νομό) και IIb (ανά Περιφέρεια)."""
    authenticate()
    return session.scalars(select(ProgrammeCategory).order_by(ProgrammeCategory.code)).all()


# -- centres (read model) --------------------------------------------------------------------------
def _centre_principal(centre_code: str, *roles: str) -> Principal:
    principal = authenticate()
    if not principal.has_role(*roles):
        raise Problem(403, detail="Ο ρόλος σας δεν επιτρέπει αυτή την ενέργεια.")
    require_centre_scope(principal, centre_code)
    return principal


@centres.route("/<centre_code>", methods=["GET"])
@centres.response(200, CentreSchema)
def get_centre(centre_code: str):
    """Το ΚΣΕ και οι αίθουσές του, όπως τα γνωρίζει η υπηρεσία (από τα γεγονότα της υπηρεσίας πόρων)."""
    _centre_principal(centre_code, "kse-head", "coordinator", "central-admin")
    return operations.centre_view(centre_code)


class ResultsQuerySchema(Schema):
    period_id = fields.Integer()


@centres.route("/<centre_code>/lottery-results", methods=["GET"])
@centres.arguments(ResultsQuerySchema, location="query")
@centres.response(200, CentreLotteryResultSchema(many=True))
def centre_lottery_results(query, centre_code: str):
    """Αποτελέσματα κλήρωσης για το ΚΣΕ: αν επιλέχθηκε, σε ποιες συστάδες και κατηγορίες."""
    _centre_principal(centre_code, "kse-head", "coordinator", "central-admin")
    return operations.centre_lottery_results(centre_code, query.get("period_id"))


# -- expression of interest ------------------------------------------------------------------------
def _kse_head(centre_code: str) -> Principal:
    """Writes: the KSE head of that centre only."""
    return _centre_principal(centre_code, "kse-head")


@interest.route("", methods=["GET"])
@interest.response(200, InterestSchema)
def get_interest(period_id: int, centre_code: str):
    """Οι δύο πίνακες (διαθέσιμες / επιλεγμένες συστάδες), οι δηλώσεις και η κατάσταση της αίτησης."""
    _centre_principal(centre_code, "kse-head", "central-admin")
    return operations.interest_view(period_id, centre_code)


@interest.route("", methods=["PUT"])
@interest.arguments(InterestSaveSchema)
@interest.response(200, InterestSchema)
def save_interest(values, period_id: int, centre_code: str):
    """«Καταχώριση επιλογών» με ολόκληρη τη λίστα (με σειρά προτίμησης) και την αποδοχή των δηλώσεων."""
    return operations.save_choices(_kse_head(centre_code), period_id, centre_code,
                                   values["clusters"], values["declarations_accepted"])


@interest.route("/save", methods=["POST"])
@interest.response(200, InterestSchema)
def save_current(period_id: int, centre_code: str):
    """«Καταχώριση επιλογών» της τρέχουσας λίστας (απαιτεί «Συμφωνώ»)."""
    return operations.save_choices(_kse_head(centre_code), period_id, centre_code)


@interest.route("/declarations", methods=["PUT"])
@interest.arguments(DeclarationsSchema)
@interest.response(200, InterestSchema)
def set_declarations(values, period_id: int, centre_code: str):
    """Αποδοχή («Συμφωνώ») ή ανάκληση των δηλώσεων."""
    return operations.set_declarations(_kse_head(centre_code), period_id, centre_code, values["accepted"])


@interest.route("/choices", methods=["POST"])
@interest.arguments(AddChoiceSchema)
@interest.response(200, InterestSchema)
def add_choice(values, period_id: int, centre_code: str):
    """Μεταφορά μιας συστάδας από τον αριστερό στον δεξιό πίνακα (στο τέλος ή σε θέση)."""
    return operations.change_choices(
        _kse_head(centre_code), period_id, centre_code,
        lambda chosen, allowed: domain.add_choice(chosen, values["cluster"], allowed, values["position"]))


@interest.route("/choices/all", methods=["POST"])
@interest.response(200, InterestSchema)
def add_all(period_id: int, centre_code: str):
    """Μεταφορά όλων των συστάδων του αριστερού πίνακα στον δεξιό, όπως ακριβώς είναι."""
    return operations.change_choices(_kse_head(centre_code), period_id, centre_code, domain.add_all)


@interest.route("/choices", methods=["DELETE"])
@interest.response(200, InterestSchema)
def remove_all(period_id: int, centre_code: str):
    """Μεταφορά όλων των επιλογών πίσω στον αριστερό πίνακα."""
    return operations.change_choices(_kse_head(centre_code), period_id, centre_code, lambda chosen, allowed: [])


@interest.route("/choices/<cluster>", methods=["DELETE"])
@interest.response(200, InterestSchema)
def remove_choice(period_id: int, centre_code: str, cluster: str):
    """Μεταφορά μιας συστάδας πίσω στον αριστερό πίνακα."""
    return operations.change_choices(_kse_head(centre_code), period_id, centre_code,
                                     lambda chosen, allowed: domain.remove_choice(chosen, cluster))


@interest.route("/choices/<cluster>/move", methods=["POST"])
@interest.arguments(MoveChoiceSchema)
@interest.response(200, InterestSchema)
def move_choice(values, period_id: int, centre_code: str, cluster: str):
    """Αλλαγή σειράς προτίμησης: μία θέση πάνω/κάτω ή σε συγκεκριμένη θέση."""
    return operations.change_choices(
        _kse_head(centre_code), period_id, centre_code,
        lambda chosen, allowed: domain.move_choice(chosen, cluster, direction=values.get("direction"),
                                                   position=values.get("position")))


@interest.route("/submit", methods=["POST"])
@interest.arguments(SubmitSchema)
@interest.response(200, InterestSchema)
def submit(values, period_id: int, centre_code: str):
    """«Οριστική υποβολή» («Ναι» στην επιβεβαίωση). Μετά από αυτήν οι επιλογές δεν αλλάζουν."""
    principal = _kse_head(centre_code)
    if not values["confirm"]:
        raise Problem(422, slug="not-confirmed", detail="Η οριστική υποβολή απαιτεί επιβεβαίωση («Ναι»).")
    return operations.submit_interest(principal, period_id, centre_code)


def _with_documents(schema: type, record: dict) -> Response:
    """A draw record as JSON with its input and result spliced in as stored: they are canonical
    JSON text already, and parsing and re-serialising tens of megabytes would only cost time."""
    head = json.dumps(schema(exclude=("input", "result")).dump(record), ensure_ascii=False,
                      separators=(",", ":"))
    documents = "".join(f',"{name}":{record[name] or "null"}' for name in ("input", "result"))
    return Response(head[:-1] + documents + "}", mimetype="application/json")


# -- programme lottery -----------------------------------------------------------------------------
@lottery.route("", methods=["GET"])
@lottery.response(200, LotterySchema)
def get_lottery(period_id: int):
    """Όλα όσα χρειάζονται για την επαλήθευση εκτός συστήματος (δεδομένα, σπόρος, αποτέλεσμα) στη
    μορφή που δέχεται το `python -m applications_svc.verify`."""
    authenticate()
    return _with_documents(LotterySchema, operations.lottery_record(period_id))


@lottery.route("/freeze", methods=["POST"])
@require_roles("central-admin")
@lottery.response(201, LotterySummarySchema)
def freeze(period_id: int):
    """«Πάγωμα» των δεδομένων της κλήρωσης και δημοσίευση του SHA-256 τους."""
    principal = authenticate()
    operations.freeze_lottery(principal, period_id)
    return operations.lottery_summary(period_id)


@lottery.route("/seed", methods=["POST"])
@require_roles("central-admin")
@lottery.arguments(SeedSchema)
@lottery.response(200, LotterySummarySchema)
def seed(values, period_id: int):
    """Καταχώριση του σπόρου από δημόσια πηγή (μία φορά, μετά το «πάγωμα»)."""
    operations.record_seed(authenticate(), period_id, values["seed"], values["source"])
    return operations.lottery_summary(period_id)


@lottery.route("/draw", methods=["POST"])
@require_roles("central-admin")
@lottery.response(200, LotterySummarySchema)
def draw(period_id: int):
    """Διενέργεια της κλήρωσης: δημιουργεί τα προγράμματα και ανακοινώνει το αποτέλεσμα."""
    operations.draw_lottery(authenticate(), period_id)
    return operations.lottery_summary(period_id)


# -- teacher applications, allocation, K2/K3 -------------------------------------------------------
@teachers.route("/applications/<phase>/mine", methods=["PUT"])
@require_roles("teacher")
@teachers.arguments(ApplicationSaveSchema)
@teachers.response(200, ApplicationSchema)
def save_application(values, period_id: int, phase: str):
    """Αίτηση εκπαιδευτικού (φάση A ή B): τα προγράμματα με σειρά προτίμησης, έως το μέγιστο της
    πρόσκλησης, χωρίς διπλότυπα, μόνο σε συστάδες της ειδικότητάς του. Αλλάζει έως τη λήξη της φάσης.
    Στη Β' φάση: μόνο προγράμματα με κενές θέσεις, όχι για όσους έχουν θέση από την Α' φάση."""
    return allocations.save_application(authenticate(), period_id, phase, values["specialty"],
                                        values["programmes"])


@teachers.route("/applications/<phase>/mine", methods=["GET"])
@require_roles("teacher")
@teachers.response(200, ApplicationSchema)
def get_application(period_id: int, phase: str):
    """Η αίτησή σας στη φάση A ή B."""
    return allocations.application_view(period_id, phase, authenticate().subject)


@teachers.route("/my-allocation", methods=["GET"])
@require_roles("teacher")
@teachers.response(200, MyAllocationSchema)
def my_allocation(period_id: int):
    """Το αποτέλεσμα της κατανομής για εσάς: το πρόγραμμα όπου επιτύχατε, ή η θέση σας στη λίστα
    επιλαχόντων κάθε προγράμματος που δηλώσατε (πριν από αυτό όπου επιτύχατε)."""
    return allocations.my_allocation(period_id, authenticate().subject)


@teachers.route("/programmes", methods=["GET"])
@teachers.arguments(ProgrammeQuerySchema, location="query")
@teachers.response(200, ProgrammeListSchema(many=True))
@teachers.paginate(page_size=50, max_page_size=500)
def list_programmes(query, period_id: int, pagination_parameters):
    """Κ2: τα εγκεκριμένα προγράμματα της περιόδου (κωδικός, συστάδα, κατηγορία, ΚΣΕ, δυναμικότητα,
    ημερομηνίες). Μετά την κατανομή: επιτυχόντες, επιλαχόντες και αν είναι προς υλοποίηση (Κ3)."""
    authenticate()
    statement = allocations.programme_statement(period_id, query)
    pagination_parameters.item_count = session.scalar(select(func.count()).select_from(statement.subquery()))
    rows = session.scalars(statement.order_by(Programme.code).offset(pagination_parameters.first_item)
                           .limit(pagination_parameters.page_size)).all()
    return allocations.programme_rows(period_id, list(rows))


@teachers.route("/allocation/<phase>", methods=["GET"])
@teachers.response(200, AllocationSchema)
def get_allocation(period_id: int, phase: str):
    """Όλα όσα χρειάζονται για την επαλήθευση της κατανομής εκτός συστήματος, στη μορφή που δέχεται
    το `python -m applications_svc.verify`."""
    authenticate()
    return _with_documents(AllocationSchema, allocations.allocation_record(period_id, phase))


@teachers.route("/allocation/<phase>/freeze", methods=["POST"])
@require_roles("central-admin")
@teachers.response(201, AllocationSummarySchema)
def freeze_allocation(period_id: int, phase: str):
    """«Πάγωμα» των αιτήσεων της φάσης (μετά τη λήξη της) και δημοσίευση του SHA-256 τους."""
    allocations.freeze_allocation(authenticate(), period_id, phase)
    return allocations.allocation_summary(period_id, phase)


@teachers.route("/allocation/<phase>/seed", methods=["POST"])
@require_roles("central-admin")
@teachers.arguments(SeedSchema)
@teachers.response(200, AllocationSummarySchema)
def seed_allocation(values, period_id: int, phase: str):
    """Καταχώριση του σπόρου από δημόσια πηγή (μία φορά, μετά το «πάγωμα»)."""
    allocations.record_allocation_seed(authenticate(), period_id, phase, values["seed"], values["source"])
    return allocations.allocation_summary(period_id, phase)


@teachers.route("/allocation/<phase>/draw", methods=["POST"])
@require_roles("central-admin")
@teachers.response(200, AllocationSummarySchema)
def draw_allocation(period_id: int, phase: str):
    """Διενέργεια της κατανομής: θέσεις, λίστες επιλαχόντων, ανακοίνωση ανά πρόγραμμα."""
    allocations.draw_allocation(authenticate(), period_id, phase)
    return allocations.allocation_summary(period_id, phase)


def blueprints():
    return [periods, catalogue, centres, interest, lottery, teachers]
