"""Schemas of the lists slice: one request schema per list form, built from the form's columns (so
a column added to a form is validated and documented with it)."""
from __future__ import annotations

from functools import lru_cache

from epimorfosi_platform.schemas import Schema
from marshmallow import fields, validate

from ..forms import LIST_FORMS, ListForm
from ..forms.listing import INTEGER, MAX_ROWS, Column


def _field(column: Column) -> fields.Field:
    description = {"description": column.label}
    if column.type == INTEGER:
        return fields.Integer(
            required=column.required, allow_none=not column.required,
            validate=validate.Range(min=0, max=1_000_000, error="Μη έγκυρος αριθμός."), metadata=description,
        )
    return fields.String(
        required=column.required, allow_none=not column.required,
        validate=validate.Length(min=0 if not column.required else 1, max=column.max_length,
                                 error=f"Έως {column.max_length} χαρακτήρες, όχι κενό."),
        metadata=description,
    )


def _schema(name: str, columns: tuple[Column, ...]) -> type[Schema]:
    return type(name, (Schema,), {column.key: _field(column) for column in columns})


def _text(max_length: int, description: str, *, required: bool = True) -> fields.String:
    return fields.String(
        required=required, allow_none=not required,
        validate=validate.Length(min=1, max=max_length, error=f"Έως {max_length} χαρακτήρες, όχι κενό."),
        metadata={"description": description},
    )


@lru_cache(maxsize=None)
def print_request_schema(code: str) -> type[Schema]:
    """The body of POST /v1/lists/<code>: the period, the centre (a centre's list), the heading (K4,
    K5: the programme) and the rows, as the owning service's list gave them."""
    list_form: ListForm = next(lf for lf in LIST_FORMS.values() if lf.code == code)
    attrs: dict[str, fields.Field] = {
        "period_code": _text(30, "Ο κωδικός της περιόδου, π.χ. 2026-B2-4"),
        "period_title": _text(200, "Ο τίτλος της περιόδου, όπως τυπώνεται"),
        "centre_code": _text(20, "Το ΚΣΕ του καταλόγου (υποχρεωτικό για το προσωπικό ΚΣΕ)", required=False),
        "centre_name": _text(200, "Η ονομασία του ΚΣΕ", required=False),
        "rows": fields.List(
            fields.Nested(_schema(f"{code}RowSchema", list_form.columns)), required=True,
            validate=validate.Length(max=MAX_ROWS, error=f"Έως {MAX_ROWS} γραμμές σε ένα έντυπο."),
            metadata={"description": "Οι γραμμές του καταλόγου, με τη σειρά που θα τυπωθούν"},
        ),
    }
    if list_form.heading:
        attrs["heading"] = fields.Nested(_schema(f"{code}HeadingSchema", list_form.heading), required=True)
    return type(f"{code}PrintRequestSchema", (Schema,), attrs)
