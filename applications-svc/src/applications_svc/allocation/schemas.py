"""Schemas of the teacher applications, the allocation, the teachers' results and the lists K2/K3."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields, validate

from ..draws.schemas import DrawRecordSchema, DrawSummarySchema


PHONE = validate.Regexp(r"^\+?[0-9 ]{10,20}$", error="Μη έγκυρος αριθμός τηλεφώνου (10 έως 20 ψηφία).")


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
    phone = fields.String(load_default=None, allow_none=True, validate=PHONE,
                          metadata={"example": "2721012345", "description": "Τηλέφωνο επικοινωνίας (για το ΚΣΕ)"})
    mobile = fields.String(load_default=None, allow_none=True, validate=PHONE,
                           metadata={"example": "6912345678", "description": "Κινητό τηλέφωνο (για το ΚΣΕ)"})
    id_card_number = fields.String(
        load_default=None, allow_none=True,
        validate=validate.Regexp(r"^[0-9A-Za-zΑ-Ωα-ω -]{4,20}$", error="Μη έγκυρος αριθμός ταυτότητας."),
        metadata={"example": "ΑΒ 123456", "description": "Αριθμός δελτίου ταυτότητας (για την εγγραφή)"})


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
    phone = fields.String(allow_none=True)
    mobile = fields.String(allow_none=True)
    id_card_number = fields.String(allow_none=True)
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
