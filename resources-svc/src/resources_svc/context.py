"""resources-svc's service context, built once per process from its settings."""
from __future__ import annotations

from dataclasses import dataclass

from epimorfosi_platform import Runtime
from epimorfosi_platform.storage import FileStore, LocalFolderStore


@dataclass(frozen=True)
class ResourcesContext:
    """What resources-svc's use cases need beyond the platform (`web.service_context()`)."""

    store: FileStore  # the uploaded minutes
    minutes_max_bytes: int


def build_context(runtime: Runtime) -> ResourcesContext:
    settings = runtime.settings
    return ResourcesContext(store=LocalFolderStore(settings.files_root), minutes_max_bytes=settings.minutes_max_bytes)
