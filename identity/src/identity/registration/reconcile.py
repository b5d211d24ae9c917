"""The reconciliation of crashed registrations: `python -m identity reconcile-registrations`, and
every five minutes in the worker (operations.remove_orphan_registrations)."""
from __future__ import annotations

from epimorfosi_platform.tasks import Task, unit_of_work

from .operations import remove_orphan_registrations


def reconcile_now(runtime) -> int:
    with unit_of_work(runtime) as session:
        return remove_orphan_registrations(session, runtime.context)


RECONCILE_REGISTRATIONS = Task(
    "reconcile-registrations",
    "delete the directory accounts of registrations that crashed before they committed",
    reconcile_now, every=300.0)
