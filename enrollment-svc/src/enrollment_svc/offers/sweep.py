"""The expiry sweep: `python -m enrollment_svc expire-offers`, and every minute in the worker."""
from __future__ import annotations

from epimorfosi_platform.tasks import Task, unit_of_work

from .operations import expire_offers, programmes_with_expired_offers


def expire_offers_now(runtime) -> int:
    """Every programme with an expired offer, one transaction each (one programme's failure does not
    hold back the others; the next run retries it). How many offers expired."""
    now = runtime.clock.now()
    with unit_of_work(runtime) as session:
        codes = programmes_with_expired_offers(session, now)
    expired = 0
    for code in codes:
        with unit_of_work(runtime) as session:
            expired += len(expire_offers(session, code, now=now))
    return expired


EXPIRE_OFFERS = Task("expire-offers", "expire the offers whose deadline passed and offer their seats on",
                     expire_offers_now, every=60.0)
