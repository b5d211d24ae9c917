"""Schema pieces every slice's forms share: text is stripped, and lengths have a Greek message."""
from epimorfosi_platform.schemas import Schema
from marshmallow import fields, missing, pre_load, validate


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


class FlatRows(fields.List):
    """A list of flat rows of one StrippedSchema (e.g. the thousands of workstations of a rooms
    import), loaded fast: a row whose every field is a plain value the schema accepts as it is
    (text within its lengths once stripped, a true/false, nothing unknown, nothing required
    missing) is taken without marshmallow's per-field machinery; any other row goes through the
    schema itself, so what is accepted and every error message are exactly the schema's. A schema
    with other hooks, or with fields other than length-checked text and booleans, is always loaded
    by marshmallow."""

    def __init__(self, schema: type[StrippedSchema], **kwargs):
        super().__init__(fields.Nested(schema), **kwargs)
        self._plan = _fast_plan(schema())

    def _deserialize(self, value, attr, data, **kwargs):
        if self._plan is None or not isinstance(value, list):
            return super()._deserialize(value, attr, data, **kwargs)
        known, plan = self._plan
        rows = []
        for row in value:
            loaded = _fast_row(row, known, plan)
            if loaded is None:  # not plain: the schema decides (and reports)
                return super()._deserialize(value, attr, data, **kwargs)
            rows.append(loaded)
        return rows


def _fast_plan(schema: StrippedSchema):
    """(field names, [(name, type, min, max, required, default)]) or None when rows of this schema
    cannot be checked without marshmallow."""
    if {k: v for k, v in schema._hooks.items() if v} != {"pre_load": [("strip_text", False, {})]}:
        return None
    plan = []
    for name, field in schema.load_fields.items():
        if field.data_key or field.attribute or field.allow_none:
            return None
        default = field.load_default
        if type(field) is fields.String and len(field.validators) == 1 \
                and type(field.validators[0]) is validate.Length and field.validators[0].equal is None:
            length = field.validators[0]
            plan.append((name, str, length.min or 0, length.max, field.required, default))
        elif type(field) is fields.Boolean and not field.validators and not callable(default):
            plan.append((name, bool, 0, 0, field.required, default))
        else:
            return None
    return frozenset(schema.load_fields), plan


def _fast_row(row, known: frozenset, plan: list) -> dict | None:
    if type(row) is not dict or not known.issuperset(row):
        return None
    loaded = {}
    for name, kind, shortest, longest, required, default in plan:
        if name not in row:
            if required:
                return None
            if default is not missing:
                loaded[name] = default
            continue
        value = row[name]
        if type(value) is not kind:
            return None
        if kind is str:
            value = value.strip()
            if len(value) < shortest or (longest is not None and len(value) > longest):
                return None
        loaded[name] = value
    return loaded
