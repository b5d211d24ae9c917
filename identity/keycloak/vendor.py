#!/usr/bin/env python3
"""Vendors the GOV.GR design system CSS and the Roboto font into the Keycloak login theme.

    python identity/keycloak/vendor.py           fetch (with `npm pack`), check, extract
    python identity/keycloak/vendor.py --check   only check the extracted files against SHA256SUMS

The same pinned npm tarballs as the web client's (web/vendor.py), so that Keycloak's pages and
the web client look the same. The extracted files are committed: Keycloak never fetches anything.
To move to a new version change PINS, run this, look at the pages, commit (SHA256SUMS records
what was extracted; --check and tests/test_repository.py compare against it)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "deploy"))
from npm_vendor import Vendored  # noqa: E402

HERE = Path(__file__).resolve().parent
RESOURCES = HERE / "themes" / "epimorfosi" / "login" / "resources"

# package -> (version, SHA-256 of the tarball `npm pack` fetches)
PINS = {
    "@digigov/css": ("0.37.0", "5607e0fe5b97f444728da8e5287e46be3c8388976ff5978d40f6eebc14a76a5c"),
    "@fontsource/roboto": ("5.3.0", "77620f437249772e381698224ea1bddd01c985ecd60267a63ddc96b9eb9348f7"),
}

_FONTS = [f"roboto-{script}-{weight}-normal.woff2" for script in ("greek", "latin") for weight in (400, 700)]
# (package, path inside the tarball, destination)
FILES = [
    ("@digigov/css", "package/dist/digigov.css", RESOURCES / "css" / "digigov.css"),
    *[("@fontsource/roboto", f"package/files/{name}", RESOURCES / "fonts" / name) for name in _FONTS],
    ("@fontsource/roboto", "package/LICENSE", RESOURCES / "fonts" / "LICENSE.roboto"),
]

VENDORED = Vendored(HERE, PINS, FILES)


def stale_files() -> list[str]:
    return VENDORED.stale_files()


if __name__ == "__main__":
    sys.exit(VENDORED.main(sys.argv[1:], "identity/keycloak/vendor.py"))
