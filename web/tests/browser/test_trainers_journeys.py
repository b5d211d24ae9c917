"""The central administrator's «Μητρώο επιμορφωτών (M1)» by clicking: a wrong file (every wrong line
shown, nothing imported), the right one, the register filtered and exported as CSV, a trainer
edited (a refusal next to its field first) and deactivated; a centre head does not reach it."""
from __future__ import annotations

import csv
import io
import subprocess
import uuid
from datetime import datetime, timedelta, timezone

import requests

from epimorfosi_platform.afm import afm_check_digit
from playwright.sync_api import expect

HEADER = "ΑΦΜ;Επώνυμο;Όνομα;Ειδικότητα;Επίπεδο;Ημερομηνία πιστοποίησης;Συστάδα;Περιφέρεια;Τηλέφωνο;e-mail"


def afm(n: int) -> str:
    first = f"{20000000 + n:08d}"
    return first + str(afm_check_digit(first))


def line(n: int, surname: str, cluster: str = "B1.4", region: str = "ΠΕΛΟΠΟΝΝΗΣΟΥ") -> str:
    return f"{afm(n)};{surname};ΜΑΡΙΑ;ΠΕ86 - ΠΛΗΡΟΦΟΡΙΚΗΣ;B1;30/6/2025;{cluster};{region};2721012345;t{n}@sch.gr"


def register_file(tmp_path, name: str, *lines: str):
    path = tmp_path / name
    path.write_text("\n".join((HEADER, *lines)) + "\n", encoding="utf-8")
    return path


def import_register(admin, tmp_path) -> None:
    page = admin.page
    page.get_by_role("link", name="Μητρώο επιμορφωτών").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Μητρώο Πιστοποιημένων Επιμορφωτών")
    bad = register_file(tmp_path, "bad.csv", line(1, "ΑΘΑΝΑΣΙΟΥ"), line(2, "Χ"), line(1, "ΒΑΣΙΛΕΙΟΥ"))
    page.get_by_label("Αρχείο CSV").set_input_files(bad)
    page.get_by_role("button", name="Εισαγωγή μητρώου").click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_contain_text("Το αρχείο δεν εισήχθη (2 σφάλματα· δεν άλλαξε τίποτα).")
    expect(summary).to_contain_text("Γραμμή 3: Επώνυμο: Από 2 έως 100")
    expect(summary).to_contain_text(f"Γραμμή 4: ο ΑΦΜ {afm(1)} υπάρχει ήδη στη γραμμή 2.")
    expect(page.get_by_test_id("no-trainers")).to_be_visible()  # nothing half-imported
    admin.screen("admin-trainers-import-errors")

    good = register_file(tmp_path, "good.csv", line(1, "ΑΘΑΝΑΣΙΟΥ"), line(2, "ΓΕΩΡΓΙΟΥ", "B1.2", "ΚΡΗΤΗΣ"),
                         line(3, "ΔΗΜΗΤΡΙΟΥ"))
    page.get_by_label("Αρχείο CSV").set_input_files(good)
    page.get_by_role("button", name="Εισαγωγή μητρώου").click()
    expect(page.get_by_role("status")).to_contain_text("Το μητρώο εισήχθη: 3 γραμμές (νέοι 3")
    expect(page.get_by_test_id("trainers").locator("tbody tr")).to_have_count(3)
    expect(page.get_by_test_id("trainers")).to_contain_text("t2@sch.gr")  # contact data: central admins only
    admin.screen("admin-trainers")


