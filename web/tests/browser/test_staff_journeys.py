"""The centre head's staff lists by clicking: a period opened by the central administrator (its call
for expressions of interest, the staff window, open now and closing before phase A), then
«Προσωπικό Συντονισμού» and «Τεχνικοί Υπεύθυνοι» (add with an error, edit, delete), a submission
refused without minutes, a renamed non-PDF refused, the minutes uploaded with the people they
confirm, a refusal naming the unconfirmed one, «Όχι» that submits nothing, the final submission
(«Ναι») that leaves the lists read-only with who and when; another centre's head reaches none of it
(404) and a teacher not the screens at all («Δεν έχετε πρόσβαση»)."""
from __future__ import annotations

import re
import time
from datetime import datetime, timedelta

import requests
from playwright.sync_api import expect
from test_draws_journeys import ATHENS, open_period

CENTRE = {"name": "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ", "directorate": "Διεύθυνση Π.Ε. Μεσσηνίας",
          "prefecture": "ΜΕΣΣΗΝΙΑΣ", "region": "ΠΕΛΟΠΟΝΝΗΣΟΥ"}
NOT_A_PDF = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64  # an .exe's start


def minutes_pdf() -> bytes:
    head = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    return head + b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n" + \
        str(len(head)).encode() + b"\n%%EOF\n"


def register_centres(system, api_token, *codes: str) -> None:
    """The heads' centres in the register (the other journeys may have registered them already)."""
    for code in codes:
        answer = requests.post(f"{system['base']}/api/resources/v1/centres", json=dict(CENTRE, code=code),
                               timeout=10, headers={"Authorization": f"Bearer {api_token('central-admin')}"})
        assert answer.status_code in (201, 409), answer.text


def choose_period(head, code: str) -> None:
    """The period reaches resources-svc by its event: reload until it is offered, then choose it."""
    page = head.page
    for _ in range(60):
        if page.locator("#field-period option", has_text=code).count():
            break
        time.sleep(1)
        page.reload()
    option = page.locator("#field-period option", has_text=code).inner_text()
    page.get_by_label("Περίοδος επιμόρφωσης").select_option(label=option)
    page.get_by_role("button", name="Επιλογή περιόδου").click()
    expect(page).to_have_url(re.compile(r"period=[0-9]+"))  # the chosen period's page, not the one before
    page.wait_for_load_state("networkidle")


def add_member(page, membership: str, afm: str, surname: str, given_name: str) -> None:
    page.get_by_label(membership).check()
    page.get_by_label("ΑΦΜ").fill(afm)
    page.get_by_label("Επώνυμο").fill(surname)
    page.get_by_label("Όνομα", exact=True).fill(given_name)
    page.get_by_label("Κλάδος / ειδικότητα").fill("ΠΕ86")
    page.get_by_label("Ηλεκτρονικό ταχυδρομείο").fill(f"{afm}@sch.gr")
    page.get_by_label("Τηλέφωνο").fill("6912345678")
    page.get_by_role("button", name="Εισαγωγή μέλους").click()


def follow(page, link) -> None:
    """Click a link and wait for its page: boosted links swap the page a moment later (the old
    page's fields are still there, and a form filled then would be lost), even to the same address."""
    page.evaluate("document.querySelector('main').dataset.leaving = '1'")
    link.click()
    expect(page.locator("main[data-leaving]")).to_have_count(0)  # the new page's main is in
    page.wait_for_load_state("networkidle")


def nav(page, name: str) -> None:
    follow(page, page.get_by_test_id("resources-nav").get_by_role("link", name=name))


def keep_the_lists(head) -> str:
    """Add (one refused first), edit and delete; returns the address of the kept member's edit page."""
    page = head.page
    add_member(page, "Τακτικό μέλος", "123456789", "Παπαδόπουλος", "Γεώργιος")  # a wrong ΑΦΜ
    expect(page.get_by_test_id("error-summary")).to_contain_text("ΑΦΜ:")
    expect(page.locator("#field-afm")).to_have_attribute("aria-invalid", "true")
    head.screen("kse-head-staff-errors")
    page.get_by_label("ΑΦΜ").fill("123456783")
    page.get_by_role("button", name="Εισαγωγή μέλους").click()
    expect(page.get_by_role("status")).to_contain_text("Το μέλος προστέθηκε.")
    add_member(page, "Αναπληρωματικό μέλος", "094014201", "Νικολάου", "Μαρία")
    expect(page.get_by_test_id("staff").locator("tbody tr")).to_have_count(2)

    edit = page.get_by_role("link", name="Τροποποίηση Παπαδόπουλος Γεώργιος")
    address = edit.get_attribute("href")
    follow(page, edit)
    page.get_by_label("Τηλέφωνο").fill("2721012345")
    head.screen("kse-head-staff-edit")
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(page.get_by_role("status")).to_contain_text("Τα στοιχεία του μέλους αποθηκεύτηκαν.")
    expect(page.get_by_test_id("staff")).to_contain_text("2721012345")
    page.get_by_role("button", name="Διαγραφή Νικολάου Μαρία").click()
    expect(page.get_by_role("status")).to_contain_text("Το μέλος διαγράφηκε.")
    expect(page.get_by_test_id("staff").locator("tbody tr")).to_have_count(1)
    head.screen("kse-head-staff")

    nav(page, "Τεχνικοί Υπεύθυνοι")
    add_member(page, "Τακτικό μέλος", "094014201", "Νικολάου", "Μαρία")
    expect(page.get_by_test_id("staff")).to_contain_text("Νικολάου")
    head.screen("kse-head-technical-leads")
    return address


