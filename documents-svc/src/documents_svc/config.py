"""documents-svc's own settings and the service context built from them once per process (the web
app reads PDFs from the store the worker writes them to)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from epimorfosi_platform import Runtime, Settings
from epimorfosi_platform.config import repository_var_dir

from .storage import DocumentStore, LocalFolderStore


@dataclass(frozen=True)
class DocumentsConfig:
    documents_dir: str
    verify_url: str | None = None  # printed next to the code, e.g. https://…/api/documents-svc/v1/verify/


def read_config(settings: Settings) -> DocumentsConfig:
    root = settings.get("DOCUMENTS_DIR") or str(Path(settings.get("VAR_DIR") or repository_var_dir()) / "documents")
    return DocumentsConfig(documents_dir=root, verify_url=settings.get("DOCUMENTS_VERIFY_URL") or None)


@dataclass(frozen=True)
class DocumentsContext:
    """What documents-svc's use cases need beyond the platform: `web.service_context()` in
    requests, `ctx.service` in event handlers."""

    store: DocumentStore
    verify_url: str | None


def build_context(runtime: Runtime) -> DocumentsContext:
    config = read_config(runtime.settings)
    return DocumentsContext(store=LocalFolderStore(config.documents_dir), verify_url=config.verify_url)
