"""Schemas of the account endpoints."""
from epimorfosi_platform.roles import Role
from marshmallow import Schema, fields


class RoleSchema(Schema):
    id = fields.String(required=True, metadata={"example": Role.KSE_HEAD.value})
    label = fields.String(required=True, metadata={"example": "Υπεύθυνος ΚΣΕ"})


class MeSchema(Schema):
    subject = fields.String(required=True, metadata={"description": "`sub` of the access token"})
    email = fields.String(allow_none=True, metadata={"example": "kse1@epimorfosi.test"})
    display_name = fields.String(required=True, metadata={"example": "Μαρία Παπαδοπούλου"})
    first_name = fields.String(allow_none=True)
    last_name = fields.String(allow_none=True)
    roles = fields.List(fields.Nested(RoleSchema), required=True)
    centre_id = fields.String(allow_none=True, metadata={"example": "KSE-0001"})
    email_verified = fields.Boolean(allow_none=True)
    gsis_verified_at = fields.AwareDateTime(allow_none=True)
    has_account = fields.Boolean(
        required=True, metadata={"description": "Whether identity keeps an account record for this person"}
    )
