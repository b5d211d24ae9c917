#!/usr/bin/env python3
"""Generates the event catalogue of README.md from the producers' JSON Schemas.

    python deploy/event_catalogue.py          # rewrite the README section
    python deploy/event_catalogue.py --check  # exit 1 when the README is out of date (a test runs this)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- event-catalogue:start -->", "<!-- event-catalogue:end -->"


SERVICE_PACKAGES = ["identity", "resources_svc", "applications_svc", "enrollment_svc", "documents_svc"]


def consumers_by_type() -> dict[str, list[str]]:
    """Which services subscribe to each type, read from their ServiceDefinition's subscriptions."""
    import importlib

    found: dict[str, list[str]] = {}
    for package in SERVICE_PACKAGES:
        service = importlib.import_module(package).SERVICE
        for subscription in service.subscriptions:
            for event_type in subscription.handlers:
                found.setdefault(event_type, []).append(service.name)
    return found


def catalogue() -> str:
    consumers = consumers_by_type()
    rows = ["| event type | producer | consumers | meaning | data fields |", "|---|---|---|---|---|"]
    for schema_path in sorted(ROOT.glob("*/src/*/events/*.schema.json")):
        event_type = schema_path.name.removesuffix(".schema.json")
        producer = schema_path.parts[len(ROOT.parts)]
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        required = set(schema.get("required", []))
        fields = ", ".join(
            f"`{name}`" + ("" if name in required else "?") for name in schema.get("properties", {})
        )
        description = " ".join(schema.get("description", "").split())
        rows.append(
            f"| `{event_type}` | {producer} | {', '.join(consumers.get(event_type, [])) or '–'} "
            f"| {description} | {fields} |"
        )
    return "\n".join(rows)


def render(readme: str) -> str:
    before, rest = readme.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n{catalogue()}\n{END}{after}"


def main() -> int:
    current = README.read_text(encoding="utf-8")
    wanted = render(current)
    if "--check" in sys.argv:
        if current != wanted:
            print("README.md event catalogue is out of date: run `python deploy/event_catalogue.py`")
            return 1
        return 0
    README.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
