"""The pure rules of offers (enrolment/rules.py: offer_deadline, token_digest, the offer transitions)
and of the deadline's decision (closing/rules.py)."""
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, strategies as st

from enrollment_svc.closing.rules import must_cancel, reason_problem
from enrollment_svc.enrolment.rules import (
    DEFAULT_OFFER_PERIOD_HOURS, FREES_SEAT, Action, RefusedTransition, State, next_state, offer_deadline, token_digest,
)

START = datetime(2026, 11, 1, tzinfo=timezone.utc)
moments = st.integers(0, 60 * 24 * 30).map(lambda minutes: START + timedelta(minutes=minutes))


@given(now=moments, deadline=moments, hours=st.one_of(st.none(), st.integers(-5, 720)))
def test_an_offer_lasts_the_period_but_never_past_the_deadline(now, deadline, hours):
    until = offer_deadline(now, hours, deadline)
    expected_hours = hours if hours and hours > 0 else DEFAULT_OFFER_PERIOD_HOURS
    assert until == min(now + timedelta(hours=expected_hours), deadline)
    assert until <= deadline


def test_the_decline_token_is_stored_as_its_digest():
    assert token_digest("abc") == token_digest("abc") != token_digest("abd")
    assert len(token_digest("abc")) == 64 and "abc" not in token_digest("abc")


def test_an_offer_is_answered_once():
    assert next_state(State.OFFERED, Action.ACCEPT) == State.PROMOTED
    assert next_state(State.OFFERED, Action.DECLINE) == next_state(State.OFFERED, Action.EXPIRE) == State.DECLINED
    assert next_state(State.OFFERED, Action.SKIP) == State.WAITLISTED
    for answered in (State.PROMOTED, State.DECLINED):
        for action in (Action.ACCEPT, Action.DECLINE, Action.EXPIRE):
            with pytest.raises(RefusedTransition):
                next_state(answered, action)
    with pytest.raises(RefusedTransition):
        next_state(State.WAITLISTED, Action.ACCEPT)  # only an offer is accepted
    assert {Action.DECLINE, Action.EXPIRE, Action.WITHDRAW, Action.SKIP} <= FREES_SEAT


@pytest.mark.parametrize("enrolled, minimum, excepted, cancelled", [
    (9, 10, False, True), (10, 10, False, False), (3, 10, True, False), (0, None, False, True),
    (9, None, False, True), (10, None, False, False), (4, 5, False, True), (5, 5, False, False),
])
def test_under_the_minimum_without_an_exception_is_cancelled(enrolled, minimum, excepted, cancelled):
    assert must_cancel(enrolled, minimum, excepted) is cancelled


def test_an_exception_needs_a_reason():
    assert reason_problem("  ") and reason_problem(None) and reason_problem("x" * 501)
    assert reason_problem("Απόφαση ΔΣ") is None
