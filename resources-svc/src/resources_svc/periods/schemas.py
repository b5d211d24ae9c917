"""Schemas of the periods read model."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields


class PeriodSchema(Schema):
    period_id = fields.Integer(dump_only=True, metadata={"description": "Αναγνωριστικό περιόδου (applications-svc)."})
    code = fields.String(dump_only=True, metadata={"example": "2026-B1-7"})
    name = fields.String(dump_only=True, metadata={"example": "7η Περίοδος Β1 - 4η Περίοδος Β2"})
    interest_opens_at = fields.AwareDateTime(dump_only=True, metadata={"description": "Αρχή πρόσκλησης (και αλλαγών προσωπικού)."})
    interest_closes_at = fields.AwareDateTime(dump_only=True, metadata={"description": "Λήξη πρόσκλησης (και αλλαγών προσωπικού)."})
    staff_window_open = fields.Boolean(dump_only=True, metadata={"description": "Επιτρέπονται τώρα αλλαγές προσωπικού."})
