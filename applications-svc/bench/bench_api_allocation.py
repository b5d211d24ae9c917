"""Benchmark of the teacher allocation through the API at national scale (Flask test client, whole
request path: auth, one commit per request, outbox).

Synthetic data from a fixed seed, inserted directly for setup speed (``insert_rows``: COPY on PostgreSQL): 5,000
programmes of capacity 15..25 (as the lottery creates them), 100,000 phase-A applications with 5
distinct choices each, popularity skewed so that waitlists exist.

Timed (wall clock, one run each, in order): freeze (reads the 500,000 choices, builds, checks and
hashes the input), seed, draw (the rule, the published result, ~90,000 seats and ~125,000
waitlist places written, one event per programme to the outbox), publish (GET of the full
verifiable record). Also reported: the offline verification of the published record.

Database: a SQLite file in a temporary folder, or PostgreSQL when EPI_PG_URL_BASE is set.
Run: ``python applications-svc/bench/bench_api_allocation.py``; ``run() -> dict`` for ``make bench``.
"""
from __future__ import annotations

import bisect
import random
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

try:
    import applications_svc  # noqa: F401
except ImportError:  # run from a checkout without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from epimorfosi_platform.db import insert_rows
from epimorfosi_platform.migrations import upgrade
from epimorfosi_platform.testing import LocalIssuer, fresh_database_url, settings_for_tests
from sqlalchemy import insert, select

from applications_svc import SERVICE, create_app, verify
from applications_svc.models import ClusterSpecialty, Programme, TeacherApplication, TeacherChoice, TrainingPeriod

DATA_SEED = 20261007
PROGRAMMES = 5_000
TEACHERS = 100_000
CHOICES = 5
CLUSTERS = [f"B2.{n}" for n in range(1, 14)]


def _t(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def _setup(app) -> int:
    rnd = random.Random(DATA_SEED)
    moment = datetime.now(timezone.utc)
    db = app.extensions["epimorfosi"].db
    with db.session() as s, s.begin():
        period = TrainingPeriod(
            code="BENCH-A", name="Περίοδος μέτρησης", level="B2", required_clusters=13, minimum_participants=10,
            max_choices=CHOICES,
            interest_opens_at=_t("2026-09-01T09:00:00+03:00"), interest_closes_at=_t("2026-09-15T23:59:00+03:00"),
            applications_a_opens_at=_t("2026-09-25T09:00:00+03:00"),
            applications_a_closes_at=_t("2026-10-05T23:59:00+03:00"),
            applications_b_opens_at=_t("2026-10-10T09:00:00+03:00"),
            applications_b_closes_at=_t("2026-10-20T23:59:00+03:00"),
            allocation_published_at=_t("2026-10-25T12:00:00+03:00"), enrolment_deadline=_t("2026-11-10T23:59:00+03:00"),
            created_by="bench")
        s.add(period)
        s.flush()
        period_id = period.id
        specialty = s.scalars(select(ClusterSpecialty.specialty_code)
                              .where(ClusterSpecialty.cluster_code == CLUSTERS[0])).first()
        codes = [f"BENCH-{CLUSTERS[i % 13]}-{i:05d}" for i in range(PROGRAMMES)]
        s.execute(insert(Programme), [
            {"code": code, "period_id": period_id, "centre_code": f"KSE-{i % 1000:04d}", "cluster_code": CLUSTERS[i % 13],
             "category": "IIa", "area_code": f"ΝΟΜΟΣ-{i % 52:02d}", "capacity": rnd.randint(15, 25),
             "preference_rank": 1, "created_at": moment} for i, code in enumerate(codes)])
        popularity = codes[:]
        rnd.shuffle(popularity)
        cumulative, total = [], 0.0
        for rank in range(1, PROGRAMMES + 1):
            total += 1.0 / rank ** 0.7
            cumulative.append(total)
        applications, choices = [], []
        for i in range(TEACHERS):
            applications.append({"id": i + 1, "period_id": period_id, "phase": "A",
                                 "teacher_id": f"teacher-{rnd.randrange(10**9):09d}-{i}", "specialty": specialty,
                                 "version": 1, "created_at": moment, "updated_at": moment})
            chosen: list[str] = []
            while len(chosen) < CHOICES:
                code = popularity[bisect.bisect_left(cumulative, rnd.random() * total)]
                if code not in chosen:
                    chosen.append(code)
            choices += [{"application_id": i + 1, "rank": r, "programme_code": c} for r, c in enumerate(chosen, 1)]
        insert_rows(s, TeacherApplication, applications)
        insert_rows(s, TeacherChoice, choices)
    return period_id


def run() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        url, drop = fresh_database_url("bench_allocation", tmp)
        try:
            upgrade(SERVICE, url)
            app = create_app(settings_for_tests(SERVICE, url, tmp))
            issuer = LocalIssuer()
            issuer.install(app)
            app.extensions["applications_clock"] = lambda: _t("2026-10-07T10:00:00+03:00")
            started = time.perf_counter()
            period_id = _setup(app)
            setup_s = time.perf_counter() - started
            client = app.test_client()
            headers = issuer.headers("bench-admin", ["central-admin"])
            base = f"/v1/periods/{period_id}/allocation/A"
            times: dict[str, float] = {}

            def timed(name, call):
                t0 = time.perf_counter()
                response = call()
                times[name] = time.perf_counter() - t0
                assert response.status_code < 300, (name, response.status_code, response.get_data(as_text=True)[:500])
                return response

            timed("freeze_s", lambda: client.post(base + "/freeze", headers=headers))
            timed("seed_s", lambda: client.post(base + "/seed", headers=headers,
                                                json={"seed": "05 11 23 31 38 44", "source": "Κλήρωση ΛΟΤΤΟ 06/10/2026"}))
            drawn = timed("draw_s", lambda: client.post(base + "/draw", headers=headers)).get_json()
            response = timed("publish_s", lambda: client.get(base, headers=headers))
            published_mb = len(response.get_data()) / 1e6
            record = response.get_json()
            t0 = time.perf_counter()
            problems = verify.check(record)
            times["verify_offline_s"] = time.perf_counter() - t0
            assert problems == [], problems[:3]
            app.extensions["epimorfosi"].db.dispose()
        finally:
            drop()
    return {
        "database": url.split(":", 1)[0],
        "programmes": PROGRAMMES,
        "applicants": TEACHERS,
        "seated": drawn["seated"],
        "to_be_implemented": drawn["to_be_implemented"],
        "setup_s": round(setup_s, 3),
        **{k: round(v, 3) for k, v in times.items()},
        "published_record_mb": round(published_mb, 1),
        "total_api_s": round(sum(times[k] for k in ("freeze_s", "seed_s", "draw_s", "publish_s")), 3),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:>22}: {value}")
