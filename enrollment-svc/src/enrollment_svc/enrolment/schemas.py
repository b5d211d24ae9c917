"""Schemas of the enrolment slice."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields, validate

from ..programmes.schemas import ProgrammeSchema
from .rules import State

TEACHER = {"description": "Ο/Η εκπαιδευτικός (αναγνωριστικό λογαριασμού).", "example": "f3a1c2d4-0000-4000-8000-000000000001"}


class EnrolmentQuerySchema(Schema):
    period_id = fields.Integer(validate=validate.Range(min=1, error="Μη έγκυρη περίοδος."),
                               metadata={"description": "Μόνο τα προγράμματα αυτής της περιόδου.", "example": 1})


class EnrolmentProgrammeSchema(ProgrammeSchema):
    """The programme's fields the enrolment screen shows."""

    class Meta(ProgrammeSchema.Meta):
        fields = ("code", "period_id", "centre_code", "centre_name", "cluster_code", "cluster_name", "category",
                  "category_name", "starts_on", "ends_on")


class ApprovedProgrammeSchema(Schema):
    programme = fields.Nested(EnrolmentProgrammeSchema)
    capacity = fields.Integer(metadata={"description": "Δυναμικότητα (θέσεις).", "example": 15})
    enrolled = fields.Integer(metadata={"description": "Εγγεγραμμένοι.", "example": 3})
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(),
                         metadata={"description": "Πλήθος υποψηφίων ανά κατάσταση.", "example": {"successful": 12, "waitlisted": 4}})


class EntrySchema(Schema):
    teacher_id = fields.String(metadata=TEACHER)
    state = fields.String(metadata={"description": "Κατάσταση: " + ", ".join(State), "example": "successful"})
    allocated_as = fields.String(metadata={"description": "Η λίστα της κατανομής (successful / waitlisted).", "example": "successful"})
    position = fields.Integer(metadata={"description": "Σειρά στη λίστα της κατανομής (για επιλαχόντες: σειρά προτεραιότητας).", "example": 1})
    phase = fields.String(metadata={"description": "Η φάση κατανομής (A ή B).", "example": "A"})
    changed_at = fields.AwareDateTime(metadata={"description": "Τελευταία αλλαγή κατάστασης."})
    offer_expires_at = fields.AwareDateTime(allow_none=True, metadata={
        "description": "Για πρόσκληση σε θέση: έως πότε μπορείτε να την αποδεχθείτε."})
    name = fields.String(attribute="candidate.name", allow_none=True, metadata={"description": "Όνομα."})
    surname = fields.String(attribute="candidate.surname", allow_none=True, metadata={"description": "Επώνυμο."})
    father_name = fields.String(attribute="candidate.father_name", allow_none=True, metadata={"description": "Πατρώνυμο."})
    id_card_number = fields.String(attribute="candidate.id_card_number", allow_none=True,
                                   metadata={"description": "Αρ. ταυτότητας."})


class ProgrammeEntriesSchema(Schema):
    programme = fields.Nested(ApprovedProgrammeSchema)
    entries = fields.List(fields.Nested(EntrySchema), metadata={"description": "Επιτυχόντες με τη σειρά τους, μετά οι επιλαχόντες με αυστηρή σειρά."})


class EnrolmentRequestSchema(Schema):
    teacher_ids = fields.List(fields.String(validate=validate.Length(min=1, max=100)), required=True,
                              validate=validate.Length(min=1, max=500, error="Επιλέξτε τουλάχιστον έναν/μία υποψήφιο/α."),
                              metadata={"description": "Οι υποψήφιοι που εγγράφονται με μία «Καταχώριση» (όλοι ή κανένας)."})


class SkipRequestSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500),
                           metadata={"description": "Αιτιολογία της παράκαμψης (καταγράφεται).", "example": "Δεν κατέστη δυνατή η επικοινωνία."})


class WithdrawalFormSchema(Schema):
    file = fields.Raw(required=True, metadata={"type": "string", "format": "binary",
                                               "description": "Η υπογεγραμμένη υπεύθυνη δήλωση (PDF, έως 5 MB)."})


class HistorySchema(Schema):
    previous_state = fields.String(allow_none=True)
    state = fields.String()
    action = fields.String(metadata={"description": "Τι την άλλαξε (allocation, enrol, withdraw, promote, skip, …)."})
    position = fields.Integer(allow_none=True)
    actor = fields.String(metadata={"description": "Ποιος (ή το συμβάν κατανομής)."})
    reason = fields.String(allow_none=True)
    at = fields.AwareDateTime()


class MyEntrySchema(Schema):
    """A teacher's own entry in a programme."""

    programme = fields.Nested(EnrolmentProgrammeSchema)
    state = fields.String(metadata={"description": "Κατάσταση: " + ", ".join(State), "example": "waitlisted"})
    allocated_as = fields.String(metadata={"description": "Η λίστα της κατανομής (successful / waitlisted).", "example": "waitlisted"})
    position = fields.Integer(metadata={"description": "Σειρά στη λίστα της κατανομής.", "example": 3})
    live_position = fields.Integer(allow_none=True, metadata={
        "description": "Για επιλαχόντες: η σειρά τώρα (1 + όσοι επιλαχόντες προηγούνται αυτή τη στιγμή).", "example": 1})
    phase = fields.String(metadata={"description": "Η φάση κατανομής (A ή B).", "example": "A"})
    changed_at = fields.AwareDateTime(metadata={"description": "Τελευταία αλλαγή κατάστασης."})
    offer_expires_at = fields.AwareDateTime(allow_none=True, metadata={
        "description": "Για πρόσκληση σε θέση: έως πότε μπορείτε να την αποδεχθείτε."})
