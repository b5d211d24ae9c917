"""Request and response schemas (marshmallow, documented in OpenAPI by flask-smorest)."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields, validate, validates_schema, ValidationError

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
        load_default="B2",
        validate=validate.OneOf(["B1", "B2"], error="Επίπεδο B1 ή B2."),
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
    level = fields.String(validate=validate.OneOf(["B1", "B2"], error="Επίπεδο B1 ή B2."))
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


# -- read model ----------------------------------------------------------------------------------
class RoomSchema(Schema):
    room_id = fields.Integer()
    name = fields.String()
    certified = fields.Boolean()
    capacity = fields.Integer()
    certified_workstations = fields.Integer()
    usable = fields.Boolean()


class CentreSchema(Schema):
    code = fields.String()
    name = fields.String()
    directorate = fields.String()
    prefecture = fields.String()
    region = fields.String()
    rooms = fields.List(fields.Nested(RoomSchema))


# -- expression of interest ----------------------------------------------------------------------
class ClusterRefSchema(Schema):
    code = fields.String()
    name = fields.String()


class RankedClusterSchema(ClusterRefSchema):
    rank = fields.Integer()


class InterestSchema(Schema):
    period_id = fields.Integer()
    centre_code = fields.String()
    status = fields.String(metadata={"description": "draft ή submitted (οριστική υποβολή)"})
    read_only = fields.Boolean()
    required_clusters = fields.Integer()
    available = fields.List(fields.Nested(ClusterRefSchema), metadata={"description": "Αριστερός πίνακας"})
    chosen = fields.List(fields.Nested(RankedClusterSchema), metadata={"description": "Δεξιός πίνακας, με σειρά προτίμησης"})
    declarations = fields.List(fields.String())
    declarations_accepted = fields.Boolean()
    saved = fields.Boolean(metadata={"description": "«Καταχώριση επιλογών» μετά την τελευταία αλλαγή"})
    saved_at = fields.AwareDateTime(allow_none=True)
    can_submit = fields.Boolean()
    submit_blockers = fields.List(fields.String())
    submitted_at = fields.AwareDateTime(allow_none=True)
    random_number = fields.Integer(
        allow_none=True,
        metadata={"description": "Ο τυχαίος αριθμός του ΚΣΕ· προκύπτει από τον δημόσιο σπόρο της κλήρωσης."},
    )
    window_open = fields.Boolean()


class InterestSaveSchema(Schema):
    clusters = fields.List(fields.String(), required=True, validate=validate.Length(max=13, error="Έως 13 συστάδες."))
    declarations_accepted = fields.Boolean(required=True, metadata={"description": "«Συμφωνώ»"})


class DeclarationsSchema(Schema):
    accepted = fields.Boolean(required=True, metadata={"description": "«Συμφωνώ»"})


class AddChoiceSchema(Schema):
    cluster = fields.String(required=True, metadata={"example": "B2.4"})
    position = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1, max=13, error="Θέση 1 έως 13."))


class MoveChoiceSchema(Schema):
    direction = fields.String(validate=validate.OneOf(["up", "down"], error="up ή down."))
    position = fields.Integer(validate=validate.Range(min=1, max=13, error="Θέση 1 έως 13."))

    @validates_schema
    def one_of(self, data, **kwargs):
        if ("direction" in data) == ("position" in data):
            raise ValidationError("Δώστε είτε κατεύθυνση (direction) είτε θέση (position).", "_schema")


class SubmitSchema(Schema):
    confirm = fields.Boolean(required=True, metadata={"description": "«Ναι» στο μήνυμα επιβεβαίωσης"})


# -- lottery -------------------------------------------------------------------------------------
class SeedSchema(Schema):
    seed = fields.String(
        required=True,
        validate=validate.Length(min=1, max=200, error="Ο σπόρος πρέπει να έχει 1 έως 200 χαρακτήρες."),
        metadata={"example": "07 12 19 28 33 41"},
    )
    source = fields.String(
        required=True,
        validate=validate.Length(min=3, max=500, error="Η πηγή πρέπει να έχει 3 έως 500 χαρακτήρες."),
        metadata={"example": "Κλήρωση ΛΟΤΤΟ 12/09/2026"},
    )


class DrawRecordSchema(Schema):
    """The publishable record of a draw (kind, algorithm, input, input_sha256, seed, result) that
    `python -m applications_svc.verify` accepts, plus the procedure's state."""

    period_id = fields.Integer()
    status = fields.String(metadata={"description": "frozen, seeded ή drawn"})
    kind = fields.String()
    algorithm = fields.String()
    rules_version = fields.String()
    input = fields.Dict()
    input_sha256 = fields.String()
    seed = fields.String(allow_none=True)
    seed_source = fields.String(allow_none=True)
    result = fields.Dict(allow_none=True)
    frozen_at = fields.AwareDateTime()
    frozen_by = fields.String()
    seeded_at = fields.AwareDateTime(allow_none=True)
    drawn_at = fields.AwareDateTime(allow_none=True)


class LotterySchema(DrawRecordSchema):
    programmes_created = fields.Integer()


class DrawSummarySchema(Schema):
    """A draw's state without its documents (the answer to freeze, seed and draw)."""

    period_id = fields.Integer()
    status = fields.String()
    input_sha256 = fields.String()
    seed = fields.String(allow_none=True)
    seed_source = fields.String(allow_none=True)
    frozen_at = fields.AwareDateTime()
    seeded_at = fields.AwareDateTime(allow_none=True)
    drawn_at = fields.AwareDateTime(allow_none=True)


