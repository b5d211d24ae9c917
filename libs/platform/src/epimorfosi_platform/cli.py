"""`python -m <service_package> web|worker|migrate|revision|openapi`: the same commands for every service."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Callable

from flask import Flask

from .service import ServiceDefinition


def main(service: ServiceDefinition, create_app: Callable[[], Flask], argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=service.name)
    sub = parser.add_subparsers(dest="command", required=True)
    web = sub.add_parser("web", help="serve the HTTP API with gunicorn")
    web.add_argument("--bind", default=os.environ.get("EPI_BIND"))
    sub.add_parser("worker", help="outbox relay and event consumers")
    sub.add_parser("migrate", help="upgrade the database to the newest migration")
    rev = sub.add_parser("revision", help="autogenerate a migration")
    rev.add_argument("-m", "--message", required=True)
    spec = sub.add_parser("openapi", help="print or check the committed OpenAPI document")
    spec.add_argument("--write", action="store_true")
    spec.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    settings = service.settings_from_env()

    if args.command == "migrate":
        from .migrations import upgrade

        upgrade(service, settings.database_url)
        return 0
    if args.command == "revision":
        from .migrations import revision

        revision(service, settings.database_url, args.message)
        return 0
    if args.command == "worker":
        from .worker import Worker

        Worker(service, settings).run_forever()
        return 0
    if args.command == "openapi":
        return _openapi(service, create_app, write=args.write, check=args.check)
    if args.command == "web":
        return exec_gunicorn(service.package_dir.name, args.bind)
    return 2


def committed_openapi_path(service: ServiceDefinition) -> Path:
    # <service folder>/openapi.json, next to pyproject.toml (package_dir is <folder>/src/<package>)
    return service.package_dir.parent.parent / "openapi.json"


def _openapi(service: ServiceDefinition, create_app: Callable[[], Flask], *, write: bool, check: bool) -> int:
    from .web import openapi_document

    document = json.dumps(openapi_document(create_app()), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    path = committed_openapi_path(service)
    if write:
        path.write_text(document, encoding="utf-8")
        return 0
    if check:
        if not path.exists() or path.read_text(encoding="utf-8") != document:
            print(f"{path} is out of date; run `python -m ... openapi --write`", file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(document)
    return 0


def exec_gunicorn(package: str, bind: str | None) -> int:
    """Replace this process with gunicorn serving `<package>.gunicorn_conf` (its WSGI app and the
    platform defaults). A module, not a file path, so it works the same from a wheel in a container."""
    argv = [sys.executable, "-m", "gunicorn", "-c", f"python:{package}.gunicorn_conf"]
    if bind:
        argv += ["--bind", bind]
    os.execvp(sys.executable, argv)
    return 0  # not reached
