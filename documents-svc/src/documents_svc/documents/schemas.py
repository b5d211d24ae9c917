"""Schemas of the documents slice (marshmallow, documented in OpenAPI by flask-smorest)."""
from marshmallow import Schema, fields, validate

from ..forms import KIND_LABELS
from ..forms.dates import to_athens


class DocumentQuerySchema(Schema):
    kind = fields.String(
        validate=validate.Length(max=50, error="Μη έγκυρο είδος εγγράφου."),
        metadata={"description": "Είδος εγγράφου", "example": "period-announcement"},
    )
    subject = fields.String(
        validate=validate.Length(max=100, error="Μη έγκυρο αντικείμενο εγγράφου."),
        metadata={"description": "Το αντικείμενο του εγγράφου, π.χ. ο αριθμός της περιόδου ή, για το έντυπο Α2, «ΚΣΕ/περίοδος» (KSE-0001/2026-B2-4)", "example": "7"},
    )

    centre = fields.String(
        validate=validate.Length(max=20, error="Μη έγκυρος κωδικός ΚΣΕ."),
        metadata={"description": "Τα έγγραφα ενός ΚΣΕ (ο φάκελός του)", "example": "KSE-0001"},
    )
    programme = fields.String(
        validate=validate.Length(max=100, error="Μη έγκυρος κωδικός προγράμματος."),
        metadata={"description": "Τα έγγραφα ενός προγράμματος (ο φάκελός του)", "example": "2026-B2-4-KSE-0001-01"},
    )


class DocumentSchema(Schema):
    id = fields.String(dump_only=True)
    kind = fields.String(dump_only=True, metadata={"example": "period-announcement"})
    kind_label = fields.Function(lambda d: KIND_LABELS.get(d.kind, d.kind), dump_only=True)
    subject = fields.String(dump_only=True, metadata={"example": "7"})
    owner_centre = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"description": "Το ΚΣΕ στο οποίο ανήκει το έγγραφο (π.χ. το έντυπο Α2), αλλιώς κενό.", "example": "KSE-0001"},
    )
    title = fields.String(dump_only=True)
    sha256 = fields.String(dump_only=True)
    size = fields.Integer(dump_only=True)
    verification_code = fields.String(dump_only=True, metadata={"example": "7KQ2M9XD4TBE"})
    version = fields.Integer(dump_only=True, metadata={"description": "Έκδοση (καταλόγοι: 1, 2, … ανά αντικείμενο)"})
    holder_name = fields.String(dump_only=True, allow_none=True, metadata={"description": "Ο δικαιούχος (Β4: ο επιμορφούμενος)"})
    programme_code = fields.String(dump_only=True, allow_none=True, metadata={"description": "Το πρόγραμμα του εγγράφου"})
    created_at = fields.AwareDateTime(dump_only=True)
    pdf_url = fields.Function(lambda d: f"/v1/documents/{d.id}/pdf", dump_only=True)


class VerificationSchema(Schema):
    """What anyone holding a printed document may learn from its code, and nothing else: its kind,
    the name of its holder, its programme and the day it was issued."""

    verification_code = fields.String(dump_only=True)
    kind = fields.String(dump_only=True)
    kind_label = fields.Function(lambda d: KIND_LABELS.get(d.kind, d.kind), dump_only=True)
    holder_name = fields.String(dump_only=True, allow_none=True, metadata={"description": "Ο δικαιούχος"})
    programme_code = fields.String(dump_only=True, allow_none=True, metadata={"description": "Το πρόγραμμα"})
    issued_on = fields.Function(
        lambda d: to_athens(d.created_at).date().isoformat(), dump_only=True,
        metadata={"description": "Ημερομηνία έκδοσης (ώρα Ελλάδας)", "example": "2026-10-05"},
    )
