"""100 parallel clients (threads) enrolling, withdrawing, accepting and declining on the same two
programmes of one period, whose waitlists share teachers (PostgreSQL only). The invariants are then
checked from the database: enrolled ≤ capacity (and the counter true), nobody holds two seats in the
period, every freed seat offered on while anyone waits, offers strictly in waitlist order."""
import os
import random
import threading
from io import BytesIO

import pytest
from epimorfosi_platform.clock import SettableClock
from sqlalchemy import text

from enrollment_svc_helpers import ENROLMENT_CODE as A, NOW, PDF, open_programme, teacher_id

pytestmark = pytest.mark.skipif(not os.environ.get("EPI_PG_URL_BASE"), reason="needs PostgreSQL (shared stack env)")
B = "2026-B2-4-IIa-B2.4-ΜΕΣΣΗΝΙΑΣ-002"
SEATS, CLIENTS, STEPS = 10, 100, 2
SEATED = {A: range(1, 11), B: range(26, 36)}
WAITING = range(11, 26)  # on both waitlists, in opposite orders


def one_step(client, rng, head):
    code = rng.choice([A, B])
    if rng.random() < 0.5:  # a teacher answers an offer (often one they do not have)
        who = teacher_id(rng.choice(WAITING))
        what = rng.choice(["acceptance", "refusal"])
        return client.post(f"/v1/enrolment/my-entries/{code}/{what}", headers={"Authorization": who})
    who = teacher_id(rng.choice([*SEATED[code], *WAITING]))
    if rng.random() < 0.6:
        return client.post(f"/v1/enrolment/programmes/{code}/enrolments", headers=head, json={"teacher_ids": [who]})
    return client.post(f"/v1/enrolment/programmes/{code}/entries/{who}/withdrawal", headers=head,
                       content_type="multipart/form-data", data={"file": (BytesIO(PDF), "d.pdf", "application/pdf")})


def test_a_hundred_clients_keep_the_invariants(app, issuer):
    runtime = app.extensions["epimorfosi"]
    runtime.clock = SettableClock(NOW)
    open_programme(runtime, code=A, capacity=SEATS, successful=SEATED[A], waitlisted=WAITING)
    open_programme(runtime, code=B, capacity=SEATS, successful=SEATED[B], waitlisted=list(reversed(WAITING)))
    head = issuer.headers("head-1", ["kse-head"], centre_id="KSE-0001")
    tokens = {teacher_id(n): issuer.headers(teacher_id(n), ["teacher"])["Authorization"] for n in WAITING}
    statuses, barrier = [], threading.Barrier(CLIENTS)

    def client_work(n):
        client, rng = app.test_client(), random.Random(n)
        barrier.wait()
        for _ in range(STEPS):
            response = one_step(_Tokens(client, tokens), rng, head)
            statuses.append(response.status_code)

    threads = [threading.Thread(target=client_work, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert len(statuses) == CLIENTS * STEPS
    assert set(statuses) <= {200, 409}, sorted(set(statuses))
    assert statuses.count(200) > 0
    _check_invariants(runtime)


class _Tokens:
    """The test client, with a teacher's subject in `Authorization` swapped for their bearer token."""

    def __init__(self, client, tokens):
        self.client, self.tokens = client, tokens

    def post(self, url, headers, **kwargs):
        auth = headers.get("Authorization")
        return self.client.post(url, headers={**headers, "Authorization": self.tokens.get(auth, auth)}, **kwargs)


def _check_invariants(runtime):
    with runtime.db.engine.connect() as c:
        def one(sql, **params):
            return c.execute(text(sql), params).scalar()
        for code in (A, B):
            enrolled = one("SELECT count(*) FROM enrolment_entry WHERE programme_code = :c AND state = 'enrolled'", c=code)
            counter = one("SELECT enrolled FROM enrolment_programme WHERE programme_code = :c", c=code)
            assert enrolled == counter <= SEATS
            holding = one("SELECT count(*) FROM enrolment_entry WHERE programme_code = :c"
                          " AND state IN ('successful', 'promoted', 'offered', 'enrolled')", c=code)
            waiting = one("SELECT count(*) FROM enrolment_entry WHERE programme_code = :c AND state = 'waitlisted'", c=code)
            assert holding == SEATS or waiting == 0  # every freed seat went to the waitlist while anyone waited
            assert one("SELECT count(*) FROM enrolment_entry p JOIN enrolment_entry w ON w.programme_code = p.programme_code"
                       " WHERE p.programme_code = :c AND p.allocated_as = 'waitlisted' AND p.state <> 'waitlisted'"
                       " AND w.state = 'waitlisted' AND w.position < p.position", c=code) == 0
            offered = [r[0] for r in c.execute(text(
                "SELECT position FROM enrolment_entry_history WHERE programme_code = :c AND action = 'offer' ORDER BY id"),
                {"c": code})]
            assert offered == sorted(offered)  # offers went down the waitlist strictly in order
            assert one("SELECT count(*) FROM withdrawal_declaration WHERE programme_code = :c", c=code) == one(
                "SELECT count(*) FROM enrolment_entry WHERE programme_code = :c AND state = 'withdrawn'", c=code)
        assert one("SELECT count(*) FROM (SELECT teacher_id FROM enrolment_entry WHERE state IN ('enrolled', 'promoted')"
                   " GROUP BY period_id, teacher_id HAVING count(*) > 1) twice") == 0
