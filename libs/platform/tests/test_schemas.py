"""The base schema's Greek messages: what a user reads next to a field in a 422 problem."""
import pytest
from marshmallow import ValidationError, fields, validate

from epimorfosi_platform.schemas import Afm, Schema


class Request(Schema):
    email = fields.Email()
    url = fields.Url()
    code = fields.String(validate=validate.Length(min=2, max=3))
    seats = fields.Integer(validate=validate.Range(min=1, max=30))
    above = fields.Integer(validate=validate.Range(min=0, min_inclusive=False))
    kind = fields.String(validate=validate.OneOf(["a", "b"]))
    own = fields.String(validate=validate.Length(max=1, error="Ένας χαρακτήρας."))
    day = fields.Date()
    tags = fields.List(fields.Email())
    afm = Afm()
    needed = fields.String(required=True)


def errors_for(data: dict) -> dict:
    with pytest.raises(ValidationError) as raised:
        Request().load(data)
    return raised.value.messages


def test_field_and_validator_messages_are_greek():
    errors = errors_for({
        "email": "x", "url": "y", "code": "toolong", "seats": 31, "above": 0, "kind": "c",
        "day": "31/12", "tags": ["ok@example.gr", "nope"], "afm": "123456789",
    })
    assert errors["email"] == ["Μη έγκυρη διεύθυνση e-mail."]
    assert errors["url"] == ["Μη έγκυρη διεύθυνση URL."]
    assert errors["code"] == ["Πρέπει να έχει από 2 έως 3 χαρακτήρες ή στοιχεία."]
    assert errors["seats"] == ["Η τιμή πρέπει να είναι μεγαλύτερη ή ίση του 1 και μικρότερη ή ίση του 30."]
    assert errors["above"] == ["Η τιμή πρέπει να είναι μεγαλύτερη του 0."]
    assert errors["kind"] == ["Επιτρεπόμενες τιμές: a, b."]
    assert errors["day"] == ["Μη έγκυρη ημερομηνία (ΕΕΕΕ-ΜΜ-ΗΗ)."]
    assert errors["tags"] == {1: ["Μη έγκυρη διεύθυνση e-mail."]}
    assert errors["needed"] == ["Το πεδίο είναι υποχρεωτικό."]
    assert "ΑΦΜ" in errors["afm"][0]


def test_a_message_the_author_set_is_kept():
    assert errors_for({"own": "xy", "needed": "x"})["own"] == ["Ένας χαρακτήρας."]


def test_unknown_fields_and_wrong_top_level_type_are_greek():
    assert errors_for({"needed": "x", "extra": 1})["extra"] == ["Άγνωστο πεδίο."]
    with pytest.raises(ValidationError) as raised:
        Request().load(["not", "an", "object"])
    assert "αντικείμενο JSON" in str(raised.value.messages)


def test_no_message_a_user_can_meet_is_left_in_english():
    errors = errors_for({"email": "x", "code": "", "seats": 0, "kind": "z", "url": "q"})
    for messages in errors.values():
        for text in messages:
            assert not any(word in text for word in ("Not a valid", "Must be", "Length", "Shorter", "Longer"))
