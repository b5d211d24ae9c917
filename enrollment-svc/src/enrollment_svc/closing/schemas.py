"""Schemas of the closing slice."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields, validate

from ..enrolment.schemas import EnrolmentProgrammeSchema
from ..enrolment.models import ProgrammeOutcome

REASON = {"description": "Αιτιολογία (καταγράφεται).", "example": "Απόφαση ΔΣ ΙΤΥΕ «Διόφαντος» για κάλυψη αναγκών."}


class ClosingQuerySchema(Schema):
    period_id = fields.Integer(validate=validate.Range(min=1), metadata={"description": "Μόνο αυτής της περιόδου."})


class ExceptionRequestSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500), metadata=REASON)


class ExceptionSchema(Schema):
    reason = fields.String(metadata=REASON)
    granted_by = fields.String()
    granted_at = fields.AwareDateTime()


class ClosingProgrammeFieldsSchema(EnrolmentProgrammeSchema):
    class Meta(EnrolmentProgrammeSchema.Meta):
        fields = (*EnrolmentProgrammeSchema.Meta.fields, "area_code")


class ClosingProgrammeSchema(Schema):
    programme = fields.Nested(ClosingProgrammeFieldsSchema)
    capacity = fields.Integer(metadata={"description": "Δυναμικότητα αίθουσας.", "example": 15})
    enrolled = fields.Integer(metadata={"description": "Εγγεγραμμένοι.", "example": 12})
    minimum = fields.Integer(allow_none=True, metadata={"description": "Ελάχιστος αριθμός της πρόσκλησης.", "example": 10})
    outcome = fields.String(metadata={"description": "open, cancelled ή final (" + ", ".join(ProgrammeOutcome) + ")."})
    closed_at = fields.AwareDateTime(allow_none=True, metadata={"description": "Πότε κρίθηκε στην προθεσμία εγγραφών."})
    exception = fields.Nested(ExceptionSchema, allow_none=True,
                              metadata={"description": "Εξαίρεση μειωμένης σύνθεσης, αν δόθηκε."})


class ApprovalRequestSchema(Schema):
    period_id = fields.Integer(required=True, validate=validate.Range(min=1), metadata={"example": 1})
    area_code = fields.String(required=True, validate=validate.Length(min=1, max=100),
                              metadata={"description": "Διεύθυνση εκπαίδευσης (περιοχή του προγράμματος).", "example": "ΜΕΣΣΗΝΙΑΣ"})
    centre_code = fields.String(required=True, validate=validate.Regexp(r"^KSE-[0-9]{4}$", error="Μη έγκυρος κωδικός ΚΣΕ."),
                                metadata={"example": "KSE-0001"})


class ApprovalSchema(Schema):
    period_id = fields.Integer()
    area_code = fields.String()
    centre_code = fields.String()
    programmes = fields.Integer(metadata={"description": "Πόσα προγράμματα έγιναν οριστικά."})
    approved_by = fields.String()
    approved_at = fields.AwareDateTime()
