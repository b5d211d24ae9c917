"""The deadline's sweep: `python -m enrollment_svc close-enrolment`, and every minute in the worker."""
from __future__ import annotations

from epimorfosi_platform.tasks import Task, unit_of_work

from .operations import close_programme, due_programmes


def close_due_programmes(runtime) -> int:
    """Decide every programme whose deadline passed, one transaction each; how many were decided."""
    now = runtime.clock.now()
    with unit_of_work(runtime) as session:
        codes = due_programmes(session, now)
    decided = 0
    for code in codes:
        with unit_of_work(runtime) as session:
            decided += close_programme(session, code, now=now) is not None
    return decided


CLOSE_ENROLMENT = Task("close-enrolment", "at the enrolment deadline, cancel the programmes under the minimum "
                       "that have no reduced-composition exception", close_due_programmes, every=60.0)
