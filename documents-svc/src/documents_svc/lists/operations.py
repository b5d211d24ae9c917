"""Use cases of the lists slice: print a list form on demand. The same request twice gives the
first document back; a changed request renders the next version of the same subject."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping

from epimorfosi_platform.auth import Principal, require_centre_scope
from epimorfosi_platform.errors import Conflict, Invalid
from epimorfosi_platform.roles import Role
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..context import DocumentsContext
from ..documents.models import Document
from ..documents.operations import Issue, record
from ..forms import ListForm, paging
from ..forms.listing import input_digest, list_title, programme_of, subject_of


def _centre_of(principal: Principal, list_form: ListForm, values: Mapping[str, Any]) -> str | None:
    """The centre a centre's list belongs to: the request's, which centre staff must give and may
    only be their own; a list of no centre (M1) has none."""
    if not list_form.form.centre_scoped:
        return None
    centre = values.get("centre_code")
    if not principal.has_role(Role.CENTRAL_ADMIN):
        if not centre:
            raise Invalid("Δώστε το ΚΣΕ του καταλόγου.", errors={"centre_code": ["Το πεδίο είναι υποχρεωτικό."]})
        require_centre_scope(principal, centre)
    return centre


def _printed(session: Session, kind: str, subject: str, digest: str) -> Document | None:
    return session.scalar(select(Document).where(
        Document.kind == kind, Document.subject == subject, Document.input_sha256 == digest))


def _next_version(session: Session, kind: str, subject: str) -> int:
    # The unique index (kind, subject, version) of printed lists settles two requests racing for it.
    latest = session.scalar(select(func.max(Document.version)).where(
        Document.kind == kind, Document.subject == subject, Document.input_sha256.is_not(None)))
    return (latest or 0) + 1


def print_list(
    session: Session, principal: Principal, list_form: ListForm, values: Mapping[str, Any], *,
    now: datetime, config: DocumentsContext,
) -> tuple[Document, bool]:
    """(the document of this list, whether it was rendered now). Rendered, stored, recorded and
    announced (documents.document.rendered.v1) in the request's transaction."""
    centre = _centre_of(principal, list_form, values)
    kind = list_form.form.kind
    subject = subject_of(list_form, values["period_code"], centre, values.get("heading") or {})
    digest = input_digest(list_form, values)
    existing = _printed(session, kind, subject, digest)
    if existing is not None:
        return existing, False

    version = _next_version(session, kind, subject)
    title = list_title(list_form, values["period_title"], subject)
    issue = Issue.new(session, now, config.verify_url)
    context = {
        **issue.values(title, list_form.form.label),
        "period_title": values["period_title"],
        "centre_name": values.get("centre_name"),
        "heading": values.get("heading") or {},
        "total_rows": len(values["rows"]),
        "version": version,
    }
    pdf = paging.render_list(list_form, context, values["rows"])
    document = Document(kind=kind, subject=subject, title=title, owner_centre=centre, input_sha256=digest, version=version,
                        programme_code=programme_of(list_form, values.get("heading") or {}))
    try:
        with session.begin_nested():
            record(session, config.store, document, issue, pdf)
    except IntegrityError:
        existing = _printed(session, kind, subject, digest)
        if existing is not None:
            return existing, False
        raise Conflict("Ο κατάλογος εκδόθηκε ταυτόχρονα από άλλη αίτηση. Δοκιμάστε ξανά.", slug="list-version-taken")
    return document, True
