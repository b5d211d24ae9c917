"""Schemas of the audit slice."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields, validate


class AuditQuerySchema(Schema):
    period_id = fields.Integer(validate=validate.Range(min=1))
    centre_code = fields.String(validate=validate.Length(max=20), metadata={"example": "KSE-0001"})
    programme_code = fields.String(validate=validate.Length(max=120))
    teacher_id = fields.String(validate=validate.Length(max=100))
    actor = fields.String(validate=validate.Length(max=100), metadata={"description": "Ποιος (subject ή system)."})
    action = fields.String(validate=validate.Length(max=40), metadata={
        "description": "allocation, enrol, withdraw, offer, accept, decline, expire, skip, cancel, exception, kept, "
                       "cancellation, approval", "example": "skip"})


class AuditRecordSchema(Schema):
    id = fields.Integer()
    at = fields.AwareDateTime(metadata={"description": "Πότε."})
    actor = fields.String(metadata={"description": "Ποιος: λογαριασμός, «system» για τις ενέργειες της προθεσμίας, "
                                                   "ή το συμβάν κατανομής."})
    action = fields.String(metadata={"description": "Τι έγινε."})
    period_id = fields.Integer(allow_none=True)
    centre_code = fields.String(allow_none=True)
    programme_code = fields.String(allow_none=True)
    teacher_id = fields.String(allow_none=True)
    previous_state = fields.String(allow_none=True)
    state = fields.String(allow_none=True)
    reason = fields.String(allow_none=True, metadata={"description": "Γιατί (αιτιολογία, αν δόθηκε)."})
    details = fields.Dict(metadata={"description": "Λοιπά στοιχεία της αλλαγής."})
