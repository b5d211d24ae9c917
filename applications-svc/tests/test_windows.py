"""window_for is a pure function of (action, period, now); the API refuses writes outside windows."""
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest

from applications_svc.periods.windows import ACTIONS, window_for
from applications_svc_helpers import AFTER_INTEREST, admin, interest_url, kse_head, open_period

T = datetime.fromisoformat
PERIOD = SimpleNamespace(
    interest_opens_at=T("2026-09-01T09:00:00+03:00"), interest_closes_at=T("2026-09-15T23:59:00+03:00"),
    applications_a_opens_at=T("2026-09-25T09:00:00+03:00"), applications_a_closes_at=T("2026-10-05T23:59:00+03:00"),
    applications_b_opens_at=T("2026-10-10T09:00:00+03:00"), applications_b_closes_at=T("2026-10-20T23:59:00+03:00"),
    enrolment_deadline=T("2026-11-10T23:59:00+03:00"),
)


@pytest.mark.parametrize("action,now,open_", [
    ("interest", "2026-08-31T23:00:00+03:00", False),
    ("interest", "2026-09-01T09:00:00+03:00", True),
    ("interest", "2026-09-15T23:58:59+03:00", True),
    ("interest", "2026-09-15T23:59:00+03:00", False),
    ("interest", "2026-09-15T20:59:00+00:00", False),  # the same instant in UTC
    ("distribution", "2026-01-01T00:00:00+00:00", True),
    ("distribution", "2026-09-16T00:00:00+03:00", False),
    ("lottery", "2026-09-10T00:00:00+03:00", False),
    ("lottery", "2026-09-20T00:00:00+03:00", True),
    ("lottery", "2026-09-25T09:00:00+03:00", False),
    ("applications_a", "2026-09-26T00:00:00+03:00", True),
    ("applications_b", "2026-09-26T00:00:00+03:00", False),
    ("allocation_a", "2026-10-05T23:59:00+03:00", True),
    ("allocation_a", "2026-10-10T09:00:00+03:00", False),
    ("allocation_b", "2026-10-21T00:00:00+03:00", True),
    ("allocation_b", "2026-11-10T23:59:00+03:00", False),
])
def test_window_for(action, now, open_):
    window = window_for(action, PERIOD, T(now))
    assert window.is_open(T(now)) is open_
    assert (window.refusal(T(now)) is None) is open_


def test_every_action_has_exactly_its_window():
    now = T("2026-09-05T10:00:00+03:00")
    p = PERIOD
    assert {action: (window_for(action, p, now).opens_at, window_for(action, p, now).closes_at)
            for action in ACTIONS} == {
        "interest": (p.interest_opens_at, p.interest_closes_at),
        "distribution": (None, p.interest_closes_at),
        "lottery": (p.interest_closes_at, p.applications_a_opens_at),
        "applications_a": (p.applications_a_opens_at, p.applications_a_closes_at),
        "applications_b": (p.applications_b_opens_at, p.applications_b_closes_at),
        "allocation_a": (p.applications_a_closes_at, p.applications_b_opens_at),
        "allocation_b": (p.applications_b_closes_at, p.enrolment_deadline),
    }


def test_refusals_are_greek_and_say_why():
    early = window_for("interest", PERIOD, T("2026-08-01T00:00:00+03:00"))
    assert early.refusal(T("2026-08-01T00:00:00+03:00")) == \
        "Εκδήλωση ενδιαφέροντος ΚΣΕ: η προθεσμία δεν έχει ανοίξει ακόμη (ανοίγει 2026-09-01T09:00+03:00)."
    assert early.refusal(T("2026-12-01T00:00:00+03:00")) == \
        "Εκδήλωση ενδιαφέροντος ΚΣΕ: η προθεσμία έληξε (2026-09-15T23:59+03:00)."


def test_unknown_action_and_naive_now_are_refused():
    with pytest.raises(ValueError, match="unknown action"):
        window_for("nothing", PERIOD, datetime.now(timezone.utc))
    with pytest.raises(ValueError, match="aware"):
        window_for("interest", PERIOD, datetime(2026, 9, 5))


def test_the_api_refuses_writes_outside_their_window(client, app, issuer, clock):
    period_id = open_period(client, issuer)
    clock.set("2026-08-20T10:00:00+03:00")  # before the interest window
    response = client.post(interest_url(period_id, tail="/choices"), json={"cluster": "B2.1"},
                           headers=kse_head(issuer))
    assert response.status_code == 409
    problem = response.get_json()
    assert problem["type"].endswith("outside-window") and "δεν έχει ανοίξει" in problem["detail"]
    clock.set(AFTER_INTEREST)
    response = client.post(interest_url(period_id, tail="/choices"), json={"cluster": "B2.1"},
                           headers=kse_head(issuer))
    assert response.status_code == 409 and "έληξε" in response.get_json()["detail"]
    view = client.get(interest_url(period_id), headers=kse_head(issuer)).get_json()
    assert view["chosen"] == [] and view["read_only"] is True and view["window_open"] is False
    # the lottery may not be frozen during the expression of interest
    clock.set("2026-09-05T10:00:00+03:00")
    response = client.post(f"/v1/periods/{period_id}/lottery/freeze", headers=admin(issuer))
    assert response.status_code == 409 and "Κλήρωση" in response.get_json()["detail"]
