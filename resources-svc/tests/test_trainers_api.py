"""The register of certified trainers (M1): import, list, edit, deactivate, and its events."""
import json

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from resources_svc_helpers import afm, outbox_events, register_csv, trainer_line

from resources_svc import SERVICE

CHANGED = "resources.trainer.changed.v1"
CSV = {"Content-Type": "text/csv"}


def import_file(client, headers, data: bytes):
    return client.post("/v1/trainers/import", data=data, headers={**headers, **CSV})


def schema_of(event_type: str):
    path = SERVICE.events_dir / f"{event_type}.schema.json"
    return Draft202012Validator(json.loads(path.read_text(encoding="utf-8")), format_checker=FormatChecker())


def test_import_registers_every_line_and_announces_each_trainer(client, app, admin):
    response = import_file(client, admin, register_csv(trainer_line(1), trainer_line(2, "ΑΛΕΞΙΟΥ")))
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"lines": 2, "registered": 2, "updated": 0, "unchanged": 0}
    listed = client.get("/v1/trainers", headers=admin).get_json()
    assert [t["surname"] for t in listed] == ["ΑΛΕΞΙΟΥ", "ΠΑΠΑΔΟΠΟΥΛΟΥ"]
    assert listed[1]["afm"] == afm(1) and listed[1]["certified_on"] == "2025-06-30"
    assert listed[1]["phone"] == "2721012345" and listed[1]["email"] == "t1@sch.gr"
    events = outbox_events(app, CHANGED)
    assert len(events) == 2
    for envelope in events:
        schema_of(CHANGED).validate(envelope["data"])
        assert "phone" not in envelope["data"] and "email" not in envelope["data"]
    assert {e["data"]["afm"] for e in events} == {afm(1), afm(2)}
    assert all(e["data"]["version"] == 1 and e["data"]["active"] for e in events)


def test_reimport_upserts_by_afm_and_announces_only_what_changed(client, app, admin):
    assert import_file(client, admin, register_csv(trainer_line(1), trainer_line(2))).status_code == 200
    again = import_file(client, admin, register_csv(trainer_line(1), trainer_line(2, region="ΚΡΗΤΗΣ"),
                                                    trainer_line(3)))
    assert again.get_json() == {"lines": 3, "registered": 1, "updated": 1, "unchanged": 1}
    events = outbox_events(app, CHANGED)
    assert len(events) == 4
    updated = [e["data"] for e in events if e["data"]["afm"] == afm(2)]
    assert [u["version"] for u in updated] == [1, 2] and updated[1]["region"] == "ΚΡΗΤΗΣ"
    assert len(client.get("/v1/trainers", headers=admin).get_json()) == 3


def test_a_bad_file_imports_nothing_and_names_each_line_in_greek(client, app, admin):
    bad_afm = afm(2)[:8] + str((int(afm(2)[8]) + 1) % 10)
    data = register_csv(trainer_line(1), f"{bad_afm};Χ;ΜΑΡΙΑ;ΠΕ86;B1;30/6/2025;B1.4;ΚΡΗΤΗΣ;;",
                        trainer_line(3, cluster="B2.1"), trainer_line(1), "1;2")
    response = import_file(client, admin, data)
    assert response.status_code == 422
    assert response.headers["Content-Type"].startswith("application/problem+json")
    problem = response.get_json()
    assert problem["type"].endswith("invalid-trainer-file")
    errors = problem["errors"]
    assert errors[0].startswith("Γραμμή 3: ") and "ΑΦΜ: Μη έγκυρος ΑΦΜ: το ψηφίο ελέγχου" in errors[0]
    assert "Επώνυμο: Από 2 έως 100" in errors[0]  # «Χ» is too short, in the same line's message
    assert errors[1].startswith("Γραμμή 4: Συστάδα: Η συστάδα B2.1 δεν είναι του επιπέδου B1")
    assert errors[2] == f"Γραμμή 5: ο ΑΦΜ {afm(1)} υπάρχει ήδη στη γραμμή 2."
    assert errors[3] == "Γραμμή 6: αναμένονται 10 στήλες, βρέθηκαν 2."
    assert client.get("/v1/trainers", headers=admin).get_json() == []
    assert outbox_events(app, CHANGED) == []


@pytest.mark.parametrize("data, message", [
    (b"", "Το αρχείο είναι κενό."),
    ("ΑΦΜ;Όνομα\n1;2\n".encode(), "Γραμμή 1: λείπουν οι στήλες surname, specialty, level"),
    ("ΑΦΜ\n".encode("utf-16"), "Το αρχείο δεν είναι σε κωδικοποίηση UTF-8"),
])
def test_unreadable_files_are_refused(client, admin, data, message):
    response = import_file(client, admin, data)
    assert response.status_code == 422
    assert response.get_json()["errors"][0].startswith(message)


