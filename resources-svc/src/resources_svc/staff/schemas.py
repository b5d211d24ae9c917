"""Schemas of the staff slice: a member of a list, and the state of a centre's lists for a period."""
from epimorfosi_platform.schemas import Afm, Schema
from marshmallow import fields, validate

from ..text import StrippedSchema, text
from .models import Membership, StaffRole

ROLE_LABELS = {StaffRole.COORDINATOR: "Συντονιστής", StaffRole.TECHNICAL_LEAD: "Τεχνικός Υπεύθυνος – Βοηθός Επιμορφωτή"}
MEMBERSHIP_LABELS = {Membership.REGULAR: "Τακτικό μέλος", Membership.SUBSTITUTE: "Αναπληρωματικό μέλος"}


def _choice(enum, description: str, **kwargs) -> fields.String:
    return fields.String(
        validate=validate.OneOf([m.value for m in enum], error="Μη αποδεκτή τιμή: επιλέξτε από τη λίστα."),
        metadata={"description": description, "enum": [m.value for m in enum]}, **kwargs)


class StaffMemberInSchema(StrippedSchema):
    role = _choice(StaffRole, "Κατάλογος: coordinator (Προσωπικό Συντονισμού) ή technical-lead (Τεχνικοί Υπεύθυνοι).",
                   required=True)
    membership = _choice(Membership, "Τακτικό (regular) ή αναπληρωματικό (substitute) μέλος.", required=True)
    afm = Afm(required=True, metadata={"description": "ΑΦΜ (με ή χωρίς κενά· αποθηκεύεται χωρίς).", "example": "123456783"})
    surname = text(1, 100, required=True, metadata={"description": "Επώνυμο.", "example": "Παπαδόπουλος"})
    given_name = text(1, 100, required=True, metadata={"description": "Όνομα.", "example": "Γεώργιος"})
    father_name = text(0, 100, load_default="", metadata={"description": "Πατρώνυμο.", "example": "Ιωάννης"})
    specialty = text(1, 100, required=True, metadata={"description": "Κλάδος / ειδικότητα.", "example": "ΠΕ86"})
    email = fields.String(required=True, validate=[
        validate.Length(max=200, error="Έως 200 χαρακτήρες."),
        validate.Email(error="Μη έγκυρη διεύθυνση e-mail.")],  # fields.Email would answer in English
                          metadata={"description": "Ηλεκτρονικό ταχυδρομείο.", "example": "g.papadopoulos@sch.gr"})
    phone = fields.String(required=True, validate=validate.Regexp(r"^\+?[0-9]{10,15}$",
                          error="Τηλέφωνο: 10 έως 15 ψηφία."), metadata={"description": "Τηλέφωνο.", "example": "6912345678"})


class StaffMemberSchema(StaffMemberInSchema):
    id = fields.Integer(dump_only=True, metadata={"description": "Αναγνωριστικό εγγραφής."})
    period_id = fields.Integer(dump_only=True)
    role_label = fields.Function(lambda m: ROLE_LABELS[StaffRole(m["role"])], dump_only=True)
    membership_label = fields.Function(lambda m: MEMBERSHIP_LABELS[Membership(m["membership"])], dump_only=True)
    confirmed = fields.Boolean(dump_only=True, metadata={"description": "Επιβεβαιώνεται από το Πρακτικό της περιόδου."})
    created_at = fields.AwareDateTime(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True, allow_none=True)


class StaffQuerySchema(Schema):
    role = _choice(StaffRole, "Μόνο ο ένας κατάλογος.")


class SubmissionSchema(Schema):
    centre_code = fields.String(dump_only=True, metadata={"example": "KSE-0001"})
    period_id = fields.Integer(dump_only=True)
    window_open = fields.Boolean(dump_only=True, metadata={"description": "Ανοιχτό το παράθυρο αλλαγών προσωπικού."})
    submitted_at = fields.AwareDateTime(dump_only=True, allow_none=True,
                                        metadata={"description": "Οριστική υποβολή: πότε (κενό: δεν έχει υποβληθεί)."})
    submitted_by = fields.String(dump_only=True, allow_none=True, metadata={"description": "Οριστική υποβολή: από ποιον."})
    editable = fields.Boolean(dump_only=True, metadata={"description": "Επιτρέπονται αλλαγές τώρα."})
