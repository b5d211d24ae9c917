"""Vendoring front-end files from pinned npm packages, each tarball checked by SHA-256 (used by
web/vendor.py and identity/keycloak/vendor.py, which only declare what they take).

The extracted files are committed, with a SHA256SUMS file beside the declaring script: nothing is
fetched at build or run time, and `--check` (run by the tests) finds a missing or edited file."""
from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch(package: str, version: str, directory: Path) -> bytes:
    """The package tarball through npm itself (its registry, its cache, its proxy settings)."""
    out = subprocess.run(["npm", "pack", f"{package}@{version}", "--silent", "--pack-destination", str(directory)],
                         check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return (directory / out).read_bytes()


@dataclass(frozen=True)
class Vendored:
    here: Path  # the declaring script's folder; SHA256SUMS and the names in it are relative to it
    pins: dict[str, tuple[str, str]]  # package -> (version, SHA-256 of the tarball `npm pack` fetches)
    files: list[tuple[str, str, Path]]  # (package, path inside the tarball, destination)

    @property
    def sums(self) -> Path:
        return self.here / "SHA256SUMS"

    def extract(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            tarballs = {}
            for package, (version, expected) in self.pins.items():
                data = fetch(package, version, Path(tmp))
                if sha256(data) != expected:
                    sys.exit(f"{package}@{version}: SHA-256 {sha256(data)} is not the pinned {expected}")
                tarballs[package] = tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")
            lines = []
            for package, member, destination in self.files:
                content = tarballs[package].extractfile(member).read()
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(content)
                lines.append(f"{sha256(content)}  {destination.relative_to(self.here)}")
        self.sums.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(self.sums.read_text(encoding="utf-8"), end="")

    def stale_files(self) -> list[str]:
        """Vendored files that are missing or differ from SHA256SUMS."""
        recorded = dict(reversed(line.split("  ", 1)) for line in self.sums.read_text(encoding="utf-8").splitlines())
        stale = []
        for _, _, destination in self.files:
            name = str(destination.relative_to(self.here))
            if not destination.exists() or recorded.get(name) != sha256(destination.read_bytes()):
                stale.append(name)
        return stale

    def main(self, argv: list[str], script: str) -> int:
        if argv == ["--check"]:
            stale = self.stale_files()
            if stale:
                print(f"missing or changed (run {script}): " + ", ".join(stale), file=sys.stderr)
                return 1
            return 0
        self.extract()
        return 0
