"""HTTP API of the offers slice (`/v1/enrolment/...`): the teacher's answer to an offer (their own
entries are the enrolment slice's `/my-entries`), and the one-click decline link of the offer's e-mail (no login: the link's token is the credential)."""
from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import current_clock, session
from flask_smorest import Blueprint

from ..enrolment.queries import my_entries
from ..enrolment.schemas import MyEntrySchema
from . import operations
from .schemas import OfferLinkSchema

offers = Blueprint(
    "offers", __name__, url_prefix="/v1/enrolment",
    description="Προσκλήσεις επιλαχόντων σε θέσεις που ελευθερώθηκαν: αποδοχή ή άρνηση από τον/την "
                "εκπαιδευτικό, σύνδεσμος άρνησης με ένα κλικ, λήξη προθεσμίας.",
)


@offers.route("/my-entries/<code>/acceptance", methods=["POST"])
@require_roles(Role.TEACHER)
@offers.response(200, MyEntrySchema)
def accept_offer(code: str):
    """Αποδοχή της θέσης που μου προσφέρθηκε (έως την προθεσμία της πρόσκλησης)· το ΚΣΕ κάνει την εγγραφή."""
    teacher = authenticate().subject
    operations.accept(session, teacher, code, now=current_clock().now())
    return _own(teacher, code)


@offers.route("/my-entries/<code>/refusal", methods=["POST"])
@require_roles(Role.TEACHER)
@offers.response(200, MyEntrySchema)
def decline_offer(code: str):
    """Άρνηση της θέσης που μου προσφέρθηκε· η θέση προσφέρεται στον/στην επόμενο/η επιλαχόντα/ούσα."""
    teacher = authenticate().subject
    operations.decline(session, teacher, code, now=current_clock().now())
    return _own(teacher, code)


@offers.route("/offer-links/<token>", methods=["GET"])
@offers.response(200, OfferLinkSchema)
def offer_link(token: str):
    """Τι αφορά ο σύνδεσμος άρνησης του e-mail (χωρίς σύνδεση· δεν αλλάζει τίποτα)."""
    return operations.offer_of_token(session, token)


@offers.route("/offer-links/<token>/decline", methods=["POST"])
@offers.response(200, OfferLinkSchema)
def decline_by_link(token: str):
    """Άρνηση της θέσης με ένα κλικ από το e-mail (χωρίς σύνδεση· ο σύνδεσμος ισχύει μία φορά)."""
    return operations.decline_by_token(session, token, now=current_clock().now())


def _own(teacher: str, code: str) -> dict:
    return next(e for e in my_entries(session, teacher) if e["programme"].code == code)
