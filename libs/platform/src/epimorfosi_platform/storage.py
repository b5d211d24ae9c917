"""Where the files of the services live (documents-svc's PDFs, resources-svc's uploaded minutes).
Content-addressed: the key is derived from the SHA-256 of the bytes, so writing the same content
twice is a no-op and a file can never silently change under its key. A service builds its store once
per process in its service context (`s3_storage.file_store(...)` from its settings)."""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from abc import ABC, abstractmethod
from pathlib import Path

_KEY = re.compile(r"^sha256/[0-9a-f]{2}/[0-9a-f]{64}\.[a-z0-9]{1,8}$")
_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


class NotStored(LookupError):
    """The store has no object under the key (lost file, wrong volume mounted)."""


class FileStore(ABC):
    """Object storage interface: a local folder (LocalFolderStore) or an S3-compatible bucket
    (s3_storage.S3Store)."""

    @staticmethod
    def key_for(content: bytes, suffix: str = ".pdf") -> str:
        if not _SUFFIX.match(suffix):
            raise ValueError(f"not a file suffix: {suffix!r}")
        digest = hashlib.sha256(content).hexdigest()
        return f"sha256/{digest[:2]}/{digest}{suffix}"

    @staticmethod
    def validate_key(key: str) -> None:
        if not _KEY.match(key):  # keys come from our DB, but never let one walk out of the store
            raise ValueError(f"not a storage key: {key!r}")

    @abstractmethod
    def put(self, content: bytes, suffix: str = ".pdf") -> str:
        """Store `content` durably and return its key; idempotent for the same content."""

    @abstractmethod
    def get(self, key: str) -> bytes:
        """The bytes under `key`; NotStored when absent."""

    @abstractmethod
    def exists(self, key: str) -> bool: ...


class LocalFolderStore(FileStore):
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        self.validate_key(key)
        return self.root / key

    def put(self, content: bytes, suffix: str = ".pdf") -> str:
        key = self.key_for(content, suffix)
        path = self._path(key)
        if path.exists():
            return key
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: readers (and a crash) never see a half-written file under a valid key.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=suffix)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(content)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return key

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError as exc:
            raise NotStored(key) from exc

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()
