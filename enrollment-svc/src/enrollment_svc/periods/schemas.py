"""Schemas of the periods slice."""
from epimorfosi_platform.schemas import Schema
from epimorfosi_platform.web import current_clock
from marshmallow import fields

from .window import is_enrolment_open


class PeriodSchema(Schema):
    period_id = fields.Integer(metadata={"description": "Αναγνωριστικό της περιόδου στην applications-svc.", "example": 7})
    code = fields.String(metadata={"description": "Κωδικός περιόδου.", "example": "2026-B1-7"})
    name = fields.String(metadata={"description": "Τίτλος περιόδου.", "example": "7η Περίοδος Β1 - 4η Περίοδος Β2"})
    enrolment_deadline = fields.AwareDateTime(metadata={"description": "Προθεσμία εγγραφών (UTC)."})
    enrolment_open = fields.Method(
        "get_enrolment_open",
        dump_only=True,
        metadata={"type": "boolean", "description": "Αν οι εγγραφές είναι ανοιχτές αυτή τη στιγμή."},
    )
    received_at = fields.AwareDateTime(metadata={"description": "Πότε έφτασε το συμβάν που ενημέρωσε την περίοδο."})
    last_event_id = fields.String(metadata={"description": "Το συμβάν που άλλαξε τελευταίο την περίοδο."})

    def get_enrolment_open(self, period) -> bool:
        # Dumped inside the request: the service's clock, which tests can set.
        return is_enrolment_open(period.enrolment_deadline, current_clock().now())
