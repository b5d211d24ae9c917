"""applications.interest.submitted.v1 → the centre's form A2: rendered once, readable by its own
centre and by central administrators only."""
import copy
import io
import json
import uuid

import pytest
from epimorfosi_platform.events import Event
from epimorfosi_platform.inbox import Inbox
from pypdf import PdfReader

from documents_svc import SERVICE
from documents_svc.documents import access
from documents_svc.forms import form_a2 as a2
from documents_svc_helpers import RENDERED, documents, outbox_types, pdf_text, stored_files

INTEREST_SUBMITTED = "applications.interest.submitted.v1"


def head(issuer, centre):
    return issuer.headers(f"head-{centre}", ["kse-head"], centre_id=centre)


@pytest.fixture
def form_a2(runtime, deliver, interest_submitted):
    assert deliver(interest_submitted) is True
    [document] = documents(runtime)
    return document


def test_the_subscription_binds_the_interest_event():
    [subscription] = [s for s in SERVICE.subscriptions if INTEREST_SUBMITTED in s.handlers]
    assert subscription.name == "applications-events"


def test_delivered_twice_through_the_inbox_renders_one_form(runtime, deliver, interest_submitted, documents_dir):
    assert deliver(interest_submitted) is True
    assert deliver(interest_submitted) is False
    [document] = documents(runtime)
    assert document.kind == "form-a2"
    assert document.subject == "KSE-0001/2026-B2-4"
    assert document.owner_centre == "KSE-0001"
    assert document.source_event_id == interest_submitted.id
    assert len(stored_files(documents_dir)) == 1
    assert outbox_types(runtime) == [RENDERED]


def test_the_handler_is_idempotent_without_the_inbox(runtime, interest_submitted):
    handler = SERVICE.subscriptions[0].handlers[INTEREST_SUBMITTED]
    direct = Inbox.of(runtime, "documents-svc.direct")  # `apply` runs the handler without the inbox record
    for _ in range(2):
        with direct.session() as s, s.begin():
            direct.apply(s, interest_submitted, handler)
    assert len(documents(runtime)) == 1
    assert outbox_types(runtime) == [RENDERED]


def test_pdf_has_the_greek_form_the_centre_and_the_clusters_in_order(client, issuer, form_a2, interest_submitted):
    response = client.get(f"/v1/documents/{form_a2.id}/pdf", headers=head(issuer, "KSE-0001"))
    assert response.status_code == 200
    text = pdf_text(response.data)
    data = interest_submitted.data
    for expected in (
        "ΕΝΤΥΠΟ Α2",
        "Αίτηση – Υπεύθυνη Δήλωση εκδήλωσης ενδιαφέροντος ΚΣΕ",
        "Στοιχεία ΚΣΕ",
        "Συστάδες κατά σειρά προτίμησης",
        "Υπεύθυνη Δήλωση",
        "KSE-0001",
        "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ",
        "7η Περίοδος Β1 - 4η Περίοδος Β2",
        "Διεύθυνση Π.Ε. Μεσσηνίας",
        "ΠΛΗΡΟΦΟΡΙΚΗ",  # rank 1
        "ΜΑΘΗΜΑΤΙΚΑ",  # rank 3, the last
        "Το ΚΣΕ πληροί εξ ολοκλήρου τις απαιτούμενες τεχνικές",
        "Συμφωνώ",
        "10/09/2026 12:30",  # 09:30 UTC in September is 12:30 EEST
        "Ο/Η Υπεύθυνος/η του ΚΣΕ",
        "Υπογραφή – Σφραγίδα",
        "Σελίδα 1 από",
    ):
        assert expected in text, expected
    code = form_a2.verification_code
    assert f"Κωδικός επαλήθευσης: {code[:4]}-{code[4:8]}-{code[8:]}" in text
    first, last = data["clusters"][0], data["clusters"][-1]
    assert text.index(first["code"]) < text.index("B2.5") < text.index(last["code"])
    assert PdfReader(io.BytesIO(response.data)).metadata.title == form_a2.title


