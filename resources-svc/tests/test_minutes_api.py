"""Teachers' Association minutes: PDF by content, size limit, empty refused (nothing stored), the
link and the earlier periods, and the PDF rule on its own."""
import pytest

from resources_svc_staff_helpers import COORDINATOR, DURING_CALL, STAFF, open_period, pdf, set_clock, upload
from epimorfosi_platform.pdf_upload import refusal

MINUTES = "/v1/centres/KSE-0001/minutes"


pytestmark = pytest.mark.usefixtures("centres_in_open_call")


def stored_files(tmp_path):
    return [p for p in (tmp_path / "resources").rglob("*") if p.is_file()] if (tmp_path / "resources").exists() else []


def test_upload_shows_a_link_and_the_download_is_the_same_pdf(client, head, tmp_path):
    client.post(STAFF, json=COORDINATOR, headers=head)
    response = upload(client, head, pdf(), afms=["123 456 783", "094259216"], name="docs/Πρακτικό 3-2026.pdf")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["filename"] == "Πρακτικό 3-2026.pdf" and body["size"] == len(pdf())
    assert body["confirmations"] == [{"afm": "123456783", "full_name": "Παπαδόπουλος Γεώργιος"},
                                     {"afm": "094259216", "full_name": ""}]
    assert body["download"] == "/v1/centres/KSE-0001/periods/7/minutes/file"
    download = client.get(body["download"], headers=head)
    assert download.status_code == 200 and download.mimetype == "application/pdf" and download.data == pdf()
    assert "attachment" in download.headers["Content-Disposition"]
    assert len(stored_files(tmp_path)) == 1


def test_a_new_upload_replaces_the_period_minutes_and_earlier_periods_are_listed(client, app, head):
    open_period(app, period_id=6, code="2025-B1-6", name="6η Περίοδος", interest_opens_at="2025-09-01T09:00:00+03:00",
                interest_closes_at="2025-09-15T23:59:00+03:00")
    set_clock(app, "2025-09-10T12:00:00+03:00")
    assert upload(client, head, pdf(b"old"), path="/v1/centres/KSE-0001/periods/6/minutes").status_code == 200
    set_clock(app, DURING_CALL)
    upload(client, head, pdf(b"first"))
    upload(client, head, pdf(b"second"), afms=["094259216"])
    listed = client.get(MINUTES, headers=head).get_json()
    assert [(m["period_id"], m["period_name"]) for m in listed] == [(7, "7η Περίοδος Β1 - 4η Περίοδος Β2"),
                                                                    (6, "6η Περίοδος")]
    assert [c["afm"] for c in listed[0]["confirmations"]] == ["094259216"]
    assert client.get(listed[0]["download"], headers=head).data == pdf(b"second")
    assert client.get(listed[1]["download"], headers=head).data == pdf(b"old")


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.mark.parametrize(("content", "message"), [
    (EXE, "Το αρχείο δεν είναι PDF"),
    (b"", "Το αρχείο είναι κενό."),
    (pdf()[:-20], "ελλιπές ή κατεστραμμένο"),
    (b"%PDF-1.7\n" + b"0" * 3000, "ελλιπές ή κατεστραμμένο"),
])
def test_refused_files_are_422_in_greek_and_nothing_is_stored(client, head, tmp_path, content, message):
    response = upload(client, head, content, name="praktiko.pdf")  # the name says PDF; the content decides
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["type"] == "urn:epimorfosi:problem:minutes-file-refused"
    assert message in problem["detail"] and message in problem["errors"]["file"][0]
    assert stored_files(tmp_path) == []
    assert client.get(MINUTES, headers=head).get_json() == []


def test_an_over_size_file_is_refused(tmp_path, issuer):
    from epimorfosi_platform.testing import service_app

    from resources_svc import SERVICE, create_app
    from resources_svc_staff_helpers import register_centres as register

    own = tmp_path / "limited"  # the autouse fixture's app has tmp_path itself
    own.mkdir()
    with service_app(SERVICE, create_app, own, issuer, EPI_VAR_DIR=str(own), EPI_MINUTES_MAX_BYTES="1024") as app:
        client, admin = app.test_client(), issuer.headers("admin", ["central-admin"])
        register(client, admin, "KSE-0001")
        open_period(app)
        set_clock(app, DURING_CALL)
        big = pdf(b"x" * 2000)
        response = upload(client, admin, big)
        assert response.status_code == 422
        assert response.get_json()["detail"].startswith("Το αρχείο είναι μεγαλύτερο από το όριο των 0,0 MB")
        assert upload(client, admin, pdf()).status_code == 200


def test_the_confirmed_people_must_be_valid_afm_and_at_least_one(client, head, tmp_path):
    wrong = upload(client, head, pdf(), afms=["123456789"])
    assert wrong.status_code == 422 and "123456789" in wrong.get_json()["errors"]["confirmed_afm"][0]
    none = upload(client, head, pdf(), afms=[])
    assert none.status_code == 422
    assert none.get_json()["errors"]["confirmed_afm"] == ["Επιλέξτε τα μέλη του προσωπικού που επιβεβαιώνει το Πρακτικό."]
    assert stored_files(tmp_path) == []


def test_the_pdf_rule():
    limit = 10_000
    assert refusal(pdf(), limit) is None
    assert refusal(b"%PDF-2.0\n" + pdf()[9:], limit) is None
    assert refusal(b"%PDF-3.0\n" + pdf()[9:], limit).startswith("Το αρχείο δεν είναι PDF")
    assert refusal(b"\x89PNG\r\n\x1a\n" + pdf(), limit).startswith("Το αρχείο δεν είναι PDF")
    assert refusal(pdf(), len(pdf()) - 1).startswith("Το αρχείο είναι μεγαλύτερο")
    assert refusal(pdf() + b"\x00" * 2000, limit).startswith("Το αρχείο PDF είναι ελλιπές")  # trailer not at the end
    too_far = pdf().replace(b"startxref\n", b"startxref\n9999")
    assert refusal(too_far, limit).startswith("Το αρχείο PDF είναι ελλιπές")
