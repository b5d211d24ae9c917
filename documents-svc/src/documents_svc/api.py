"""HTTP API of documents-svc: thin controllers. Reading only; documents are made by events."""
from __future__ import annotations

import hashlib
import logging
import re

from epimorfosi_platform.auth import authenticate
from epimorfosi_platform.problems import Problem
from epimorfosi_platform.web import service_context, session
from flask import Response
from flask_smorest import Blueprint
from sqlalchemy import and_, func, or_, select

from .domain import can_read, normalise_code, own_centre_kinds, readable_kinds
from .models import Document
from .schemas import DocumentQuerySchema, DocumentSchema, VerificationSchema
from .storage import DocumentNotStored

log = logging.getLogger(__name__)

_SAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]")  # a header value: ASCII, no quotes

documents = Blueprint("documents", __name__, url_prefix="/v1/documents", description="Έγγραφα (PDF) του Φακέλου Φυσικού Αντικειμένου")
verify = Blueprint("verify", __name__, url_prefix="/v1/verify", description="Δημόσια επαλήθευση γνησιότητας εγγράφου")

PDF_RESPONSE = {
    "200": {
        "description": "Το έγγραφο σε PDF",
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
    }
}


def _readable_document(document_id: str) -> Document:
    principal = authenticate()
    document = session.get(Document, document_id)
    if document is None:
        raise Problem(404, slug="document-not-found", detail="Το έγγραφο δεν βρέθηκε.")
    if not can_read(principal.roles, document.kind, principal.centre_id, document.owner_centre):
        raise Problem(403, detail="Δεν έχετε δικαίωμα να δείτε αυτό το έγγραφο.")
    return document


@documents.route("", methods=["GET"])
@documents.arguments(DocumentQuerySchema, location="query")
@documents.response(200, DocumentSchema(many=True))
@documents.paginate(page_size=50, max_page_size=200)
def list_documents(query, pagination_parameters):
    """Τα έγγραφα που μπορείτε να δείτε, νεότερο πρώτο (φίλτρα: είδος, αντικείμενο)."""
    principal = authenticate()
    statement = select(Document)
    kinds = readable_kinds(principal.roles)
    if kinds is not None:
        # Kinds readable whatever the centre, plus the centre-scoped kinds of the reader's own centre.
        visible = [Document.kind.in_(sorted(kinds))]
        centre_kinds = own_centre_kinds(principal.roles)
        if centre_kinds and principal.centre_id:
            visible.append(and_(Document.kind.in_(sorted(centre_kinds)), Document.owner_centre == principal.centre_id))
        statement = statement.where(or_(*visible))
    if query.get("kind"):
        statement = statement.where(Document.kind == query["kind"])
    if query.get("subject"):
        statement = statement.where(Document.subject == query["subject"])
    pagination_parameters.item_count = session.scalar(select(func.count()).select_from(statement.subquery()))
    return session.scalars(
        statement.order_by(Document.created_at.desc(), Document.id)
        .offset(pagination_parameters.first_item)
        .limit(pagination_parameters.page_size)
    ).all()


@documents.route("/<string:document_id>", methods=["GET"])
@documents.response(200, DocumentSchema)
def get_document(document_id: str):
    """Στοιχεία ενός εγγράφου."""
    return _readable_document(document_id)


@documents.route("/<string:document_id>/pdf", methods=["GET"])
@documents.doc(responses=PDF_RESPONSE)
def get_document_pdf(document_id: str):
    """Το έγγραφο σε PDF, για προβολή ή εκτύπωση."""
    document = _readable_document(document_id)
    try:
        content = service_context().store.get(document.storage_key)
    except DocumentNotStored:
        log.error("document %s: file %s missing from the store", document.id, document.storage_key)
        raise Problem(503, slug="document-unavailable", detail="Το αρχείο του εγγράφου δεν είναι διαθέσιμο αυτή τη στιγμή.")
    if hashlib.sha256(content).hexdigest() != document.sha256:
        # Never hand out a file that is not the one whose hash we certify at /v1/verify.
        log.error("document %s: stored file does not match its sha256", document.id)
        raise Problem(500)
    filename = _SAFE_FILENAME.sub("_", f"{document.kind}-{document.subject}-{document.verification_code}") + ".pdf"
    return Response(
        content,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "ETag": f'"{document.sha256}"',
            "Cache-Control": "private, no-store",  # later kinds carry personal data
            "X-Content-Type-Options": "nosniff",
        },
    )


@verify.route("/<string:code>", methods=["GET"])
@verify.response(200, VerificationSchema)
@verify.doc(security=[])
def verify_code(code: str):
    """Επαλήθευση εγγράφου με τον κωδικό που είναι τυπωμένος σε αυτό. Δεν απαιτεί σύνδεση."""
    canonical = normalise_code(code)
    document = None
    if canonical is not None:
        document = session.scalar(select(Document).where(Document.verification_code == canonical))
    if document is None:
        raise Problem(
            404,
            slug="unknown-verification-code",
            title="Ο κωδικός επαλήθευσης δεν αντιστοιχεί σε έγγραφο",
            detail="Δεν βρέθηκε έγγραφο με αυτόν τον κωδικό επαλήθευσης. Ελέγξτε ότι τον πληκτρολογήσατε σωστά.",
        )
    return document


def blueprints():
    return [documents, verify]
