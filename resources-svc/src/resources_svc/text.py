"""Schema pieces every slice's forms share: text is stripped, and lengths have a Greek message."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields, pre_load, validate


class StrippedSchema(Schema):
    @pre_load
    def strip_text(self, data, **_kwargs):
        # "  24ο ΔΗΜΟΤΙΚΟ " and "24ο ΔΗΜΟΤΙΚΟ" are the same name; blanks alone are no name.
        if isinstance(data, dict):
            return {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
        return data


def text(minimum: int, maximum: int, **kwargs) -> fields.String:
    return fields.String(
        validate=validate.Length(
            min=minimum, max=maximum, error=f"Από {minimum} έως {maximum} χαρακτήρες."
        ),
        **kwargs,
    )
