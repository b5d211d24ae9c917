"""Reads of the documents slice: what a reader may list and open, the certified bytes of a
document, and a document by its verification code."""
from __future__ import annotations

import hashlib
import logging
from typing import Mapping

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.errors import Forbidden, NotFound, Unavailable
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from .access import CENTRE_SCOPED, HOLDER_READS, can_read, own_centre_kinds, readable_kinds
from .codes import normalise_code
from .models import Document
from epimorfosi_platform.storage import FileStore, NotStored

log = logging.getLogger(__name__)


_FILTERS = {"kind": Document.kind, "subject": Document.subject, "centre": Document.owner_centre,
            "programme": Document.programme_code}


class StoredFileAltered(RuntimeError):
    """The store holds other bytes than the certified ones (a fault: answered with a plain 500)."""


def visible_documents_page(
    session: Session, principal: Principal, *, filters: Mapping[str, str | None], first: int, size: int
) -> tuple[int, list[Document]]:
    """(how many the reader may see, the `size` of them from `first` on), newest first, optionally
    of one kind, subject, centre (`centre`: a centre's folder) and programme (a programme's folder)."""
    statement = select(Document)
    kinds = readable_kinds(principal.roles)
    if kinds is not None:
        # Kinds readable whatever the centre, the centre-scoped kinds of the reader's own centre and
        # the reader's own certificates.
        visible = [Document.kind.in_(sorted(kinds))]
        centre_kinds = own_centre_kinds(principal.roles)
        if centre_kinds and principal.centre_id:
            visible.append(and_(Document.kind.in_(sorted(centre_kinds)), Document.owner_centre == principal.centre_id))
        visible.append(and_(Document.kind.in_(sorted(HOLDER_READS)), Document.holder_id == principal.subject))
        statement = statement.where(or_(*visible))
    for name, column in _FILTERS.items():
        if filters.get(name):
            statement = statement.where(column == filters[name])
    count = session.scalar(select(func.count()).select_from(statement.subquery()))
    page = session.scalars(statement.order_by(Document.created_at.desc(), Document.id).offset(first).limit(size))
    return count, list(page)


def readable_document(session: Session, principal: Principal, document_id: str) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound("Το έγγραφο δεν βρέθηκε.", slug="document-not-found")
    if not can_read(principal.roles, document.kind, principal.centre_id, document.owner_centre,
                    principal_subject=principal.subject, holder_id=document.holder_id):
        if document.kind in CENTRE_SCOPED and document.owner_centre != principal.centre_id:
            # Another centre's (or another trainee's) document: not even its existence is told.
            raise NotFound("Το έγγραφο δεν βρέθηκε.", slug="document-not-found")
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
