"""Enrolments per second on one hot programme with 50 concurrent clients (`make bench`; not a test).

Through the gateway: enrollment-svc's web process and the gateway started on a fresh PostgreSQL
database of the shared stack (the stack profile: a Keycloak token of a centre head of KSE-0001),
50 threads each POSTing /api/enrollment/v1/enrolment/programmes/<code>/enrolments one teacher at a
time. Baseline, in the same run, on the same database: the same transaction (operations.enrol in
its own session: the programme's lock, guarded UPDATE, counter, history, audit, outbox) run directly
on PostgreSQL by 50 threads, no HTTP. Each programme has more successful candidates than seats, so the
last requests meet a full programme (409); afterwards the database is checked: enrolled rows equal
the counter equal the capacity, and nobody holds two seats in the period.

Run: ``eval "$(deploy/local/stack.sh env)"; python enrollment-svc/bench/bench_enrolment.py``.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "enrollment-svc" / "tests"), str(ROOT / "deploy")]
os.environ.setdefault("EPI_E2E_PROFILE", "stack")

import launcher  # noqa: E402  the launcher's per-component environment
from conftest import KeycloakUsers  # noqa: E402
from enrollment_svc_helpers import open_programme, teacher_id  # noqa: E402
from epimorfosi_platform.db import Database  # noqa: E402
from epimorfosi_platform.errors import Conflict  # noqa: E402
from epimorfosi_platform.publishing import Publisher, attach  # noqa: E402
from epimorfosi_platform.service import Runtime  # noqa: E402
from epimorfosi_platform.testing import fresh_database_url, settings_for_tests  # noqa: E402

from enrollment_svc import SERVICE  # noqa: E402
from enrollment_svc.enrolment import operations  # noqa: E402

CLIENTS, PER_CLIENT, SEATS = 50, 12, 560  # 600 attempts on 560 seats
HOT, BASE = "2026-B2-4-IIa-B2.4-ΜΕΣΣΗΝΙΑΣ-001", "2026-B2-4-IIa-B2.4-ΜΕΣΣΗΝΙΑΣ-002"
PORT_BASE = int(os.environ.get("EPI_BENCH_PORT_BASE", "45000"))


def _teachers(first: int) -> list[str]:
    return [teacher_id(first + n) for n in range(CLIENTS * PER_CLIENT)]


def _seed(runtime) -> None:
    deadline = (datetime.now(timezone.utc) + timedelta(days=2)).isoformat()
    for code, first in ((HOT, 1), (BASE, 100_001)):
        open_programme(runtime, code=code, capacity=SEATS, successful=range(first, first + CLIENTS * PER_CLIENT),
                       waitlisted=(), deadline=deadline, published_at=datetime.now(timezone.utc).isoformat())


def _run_clients(attempt) -> dict:
    """CLIENTS threads, each `attempt(client_index, n) -> ok` PER_CLIENT times; rate and latencies."""
    latencies, outcomes, barrier = [], [], threading.Barrier(CLIENTS + 1)

    def work(c: int) -> None:
        barrier.wait()
        for n in range(PER_CLIENT):
            start = time.perf_counter()
            ok = attempt(c, n)
            latencies.append(time.perf_counter() - start)
            outcomes.append(ok)

    threads = [threading.Thread(target=work, args=(c,)) for c in range(CLIENTS)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    refused = {}
    for o in outcomes:
        if o is not True:
            refused[o] = refused.get(o, 0) + 1
    return {"enrolled": outcomes.count(True), "refused": refused, "seconds": elapsed,
            "per_s": outcomes.count(True) / elapsed, "p50_ms": latencies[len(latencies) // 2] * 1000,
            "p99_ms": latencies[int(len(latencies) * 0.99)] * 1000}


def _direct(runtime) -> dict:
    teachers = _teachers(100_001)
    runtime.db.engine.dispose()
    runtime.db = Database(runtime.db.url, runtime.db.metadata, pool_size=CLIENTS, max_overflow=0, pool_timeout=300)

    def attempt(c: int, n: int) -> bool:
        try:
            with runtime.db.session() as s, s.begin():
                attach(s, Publisher(runtime.outbox, runtime.events))
                operations.enrol(s, "bench-head", BASE, [teachers[c * PER_CLIENT + n]], now=datetime.now(timezone.utc))
            return True
        except Conflict as refusal:
            return refusal.slug
    return _run_clients(attempt)


def _through_gateway(gateway: str, token: str) -> dict:
    teachers, local = _teachers(1), threading.local()
    url = f"{gateway}/api/enrollment/v1/enrolment/programmes/{HOT}/enrolments"

    def attempt(c: int, n: int) -> bool:
        if not hasattr(local, "http"):
            local.http = requests.Session()
            local.http.headers["Authorization"] = f"Bearer {token}"
        r = local.http.post(url, json={"teacher_ids": [teachers[c * PER_CLIENT + n]]}, timeout=120)
        if r.status_code == 200:
            return True
        return r.json().get("type", "").rsplit("/", 1)[-1] if r.status_code == 409 else f"HTTP {r.status_code}"
    return _run_clients(attempt)


def _check(runtime, code: str, enrolled_by_clients: int) -> str | None:
    """None, or what went wrong: enrolled rows, the counter, the capacity and the answers must agree."""
    with runtime.db.engine.connect() as c:
        rows = c.execute(text("SELECT count(*) FROM enrolment_entry WHERE programme_code = :c AND state = 'enrolled'"),
                         {"c": code}).scalar()
        counter, capacity = c.execute(text("SELECT enrolled, capacity FROM enrolment_programme"
                                           " WHERE programme_code = :c"), {"c": code}).one()
        twice = c.execute(text("SELECT count(*) FROM (SELECT teacher_id FROM enrolment_entry WHERE state = 'enrolled'"
                               " GROUP BY period_id, teacher_id HAVING count(*) > 1) t")).scalar()
    if not rows == counter <= capacity or rows < enrolled_by_clients or twice:
        return (f"over-enrolment in {code}: rows {rows}, counter {counter}, capacity {capacity}, "
                f"answered enrolled {enrolled_by_clients}, twice {twice}")
    return None


def _start(tmp: Path, database_url: str) -> tuple[list[subprocess.Popen], str]:
    args = argparse.Namespace(profile="stack", port_base=PORT_BASE, var_dir=str(tmp / "var"), database_suffix="")
    env = {**launcher.base_environment(args), "EPI_RATE_LIMIT": "100000000/minute", "EPI_LOG_LEVEL": "WARNING"}
    processes = []
    for component in launcher.COMPONENTS:
        if component.name not in ("enrollment-svc", "gateway"):
            continue
        own = launcher.component_environment(component, env, args)
        if component.database:
            own["EPI_DATABASE_URL"] = database_url
        Path(own["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)
        log = open(tmp / f"{component.name}.log", "w")
        processes.append(subprocess.Popen([sys.executable, "-m", component.package, "web"], env=own, cwd=ROOT,
                                          stdout=log, stderr=subprocess.STDOUT))
    for offset in (0, 104):
        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(f"http://127.0.0.1:{PORT_BASE + offset}/livez", timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"port {PORT_BASE + offset} not ready; logs in {tmp}")
            time.sleep(0.5)
    return processes, f"http://127.0.0.1:{PORT_BASE}"


def run() -> dict:
    if not os.environ.get("EPI_PG_URL_BASE"):
        raise SystemExit("needs the shared stack: eval \"$(deploy/local/stack.sh env)\"")
    tmp = Path(tempfile.mkdtemp())
    url, drop = fresh_database_url("enrollment_bench", tmp)
    users, processes = KeycloakUsers(), []
    try:
        from epimorfosi_platform.migrations import upgrade
        upgrade(SERVICE, url)
        runtime = Runtime(SERVICE, settings_for_tests(SERVICE, url, tmp))
        _seed(runtime)
        head = users.user("kse-head", centre_id="KSE-0001")
        processes, gateway = _start(tmp, url)
        direct = _direct(runtime)
        token = users.token(*head)  # after the baseline: Keycloak's access tokens last minutes
        proxied = _through_gateway(gateway, token)
        problems = [p for p in (_check(runtime, BASE, direct["enrolled"]), _check(runtime, HOT, proxied["enrolled"])) if p]
        runtime.db.dispose()
    finally:
        for p in processes:
            p.terminate()
        for p in processes:
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()
        users.cleanup()
        drop()
    return {"direct": direct, "proxied": proxied, "ratio": proxied["per_s"] / direct["per_s"], "problems": problems}


def report(r: dict) -> None:
    d, p = r["direct"], r["proxied"]
    print(f"enrolments/s through the gateway / the same transaction directly on PostgreSQL = {r['ratio']:.2f}"
          f"   [{p['per_s']:.0f}/s vs {d['per_s']:.0f}/s, {CLIENTS} clients, one programme of {SEATS} seats]")
    print(f"p99 latency through the gateway {p['p99_ms']:.0f} ms (target < 250 ms; p50 {p['p50_ms']:.0f} ms);"
          f" directly p99 {d['p99_ms']:.0f} ms")
    print(f"refused through the gateway {p['refused']}, directly {d['refused']}")
    print("\n".join(r["problems"]) or f"over-enrolment: none (enrolled rows = counter <= capacity {SEATS},"
                                      " no answered enrolment missing, nobody twice in the period)")


def main() -> None:
    figures = run()
    report(figures)
    if figures["problems"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
