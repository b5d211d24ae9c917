"""Schemas of the GSIS round trip and of the screen after it."""
from epimorfosi_platform.schemas import Schema as GreekSchema
from marshmallow import Schema, fields, validate

from ..schemas import ONE_OF
from ..states import GsisPurpose


class GsisFlowStartSchema(GreekSchema):
    purpose = fields.String(
        required=True,
        validate=validate.OneOf([p.value for p in GsisPurpose], error=ONE_OF),
        metadata={"description": "registration | confirm (needs a token) | reset-password (needs email) | forgot-email"},
    )
    email = fields.String(load_default=None, validate=validate.Length(max=254))


class GsisFlowStartedSchema(Schema):
    authorize_url = fields.String(required=True, metadata={"description": "Send the browser here (Taxisnet login)"})
    state = fields.String(required=True, metadata={"description": "Identifies the flow in the next calls"})
    expires_at = fields.AwareDateTime(required=True)


class GsisFlowQuerySchema(GreekSchema):
    state = fields.String(required=True)


class FlowErrorSchema(Schema):
    slug = fields.String(required=True)
    detail = fields.String(required=True)


class GsisRecordSchema(Schema):
    afm = fields.String(allow_none=True)
    last_name = fields.String(allow_none=True)
    first_name = fields.String(allow_none=True)
    father_name = fields.String(allow_none=True)
    mother_name = fields.String(allow_none=True)
    birth_year = fields.Integer(allow_none=True)


class AccountRecordSchema(GsisRecordSchema):
    email = fields.String()


class ComparisonRowSchema(Schema):
    field = fields.String(required=True)
    label = fields.String(required=True)
    account = fields.Raw(allow_none=True)
    gsis = fields.Raw(allow_none=True)
    same = fields.Boolean(required=True)


class GenderSchema(Schema):
    id = fields.String(required=True)
    label = fields.String(required=True)


class GsisFlowViewSchema(Schema):
    """The screen after GSIS: what was certified and, per purpose, what to show next."""

    purpose = fields.String(required=True)
    gsis = fields.Nested(GsisRecordSchema, required=True)
    expires_at = fields.AwareDateTime(required=True)
    error = fields.Nested(FlowErrorSchema, metadata={"description": "Present when the flow cannot go on"})
    genders = fields.List(fields.Nested(GenderSchema), metadata={"description": "registration"})
    account = fields.Nested(AccountRecordSchema, metadata={"description": "confirm: the account's record"})
    comparison = fields.List(fields.Nested(ComparisonRowSchema), metadata={"description": "confirm"})
    support_url = fields.String(metadata={"description": "confirm: where «Επιστροφή» leads"})
    username = fields.String(metadata={"description": "reset-password: the username"})
    email = fields.String(metadata={"description": "forgot-email: the registered e-mail"})
