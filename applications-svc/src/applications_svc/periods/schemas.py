"""Schemas of the periods slice: periods and their call, the catalogue, the distribution, the audit log."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields, validate

from .models import Level

LEVELS = [level.value for level in Level]

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
    level = fields.String(
        load_default=Level.B2.value,
        validate=validate.OneOf(LEVELS, error="Επίπεδο B1 ή B2."),
        metadata={"description": "Επίπεδο των συστάδων της πρόσκλησης (B1.x ή B2.x)."},
    )
    required_clusters = fields.Integer(
        load_default=13,
        validate=validate.Range(min=1, max=13, error="Από 1 έως 13 συστάδες."),
        metadata={"description": "Πλήθος συστάδων που απαιτεί η πρόσκληση για την οριστική υποβολή."},
    )
    minimum_participants = fields.Integer(
        load_default=10,
        validate=validate.Range(min=1, max=100, error="Από 1 έως 100 συμμετέχοντες."),
        metadata={"description": "Ελάχιστος αριθμός επιμορφούμενων για να υλοποιηθεί πρόγραμμα."},
    )
    max_choices = fields.Integer(
        load_default=5,
        validate=validate.Range(min=1, max=50, error="Από 1 έως 50 προγράμματα."),
        metadata={"description": "Μέγιστο πλήθος προγραμμάτων που δηλώνει ο εκπαιδευτικός σε μία αίτηση."},
    )
    max_programmes_per_centre = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(min=0, error="Μη αρνητικός αριθμός.")
    )
    max_programmes_per_centre_per_cell = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(min=0, error="Μη αρνητικός αριθμός.")
    )
    implementation_starts_on = fields.Date(load_default=None, allow_none=True)
    implementation_ends_on = fields.Date(load_default=None, allow_none=True)


class PeriodSchema(PeriodCreateSchema):
    id = fields.Integer(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)


# -- catalogue -----------------------------------------------------------------------------------
class SpecialtySchema(Schema):
    code = fields.String(attribute="specialty_code", metadata={"example": "ΠΕ86"})
    name = fields.String(attribute="specialty_name", metadata={"example": "ΠΛΗΡΟΦΟΡΙΚΗΣ"})


class ClusterSchema(Schema):
    code = fields.String(metadata={"example": "B1.4"})
    level = fields.String(metadata={"example": "B1"})
    number = fields.Integer()
    name = fields.String(metadata={"example": "ΠΛΗΡΟΦΟΡΙΚΗ"})
    specialties = fields.List(fields.Nested(SpecialtySchema))


class ClusterQuerySchema(Schema):
    level = fields.String(validate=validate.OneOf(LEVELS, error="Επίπεδο B1 ή B2."))
    specialty = fields.String(validate=validate.Length(max=20), metadata={"description": "π.χ. ΠΕ86"})


class CategorySchema(Schema):
    code = fields.String(metadata={"example": "IIa"})
    name = fields.String()
    allotted_per = fields.String(metadata={"description": "prefecture (Νομός) ή region (Περιφέρεια)"})


# -- distribution ------------------------------------------------------------------------------
class DistributionRowSchema(Schema):
    line = fields.Integer()
    area_code = fields.String()
    area_name = fields.String()
    category = fields.String()
    cluster = fields.String(attribute="cluster_code")
    cluster_name = fields.String()
    programmes = fields.Integer()


class DistributionSchema(Schema):
    period_id = fields.Integer()
    imported_at = fields.AwareDateTime(allow_none=True)
    imported_by = fields.String(allow_none=True)
    total_programmes = fields.Integer()
    rows = fields.List(fields.Nested(DistributionRowSchema))


class AuditEntrySchema(Schema):
    occurred_at = fields.AwareDateTime()
    actor = fields.String()
    action = fields.String()
    subject = fields.String()
    details = fields.Dict()

