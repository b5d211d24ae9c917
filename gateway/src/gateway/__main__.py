"""`python -m gateway web|openapi`: serve the gateway with gunicorn (gateway.gunicorn_conf), or
print/write/check the committed OpenAPI document of its own endpoints."""
import argparse
import json
import os
import sys
from pathlib import Path
from types import SimpleNamespace

from epimorfosi_platform.cli import committed_openapi_path, exec_gunicorn

# The platform's helper only needs the package folder to find <folder>/openapi.json; the gateway
# has no ServiceDefinition (no database, no broker).
_PACKAGE = SimpleNamespace(package_dir=Path(__file__).parent)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gateway")
    sub = parser.add_subparsers(dest="command", required=True)
    web = sub.add_parser("web", help="serve the gateway with gunicorn")
    web.add_argument("--bind", default=os.environ.get("EPI_BIND"))
    spec = sub.add_parser("openapi", help="print or check the committed OpenAPI document")
    spec.add_argument("--write", action="store_true")
    spec.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "web":
        return exec_gunicorn("gateway", args.bind)
    if args.command == "openapi":
        from .docs import gateway_openapi

        document = json.dumps(gateway_openapi(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        path = committed_openapi_path(_PACKAGE)
        if args.write:
            path.write_text(document, encoding="utf-8")
        elif args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != document:
                print(f"{path} is out of date; run `python -m gateway openapi --write`", file=sys.stderr)
                return 1
        else:
            sys.stdout.write(document)
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
