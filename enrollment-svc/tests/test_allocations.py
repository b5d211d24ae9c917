"""applications.allocation.published.v1 -> the programme's candidates (successful and waitlisted), and
GET /v1/programmes/{code}/candidates scoped by centre."""
import threading
import time
from datetime import datetime, timezone

import pytest
from epimorfosi_platform.bus import consumer_queues
from epimorfosi_platform.events import Event
from epimorfosi_platform.inbox import Inbox
from sqlalchemy import select

from enrollment_svc_helpers import (
    apply_without_inbox,
    ALLOCATION_PUBLISHED,
    QUEUE,
    SUBSCRIPTION,
    allocation_example,
    allocation_published,
    inbox_count,
    programme_created,
)
from enrollment_svc.consumers import record_allocation_published, record_programme_created
from enrollment_svc.models import EnrolmentEntry, EntryHistory, Programme, ProgrammeAllocation

CODE = "2026-B2-4-IIa-B2.4-ΜΕΣΣΗΝΙΑΣ-001"  # the programme of the producer's example, at KSE-0001
PHASE_A_AT = "2026-10-07T10:00:00+03:00"
PHASE_B_AT = "2026-10-21T10:00:00+03:00"


def teacher(n: int) -> str:
    return f"f3a1c2d4-0000-4000-8000-{n:012d}"


def phase_a(**data) -> Event:
    values = dict(phase="A", published_at=PHASE_A_AT, to_be_implemented=False,
                  successful=[teacher(1), teacher(7)], waitlisted=[teacher(3)])
    return allocation_published(**{**values, **data})


def phase_b(**data) -> Event:
    """Cumulative: phase-A seats then phase-B seats, phase-A waitlist then phase-B waitlist."""
    values = dict(phase="B", published_at=PHASE_B_AT, to_be_implemented=True,
                  successful=[teacher(1), teacher(7), teacher(9), teacher(10)],
                  waitlisted=[teacher(3), teacher(12)])
    return allocation_published(**{**values, **data})


def the_programme(**data) -> Event:
    values = dict(code=CODE, category="IIa", area_code="ΜΕΣΣΗΝΙΑΣ", centre_code="KSE-0001")
    return programme_created(**{**values, **data})


def apply(runtime, *events: Event) -> list[bool]:
    inbox = Inbox.of(runtime, QUEUE)
    return [inbox.handle(event, SUBSCRIPTION.handlers[event.type]) for event in events]


def candidates(runtime, code: str = CODE) -> dict[str, list[tuple[str, int, str]]]:
    with runtime.db.session() as s:
        rows = s.scalars(
            select(EnrolmentEntry).where(EnrolmentEntry.programme_code == code)
            .order_by(EnrolmentEntry.allocated_as, EnrolmentEntry.position)
        ).all()
    assert all(r.state == r.allocated_as for r in rows)  # nothing was done here: the allocation's state
    return {
        status: [(r.teacher_id, r.position, r.phase) for r in rows if r.allocated_as == status]
        for status in ("successful", "waitlisted")
    }


def allocation(runtime, code: str = CODE) -> ProgrammeAllocation | None:
    with runtime.db.session() as s:
        return s.get(ProgrammeAllocation, code)


def programme(runtime, code: str = CODE) -> Programme | None:
    with runtime.db.session() as s:
        return s.get(Programme, code)


def snapshot(runtime) -> tuple:
    """Everything the handler writes, to compare before and after."""
    with runtime.db.session() as s:
        rows = [sorted(s.execute(select(t)).all()) for t in (EnrolmentEntry.__table__, EntryHistory.__table__)]
        guard = s.execute(select(ProgrammeAllocation.__table__)).all()
        programmes = s.execute(select(Programme.__table__)).all()
    return rows, sorted(guard), sorted(programmes)


