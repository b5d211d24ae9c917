"""`python -m <service_package> web|worker|migrate|revision|openapi`: the same commands for every service,
and the service's own jobs (`ServiceDefinition.tasks`) by their names."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Callable

from flask import Flask

from .service import ServiceDefinition


def add_web_command(sub: argparse._SubParsersAction, help: str = "serve the HTTP API with gunicorn") -> None:
    web = sub.add_parser("web", help=help)
    # No default read here: without --bind, gunicorn_defaults takes EPI_BIND (else 0.0.0.0:8080).
    web.add_argument("--bind", help="host:port (default: EPI_BIND, else 0.0.0.0:8080)")


def add_openapi_command(sub: argparse._SubParsersAction) -> None:
    spec = sub.add_parser("openapi", help="print or check the committed OpenAPI document")
    spec.add_argument("--write", action="store_true")
    spec.add_argument("--check", action="store_true")


def main(service: ServiceDefinition, create_app: Callable[[], Flask], argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=service.name)
    sub = parser.add_subparsers(dest="command", required=True)
    add_web_command(sub)
    sub.add_parser("worker", help="outbox relay and event consumers")
    sub.add_parser("migrate", help="upgrade the database to the newest migration")
    rev = sub.add_parser("revision", help="autogenerate a migration")
    rev.add_argument("-m", "--message", required=True)
    add_openapi_command(sub)
    for task in service.tasks:
        sub.add_parser(task.name, help=task.help)
    args = parser.parse_args(argv)
    settings = service.settings_from_env()
    task = next((t for t in service.tasks if t.name == args.command), None)
    if task is not None:
        return _run_task(service, settings, task)

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


def _run_task(service: ServiceDefinition, settings, task) -> int:
    from .service import Runtime

    runtime = Runtime(service, settings)
    try:
        print(f"{task.name}: {task.run(runtime)}")
    finally:
        runtime.db.dispose()
    return 0


def committed_openapi_path(service: ServiceDefinition) -> Path:
    return _committed_openapi(service.package_dir)


def _committed_openapi(package_dir: Path) -> Path:
    # <service folder>/openapi.json, next to pyproject.toml (package_dir is <folder>/src/<package>)
    return package_dir.parent.parent / "openapi.json"


def _openapi(service: ServiceDefinition, create_app: Callable[[], Flask], *, write: bool, check: bool) -> int:
    from .web import openapi_document

    return openapi(service.package_dir, lambda: openapi_document(create_app()), write=write, check=check)


def openapi(package_dir: Path, document: Callable[[], dict], *, write: bool, check: bool) -> int:
    """The `openapi` command of a package (a service's, or the gateway's own endpoints): print the
    generated document, write it to the committed file, or check that the committed file is it."""
    text = json.dumps(document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    path = _committed_openapi(package_dir)
    if write:
        path.write_text(text, encoding="utf-8")
        return 0
    if check:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            print(f"{path} is out of date; run `python -m {package_dir.name} openapi --write`", file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(text)
    return 0


def exec_gunicorn(package: str, bind: str | None) -> int:
    """Replace this process with gunicorn serving `<package>.gunicorn_conf` (its WSGI app and the
    platform defaults). A module, not a file path, so it works the same from a wheel in a container."""
    argv = [sys.executable, "-m", "gunicorn", "-c", f"python:{package}.gunicorn_conf"]
    if bind:
        argv += ["--bind", bind]
    os.execvp(sys.executable, argv)
    return 0  # not reached
