#!/usr/bin/env python3
"""Every service's Dockerfile from one template (deploy/service.Dockerfile.in), so the seven images
are built the same way and a change to how is made once.

  deploy/dockerfiles.py --write   regenerate <service>/Dockerfile
  deploy/dockerfiles.py --check   exit 1 when a Dockerfile differs from the template (tests run this)
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "service.Dockerfile.in"
NO_SYSTEM_PACKAGES = "# No system packages beyond the base image: every dependency ships as a manylinux wheel."
SERVICE_COMMANDS = "Commands: python -m {package} web | worker | migrate   (web: gunicorn on 0.0.0.0:8080)"

# folder -> what differs: the summary line, and where needed the commands, extras, system packages
SERVICES: dict[str, dict[str, str]] = {
    "gateway": {
        "summary": "the one entry point of the web and mobile clients (no database, no broker).",
        "commands": "Command: python -m gateway web   (gunicorn on 0.0.0.0:8080)",
        "extras": "redis",
        "extras_note": "\n# The redis extra: production keeps rate-limit counters in a shared store\n"
                       "# (EPI_RATE_LIMIT_STORAGE=redis://...).",
    },
    "identity": {"summary": "account flows Keycloak lacks (GSIS), realm as code."},
    "resources-svc": {"summary": "centres, rooms, workstations, staff, inventory."},
    "applications-svc": {"summary": "periods, calls, lotteries, applications, allocation."},
    "enrollment-svc": {"summary": "programmes, enrolments, withdrawals, waitlists."},
    "web": {
        "summary": "the web client: server-rendered pages (Flask BFF) over the gateway's API.",
        "package": "web_client",
        "commands": "Commands: python -m web_client web | migrate   (web: gunicorn on 0.0.0.0:8080)",
    },
    "documents-svc": {
        "summary": "templates, PDFs (WeasyPrint), record folder, verification codes.",
        "system_packages": (
            "# WeasyPrint's native libraries and the fonts the certificates are printed with (Greek\n"
            "# glyphs: DejaVu, Noto). fontconfig builds the font cache now, so no pod rescans the fonts.\n"
            "# hadolint ignore=DL3008\n"
            "RUN apt-get update \\\n"
            " && apt-get install -y --no-install-recommends \\\n"
            "      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \\\n"
            "      fontconfig fonts-dejavu-core fonts-noto-core \\\n"
            " && fc-cache -f \\\n"
            " && rm -rf /var/lib/apt/lists/*"),
    },
}


def render(service: str) -> str:
    spec = SERVICES[service]
    package = spec.get("package") or ("gateway" if service == "gateway" else service.replace("-", "_"))
    project = f"{service}[{spec['extras']}]" if "extras" in spec else service
    return TEMPLATE.read_text(encoding="utf-8").format(
        service=service, package=package, summary=spec["summary"],
        commands=spec.get("commands", SERVICE_COMMANDS.format(package=package)),
        extras_note=spec.get("extras_note", ""),
        wheel_target=f'"./{project}"' if "extras" in spec else f"./{project}",
        install_target=f'"{project}"' if "extras" in spec else project,
        system_packages=spec.get("system_packages", NO_SYSTEM_PACKAGES),
    )


def main(argv: list[str]) -> int:
    if argv not in (["--write"], ["--check"]):
        print(__doc__, file=sys.stderr)
        return 2
    stale = []
    for service in SERVICES:
        path = ROOT / service / "Dockerfile"
        text = render(service)
        if argv == ["--write"]:
            path.write_text(text, encoding="utf-8")
        elif not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(str(path.relative_to(ROOT)))
    if stale:
        print("out of date (run deploy/dockerfiles.py --write): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
