"""«Διαχείριση πόρων ΚΣΕ → Αίθουσες» for a centre head whose centre is not in the register yet:
a Greek page that says so, not a server error."""
from __future__ import annotations

CENTRE = "/api/resources/v1/centres/KSE-0009"
NOT_FOUND = {"type": "urn:epimorfosi:problem:centre-not-found", "status": 404,
             "detail": "Το ΚΣΕ με κωδικό KSE-0009 δεν βρέθηκε."}


def test_an_unregistered_centre_is_told_in_greek(client, signed_in, gateway):
    signed_in("kse-head", centre_id="KSE-0009")
    gateway.on("GET", CENTRE, 404, NOT_FOUND)
    response = client.get("/resources/rooms")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Το ΚΣΕ δεν έχει καταχωριστεί" in html and "Επικοινωνήστε με τον Κεντρικό Διαχειριστή." in html
    assert [c["path"] for c in gateway.calls] == [CENTRE]  # the rooms are not asked for


def test_adding_a_room_to_an_unregistered_centre_is_told_too(client, signed_in, gateway):
    row = signed_in("kse-head", centre_id="KSE-0009")
    gateway.on("GET", CENTRE, 404, NOT_FOUND)
    gateway.on("POST", f"{CENTRE}/rooms", 404, NOT_FOUND)
    response = client.post("/resources/rooms", data={
        "csrf_token": row.csrf_token, "name": "Εργαστήριο 1", "capacity": "12"})
    assert response.status_code == 404 and "Το ΚΣΕ δεν έχει καταχωριστεί" in response.get_data(as_text=True)


def test_other_problems_of_the_centre_are_not_hidden(client, signed_in, gateway):
    signed_in("kse-head", centre_id="KSE-0009")
    gateway.on("GET", CENTRE, 503, {"status": 503})
    assert client.get("/resources/rooms").status_code == 503
