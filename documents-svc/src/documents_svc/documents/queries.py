"""Reads of the documents slice: what a reader may list and open, the certified bytes of a
document, and a document by its verification code."""
from __future__ import annotations

import hashlib
import logging

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.errors import Forbidden, NotFound, Unavailable
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from .access import can_read, own_centre_kinds, readable_kinds
from .codes import normalise_code
from .models import Document
from epimorfosi_platform.storage import FileStore, NotStored

log = logging.getLogger(__name__)


class StoredFileAltered(RuntimeError):
    """The store holds other bytes than the certified ones (a fault: answered with a plain 500)."""


def visible_documents_page(
    session: Session, principal: Principal, *, kind: str | None, subject: str | None, first: int, size: int
) -> tuple[int, list[Document]]:
    """(how many the reader may see, the `size` of them from `first` on), newest first, optionally
    of one kind and one subject."""
    statement = select(Document)
    kinds = readable_kinds(principal.roles)
    if kinds is not None:
        # Kinds readable whatever the centre, plus the centre-scoped kinds of the reader's own centre.
        visible = [Document.kind.in_(sorted(kinds))]
        centre_kinds = own_centre_kinds(principal.roles)
        if centre_kinds and principal.centre_id:
            visible.append(and_(Document.kind.in_(sorted(centre_kinds)), Document.owner_centre == principal.centre_id))
        statement = statement.where(or_(*visible))
    if kind:
        statement = statement.where(Document.kind == kind)
    if subject:
        statement = statement.where(Document.subject == subject)
    count = session.scalar(select(func.count()).select_from(statement.subquery()))
    page = session.scalars(statement.order_by(Document.created_at.desc(), Document.id).offset(first).limit(size))
    return count, list(page)


def readable_document(session: Session, principal: Principal, document_id: str) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound("Το έγγραφο δεν βρέθηκε.", slug="document-not-found")
    if not can_read(principal.roles, document.kind, principal.centre_id, document.owner_centre):
        raise Forbidden("Δεν έχετε δικαίωμα να δείτε αυτό το έγγραφο.")
    return document


def certified_content(store: FileStore, document: Document) -> bytes:
    """The document's PDF, only if it is the very file whose hash /v1/verify certifies."""
    try:
        content = store.get(document.storage_key)
    except NotStored as exc:
        log.error("document %s: file %s missing from the store", document.id, document.storage_key)
        raise Unavailable(
            "Το αρχείο του εγγράφου δεν είναι διαθέσιμο αυτή τη στιγμή.", slug="document-unavailable"
        ) from exc
    if hashlib.sha256(content).hexdigest() != document.sha256:
        raise StoredFileAltered(f"document {document.id}: stored file does not match its sha256")
    return content


def verified_document(session: Session, typed_code: str) -> Document:
    """The document whose verification code a person typed (in any of the accepted spellings)."""
    canonical = normalise_code(typed_code)
    document = None
    if canonical is not None:
        document = session.scalar(select(Document).where(Document.verification_code == canonical))
    if document is None:
        raise NotFound(
            "Δεν βρέθηκε έγγραφο με αυτόν τον κωδικό επαλήθευσης. Ελέγξτε ότι τον πληκτρολογήσατε σωστά.",
            slug="unknown-verification-code",
            title="Ο κωδικός επαλήθευσης δεν αντιστοιχεί σε έγγραφο",
        )
    return document
