"""HTTP API of the expression of interest (`/v1/periods/{period_id}/centres/{centre_code}/interest`).
Reads: the centre's KSE head or the central administration; writes: the centre's KSE head only."""
from epimorfosi_platform.auth import Principal
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import current_clock, session
from flask_smorest import Blueprint

from ..access import centre_principal
from . import choices, operations, queries
from .operations import Change
from .schemas import AddChoiceSchema, DeclarationsSchema, InterestSaveSchema, InterestSchema, MoveChoiceSchema, SubmitSchema

interest = Blueprint("interest", __name__, url_prefix="/v1/periods/<int:period_id>/centres/<centre_code>/interest",
                     description="Εκδήλωση ενδιαφέροντος ΚΣΕ («Επιλογή/Κατανομή συστάδων»)")


def _kse_head(centre_code: str) -> Principal:
    """Writes: the KSE head of that centre only."""
    return centre_principal(centre_code, Role.KSE_HEAD)


def _change(period_id: int, centre_code: str, change: Change) -> dict:
    return operations.change_choices(session, _kse_head(centre_code), period_id, centre_code, change,
                                     now=current_clock().now())


@interest.route("", methods=["GET"])
@interest.response(200, InterestSchema)
def get_interest(period_id: int, centre_code: str):
    """Οι δύο πίνακες (διαθέσιμες / επιλεγμένες συστάδες), οι δηλώσεις και η κατάσταση της αίτησης."""
    centre_principal(centre_code, Role.KSE_HEAD, Role.CENTRAL_ADMIN)
    return queries.interest_view(session, period_id, centre_code, now=current_clock().now())


@interest.route("", methods=["PUT"])
@interest.arguments(InterestSaveSchema)
@interest.response(200, InterestSchema)
def save_interest(values, period_id: int, centre_code: str):
    """«Καταχώριση επιλογών» με ολόκληρη τη λίστα (με σειρά προτίμησης) και την αποδοχή των δηλώσεων."""
    return operations.save_choices(session, _kse_head(centre_code), period_id, centre_code,
                                   values["clusters"], values["declarations_accepted"], now=current_clock().now())


@interest.route("/save", methods=["POST"])
@interest.response(200, InterestSchema)
def save_current(period_id: int, centre_code: str):
    """«Καταχώριση επιλογών» της τρέχουσας λίστας (απαιτεί «Συμφωνώ»)."""
    return operations.save_choices(session, _kse_head(centre_code), period_id, centre_code, now=current_clock().now())


@interest.route("/declarations", methods=["PUT"])
@interest.arguments(DeclarationsSchema)
@interest.response(200, InterestSchema)
def set_declarations(values, period_id: int, centre_code: str):
    """Αποδοχή («Συμφωνώ») ή ανάκληση των δηλώσεων."""
    return operations.set_declarations(session, _kse_head(centre_code), period_id, centre_code, values["accepted"],
                                       now=current_clock().now())


@interest.route("/choices", methods=["POST"])
@interest.arguments(AddChoiceSchema)
@interest.response(200, InterestSchema)
def add_choice(values, period_id: int, centre_code: str):
    """Μεταφορά μιας συστάδας από τον αριστερό στον δεξιό πίνακα (στο τέλος ή σε θέση)."""
    return _change(period_id, centre_code,
                   lambda chosen, allowed: choices.add_choice(chosen, values["cluster"], allowed, values["position"]))


@interest.route("/choices/all", methods=["POST"])
@interest.response(200, InterestSchema)
def add_all(period_id: int, centre_code: str):
    """Μεταφορά όλων των συστάδων του αριστερού πίνακα στον δεξιό, όπως ακριβώς είναι."""
    return _change(period_id, centre_code, choices.add_all)


@interest.route("/choices", methods=["DELETE"])
@interest.response(200, InterestSchema)
def remove_all(period_id: int, centre_code: str):
    """Μεταφορά όλων των επιλογών πίσω στον αριστερό πίνακα."""
    return _change(period_id, centre_code, lambda chosen, allowed: [])


@interest.route("/choices/<cluster>", methods=["DELETE"])
@interest.response(200, InterestSchema)
def remove_choice(period_id: int, centre_code: str, cluster: str):
    """Μεταφορά μιας συστάδας πίσω στον αριστερό πίνακα."""
    return _change(period_id, centre_code, lambda chosen, allowed: choices.remove_choice(chosen, cluster))


@interest.route("/choices/<cluster>/move", methods=["POST"])
@interest.arguments(MoveChoiceSchema)
@interest.response(200, InterestSchema)
def move_choice(values, period_id: int, centre_code: str, cluster: str):
    """Αλλαγή σειράς προτίμησης: μία θέση πάνω/κάτω ή σε συγκεκριμένη θέση."""
    return _change(period_id, centre_code,
                   lambda chosen, allowed: choices.move_choice(chosen, cluster, direction=values.get("direction"),
                                                               position=values.get("position")))


@interest.route("/submit", methods=["POST"])
@interest.arguments(SubmitSchema)
@interest.response(200, InterestSchema)
def submit(values, period_id: int, centre_code: str):
    """«Οριστική υποβολή» («Ναι» στην επιβεβαίωση). Μετά από αυτήν οι επιλογές δεν αλλάζουν."""
    return operations.submit_interest(session, _kse_head(centre_code), period_id, centre_code, values["confirm"],
                                      now=current_clock().now())
