from datetime import datetime, timedelta, timezone

import pytest

from enrollment_svc.periods.window import is_enrolment_open

ATHENS = timezone(timedelta(hours=3))
DEADLINE = datetime(2026, 11, 10, 23, 59, tzinfo=ATHENS)


def test_open_before_the_deadline():
    assert is_enrolment_open(DEADLINE, DEADLINE - timedelta(seconds=1)) is True


def test_closed_at_and_after_the_deadline():
    assert is_enrolment_open(DEADLINE, DEADLINE) is False
    assert is_enrolment_open(DEADLINE, DEADLINE + timedelta(days=1)) is False


def test_the_instant_counts_not_the_wall_clock():
    # 21:00 UTC is 00:00 in Athens (UTC+3): one minute after a 23:59 Athens deadline.
    assert is_enrolment_open(DEADLINE, datetime(2026, 11, 10, 21, 0, tzinfo=timezone.utc)) is False
    assert is_enrolment_open(DEADLINE, datetime(2026, 11, 10, 20, 58, tzinfo=timezone.utc)) is True


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        is_enrolment_open(DEADLINE.replace(tzinfo=None), datetime.now(timezone.utc))
    with pytest.raises(ValueError):
        is_enrolment_open(DEADLINE, datetime.now())
