"""Who may read which documents (pure): by kind, from each form's `readers` and `centre_scoped`."""
from __future__ import annotations

from typing import Iterable, Mapping

from epimorfosi_platform.roles import Role

from ..forms import FORMS

# Who may read each kind, besides central administrators. None = any authenticated user.
READERS: Mapping[str, frozenset[str] | None] = {kind: form.readers for kind, form in FORMS.items()}

# Kinds that belong to one centre (Document.owner_centre): their READERS read them only when the
# `centre_id` claim of their token is that centre. Central administrators read them all.
CENTRE_SCOPED: frozenset[str] = frozenset(kind for kind, form in FORMS.items() if form.centre_scoped)

# Kinds whose holder (Document.holder_id: a B4's trainee) reads their own document whatever their roles.
HOLDER_READS: frozenset[str] = frozenset(kind for kind, form in FORMS.items() if form.holder_reads)


def can_read(
    principal_roles: Iterable[str],
    kind: str,
    principal_centre: str | None = None,
    owner_centre: str | None = None,
    *,
    principal_subject: str | None = None,
    holder_id: str | None = None,
) -> bool:
    """Whether someone with these realm roles (and the centre of their token, if any) may read a
    document of `kind` owned by `owner_centre` and held by `holder_id`. Unknown kinds are readable
    by central administrators alone; a centre's document needs the reader's centre to be the owner;
    a holder reads their own document of a HOLDER_READS kind."""
    roles = frozenset(principal_roles)
    if Role.CENTRAL_ADMIN in roles:
        return True
    if kind in HOLDER_READS and holder_id is not None and principal_subject == holder_id:
        return True
    if kind not in READERS:
        return False
    allowed = READERS[kind]
    if allowed is not None and not roles & allowed:
        return False
    if kind in CENTRE_SCOPED:
        return principal_centre is not None and owner_centre is not None and principal_centre == owner_centre
    return True


def readable_kinds(principal_roles: Iterable[str]) -> frozenset[str] | None:
    """The kinds a listing may show to these roles whatever the document's centre; None means every
    kind. Centre-scoped kinds are added by `own_centre_kinds` for the reader's own centre only."""
    roles = frozenset(principal_roles)
    if Role.CENTRAL_ADMIN in roles:
        return None
    return frozenset(kind for kind in READERS if kind not in CENTRE_SCOPED and can_read(roles, kind))


def own_centre_kinds(principal_roles: Iterable[str]) -> frozenset[str]:
    """The centre-scoped kinds these roles may read when the document is of their own centre."""
    roles = frozenset(principal_roles)
    return frozenset(kind for kind in CENTRE_SCOPED if can_read(roles, kind, "own", "own"))
