"""Schemas of the rooms slice."""
from marshmallow import fields, validate

from ..text import FlatRows, StrippedSchema, text
from ..workstations.schemas import WorkstationCreateSchema


class RoomFieldsSchema(StrippedSchema):
    name = text(1, 100, required=True, metadata={"description": "Αίθουσα / εργαστήριο.", "example": "Εργαστήριο Πληροφορικής 1"})
    certified = fields.Boolean(
        load_default=False,
        metadata={"description": "Πιστοποιημένη (ορίζεται μόνο από τον Κεντρικό Διαχειριστή)."},
    )
    capacity = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=1, max=1000, error="Η δυναμικότητα πρέπει να είναι από 1 έως 1000."),
        metadata={"description": "Δυναμικότητα: θέσεις επιμορφούμενων.", "example": 15},
    )
    specs = text(
        0, 4000, load_default="",
        metadata={"description": "Περιγραφή της αίθουσας.", "example": "Ισόγειο, προβολικό"},
    )
    evaluation = text(
        0, 4000, load_default="",
        metadata={"description": "Αποτέλεσμα αξιολόγησης της αίθουσας (ορίζεται μόνο από τον Κεντρικό Διαχειριστή).",
                  "example": "Κατάλληλη"},
    )


class RoomCreateSchema(RoomFieldsSchema):
    workstations = FlatRows(
        WorkstationCreateSchema, load_default=list, validate=validate.Length(max=1000),
        metadata={"description": "Οι σταθμοί εργασίας της αίθουσας (προαιρετικά, μαζί με την αίθουσα)."},
    )


class RoomChangesSchema(RoomFieldsSchema):
    """The fields a change sends (loaded with partial=True: absent ones stay as they are)."""


class RoomSchema(RoomFieldsSchema):
    id = fields.Integer(dump_only=True, metadata={"description": "Αναγνωριστικό αίθουσας."})
    centre_code = fields.String(
        dump_only=True, attribute="centre.code", metadata={"description": "Κωδικός ΚΣΕ.", "example": "KSE-0001"}
    )
    certified_workstations = fields.Integer(
        dump_only=True, metadata={"description": "Πιστοποιημένοι σταθμοί εργασίας.", "example": 16})
    uncertified_workstations = fields.Integer(
        dump_only=True,
        metadata={"description": "Μη πιστοποιημένοι σταθμοί εργασίας (δεν χρησιμοποιούνται στην επιμόρφωση).",
                  "example": 2},
    )
    usable = fields.Boolean(
        dump_only=True,
        metadata={
            "description": "Κατάλληλη για επιμόρφωση: πιστοποιημένη, με δυναμικότητα και πιστοποιημένους σταθμούς εργασίας."
        },
    )
    usable_capacity = fields.Integer(
        dump_only=True,
        metadata={"description": "Αξιοποιήσιμη δυναμικότητα: θέσεις με πιστοποιημένο σταθμό εργασίας, έως τη "
                                 "δυναμικότητα· 0 αν η αίθουσα δεν είναι πιστοποιημένη."},
    )
    created_at = fields.AwareDateTime(dump_only=True, metadata={"description": "Καταχώριση."})


class RoomImportSchema(RoomCreateSchema):
    centre_code = fields.String(required=True, metadata={"description": "Κωδικός ΚΣΕ.", "example": "KSE-0001"})


class RoomBatchSchema(StrippedSchema):
    rooms = fields.List(fields.Nested(RoomImportSchema), required=True, validate=validate.Length(max=20000),
                        metadata={"description": "Οι αίθουσες, καθεμία με τους σταθμούς εργασίας της."})


class RoomBatchResultSchema(StrippedSchema):
    added = fields.Integer(metadata={"description": "Νέες αίθουσες."})
    updated = fields.Integer(metadata={"description": "Αίθουσες που υπήρχαν (οι σταθμοί τους αντικαταστάθηκαν)."})
    workstations = fields.Integer(metadata={"description": "Σταθμοί εργασίας που καταχωρίστηκαν."})
