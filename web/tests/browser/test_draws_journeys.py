"""The central administrator's distribution table and public draw, by clicking: a period whose
expression of interest closes a minute after it is opened, a wrong table (every wrong line shown,
nothing imported), the right one, then at the close «Πάγωμα», the public seed, «Κλήρωση», the
published record, and the record checked offline with `python -m applications_svc.verify`."""
from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect
from web_client_browser_helpers import confirm, verify_draw_record

ATHENS = ZoneInfo("Europe/Athens")  # the period form takes Greek local time
INTEREST_LEFT = timedelta(seconds=60)  # time to import the tables before the lottery's window opens
BAD_TABLE = ("area_code,area_name,category,cluster,programmes\n"
             "ATT,ΑΤΤΙΚΗΣ,IIa,B2.1,2\n"
             "ATT,ΑΤΤΙΚΗΣ,IIa,B9.9,1\n"
             "MES,ΜΕΣΣΗΝΙΑΣ,IIa,B2.1,δύο\n")
GOOD_TABLE = ("area_code;area_name;category;cluster;programmes\n"
              "ATT;ΑΤΤΙΚΗΣ;IIa;B2.1;2\n"
              "ATT;ΑΤΤΙΚΗΣ;IIa;B2.2;1\n"
              "MES;ΜΕΣΣΗΝΙΑΣ;IIa;B2.1;1\n"
              "PEL;ΠΕΛΟΠΟΝΝΗΣΟΥ;IIb;B2.3;1\n")


def open_period(admin, closes: datetime) -> str:
    page = admin.page
    now = datetime.now(ATHENS)
    page.get_by_role("link", name="Περίοδοι", exact=True).click()
    page.get_by_role("button", name="Νέα περίοδος").click()
    code = f"DR-{uuid.uuid4().hex[:6]}"
    page.get_by_label("Κωδικός").fill(code)
    page.get_by_label("Τίτλος περιόδου").fill("Περίοδος δοκιμής κλήρωσης")
    windows = {
        "Έναρξη εκδήλωσης ενδιαφέροντος ΚΣΕ": now - timedelta(days=2),
        "Λήξη εκδήλωσης ενδιαφέροντος ΚΣΕ": closes,
        "Έναρξη αιτήσεων Α' φάσης": now + timedelta(days=2),
        "Λήξη αιτήσεων Α' φάσης": now + timedelta(days=10),
        "Έναρξη αιτήσεων Β' φάσης": now + timedelta(days=12),
        "Λήξη αιτήσεων Β' φάσης": now + timedelta(days=20),
        "Ανακοίνωση κατανομής": now + timedelta(days=22),
        "Προθεσμία εγγραφών": now + timedelta(days=30),
    }
    for label, moment in windows.items():
        page.get_by_label(label, exact=True).fill(moment.strftime("%Y-%m-%dT%H:%M:%S"))
    page.get_by_role("button", name="Άνοιγμα περιόδου").click()
    expect(page.get_by_role("status")).to_contain_text("Η περίοδος άνοιξε.")
    return code


