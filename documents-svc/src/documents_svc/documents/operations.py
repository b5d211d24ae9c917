"""Use cases of the documents slice. A rendered document is stored, recorded and announced
(`documents.document.rendered.v1` in the outbox) in the caller's transaction."""
from __future__ import annotations

import hashlib
import secrets

from epimorfosi_platform.handlers import HandlerContext
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..context import DocumentsContext
from ..forms import FormDocument, rendering
from ..forms.dates import format_athens
from .codes import CODE_ALPHABET, CODE_LENGTH, display_code
from .models import Document

RENDERED = "documents.document.rendered.v1"


def new_verification_code(session: Session) -> str:
    # 60 bits from the OS CSPRNG; the unique constraint is the last word on a (never seen) clash.
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if session.scalar(select(Document.id).where(Document.verification_code == code)) is None:
            return code


def render_document(ctx: HandlerContext[DocumentsContext], wanted: FormDocument) -> Document:
    """For the event `ctx` handles: render the form's template with the document's values, store the
    PDF, record it and publish `documents.document.rendered.v1`, in the handler's transaction.
    Rendering the same cause twice returns the first document."""
    session, cause, config = ctx.session, ctx.cause, ctx.service
    existing = session.scalar(select(Document).where(Document.source_event_id == cause.id))
    if existing is not None:
        return existing

    code = new_verification_code(session)
    created_at = ctx.clock.now()
    pdf = rendering.render_pdf(
        wanted.form.template,
        {
            **wanted.values,
            "title": wanted.title,
            "kind_label": wanted.form.label,
            "verification_code": display_code(code),
            "verify_url": config.verify_url,
            "created_at": format_athens(created_at),
            "created_at_iso": created_at.isoformat(timespec="seconds"),
        },
    )
    # Stored before the commit: once the row is visible, its file is there. A rollback leaves an
    # unreferenced file at worst, never a row without a file.
    storage_key = config.store.put(pdf)
    document = Document(
        kind=wanted.form.kind,
        subject=wanted.subject,
        title=wanted.title,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        verification_code=code,
        storage_key=storage_key,
        created_at=created_at,
        source_event_id=cause.id,
        owner_centre=wanted.owner_centre,
    )
    session.add(document)
    session.flush()
    ctx.emit(
        RENDERED,
        subject=document.id,
        data={
            "document_id": document.id,
            "kind": document.kind,
            "subject": document.subject,
            "title": document.title,
            "sha256": document.sha256,
            "size": document.size,
            "created_at": created_at.isoformat(timespec="seconds"),
            "pdf_path": f"/v1/documents/{document.id}/pdf",
        },
    )
    return document
