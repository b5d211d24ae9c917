"""Schemas of the expression of interest."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields, validate, validates_schema, ValidationError


class ClusterRefSchema(Schema):
    code = fields.String()
    name = fields.String()


class RankedClusterSchema(ClusterRefSchema):
    rank = fields.Integer()


class InterestSchema(Schema):
    period_id = fields.Integer()
    centre_code = fields.String()
    status = fields.String(metadata={"description": "draft ή submitted (οριστική υποβολή)"})
    read_only = fields.Boolean()
    required_clusters = fields.Integer()
    available = fields.List(fields.Nested(ClusterRefSchema), metadata={"description": "Αριστερός πίνακας"})
    chosen = fields.List(fields.Nested(RankedClusterSchema), metadata={"description": "Δεξιός πίνακας, με σειρά προτίμησης"})
    declarations = fields.List(fields.String())
    declarations_accepted = fields.Boolean()
    saved = fields.Boolean(metadata={"description": "«Καταχώριση επιλογών» μετά την τελευταία αλλαγή"})
    saved_at = fields.AwareDateTime(allow_none=True)
    can_submit = fields.Boolean()
    submit_blockers = fields.List(fields.String())
    submitted_at = fields.AwareDateTime(allow_none=True)
    random_number = fields.Integer(
        allow_none=True,
        metadata={"description": "Ο τυχαίος αριθμός του ΚΣΕ· προκύπτει από τον δημόσιο σπόρο της κλήρωσης."},
    )
    window_open = fields.Boolean()


class InterestSaveSchema(Schema):
    clusters = fields.List(fields.String(), required=True, validate=validate.Length(max=13, error="Έως 13 συστάδες."))
    declarations_accepted = fields.Boolean(required=True, metadata={"description": "«Συμφωνώ»"})


class DeclarationsSchema(Schema):
    accepted = fields.Boolean(required=True, metadata={"description": "«Συμφωνώ»"})


class AddChoiceSchema(Schema):
    cluster = fields.String(required=True, metadata={"example": "B2.4"})
    position = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1, max=13, error="Θέση 1 έως 13."))


class MoveChoiceSchema(Schema):
    direction = fields.String(validate=validate.OneOf(["up", "down"], error="up ή down."))
    position = fields.Integer(validate=validate.Range(min=1, max=13, error="Θέση 1 έως 13."))

    @validates_schema
    def one_of(self, data, **kwargs):
        if ("direction" in data) == ("position" in data):
            raise ValidationError("Δώστε είτε κατεύθυνση (direction) είτε θέση (position).", "_schema")


class SubmitSchema(Schema):
    confirm = fields.Boolean(required=True, metadata={"description": "«Ναι» στο μήνυμα επιβεβαίωσης"})

