"""resources-svc's settings: the platform's plus where uploaded files are kept and how large an
uploaded Teachers' Association minutes file may be."""
from __future__ import annotations

from pathlib import Path

from epimorfosi_platform import Settings


class ResourcesSettings(Settings):
    files_dir: Path | None = None  # EPI_FILES_DIR; default: <var_dir>/resources; a shared volume in production
    minutes_max_bytes: int = 2 * 1024 * 1024  # EPI_MINUTES_MAX_BYTES: largest minutes PDF accepted

    @property
    def files_root(self) -> Path:
        return self.files_dir or self.var_dir / "resources"
