"""«Προγράμματα επιμόρφωσης → Κ3 / Κ6» by clicking: the centre head reaches the lists from the menu
(their own centre: no «ΚΣΕ» filter), filters them and sees the export and print actions; the
central administrator also filters by centre. Every screen: screenshot, axe-core, CSP."""
from __future__ import annotations

from playwright.sync_api import expect


def test_the_head_and_the_admin_reach_the_programme_lists(person):
    head = person("kse-head")
    page = head.page
    page.get_by_role("link", name="Κατάλογοι Κ3–Κ6").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("K3: Κατάλογος Προγραμμάτων Επιμόρφωσης προς Υλοποίηση")
    expect(page.get_by_label("Κωδικός ΚΣΕ")).to_have_count(0)
    page.get_by_label("Συστάδα").fill("B1.4")
    page.get_by_label("Τύπος προγράμματος").select_option("IIb")
    page.get_by_role("button", name="Επιλογή", exact=True).click()
    page.wait_for_url("**/programmes/lists/k3?*cluster=B1.4*")
    head.screen("head-k3")
    page.get_by_role("link", name="K6", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("K6: Κατάλογος Οριστικών Προγραμμάτων Επιμόρφωσης")
    head.screen("head-k6")

    page.get_by_label("Συστάδα").fill("X")
    page.get_by_role("button", name="Επιλογή", exact=True).click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("Μη έγκυρη συστάδα.")
    head.screen("head-k6-refused-filter")

    admin = person("central-admin")
    admin.page.get_by_role("link", name="Κατάλογοι Κ3–Κ6").click()
    expect(admin.page.get_by_label("Κωδικός ΚΣΕ")).to_be_visible()
    admin.screen("admin-k3")