def import_tables(admin, tmp_path) -> None:
    page = admin.page
    page.get_by_role("link", name="Πίνακας γεωγραφικής κατανομής").click()
    expect(page.get_by_test_id("no-table")).to_be_visible()
    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_text(BAD_TABLE, encoding="utf-8")
    good.write_text(GOOD_TABLE, encoding="utf-8")

    page.get_by_role("button", name="Εισαγωγή πίνακα").click()  # no file chosen
    expect(page.get_by_test_id("error-summary")).to_contain_text("Επιλέξτε το αρχείο CSV του πίνακα.")
    page.get_by_label("Αρχείο CSV").set_input_files(bad)
    page.get_by_role("button", name="Εισαγωγή πίνακα").click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_contain_text("Το αρχείο δεν εισήχθη (2 σφάλματα· δεν άλλαξε τίποτα).")
    expect(summary).to_contain_text("Γραμμή 3: άγνωστη συστάδα «B9.9» για την περίοδο.")
    expect(summary).to_contain_text("Γραμμή 4: το πλήθος προγραμμάτων «δύο»")
    expect(page.get_by_test_id("no-table")).to_be_visible()  # nothing half-imported
    admin.screen("admin-distribution-errors")

    page.get_by_label("Αρχείο CSV").set_input_files(good)
    page.get_by_role("button", name="Εισαγωγή πίνακα").click()
    expect(page.get_by_role("status")).to_contain_text("Ο πίνακας εισήχθη: 4 γραμμές.")
    expect(page.get_by_test_id("total-programmes")).to_have_text("5")
    admin.screen("admin-distribution")

    page.get_by_label("Συστάδα").select_option("B2.1")
    page.get_by_role("button", name="Επιλογή", exact=True).click()
    rows = page.get_by_test_id("distribution").locator("tbody tr")
    expect(rows).to_have_count(2)
    with page.expect_download() as download:
        page.get_by_role("link", name="Εξαγωγή σε CSV").click()
    exported = download.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert exported == ["area_code,area_name,category,cluster,programmes",
                        "ATT,ΑΤΤΙΚΗΣ,IIa,B2.1,2", "MES,ΜΕΣΣΗΝΙΑΣ,IIa,B2.1,1"]
    page.set_viewport_size({"width": 360, "height": 780})
    admin.screen("admin-distribution-360")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_central_admin_imports_the_table_and_draws_the_lottery(person, tmp_path):
    admin = person("central-admin")
    page = admin.page
    closes = datetime.now(ATHENS).replace(microsecond=0) + INTEREST_LEFT
    open_period(admin, closes)
    period_url = page.url.split("?")[0]
    import_tables(admin, tmp_path)

    page.goto(period_url)
    page.get_by_role("link", name="Κλήρωση προγραμμάτων").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Κλήρωση προγραμμάτων")
    steps = page.get_by_test_id("steps")
    if datetime.now(ATHENS) < closes - timedelta(seconds=10):  # the API keeps the lottery's window
        page.get_by_role("button", name="Πάγωμα").click()
        confirm(page)
        expect(page.get_by_test_id("error-summary")).to_contain_text("η προθεσμία δεν έχει ανοίξει ακόμη")
    admin.screen("admin-lottery")
    time.sleep(max(0.0, (closes - datetime.now(ATHENS)).total_seconds()) + 1)

    page.get_by_role("button", name="Πάγωμα").click()
    expect(page.get_by_test_id("question")).to_contain_text("δεν αλλάζουν πια")
    admin.screen("admin-lottery-confirm")
    confirm(page, "Όχι")
    expect(steps).to_contain_text("Επόμενο βήμα")  # «Όχι»: still not frozen
    page.get_by_role("button", name="Πάγωμα").click()
    confirm(page)
    expect(page.get_by_role("status")).to_contain_text("Τα δεδομένα «πάγωσαν».")
    digest = page.get_by_test_id("input-sha256").inner_text()
    assert len(digest) == 64
    admin.screen("admin-lottery-frozen")

    page.get_by_role("button", name="Καταχώριση σπόρου").click()  # empty: asked for both fields
    expect(page.get_by_test_id("error-summary")).to_contain_text("Σπόρος: Συμπληρώστε το πεδίο.")
    page.get_by_label("Σπόρος", exact=True).fill("05 11 23 31 38 44")
    page.get_by_label("Δημόσια πηγή του σπόρου").fill("Κλήρωση ΛΟΤΤΟ (δοκιμή φυλλομετρητή)")
    page.get_by_role("button", name="Καταχώριση σπόρου").click()
    expect(page.get_by_text("05 11 23 31 38 44")).to_be_visible()
    confirm(page)
    expect(page.get_by_test_id("seed")).to_have_text("05 11 23 31 38 44")

    page.get_by_role("button", name="Κλήρωση", exact=True).click()
    confirm(page)
    expect(page.get_by_role("status")).to_contain_text("Το αποτέλεσμα υπολογίστηκε και δημοσιεύθηκε.")
    expect(page.get_by_test_id("record-totals")).to_contain_text("Προγράμματα του πίνακα κατανομής")
    expect(page.get_by_test_id("verify-command")).to_contain_text("python -m applications_svc.verify")
    expect(page.get_by_role("heading", name="Πώς επαληθεύεται")).to_be_visible()
    admin.screen("admin-lottery-drawn")
    page.set_viewport_size({"width": 360, "height": 780})
    admin.screen("admin-lottery-drawn-360")
    page.set_viewport_size({"width": 1280, "height": 900})

    # Anyone with the file checks it offline, with the command the page gives.
    verify_draw_record(page, tmp_path, digest)


def test_the_allocation_waits_for_its_own_window(person):
    admin = person("central-admin")
    page = admin.page
    page.get_by_role("link", name="Περίοδοι", exact=True).click()
    page.get_by_role("table").get_by_role("link").first.click()
    page.get_by_role("link", name="Κατανομή εκπαιδευτικών Α' φάσης").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Κατανομή εκπαιδευτικών Α' φάσης")
    lottery = page.url[len(admin.base):].replace("allocation-A", "lottery")
    page.get_by_role("button", name="Πάγωμα").click()
    confirm(page)
    expect(page.get_by_test_id("error-summary")).to_contain_text("Κατανομή Α' φάσης")
    admin.screen("admin-allocation-a")
    head = person("kse-head")
    head.goto(lottery)
    expect(head.page.get_by_role("heading", level=1)).to_have_text("Δεν έχετε πρόσβαση σε αυτή τη σελίδα")