def test_optional_contact_columns_may_be_left_out(client, admin):
    data = f"afm,surname,name,specialty,level,certified_on,cluster,region\n{afm(5)},ΝΙΚΟΛΑΟΥ,ΕΛΕΝΗ,ΠΕ70,Β2,2024-01-15,Β2.3,ΑΤΤΙΚΗΣ\n"
    assert import_file(client, admin, data.encode()).status_code == 200
    [trainer] = client.get("/v1/trainers", headers=admin).get_json()
    assert trainer["level"] == "B2" and trainer["cluster"] == "B2.3" and trainer["phone"] is None


def test_list_is_paged_and_filtered(client, admin):
    lines = [trainer_line(n, surname=f"ΕΠΩΝΥΜΟ{n:02d}", cluster="B1.4" if n % 2 else "B1.2",
                          region="ΚΡΗΤΗΣ" if n < 5 else "ΑΤΤΙΚΗΣ") for n in range(1, 11)]
    assert import_file(client, admin, register_csv(*lines)).status_code == 200
    page = client.get("/v1/trainers?page=2&page_size=3", headers=admin)
    assert [t["surname"] for t in page.get_json()] == ["ΕΠΩΝΥΜΟ04", "ΕΠΩΝΥΜΟ05", "ΕΠΩΝΥΜΟ06"]
    assert json.loads(page.headers["X-Pagination"])["total"] == 10
    crete = client.get("/v1/trainers?cluster=B1.4&region=ΚΡΗΤΗΣ", headers=admin).get_json()
    assert [t["surname"] for t in crete] == ["ΕΠΩΝΥΜΟ01", "ΕΠΩΝΥΜΟ03"]
    assert client.get("/v1/trainers?specialty=ΠΕ70", headers=admin).get_json() == []


def test_edit_changes_the_record_and_announces_a_new_version(client, app, admin):
    import_file(client, admin, register_csv(trainer_line(1)))
    [trainer] = client.get("/v1/trainers", headers=admin).get_json()
    values = {k: trainer[k] for k in ("surname", "name", "specialty", "level", "certified_on", "cluster",
                                      "region", "phone", "email")}
    edited = client.put(f"/v1/trainers/{trainer['id']}", json=dict(values, name="ΜΑΡΙΝΑ", email=None),
                        headers=admin)
    assert edited.status_code == 200, edited.get_json()
    assert edited.get_json()["name"] == "ΜΑΡΙΝΑ" and edited.get_json()["email"] is None
    assert edited.get_json()["version"] == 2
    same = client.put(f"/v1/trainers/{trainer['id']}", json=dict(values, name="ΜΑΡΙΝΑ", email=None), headers=admin)
    assert same.get_json()["version"] == 2  # nothing changed: no new version
    assert [e["data"]["name"] for e in outbox_events(app, CHANGED)] == ["ΜΑΡΙΑ", "ΜΑΡΙΝΑ"]
    wrong = client.put(f"/v1/trainers/{trainer['id']}", json=dict(values, cluster="B9"), headers=admin)
    assert wrong.status_code == 422 and "cluster" in wrong.get_json()["errors"]["json"]
    missing = client.put("/v1/trainers/999", json=values, headers=admin)
    assert missing.status_code == 404 and missing.get_json()["type"].endswith("trainer-not-found")


def test_deactivate_once_then_conflict_and_reimport_reactivates(client, app, admin):
    import_file(client, admin, register_csv(trainer_line(1)))
    [trainer] = client.get("/v1/trainers", headers=admin).get_json()
    done = client.post(f"/v1/trainers/{trainer['id']}/deactivate", headers=admin)
    assert done.status_code == 200 and done.get_json()["active"] is False
    again = client.post(f"/v1/trainers/{trainer['id']}/deactivate", headers=admin)
    assert again.status_code == 409 and again.get_json()["type"].endswith("trainer-inactive")
    assert client.get("/v1/trainers?active=true", headers=admin).get_json() == []
    import_file(client, admin, register_csv(trainer_line(1)))
    assert [t["active"] for t in client.get("/v1/trainers", headers=admin).get_json()] == [True]
    assert [(e["data"]["active"], e["data"]["version"]) for e in outbox_events(app, CHANGED)] == [
        (True, 1), (False, 2), (True, 3)]


def test_a_centre_head_sees_no_afm_and_no_contact_data(client, admin, head):
    import_file(client, admin, register_csv(trainer_line(1)))
    [trainer] = client.get("/v1/trainers", headers=head).get_json()
    assert trainer["surname"] == "ΠΑΠΑΔΟΠΟΥΛΟΥ" and trainer["cluster"] == "B1.4"
    assert not {"afm", "phone", "email"} & set(trainer)
    one = client.get(f"/v1/trainers/{trainer['id']}", headers=head).get_json()
    assert not {"afm", "phone", "email"} & set(one)
