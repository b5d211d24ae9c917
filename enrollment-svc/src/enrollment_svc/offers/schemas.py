"""Schemas of the offers slice."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields

from ..enrolment.rules import State


class OwnEntrySchema(Schema):
    programme_code = fields.String(metadata={"example": "2026-B2-4-IIa-B2.4-ΜΕΣΣΗΝΙΑΣ-001"})
    state = fields.String(metadata={"description": "Κατάσταση: " + ", ".join(State), "example": "waitlisted"})
    live_position = fields.Integer(allow_none=True, metadata={
        "description": "Για επιλαχόντες: η τρέχουσα θέση στη σειρά αναμονής (1 = ο/η επόμενος/η).", "example": 2})
    offer_expires_at = fields.AwareDateTime(allow_none=True, metadata={
        "description": "Για πρόσκληση σε θέση: έως πότε μπορείτε να την αποδεχθείτε."})


class OfferLinkSchema(Schema):
    programme_code = fields.String()
    state = fields.String()
    offer_expires_at = fields.AwareDateTime(allow_none=True)
