"""Schemas of the workstations slice: the technical characteristics, as the manual's list shows them."""
from marshmallow import fields

from ..text import StrippedSchema, text


class WorkstationCreateSchema(StrippedSchema):
    label = text(1, 50, required=True, metadata={"description": "Σταθμός εργασίας (ονομασία ή αριθμός απογραφής).", "example": "Σταθμός 1"})
    processor = text(1, 200, required=True, metadata={"description": "Επεξεργαστής.", "example": "Intel Core i5-12400"})
    memory = text(1, 100, required=True, metadata={"description": "Μνήμη.", "example": "8 GB"})
    disk = text(1, 100, required=True, metadata={"description": "Δίσκος.", "example": "SSD 256 GB"})
    operating_system = text(1, 100, required=True, metadata={"description": "Λειτουργικό σύστημα.", "example": "Windows 11"})
    screen = text(1, 100, required=True, metadata={"description": "Οθόνη.", "example": "22\" LCD"})
    network = text(1, 100, required=True, metadata={"description": "Δίκτυο.", "example": "Ethernet 1 Gbps"})
    certified = fields.Boolean(
        load_default=False,
        metadata={"description": "Πιστοποιημένος (ορίζεται μόνο από τον Κεντρικό Διαχειριστή)."},
    )


class WorkstationChangesSchema(WorkstationCreateSchema):
    """The fields a change sends (loaded with partial=True: absent ones stay as they are)."""


class WorkstationSchema(WorkstationCreateSchema):
    id = fields.Integer(dump_only=True, metadata={"description": "Αναγνωριστικό σταθμού εργασίας."})
    room_id = fields.Integer(dump_only=True, metadata={"description": "Αίθουσα."})
    created_at = fields.AwareDateTime(dump_only=True, metadata={"description": "Καταχώριση."})
