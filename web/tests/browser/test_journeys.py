"""Journeys by clicking, as people do them, on the profile of EPI_E2E_PROFILE."""
from __future__ import annotations

import hashlib
import re
import uuid
from datetime import datetime, timedelta, timezone

import requests
from playwright.sync_api import expect


def local(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def test_central_admin_opens_a_period_with_its_windows(person):
    admin = person("central-admin")
    page = admin.page
    expect(page.get_by_test_id("user-group")).to_have_text("Ομάδα Χρήστη: Κεντρικός Διαχειριστής")
    admin.screen("admin-home")

    page.get_by_role("link", name="Περίοδοι", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Περίοδοι επιμόρφωσης")
    admin.screen("admin-periods")

    page.get_by_role("button", name="Νέα περίοδος").click()
    page.get_by_role("button", name="Άνοιγμα περιόδου").click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_contain_text("Έναρξη εκδήλωσης ενδιαφέροντος ΚΣΕ: Συμπληρώστε ημερομηνία και ώρα.")
    admin.screen("admin-period-new-errors")

    # The API's own checks come back next to the fields, in Greek.
    now = datetime.now().replace(second=0, microsecond=0)
    page.get_by_label("Κωδικός").fill("όχι έγκυρος")
    page.get_by_label("Τίτλος περιόδου").fill("Περίοδος δοκιμής φυλλομετρητή")
    windows = {
        "Έναρξη εκδήλωσης ενδιαφέροντος ΚΣΕ": now - timedelta(days=1),
        "Λήξη εκδήλωσης ενδιαφέροντος ΚΣΕ": now + timedelta(days=10),
        "Έναρξη αιτήσεων Α' φάσης": now + timedelta(days=12),
        "Λήξη αιτήσεων Α' φάσης": now + timedelta(days=20),
        "Έναρξη αιτήσεων Β' φάσης": now + timedelta(days=25),
        "Λήξη αιτήσεων Β' φάσης": now + timedelta(days=30),
        "Ανακοίνωση κατανομής": now + timedelta(days=35),
        "Προθεσμία εγγραφών": now + timedelta(days=45),
    }
    for label, moment in windows.items():
        page.get_by_label(label, exact=True).fill(local(moment))
    page.get_by_role("button", name="Άνοιγμα περιόδου").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("Κωδικός: Κωδικός 2–40 λατινικών χαρακτήρων")
    expect(page.locator("#field-code")).to_have_attribute("aria-invalid", "true")
    admin.screen("admin-period-new-api-errors")

    code = f"BR-{uuid.uuid4().hex[:6]}"
    page.get_by_label("Κωδικός").fill(code)
    page.get_by_role("button", name="Άνοιγμα περιόδου").click()
    expect(page.get_by_role("status")).to_contain_text("Η περίοδος άνοιξε.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Περίοδος δοκιμής φυλλομετρητή")
    admin.screen("admin-period")

    page.get_by_role("link", name="Περίοδοι", exact=True).first.click()
    expect(page.get_by_role("link", name=code)).to_be_visible()

    page.get_by_role("link", name="Κεντρική σελίδα", exact=True).first.click()
    expect(page.get_by_test_id("due-now")).to_contain_text("Εκδήλωση ενδιαφέροντος ΚΣΕ")


def add_workstations(base: str, token: str, centre: str, room_name: str) -> None:
    """16 certified and 2 uncertified workstations in the room, through the API."""
    headers = {"Authorization": f"Bearer {token}"}
    rooms = requests.get(f"{base}/api/resources/v1/centres/{centre}/rooms", headers=headers, timeout=30).json()
    room = next(r for r in rooms if r["name"] == room_name)
    for n in range(1, 19):
        response = requests.post(
            f"{base}/api/resources/v1/centres/{centre}/rooms/{room['id']}/workstations", headers=headers, timeout=30,
            json={"label": f"Σταθμός {n}", "processor": "Intel Core i5", "memory": "8 GB", "disk": "SSD 256 GB",
                  "operating_system": "Windows 11", "screen": "22\" LCD", "network": "Ethernet 1 Gbps",
                  "certified": n <= 16})
        assert response.status_code == 201, response.text[:300]


def test_central_admin_registers_a_centre_and_its_room(person, system, api_token):
    admin = person("central-admin")
    page = admin.page
    page.get_by_role("link", name="ΚΣΕ και αίθουσες").click()
    admin.screen("admin-centres")
    page.get_by_role("button", name="Καταχώριση ΚΣΕ").click()
    page.get_by_label("Κωδικός ΚΣΕ").fill("KSE-0001")
    page.get_by_label("Επωνυμία").fill("24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ")
    page.get_by_label("Διεύθυνση Εκπαίδευσης").fill("Διεύθυνση Π.Ε. Μεσσηνίας")
    page.get_by_label("Νομός").fill("ΜΕΣΣΗΝΙΑΣ")
    page.get_by_label("Περιφέρεια").fill("ΠΕΛΟΠΟΝΝΗΣΟΥ")
    page.get_by_role("button", name="Καταχώριση").click()
    expect(page.get_by_role("status")).to_contain_text("Το ΚΣΕ καταχωρίστηκε.")

    page.get_by_label("Αίθουσα / εργαστήριο").fill("Εργαστήριο Πληροφορικής 1")
    page.get_by_label("Πιστοποιημένη", exact=True).check()
    page.get_by_label("Δυναμικότητα").fill("0")
    page.get_by_role("button", name="Προσθήκη αίθουσας").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("Η δυναμικότητα πρέπει να είναι από 1 έως 1000.")
    admin.screen("admin-centre-room-errors")

    page.get_by_label("Δυναμικότητα").fill("15")
    page.get_by_role("button", name="Προσθήκη αίθουσας").click()
    expect(page.get_by_role("status")).to_contain_text("Η αίθουσα προστέθηκε.")
    expect(page.get_by_test_id("rooms")).to_contain_text("Εργαστήριο Πληροφορικής 1")
    admin.screen("admin-centre")
    add_workstations(system["base"], api_token("central-admin"), "KSE-0001", "Εργαστήριο Πληροφορικής 1")


def test_centre_head_sees_the_rooms_of_their_centre(person):
    head = person("kse-head")
    page = head.page
    expect(page.get_by_test_id("user-group")).to_have_text("Ομάδα Χρήστη: Υπεύθυνος ΚΣΕ")
    for item in ("Κεντρική σελίδα", "Διαχείριση πόρων ΚΣΕ", "Προγράμματα επιμόρφωσης",
                 "Έγγραφα φυσικού αντικειμένου", "Έντυπα", "Έξοδος"):
        expect(page.get_by_role("navigation", name="Κύριο μενού")).to_contain_text(item)
    head.screen("kse-head-home")
    page.get_by_role("link", name="Διαχείριση πόρων ΚΣΕ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Διαχείριση Αιθουσών")
    rooms = page.get_by_test_id("rooms")
    expect(rooms).to_contain_text("Εργαστήριο Πληροφορικής 1")
    expect(rooms.locator("tbody tr").first.locator("td").nth(3)).to_have_text("16")
    expect(rooms.locator("tbody tr").first.locator("td").nth(4)).to_have_text("2")
    head.screen("kse-head-rooms")


def test_centre_head_expresses_interest_with_the_two_lists_and_submits(person):
    head = person("kse-head")
    page = head.page
    page.get_by_role("link", name="Προγράμματα επιμόρφωσης").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Επιλογή/Κατανομή συστάδων")
    available, chosen = page.get_by_test_id("available"), page.get_by_test_id("chosen")
    first, second = "B2.1", "B2.2"
    page.get_by_role("button", name=f"Επιλογή της συστάδας {first}", exact=True).click()
    page.get_by_role("button", name=f"Επιλογή της συστάδας {second}", exact=True).click()
    expect(chosen.locator("tbody tr").nth(0)).to_contain_text(first)
    page.get_by_role("button", name=f"Μία θέση πάνω: {second}").click()  # reorder: B2.2 first
    expect(chosen.locator("tbody tr").nth(0)).to_contain_text(second)
    head.screen("kse-head-interest-two-lists")
    page.get_by_role("button", name="Μεταφορά όλων στις επιλεγμένες").click()
    expect(chosen).to_contain_text("B2.13")
    expect(available).to_contain_text("Όλες οι συστάδες έχουν επιλεγεί.")
    # «Καταχώριση επιλογών» without «Συμφωνώ»: refused in Greek.
    page.get_by_role("button", name="Καταχώριση επιλογών").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("Συμφωνώ")
    head.screen("kse-head-interest-declarations-refused")
    page.get_by_label("Συμφωνώ").check()
    page.get_by_role("button", name="Καταχώριση επιλογών").click()
    expect(page.get_by_role("status")).to_contain_text("Οι επιλογές καταχωρίστηκαν.")
    # The room added by the central administrator reaches applications-svc through the bus.
    for _ in range(60):
        if page.get_by_role("button", name="Οριστική υποβολή").count():
            break
        page.wait_for_timeout(500)
        page.reload()
    page.get_by_role("button", name="Οριστική υποβολή").click()
    head.screen("kse-head-interest-confirm")
    page.get_by_role("button", name="Όχι").click()  # back, nothing submitted
    expect(page.get_by_role("button", name="Οριστική υποβολή")).to_be_visible()
    page.get_by_role("button", name="Οριστική υποβολή").click()
    page.get_by_role("button", name="Ναι").click()
    expect(page.get_by_role("status")).to_contain_text("υποβλήθηκε οριστικά")
    expect(page.get_by_test_id("submitted")).to_contain_text("θα αποδοθεί με την κλήρωση")
    expect(page.get_by_role("button", name="Καταχώριση επιλογών")).to_have_count(0)  # read-only now
    expect(chosen.locator("tbody tr").nth(0)).to_contain_text(second)
    head.screen("kse-head-interest-submitted")


def test_a_wrong_role_gets_no_access_in_greek(person):
    head = person("kse-head")
    head.goto("/periods")
    expect(head.page.get_by_role("heading", level=1)).to_have_text("Δεν έχετε πρόσβαση σε αυτή τη σελίδα")
    head.screen("kse-head-forbidden")
    teacher = person("teacher")
    teacher.goto("/resources/rooms")
    expect(teacher.page.get_by_role("heading", level=1)).to_have_text("Δεν έχετε πρόσβαση σε αυτή τη σελίδα")
    teacher.screen("teacher-forbidden")


def test_an_expired_session_signs_in_again_and_comes_back(person, accounts, system):
    """The server-side session expires (idle past its limit, as its row in the web's database says):
    the next page sends the person to sign in, then back to that very page, in a new session."""
    from sqlalchemy import create_engine, select, update
    from web_client.models import WebSession

    admin = person("central-admin")
    page = admin.page
    old = next(c for c in page.context.cookies() if c["name"].endswith("epi_session"))["value"]
    key = hashlib.sha256(old.encode()).hexdigest()
    sessions, engine = WebSession.__table__, create_engine(system["database"]("web"))
    long_ago = datetime.now(timezone.utc) - timedelta(days=1)
    with engine.begin() as db:
        assert db.execute(update(sessions).where(sessions.c.id_hash == key).values(last_seen_at=long_ago)).rowcount == 1
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    admin.goto("/centres?page=1")
    if "/oidc/" in page.url or "/realms/" in page.url:
        admin.fill_issuer_login(*accounts("central-admin"))  # the issuer may still know the browser
    expect(page).to_have_url(re.compile(r".*/centres\?page=1$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert any("/auth/login?next=%2Fcentres%3Fpage%3D1" in url for url in asked), asked
    new = next(c for c in page.context.cookies() if c["name"].endswith("epi_session"))["value"]
    with engine.connect() as db:
        assert db.execute(select(sessions.c.id_hash).where(sessions.c.id_hash == key)).first() is None
        assert db.execute(select(sessions.c.id_hash).where(
            sessions.c.id_hash == hashlib.sha256(new.encode()).hexdigest())).first() is not None
    engine.dispose()
    admin.screen("admin-back-after-expired-session")


def test_sign_out_ends_the_sso_session(person):
    admin = person("central-admin")
    page = admin.page
    page.get_by_role("button", name="Έξοδος").click()
    page.wait_for_url(re.compile(re.escape(admin.base) + r"/$"))
    expect(page.get_by_role("button", name="Είσοδος")).to_be_visible()
    admin.screen("signed-out")
    admin.goto("/periods")  # the issuer asks for the password again: its session is over too
    page.wait_for_selector("#username" if admin.profile == "stack" else "input[name=password]")