PHASE_A_LISTS = {
    "successful": [(teacher(1), 1, "A"), (teacher(7), 2, "A")],
    "waitlisted": [(teacher(3), 1, "A")],
}
PHASE_B_LISTS = {
    "successful": [(teacher(1), 1, "B"), (teacher(7), 2, "B"), (teacher(9), 3, "B"), (teacher(10), 4, "B")],
    "waitlisted": [(teacher(3), 1, "B"), (teacher(12), 2, "B")],
}


# -- the handler ---------------------------------------------------------------------------------------
def test_the_subscription_binds_the_allocation_event_to_its_handler_and_queue():
    assert SUBSCRIPTION.handlers[ALLOCATION_PUBLISHED] is record_allocation_published
    queue, _ = consumer_queues(QUEUE, list(SUBSCRIPTION.handlers))
    assert ALLOCATION_PUBLISHED in {b.routing_key for b in queue.bindings}


def test_the_producers_example_is_applied_to_the_programme(runtime):
    example = allocation_example()
    assert apply(runtime, the_programme(), Event.from_envelope(example)) == [True, True]

    data = example["data"]
    assert candidates(runtime) == {
        "successful": [(t, i, "A") for i, t in enumerate(data["successful"], 1)],
        "waitlisted": [(t, i, "A") for i, t in enumerate(data["waitlisted"], 1)],
    }
    guard = allocation(runtime)
    assert (guard.phase, guard.to_be_implemented, guard.last_event_id) == ("A", True, example["id"])
    assert guard.published_at == datetime(2026, 10, 7, 7, 0, tzinfo=timezone.utc)
    row = programme(runtime)
    assert (row.to_be_implemented, row.allocation_phase) == (True, "A")
    with runtime.db.session() as s:
        assert {c.last_event_id for c in s.scalars(select(EnrolmentEntry))} == {example["id"]}


def test_the_same_event_twice_changes_nothing(runtime):
    apply(runtime, the_programme())
    event = phase_a()
    with runtime.db.session() as s, s.begin():
        apply_without_inbox(runtime, s, event, record_allocation_published)
    first = snapshot(runtime)
    # Bypassing the inbox (a replay after restoring a backup): the handler alone must be idempotent.
    with runtime.db.session() as s, s.begin():
        apply_without_inbox(runtime, s, event, record_allocation_published)
    assert snapshot(runtime) == first
    assert candidates(runtime) == PHASE_A_LISTS
    # Through the inbox: the second delivery is recognised as a duplicate.
    assert apply(runtime, event, event) == [True, False]
    assert snapshot(runtime) == first


def test_phase_b_supersedes_phase_a(runtime):
    apply(runtime, the_programme(), phase_a())
    assert candidates(runtime) == PHASE_A_LISTS
    assert programme(runtime).to_be_implemented is False

    b = phase_b()
    assert apply(runtime, b) == [True]
    assert candidates(runtime) == PHASE_B_LISTS
    guard = allocation(runtime)
    assert (guard.phase, guard.last_event_id, guard.to_be_implemented) == ("B", b.id, True)
    row = programme(runtime)
    assert (row.to_be_implemented, row.allocation_phase) == (True, "B")


def test_a_late_phase_a_event_after_phase_b_is_ignored(runtime):
    a, b = phase_a(), phase_b()
    apply(runtime, the_programme(), b)
    before = snapshot(runtime)

    assert apply(runtime, a) == [True]  # recorded by the inbox, but not applied to the read model
    assert snapshot(runtime) == before
    assert candidates(runtime) == PHASE_B_LISTS
    assert allocation(runtime).last_event_id == b.id
    assert programme(runtime).allocation_phase == "B"
    assert inbox_count(runtime) == 3


def test_within_a_phase_the_later_draw_wins_whatever_the_arrival_order(runtime):
    later = phase_a(published_at="2026-10-07T11:00:00+03:00", successful=[teacher(20)], waitlisted=[])
    earlier = phase_a()
    apply(runtime, the_programme(), later, earlier)
    assert candidates(runtime) == {"successful": [(teacher(20), 1, "A")], "waitlisted": []}
    assert allocation(runtime).last_event_id == later.id


