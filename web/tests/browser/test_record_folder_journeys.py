"""The centre head's record folder («Έγγραφα φυσικού αντικειμένου») and «Έντυπα» menu by clicking, a
document downloaded from it, and anyone's check of the printed code on the public /verify page."""
from __future__ import annotations

import requests
from playwright.sync_api import expect

K6 = {"period_code": "2026-B2-9", "period_title": "9η Περίοδος Β2", "centre_code": "KSE-0001",
      "centre_name": "ΚΣΕ ΔΟΚΙΜΗΣ", "rows": []}


def print_k6(system, api_token) -> dict:
    response = requests.post(f"{system['base']}/api/documents/v1/lists/k6", json=K6, timeout=60,
                             headers={"Authorization": f"Bearer {api_token('kse-head')}"})
    assert response.status_code in (200, 201), response.text[:300]
    return response.json()


def test_the_centre_head_opens_the_folder_and_anyone_verifies_the_code(person, visitor, system, api_token):
    document = print_k6(system, api_token)
    head = person("kse-head")
    page = head.page
    page.get_by_role("link", name="Έγγραφα φυσικού αντικειμένου").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Έγγραφα φυσικού αντικειμένου")
    row = page.get_by_test_id("folder").locator("tbody tr", has_text=document["sha256"][:12])
    expect(row).to_contain_text("Κατάλογος Οριστικών Προγραμμάτων Επιμόρφωσης")
    head.screen("head-record-folder")
    href = row.get_by_role("link", name="Λήψη PDF").get_attribute("href")
    pdf = page.request.get(f"{system['base']}{href}")  # the session's cookie, as a click would send it
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")

    page.get_by_role("link", name="Έντυπα", exact=True).click()
    expect(page.get_by_test_id("forms-menu")).to_contain_text("Έντυπα Καταλόγων - Καταστάσεων")
    head.screen("head-forms-menu")
    page.get_by_test_id("forms-menu").get_by_role("link", name="K6: Κατάλογος Οριστικών Προγραμμάτων Επιμόρφωσης").click()
    expect(page.get_by_test_id("folder").locator("tbody tr")).not_to_have_count(0)
    expect(page.get_by_test_id("folder")).not_to_contain_text("Β4")

    visitor.goto(f"/verify/{document['verification_code']}")
    expect(visitor.page.get_by_test_id("verified")).to_contain_text("Το έγγραφο είναι γνήσιο")
    expect(visitor.page.get_by_test_id("verification")).to_contain_text("Κατάλογος Οριστικών Προγραμμάτων")
    visitor.screen("public-verification")
    visitor.goto("/verify")
    visitor.page.get_by_label("Κωδικός επαλήθευσης").fill("ZZZZ-ZZZZ-ZZZZ")
    visitor.page.get_by_role("button", name="Επαλήθευση").click()
    expect(visitor.page.get_by_test_id("not-verified")).to_contain_text("δεν αντιστοιχεί σε έγγραφο")
    visitor.screen("public-verification-unknown")
