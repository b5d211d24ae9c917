"""Schemas of the lists slice."""
from epimorfosi_platform.schemas import Schema
from epimorfosi_platform.table_export import FORMATS
from marshmallow import fields, validate


class ListQuerySchema(Schema):
    period_id = fields.Integer(validate=validate.Range(min=1, error="Μη έγκυρη περίοδος."),
                               metadata={"description": "Μόνο τα προγράμματα αυτής της περιόδου.", "example": 1})
    centre = fields.String(validate=validate.Regexp(r"^KSE-[0-9]{4}$", error="Μη έγκυρος κωδικός ΚΣΕ."),
                           metadata={"description": "Κωδικός ΚΣΕ (μόνο για την κεντρική διαχείριση· οι άλλοι βλέπουν το δικό τους).",
                                     "example": "KSE-0001"})
    code = fields.String(validate=validate.Length(min=1, max=120),
                         metadata={"description": "Μέρος του κωδικού προγράμματος.", "example": "B1.4"})
    cluster = fields.String(validate=validate.Regexp(r"^B[12]\.[0-9]{1,2}$", error="Μη έγκυρη συστάδα."),
                            metadata={"description": "Συστάδα.", "example": "B1.4"})
    category = fields.String(validate=validate.OneOf(["IIa", "IIb"], error="Μη έγκυρος τύπος προγράμματος."),
                             metadata={"description": "Τύπος προγράμματος.", "example": "IIb"})


class ExportQuerySchema(ListQuerySchema):
    format = fields.String(required=True, validate=validate.OneOf(FORMATS, error="Μορφή: csv ή xlsx."),
                           metadata={"description": "csv ή xlsx.", "example": "xlsx"})


class FileFormatSchema(Schema):
    format = fields.String(required=True, validate=validate.OneOf(FORMATS, error="Μορφή: csv ή xlsx."),
                           metadata={"description": "csv ή xlsx.", "example": "csv"})


class ProgrammeRowSchema(Schema):
    programme_code = fields.String(metadata={"description": "Κωδικός προγράμματος."})
    period_id = fields.Integer()
    period_code = fields.String()
    centre_code = fields.String()
    centre_name = fields.String(metadata={"description": "Ονομασία Κ.Σ.Ε."})
    cluster = fields.String(metadata={"description": "Συστάδα.", "example": "B1.4 ΠΛΗΡΟΦΟΡΙΚΗ"})
    programme_type = fields.String(metadata={"description": "Τύπος προγράμματος."})
    capacity = fields.Integer(metadata={"description": "Δυναμικότητα αίθουσας."})
    implementation_period = fields.String(metadata={"description": "Διάστημα υλοποίησης.", "example": "02/11/2026 – 20/12/2026"})
    staff = fields.String(metadata={"description": "Συντελεστές."})
    successful = fields.Integer(metadata={"description": "Επιτυχόντες της κατανομής (φάσεις Α και Β)."})
    reserves = fields.Integer(metadata={"description": "Επιλαχόντες της κατανομής (φάσεις Α και Β)."})
    enrolled = fields.Integer(metadata={"description": "Εγγεγραμμένοι."})


class CandidateRowSchema(Schema):
    teacher_id = fields.String()
    surname = fields.String(allow_none=True)
    name = fields.String(allow_none=True)
    registry_number = fields.String(allow_none=True, metadata={"description": "Α.Μ."})
    specialty = fields.String(allow_none=True)
    phone = fields.String(allow_none=True, metadata={"description": "Μόνο για όσους βλέπουν στοιχεία επικοινωνίας."})
    mobile = fields.String(allow_none=True, metadata={"description": "Μόνο για όσους βλέπουν στοιχεία επικοινωνίας."})
    email = fields.String(allow_none=True, metadata={"description": "Μόνο για όσους βλέπουν στοιχεία επικοινωνίας."})
    outcome = fields.String(metadata={"description": "K4: Επιτυχών/Επιλαχών (η λίστα της κατανομής)."})
    position = fields.Integer(metadata={"description": "K4: σειρά στη λίστα."})
    state = fields.String(metadata={"description": "K4: η τρέχουσα κατάσταση."})
    status = fields.String(metadata={"description": "K4: η τρέχουσα κατάσταση στα ελληνικά."})


class ColumnSchema(Schema):
    key = fields.String()
    label = fields.String()


class FormRowsSchema(Schema):
    """A list as documents-svc's list forms take it: the rows keyed by their columns' keys."""

    code = fields.String(metadata={"example": "K3"})
    title = fields.String()
    columns = fields.List(fields.Nested(ColumnSchema), metadata={"description": "Οι στήλες, με τη σειρά τους."})
    heading = fields.Dict(metadata={"description": "K4/K5: τα στοιχεία του προγράμματος πάνω από τον πίνακα."})
    rows = fields.List(fields.Dict(), metadata={"description": "Οι γραμμές (χωρίς «Α/Α»: το προσθέτει το έντυπο)."})