def filter_and_export(admin) -> None:
    page = admin.page
    page.get_by_label("Συστάδα").select_option("B1.4")
    page.get_by_role("button", name="Επιλογή", exact=True).click()
    expect(page.get_by_test_id("trainers").locator("tbody tr")).to_have_count(2)
    expect(page.get_by_test_id("trainers")).not_to_contain_text("ΓΕΩΡΓΙΟΥ")
    admin.screen("admin-trainers-filtered")
    with page.expect_download() as download:
        page.get_by_role("link", name="Εξαγωγή σε CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["ΑΦΜ", "Επώνυμο", "Όνομα"]
    assert [r[1] for r in rows[1:]] == ["ΑΘΑΝΑΣΙΟΥ", "ΔΗΜΗΤΡΙΟΥ"]
    assert rows[1][5] == "30/6/2025"  # as the import reads it back


def a_period(system, token: str) -> None:
    """A period for the printed register to be about (documents-svc prints a list per period)."""
    start = datetime.now(timezone.utc) + timedelta(days=1)
    names = ("interest_opens_at", "interest_closes_at", "applications_a_opens_at", "applications_a_closes_at",
             "applications_b_opens_at", "applications_b_closes_at", "allocation_published_at", "enrolment_deadline")
    body = {name: (start + timedelta(days=i)).isoformat() for i, name in enumerate(names)}
    code = f"M1-{uuid.uuid4().hex[:8]}"
    answer = requests.post(f"{system['base']}/api/applications/v1/periods", timeout=30,
                           json={**body, "code": code, "name": f"Περίοδος μητρώου {code}"},
                           headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 201, answer.text


def print_register(admin, tmp_path) -> None:
    """«Εκτύπωση σε PDF» of the register as chosen (B1.4): documents-svc's form M1, downloaded."""
    page = admin.page
    with page.expect_download() as download:
        page.get_by_role("button", name="Εκτύπωση σε PDF").click()
    assert download.value.suggested_filename.startswith("m1-list-M1_") and download.value.suggested_filename.endswith(".pdf")
    pdf = tmp_path / "m1.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "Κατάλογος Πιστοποιημένων Επιμορφωτών Β' Επιπέδου Τ.Π.Ε." in text
    assert "ΑΘΑΝΑΣΙΟΥ" in text and "ΔΗΜΗΤΡΙΟΥ" in text and "ΓΕΩΡΓΙΟΥ" not in text  # the chosen ones
    assert afm(1) not in text and "t1@sch.gr" not in text  # the printed register has no contact data


def edit_and_deactivate(admin) -> None:
    page = admin.page
    page.get_by_role("link", name="ΔΗΜΗΤΡΙΟΥ ΜΑΡΙΑ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ΔΗΜΗΤΡΙΟΥ ΜΑΡΙΑ")
    page.get_by_label("Συστάδα").fill("B2.1")
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("Η συστάδα B2.1 δεν είναι του επιπέδου B1.")
    expect(page.locator("#field-cluster")).to_have_attribute("aria-invalid", "true")
    admin.screen("admin-trainer-edit-errors")
    page.get_by_label("Συστάδα").fill("B1.3")
    page.get_by_label("Τηλέφωνο").fill("")
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(page.get_by_role("status")).to_contain_text("Τα στοιχεία του επιμορφωτή αποθηκεύτηκαν.")
    expect(page.get_by_label("Συστάδα")).to_have_value("B1.3")
    expect(page.get_by_label("Τηλέφωνο")).to_have_value("")
    admin.screen("admin-trainer-edit")

    page.get_by_role("button", name="Απενεργοποίηση επιμορφωτή").click()
    expect(page.get_by_role("status")).to_contain_text("Ο επιμορφωτής απενεργοποιήθηκε")
    expect(page.get_by_test_id("trainer-state")).to_contain_text("Ανενεργός")
    expect(page.get_by_role("button", name="Απενεργοποίηση επιμορφωτή")).to_have_count(0)
    page.get_by_role("link", name="Μητρώο επιμορφωτών").first.click()
    page.get_by_label("Κατάσταση").select_option("false")
    page.get_by_role("button", name="Επιλογή", exact=True).click()
    expect(page.get_by_test_id("trainers").locator("tbody tr")).to_have_count(1)
    expect(page.get_by_test_id("trainers")).to_contain_text("ΔΗΜΗΤΡΙΟΥ")
    admin.screen("admin-trainers-inactive")


def test_central_admin_keeps_the_trainer_register(person, tmp_path, system, api_token):
    admin = person("central-admin")
    import_register(admin, tmp_path)
    filter_and_export(admin)
    a_period(system, api_token("central-admin"))
    print_register(admin, tmp_path)
    edit_and_deactivate(admin)
    admin.page.set_viewport_size({"width": 360, "height": 800})
    admin.goto("/trainers")
    admin.screen("phone-admin-trainers")

    head = person("kse-head")
    head.goto("/trainers")
    expect(head.page.get_by_role("heading", level=1)).to_have_text("Δεν έχετε πρόσβαση σε αυτή τη σελίδα")
