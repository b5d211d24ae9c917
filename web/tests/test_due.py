"""The home page's «τι ισχύει τώρα»: pure, from the periods' windows."""
from datetime import datetime, timedelta, timezone

from web_client.due import due_now

NOW = datetime(2026, 9, 5, 12, 0, tzinfo=timezone.utc)


def period(**shifts_in_days):
    fields = ["interest_opens_at", "interest_closes_at", "applications_a_opens_at", "applications_a_closes_at",
              "applications_b_opens_at", "applications_b_closes_at", "allocation_published_at", "enrolment_deadline"]
    base = {name: (NOW + timedelta(days=100 + i)).isoformat() for i, name in enumerate(fields)}
    base.update({name: (NOW + timedelta(days=d)).isoformat() for name, d in shifts_in_days.items()})
    return {"code": "P1", "name": "Περίοδος 1", **base}


def test_an_open_window_is_due_for_the_roles_that_act_in_it():
    periods = [period(interest_opens_at=-2, interest_closes_at=3)]
    assert [(i.label, i.state) for i in due_now(periods, frozenset({"kse-head"}), NOW)] == [
        ("Εκδήλωση ενδιαφέροντος ΚΣΕ", "open")]
    assert due_now(periods, frozenset({"teacher"}), NOW) == []


def test_closed_windows_are_gone_and_soon_opening_ones_are_coming():
    periods = [period(interest_opens_at=-10, interest_closes_at=-1, applications_a_opens_at=5,
                      applications_a_closes_at=9)]
    items = due_now(periods, frozenset({"teacher"}), NOW)
    assert [(i.label, i.state) for i in items] == [("Αιτήσεις εκπαιδευτικών Α' φάσης", "upcoming")]


def test_open_first_then_coming_then_deadlines():
    periods = [period(interest_opens_at=-1, interest_closes_at=8, applications_a_opens_at=2,
                      applications_a_closes_at=9, enrolment_deadline=20)]
    states = [i.state for i in due_now(periods, frozenset({"central-admin"}), NOW)]
    assert states == ["open", "upcoming", "deadline"]
