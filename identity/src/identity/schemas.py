"""Request and response schemas (marshmallow, documented in OpenAPI by flask-smorest)."""
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


# -- account flows (issue 3) -----------------------------------------------------------------------
# Request schemas derive from the platform's Schema: its field messages are Greek.
from epimorfosi_platform.schemas import Schema as GreekSchema  # noqa: E402
from marshmallow import validate  # noqa: E402

from .domain import GENDERS, SUPPORT_STATUSES, SUPPORT_TOPICS  # noqa: E402
from .models import GSIS_PURPOSES  # noqa: E402

_ONE_OF = "Επιτρεπόμενες τιμές: {choices}."


class MessageSchema(Schema):
    detail = fields.String(required=True, metadata={"description": "Greek message for the person"})
    username = fields.String(metadata={"description": "The username (e-mail), where the flow shows it"})
    email = fields.String()


class GsisFlowStartSchema(GreekSchema):
    purpose = fields.String(
        required=True,
        validate=validate.OneOf(GSIS_PURPOSES, error=_ONE_OF),
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


class RegistrationSchema(GreekSchema):
    state = fields.String(required=True)
    email = fields.String(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, validate=validate.Length(max=200))
    gender = fields.String(required=True, metadata={"enum": list(GENDERS)})
    registry_number = fields.String(load_default="", metadata={"description": "Α.Μ.; empty: the ΑΦΜ is used"})


class RegistrationDoneSchema(Schema):
    email = fields.String(required=True)
    detail = fields.String(required=True)


class StateSchema(GreekSchema):
    state = fields.String(required=True)


class ConfirmedSchema(Schema):
    gsis_verified_at = fields.AwareDateTime(required=True)
    detail = fields.String(required=True)
    continue_url = fields.String(required=True)


class TokenSchema(GreekSchema):
    token = fields.String(required=True, validate=validate.Length(max=200))


class EmailSchema(GreekSchema):
    email = fields.String(required=True, validate=validate.Length(max=254))


class NewPasswordWithStateSchema(GreekSchema):
    state = fields.String(required=True)
    password = fields.String(required=True, validate=validate.Length(max=200))


class NewPasswordWithTokenSchema(GreekSchema):
    token = fields.String(required=True, validate=validate.Length(max=200))
    password = fields.String(required=True, validate=validate.Length(max=200))


class CredentialsRecoverySchema(GreekSchema):
    identifier = fields.String(required=True, metadata={"description": "ΑΦΜ or Α.Μ."})


class SupportRequestCreateSchema(GreekSchema):
    topic = fields.String(required=True, validate=validate.OneOf(list(SUPPORT_TOPICS), error=_ONE_OF))
    description = fields.String(
        required=True,
        validate=validate.Length(min=10, max=5000, error="Περιγράψτε το πρόβλημα (10 έως 5000 χαρακτήρες)."),
    )
    afm = fields.String(load_default=None, allow_none=True)
    contact_email = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=254))


class SupportRequestSchema(Schema):
    id = fields.UUID(required=True)
    topic = fields.String(required=True)
    topic_label = fields.String(required=True)
    description = fields.String(required=True)
    afm = fields.String(allow_none=True)
    contact_email = fields.String(required=True)
    status = fields.String(required=True)
    status_label = fields.String(required=True)
    requester_name = fields.String(required=True)
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)


class SupportRequestQuerySchema(GreekSchema):
    status = fields.String(load_default=None, validate=validate.OneOf(list(SUPPORT_STATUSES), error=_ONE_OF))


class SupportStatusSchema(GreekSchema):
    status = fields.String(required=True, validate=validate.OneOf(list(SUPPORT_STATUSES), error=_ONE_OF))


class LabelSchema(Schema):
    id = fields.String(required=True)
    label = fields.String(required=True)
