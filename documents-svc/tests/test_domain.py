from datetime import datetime, timezone

import pytest

from documents_svc.consumers import PeriodOpened
from documents_svc.documents import access, codes
from documents_svc.forms import dates, period_announcement


def test_central_admin_reads_every_kind():
    assert access.can_read({"central-admin"}, "period-announcement")
    assert access.can_read(["central-admin"], "b4-certificate")
    assert access.readable_kinds({"central-admin", "teacher"}) is None


@pytest.mark.parametrize("roles", [set(), {"teacher"}, {"kse-head"}, {"coordinator"}])
def test_period_announcements_are_public_notices_for_any_signed_in_user(roles):
    assert access.can_read(roles, "period-announcement")


@pytest.mark.parametrize(
    "roles, kinds",
    [({"teacher"}, {"period-announcement"}), ({"kse-head"}, {"period-announcement", "m1-list"}),
     (set(), {"period-announcement"})],
)
def test_unknown_or_personal_kinds_are_not_readable_by_roles_alone(roles, kinds):
    # M1, the register of certified trainers, is no one centre's: centre staff read it whatever the centre.
    assert not access.can_read(roles, "b4-certificate")
    assert access.readable_kinds(roles) == kinds


def test_a_centres_lists_are_read_by_its_own_staff_only():
    assert access.can_read({"kse-head"}, "k4-list", "KSE-0001", "KSE-0001")
    assert not access.can_read({"kse-head"}, "k4-list", "KSE-0002", "KSE-0001")
    assert not access.can_read({"teacher"}, "k4-list", "KSE-0001", "KSE-0001")
    assert "k4-list" in access.own_centre_kinds({"coordinator"})


def test_dates_are_printed_in_athens_local_time():
    assert dates.format_athens("2026-07-01T06:30:00+00:00") == "01/07/2026 09:30"  # EEST
    assert dates.format_athens("2026-12-31T22:30:00Z") == "01/01/2027 00:30"  # EET, next day
    assert dates.format_athens(datetime(2026, 3, 29, 0, 59, tzinfo=timezone.utc)) == "29/03/2026 02:59"
    assert dates.format_athens(datetime(2026, 3, 29, 1, 0, tzinfo=timezone.utc)) == "29/03/2026 04:00"
    with pytest.raises(ValueError):
        dates.format_athens("2026-07-01T06:30:00")


def test_period_schedule_lists_every_window_in_order():
    data = {
        "interest_opens_at": "2026-09-01T09:00:00+03:00",
        "interest_closes_at": "2026-09-15T23:59:00+03:00",
        "applications_a_opens_at": "2026-09-20T09:00:00+03:00",
        "applications_a_closes_at": "2026-10-05T23:59:00+03:00",
        "applications_b_opens_at": "2026-10-10T09:00:00+03:00",
        "applications_b_closes_at": "2026-10-20T23:59:00+03:00",
        "allocation_published_at": "2026-10-25T12:00:00+02:00",
        "enrolment_deadline": "2026-11-10T23:59:00+02:00",
    }
    moments = {name: datetime.fromisoformat(value) for name, value in data.items()}
    rows = period_announcement.period_schedule(PeriodOpened(period_id=7, code="2026-B1-7", name="7η", **moments))
    assert [r.label for r in rows] == [
        "Εκδήλωση ενδιαφέροντος ΚΣΕ",
        "Αιτήσεις εκπαιδευτικών – Α' φάση",
        "Αιτήσεις εκπαιδευτικών – Β' φάση",
        "Ανακοίνωση κατανομής",
        "Προθεσμία εγγραφών",
    ]
    assert (rows[0].starts, rows[0].ends) == ("01/09/2026 09:00", "15/09/2026 23:59")
    assert (rows[4].starts, rows[4].ends) == (None, "10/11/2026 23:59")


def test_verification_codes_survive_being_typed_back():
    code = "7KQ2M9XD4TBE"
    assert codes.display_code(code) == "7KQ2-M9XD-4TBE"
    assert codes.normalise_code("7kq2-m9xd-4tbe") == code
    assert codes.normalise_code(" 7KQ2 M9XD 4TBE ") == code
    assert codes.normalise_code("O1IL" + "0000" + "0000") == "0111" + "0000" + "0000"
    for bad in ("", "7KQ2M9XD4TB", "7KQ2M9XD4TBEE", "7KQ2M9XD4TBU", "ΑΒΓΔ", "../../etc/passwd"):
        assert codes.normalise_code(bad) is None
