"""Schemas of the centres slice. Descriptions carry the Greek column names users know from the KSE
screens."""
import re

from marshmallow import ValidationError, fields, validate

from ..text import StrippedSchema, text
from .codes import CENTRE_CODE

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def email_or_blank(value: str) -> None:
    """The head is named by the e-mail of their account; blank: not named yet."""
    if value and not EMAIL.match(value):
        raise ValidationError("Δώστε έγκυρη διεύθυνση e-mail.")


class CentreFieldsSchema(StrippedSchema):
    name = text(3, 200, required=True, metadata={"description": "Επωνυμία ΚΣΕ.", "example": "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ"})
    school = text(0, 200, load_default="", metadata={"description": "Σχολική μονάδα.", "example": "24ο Δημοτικό Σχολείο Καλαμάτας"})
    directorate = text(
        3, 200, required=True,
        metadata={"description": "Διεύθυνση Εκπαίδευσης.", "example": "Διεύθυνση Π.Ε. Μεσσηνίας"},
    )
    prefecture = text(
        2, 100, required=True,
        metadata={"description": "Νομός (περιοχή των προγραμμάτων κατηγορίας IIa).", "example": "ΜΕΣΣΗΝΙΑΣ"},
    )
    region = text(
        2, 100, required=True,
        metadata={"description": "Περιφέρεια (περιοχή των προγραμμάτων κατηγορίας IIb).", "example": "ΠΕΛΟΠΟΝΝΗΣΟΥ"},
    )
    head = fields.String(
        load_default="",
        validate=[validate.Length(max=200, error="Έως 200 χαρακτήρες."), email_or_blank],
        metadata={"description": "Υπεύθυνος ΚΣΕ: το e-mail του λογαριασμού του.", "example": "kse1@epimorfosi.test"},
    )


class CentreChangesSchema(CentreFieldsSchema):
    """The fields a change sends (loaded with partial=True: absent ones stay as they are)."""


class CentreCreateSchema(CentreFieldsSchema):
    code = fields.String(
        required=True,
        validate=validate.Regexp(CENTRE_CODE, error="Ο κωδικός ΚΣΕ έχει τη μορφή KSE-0001."),
        metadata={"description": "Κωδικός ΚΣΕ στο μητρώο.", "example": "KSE-0001"},
    )


class CentreSchema(CentreCreateSchema):
    created_at = fields.AwareDateTime(dump_only=True, metadata={"description": "Καταχώριση στο μητρώο."})


class CentreQuerySchema(StrippedSchema):
    prefecture = fields.String(metadata={"description": "Μόνο τα ΚΣΕ του Νομού."})
    region = fields.String(metadata={"description": "Μόνο τα ΚΣΕ της Περιφέρειας."})


class RegisterImportSchema(StrippedSchema):
    registered = fields.Integer(metadata={"description": "Νέα ΚΣΕ."})
    updated = fields.Integer(metadata={"description": "ΚΣΕ που άλλαξαν."})
    unchanged = fields.Integer(metadata={"description": "ΚΣΕ χωρίς αλλαγή."})
