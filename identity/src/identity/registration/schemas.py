"""Schemas of registration."""
from epimorfosi_platform.schemas import Schema as GreekSchema
from marshmallow import Schema, fields, validate

from .rules import GENDERS


class RegistrationSchema(GreekSchema):
    state = fields.String(required=True)
    email = fields.String(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, validate=validate.Length(max=200))
    gender = fields.String(required=True, metadata={"enum": list(GENDERS)})
    registry_number = fields.String(load_default="", metadata={"description": "Α.Μ.; empty: the ΑΦΜ is used"})


class RegistrationDoneSchema(Schema):
    email = fields.String(required=True)
    detail = fields.String(required=True)


class EmailSchema(GreekSchema):
    email = fields.String(required=True, validate=validate.Length(max=254))
