"""Process-wide objects of documents-svc that consumer handlers need but cannot receive: the platform
calls a handler as `(session, event)` only, with no Runtime (settings, outbox, event factory).

The web app configures this from its runtime settings (ServiceDefinition.configure_app); the worker,
which has no such hook, falls back to the environment, which is where its own settings come from."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from epimorfosi_platform import Settings
from epimorfosi_platform.config import repository_var_dir
from epimorfosi_platform.events import Event, EventFactory
from epimorfosi_platform.outbox import Outbox
from sqlalchemy.orm import Session

from .storage import DocumentStore, LocalFolderStore

SERVICE_NAME = "documents-svc"


@dataclass(frozen=True)
class DocumentsConfig:
    store: DocumentStore
    verify_url: str | None = None  # printed next to the code, e.g. https://…/api/documents-svc/v1/verify/


def config_from_settings(settings: Settings) -> DocumentsConfig:
    root = settings.get("DOCUMENTS_DIR") or str(Path(settings.get("VAR_DIR") or repository_var_dir()) / "documents")
    return DocumentsConfig(store=LocalFolderStore(root), verify_url=settings.get("DOCUMENTS_VERIFY_URL") or None)


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
            _current = config_from_settings(Settings.from_env(SERVICE_NAME))
        return _current


@lru_cache(maxsize=1)
def _publishing() -> tuple[Outbox, EventFactory]:
    from . import SERVICE  # late: the package imports this module while defining SERVICE

    return Outbox(SERVICE.name, SERVICE.tables), EventFactory(SERVICE.name, SERVICE.events_dir)


def publish_caused_by(session: Session, cause: Event, event_type: str, subject: str, data: dict) -> Event:
    """`emit` for consumer handlers: validate against our schema and write to the outbox in the
    handler's transaction, continuing the cause's correlation and naming it as the cause."""
    outbox, factory = _publishing()
    event = factory.make(event_type, subject, data, correlationid=cause.correlationid, causationid=cause.id)
    outbox.add(session, event)
    return event
