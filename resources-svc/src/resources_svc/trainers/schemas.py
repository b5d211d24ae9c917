"""Schemas of the trainers slice (M1). The same `TrainerSchema` checks a form and each line of an
imported file, so both give the same Greek messages. Contact data (phone, e-mail) and the ΑΦΜ are
dumped only for central administrators (queries.trainer_view leaves them out for anyone else)."""
from epimorfosi_platform.schemas import Afm, Schema
from marshmallow import ValidationError, fields, pre_load, validate, validates_schema

from ..text import StrippedSchema, text
from .models import Level

CLUSTER = r"^B[12]\.[0-9]{1,2}$"
PHONE = r"^\+?[0-9]{10,15}$"
LEVELS = [level.value for level in Level]


def _latin_b(value):
    # «Β1» typed on a Greek keyboard is the Latin B1 of the register.
    return value.replace("Β", "B") if isinstance(value, str) else value


class TrainerEditSchema(StrippedSchema):
    """What may change on a trainer (not the ΑΦΜ, the register's key)."""

    surname = text(2, 100, required=True, metadata={"description": "Επώνυμο.", "example": "ΠΑΠΑΔΟΠΟΥΛΟΥ"})
    name = text(2, 100, required=True, metadata={"description": "Όνομα.", "example": "ΜΑΡΙΑ"})
    specialty = text(2, 100, required=True, metadata={"description": "Ειδικότητα.", "example": "ΠΕ86 - ΠΛΗΡΟΦΟΡΙΚΗΣ"})
    level = fields.String(
        required=True, validate=validate.OneOf(LEVELS, error="Το επίπεδο πιστοποίησης είναι B1 ή B2."),
        metadata={"description": "Επίπεδο πιστοποίησης Β' επιπέδου (B1 ή B2).", "example": "B1"},
    )
    certified_on = fields.Date(required=True, metadata={"description": "Ημερομηνία πιστοποίησης.", "example": "2025-06-30"})
    cluster = fields.String(
        required=True, validate=validate.Regexp(CLUSTER, error="Η συστάδα έχει τη μορφή B1.4 ή B2.3."),
        metadata={"description": "Συστάδα πιστοποίησης.", "example": "B1.4"},
    )
    region = text(2, 100, required=True, metadata={"description": "Περιφέρεια.", "example": "ΠΕΛΟΠΟΝΝΗΣΟΥ"})
    phone = fields.String(
        allow_none=True, validate=validate.Regexp(PHONE, error="Ο αριθμός τηλεφώνου έχει 10 έως 15 ψηφία."),
        metadata={"description": "Τηλέφωνο (μόνο για κεντρικούς διαχειριστές).", "example": "2721012345"},
    )
    email = fields.Email(allow_none=True, validate=validate.Length(max=200),
                         metadata={"description": "e-mail (μόνο για κεντρικούς διαχειριστές).",
                                   "example": "m.papadopoulou@sch.gr"})

    @pre_load
    def normalise(self, data, **_kwargs):
        if isinstance(data, dict):
            data = {k: (None if k in ("phone", "email") and v == "" else v) for k, v in data.items()}
            for key in ("level", "cluster"):
                if key in data:
                    data[key] = _latin_b(data[key])
            if isinstance(data.get("phone"), str):
                data["phone"] = "".join(data["phone"].split())
        return data

    @validates_schema
    def cluster_of_level(self, data, **_kwargs):
        level, cluster = data.get("level"), data.get("cluster")
        if level and cluster and not cluster.startswith(level + "."):
            raise ValidationError(f"Η συστάδα {cluster} δεν είναι του επιπέδου {level}.", "cluster")


class TrainerCreateSchema(TrainerEditSchema):
    afm = Afm(required=True, metadata={"description": "ΑΦΜ (κλειδί του μητρώου).", "example": "123456783"})


class TrainerSchema(TrainerCreateSchema):
    id = fields.Integer(dump_only=True)
    active = fields.Boolean(dump_only=True, metadata={"description": "Ενεργός στο μητρώο."})
    version = fields.Integer(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True)


class TrainerQuerySchema(Schema):
    specialty = fields.String(metadata={"description": "Ειδικότητα (ακριβώς)."})
    cluster = fields.String(metadata={"description": "Συστάδα, π.χ. B1.4."})
    region = fields.String(metadata={"description": "Περιφέρεια."})
    active = fields.Boolean(metadata={"description": "Μόνο ενεργοί (true) ή μόνο ανενεργοί (false)."})


class ImportResultSchema(Schema):
    lines = fields.Integer(metadata={"description": "Γραμμές δεδομένων του αρχείου."})
    registered = fields.Integer(metadata={"description": "Νέοι επιμορφωτές."})
    updated = fields.Integer(metadata={"description": "Επιμορφωτές που άλλαξαν."})
    unchanged = fields.Integer(metadata={"description": "Γραμμές χωρίς αλλαγή."})
