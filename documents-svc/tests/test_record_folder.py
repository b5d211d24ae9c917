"""The record folder (Φάκελος Φυσικού Αντικειμένου): a centre's and a programme's documents listed
and downloaded only by those allowed, and a certificate's public verification (kind, holder's name,
programme, date and nothing else)."""
from zoneinfo import ZoneInfo

import pytest

from documents_svc_helpers import documents

TEACHER_ID = "f3a1c2d4-0000-4000-8000-000000000001"  # the enrolment example's trainee
PROGRAMME = "2026-B2-4-IIa-B2.4-ΜΕΣΣΗΝΙΑΣ-001"
K6 = {"period_code": "2026-B2-4", "period_title": "4η Περίοδος Β2", "centre_code": "KSE-0001",
      "centre_name": "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ"}


@pytest.fixture
def b4(runtime, deliver, enrolled, known):
    assert deliver(enrolled)
    [document] = documents(runtime)
    return document


# (who, roles, token centre) -> what they get for the B4 of KSE-0001's trainee TEACHER_ID.
ACCESS_MATRIX = [
    ("admin", ["central-admin"], None, 200),
    ("head-1", ["kse-head"], "KSE-0001", 200),
    ("coord-1", ["coordinator"], "KSE-0001", 200),
    ("head-2", ["kse-head"], "KSE-0002", 404),  # another centre's: not told it exists
    (TEACHER_ID, ["teacher"], None, 200),  # the trainee's own B4
    ("other-teacher", ["teacher"], None, 404),
    ("tech-1", ["technical-lead"], "KSE-0001", 403),
]


@pytest.mark.parametrize("subject, roles, centre, status", ACCESS_MATRIX)
def test_b4_download_access_matrix(client, issuer, b4, subject, roles, centre, status):
    headers = issuer.headers(subject, roles, **({"centre_id": centre} if centre else {}))
    for path in (f"/v1/documents/{b4.id}", f"/v1/documents/{b4.id}/pdf"):
        response = client.get(path, headers=headers)
        assert response.status_code == status, (path, response.get_json(silent=True))
    listed = client.get(f"/v1/documents?programme={PROGRAMME}", headers=headers).get_json()
    assert [d["id"] for d in listed] == ([b4.id] if status == 200 else [])


def test_a_centres_and_a_programmes_folder(client, issuer, b4):
    head = issuer.headers("head-1", ["kse-head"], centre_id="KSE-0001")
    k6 = client.post("/v1/lists/k6", json={**K6, "rows": []}, headers=head)
    assert k6.status_code == 201, k6.get_json()
    centre = client.get("/v1/documents?centre=KSE-0001", headers=head).get_json()
    assert {d["kind"] for d in centre} == {"b4-certificate", "k6-list"}
    [item] = client.get(f"/v1/documents?programme={PROGRAMME}", headers=head).get_json()
    assert item["id"] == b4.id and item["holder_name"] == "Ελένη Αλεξίου" and item["version"] == 1
    assert item["programme_code"] == PROGRAMME and len(item["sha256"]) == 64 and item["created_at"]
    assert client.get("/v1/documents?centre=KSE-0002", headers=head).get_json() == []
    admin = issuer.headers("admin", ["central-admin"])
    assert {d["id"] for d in client.get("/v1/documents?centre=KSE-0001", headers=admin).get_json()} == {
        b4.id, k6.get_json()["id"]}


def test_b4_verification_confirms_kind_holder_programme_and_date_only(client, b4):
    response = client.get(f"/v1/verify/{b4.verification_code.lower()}")  # no token
    assert response.status_code == 200
    assert response.get_json() == {
        "verification_code": b4.verification_code,
        "kind": "b4-certificate",
        "kind_label": "Β4 – Βεβαίωση εγγραφής",
        "holder_name": "Ελένη Αλεξίου",
        "programme_code": PROGRAMME,
        "issued_on": b4.created_at.astimezone(ZoneInfo("Europe/Athens")).date().isoformat(),
    }


def test_a_tampered_code_is_not_a_document(client, b4):
    code = b4.verification_code
    tampered = code[:-1] + ("0" if code[-1] != "0" else "1")
    response = client.get(f"/v1/verify/{tampered}")
    assert response.status_code == 404
    assert response.get_json()["title"] == "Ο κωδικός επαλήθευσης δεν αντιστοιχεί σε έγγραφο"
