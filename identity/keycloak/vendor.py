#!/usr/bin/env python3
"""Vendors the GOV.GR design system CSS and the Roboto font into the Keycloak login theme.

    python identity/keycloak/vendor.py           fetch (with `npm pack`), check, extract
    python identity/keycloak/vendor.py --check   only check the extracted files against SHA256SUMS

The same pinned npm tarballs as the web client's (web/vendor.py), so that Keycloak's pages and
the web client look the same. The extracted files are committed: Keycloak never fetches anything.
To move to a new version change PINS, run this, look at the pages, commit (SHA256SUMS records
what was extracted; --check and tests/test_repository.py compare against it)."""
from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESOURCES = HERE / "themes" / "epimorfosi" / "login" / "resources"
SUMS = HERE / "SHA256SUMS"

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


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch(package: str, version: str, directory: Path) -> bytes:
    """The package tarball through npm itself (its registry, cache and proxy settings)."""
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


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        stale = stale_files()
        if stale:
            sys.exit("missing or changed (run identity/keycloak/vendor.py): " + ", ".join(stale))
    else:
        extract()