class LotterySummarySchema(DrawSummarySchema):
    programmes_created = fields.Integer()


class CentreProgrammeSchema(Schema):
    code = fields.String()
    cluster = fields.String()
    cluster_name = fields.String()
    category = fields.String()
    category_name = fields.String()
    area_code = fields.String()
    capacity = fields.Integer()
    preference_rank = fields.Integer()
    starts_on = fields.Date(allow_none=True)
    ends_on = fields.Date(allow_none=True)


class CentreLotteryResultSchema(Schema):
    period_id = fields.Integer()
    period_name = fields.String()
    drawn_at = fields.AwareDateTime()
    took_part = fields.Boolean()
    eligible = fields.Boolean(allow_none=True)
    random_number = fields.Integer(allow_none=True)
    selected = fields.Boolean()
    programmes = fields.List(fields.Nested(CentreProgrammeSchema))


class AuditEntrySchema(Schema):
    occurred_at = fields.AwareDateTime()
    actor = fields.String()
    action = fields.String()
    subject = fields.String()
    details = fields.Dict()


# -- teacher applications ------------------------------------------------------------------------
class ApplicationSaveSchema(Schema):
    specialty = fields.String(
        required=True,
        validate=validate.Length(min=2, max=20, error="Η ειδικότητα πρέπει να έχει 2 έως 20 χαρακτήρες."),
        metadata={"example": "ΠΕ86", "description": "Κλάδος/ειδικότητα του εκπαιδευτικού"},
    )
    programmes = fields.List(
        fields.String(validate=validate.Length(min=1, max=120)), required=True,
        validate=validate.Length(min=1, max=50, error="Δηλώστε από 1 έως 50 προγράμματα."),
        metadata={"description": "Κωδικοί προγραμμάτων με σειρά προτίμησης (1η πρώτη)"},
    )


class RankedProgrammeSchema(Schema):
    rank = fields.Integer()
    code = fields.String()
    cluster = fields.String()
    cluster_name = fields.String()
    category = fields.String()
    centre_code = fields.String()
    centre_name = fields.String()
    area_code = fields.String()


class ApplicationSchema(Schema):
    period_id = fields.Integer()
    phase = fields.String(metadata={"description": "A ή B"})
    teacher_id = fields.String()
    candidate_number = fields.String(metadata={
        "description": "Ο αριθμός του εκπαιδευτικού στα δημοσιευμένα αρχεία της κατανομής της περιόδου"})
    specialty = fields.String()
    max_choices = fields.Integer()
    programmes = fields.List(fields.Nested(RankedProgrammeSchema))
    updated_at = fields.AwareDateTime()
    window_open = fields.Boolean()
    read_only = fields.Boolean()


# -- allocation ----------------------------------------------------------------------------------
class AllocationSchema(DrawRecordSchema):
    phase = fields.String()


class AllocationSummarySchema(DrawSummarySchema):
    phase = fields.String()
    applicants = fields.Integer()
    seated = fields.Integer(allow_none=True)
    to_be_implemented = fields.Integer(allow_none=True)


class MySeatSchema(Schema):
    programme = fields.Nested(RankedProgrammeSchema)
    phase = fields.String()
    choice = fields.Integer()
    seat_order = fields.Integer()
    random_number = fields.Integer()


class MyWaitlistSchema(Schema):
    programme = fields.Nested(RankedProgrammeSchema)
    phase = fields.String()
    position = fields.Integer()


class MyAllocationSchema(Schema):
    period_id = fields.Integer()
    phases_drawn = fields.List(fields.String())
    status = fields.String(metadata={"description": "successful, waitlisted, not-applied ή pending"})
    candidate_number = fields.String(allow_none=True, metadata={
        "description": "Ο αριθμός του εκπαιδευτικού στα δημοσιευμένα αρχεία της κατανομής (αν έχει κάνει αίτηση)"})
    seat = fields.Nested(MySeatSchema, allow_none=True)
    waitlists = fields.List(fields.Nested(MyWaitlistSchema))


class ProgrammeQuerySchema(Schema):
    cluster = fields.String(validate=validate.Length(max=10))
    centre = fields.String(validate=validate.Length(max=20))
    specialty = fields.String(validate=validate.Length(max=20), metadata={"description": "π.χ. ΠΕ86"})
    to_be_implemented = fields.Boolean(metadata={"description": "Κ3: μόνο τα προγράμματα προς υλοποίηση"})


class ProgrammeListSchema(Schema):
    """Κ2 (εγκεκριμένα προγράμματα) και, μετά την κατανομή, τα στοιχεία της Κ3."""

    code = fields.String()
    cluster = fields.String()
    cluster_name = fields.String()
    category = fields.String()
    category_name = fields.String()
    centre_code = fields.String()
    centre_name = fields.String()
    area_code = fields.String()
    capacity = fields.Integer()
    starts_on = fields.Date(allow_none=True)
    ends_on = fields.Date(allow_none=True)
    successful = fields.Integer(allow_none=True, metadata={"description": "Επιτυχόντες (μετά την κατανομή)"})
    waitlisted = fields.Integer(allow_none=True, metadata={"description": "Επιλαχόντες (μετά την κατανομή)"})
    free_seats = fields.Integer(allow_none=True)
    to_be_implemented = fields.Boolean(allow_none=True,
                                       metadata={"description": "Συμπλήρωσε τον ελάχιστο αριθμό συμμετοχών"})
