"""documents-svc's service context, built once per process from its settings (the web app reads
PDFs from the store the worker writes them to)."""
from __future__ import annotations

from dataclasses import dataclass

from epimorfosi_platform import Runtime

from epimorfosi_platform.s3_storage import file_store
from epimorfosi_platform.storage import FileStore


@dataclass(frozen=True)
class DocumentsContext:
    """What documents-svc's use cases need beyond the platform: `web.service_context()` in
    requests, `ctx.service` in event handlers."""

    store: FileStore
    verify_url: str | None  # the web client's /verify/ page, e.g. https://…/verify/


def build_context(runtime: Runtime) -> DocumentsContext:
    settings = runtime.settings
    store = file_store(
        settings.documents_store, root=settings.documents_root, bucket=settings.documents_s3_bucket,
        prefix=settings.documents_s3_prefix, endpoint_url=settings.documents_s3_endpoint_url,
        region=settings.documents_s3_region,
    )
    return DocumentsContext(store=store, verify_url=settings.documents_verify_url)
