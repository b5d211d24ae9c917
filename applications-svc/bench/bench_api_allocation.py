"""Benchmark of the teacher allocation through the API at national scale (Flask test client, whole
request path: auth, one commit per request, outbox).

Synthetic data from a fixed seed, inserted directly for setup speed (``insert_rows``: COPY on
PostgreSQL): 5,000 programmes of capacity 15..25 (as the lottery creates them), 100,000 phase-A
applications with 5 distinct choices each and their candidate numbers, popularity skewed so that
waitlists exist.

Timed (wall clock, one run each, in order): freeze (reads the 500,000 choices, builds, checks and
hashes the input), seed, draw (the rule, the published result, ~90,000 seats and ~125,000
waitlist places written, one event per programme to the outbox), publish (GET of the full
verifiable record). Also reported: the offline verification of the published record.

Database: a SQLite file in a temporary folder, or PostgreSQL when EPI_PG_URL_BASE is set.
Run: ``python applications-svc/bench/bench_api_allocation.py``; ``run() -> dict`` for ``make bench``.
"""
from __future__ import annotations

import random
from datetime import datetime, timezone

from draw_bench import bench_period, skewed_preferences, time_draw_path  # also puts src on the path if needed
from epimorfosi_platform.db import insert_rows
from sqlalchemy import insert, select

from applications_svc.allocation.candidates import candidate_number
from applications_svc.models import (
    AllocationCandidate, ClusterSpecialty, Programme, TeacherApplication, TeacherChoice,
)

DATA_SEED = 20261007
PROGRAMMES = 5_000
TEACHERS = 100_000
CHOICES = 5
CLUSTERS = [f"B2.{n}" for n in range(1, 14)]


def _setup(app) -> int:
    rnd = random.Random(DATA_SEED)
    moment = datetime.now(timezone.utc)
    db = app.extensions["epimorfosi"].db
    with db.session() as s, s.begin():
        period = bench_period("BENCH-A", max_choices=CHOICES)
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
        applications, choices, candidates = [], [], []
        for i, chosen in enumerate(skewed_preferences(rnd, codes, TEACHERS, CHOICES)):
            applications.append({"id": i + 1, "period_id": period_id, "phase": "A",
                                 "teacher_id": f"teacher-{rnd.randrange(10**9):09d}-{i}", "specialty": specialty,
                                 "version": 1, "created_at": moment, "updated_at": moment})
            choices += [{"application_id": i + 1, "rank": r, "programme_code": c} for r, c in enumerate(chosen, 1)]
            candidates.append({"period_id": period_id, "teacher_id": applications[-1]["teacher_id"],
                               "number": candidate_number(rnd.randbytes(7)), "created_at": moment})
        insert_rows(s, TeacherApplication, applications)
        insert_rows(s, TeacherChoice, choices)
        insert_rows(s, AllocationCandidate, candidates)
    return period_id


def run() -> dict:
    figures = time_draw_path("2026-10-07T10:00:00+03:00", _setup, "allocation/A",
                             {"seed": "05 11 23 31 38 44", "source": "Κλήρωση ΛΟΤΤΟ 06/10/2026"})
    drawn = figures.pop("drawn")
    return {"programmes": PROGRAMMES, "applicants": drawn["applicants"], "seated": drawn["seated"],
            "to_be_implemented": drawn["to_be_implemented"], **figures}


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:>22}: {value}")
