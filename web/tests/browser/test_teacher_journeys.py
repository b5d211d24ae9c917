"""Journeys of the programme cycle's results, by clicking: the centre head's form A2, «Έντυπα»,
lottery results and distribution table; the teacher's application (window not yet open, then open:
specialty, add, save) and result. What is not their subject (the period, the centre's submission,
the two draws) is arranged through the API, with the real clock: the services enforce every
window, so the windows are STEP seconds apart from now (about two minutes in all)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect
from web_client_browser_helpers import Api, draw, menu, open_cycle, until, wait_for


@pytest.fixture(scope="module")
def cycle(system, api_token):
    """A period whose interest this centre has submitted, with its windows ahead on the clock."""
    return open_cycle(Api(system["base"], api_token), "Περίοδος αποτελεσμάτων", "BR-RES")


def test_centre_head_gets_form_a2_then_the_lottery_results(person, cycle):
    head = person("kse-head")
    page = head.page
    menu(page, "Προγράμματα επιμόρφωσης").click()
    expect(page.locator(".govgr-caption-l")).to_contain_text(cycle["name"])
    a2 = page.get_by_role("link", name="Έντυπο Α2 (PDF)")
    expect(a2).to_be_visible()
    head.screen("kse-head-interest-links")
    # documents-svc makes the form from the submission's event: the link answers a PDF once it exists.
    url = head.base + a2.get_attribute("href")
    pdf = wait_for(lambda: (lambda r: r if r.status == 200 else None)(page.request.get(url)))
    assert pdf and pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")

    menu(page, "Έντυπα").click()
    expect(page.get_by_test_id("documents")).to_contain_text("Έντυπο Α2")
    head.screen("kse-head-forms")

    until(cycle["at"][1])  # the interest window closed: the lottery
    draw(cycle["api"], f"/applications/v1/periods/{cycle['period']['id']}/lottery")
    menu(page, "Προγράμματα επιμόρφωσης").click()
    page.get_by_role("link", name="Αποτελέσματα κλήρωσης").click()
    expect(page.get_by_test_id("selected")).to_contain_text("Το ΚΣΕ επιλέχθηκε να υλοποιήσει 1 προγράμματα.")
    expect(page.get_by_test_id("won")).to_contain_text("B2.4")
    head.screen("kse-head-lottery-results")
    csv = page.request.get(head.base + page.get_by_role("link", name="Εξαγωγή σε CSV").get_attribute("href"))
    assert csv.headers["content-type"] == "text/csv; charset=utf-8" and "B2.4" in csv.body().decode("utf-8-sig")

    page.get_by_role("link", name="Πίνακας γεωγραφικής κατανομής").click()
    expect(page.get_by_test_id("distribution")).to_contain_text("Νομός Μεσσηνίας")
    head.screen("kse-head-distribution")
    head.goto("/application")
    expect(page.get_by_role("heading", level=1)).to_have_text("Δεν έχετε πρόσβαση σε αυτή τη σελίδα")


def test_teacher_applies_when_the_window_opens_and_sees_the_result(person, cycle):
    api, period_id, at = cycle["api"], cycle["period"]["id"], cycle["at"]
    teacher = person("teacher")
    page = teacher.page
    menu(page, "Αίτηση συμμετοχής").click()
    if datetime.now(timezone.utc) < at[2]:
        expect(page.get_by_test_id("window")).to_contain_text("η υποβολή αιτήσεων δεν έχει ανοίξει ακόμη")
        teacher.screen("teacher-application-not-yet-open")
    until(at[2])
    menu(page, "Αίτηση συμμετοχής").click()
    specialty = api("teacher", "GET", "/applications/v1/clusters/B2.4").json()["specialties"][0]["code"]
    page.get_by_label("Κλάδος/Ειδικότητα").select_option(specialty)
    page.get_by_role("button", name="Επιλογή ειδικότητας").click()
    eligible = page.get_by_test_id("eligible")
    expect(eligible).to_contain_text("B2.4")
    teacher.screen("teacher-application-eligible")
    eligible.get_by_role("link", name="Προσθήκη").first.click()
    expect(page.get_by_test_id("ranking")).to_contain_text("B2.4 ΠΛΗΡΟΦΟΡΙΚΗ")  # the ranking being edited
    expect(page.get_by_test_id("unsaved")).to_be_visible()
    expect(eligible).to_contain_text("Στην αίτηση")
    page.get_by_role("button", name="Καταχώριση αίτησης").click()
    expect(page.get_by_role("status")).to_contain_text("Η αίτησή σας καταχωρίστηκε.")
    expect(page.get_by_test_id("saved")).to_contain_text("Αριθμός υποψηφίου")
    teacher.screen("teacher-application-saved")
    page.set_viewport_size({"width": 360, "height": 800})
    teacher.screen("teacher-application-saved-360")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    page.set_viewport_size({"width": 1280, "height": 900})

    until(at[3])  # phase A closed: the allocation
    draw(api, f"/applications/v1/periods/{period_id}/allocation/A")
    menu(page, "Αποτελέσματα").click()
    expect(page.get_by_test_id("status")).to_contain_text("Επιτυχών/ούσα στο πρόγραμμα")
    expect(page.get_by_test_id("candidate-number")).not_to_have_text("—")
    teacher.screen("teacher-results")
    teacher.goto("/programmes/lottery-results")
    expect(page.get_by_role("heading", level=1)).to_have_text("Δεν έχετε πρόσβαση σε αυτή τη σελίδα")