def test_a_newer_event_with_empty_lists_removes_the_older_rows(runtime):
    apply(runtime, the_programme(), phase_a(), phase_b(successful=[], waitlisted=[], to_be_implemented=False))
    assert candidates(runtime) == {"successful": [], "waitlisted": []}
    assert (programme(runtime).allocation_phase, programme(runtime).to_be_implemented) == ("B", False)


def test_candidates_are_kept_before_the_programme_row_exists(runtime):
    b = phase_b()
    apply(runtime, b, phase_a())  # both before applications.programme.created.v1, newest first
    assert programme(runtime) is None
    assert candidates(runtime) == PHASE_B_LISTS  # the guard works without the programme row
    assert allocation(runtime).last_event_id == b.id

    apply(runtime, the_programme())
    row = programme(runtime)
    assert (row.code, row.to_be_implemented, row.allocation_phase) == (CODE, True, "B")
    assert candidates(runtime) == PHASE_B_LISTS


def test_the_programme_event_again_keeps_the_allocation_columns(runtime):
    apply(runtime, the_programme(), phase_b())
    apply(runtime, the_programme(capacity=20))  # a later programme event of the same code
    row = programme(runtime)
    assert (row.capacity, row.to_be_implemented, row.allocation_phase) == (20, True, "B")


def test_programmes_without_an_allocation_have_none(runtime):
    apply(runtime, the_programme())
    row = programme(runtime)
    assert (row.to_be_implemented, row.allocation_phase) == (None, None)
    assert allocation(runtime).phase is None


def test_allocations_of_other_programmes_are_left_alone(runtime):
    other = "2026-B2-4-IIa-B2.4-ΜΕΣΣΗΝΙΑΣ-002"
    apply(runtime, phase_a(), phase_a(programme_code=other, successful=[teacher(5)], waitlisted=[]))
    apply(runtime, phase_b())
    assert candidates(runtime) == PHASE_B_LISTS
    assert candidates(runtime, other) == {"successful": [(teacher(5), 1, "A")], "waitlisted": []}


# -- concurrency: two workers consume the same queue ---------------------------------------------------
def run_in_thread(runtime, handler, event) -> threading.Thread:
    def work():
        with runtime.db.session() as s, s.begin():
            apply_without_inbox(runtime, s, event, handler)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def hold_open(runtime, handler, event, then_in_thread) -> None:
    """Apply `event` in a transaction left open while another thread applies `then_in_thread`:
    the other must wait for this one (they lock the same row), then see what it committed."""
    session = runtime.db.session()
    session.begin()
    apply_without_inbox(runtime, session, event, handler)
    other_handler, other_event = then_in_thread
    thread = run_in_thread(runtime, other_handler, other_event)
    time.sleep(0.5)
    waited = thread.is_alive()
    session.commit()
    session.close()
    thread.join(30)
    assert not thread.is_alive()
    assert waited, "the second transaction did not wait for the first"


@pytest.mark.parametrize("allocation_first", [True, False])
def test_programme_and_first_allocation_applied_concurrently_agree(runtime, allocation_first):
    steps = [(record_allocation_published, phase_b()), (record_programme_created, the_programme())]
    first, second = steps if allocation_first else steps[::-1]
    hold_open(runtime, *first, then_in_thread=second)
    row = programme(runtime)
    assert (row.to_be_implemented, row.allocation_phase) == (True, "B")
    assert candidates(runtime) == PHASE_B_LISTS


def test_a_late_phase_a_applied_concurrently_with_phase_b_is_ignored(runtime):
    apply(runtime, the_programme())
    b = phase_b()
    hold_open(runtime, record_allocation_published, b, then_in_thread=(record_allocation_published, phase_a()))
    assert candidates(runtime) == PHASE_B_LISTS
    assert allocation(runtime).last_event_id == b.id


