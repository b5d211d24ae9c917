"""Schemas of the draws (marshmallow, documented in OpenAPI): the seed request, the publishable
record and the summary of a draw; the lottery and the allocation extend the last two."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields, validate


class SeedSchema(Schema):
    seed = fields.String(
        required=True,
        validate=validate.Length(min=1, max=200, error="Ο σπόρος πρέπει να έχει 1 έως 200 χαρακτήρες."),
        metadata={"example": "07 12 19 28 33 41"},
    )
    source = fields.String(
        required=True,
        validate=validate.Length(min=3, max=500, error="Η πηγή πρέπει να έχει 3 έως 500 χαρακτήρες."),
        metadata={"example": "Κλήρωση ΛΟΤΤΟ 12/09/2026"},
    )


class DrawRecordSchema(Schema):
    """The publishable record of a draw (kind, algorithm, input, input_sha256, seed, result) that
    `python -m applications_svc.verify` accepts, plus the procedure's state."""

    period_id = fields.Integer()
    status = fields.String(metadata={"description": "frozen, seeded ή drawn"})
    kind = fields.String()
    algorithm = fields.String()
    rules_version = fields.String()
    input = fields.Dict()
    input_sha256 = fields.String()
    seed = fields.String(allow_none=True)
    seed_source = fields.String(allow_none=True)
    result = fields.Dict(allow_none=True)
    frozen_at = fields.AwareDateTime()
    frozen_by = fields.String()
    seeded_at = fields.AwareDateTime(allow_none=True)
    drawn_at = fields.AwareDateTime(allow_none=True)



class DrawSummarySchema(Schema):
    """A draw's state without its documents (the answer to freeze, seed and draw)."""

    period_id = fields.Integer()
    status = fields.String()
    input_sha256 = fields.String()
    seed = fields.String(allow_none=True)
    seed_source = fields.String(allow_none=True)
    frozen_at = fields.AwareDateTime()
    seeded_at = fields.AwareDateTime(allow_none=True)
    drawn_at = fields.AwareDateTime(allow_none=True)

