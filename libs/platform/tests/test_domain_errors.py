"""Domain errors become problem documents in one place (problems.DOMAIN_STATUS)."""
import pytest
from flask import Flask

from epimorfosi_platform import errors
from epimorfosi_platform.problems import register_problem_handlers


@pytest.fixture
def client():
    app = Flask("errors")
    register_problem_handlers(app)

    @app.get("/not-found")
    def not_found():
        raise errors.NotFound("Το ΚΣΕ δεν βρέθηκε.", slug="centre-not-found")

    @app.get("/invalid")
    def invalid():
        raise errors.Invalid("Ελέγξτε τα πεδία.", errors={"email": ["Υποχρεωτικό."]})

    @app.get("/file")
    def file():
        raise errors.Invalid("Το αρχείο δεν εισήχθη.", slug="invalid-file", errors=["Γραμμή 2: κενό.", "Γραμμή 5: κενό."])

    @app.get("/scope")
    def scope():
        raise errors.OutOfScope("Μόνο το δικό σας ΚΣΕ.")

    @app.get("/down")
    def down():
        raise errors.Unavailable("Το GSIS δεν απαντά.", slug="gsis-unavailable", code="timeout")

    return app.test_client()


@pytest.mark.parametrize(
    ("path", "status", "type_", "title"),
    [
        ("/not-found", 404, "centre-not-found", "Δεν βρέθηκε"),
        ("/invalid", 422, "validation-failed", "Τα στοιχεία που δώσατε δεν είναι έγκυρα"),
        ("/scope", 403, "out-of-scope", "Δεν έχετε δικαίωμα για αυτή την ενέργεια"),
        ("/down", 503, "gsis-unavailable", "Η υπηρεσία δεν είναι διαθέσιμη αυτή τη στιγμή"),
    ],
)
def test_each_kind_has_its_status_slug_and_greek_title(client, path, status, type_, title):
    response = client.get(path)
    body = response.get_json()
    assert response.status_code == status and response.mimetype == "application/problem+json"
    assert body["type"] == f"urn:epimorfosi:problem:{type_}" and body["title"] == title
    assert body["status"] == status and body["instance"] == path


def test_field_errors_and_extensions_are_kept(client):
    assert client.get("/invalid").get_json()["errors"] == {"email": ["Υποχρεωτικό."]}
    assert client.get("/down").get_json()["code"] == "timeout"


def test_errors_of_a_whole_document_are_a_list_in_order(client):
    body = client.get("/file").get_json()
    assert body["type"] == "urn:epimorfosi:problem:invalid-file" and body["status"] == 422
    assert body["errors"] == ["Γραμμή 2: κενό.", "Γραμμή 5: κενό."]
