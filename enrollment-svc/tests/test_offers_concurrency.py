"""The expiry sweep run several times at once, then again (PostgreSQL only: SQLite refuses a concurrent
writer instead of waiting): every expired offer expires once and its seat is offered once."""
import os
import threading
from datetime import datetime, timedelta
from io import BytesIO

import pytest
from epimorfosi_platform.clock import SettableClock
from sqlalchemy import text

from enrollment_svc.offers.sweep import expire_offers_now
from enrollment_svc_helpers import ENROLMENT_CODE as CODE, NOW, PDF, open_programme, teacher_id

pytestmark = pytest.mark.skipif(not os.environ.get("EPI_PG_URL_BASE"), reason="needs PostgreSQL (shared stack env)")
SWEEPERS = 6


def test_concurrent_sweeps_expire_each_offer_once(app, issuer):
    runtime = app.extensions["epimorfosi"]
    runtime.clock = SettableClock(NOW)
    open_programme(runtime, capacity=5, successful=range(1, 6), waitlisted=range(6, 16))
    client, head = app.test_client(), issuer.headers("head-1", ["kse-head"], centre_id="KSE-0001")
    for n in (1, 2, 3):
        response = client.post(f"/v1/enrolment/programmes/{CODE}/entries/{teacher_id(n)}/withdrawal", headers=head,
                               content_type="multipart/form-data", data={"file": (BytesIO(PDF), "d.pdf", "application/pdf")})
        assert response.status_code == 200, response.get_json()
    runtime.clock.set(datetime.fromisoformat(NOW) + timedelta(hours=49))
    results, barrier = [], threading.Barrier(SWEEPERS)

    def sweep():
        barrier.wait()
        results.append(expire_offers_now(runtime))

    threads = [threading.Thread(target=sweep) for _ in range(SWEEPERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sum(results) == 3 and len(results) == SWEEPERS
    assert expire_offers_now(runtime) == 0

    with runtime.db.engine.connect() as c:
        def count(sql):
            return c.execute(text(sql), {"c": CODE}).scalar()
        assert count("SELECT count(*) FROM enrolment_entry_history WHERE programme_code = :c AND action = 'expire'") == 3
        assert count("SELECT count(*) FROM enrolment_entry_history WHERE programme_code = :c AND action = 'offer'") == 6
        assert count("SELECT count(DISTINCT teacher_id) FROM enrolment_entry_history"
                     " WHERE programme_code = :c AND action = 'offer'") == 6
        assert count("SELECT count(*) FROM enrolment_entry WHERE programme_code = :c AND state = 'offered'") == 3
        assert count("SELECT count(*) FROM enrolment_audit WHERE programme_code = :c AND action = 'expire'") == 3
        offered = [r[0] for r in c.execute(text(
            "SELECT teacher_id FROM enrolment_entry WHERE programme_code = :c AND state = 'offered' ORDER BY position"),
            {"c": CODE})]
    assert offered == [teacher_id(n) for n in (9, 10, 11)]  # strictly next in line after 6, 7, 8 expired
