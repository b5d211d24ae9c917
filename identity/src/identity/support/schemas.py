"""Schemas of support requests."""
from epimorfosi_platform.schemas import Schema as GreekSchema
from marshmallow import Schema, fields, validate

from ..schemas import ONE_OF
from ..states import SupportStatus, SupportTopic

_TOPICS = [t.value for t in SupportTopic]
_STATUSES = [s.value for s in SupportStatus]


class SupportRequestCreateSchema(GreekSchema):
    topic = fields.String(required=True, validate=validate.OneOf(_TOPICS, error=ONE_OF))
    description = fields.String(
        required=True,
        validate=validate.Length(min=10, max=5000, error="Περιγράψτε το πρόβλημα (10 έως 5000 χαρακτήρες)."),
    )
    afm = fields.String(load_default=None, allow_none=True)
    contact_email = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=254))


class SupportPageSchema(SupportRequestCreateSchema):
    """The support page's form (no token): who writes, as there is no account to tell; the topic's
    message speaks of the select list the person sees, not of API values."""

    topic = fields.String(required=True, validate=validate.OneOf(_TOPICS, error="Επιλέξτε τομέα βοήθειας."))
    requester_name = fields.String(load_default="", validate=validate.Length(max=200))


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
    status = fields.String(load_default=None, validate=validate.OneOf(_STATUSES, error=ONE_OF))


class SupportStatusSchema(GreekSchema):
    status = fields.String(required=True, validate=validate.OneOf(_STATUSES, error=ONE_OF))
