"""«Προγράμματα επιμόρφωσης → Εγγραφή επιμορφούμενων» by clicking, on the real services: the centre
head enrols the programme's successful candidate with «Καταχώριση» (refused first with nobody
ticked), reads the history, records a withdrawal with the signed declaration; the teacher sees their
own state; the coordinator reads without forms; the central admin sees every centre. The period,
the centre's submission, the teacher's application and the two draws are arranged through the API,
with the real clock (about a minute and a half of windows), as test_teacher_journeys does. Named to run
after test_journeys, which registers the centre and expresses its interest on a fresh system."""
from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect
from web_client_browser_helpers import CENTRE, Api, draw, menu, open_cycle, until, wait_for

# A minimal PDF that enrollment-svc's structural check accepts (header, catalogue, trailer).
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"


@pytest.fixture(scope="module")
def allocated(system, api_token):
    """A period through its phase-A allocation: the teacher seated in this centre's one programme,
    the enrolment deadline ten minutes ahead; enrollment-svc has received the allocation."""
    api = Api(system["base"], api_token)
    cycle = open_cycle(api, "Περίοδος εγγραφών", "BR-ENR", enrolment_after=timedelta(minutes=10))
    period_id, at = cycle["period"]["id"], cycle["at"]
    until(at[1])
    draw(api, f"/applications/v1/periods/{period_id}/lottery")
    [programme] = [p for p in api("central-admin", "GET", f"/applications/v1/periods/{period_id}/programmes").json()
                   if p["centre_code"] == CENTRE]
    until(at[2])
    specialty = api("teacher", "GET", "/applications/v1/clusters/B2.4").json()["specialties"][0]["code"]
    api("teacher", "PUT", f"/applications/v1/periods/{period_id}/applications/A/mine",
        json={"specialty": specialty, "programmes": [programme["code"]]})
    until(at[3])
    draw(api, f"/applications/v1/periods/{period_id}/allocation/A")
    listed = wait_for(lambda: any(p["programme"]["code"] == programme["code"] for p in api(
        "kse-head", "GET", "/enrollment/v1/enrolment/programmes", params={"period_id": period_id}).json()))
    assert listed, "enrollment-svc never received the allocation"
    return {**cycle, "code": programme["code"]}


def open_programme(visitor, allocated):
    page = visitor.page
    visitor.goto(f"/programmes/enrolment?period={allocated['period']['id']}")
    expect(page.get_by_test_id("period")).to_contain_text(allocated["name"])
    page.get_by_role("link", name=f"Αιτήσεις προγ/τος {allocated['code']}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Αιτήσεις προγ/τος {allocated['code']}")
    return page


def test_centre_head_enrols_the_successful_candidate(person, allocated):
    head = person("kse-head")
    page = head.page
    menu(page, "Προγράμματα επιμόρφωσης").click()
    expect(page.get_by_role("link", name="Εγγραφή επιμορφούμενων")).to_be_visible()
    page = open_programme(head, allocated)
    entries = page.get_by_test_id("entries")
    expect(entries).to_contain_text("Επιτυχών/ούσα")
    head.screen("kse-head-enrolment-candidates")
    page.get_by_role("button", name="Καταχώριση").click()  # nobody ticked: refused, in Greek
    expect(page.get_by_test_id("error-summary")).to_contain_text("Επιλέξτε τουλάχιστον έναν/μία υποψήφιο/α")
    head.screen("kse-head-enrolment-nobody-ticked")
    page.get_by_role("checkbox").first.check()
    page.get_by_role("button", name="Καταχώριση").click()
    expect(page.get_by_role("status")).to_contain_text("Η εγγραφή καταχωρίστηκε για 1 υποψήφιους/ες.")
    expect(entries).to_contain_text("Εγγεγραμμένος/η")
    expect(page.get_by_test_id("seats")).to_contain_text("εγγεγραμμένοι: 1")
    head.screen("kse-head-enrolment-enrolled")
    csv = page.request.get(head.base + page.get_by_role("link", name="Εξαγωγή σε CSV").get_attribute("href"))
    assert csv.headers["content-type"] == "text/csv; charset=utf-8" and "Εγγεγραμμένος/η" in csv.body().decode("utf-8-sig")
    page.set_viewport_size({"width": 360, "height": 800})
    head.screen("kse-head-enrolment-enrolled-360")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # the table scrolls, not the page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Ιστορικό").first.click()
    history = page.get_by_test_id("history")
    expect(history).to_contain_text("Κατανομή")
    expect(history).to_contain_text("Εγγραφή")
    head.screen("kse-head-enrolment-history")


def test_the_teacher_sees_their_own_state(person, allocated):
    teacher = person("teacher")
    page = teacher.page
    menu(page, "Τα προγράμματά μου").click()
    row = page.get_by_test_id("my-entries").get_by_role("row").filter(has_text=allocated["code"])
    expect(row.get_by_test_id("state")).to_have_text("Εγγεγραμμένος/η")
    teacher.screen("teacher-my-programmes")
    teacher.goto("/programmes/enrolment")
    expect(page.get_by_role("heading", level=1)).to_have_text("Δεν έχετε πρόσβαση σε αυτή τη σελίδα")


def test_the_coordinator_reads_and_the_central_admin_sees_every_centre(person, allocated):
    coordinator = person("coordinator")
    menu(coordinator.page, "Εγγραφή επιμορφούμενων").click()
    page = open_programme(coordinator, allocated)
    expect(page.get_by_test_id("read-only")).to_be_visible()
    expect(page.get_by_role("checkbox")).to_have_count(0)
    expect(page.get_by_role("link", name="Αποχώρηση")).to_have_count(0)
    coordinator.screen("coordinator-enrolment-read-only")

    admin = person("central-admin")
    menu(admin.page, "Εγγραφή επιμορφούμενων").click()
    page = admin.page
    admin.goto(f"/programmes/enrolment?period={allocated['period']['id']}&centre={CENTRE}")
    expect(page.get_by_test_id("programmes")).to_contain_text(CENTRE)
    expect(page.get_by_label("ΚΣΕ")).to_have_value(CENTRE)
    admin.screen("central-admin-enrolment-programmes")


def test_centre_head_records_a_withdrawal_with_the_declaration(person, allocated, tmp_path):
    head = person("kse-head")
    page = open_programme(head, allocated)
    page.get_by_role("link", name="Αποχώρηση").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Αποχώρηση υποψηφίου")
    page.get_by_role("button", name="Καταχώριση αποχώρησης").click()  # no file
    expect(page.get_by_test_id("error-summary")).to_contain_text("Ανεβάστε την υπογεγραμμένη υπεύθυνη δήλωση")
    head.screen("kse-head-withdrawal-no-file")
    declaration = tmp_path / "dilosi.pdf"
    declaration.write_bytes(PDF)
    page.get_by_label("Υπεύθυνη Δήλωση (PDF)").set_input_files(declaration)
    page.get_by_role("button", name="Καταχώριση αποχώρησης").click()
    expect(page.get_by_role("status")).to_contain_text("Η αποχώρηση καταχωρίστηκε")
    expect(page.get_by_test_id("entries")).to_contain_text("Αποχώρησε")
    head.screen("kse-head-withdrawal-recorded")
    link = page.get_by_role("link", name="Υπεύθυνη Δήλωση").first
    pdf = page.request.get(head.base + link.get_attribute("href"))
    assert pdf.status == 200 and pdf.body() == PDF
    head.goto("/programmes/enrolment/NO-SUCH-PROGRAMME")
    expect(head.page.get_by_role("heading", level=1)).to_have_text("Η σελίδα δεν βρέθηκε")