# -- the API -------------------------------------------------------------------------------------------
@pytest.fixture
def allocated(app):
    runtime = app.extensions["epimorfosi"]
    apply(runtime, the_programme(), phase_a(), phase_b(),
          the_programme(code="2026-B2-4-IIa-B2.5-ΑΡΚΑΔΙΑΣ-001", centre_code="KSE-0002"))


def url(code: str = CODE) -> str:
    return f"/v1/programmes/{code}/candidates"


def test_central_admin_sees_the_lists(client, issuer, allocated):
    response = client.get(url(), headers=issuer.headers("admin", ["central-admin"]))
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["programme"] == {
        "code": CODE, "centre_code": "KSE-0001", "cluster_code": "B2.4", "cluster_name": "ΠΛΗΡΟΦΟΡΙΚΗ",
        "category": "IIa", "capacity": 15, "to_be_implemented": True, "allocation_phase": "B",
    }
    listed = {status: [(c["teacher_id"], c["position"], c["phase"]) for c in body[status]]
              for status in ("successful", "waitlisted")}
    assert listed == PHASE_B_LISTS


@pytest.mark.parametrize("roles", [["kse-head"], ["coordinator"]])
def test_the_programmes_own_centre_sees_the_lists(client, issuer, allocated, roles):
    response = client.get(url(), headers=issuer.headers("own", roles, centre_id="KSE-0001"))
    assert response.status_code == 200
    assert [c["teacher_id"] for c in response.get_json()["waitlisted"]] == [teacher(3), teacher(12)]


def test_a_programme_before_its_allocation_has_empty_lists(client, issuer, allocated):
    other = "2026-B2-4-IIa-B2.5-ΑΡΚΑΔΙΑΣ-001"
    response = client.get(url(other), headers=issuer.headers("head-2", ["kse-head"], centre_id="KSE-0002"))
    assert response.status_code == 200
    body = response.get_json()
    assert (body["successful"], body["waitlisted"]) == ([], [])
    assert (body["programme"]["to_be_implemented"], body["programme"]["allocation_phase"]) == (None, None)


def test_another_centres_head_is_403(client, issuer, allocated):
    response = client.get(url(), headers=issuer.headers("head-2", ["kse-head"], centre_id="KSE-0002"))
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["type"] == "urn:epimorfosi:problem:out-of-scope"


@pytest.mark.parametrize("roles, claims", [
    (["kse-head"], {}),  # a centre role without a centre
    (["teacher"], {}),
    (["technical-lead"], {"centre_id": "KSE-0001"}),
])
def test_others_are_403(client, issuer, allocated, roles, claims):
    assert client.get(url(), headers=issuer.headers("x", roles, **claims)).status_code == 403


def test_unknown_programme_is_404_in_greek(client, issuer, allocated):
    response = client.get(url("2026-B2-4-IIa-B2.4-ΜΕΣΣΗΝΙΑΣ-999"), headers=issuer.headers("admin", ["central-admin"]))
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["detail"] == "Το πρόγραμμα δεν βρέθηκε."


def test_an_allocation_without_its_programme_is_404(client, issuer, app):
    apply(app.extensions["epimorfosi"], phase_a())
    response = client.get(url(), headers=issuer.headers("admin", ["central-admin"]))
    assert response.status_code == 404


def test_no_token_is_401(client, allocated):
    response = client.get(url())
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"


def test_the_programme_listing_shows_the_allocation_columns(client, issuer, allocated):
    response = client.get("/v1/programmes?centre=KSE-0001", headers=issuer.headers("admin", ["central-admin"]))
    [item] = [p for p in response.get_json() if p["code"] == CODE]
    assert (item["to_be_implemented"], item["allocation_phase"]) == (True, "B")
