"""Request and response schemas (marshmallow, documented in OpenAPI by flask-smorest).
Descriptions carry the Greek column names users know from the KSE screens."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields, pre_load, validate

from .domain import CENTRE_CODE


class _Stripped(Schema):
    @pre_load
    def strip_text(self, data, **_kwargs):
        # "  24ο ΔΗΜΟΤΙΚΟ " and "24ο ΔΗΜΟΤΙΚΟ" are the same name; blanks alone are no name.
        if isinstance(data, dict):
            return {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
        return data


def _text(minimum: int, maximum: int, **kwargs) -> fields.String:
    return fields.String(
        validate=validate.Length(
            min=minimum, max=maximum, error=f"Από {minimum} έως {maximum} χαρακτήρες."
        ),
        **kwargs,
    )


class CentreCreateSchema(_Stripped):
    code = fields.String(
        required=True,
        validate=validate.Regexp(CENTRE_CODE, error="Ο κωδικός ΚΣΕ έχει τη μορφή KSE-0001."),
        metadata={"description": "Κωδικός ΚΣΕ στο μητρώο.", "example": "KSE-0001"},
    )
    name = _text(3, 200, required=True, metadata={"description": "Επωνυμία ΚΣΕ (σχολική μονάδα).", "example": "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ"})
    directorate = _text(
        3, 200, required=True,
        metadata={"description": "Διεύθυνση Εκπαίδευσης.", "example": "Διεύθυνση Π.Ε. Μεσσηνίας"},
    )
    prefecture = _text(
        2, 100, required=True,
        metadata={"description": "Νομός (περιοχή των προγραμμάτων κατηγορίας IIa).", "example": "ΜΕΣΣΗΝΙΑΣ"},
    )
    region = _text(
        2, 100, required=True,
        metadata={"description": "Περιφέρεια (περιοχή των προγραμμάτων κατηγορίας IIb).", "example": "ΠΕΛΟΠΟΝΝΗΣΟΥ"},
    )


class CentreSchema(CentreCreateSchema):
    created_at = fields.AwareDateTime(dump_only=True, metadata={"description": "Καταχώριση στο μητρώο."})


class RoomCreateSchema(_Stripped):
    name = _text(1, 100, required=True, metadata={"description": "Αίθουσα / εργαστήριο.", "example": "Εργαστήριο Πληροφορικής 1"})
    certified = fields.Boolean(required=True, metadata={"description": "Πιστοποιημένη."})
    capacity = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=1, max=1000, error="Η δυναμικότητα πρέπει να είναι από 1 έως 1000."),
        metadata={"description": "Δυναμικότητα: θέσεις επιμορφούμενων.", "example": 15},
    )
    certified_workstations = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=0, max=1000, error="Από 0 έως 1000."),
        metadata={"description": "Πιστοποιημένοι σταθμοί εργασίας.", "example": 16},
    )
    uncertified_workstations = fields.Integer(
        strict=True,
        load_default=0,
        validate=validate.Range(min=0, max=1000, error="Από 0 έως 1000."),
        metadata={
            "description": "Μη πιστοποιημένοι σταθμοί εργασίας (δεν χρησιμοποιούνται στην επιμόρφωση).",
            "example": 2,
        },
    )
    specs = _text(
        0, 4000, load_default="",
        metadata={"description": "Τεχνικά χαρακτηριστικά σταθμών εργασίας.", "example": "Intel i5, 8 GB RAM, Windows 11"},
    )
    evaluation = _text(
        0, 4000, load_default="",
        metadata={"description": "Αποτέλεσμα αξιολόγησης της αίθουσας.", "example": "Κατάλληλη"},
    )


class RoomSchema(RoomCreateSchema):
    id = fields.Integer(dump_only=True, metadata={"description": "Αναγνωριστικό αίθουσας."})
    centre_code = fields.String(
        dump_only=True, attribute="centre.code", metadata={"description": "Κωδικός ΚΣΕ.", "example": "KSE-0001"}
    )
    usable = fields.Boolean(
        dump_only=True,
        metadata={
            "description": "Κατάλληλη για επιμόρφωση: πιστοποιημένη, με δυναμικότητα και πιστοποιημένους σταθμούς εργασίας."
        },
    )
    created_at = fields.AwareDateTime(dump_only=True, metadata={"description": "Καταχώριση."})
