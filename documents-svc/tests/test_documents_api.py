import hashlib
import json
import uuid
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from documents_svc import SERVICE
from documents_svc.models import Document

VERIFY_FIELDS = {"verification_code", "kind", "kind_label", "holder_name", "programme_code", "issued_on"}


@pytest.fixture
def announcement(runtime, deliver, period_opened):
    deliver(period_opened)
    with runtime.db.session() as s:
        return s.scalars(select(Document)).one()


@pytest.fixture
def certificate(runtime, announcement):
    """A document of a kind that is not a public notice (as B4 certificates will be)."""
    document = Document(
        kind="b4-certificate", subject="programme-12/teacher-3", title="Βεβαίωση εγγραφής Β4",
        sha256=announcement.sha256, size=announcement.size, verification_code="B4B4B4B4B4B4",
        storage_key=announcement.storage_key, created_at=datetime.now(timezone.utc),
    )
    with runtime.db.session() as s, s.begin():
        s.add(document)
    return document


def teacher(issuer):
    return issuer.headers("t1", ["teacher"])


def admin(issuer):
    return issuer.headers("admin", ["central-admin"])


def test_list_and_read_metadata(client, issuer, announcement):
    response = client.get("/v1/documents?kind=period-announcement&subject=7", headers=teacher(issuer))
    assert response.status_code == 200
    [item] = response.get_json()
    assert item["id"] == announcement.id
    assert item["kind_label"] == "Ανακοίνωση περιόδου επιμόρφωσης"
    assert item["pdf_url"] == f"/v1/documents/{announcement.id}/pdf"
    assert json.loads(response.headers["X-Pagination"])["total"] == 1
    assert client.get("/v1/documents?subject=8", headers=teacher(issuer)).get_json() == []
    single = client.get(f"/v1/documents/{announcement.id}", headers=teacher(issuer))
    assert single.status_code == 200 and single.get_json()["sha256"] == announcement.sha256
    assert single.get_json()["created_at"].endswith("+00:00")


def test_pdf_is_served_inline_and_is_the_certified_file(client, issuer, announcement):
    response = client.get(f"/v1/documents/{announcement.id}/pdf", headers=teacher(issuer))
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("inline; filename=") and disposition.endswith('.pdf"')
    assert hashlib.sha256(response.get_data()).hexdigest() == announcement.sha256


def test_reading_needs_a_token(client, announcement):
    for path in (f"/v1/documents/{announcement.id}/pdf", f"/v1/documents/{announcement.id}", "/v1/documents"):
        response = client.get(path)
        assert response.status_code == 401, path
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["title"] == "Απαιτείται σύνδεση"


def test_unknown_document_is_404_problem(client, issuer, announcement):
    for path in (f"/v1/documents/{uuid.uuid4()}", f"/v1/documents/{uuid.uuid4()}/pdf", "/v1/documents/../etc"):
        response = client.get(path, headers=admin(issuer))
        assert response.status_code == 404, path
        assert response.mimetype == "application/problem+json"


def test_non_public_kinds_are_for_central_admins_only_for_now(client, issuer, certificate):
    for path in (f"/v1/documents/{certificate.id}", f"/v1/documents/{certificate.id}/pdf"):
        response = client.get(path, headers=teacher(issuer))
        assert response.status_code == 403, path
        assert response.get_json()["detail"] == "Δεν έχετε δικαίωμα να δείτε αυτό το έγγραφο."
        assert client.get(path, headers=admin(issuer)).status_code == 200
    teacher_sees = {d["kind"] for d in client.get("/v1/documents", headers=teacher(issuer)).get_json()}
    admin_sees = {d["kind"] for d in client.get("/v1/documents", headers=admin(issuer)).get_json()}
    assert teacher_sees == {"period-announcement"}
    assert admin_sees == {"period-announcement", "b4-certificate"}


def test_verification_is_public_and_shows_no_personal_data(client, announcement):
    code = announcement.verification_code
    for typed in (code, f"{code[:4]}-{code[4:8]}-{code[8:]}".lower()):
        response = client.get(f"/v1/verify/{typed}")  # no Authorization header
        assert response.status_code == 200, typed
        body = response.get_json()
        assert set(body) == VERIFY_FIELDS
        assert body["kind"] == "period-announcement"
        assert body["holder_name"] is None and body["programme_code"] is None  # a notice has neither
        assert body["issued_on"] == announcement.created_at.astimezone(ZoneInfo("Europe/Athens")).date().isoformat()


def test_unknown_verification_code_is_a_greek_404(client, announcement):
    for code in ("ZZZZZZZZZZZZ", "not-a-code", "ΑΒΓΔ"):
        response = client.get(f"/v1/verify/{code}")
        assert response.status_code == 404, code
        assert response.mimetype == "application/problem+json"
        problem = response.get_json()
        assert problem["type"] == "urn:epimorfosi:problem:unknown-verification-code"
        assert problem["title"] == "Ο κωδικός επαλήθευσης δεν αντιστοιχεί σε έγγραφο"
        assert "Δεν βρέθηκε έγγραφο" in problem["detail"]


def test_missing_or_altered_file_is_never_served(client, issuer, announcement, documents_dir):
    [path] = [p for p in documents_dir.rglob("*.pdf")]
    path.write_bytes(b"%PDF-1.7 tampered")
    assert client.get(f"/v1/documents/{announcement.id}/pdf", headers=admin(issuer)).status_code == 500
    path.unlink()
    response = client.get(f"/v1/documents/{announcement.id}/pdf", headers=admin(issuer))
    assert response.status_code == 503 and response.mimetype == "application/problem+json"


def test_openapi_document_is_served_and_committed(client):
    from epimorfosi_platform.cli import committed_openapi_path

    response = client.get("/v1/openapi.json")
    assert response.status_code == 200
    served = response.get_json()
    assert {"/v1/documents", "/v1/documents/{document_id}/pdf", "/v1/verify/{code}"} <= set(served["paths"])
    assert served["paths"]["/v1/verify/{code}"]["get"]["security"] == []
    committed = json.loads(committed_openapi_path(SERVICE).read_text(encoding="utf-8"))
    assert committed == served, "run `python -m documents_svc openapi --write`"


def test_health_and_metrics(client):
    assert client.get("/livez").status_code == 200
    assert client.get("/readyz").get_json()["checks"]["database"]["ok"] is True
    assert "outbox_backlog" in client.get("/metrics").get_data(as_text=True)
