"""Request and response schemas (marshmallow, documented in OpenAPI by flask-smorest)."""
from marshmallow import Schema, fields, validate

WINDOW_FIELDS = (
    "interest_opens_at",
    "interest_closes_at",
    "applications_a_opens_at",
    "applications_a_closes_at",
    "applications_b_opens_at",
    "applications_b_closes_at",
    "allocation_published_at",
    "enrolment_deadline",
)


class PeriodCreateSchema(Schema):
    code = fields.String(
        required=True,
        validate=validate.Regexp(r"^[A-Za-z0-9._-]{2,40}$", error="Κωδικός 2–40 λατινικών χαρακτήρων, ψηφίων ή . _ -"),
        metadata={"example": "2026-B1-7"},
    )
    name = fields.String(
        required=True,
        validate=validate.Length(min=3, max=200, error="Ο τίτλος πρέπει να έχει 3 έως 200 χαρακτήρες."),
        metadata={"example": "7η Περίοδος Β1 - 4η Περίοδος Β2"},
    )
    interest_opens_at = fields.AwareDateTime(required=True)
    interest_closes_at = fields.AwareDateTime(required=True)
    applications_a_opens_at = fields.AwareDateTime(required=True)
    applications_a_closes_at = fields.AwareDateTime(required=True)
    applications_b_opens_at = fields.AwareDateTime(required=True)
    applications_b_closes_at = fields.AwareDateTime(required=True)
    allocation_published_at = fields.AwareDateTime(required=True)
    enrolment_deadline = fields.AwareDateTime(required=True)


class PeriodSchema(PeriodCreateSchema):
    id = fields.Integer(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