def test_clusters_are_printed_by_rank_whatever_the_order_of_the_event():
    shuffled = [a2.ClusterChoice(3, "B2.3", "Γ"), a2.ClusterChoice(1, "B2.4", "Α"), a2.ClusterChoice(2, "B2.5", "Β")]
    assert [c.code for c in a2.ranked_clusters(shuffled)] == ["B2.4", "B2.5", "B2.3"]


def test_the_owning_kse_head_and_coordinator_read_it(client, issuer, form_a2):
    coordinator = issuer.headers("coord", ["coordinator"], centre_id="KSE-0001")
    for headers in (head(issuer, "KSE-0001"), coordinator):
        assert client.get(f"/v1/documents/{form_a2.id}", headers=headers).status_code == 200
        assert client.get(f"/v1/documents/{form_a2.id}/pdf", headers=headers).status_code == 200
        [item] = client.get("/v1/documents?kind=form-a2", headers=headers).get_json()
        assert item["id"] == form_a2.id and item["owner_centre"] == "KSE-0001"


def test_another_centre_and_other_roles_cannot_read_it(client, issuer, form_a2):
    outsiders = (  # (who, the answer: another centre's document is not even said to exist)
        (head(issuer, "KSE-0002"), 404),
        (issuer.headers("no-centre", ["kse-head"]), 404),
        (issuer.headers("t1", ["teacher"]), 404),
        (issuer.headers("tech", ["technical-lead"], centre_id="KSE-0001"), 403),
    )
    for headers, status in outsiders:
        assert client.get(f"/v1/documents/{form_a2.id}", headers=headers).status_code == status
        assert client.get(f"/v1/documents/{form_a2.id}/pdf", headers=headers).status_code == status
        assert client.get("/v1/documents?kind=form-a2", headers=headers).get_json() == []


def test_central_admin_reads_every_centre_form(client, issuer, runtime, deliver, interest_submitted):
    other = copy.deepcopy(interest_submitted.to_envelope())
    other["id"] = str(uuid.uuid4())
    other["data"].update(centre_code="KSE-0002", centre_name="1ο ΓΥΜΝΑΣΙΟ ΤΡΙΠΟΛΗΣ")
    deliver(interest_submitted)
    deliver(Event.from_envelope(other))
    admin = issuer.headers("admin", ["central-admin"])
    listed = client.get("/v1/documents?kind=form-a2", headers=admin).get_json()
    assert sorted(d["owner_centre"] for d in listed) == ["KSE-0001", "KSE-0002"]
    own = client.get("/v1/documents?kind=form-a2", headers=head(issuer, "KSE-0002")).get_json()
    assert [d["subject"] for d in own] == ["KSE-0002/2026-B2-4"]


def test_verification_is_public_and_shows_no_personal_data(client, form_a2):
    body = client.get(f"/v1/verify/{form_a2.verification_code}").get_json()
    assert body["kind"] == "form-a2"
    assert body["holder_name"] == "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ"  # the centre that submitted it
    assert "title" not in body and "sha256" not in body
    assert "kse-head-0001" not in json.dumps(body)


@pytest.mark.parametrize(
    "roles, principal_centre, owner, expected",
    [
        ({"central-admin"}, None, "KSE-0001", True),
        ({"kse-head"}, "KSE-0001", "KSE-0001", True),
        ({"coordinator"}, "KSE-0001", "KSE-0001", True),
        ({"kse-head"}, "KSE-0002", "KSE-0001", False),
        ({"kse-head"}, None, "KSE-0001", False),
        ({"kse-head"}, None, None, False),
        ({"teacher"}, "KSE-0001", "KSE-0001", False),
    ],
)
def test_can_read_form_a2_by_role_and_centre(roles, principal_centre, owner, expected):
    assert access.can_read(roles, "form-a2", principal_centre, owner) is expected
