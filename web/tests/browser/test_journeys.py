"""Journeys by clicking, as people do them, on the profile of EPI_E2E_PROFILE."""
from __future__ import annotations

import hashlib
import re
import uuid
from datetime import datetime, timedelta, timezone

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


def fill_workstation(page, label: str, processor: str) -> None:
    for field, value in (("Σταθμός εργασίας", label), ("Επεξεργαστής", processor), ("Μνήμη", "8 GB"),
                         ("Δίσκος", "SSD 256 GB"), ("Λειτουργικό σύστημα", "Windows 11"), ("Οθόνη", '22" LCD'),
                         ("Δίκτυο", "Ethernet 1 Gbps")):
        page.get_by_label(field, exact=True).fill(value)


def test_central_admin_registers_a_centre_and_its_room(person):
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

    # The room's page: its workstations, certified by the central administrator.
    page.get_by_role("link", name="Εργαστήριο Πληροφορικής 1", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Εργαστήριο Πληροφορικής 1")
    page.get_by_role("button", name="Προσθήκη σταθμού εργασίας").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("Σταθμός εργασίας:")
    admin.screen("admin-room-workstation-errors")
    for n, certified in ((1, True), (2, True), (3, False)):
        fill_workstation(page, f"Σταθμός {n}", "Intel Core i5-12400")
        if certified:
            page.get_by_label("Πιστοποιημένος σταθμός εργασίας").check()
        page.get_by_role("button", name="Προσθήκη σταθμού εργασίας").click()
        expect(page.get_by_role("status")).to_contain_text("Ο σταθμός εργασίας προστέθηκε.")
        expect(page.get_by_test_id("workstations").locator("tbody tr")).to_have_count(n)
    page.get_by_role("button", name="Πιστοποίηση Σταθμός 3", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Ο σταθμός εργασίας πιστοποιήθηκε.")
    page.get_by_role("button", name="Άρση πιστοποίησης Σταθμός 3").click()
    expect(page.get_by_role("status")).to_contain_text("Η πιστοποίηση του σταθμού εργασίας άρθηκε.")
    page.get_by_label("Αποτέλεσμα αξιολόγησης").fill("Κατάλληλη")
    page.get_by_role("button", name="Αποθήκευση πιστοποίησης και αξιολόγησης").click()
    expect(page.get_by_role("status")).to_contain_text("αποθηκεύτηκαν")
    facts = page.get_by_test_id("room-facts")
    expect(facts).to_contain_text("Κατάλληλη")
    expect(page.get_by_test_id("workstation-filter")).to_contain_text("Πιστοποιημένοι (2)")
    expect(page.get_by_test_id("workstations").locator("tbody tr")).to_have_count(3)
    admin.screen("admin-room")


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
    expect(rooms.locator("tbody tr").first.locator("td").nth(3)).to_contain_text("2")
    expect(rooms.locator("tbody tr").first.locator("td").nth(4)).to_contain_text("1")
    head.screen("kse-head-rooms")

    # Each count opens its list with the workstations' technical characteristics.
    rooms.locator("tbody tr").first.locator("td").nth(4).get_by_role("link").click()
    listed = page.get_by_test_id("workstations")
    expect(listed.locator("tbody tr")).to_have_count(1)
    expect(listed).to_contain_text("Σταθμός 3")
    expect(page.get_by_text("δεν χρησιμοποιούνται κατά τη διάρκεια της επιμόρφωσης")).to_be_visible()
    expect(page.get_by_role("button", name="Πιστοποίηση Σταθμός 3", exact=True)).to_have_count(0)
    head.screen("kse-head-room-uncertified")
    page.get_by_role("link", name="Πιστοποιημένοι (2)").click()
    expect(page.get_by_test_id("workstations").locator("tbody tr")).to_have_count(2)
    head.screen("kse-head-room-certified")

    # The head adds a workstation (uncertified until the central administrator certifies it) and edits it.
    fill_workstation(page, "Σταθμός 4", "AMD Ryzen 5")
    page.get_by_role("button", name="Προσθήκη σταθμού εργασίας").click()
    expect(page.get_by_role("status")).to_contain_text("Ο σταθμός εργασίας προστέθηκε.")
    expect(page.get_by_test_id("workstation-filter")).to_contain_text("Μη πιστοποιημένοι (2)")
    page.get_by_role("link", name="Τροποποίηση Σταθμός 4").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Τροποποίηση σταθμού εργασίας")
    page.get_by_label("Μνήμη", exact=True).fill("16 GB")
    head.screen("kse-head-workstation-edit")
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(page.get_by_role("status")).to_contain_text("Τα στοιχεία του σταθμού εργασίας αποθηκεύτηκαν.")
    expect(page.get_by_test_id("workstations")).to_contain_text("16 GB")


def test_central_admin_imports_filters_and_edits_the_register_of_centres(person):
    admin = person("central-admin")
    page = admin.page
    page.get_by_role("link", name="ΚΣΕ και αίθουσες").click()
    header = "Κωδικός ΚΣΕ;Επωνυμία;Σχολική μονάδα;Διεύθυνση Εκπαίδευσης;Νομός;Περιφέρεια;Υπεύθυνος ΚΣΕ\n"
    bad = header + "KSE-0901;1ο ΓΕΛ ΠΑΤΡΩΝ;;Διεύθυνση Δ.Ε. Αχαΐας;ΑΧΑΪΑΣ;ΔΥΤΙΚΗΣ ΕΛΛΑΔΑΣ;\nKSE-0901;Χ;;Δ;Ν;Π;όχι\n"
    page.get_by_label("Αρχείο CSV", exact=True).set_input_files(
        files=[{"name": "kse.csv", "mimeType": "text/csv", "buffer": bad.encode()}])
    page.get_by_role("button", name="Εισαγωγή μητρώου").click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_contain_text("Γραμμή 3: Επωνυμία")
    expect(summary).to_contain_text("Γραμμή 3: Υπεύθυνος ΚΣΕ: Δώστε έγκυρη διεύθυνση e-mail.")
    admin.screen("admin-centres-import-errors")
    good = header + ("KSE-0901;1ο ΓΕΛ ΠΑΤΡΩΝ;;Διεύθυνση Δ.Ε. Αχαΐας;ΑΧΑΪΑΣ;ΔΥΤΙΚΗΣ ΕΛΛΑΔΑΣ;\n"
                     "KSE-0902;2ο ΓΕΛ ΠΥΡΓΟΥ;2ο ΓΕΛ Πύργου;Διεύθυνση Δ.Ε. Ηλείας;ΗΛΕΙΑΣ;ΔΥΤΙΚΗΣ ΕΛΛΑΔΑΣ;\n")
    page.get_by_label("Αρχείο CSV", exact=True).set_input_files(
        files=[{"name": "kse.csv", "mimeType": "text/csv", "buffer": good.encode()}])
    page.get_by_role("button", name="Εισαγωγή μητρώου").click()
    expect(page.get_by_role("status")).to_contain_text("Το μητρώο εισήχθη: 2 νέα ΚΣΕ")
    page.get_by_label("Περιφέρεια").select_option("ΔΥΤΙΚΗΣ ΕΛΛΑΔΑΣ")
    page.get_by_role("button", name="Επιλογή", exact=True).click()
    centres = page.get_by_test_id("centres")
    expect(centres.locator("tbody tr")).to_have_count(2)
    admin.screen("admin-centres-filtered")
    page.get_by_role("link", name="Τροποποίηση KSE-0902").click()
    page.get_by_label("Υπεύθυνος ΚΣΕ").fill("όχι e-mail")
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("Υπεύθυνος ΚΣΕ: Δώστε έγκυρη διεύθυνση e-mail.")
    admin.screen("admin-centre-edit-errors")
    page.get_by_label("Υπεύθυνος ΚΣΕ").fill("kse2@epimorfosi.test")
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(page.get_by_role("status")).to_contain_text("Τα στοιχεία του ΚΣΕ αποθηκεύτηκαν.")
    expect(page.get_by_text("kse2@epimorfosi.test")).to_be_visible()
    admin.screen("admin-centre-edited")


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
