"""The walking skeleton, end to end through the gateway, on the profile in EPI_E2E_PROFILE:
a central administrator opens a training period on applications-svc; the event travels through the
outbox and the bus; enrollment-svc and documents-svc consume it; documents-svc renders the Greek
announcement PDF, which is fetched back through the gateway."""
from __future__ import annotations

import base64
import io
import json
import time
import uuid

import pytest
import requests
from pypdf import PdfReader

from conftest import PROFILE, wait_for


def period_payload(code: str) -> dict:
    return {
        "code": code,
        "name": "7η Περίοδος Β1 - 4η Περίοδος Β2",
        "interest_opens_at": "2026-09-01T09:00:00+03:00",
        "interest_closes_at": "2026-09-15T23:59:00+03:00",
        "applications_a_opens_at": "2026-09-20T09:00:00+03:00",
        "applications_a_closes_at": "2026-10-05T23:59:00+03:00",
        "applications_b_opens_at": "2026-10-10T09:00:00+03:00",
        "applications_b_closes_at": "2026-10-20T23:59:00+03:00",
        "allocation_published_at": "2026-10-25T12:00:00+03:00",
        "enrolment_deadline": "2026-11-10T23:59:00+03:00",
    }


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_period_opened_flows_to_enrollment_and_documents(system, token_for):
    admin = bearer(token_for("central-admin"))
    code = f"E2E-{uuid.uuid4().hex[:6]}"
    created = requests.post(f"{system.gateway}/api/applications/v1/periods", json=period_payload(code),
                            headers={**admin, "X-Request-ID": f"e2e-{code}"}, timeout=10)
    assert created.status_code == 201, created.text
    assert created.headers["X-Request-ID"] == f"e2e-{code}"
    period_id = created.json()["id"]

    def enrollment_copy():
        r = requests.get(f"{system.gateway}/api/enrollment/v1/periods/{period_id}", headers=admin, timeout=5)
        return r.json() if r.status_code == 200 else None

    copy = wait_for(enrollment_copy, timeout=60)
    assert copy, "enrollment-svc never received applications.period.opened.v1"
    assert copy["code"] == code

    def announcement():
        r = requests.get(f"{system.gateway}/api/documents/v1/documents",
                         params={"kind": "period-announcement", "subject": str(period_id)}, headers=admin, timeout=5)
        assert r.status_code == 200, r.text
        items = r.json()
        return items if items else None

    documents = wait_for(announcement, timeout=90)
    assert documents and len(documents) == 1, documents
    pdf = requests.get(f"{system.gateway}/api/documents/v1/documents/{documents[0]['id']}/pdf", headers=admin,
                       timeout=30)
    assert pdf.status_code == 200 and pdf.headers["Content-Type"].startswith("application/pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Ανακοίνωση περιόδου επιμόρφωσης" in text
    assert "7η Περίοδος Β1 - 4η Περίοδος Β2" in text
    assert "Προθεσμία εγγραφών" in text

    # Consumers are idempotent: still exactly one copy and one document a little later.
    time.sleep(1)
    assert len(announcement()) == 1


def test_wrong_role_is_403_and_changes_nothing(system, token_for):
    code = f"E2E-{uuid.uuid4().hex[:6]}"
    response = requests.post(f"{system.gateway}/api/applications/v1/periods", json=period_payload(code),
                             headers=bearer(token_for("teacher")), timeout=10)
    assert response.status_code == 403
    assert response.headers["Content-Type"].startswith("application/problem+json")
    listed = requests.get(f"{system.gateway}/api/applications/v1/periods",
                          headers=bearer(token_for("central-admin")), timeout=10).json()
    assert code not in {p["code"] for p in listed}


def test_no_token_is_401(system):
    response = requests.post(f"{system.gateway}/api/applications/v1/periods",
                             json=period_payload("E2E-none"), timeout=10)
    assert response.status_code == 401
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert response.json()["title"]


def _unsigned(claims: dict) -> str:
    enc = lambda obj: base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()
    return f"{enc({'alg': 'none', 'typ': 'JWT'})}.{enc(claims)}."


@pytest.mark.parametrize("forgery", ["alg-none", "wrong-key", "wrong-issuer", "wrong-audience", "expired"])
def test_forged_tokens_are_401(system, token_for, forgery):
    import jwt as pyjwt
    from epimorfosi_platform.testing import LocalIssuer

    real = pyjwt.decode(token_for("central-admin"), options={"verify_signature": False})
    claims = {k: real[k] for k in ("iss", "aud", "sub", "realm_access") if k in real}
    claims["exp"] = int(time.time()) + 300
    forger = LocalIssuer(real["iss"], "epimorfosi-api")
    if forgery == "alg-none":
        token = _unsigned(claims)
    elif forgery == "wrong-key":
        # same kid as the real issuer's key, different private key
        forger.kid = pyjwt.get_unverified_header(token_for("central-admin"))["kid"]
        token = forger.token(claims["sub"], ["central-admin"])
    elif forgery == "wrong-issuer":
        token = forger.token(claims["sub"], ["central-admin"], issuer="http://127.0.0.1:1/evil")
    elif forgery == "wrong-audience":
        token = forger.token(claims["sub"], ["central-admin"], audience="another-api")
    else:
        token = forger.token(claims["sub"], ["central-admin"], expires_in=-600)
    response = requests.post(f"{system.gateway}/api/applications/v1/periods",
                             json=period_payload(f"E2E-{forgery}"), headers=bearer(token), timeout=10)
    assert response.status_code == 401, (forgery, response.status_code, response.text)


def test_status_page_shows_every_service_ready(system):
    page = requests.get(f"{system.gateway}/status", timeout=10)
    assert page.status_code == 200
    for name in ("identity", "resources", "applications", "enrollment", "documents"):
        assert name in page.text


def test_the_public_origin_is_the_web_client(system):
    page = requests.get(f"{system.gateway}/", timeout=10)
    assert page.status_code == 200 and "Είσοδος" in page.text and "/auth/login" in page.text

