"""The final submission and a change of the lists racing it are decided by the database (the
`staff_list` row lock of the guarded UPDATE), not by a read before the write. On PostgreSQL only:
SQLite serialises whole transactions anyway."""
import threading

import pytest
from epimorfosi_platform.auth import Principal
from epimorfosi_platform.errors import Conflict

from resources_svc_staff_helpers import COORDINATOR, DURING_CALL, TECHNICAL_LEAD, open_period, pdf, register_centres, \
    runtime_of, set_clock, upload
from resources_svc.centres.queries import find_centre
from resources_svc.periods.queries import find_period
from resources_svc.staff import operations


def test_a_change_committed_while_the_submission_waits_is_cross_checked_by_it(app, client, admin, head):
    runtime = runtime_of(app)
    if runtime.db.engine.dialect.name != "postgresql":
        pytest.skip("row locks: PostgreSQL")
    register_centres(client, admin, "KSE-0001")
    open_period(app)
    set_clock(app, DURING_CALL)
    client.post("/v1/centres/KSE-0001/periods/7/staff", json=COORDINATOR, headers=head)
    upload(client, head, pdf(), afms=[COORDINATOR["afm"]])
    now = runtime.clock.now()
    principal = Principal(subject="head-1", roles=frozenset({"kse-head"}), scopes=frozenset(), claims={"centre_id": "KSE-0001"})

    writer = runtime.db.session()
    centre, period = find_centre(writer, "KSE-0001"), find_period(writer, 7)
    operations.add_member(writer, principal, centre, period, TECHNICAL_LEAD, now=now)  # holds the lock
    outcome = {}

    def submit():
        with runtime.db.session() as s:
            try:
                operations.submit(s, principal, find_centre(s, "KSE-0001"), find_period(s, 7), now=now)
                s.commit()
                outcome["result"] = "submitted"
            except Conflict as exc:
                s.rollback()
                outcome["result"] = exc.slug

    thread = threading.Thread(target=submit)
    thread.start()
    thread.join(timeout=1.0)
    assert thread.is_alive()  # waits for the writer's lock, not deciding on what it read before
    writer.commit()
    writer.close()
    thread.join(timeout=10)
    assert outcome["result"] == "staff-not-confirmed"  # it saw the member added while it waited
