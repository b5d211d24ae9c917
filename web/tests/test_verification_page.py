"""The public verification page the QR code of a printed document points to (/verify/<code>)."""

VERIFIED = {"verification_code": "7KQ2M9XD4TBE", "kind": "b4-certificate", "kind_label": "Β4 – Βεβαίωση εγγραφής",
            "holder_name": "Ελένη Αλεξίου", "programme_code": "2026-B2-4-ΜΕΣΣΗΝΙΑΣ-001", "issued_on": "2026-10-28"}


def test_a_genuine_code_shows_kind_holder_programme_and_date_without_signing_in(client, gateway):
    gateway.on("GET", "/api/documents/v1/verify/7KQ2-M9XD-4TBE", 200, VERIFIED)
    response = client.get("/verify/7KQ2-M9XD-4TBE")  # no session
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for shown in ("Το έγγραφο είναι γνήσιο", "Β4 – Βεβαίωση εγγραφής", "Ελένη Αλεξίου", "2026-B2-4-ΜΕΣΣΗΝΙΑΣ-001",
                  "28/10/2026", "7KQ2M9XD4TBE"):
        assert shown in html, shown
    [call] = gateway.calls
    assert "Authorization" not in call["headers"]  # a public route: nobody's token


def test_an_unknown_or_tampered_code_is_said_so_in_greek(client, gateway):
    gateway.on("GET", "/api/documents/v1/verify/7KQ2M9XD4TBF", 404,
               {"status": 404, "title": "Ο κωδικός επαλήθευσης δεν αντιστοιχεί σε έγγραφο"})
    response = client.get("/verify/7KQ2M9XD4TBF")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Ο κωδικός επαλήθευσης δεν αντιστοιχεί σε έγγραφο" in html and "δεν είναι γνήσιο" in html
    assert "Το έγγραφο είναι γνήσιο" not in html


def test_a_code_that_cannot_be_one_never_reaches_the_api(client, gateway):
    assert client.get("/verify/" + "%3Cscript%3E").status_code == 404
    assert gateway.calls == []


def test_the_typed_code_form_leads_to_its_page(client):
    assert "Κωδικός επαλήθευσης" in client.get("/verify").get_data(as_text=True)
    response = client.get("/verify?code=7KQ2-M9XD-4TBE")
    assert response.status_code == 302 and response.headers["Location"].endswith("/verify/7KQ2-M9XD-4TBE")
