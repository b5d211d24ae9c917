"""What the draw benchmarks share: synthetic preferences and the timed path through the API."""
from __future__ import annotations

import bisect
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

try:
    import applications_svc  # noqa: F401
except ImportError:  # run from a checkout without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def bench_period(code: str, **settings):
    """A training period whose windows put the draws in the past of the benchmarks' clocks."""
    from applications_svc.models import TrainingPeriod

    at = datetime.fromisoformat
    return TrainingPeriod(
        code=code, name="Περίοδος μέτρησης", level="B2", required_clusters=13, minimum_participants=10,
        interest_opens_at=at("2026-09-01T09:00:00+03:00"), interest_closes_at=at("2026-09-15T23:59:00+03:00"),
        applications_a_opens_at=at("2026-09-25T09:00:00+03:00"), applications_a_closes_at=at("2026-10-05T23:59:00+03:00"),
        applications_b_opens_at=at("2026-10-10T09:00:00+03:00"), applications_b_closes_at=at("2026-10-20T23:59:00+03:00"),
        allocation_published_at=at("2026-10-25T12:00:00+03:00"), enrolment_deadline=at("2026-11-10T23:59:00+03:00"),
        created_by="bench", **settings)


def skewed_preferences(rnd: random.Random, codes: list[str], people: int, choices: int) -> list[list[str]]:
    """``people`` lists of ``choices`` distinct codes; popularity is Zipf-like over a random order
    of the codes, so that the popular programmes fill and waitlists exist."""
    popularity = codes[:]
    rnd.shuffle(popularity)
    cumulative, total = [], 0.0
    for rank in range(1, len(codes) + 1):
        total += 1.0 / rank ** 0.7
        cumulative.append(total)
    lists = []
    for _ in range(people):
        chosen: list[str] = []
        while len(chosen) < choices:
            code = popularity[bisect.bisect_left(cumulative, rnd.random() * total)]
            if code not in chosen:
                chosen.append(code)
        lists.append(chosen)
    return lists


def time_draw_path(clock: str, setup: Callable, path: str, seed: dict) -> dict:
    """Set up a fresh database with ``setup(app) -> period_id``, then time freeze, seed, draw and
    publish of ``/v1/periods/{period_id}/<path>`` through the whole request path (Flask test
    client: auth, one commit per request, outbox), with the service clock at ``clock``; the
    published record is verified offline. Wall-clock seconds, one run each."""
    from epimorfosi_platform.clock import SettableClock
    from epimorfosi_platform.testing import LocalIssuer, service_app

    from applications_svc import SERVICE, create_app, verify

    issuer = LocalIssuer()
    with tempfile.TemporaryDirectory() as tmp:
        with service_app(SERVICE, create_app, tmp, issuer) as app:
            database = app.extensions["epimorfosi"].db.engine.url.drivername
            app.extensions["epimorfosi"].clock = SettableClock(clock)
            started = time.perf_counter()
            period_id = setup(app)
            times: dict[str, float] = {"setup_s": time.perf_counter() - started}
            client = app.test_client()
            headers = issuer.headers("bench-admin", ["central-admin"])
            base = f"/v1/periods/{period_id}/{path}"

            def timed(step: str, call: Callable):
                t0 = time.perf_counter()
                response = call()
                times[step] = time.perf_counter() - t0
                assert response.status_code < 300, (step, response.status_code, response.get_data(as_text=True)[:500])
                return response

            timed("freeze_s", lambda: client.post(base + "/freeze", headers=headers))
            timed("seed_s", lambda: client.post(base + "/seed", headers=headers, json=seed))
            drawn = timed("draw_s", lambda: client.post(base + "/draw", headers=headers)).get_json()
            published = timed("publish_s", lambda: client.get(base, headers=headers))
            record = published.get_json()
            t0 = time.perf_counter()
            problems = verify.check(record)
            times["verify_offline_s"] = time.perf_counter() - t0
            assert problems == [], problems[:3]
    return {
        "database": database,
        "drawn": drawn,
        **{k: round(v, 3) for k, v in times.items()},
        "published_record_mb": round(len(published.get_data()) / 1e6, 1),
        "total_api_s": round(sum(times[k] for k in ("freeze_s", "seed_s", "draw_s", "publish_s")), 3),
    }
