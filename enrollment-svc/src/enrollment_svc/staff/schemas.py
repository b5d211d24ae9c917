"""Schemas of the staff slice."""
from epimorfosi_platform.schemas import Afm, Schema
from marshmallow import fields, validate

NAME = validate.Length(min=1, max=100)


class PersonSchema(Schema):
    afm = Afm(required=True, metadata={"description": "ΑΦΜ.", "example": "123456783"})
    surname = fields.String(required=True, validate=NAME, metadata={"example": "ΠΑΠΑΔΟΠΟΥΛΟΣ"})
    name = fields.String(required=True, validate=NAME, metadata={"example": "ΓΕΩΡΓΙΟΣ"})


class StaffRequestSchema(Schema):
    coordinator = fields.Nested(PersonSchema, required=True, metadata={"description": "Συντονιστής/τρια του προγράμματος."})
    technical_lead = fields.Nested(PersonSchema, required=True, metadata={"description": "Τεχνικός υπεύθυνος."})
    trainer_ids = fields.List(fields.Integer(validate=validate.Range(min=1)), required=True,
                              validate=validate.Length(min=1, max=10, error="Ορίστε από 1 έως 10 επιμορφωτές."),
                              metadata={"description": "Επιμορφωτές του μητρώου Μ1 (ενεργοί), με τη σειρά τους.", "example": [7]})


class TrainerSchema(Schema):
    trainer_id = fields.Integer(metadata={"example": 7})
    surname = fields.String(metadata={"example": "ΠΑΠΑΔΟΠΟΥΛΟΥ"})
    name = fields.String(metadata={"example": "ΜΑΡΙΑ"})
    specialty = fields.String(metadata={"example": "ΠΕ86 - ΠΛΗΡΟΦΟΡΙΚΗΣ"})
    level = fields.String(metadata={"example": "B1"})
    cluster = fields.String(metadata={"example": "B1.4"})
    region = fields.String(metadata={"example": "ΠΕΛΟΠΟΝΝΗΣΟΥ"})
    active = fields.Boolean(metadata={"description": "Ενεργός/ή στο μητρώο (μόνο ενεργοί ανατίθενται)."})


class TrainerQuerySchema(Schema):
    cluster = fields.String(validate=validate.Regexp(r"^B[12]\.[0-9]{1,2}$", error="Μη έγκυρη συστάδα."),
                            metadata={"description": "Μόνο επιμορφωτές αυτής της συστάδας.", "example": "B1.4"})
    active = fields.Boolean(metadata={"description": "Μόνο ενεργοί (true) ή ανενεργοί (false)."})


class StaffMemberSchema(Schema):
    afm = fields.String()
    surname = fields.String()
    name = fields.String()


class ProgrammeStaffSchema(Schema):
    programme_code = fields.String(attribute="staff.programme_code")
    coordinator = fields.Method("_coordinator", metadata={"description": "Συντονιστής/τρια."})
    technical_lead = fields.Method("_technical_lead", metadata={"description": "Τεχνικός υπεύθυνος."})
    trainers = fields.List(fields.Nested(TrainerSchema))
    assigned_by = fields.String(attribute="staff.assigned_by")
    assigned_at = fields.AwareDateTime(attribute="staff.assigned_at")

    @staticmethod
    def _person(staff, role: str) -> dict:
        return {key: getattr(staff, f"{role}_{key}") for key in ("afm", "surname", "name")}

    def _coordinator(self, value):
        return self._person(value["staff"], "coordinator")

    def _technical_lead(self, value):
        return self._person(value["staff"], "technical_lead")
