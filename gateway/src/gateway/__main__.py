"""`python -m gateway web|openapi`: serve the gateway with gunicorn (gateway.gunicorn_conf), or
print/write/check the committed OpenAPI document of its own endpoints. The gateway has no
ServiceDefinition (no database, no broker), so it takes the two commands from the platform CLI."""
import argparse
import sys
from pathlib import Path

from epimorfosi_platform.cli import add_openapi_command, add_web_command, exec_gunicorn, openapi

PACKAGE_DIR = Path(__file__).parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gateway")
    sub = parser.add_subparsers(dest="command", required=True)
    add_web_command(sub, help="serve the gateway with gunicorn")
    add_openapi_command(sub)
    args = parser.parse_args(argv)
    if args.command == "web":
        return exec_gunicorn("gateway", args.bind)
    from .docs import gateway_openapi

    return openapi(PACKAGE_DIR, gateway_openapi, write=args.write, check=args.check)


if __name__ == "__main__":
    sys.exit(main())
