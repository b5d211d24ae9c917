"""Schemas of recovery."""
from epimorfosi_platform.schemas import Schema as GreekSchema
from marshmallow import fields, validate


class NewPasswordWithStateSchema(GreekSchema):
    state = fields.String(required=True)
    password = fields.String(required=True, validate=validate.Length(max=200))


class NewPasswordWithTokenSchema(GreekSchema):
    token = fields.String(required=True, validate=validate.Length(max=200))
    password = fields.String(required=True, validate=validate.Length(max=200))


class CredentialsRecoverySchema(GreekSchema):
    identifier = fields.String(required=True, metadata={"description": "ΑΦΜ or Α.Μ."})
