"""Run the GSIS sandbox: ``python -m identity.gsis [--host H] [--port 8106]``.

Development and test stacks only; refuses to start when ``EPI_PRODUCTION`` is
set. The accepted OAuth client is taken from ``EPI_GSIS_CLIENT_ID`` /
``EPI_GSIS_CLIENT_SECRET`` (same variables the identity service reads), with
the sandbox defaults otherwise.
"""

from __future__ import annotations

import argparse
import sys

from ..settings import IdentitySettings
from .sandbox import DEFAULT_TAXPAYERS, SandboxClient, SandboxRefused, create_sandbox_app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m identity.gsis", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8106)
    args = parser.parse_args(argv)

    settings = IdentitySettings.from_env("identity")
    client = SandboxClient(settings.gsis_client_id, settings.gsis_client_secret)
    try:
        app = create_sandbox_app(clients=[client])
    except SandboxRefused as exc:
        print(exc, file=sys.stderr)
        return 2

    print(f"GSIS sandbox on http://{args.host}:{args.port}  client_id={client.client_id}")
    for taxpayer in DEFAULT_TAXPAYERS:
        print(f"  {taxpayer.username:<10} ΑΦΜ {taxpayer.afm}  {taxpayer.last_name} {taxpayer.first_name}")
    print(f"  password: {DEFAULT_TAXPAYERS[0].password}")
    app.run(host=args.host, port=args.port, threaded=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
