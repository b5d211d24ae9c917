"""Schemas of the centres read model."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields


class RoomSchema(Schema):
    room_id = fields.Integer()
    name = fields.String()
    certified = fields.Boolean()
    capacity = fields.Integer()
    certified_workstations = fields.Integer()
    usable = fields.Boolean()


class CentreSchema(Schema):
    code = fields.String()
    name = fields.String()
    directorate = fields.String()
    prefecture = fields.String()
    region = fields.String()
    rooms = fields.List(fields.Nested(RoomSchema))



class ResultsQuerySchema(Schema):
    period_id = fields.Integer()
