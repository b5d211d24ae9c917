"""Schemas of the offers slice."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields


class OfferLinkSchema(Schema):
    programme_code = fields.String()
    state = fields.String()
    offer_expires_at = fields.AwareDateTime(allow_none=True)
