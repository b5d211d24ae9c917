"""Schemas of the minutes slice."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields


class ConfirmationSchema(Schema):
    afm = fields.String(dump_only=True, metadata={"example": "123456783"})
    full_name = fields.String(dump_only=True, metadata={"description": "Ονοματεπώνυμο στους καταλόγους κατά την ανάρτηση."})


class MinutesSchema(Schema):
    period_id = fields.Integer(dump_only=True)
    period_code = fields.String(dump_only=True, metadata={"example": "2026-B1-7"})
    period_name = fields.String(dump_only=True)
    filename = fields.String(dump_only=True, metadata={"example": "praktiko-syllogou.pdf"})
    size = fields.Integer(dump_only=True, metadata={"description": "Μέγεθος σε bytes."})
    uploaded_by = fields.String(dump_only=True)
    uploaded_at = fields.AwareDateTime(dump_only=True)
    confirmations = fields.List(fields.Nested(ConfirmationSchema), dump_only=True,
                                metadata={"description": "Τα μέλη που επιβεβαιώνει το Πρακτικό."})
    download = fields.String(dump_only=True, metadata={"description": "Διαδρομή λήψης του PDF (στο API)."})


class MinutesUploadSchema(Schema):
    """`multipart/form-data`: `file` (PDF) and `confirmed_afm` (repeated: one ΑΦΜ each)."""

    file = fields.Raw(metadata={"type": "string", "format": "binary", "description": "Το Πρακτικό (PDF)."})
    confirmed_afm = fields.List(fields.String(), metadata={"description": "ΑΦΜ που επιβεβαιώνει το Πρακτικό."})
