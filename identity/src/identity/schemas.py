"""Schemas several slices share (marshmallow, documented in OpenAPI by flask-smorest). Request
schemas derive from the platform's Schema: its field messages are Greek."""
from epimorfosi_platform.schemas import Schema as GreekSchema
from marshmallow import Schema, fields, validate

ONE_OF = "Επιτρεπόμενες τιμές: {choices}."


class MessageSchema(Schema):
    detail = fields.String(required=True, metadata={"description": "Greek message for the person"})
    username = fields.String(metadata={"description": "The username (e-mail), where the flow shows it"})
    email = fields.String()


class LabelSchema(Schema):
    id = fields.String(required=True)
    label = fields.String(required=True)


class StateSchema(GreekSchema):
    state = fields.String(required=True)


class TokenSchema(GreekSchema):
    token = fields.String(required=True, validate=validate.Length(max=200))
