"""Base marshmallow schema with Greek validation messages.

marshmallow's built-in messages are English and reach users in the `errors` member of a 422 problem
(the web client shows them next to the fields), so request schemas derive from `Schema` here.
A message a schema author sets explicitly on a field is kept.
"""
from __future__ import annotations

import marshmallow
from marshmallow import fields

from .afm import InvalidAfm, validate_afm

# Per field class (most specific first); "{...}" placeholders are filled by marshmallow.
_GREEK_BY_CLASS: list[tuple[type[fields.Field], dict[str, str]]] = [
    (fields.Email, {"invalid": "Μη έγκυρη διεύθυνση e-mail."}),
    (fields.URL, {"invalid": "Μη έγκυρη διεύθυνση URL."}),
    (fields.UUID, {"invalid_uuid": "Μη έγκυρο αναγνωριστικό (UUID)."}),
    (fields.String, {"invalid": "Πρέπει να είναι κείμενο.", "invalid_utf8": "Μη έγκυρο κείμενο (UTF-8)."}),
    (fields.Integer, {"invalid": "Πρέπει να είναι ακέραιος αριθμός.", "too_large": "Ο αριθμός είναι πολύ μεγάλος."}),
    (
        fields.Number,
        {
            "invalid": "Πρέπει να είναι αριθμός.",
            "too_large": "Ο αριθμός είναι πολύ μεγάλος.",
            "special": "Δεν επιτρέπονται οι τιμές NaN και άπειρο.",
        },
    ),
    (fields.Boolean, {"invalid": "Πρέπει να είναι true ή false."}),
    (
        fields.DateTime,  # also AwareDateTime and NaiveDateTime
        {
            "invalid": "Μη έγκυρη ημερομηνία και ώρα (ISO 8601).",
            "invalid_awareness": "Η ημερομηνία και ώρα πρέπει να δηλώνει ζώνη ώρας, π.χ. 2026-09-01T09:00:00+03:00.",
            "format": "Η τιμή δεν μπορεί να γραφτεί ως ημερομηνία και ώρα.",
        },
    ),
    (fields.Date, {"invalid": "Μη έγκυρη ημερομηνία (ΕΕΕΕ-ΜΜ-ΗΗ).", "format": "Η τιμή δεν είναι ημερομηνία."}),
    (fields.Time, {"invalid": "Μη έγκυρη ώρα (ΩΩ:ΛΛ).", "format": "Η τιμή δεν είναι ώρα."}),
    (fields.List, {"invalid": "Πρέπει να είναι λίστα."}),
    (fields.Tuple, {"invalid": "Πρέπει να είναι λίστα σταθερού μήκους."}),
    (fields.Mapping, {"invalid": "Πρέπει να είναι αντικείμενο JSON."}),
    (fields.Nested, {"type": "Πρέπει να είναι αντικείμενο JSON."}),
    (fields.Enum, {"unknown": "Επιτρεπόμενες τιμές: {choices}."}),
]
_GREEK_COMMON = {
    "required": "Το πεδίο είναι υποχρεωτικό.",
    "null": "Το πεδίο δεν μπορεί να είναι κενό (null).",
    "validator_failed": "Μη έγκυρη τιμή.",
}


def _english_defaults(field_class: type[fields.Field]) -> dict[str, str]:
    messages: dict[str, str] = {}
    for cls in reversed(field_class.__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages


def greek_messages(field: fields.Field) -> None:
    """Replace marshmallow's English defaults of `field` (and of a List's items) by Greek ones."""
    english = _english_defaults(type(field))
    greek = dict(_GREEK_COMMON)
    for cls, messages in reversed(_GREEK_BY_CLASS):  # most specific class wins
        if isinstance(field, cls):
            greek.update(messages)
    for key, text in greek.items():
        if key in field.error_messages and field.error_messages[key] == english.get(key):
            field.error_messages[key] = text
    inner = getattr(field, "inner", None)
    if isinstance(inner, fields.Field):
        greek_messages(inner)
    for item in getattr(field, "tuple_fields", None) or ():
        greek_messages(item)


class Schema(marshmallow.Schema):
    """Use instead of `marshmallow.Schema` for request and response schemas."""

    error_messages = {
        "unknown": "Άγνωστο πεδίο.",
        "type": "Τα στοιχεία πρέπει να δοθούν ως αντικείμενο JSON.",
    }

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        greek_messages(field_obj)
        super().on_bind_field(field_name, field_obj)


class Afm(fields.String):
    """An ΑΦΜ in a request: nine digits with a valid check digit (`afm.validate_afm`, Greek message
    when not), given back normalised ("123 456 783" -> "123456783")."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            return validate_afm(text)
        except InvalidAfm as exc:
            raise marshmallow.ValidationError(exc.message) from exc
