"""Use cases of the documents slice. A rendered document is stored, recorded and announced
(`documents.document.rendered.v1` in the outbox) in the caller's transaction."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from epimorfosi_platform.handlers import HandlerContext
from epimorfosi_platform.publishing import emit
from epimorfosi_platform.storage import FileStore
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..context import DocumentsContext
from ..forms import FormDocument, rendering
from ..forms.dates import format_athens
from ..forms.qr import qr_svg, verification_link
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

    issue = Issue.new(session, ctx.clock.now(), config.verify_url)
    pdf = rendering.render_pdf(wanted.form.template, {**wanted.values, **issue.values(wanted.title, wanted.form.label)})
    document = Document(
        kind=wanted.form.kind, subject=wanted.subject, title=wanted.title,
        source_event_id=cause.id, owner_centre=wanted.owner_centre, holder_id=wanted.holder_id,
        holder_name=wanted.holder_name, programme_code=wanted.programme_code,
    )
    return record(session, config.store, document, issue, pdf)


@dataclass(frozen=True)
class Issue:
    """What every document prints about its issue: its verification code and when it was made."""

    code: str
    created_at: datetime
    verify_url: str | None

    @classmethod
    def new(cls, session: Session, created_at: datetime, verify_url: str | None) -> "Issue":
        return cls(new_verification_code(session), created_at, verify_url)

    def values(self, title: str, kind_label: str) -> dict[str, Any]:
        """The template values of base.html.j2 besides the form's own (with the QR code of the
        verification link when the service knows its public verification URL)."""
        link = verification_link(self.verify_url, self.code) if self.verify_url else None
        return {
            "verification_qr": qr_svg(link) if link else None,
            "title": title,
            "kind_label": kind_label,
            "verification_code": display_code(self.code),
            "verify_url": self.verify_url,
            "created_at": format_athens(self.created_at),
            "created_at_iso": self.created_at.isoformat(timespec="seconds"),
        }


def record(session: Session, store: FileStore, document: Document, issue: Issue, pdf: bytes) -> Document:
    """Store `pdf`, complete and add `document` (its file, checksum, code and time) and publish
    `documents.document.rendered.v1`, in `session`'s transaction."""
    # Stored before the commit: once the row is visible, its file is there. A rollback leaves an
    # unreferenced file at worst, never a row without a file.
    document.storage_key = store.put(pdf)
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    document.size = len(pdf)
    document.verification_code = issue.code
    document.created_at = issue.created_at
    session.add(document)
    session.flush()
    emit(
        session, RENDERED,
        subject=document.id,
        data={
            "document_id": document.id,
            "kind": document.kind,
            "subject": document.subject,
            "title": document.title,
            "sha256": document.sha256,
            "size": document.size,
            "created_at": issue.created_at.isoformat(timespec="seconds"),
            "pdf_path": f"/v1/documents/{document.id}/pdf",
        },
    )
    return document
