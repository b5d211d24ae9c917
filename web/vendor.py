#!/usr/bin/env python3
"""Vendors the web client's front-end files from pinned npm packages, checked by SHA-256.

    python web/vendor.py           fetch (with `npm pack`), check, extract into the package
    python web/vendor.py --check   only check that every extracted file is present and unchanged

The extracted files are committed: nothing is fetched at build or run time. To move to a new
version, change PINS (version, tarball SHA-256), run it, look at the screens, commit (SHA256SUMS
beside this script records what was extracted; --check and a unit test compare against it)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deploy"))
from npm_vendor import Vendored  # noqa: E402

HERE = Path(__file__).resolve().parent
STATIC = HERE / "src" / "web_client" / "static" / "vendor"
TESTS = HERE / "tests" / "browser" / "vendor"  # axe-core is injected by the tests, never served

# package -> (version, SHA-256 of the tarball `npm pack` fetches)
PINS = {
    "htmx.org": ("2.0.11", "165a2655073e9e6e55e307a7c74e8ebcdb76afb7701f9c16cfd106a13add408e"),
    "@digigov/css": ("0.37.0", "5607e0fe5b97f444728da8e5287e46be3c8388976ff5978d40f6eebc14a76a5c"),
    "@fontsource/roboto": ("5.3.0", "77620f437249772e381698224ea1bddd01c985ecd60267a63ddc96b9eb9348f7"),
    "axe-core": ("4.14.1", "e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745"),
}

# (package, path inside the tarball, destination)
FILES = [
    ("htmx.org", "package/dist/htmx.min.js", STATIC / "htmx.min.js"),
    ("htmx.org", "package/LICENSE", STATIC / "LICENSE.htmx"),
    ("@digigov/css", "package/dist/digigov.css", STATIC / "digigov.css"),
    ("@fontsource/roboto", "package/files/roboto-greek-400-normal.woff2", STATIC / "fonts" / "roboto-greek-400-normal.woff2"),
    ("@fontsource/roboto", "package/files/roboto-greek-700-normal.woff2", STATIC / "fonts" / "roboto-greek-700-normal.woff2"),
    ("@fontsource/roboto", "package/files/roboto-latin-400-normal.woff2", STATIC / "fonts" / "roboto-latin-400-normal.woff2"),
    ("@fontsource/roboto", "package/files/roboto-latin-700-normal.woff2", STATIC / "fonts" / "roboto-latin-700-normal.woff2"),
    ("@fontsource/roboto", "package/LICENSE", STATIC / "fonts" / "LICENSE.roboto"),
    ("axe-core", "package/axe.min.js", TESTS / "axe.min.js"),
    ("axe-core", "package/LICENSE", TESTS / "LICENSE.axe-core"),
]

VENDORED = Vendored(HERE, PINS, FILES)


def stale_files() -> list[str]:
    return VENDORED.stale_files()


if __name__ == "__main__":
    sys.exit(VENDORED.main(sys.argv[1:], "web/vendor.py"))
