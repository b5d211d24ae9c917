"""Schemas of the GSIS confirmation."""
from marshmallow import Schema, fields


class ConfirmedSchema(Schema):
    gsis_verified_at = fields.AwareDateTime(required=True)
    detail = fields.String(required=True)
    continue_url = fields.String(required=True)
