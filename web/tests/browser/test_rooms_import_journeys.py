"""The central administrator imports rooms from CSV on the centres screen, a workstation per line:
a file with wrong lines is refused line by line (nothing stored), the corrected one imported, and the
room is then on the centre's page with its counts of certified and uncertified workstations."""
from __future__ import annotations

from playwright.sync_api import expect

CENTRES = ("code;name;directorate;prefecture;region\n"
           "KSE-0951;ΚΣΕ ΑΙΘΟΥΣΩΝ ΑΠΟ ΑΡΧΕΙΟ;Διεύθυνση Π.Ε. Αρκαδίας;ΑΡΚΑΔΙΑΣ;ΠΕΛΟΠΟΝΝΗΣΟΥ\n")
HEADER = "Κωδικός ΚΣΕ;Αίθουσα;Πιστοποιημένη αίθουσα;Δυναμικότητα;Σταθμός εργασίας;Επεξεργαστής;Μνήμη;Δίσκος;" \
         "Λειτουργικό σύστημα;Οθόνη;Δίκτυο;Πιστοποιημένος σταθμός\n"


def station(label: str, certified: str, room: str = "Εργαστήριο Α", capacity: str = "12") -> str:
    return f"KSE-0951;{room};ναι;{capacity};{label};Intel i5;8 GB;SSD 256 GB;Windows 11;24\";Ethernet;{certified}\n"


def upload(page, label: str, button: str, name: str, text: str) -> None:
    page.get_by_label(label, exact=True).set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}])
    page.get_by_role("button", name=button).click()


def test_central_admin_imports_rooms_with_their_workstations_from_csv(person):
    admin = person("central-admin")
    page = admin.page
    page.get_by_role("link", name="ΚΣΕ και αίθουσες").click()
    upload(page, "Αρχείο CSV", "Εισαγωγή μητρώου", "kse.csv", CENTRES)
    expect(page.get_by_role("status")).to_contain_text("Το μητρώο εισήχθη")
    bad = HEADER + station("Σ1", "ναι") + station("Σ1", "όχι") + station("Σ2", "ίσως") + \
        station("Σ3", "ναι", capacity="13") + "KSE-0999;Αίθουσα Β;όχι;10;;;;;;;;\n"
    upload(page, "Αρχείο CSV αιθουσών", "Εισαγωγή αιθουσών", "rooms.csv", bad)
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_contain_text("Γραμμή 3: ο σταθμός εργασίας «Σ1» υπάρχει ήδη στη γραμμή 2.")
    expect(summary).to_contain_text("Γραμμή 4: Πιστοποιημένος σταθμός: Γράψτε «ναι» ή «όχι».")
    expect(summary).to_contain_text("Γραμμή 5: η αίθουσα «Εργαστήριο Α» του KSE-0951 έχει άλλη πιστοποίηση")
    admin.screen("admin-rooms-import-errors")
    good = HEADER + station("Σ1", "ναι") + station("Σ2", "ναι") + station("Σ3", "όχι")
    upload(page, "Αρχείο CSV αιθουσών", "Εισαγωγή αιθουσών", "rooms.csv", good)
    expect(page.get_by_role("status")).to_contain_text(
        "Οι αίθουσες εισήχθησαν: 1 νέες, 0 ενημερώθηκαν, 3 σταθμοί εργασίας.")
    admin.screen("admin-rooms-imported")
    admin.goto("/centres/KSE-0951")
    expect(page.get_by_role("link", name="Εργαστήριο Α", exact=True)).to_be_visible()
    # its counts: 2 certified workstations, 1 uncertified (each count a link to its list)
    expect(page.get_by_role("link", name="2 πιστοποιημένοι σταθμοί εργασίας: Εργαστήριο Α")).to_be_visible()
    expect(page.get_by_role("link", name="1 μη πιστοποιημένοι σταθμοί εργασίας: Εργαστήριο Α")).to_be_visible()
    admin.screen("admin-rooms-imported-centre")
