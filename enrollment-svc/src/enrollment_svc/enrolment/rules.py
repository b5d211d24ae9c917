"""The rules of a candidate's entry in a programme (pure: no I/O, no models). The docstrings are the
spec; `operations.py` carries them out with guarded statements so PostgreSQL enforces them.

States (`State`):
- successful: seated by the allocation; may be enrolled, or withdraw.
- waitlisted: on the programme's waitlist at a position; waits for a freed seat, strictly in order.
- offered: a freed seat was offered to the first waitlisted candidate, until a deadline
  (`offer_deadline`); they accept (promoted) or decline (declined), or the offer expires (declined),
  and the seat is offered to the next one.
- promoted: a waitlisted candidate who accepted a freed seat; from here on as a successful one.
- enrolled: registered by the centre («Καταχώριση»); the seat is theirs (B4 is issued).
- withdrawn: gave the seat up with a signed declaration («Υπεύθυνη Δήλωση»); final.
- declined: did not take an offered seat; final.
- cancelled: the programme was cancelled; final.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Iterable, Sequence

from epimorfosi_platform import pdf_upload


class State(StrEnum):
    SUCCESSFUL = "successful"
    WAITLISTED = "waitlisted"
    OFFERED = "offered"
    PROMOTED = "promoted"
    ENROLLED = "enrolled"
    WITHDRAWN = "withdrawn"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class Action(StrEnum):
    """What moves an entry from one state to another."""

    ENROL = "enrol"
    WITHDRAW = "withdraw"
    OFFER = "offer"  # the seat freed is offered to the first waitlisted
    ACCEPT = "accept"
    DECLINE = "decline"
    EXPIRE = "expire"  # the offer's deadline passed unanswered: as a decline
    SKIP = "skip"  # a central admin passes an offered/promoted candidate over, with a reason: back to the waitlist
    CANCEL = "cancel"


#: (state, action) -> the next state; any other pair is refused.
TRANSITIONS: dict[tuple[State, Action], State] = {
    (State.SUCCESSFUL, Action.ENROL): State.ENROLLED,
    (State.PROMOTED, Action.ENROL): State.ENROLLED,
    (State.SUCCESSFUL, Action.WITHDRAW): State.WITHDRAWN,
    (State.PROMOTED, Action.WITHDRAW): State.WITHDRAWN,
    (State.ENROLLED, Action.WITHDRAW): State.WITHDRAWN,
    (State.WAITLISTED, Action.OFFER): State.OFFERED,
    (State.OFFERED, Action.ACCEPT): State.PROMOTED,
    (State.OFFERED, Action.DECLINE): State.DECLINED,
    (State.OFFERED, Action.EXPIRE): State.DECLINED,
    (State.OFFERED, Action.SKIP): State.WAITLISTED,
    (State.PROMOTED, Action.SKIP): State.WAITLISTED,
    **{(state, Action.CANCEL): State.CANCELLED
       for state in (State.SUCCESSFUL, State.WAITLISTED, State.OFFERED, State.PROMOTED, State.ENROLLED)},
}

#: States that hold one of the programme's seats (enrolled or entitled to enrol).
SEAT_STATES = frozenset({State.SUCCESSFUL, State.PROMOTED, State.OFFERED, State.ENROLLED})
#: States an allocation may still set: nothing was done here yet to an entry in one of them.
SEED_STATES = frozenset({State.SUCCESSFUL, State.WAITLISTED})
#: Actions that free the seat they were holding, so the waitlist moves on.
FREES_SEAT = frozenset({Action.WITHDRAW, Action.DECLINE, Action.EXPIRE, Action.SKIP})


class RefusedTransition(ValueError):
    def __init__(self, state: State, action: Action):
        super().__init__(f"{action} is not allowed from {state}")
        self.state, self.action = state, action


def next_state(state: State, action: Action) -> State:
    """The state after `action`; RefusedTransition when the action is not allowed from `state`
    (a final state — withdrawn, declined, cancelled — allows nothing)."""
    try:
        return TRANSITIONS[(State(state), Action(action))]
    except KeyError:
        raise RefusedTransition(State(state), Action(action)) from None


def sources_of(action: Action) -> frozenset[State]:
    """The states from which `action` is allowed (the guard of the UPDATE that carries it out)."""
    return frozenset(state for (state, act) in TRANSITIONS if act == action)


@dataclass(frozen=True)
class Waiting:
    teacher_id: str
    position: int


def waitlist_order(waiting: Iterable[Waiting]) -> list[Waiting]:
    """The waitlist in strict order: by position, then (equal positions only after a phase-B list
    renumbered them) by teacher id, so the order is total and the same everywhere."""
    return sorted(waiting, key=lambda w: (w.position, w.teacher_id))


def next_in_line(waiting: Iterable[Waiting], passed_over: Iterable[str] = ()) -> Waiting | None:
    """Who gets a freed seat: the first waitlisted in strict order, never anyone behind them. Only
    a skip (a central admin, with a recorded reason) passes someone over, and only for that seat:
    `passed_over` are the candidates skipped for it. None when nobody waits."""
    skipped = set(passed_over)
    return next((w for w in waitlist_order(waiting) if w.teacher_id not in skipped), None)


def live_position(teacher_id: str, waiting: Iterable[Waiting]) -> int | None:
    """A waitlisted candidate's place now, as they see it: 1 + the waitlisted strictly ahead of them
    in waitlist_order (those promoted, offered or gone no longer count). None if not waiting."""
    order = [w.teacher_id for w in waitlist_order(waiting)]
    return order.index(teacher_id) + 1 if teacher_id in order else None


def free_seats(capacity: int, holding: int) -> int:
    """Seats the waitlist may fill: capacity minus the entries holding a seat (never negative)."""
    return max(0, capacity - holding)


@dataclass(frozen=True)
class Seeded:
    teacher_id: str
    state: State  # successful or waitlisted
    position: int


def seed_lists(successful: Sequence[str], waitlisted: Sequence[str]) -> list[Seeded]:
    """The entries an allocation's lists give, positions from 1 in list order. A teacher on both
    lists (the contract does not forbid it) is seated: the successful entry wins."""
    seated = set(successful)
    return ([Seeded(t, State.SUCCESSFUL, n) for n, t in enumerate(successful, 1)]
            + [Seeded(t, State.WAITLISTED, n) for n, t in enumerate(waitlisted, 1) if t not in seated])


def may_reseed(state: State, touched: bool) -> bool:
    """A newer allocation (phase B after A, or a later draw) may set an entry's state only while
    nothing was done to it here: an enrolment, withdrawal, promotion, offer or skip is never undone
    by an allocation. An untouched entry the newer allocation no longer lists is removed."""
    return not touched and State(state) in SEED_STATES


MAX_DECLARATION_BYTES = 5 * 1024 * 1024


def declaration_problem(content: bytes, content_type: str | None) -> str | None:
    """Why an uploaded declaration is not accepted, in Greek (None: accepted). It must be a PDF by
    its content (the platform's `pdf_upload.refusal`: header, trailer, non-empty, at most
    MAX_DECLARATION_BYTES), and not declared as another type."""
    if content_type not in (None, "", "application/pdf", "application/octet-stream"):
        return "Η υπεύθυνη δήλωση πρέπει να είναι αρχείο PDF."
    problem = pdf_upload.refusal(content, MAX_DECLARATION_BYTES)
    return f"Υπεύθυνη δήλωση: {problem}" if problem else None


#: The offer period when the call sets none (applications.period.opened.v1 without offer_period_hours).
DEFAULT_OFFER_PERIOD_HOURS = 48


def offer_deadline(now: datetime, period_hours: int | None, enrolment_deadline: datetime) -> datetime:
    """Until when an offer stands: the call's offer period from now (DEFAULT_OFFER_PERIOD_HOURS when
    the call sets none), but never past the period's enrolment deadline (nothing changes after it)."""
    hours = period_hours if period_hours and period_hours > 0 else DEFAULT_OFFER_PERIOD_HOURS
    return min(now + timedelta(hours=hours), enrolment_deadline)


def token_digest(token: str) -> str:
    """What is stored of an offer's decline token: its SHA-256 (the token itself is only in the
    offer's event, for the e-mail); a token is looked up by its digest."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
