"""Schemas of the rooms slice."""
from marshmallow import fields, validate

from ..text import StrippedSchema, text


class RoomCreateSchema(StrippedSchema):
    name = text(1, 100, required=True, metadata={"description": "Αίθουσα / εργαστήριο.", "example": "Εργαστήριο Πληροφορικής 1"})
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
    specs = text(
        0, 4000, load_default="",
        metadata={"description": "Τεχνικά χαρακτηριστικά σταθμών εργασίας.", "example": "Intel i5, 8 GB RAM, Windows 11"},
    )
    evaluation = text(
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
