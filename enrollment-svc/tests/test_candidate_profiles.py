"""identity.user.profile_changed.v1 -> the candidates read model (newest change wins, a redelivery
changes nothing), and the K4 list printing it."""
from epimorfosi_platform.clock import SettableClock
from epimorfosi_platform.events import Event, validate_example
from sqlalchemy import select

from enrollment_svc_helpers import (ENROLMENT_CODE as CODE, IDENTITY_EVENTS, NOW, PROFILE_CHANGED, apply_without_inbox,
                                    feed_identity, open_programme, profile_changed, teacher_id)
from enrollment_svc.consumers import record_profile_changed
from enrollment_svc.models import Candidate


def candidates(runtime):
    with runtime.db.session() as s:
        return {c.teacher_id: (c.surname, c.name, c.father_name, c.registry_number, c.email)
                for c in s.scalars(select(Candidate))}


def test_the_producers_example_twice_gives_one_row(runtime):
    event = Event.from_envelope(validate_example(IDENTITY_EVENTS, PROFILE_CHANGED))
    assert feed_identity(runtime, event, event) == [True, False]
    assert candidates(runtime) == {"5a3c9d62-8f41-4e0b-a1d2-7c6e5b4a3f21": (
        "ΠΑΠΑΔΟΠΟΥΛΟΥ", "ΜΑΡΙΑ", "ΝΙΚΟΛΑΟΣ", "612345", "maria.papadopoulou@example.gr")}


def test_an_older_change_arriving_late_changes_nothing(runtime):
    user = teacher_id(1)
    feed_identity(runtime, profile_changed(user_id=user, father_name="ΝΕΟΣ", changed_at="2026-09-02T10:00:00+00:00"),
                  profile_changed(user_id=user, father_name="ΠΑΛΙΟΣ", changed_at="2026-09-01T10:00:00+00:00"))
    assert candidates(runtime)[user][2] == "ΝΕΟΣ"
    newer = profile_changed(user_id=user, email="new@example.gr", changed_at="2026-09-03T10:00:00+00:00")
    with runtime.db.session() as s:  # a replay without the inbox record is harmless too
        apply_without_inbox(runtime, s, newer, record_profile_changed)
        apply_without_inbox(runtime, s, newer, record_profile_changed)
        s.commit()
    assert candidates(runtime)[user][4] == "new@example.gr"


def test_the_application_columns_are_left_as_they_are(runtime):
    user = teacher_id(2)
    with runtime.db.session() as s:
        s.add(Candidate(teacher_id=user, phone="2100000000", specialty="ΠΕ86"))
        s.commit()
    feed_identity(runtime, profile_changed(user_id=user))
    with runtime.db.session() as s:
        row = s.get(Candidate, user)
        assert (row.phone, row.specialty, row.surname) == ("2100000000", "ΠΕ86", "ΠΑΠΑΔΟΠΟΥΛΟΥ")


def test_k4_prints_the_profile(app, client, issuer):
    runtime = app.extensions["epimorfosi"]
    runtime.clock = SettableClock(NOW)
    open_programme(runtime)
    feed_identity(runtime, profile_changed(user_id=teacher_id(1), last_name="ΓΕΩΡΓΙΟΥ", registry_number="700123"))
    rows = client.get(f"/v1/lists/k4/{CODE}", headers=issuer.headers("head-1", ["kse-head"], centre_id="KSE-0001")).get_json()
    assert (rows[0]["surname"], rows[0]["registry_number"], rows[0]["email"]) == (
        "ΓΕΩΡΓΙΟΥ", "700123", "maria.papadopoulou@example.gr")
    assert rows[1]["surname"] is None  # no profile yet: the row is still listed


def test_the_application_gives_specialty_and_contact_data_newest_save_wins(runtime):
    from enrollment_svc_helpers import application_saved, feed_applications
    user = teacher_id(3)
    feed_identity(runtime, profile_changed(user_id=user))
    newer = application_saved(teacher_id=user, mobile="6900000000", saved_at="2026-09-21T10:00:00+00:00")
    older = application_saved(teacher_id=user, mobile="6911111111", saved_at="2026-09-20T10:00:00+00:00")
    assert feed_applications(runtime, newer, older, newer) == [True, True, False]
    with runtime.db.session() as s:
        row = s.get(Candidate, user)
        assert (row.specialty, row.phone, row.mobile, row.id_card_number) == ("ΠΕ86", "2721012345", "6900000000",
                                                                              "ΑΒ 123456")
        assert row.surname == "ΠΑΠΑΔΟΠΟΥΛΟΥ"  # the profile's columns are identity's


def test_the_enrolment_screen_shows_name_surname_fathers_name_and_id_card(app, client, issuer):
    from enrollment_svc_helpers import application_saved, feed_applications
    runtime = app.extensions["epimorfosi"]
    runtime.clock = SettableClock(NOW)
    open_programme(runtime)
    feed_identity(runtime, profile_changed(user_id=teacher_id(1), first_name="ΑΘΑΝΑΣΙΑ", father_name="ΝΙΚΟΛΑΟΣ"))
    feed_applications(runtime, application_saved(teacher_id=teacher_id(1), id_card_number="Χ 123456"))
    body = client.get(f"/v1/enrolment/programmes/{CODE}/entries",
                      headers=issuer.headers("head-1", ["kse-head"], centre_id="KSE-0001")).get_json()
    first, second = body["entries"][:2]
    assert (first["name"], first["surname"], first["father_name"], first["id_card_number"]) == (
        "ΑΘΑΝΑΣΙΑ", "ΠΑΠΑΔΟΠΟΥΛΟΥ", "ΝΙΚΟΛΑΟΣ", "Χ 123456")
    assert second["teacher_id"] == teacher_id(2) and second.get("surname") is None
