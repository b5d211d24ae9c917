"""Schemas of the programme lottery."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields

from ..draws.schemas import DrawRecordSchema, DrawSummarySchema


class LotterySchema(DrawRecordSchema):
    programmes_created = fields.Integer()


class LotterySummarySchema(DrawSummarySchema):
    programmes_created = fields.Integer()


class CentreProgrammeSchema(Schema):
    code = fields.String()
    cluster = fields.String()
    cluster_name = fields.String()
    category = fields.String()
    category_name = fields.String()
    area_code = fields.String()
    capacity = fields.Integer()
    preference_rank = fields.Integer()
    starts_on = fields.Date(allow_none=True)
    ends_on = fields.Date(allow_none=True)


class CentreLotteryResultSchema(Schema):
    period_id = fields.Integer()
    period_name = fields.String()
    drawn_at = fields.AwareDateTime()
    took_part = fields.Boolean()
    eligible = fields.Boolean(allow_none=True)
    random_number = fields.Integer(allow_none=True)
    selected = fields.Boolean()
    programmes = fields.List(fields.Nested(CentreProgrammeSchema))

