"""The pure rules of enrolment entries (enrolment/rules.py), and a model of the state machine built
on them compared, step by step, with what the service's operations do to the database."""
import itertools
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from epimorfosi_platform.errors import DomainError
from epimorfosi_platform.publishing import Publisher, attach
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import select

from enrollment_svc.enrolment import operations
from enrollment_svc.offers import operations as offers
from enrollment_svc.enrolment.models import EnrolmentEntry, EnrolmentProgramme
from enrollment_svc.enrolment.rules import (
    SEAT_STATES, Action, RefusedTransition, State, Waiting, declaration_problem, may_reseed, next_in_line,
    next_state, seed_lists, waitlist_order,
)
from enrollment_svc_helpers import PDF, open_programme, teacher_id

NOW = datetime(2026, 11, 1, 10, tzinfo=timezone.utc)


def test_final_states_allow_nothing():
    for state in (State.WITHDRAWN, State.DECLINED, State.CANCELLED):
        for action in Action:
            with pytest.raises(RefusedTransition):
                next_state(state, action)


def test_only_seat_holders_enrol_or_withdraw():
    assert next_state(State.SUCCESSFUL, Action.ENROL) == next_state(State.PROMOTED, Action.ENROL) == State.ENROLLED
    with pytest.raises(RefusedTransition):
        next_state(State.WAITLISTED, Action.ENROL)
    with pytest.raises(RefusedTransition):
        next_state(State.WAITLISTED, Action.WITHDRAW)


@given(st.lists(st.tuples(st.integers(1, 5), st.text("abc", min_size=1, max_size=3)), unique_by=lambda w: w[1]))
def test_next_in_line_is_the_first_in_strict_order(items):
    waiting = [Waiting(t, p) for p, t in items]
    first = next_in_line(waiting)
    if not waiting:
        assert first is None
    else:
        assert all((first.position, first.teacher_id) <= (w.position, w.teacher_id) for w in waiting)
        skipped = {first.teacher_id}
        second = next_in_line(waiting, skipped)
        assert second == (waitlist_order(waiting)[1] if len(waiting) > 1 else None)


@given(st.lists(st.sampled_from("abcdef"), unique=True), st.lists(st.sampled_from("abcdefgh"), unique=True))
def test_seeding_seats_a_teacher_on_both_lists_once(successful, waitlisted):
    seeded = seed_lists(successful, waitlisted)
    assert len({s.teacher_id for s in seeded}) == len(seeded)
    assert [s.teacher_id for s in seeded if s.state == State.SUCCESSFUL] == successful


def test_what_was_done_is_never_reseeded():
    assert may_reseed(State.SUCCESSFUL, touched=False) and may_reseed(State.WAITLISTED, touched=False)
    assert not may_reseed(State.WAITLISTED, touched=True)  # skipped back to the waitlist
    assert not any(may_reseed(s, touched=False) for s in State if s not in (State.SUCCESSFUL, State.WAITLISTED))


@pytest.mark.parametrize("content, content_type, accepted", [
    (PDF, "application/pdf", True), (PDF, None, True), (PDF, "text/html", False), (b"", "application/pdf", False),
    (b"%PDF-1.7 no end", "application/pdf", False), (b"<html>%%EOF", "application/pdf", False),
    (b"%PDF-" + b"0" * (5 * 1024 * 1024) + b"%%EOF", "application/pdf", False),
])
def test_declaration_content_check(content, content_type, accepted):
    assert (declaration_problem(content, content_type) is None) == accepted