def upload_minutes(page, path, *confirmed: str) -> None:
    nav(page, "Πρακτικό Συλλόγου Διδασκόντων")
    page.get_by_label("Πρακτικό (PDF)").set_input_files(path)
    for name in confirmed:
        page.get_by_label(name, exact=False).check()
    page.get_by_role("button", name="Ανάρτηση Πρακτικού").click()


def minutes_then_submission(head, tmp_path) -> None:
    page = head.page
    nav(page, "Οριστική υποβολή")
    page.get_by_role("button", name="Ναι", exact=True).click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("Αναρτήστε πρώτα το Πρακτικό")

    renamed, pdf = tmp_path / "praktiko-renamed.pdf", tmp_path / "praktiko.pdf"
    renamed.write_bytes(NOT_A_PDF)
    pdf.write_bytes(minutes_pdf())
    upload_minutes(page, renamed, "Παπαδόπουλος Γεώργιος")
    expect(page.get_by_test_id("error-summary")).to_contain_text("Το αρχείο δεν είναι PDF")
    expect(page.get_by_test_id("current-minutes")).to_have_count(0)
    head.screen("kse-head-minutes-not-pdf")

    upload_minutes(page, pdf, "Παπαδόπουλος Γεώργιος")
    expect(page.get_by_role("status")).to_contain_text("Το Πρακτικό αναρτήθηκε.")
    head.screen("kse-head-minutes")
    with page.expect_download() as download:
        page.get_by_test_id("current-minutes").get_by_role("link", name="praktiko.pdf").click()
    assert download.value.path().read_bytes() == minutes_pdf()

    nav(page, "Οριστική υποβολή")
    page.get_by_role("button", name="Ναι", exact=True).click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("Νικολάου")  # not confirmed by the minutes
    head.screen("kse-head-submission-refused")

    upload_minutes(page, pdf, "Παπαδόπουλος Γεώργιος", "Νικολάου Μαρία")
    expect(page.get_by_role("status")).to_contain_text("Το Πρακτικό αναρτήθηκε.")
    nav(page, "Οριστική υποβολή")
    head.screen("kse-head-submission-confirm")
    page.get_by_role("button", name="Όχι", exact=True).click()  # changes nothing
    expect(page.get_by_role("heading", level=1)).to_have_text("Προσωπικό Συντονισμού")
    expect(page.get_by_role("button", name="Εισαγωγή μέλους")).to_be_visible()

    nav(page, "Οριστική υποβολή")
    page.get_by_role("button", name="Ναι", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("υποβλήθηκε οριστικά")
    expect(page.get_by_test_id("submitted")).to_contain_text("Υποβλήθηκε από")
    expect(page.get_by_test_id("confirm-submission")).to_have_count(0)
    head.screen("kse-head-submitted")

    nav(page, "Προσωπικό Συντονισμού")
    expect(page.get_by_test_id("read-only")).to_contain_text("υποβλήθηκαν οριστικά")
    expect(page.get_by_role("button", name="Εισαγωγή μέλους")).to_have_count(0)
    expect(page.get_by_role("link", name="Τροποποίηση Παπαδόπουλος Γεώργιος")).to_have_count(0)
    head.screen("kse-head-staff-read-only")


def others_reach_none_of_it(person, member_address: str) -> None:
    other = person("kse-head", "KSE-0002")
    page = other.page
    other.goto(member_address)  # the first centre's member, by its address
    expect(page.get_by_role("heading", level=1)).to_have_text("Η σελίδα δεν βρέθηκε")
    other.screen("kse-head-other-centre-member")
    period = member_address.split("period=")[1]
    other.goto(f"/resources/staff/coordinators?period={period}")  # their own centre's list: empty
    expect(page.get_by_role("heading", level=1)).to_have_text("Προσωπικό Συντονισμού")
    expect(page.locator("main")).not_to_contain_text("Παπαδόπουλος")
    other.goto(f"/resources/minutes/{period}/file")
    expect(page.get_by_role("heading", level=1)).to_have_text("Η σελίδα δεν βρέθηκε")

    teacher = person("teacher")
    for address in (member_address, "/resources/staff-submission", "/resources/minutes"):
        teacher.goto(address)
        expect(teacher.page.get_by_role("heading", level=1)).to_have_text("Δεν έχετε πρόσβαση σε αυτή τη σελίδα")
    teacher.screen("teacher-staff-forbidden")


def test_centre_head_keeps_the_staff_lists_and_submits_them(person, system, api_token, tmp_path):
    register_centres(system, api_token, "KSE-0001", "KSE-0002")
    # The staff window is the call for expressions of interest: open now, closing before phase A
    # (which open_period starts two days from now).
    code = open_period(person("central-admin"), datetime.now(ATHENS) + timedelta(days=1))
    head = person("kse-head")
    page = head.page
    page.get_by_role("link", name="Διαχείριση πόρων ΚΣΕ").click()
    nav(page, "Προσωπικό Συντονισμού")
    choose_period(head, code)
    expect(page.get_by_role("heading", level=1)).to_have_text("Προσωπικό Συντονισμού")
    member_address = keep_the_lists(head)
    minutes_then_submission(head, tmp_path)
    others_reach_none_of_it(person, member_address)
