"""Schemas of the programmes slice."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields, validate


class ProgrammeQuerySchema(Schema):
    centre = fields.String(
        validate=validate.Regexp(r"^KSE-[0-9]{4}$", error="Μη έγκυρος κωδικός ΚΣΕ."),
        metadata={"description": "Κωδικός ΚΣΕ. Ο/Η υπεύθυνος/η ΚΣΕ βλέπει μόνο το δικό του ΚΣΕ.", "example": "KSE-0001"},
    )
    period_id = fields.Integer(
        validate=validate.Range(min=1, error="Μη έγκυρη περίοδος."),
        metadata={"description": "Μόνο τα προγράμματα αυτής της περιόδου.", "example": 1},
    )


class ProgrammeSchema(Schema):
    code = fields.String(metadata={"description": "Κωδικός προγράμματος.", "example": "2026-B2-4-IIb-B2.4-ΠΕΛΟΠΟΝΝΗΣΟΥ-001"})
    period_id = fields.Integer(metadata={"description": "Αναγνωριστικό της περιόδου στην applications-svc.", "example": 1})
    period_code = fields.String(metadata={"example": "2026-B2-4"})
    centre_code = fields.String(metadata={"description": "Κωδικός ΚΣΕ.", "example": "KSE-0001"})
    centre_name = fields.String(metadata={"example": "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ"})
    cluster_code = fields.String(metadata={"description": "Συστάδα.", "example": "B2.4"})
    cluster_name = fields.String(metadata={"example": "ΠΛΗΡΟΦΟΡΙΚΗ"})
    category = fields.String(metadata={"description": "Κατηγορία (τύπος) προγράμματος.", "example": "IIb"})
    category_name = fields.String(metadata={"example": "Μεικτό μοντέλο - μόνο σύγχρονες εξ αποστάσεως συνεδρίες"})
    area_code = fields.String(metadata={"description": "Νομός (IIa) ή Περιφέρεια (IIb).", "example": "ΠΕΛΟΠΟΝΝΗΣΟΥ"})
    capacity = fields.Integer(metadata={"description": "Δυναμικότητα (θέσεις).", "example": 15})
    minimum_participants = fields.Integer(metadata={"description": "Ελάχιστος αριθμός επιμορφούμενων.", "example": 10})
    starts_on = fields.Date(allow_none=True, metadata={"description": "Έναρξη υλοποίησης (κενό αν δεν έχει οριστεί)."})
    ends_on = fields.Date(allow_none=True, metadata={"description": "Λήξη υλοποίησης (κενό αν δεν έχει οριστεί)."})
    to_be_implemented = fields.Boolean(
        allow_none=True,
        metadata={"description": "Αν υλοποιείται: οι επιτυχόντες έφτασαν τον ελάχιστο αριθμό (κενό πριν από την κατανομή)."},
    )
    allocation_phase = fields.String(
        allow_none=True,
        metadata={"description": "Η τελευταία φάση κατανομής (A ή B) που έφτασε (κενό πριν από την κατανομή).", "example": "A"},
    )
    received_at = fields.AwareDateTime(metadata={"description": "Πότε έφτασε το συμβάν που ενημέρωσε το πρόγραμμα."})
    last_event_id = fields.String(metadata={"description": "Το συμβάν που άλλαξε τελευταίο το πρόγραμμα."})


class CandidateProgrammeSchema(ProgrammeSchema):
    """The programme's fields that matter to a candidate list."""

    class Meta(ProgrammeSchema.Meta):
        fields = ("code", "centre_code", "cluster_code", "cluster_name", "category", "capacity",
                  "to_be_implemented", "allocation_phase")


class CandidateSchema(Schema):
    teacher_id = fields.String(metadata={"description": "Ο/Η εκπαιδευτικός (αναγνωριστικό λογαριασμού).", "example": "f3a1c2d4-0000-4000-8000-000000000001"})
    position = fields.Integer(metadata={"description": "Σειρά στη λίστα, από το 1.", "example": 1})
    phase = fields.String(metadata={"description": "Η φάση κατανομής (A ή B) του συμβάντος από το οποίο προέρχεται.", "example": "A"})
    state = fields.String(metadata={"description": "Η τρέχουσα κατάσταση του/της υποψηφίου (επιτυχών, επιλαχών, εγγεγραμμένος, αποχώρησε, …).", "example": "successful"})


class ProgrammeCandidatesSchema(Schema):
    programme = fields.Nested(CandidateProgrammeSchema, metadata={"description": "Το πρόγραμμα."})
    successful = fields.List(fields.Nested(CandidateSchema), metadata={"description": "Επιτυχόντες, με τη σειρά των θέσεων."})
    waitlisted = fields.List(fields.Nested(CandidateSchema), metadata={"description": "Επιλαχόντες, με τη σειρά κατάταξης."})
