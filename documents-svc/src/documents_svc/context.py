"""Process-wide configuration of documents-svc that consumer handlers need but cannot receive: the
platform calls a handler as `(session, event)` (events of their own they publish with the
platform's `inbox.emit_caused_by`).

The web app configures this from its runtime settings (ServiceDefinition.configure_app); the worker,
which has no such hook, falls back to the environment, which is where its own settings come from."""
from __future__ import annotations

import threading
from dataclasses import dataclass

from .settings import DocumentsSettings
from .storage import DocumentStore, LocalFolderStore

SERVICE_NAME = "documents-svc"


@dataclass(frozen=True)
class DocumentsConfig:
    store: DocumentStore
    verify_url: str | None = None  # printed next to the code, e.g. https://…/api/documents-svc/v1/verify/


def config_from_settings(settings: DocumentsSettings) -> DocumentsConfig:
    return DocumentsConfig(store=LocalFolderStore(settings.documents_root), verify_url=settings.documents_verify_url)


_lock = threading.Lock()
_current: DocumentsConfig | None = None


def configure(config: DocumentsConfig) -> None:
    global _current
    with _lock:
        _current = config


def current() -> DocumentsConfig:
    global _current
    with _lock:
        if _current is None:
            _current = config_from_settings(DocumentsSettings.from_env(SERVICE_NAME))
        return _current
