"""Benchmark of the programme lottery through the API (Flask test client, whole request path:
auth, one commit per request, outbox).

Synthetic data from a fixed seed, inserted directly through the models for setup speed:
1,000 centres (read model: centre + one certified room each) spread over 52 prefectures and
13 regions, each with a final expression of interest of all 13 B2 clusters in a random order;
a distribution table of ~5,000 programmes (13 clusters x 52 prefectures (IIa) and 13 regions (IIb)).

Timed (wall clock, one run each, in order): freeze (builds and hashes the input), seed, draw
(the rule, ~5,000 programmes inserted, ~5,001 events to the outbox), publish (GET of the full
verifiable record). Also reported: the offline verification of the published record.

Database: a SQLite file in a temporary folder, or PostgreSQL when EPI_PG_URL_BASE is set.
Run: ``python applications-svc/bench/bench_api_lottery.py``; ``run() -> dict`` for ``make bench``.
"""
from __future__ import annotations

import random
from datetime import datetime, timezone

from draw_bench import bench_period, time_draw_path  # also puts the checkout's src on the path if needed
from sqlalchemy import insert

from applications_svc.models import Centre, DistributionRow, InterestChoice, InterestExpression, Room

DATA_SEED = 20260912
CENTRES = 1000
PREFECTURES = [f"ΝΟΜΟΣ-{i:02d}" for i in range(52)]
REGIONS = [f"ΠΕΡΙΦΕΡΕΙΑ-{i:02d}" for i in range(13)]
CLUSTERS = [f"B2.{n}" for n in range(1, 14)]


def _setup(app) -> int:
    rnd = random.Random(DATA_SEED)
    moment = datetime.now(timezone.utc)
    db = app.extensions["epimorfosi"].db
    with db.session() as s, s.begin():
        period = bench_period("BENCH-1")
        s.add(period)
        s.flush()
        period_id = period.id
        rows, line = [], 1
        for category, areas, low, high in (("IIa", PREFECTURES, 5, 8), ("IIb", REGIONS, 3, 5)):
            for area in areas:
                for cluster in CLUSTERS:
                    line += 1
                    rows.append({"period_id": period_id, "line": line, "area_code": area, "area_name": area,
                                 "category": category, "cluster_code": cluster, "programmes": rnd.randint(low, high),
                                 "imported_by": "bench", "imported_at": moment})
        s.execute(insert(DistributionRow), rows)
        centres, rooms, expressions = [], [], []
        for i in range(CENTRES):
            code = f"KSE-{i + 1:04d}"
            prefecture = rnd.randrange(len(PREFECTURES))
            centres.append({"code": code, "name": f"ΚΣΕ {i + 1}", "directorate": "Διεύθυνση", "received_at": moment,
                            "prefecture": PREFECTURES[prefecture], "region": REGIONS[prefecture // 4],
                            "last_event_id": f"bench-c-{i}"})
            rooms.append({"room_id": i + 1, "centre_code": code, "name": "Εργαστήριο", "certified": True,
                          "capacity": rnd.randint(15, 25), "certified_workstations": 16, "usable": True,
                          "last_event_id": f"bench-r-{i}", "received_at": moment})
            expressions.append({"id": i + 1, "period_id": period_id, "centre_code": code, "status": "submitted",
                                "version": 1, "declarations_accepted": True, "saved": True, "saved_at": moment,
                                "submitted_at": moment, "submitted_by": "bench", "updated_by": "bench",
                                "updated_at": moment})
        s.execute(insert(Centre), centres)
        s.execute(insert(Room), rooms)
        s.execute(insert(InterestExpression), expressions)
        choices = []
        for e in expressions:
            order = CLUSTERS[:]
            rnd.shuffle(order)
            choices += [{"expression_id": e["id"], "rank": r, "cluster_code": c} for r, c in enumerate(order, 1)]
        s.execute(insert(InterestChoice), choices)
    return period_id, sum(r["programmes"] for r in rows)


def run() -> dict:
    available = []

    def setup(app) -> int:
        period_id, programmes = _setup(app)
        available.append(programmes)
        return period_id

    figures = time_draw_path("2026-09-20T10:00:00+03:00", setup, "lottery",
                             {"seed": "07 12 19 28 33 41", "source": "Κλήρωση ΛΟΤΤΟ 12/09/2026"})
    drawn = figures.pop("drawn")
    return {"centres": CENTRES, "programmes_available": available[0],
            "programmes_created": drawn["programmes_created"], **figures}


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:>22}: {value}")
