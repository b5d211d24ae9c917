"""Schemas of the centres slice. Descriptions carry the Greek column names users know from the KSE
screens."""
from marshmallow import fields, validate

from ..text import StrippedSchema, text
from .codes import CENTRE_CODE


class CentreCreateSchema(StrippedSchema):
    code = fields.String(
        required=True,
        validate=validate.Regexp(CENTRE_CODE, error="Ο κωδικός ΚΣΕ έχει τη μορφή KSE-0001."),
        metadata={"description": "Κωδικός ΚΣΕ στο μητρώο.", "example": "KSE-0001"},
    )
    name = text(3, 200, required=True, metadata={"description": "Επωνυμία ΚΣΕ (σχολική μονάδα).", "example": "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ"})
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


class CentreSchema(CentreCreateSchema):
    created_at = fields.AwareDateTime(dump_only=True, metadata={"description": "Καταχώριση στο μητρώο."})
