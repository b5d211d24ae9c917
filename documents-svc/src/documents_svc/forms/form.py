"""What a form is (a kind of official document) and what one document of it needs to be rendered."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class Form:
    """A kind of document: its Greek label, its template, and who may read its documents besides
    central administrators. `readers` None means any authenticated user; a form with personal data
    names its roles, e.g. a B4 enrolment certificate: `frozenset({Role.TEACHER, Role.KSE_HEAD})`,
    and the reading use case adds the data-scope check (the trainee themself, the trainee's
    centre), which needs the document's parties and so is not a question of roles alone.
    `centre_scoped`: a document belongs to one centre (Document.owner_centre), and its readers read
    it only when the `centre_id` claim of their token is that centre."""

    kind: str  # Document.kind, e.g. "period-announcement"
    label: str
    template: str  # in forms/templates/
    readers: frozenset[str] | None
    centre_scoped: bool = False
    holder_reads: bool = False  # the document's holder (Document.holder_id) reads it too


@dataclass(frozen=True)
class FormDocument:
    """One document of `form` to render: what it is about, its public title (shown by /v1/verify:
    never personal data) and the template's values (plain data only, no ORM objects)."""

    form: Form
    subject: str  # the aggregate it is about (what `?subject=` filters on)
    title: str
    values: Mapping[str, Any] = field(default_factory=dict)
    owner_centre: str | None = None
    holder_id: str | None = None  # the user the certificate is for (B4: the trainee)
    holder_name: str | None = None  # the name printed on it, confirmed by /v1/verify
    programme_code: str | None = None  # the programme it is about (a programme's folder)
