"""Benchmark of issue 10's imports through the API against a bare COPY of the same rows, in the
same run (a ratio: shared machines are noisy).

Through the API (Flask test client, whole request path: auth, validation, one commit per request,
outbox events): the register of 1,000 centres as CSV (`PUT /v1/centres`), then 3,000 rooms with
20 workstations each (60,000) as one batch (`PUT /v1/centres/rooms`). Baseline: the rows those
requests stored (centres, rooms, workstations) are read back, deleted, and written again with a
bare COPY (`epimorfosi_platform.db.insert_rows`) in one transaction; the ratio is API time / COPY
time (target ≤ 4).

Database: PostgreSQL when EPI_PG_URL_BASE is set (`make bench`), else a SQLite file (multi-row
insert instead of COPY; the ratio then says little).
Run: ``python resources-svc/bench/bench_import.py``; ``run() -> dict`` for ``make bench``."""
from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

try:
    import resources_svc  # noqa: F401
except ImportError:  # run from a checkout without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

CENTRES, ROOMS_PER_CENTRE, WORKSTATIONS_PER_ROOM = 1000, 3, 20


def register_csv() -> bytes:
    lines = ["code,name,school,directorate,prefecture,region,head"]
    for n in range(1, CENTRES + 1):
        lines.append(f"KSE-{n:04d},ΚΣΕ {n},Σχολείο {n},Διεύθυνση Π.Ε. {n % 60},ΝΟΜΟΣ-{n % 52:02d},"
                     f"ΠΕΡΙΦΕΡΕΙΑ-{n % 13:02d},kse{n}@epimorfosi.test")
    return ("\n".join(lines) + "\n").encode()


def room_batch() -> dict:
    rooms = []
    for n in range(1, CENTRES + 1):
        for r in range(1, ROOMS_PER_CENTRE + 1):
            rooms.append({"centre_code": f"KSE-{n:04d}", "name": f"Εργαστήριο {r}", "certified": True,
                          "capacity": 20, "workstations": [
                              {"label": f"Σταθμός {w}", "processor": "Intel Core i5-12400", "memory": "8 GB",
                               "disk": "SSD 256 GB", "operating_system": "Windows 11", "screen": '22" LCD',
                               "network": "Ethernet 1 Gbps", "certified": w <= 18}
                              for w in range(1, WORKSTATIONS_PER_ROOM + 1)]})
    return {"rooms": rooms}


def _copy_baseline(app) -> float:
    from epimorfosi_platform.db import insert_rows
    from sqlalchemy import delete, select

    from resources_svc.models import Centre, Room, Workstation

    db = app.extensions["epimorfosi"].db
    tables = [Centre.__table__, Room.__table__, Workstation.__table__]
    with db.session() as s, s.begin():
        stored = {t.name: [dict(row._mapping) for row in s.execute(select(t))] for t in tables}
        for table in reversed(tables):
            s.execute(delete(table))
    with db.session() as s, s.begin():
        started = time.perf_counter()
        for table in tables:
            insert_rows(s, table, stored[table.name])
    return time.perf_counter() - started


def run() -> dict:
    from epimorfosi_platform.testing import LocalIssuer, service_app

    from resources_svc import SERVICE, create_app

    issuer = LocalIssuer()
    csv_body, batch = register_csv(), json.dumps(room_batch())
    with tempfile.TemporaryDirectory() as tmp, service_app(SERVICE, create_app, tmp, issuer) as app:
        database = app.extensions["epimorfosi"].db.engine.url.get_backend_name()
        client = app.test_client()
        headers = issuer.headers("bench-admin", ["central-admin"])
        t0 = time.perf_counter()
        centres = client.put("/v1/centres", data=csv_body, headers={**headers, "Content-Type": "text/csv"})
        t1 = time.perf_counter()
        rooms = client.put("/v1/centres/rooms", data=batch, headers={**headers, "Content-Type": "application/json"})
        t2 = time.perf_counter()
        assert centres.status_code == 200, centres.get_data(as_text=True)[:500]
        assert rooms.status_code == 200, rooms.get_data(as_text=True)[:500]
        assert rooms.get_json()["workstations"] == CENTRES * ROOMS_PER_CENTRE * WORKSTATIONS_PER_ROOM
        copy_s = _copy_baseline(app)
    api_s = t2 - t0
    return {"database": database, "centres": CENTRES, "rooms": CENTRES * ROOMS_PER_CENTRE,
            "workstations": CENTRES * ROOMS_PER_CENTRE * WORKSTATIONS_PER_ROOM,
            "api_centres_s": round(t1 - t0, 3), "api_rooms_s": round(t2 - t1, 3), "api_total_s": round(api_s, 3),
            "bare_copy_s": round(copy_s, 3), "ratio_api_to_copy": round(api_s / copy_s, 2), "target_ratio": 4}


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:>20}: {value}")
