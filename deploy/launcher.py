#!/usr/bin/env python3
"""Runs the whole system on one machine: migrations, then every service's web and worker process,
the gateway and (embedded profile) the dev OIDC issuer and the GSIS sandbox. Ctrl-C stops it all.

    python deploy/launcher.py                   # embedded profile (SQLite, filesystem bus, dev issuer)
    python deploy/launcher.py --profile stack   # PostgreSQL, RabbitMQ, Keycloak (see deploy/local/stack.sh)

Used by `make run` and by the end-to-end tests (which start it as a subprocess on other ports).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Component:
    name: str  # service name (event source, log field)
    package: str  # python -m <package>
    port_offset: int
    database: str | None  # database name on the stack; None: stateless
    worker: bool  # has an outbox relay / consumers


COMPONENTS = [
    Component("identity", "identity", 101, "identity", True),
    Component("resources-svc", "resources_svc", 102, "resources", True),
    Component("applications-svc", "applications_svc", 103, "applications", True),
    Component("enrollment-svc", "enrollment_svc", 104, "enrollment", True),
    Component("documents-svc", "documents_svc", 105, "documents", True),
    Component("web", "web_client", 107, "web", False),  # the web client; people reach it through the gateway
    Component("gateway", "gateway", 0, None, False),
]
GSIS_SANDBOX_OFFSET = 106
MAIL_SINK_OFFSET = 25  # 8025: a local SMTP sink that prints every message (activation links, resets)
UPSTREAMS = {"identity": 101, "resources": 102, "applications": 103, "enrollment": 104, "documents": 105,
             "web": 107}


def base_environment(args: argparse.Namespace) -> dict[str, str]:
    var = Path(args.var_dir).resolve()
    port = args.port_base
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "EPI_VAR_DIR": str(var),
        "EPI_GSIS_BASE_URL": f"http://127.0.0.1:{port + GSIS_SANDBOX_OFFSET}",
        "EPI_PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "EPI_DOCUMENTS_DIR": str(var / "documents"),
        "EPI_SMTP_HOST": "127.0.0.1",
        "EPI_SMTP_PORT": str(port + MAIL_SINK_OFFSET),
        # The web client calls the API through the gateway; plain http on loopback: no Secure cookie.
        "EPI_GATEWAY_URL": f"http://127.0.0.1:{port}",
        "EPI_WEB_COOKIE_SECURE": os.environ.get("EPI_WEB_COOKIE_SECURE", "0"),
    }
    for short, offset in UPSTREAMS.items():
        env[f"EPI_UPSTREAM_{short.upper()}"] = f"http://127.0.0.1:{port + offset}"
    if args.profile == "embedded":
        env.update(
            EPI_BROKER_URL="filesystem://",
            EPI_BROKER_FS_DIR=str(var / "bus"),
            EPI_OIDC_ISSUER=f"http://127.0.0.1:{port + 101}/oidc",
            EPI_DEV_ISSUER="1",
            EPI_ACCOUNT_DIRECTORY="local",  # accounts live in the dev issuer's own table
        )
    else:
        required = ["EPI_PG_URL_BASE", "EPI_BROKER_URL", "EPI_OIDC_ISSUER"]
        missing = [k for k in required if not os.environ.get(k)]
        if missing:
            sys.exit(f"stack profile needs {missing}: run `eval \"$(deploy/local/stack.sh env)\"` first")
        env["EPI_DEV_ISSUER"] = "0"
        env["EPI_ACCOUNT_DIRECTORY"] = "keycloak"
    return env


def component_environment(component: Component, env: dict[str, str], args: argparse.Namespace) -> dict[str, str]:
    var = Path(env["EPI_VAR_DIR"])
    own = dict(env)
    if component.database:
        if args.profile == "embedded":
            own["EPI_DATABASE_URL"] = f"sqlite:///{var / (component.database + '.sqlite')}"
        else:
            own["EPI_DATABASE_URL"] = f"{env['EPI_PG_URL_BASE']}/{component.database}{args.database_suffix}"
    own["EPI_BIND"] = f"127.0.0.1:{args.port_base + component.port_offset}"
    own["PROMETHEUS_MULTIPROC_DIR"] = str(var / "metrics" / component.name)
    return own


def ensure_postgres_databases(env: dict[str, str], suffix: str) -> None:
    import psycopg

    base = env["EPI_PG_URL_BASE"].replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        existing = {r[0] for r in conn.execute("SELECT datname FROM pg_database")}
        for component in COMPONENTS:
            if component.database and component.database + suffix not in existing:
                conn.execute(f'CREATE DATABASE "{component.database}{suffix}"')


class Supervisor:
    def __init__(self, log_dir: Path | None):
        self.processes: list[tuple[str, subprocess.Popen]] = []
        self.log_dir = log_dir

    def start(self, label: str, argv: list[str], env: dict[str, str]) -> None:
        if self.log_dir:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            out = open(self.log_dir / f"{label}.log", "ab")
        else:
            out = None
        process = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT if out else None,
                                   start_new_session=True)
        self.processes.append((label, process))

    def dead(self) -> list[str]:
        return [label for label, p in self.processes if p.poll() is not None]

    def stop(self, timeout: float = 15.0) -> None:
        for _, process in self.processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + timeout
        for _, process in self.processes:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def wait_ready(url: str, timeout: float, supervisor: Supervisor) -> dict:
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if supervisor.dead():
            raise RuntimeError(f"process exited: {supervisor.dead()}")
        try:
            with urllib.request.urlopen(url, timeout=3) as response:
                return json.loads(response.read() or b"{}")
        except Exception as exc:  # not up yet
            last = str(exc)
        time.sleep(0.3)
    raise RuntimeError(f"{url} not ready after {timeout}s: {last}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profile", choices=["embedded", "stack"], default=os.environ.get("EPI_PROFILE", "embedded"))
    parser.add_argument("--port-base", type=int, default=int(os.environ.get("EPI_PORT_BASE", "8000")))
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "run"))
    parser.add_argument("--database-suffix", default="", help="stack: use <db><suffix> databases (tests)")
    parser.add_argument("--log-dir", default=None, help="write each process's output to <dir>/<label>.log")
    parser.add_argument("--fresh", action="store_true", help="embedded: delete the var dir first")
    parser.add_argument("--ready-timeout", type=float, default=120.0)
    args = parser.parse_args(argv)

    if args.fresh and Path(args.var_dir).exists():
        shutil.rmtree(args.var_dir)
    env = base_environment(args)
    var = Path(env["EPI_VAR_DIR"])
    var.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(var / "metrics", ignore_errors=True)  # multiprocess metrics must start empty
    if args.profile == "stack":
        ensure_postgres_databases(env, args.database_suffix)

    python = sys.executable
    for component in COMPONENTS:
        if component.database:
            own = component_environment(component, env, args)
            subprocess.run([python, "-m", component.package, "migrate"], env=own, cwd=ROOT, check=True)
            Path(own["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)
    (var / "metrics" / "gateway").mkdir(parents=True, exist_ok=True)

    supervisor = Supervisor(Path(args.log_dir) if args.log_dir else None)
    stopping = False

    def _stop(signum, _frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    try:
        supervisor.start(
            "mail-sink",
            [python, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{args.port_base + MAIL_SINK_OFFSET}",
             "-c", "aiosmtpd.handlers.Debugging", "stdout"],
            env,
        )
        supervisor.start(
            "gsis-sandbox",
            [python, "-m", "identity.gsis", "--port", str(args.port_base + GSIS_SANDBOX_OFFSET)],
            env,
        )
        for component in COMPONENTS:
            own = component_environment(component, env, args)
            supervisor.start(f"{component.name}-web", [python, "-m", component.package, "web"], own)
            if component.worker:
                supervisor.start(f"{component.name}-worker", [python, "-m", component.package, "worker"], own)
        for component in COMPONENTS:
            wait_ready(f"http://127.0.0.1:{args.port_base + component.port_offset}/livez", args.ready_timeout,
                       supervisor)
        port = args.port_base
        print(
            "\n".join(
                [
                    "",
                    f"Epimorfosi MIS ({args.profile}) is running:",
                    f"  web client (sign in)     http://127.0.0.1:{port}/",
                    f"  status of the services   http://127.0.0.1:{port}/status",
                    f"  API documentation        http://127.0.0.1:{port}/api/docs",
                    f"  token issuer             {env['EPI_OIDC_ISSUER']}",
                    f"  GSIS sandbox             {env['EPI_GSIS_BASE_URL']}",
                    f"  e-mail (printed here)    smtp://127.0.0.1:{port + MAIL_SINK_OFFSET}",
                    f"  data                     {var}",
                    "Ctrl-C stops everything.",
                    "",
                ]
            ),
            flush=True,
        )
        while not stopping:
            dead = supervisor.dead()
            if dead:
                print(f"stopping: {', '.join(dead)} exited", file=sys.stderr, flush=True)
                return 1
            time.sleep(0.5)
        return 0
    finally:
        supervisor.stop()


if __name__ == "__main__":
    sys.exit(main())
