"""Journeys of the programme cycle's results, by clicking: the centre head's form A2, «Έντυπα»,
lottery results and distribution table; the teacher's application (window not yet open, then open:
specialty, add, save) and result, after the central admin's allocation (freeze, seed with its public
source, draw, published record, offline verification). What is not their subject (the period, the
centre's submission, the lottery) is arranged through the API, with the real clock: the services
enforce every window, so the windows are STEP seconds apart from now (about three minutes in all)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect
from web_client_browser_helpers import (
    SEED, Api, confirm, draw, menu, open_cycle, until, verify_draw_record, wait_for,
)

ALLOCATION_EXTRA = 60  # seconds more for the allocation's window, clicked through by the central admin


@pytest.fixture(scope="module")
def cycle(system, api_token):
    """A period whose interest this centre has submitted, with its windows ahead on the clock."""
    return open_cycle(Api(system["base"], api_token), "Περίοδος αποτελεσμάτων", "BR-RES",
                      allocation_extra=ALLOCATION_EXTRA)


def allocate_by_clicking(admin, period_id: int, folder) -> None:
    """The central admin's allocation of phase A, as the lottery's: «Πάγωμα» (the input's hash
    shown), the seed with its public source, «Κατανομή», the published record and how anyone
    verifies it (downloaded and checked offline with the command the page gives)."""
    page = admin.goto(f"/periods/{period_id}")
    page.get_by_role("link", name="Κατανομή εκπαιδευτικών Α' φάσης").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Κατανομή εκπαιδευτικών Α' φάσης")
    page.get_by_role("button", name="Πάγωμα").click()
    confirm(page)
    expect(page.get_by_role("status")).to_contain_text("Τα δεδομένα «πάγωσαν».")
    digest = page.get_by_test_id("input-sha256").inner_text()
    assert len(digest) == 64
    admin.screen("admin-allocation-a-frozen")
    page.get_by_label("Σπόρος", exact=True).fill(SEED["seed"])
    page.get_by_label("Δημόσια πηγή του σπόρου").fill(SEED["source"])
    page.get_by_role("button", name="Καταχώριση σπόρου").click()
    confirm(page)
    expect(page.get_by_test_id("seed")).to_have_text(SEED["seed"])
    page.get_by_role("button", name="Κατανομή", exact=True).click()
    confirm(page)
    expect(page.get_by_role("status")).to_contain_text("Το αποτέλεσμα υπολογίστηκε και δημοσιεύθηκε.")
    expect(page.get_by_test_id("verify-command")).to_contain_text("python -m applications_svc.verify")
    expect(page.get_by_role("heading", name="Πώς επαληθεύεται")).to_be_visible()
    seated = page.get_by_test_id("record").locator("tbody tr").first.locator("td")
    expect(seated.nth(3)).to_have_text("1")  # «Επιτυχόντες»: a count, the teacher who applied
    admin.screen("admin-allocation-a-drawn")
    verify_draw_record(page, folder, digest)


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


def test_teacher_applies_when_the_window_opens_and_sees_the_result(person, cycle, tmp_path):
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

    admin = person("central-admin")
    until(at[3])  # phase A closed: the central admin's allocation, by clicking
    allocate_by_clicking(admin, period_id, tmp_path)
    menu(page, "Αποτελέσματα").click()
    expect(page.get_by_test_id("status")).to_contain_text("Επιτυχών/ούσα στο πρόγραμμα")
    expect(page.get_by_test_id("candidate-number")).not_to_have_text("—")
    teacher.screen("teacher-results")
    teacher.goto("/programmes/lottery-results")
    expect(page.get_by_role("heading", level=1)).to_have_text("Δεν έχετε πρόσβαση σε αυτή τη σελίδα")
