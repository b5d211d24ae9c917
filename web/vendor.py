#!/usr/bin/env python3
"""Vendors the web client's front-end files from pinned npm packages, checked by SHA-256.

    python web/vendor.py           fetch (with `npm pack`), check, extract into the package
    python web/vendor.py --check   only check that every extracted file is present and unchanged

The extracted files are committed: nothing is fetched at build or run time. To move to a new
version, change PINS (version, tarball SHA-256), run it, look at the screens, commit (SHA256SUMS
beside this script records what was extracted; --check and a unit test compare against it)."""
from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
STATIC = HERE / "src" / "web_client" / "static" / "vendor"
TESTS = HERE / "tests" / "browser" / "vendor"  # axe-core is injected by the tests, never served
SUMS = HERE / "SHA256SUMS"

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


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch(package: str, version: str, directory: Path) -> bytes:
    """The package tarball through npm itself (its registry, its cache, its proxy settings)."""
    out = subprocess.run(["npm", "pack", f"{package}@{version}", "--silent", "--pack-destination", str(directory)],
                         check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return (directory / out).read_bytes()


def extract() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tarballs = {}
        for package, (version, expected) in PINS.items():
            data = fetch(package, version, Path(tmp))
            if sha256(data) != expected:
                sys.exit(f"{package}@{version}: SHA-256 {sha256(data)} is not the pinned {expected}")
            tarballs[package] = tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")
        lines = []
        for package, member, destination in FILES:
            content = tarballs[package].extractfile(member).read()
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(content)
            lines.append(f"{sha256(content)}  {destination.relative_to(HERE)}")
        SUMS.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(SUMS.read_text(encoding="utf-8"), end="")


def stale_files() -> list[str]:
    """Vendored files that are missing or differ from SHA256SUMS."""
    recorded = dict(reversed(line.split("  ", 1)) for line in SUMS.read_text(encoding="utf-8").splitlines())
    stale = []
    for _, _, destination in FILES:
        name = str(destination.relative_to(HERE))
        if not destination.exists() or recorded.get(name) != sha256(destination.read_bytes()):
            stale.append(name)
    return stale


def check() -> int:
    stale = stale_files()
    if stale:
        print("missing or changed (run web/vendor.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        sys.exit(check())
    extract()
