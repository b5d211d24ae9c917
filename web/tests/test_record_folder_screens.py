"""«Έγγραφα φυσικού αντικειμένου» (the centre's record folder) and the manual's «Έντυπα» menu."""
from html import unescape

B4 = {"id": "doc-b4", "kind": "b4-certificate", "kind_label": "Β4 – Βεβαίωση εγγραφής", "title": "Β4 – Βεβαίωση",
      "holder_name": "Ελένη Αλεξίου", "programme_code": "PRG-001", "version": 1, "sha256": "ab" * 32,
      "created_at": "2026-10-28T09:15:00+00:00", "verification_code": "7KQ2M9XD4TBE"}
K6 = {**B4, "id": "doc-k6", "kind": "k6-list", "kind_label": "K6", "holder_name": None, "programme_code": None,
      "version": 3, "sha256": "cd" * 32}


def test_the_centres_folder_lists_its_documents_with_version_checksum_and_time(client, signed_in, gateway):
    signed_in("kse-head", centre_id="KSE-0001")
    gateway.on("GET", "/api/documents/v1/documents", 200, [B4, K6])
    html = unescape(client.get("/record-folder").get_data(as_text=True))
    for shown in ("Ελένη Αλεξίου", "Β4 – Βεβαίωση εγγραφής", "PRG-001", "abababababab…", "28/10/2026 11:15",
                  'href="/record-folder/doc-b4.pdf"', 'href="/record-folder/doc-k6.pdf"', 'href="/record-folder?programme=PRG-001"'):
        assert shown in html, shown
    [call] = gateway.calls
    assert call["params"]["centre"] == "KSE-0001"  # the head's own centre, never one from the URL
    assert 'aria-current="page">Έγγραφα φυσικού αντικειμένου</a>' in html


def test_a_programmes_folder_and_a_forms_versions_are_asked_of_documents_svc(client, signed_in, gateway):
    signed_in("kse-head", centre_id="KSE-0001")
    gateway.on("GET", "/api/documents/v1/documents", 200, [])
    html = client.get("/record-folder?programme=PRG-001&kind=k4-list&centre=KSE-0002").get_data(as_text=True)
    assert "Δεν υπάρχουν έγγραφα στον φάκελο." in html
    params = gateway.calls[-1]["params"]
    assert (params["centre"], params["programme"], params["kind"]) == ("KSE-0001", "PRG-001", "k4-list")


def test_a_download_streams_the_pdf_through_the_gateway(client, signed_in, gateway):
    signed_in("kse-head", centre_id="KSE-0001")
    gateway.on("GET", "/api/documents/v1/documents/doc-b4/pdf", 200, b"%PDF-1.7 b4")
    response = client.get("/record-folder/doc-b4.pdf")
    assert response.status_code == 200 and response.data == b"%PDF-1.7 b4"
    assert response.mimetype == "application/pdf"


def test_another_centres_document_is_not_found(client, signed_in, gateway):
    signed_in("kse-head", centre_id="KSE-0001")
    gateway.on("GET", "/api/documents/v1/documents/doc-other/pdf", 404, {"status": 404, "detail": "Το έγγραφο δεν βρέθηκε."})
    assert client.get("/record-folder/doc-other.pdf").status_code == 404


def test_the_folder_is_the_centre_heads(client, signed_in, gateway):
    signed_in("teacher")
    assert client.get("/record-folder").status_code == 403
    assert gateway.calls == []


def test_the_forms_page_has_the_manuals_two_menus(client, signed_in, gateway):
    signed_in("kse-head", centre_id="KSE-0001")
    gateway.on("GET", "/api/documents/v1/documents", 200, [])
    html = unescape(client.get("/forms").get_data(as_text=True))
    registers, lists = html.index("Έντυπα Μητρώων"), html.index("Έντυπα Καταλόγων - Καταστάσεων")
    assert registers < html.index("M1: Κατάλογος Πιστοποιημένων Επιμορφωτών") < lists
    for code, kind in (("K2", "k2-list"), ("K3", "k3-list"), ("K4", "k4-list"), ("K5", "k5-list"), ("K6", "k6-list")):
        assert html.index(f'href="/record-folder?kind={kind}">{code}:') > lists, code