# -- the model against the service ---------------------------------------------------------------------
class Model:
    """The state machine in a few lines, on the pure rules."""

    def __init__(self, capacity, successful, waitlisted):
        self.capacity = capacity
        self.state = {t: State.SUCCESSFUL for t in successful} | {t: State.WAITLISTED for t in waitlisted}
        self.position = {t: n for n, t in enumerate(waitlisted, 1)}

    def enrol(self, teachers):
        if not all(self.state[t] in (State.SUCCESSFUL, State.PROMOTED) for t in teachers):
            return False
        for t in teachers:
            self.state[t] = next_state(self.state[t], Action.ENROL)
        return True

    def withdraw(self, t):
        if self.state[t] not in (State.SUCCESSFUL, State.PROMOTED, State.ENROLLED):
            return False
        self.state[t] = State.WITHDRAWN
        self.fill(set())
        return True

    def skip(self, t):
        if self.state[t] not in (State.OFFERED, State.PROMOTED):
            return False
        self.state[t] = State.WAITLISTED
        self.fill({t})
        return True

    def accept(self, t):
        if self.state[t] != State.OFFERED:
            return False
        self.state[t] = next_state(State.OFFERED, Action.ACCEPT)
        return True

    def decline(self, t):
        if self.state[t] != State.OFFERED:
            return False
        self.state[t] = next_state(State.OFFERED, Action.DECLINE)
        self.fill(set())
        return True

    def expire(self, _t):
        """Time passes beyond every open offer's deadline: all of them expire, then their seats are
        offered on. With no offer open nothing happens: a seat left vacant by a skip (the skipped
        one the only one waiting) is not offered again to the one passed over for it."""
        expired = [t for t, state in self.state.items() if state == State.OFFERED]
        for t in expired:
            self.state[t] = next_state(State.OFFERED, Action.EXPIRE)
        if expired:
            self.fill(set())
        return True

    def fill(self, passed_over):
        while sum(s in SEAT_STATES for s in self.state.values()) < self.capacity:
            first = next_in_line([Waiting(t, self.position[t]) for t, s in self.state.items()
                                  if s == State.WAITLISTED], passed_over)
            if first is None:
                return
            self.state[first.teacher_id] = next_state(State.WAITLISTED, Action.OFFER)


PERIODS = itertools.count(100)
steps = st.lists(st.tuples(st.sampled_from(["enrol", "withdraw", "skip", "accept", "decline", "expire"]),
                           st.lists(st.integers(1, 8), min_size=1, max_size=3, unique=True)), max_size=8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seated=st.integers(1, 4), waiting=st.integers(0, 4), plan=steps)
def test_the_service_behaves_as_the_model(runtime, seated, waiting, plan):
    code = f"P-{uuid.uuid4().hex[:10]}"
    period = next(PERIODS)  # a period of its own: one enrolment per teacher and period
    successful, waitlisted = list(range(1, seated + 1)), list(range(seated + 1, seated + waiting + 1))
    open_programme(runtime, code=code, period_id=period, capacity=seated, successful=successful,
                   waitlisted=waitlisted, offer_period_hours=1)
    model, now = Model(seated, successful, waitlisted), NOW
    for action, numbers in plan:
        numbers = [n for n in numbers if n <= seated + waiting] or [1]
        now += timedelta(hours=2) if action == "expire" else timedelta(0)  # past every open offer
        expected = getattr(model, action)(numbers if action == "enrol" else numbers[0])
        done = run(runtime, code, action, numbers, now)
        assert done == expected, (action, numbers)
        with runtime.db.session() as s:
            rows = s.scalars(select(EnrolmentEntry).where(EnrolmentEntry.programme_code == code)).all()
            enrolled = s.get(EnrolmentProgramme, code).enrolled
        assert {int(r.teacher_id[-12:]): State(r.state) for r in rows} == model.state
        assert enrolled == sum(s == State.ENROLLED for s in model.state.values()) <= seated


def run(runtime, code, action, numbers, now) -> bool:
    """One operation in its own transaction, as a request: True if done, False if refused."""
    teacher = teacher_id(numbers[0])
    with runtime.db.session() as s:
        attach(s, Publisher(runtime.outbox, runtime.events))
        try:
            if action == "enrol":
                operations.enrol(s, "head", code, [teacher_id(n) for n in numbers], now=now)
            elif action == "withdraw":
                operations.withdraw(s, "head", code, teacher, filename="d.pdf", content=PDF,
                                    content_type="application/pdf", now=now)
            elif action == "skip":
                operations.skip(s, "admin", code, teacher, reason="r", now=now)
            elif action == "expire":
                offers.expire_offers(s, code, now=now)
            else:
                getattr(offers, action)(s, teacher, code, now=now)
        except DomainError:
            s.rollback()
            return False
        s.commit()
        return True
