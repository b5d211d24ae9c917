"""HTTP API of the documents slice: thin controllers (load, check access, act). Reading only;
documents are made by events (consumers)."""
from __future__ import annotations

import re

from epimorfosi_platform.auth import authenticate
from epimorfosi_platform.web import service_context, session
from flask import Response
from flask_smorest import Blueprint

from . import queries
from .schemas import DocumentQuerySchema, DocumentSchema, VerificationSchema

_SAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]")  # a header value: ASCII, no quotes

documents = Blueprint("documents", __name__, url_prefix="/v1/documents", description="Έγγραφα (PDF) του Φακέλου Φυσικού Αντικειμένου")
verify = Blueprint("verify", __name__, url_prefix="/v1/verify", description="Δημόσια επαλήθευση γνησιότητας εγγράφου")

PDF_RESPONSE = {
    "200": {
        "description": "Το έγγραφο σε PDF",
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@documents.route("", methods=["GET"])
@documents.arguments(DocumentQuerySchema, location="query")
@documents.response(200, DocumentSchema(many=True))
@documents.paginate(page_size=50, max_page_size=200)
def list_documents(query, pagination_parameters):
    """Τα έγγραφα που μπορείτε να δείτε, νεότερο πρώτο (φίλτρα: είδος, αντικείμενο, ΚΣΕ, πρόγραμμα):
    ο Φάκελος Φυσικού Αντικειμένου ενός ΚΣΕ (`centre`) ή ενός προγράμματος (`programme`)."""
    count, page = queries.visible_documents_page(
        session, authenticate(), filters=query,
        first=pagination_parameters.first_item, size=pagination_parameters.page_size,
    )
    pagination_parameters.item_count = count
    return page


@documents.route("/<string:document_id>", methods=["GET"])
@documents.response(200, DocumentSchema)
def get_document(document_id: str):
    """Στοιχεία ενός εγγράφου."""
    return queries.readable_document(session, authenticate(), document_id)


@documents.route("/<string:document_id>/pdf", methods=["GET"])
@documents.doc(responses=PDF_RESPONSE)
def get_document_pdf(document_id: str):
    """Το έγγραφο σε PDF, για προβολή ή εκτύπωση."""
    document = queries.readable_document(session, authenticate(), document_id)
    content = queries.certified_content(service_context().store, document)
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
    return queries.verified_document(session, code)
