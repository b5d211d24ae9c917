"""HTTP API of the lists slice (`/v1/lists`): per list a paged JSON page (`/k3`), a file (`/k3/export?
format=csv|xlsx`, every matching row) and the rows in the shape of documents-svc's list forms
(`/k3/rows`); K4 and K5 per programme (`/k4/<code>` ...). Thin controllers: access, then a query."""
from __future__ import annotations

from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.errors import NotFound
from epimorfosi_platform.table_export import export_response
from epimorfosi_platform.web import session
from flask_smorest import Blueprint

from ..enrolment.access import READERS, centre_of_listing, check_programme_scope
from ..programmes.queries import find_programme
from ..staff.queries import coordinator_afm
from . import queries
from .rules import K3, K4, K5, K6, ListKind, columns_for, may_see_contacts
from .schemas import (CandidateRowSchema, ExportQuerySchema, FileFormatSchema, FormRowsSchema, ListQuerySchema,
                      ProgrammeRowSchema)

lists = Blueprint("lists", __name__, url_prefix="/v1/lists",
                  description="Έντυπα καταλόγων - καταστάσεων: Κ3, Κ4, Κ5, Κ6 (σελίδες, φίλτρα, CSV/XLSX, "
                              "γραμμές για τα έντυπα της documents-svc).")
PAGE = {"page_size": 100, "max_page_size": 500}


def _decorated(view, *decorators):
    """`view` under `decorators`, the first outermost (as if stacked above it)."""
    for decorator in reversed(decorators):
        view = decorator(view)
    return view


def _filters(query: dict) -> queries.Filters:
    """The query's filters, scoped: a centre's people see their own centre (asking for another: 404)."""
    principal = authenticate()
    own = centre_of_listing(principal.roles, principal.centre_id)
    asked = query.get("centre")
    if own is not None and asked not in (None, own):
        raise NotFound("Το ΚΣΕ δεν βρέθηκε.")
    return queries.Filters(centre=own or asked, period_id=query.get("period_id"), code=query.get("code"),
                           cluster=query.get("cluster"), category=query.get("category"))


def _programme(code: str):
    """The programme (another centre's: 404) and whether the caller sees its contact data."""
    principal = authenticate()
    programme = find_programme(session, code)
    check_programme_scope(principal.roles, principal.centre_id, programme.centre_code)
    contacts = may_see_contacts(principal.roles, principal.centre_id, principal.afm, programme.centre_code,
                                coordinator_afm(session, code))
    return programme, contacts


def _form(kind: ListKind, rows: list[dict], contacts: bool = True, heading: dict | None = None) -> dict:
    columns = columns_for(kind, contacts)
    return {"code": kind.code, "title": kind.title, "columns": columns, "heading": heading or {}, "rows": rows}


def _programme_list(kind: ListKind) -> None:
    slug, label = kind.code.lower(), f"{kind.code}: {kind.title}"

    def page(query, pagination_parameters):
        count, rows = queries.programme_rows(session, kind, _filters(query), first=pagination_parameters.first_item,
                                             size=pagination_parameters.page_size)
        pagination_parameters.item_count = count
        return rows

    def export(query):
        _, rows = queries.programme_rows(session, kind, _filters(query))
        return export_response(query["format"], slug, kind.code, kind.columns, rows)

    def form_rows(query):
        return _form(kind, queries.programme_rows(session, kind, _filters(query))[1])

    page.__doc__ = f"{label} (σελίδες, φίλτρα)."
    export.__doc__ = f"{label}: όλες οι γραμμές του φίλτρου ως CSV ή XLSX."
    form_rows.__doc__ = f"{label}: οι γραμμές όπως τις παίρνει το έντυπο {kind.code} της documents-svc."
    query_args = lists.arguments(ListQuerySchema, location="query")
    _decorated(page, lists.route(f"/{slug}", methods=["GET"], endpoint=f"{slug}_page"), require_roles(*READERS),
               query_args, lists.response(200, ProgrammeRowSchema(many=True)), lists.paginate(**PAGE))
    _decorated(export, lists.route(f"/{slug}/export", methods=["GET"], endpoint=f"{slug}_export"),
               require_roles(*READERS), lists.arguments(ExportQuerySchema, location="query"),
               lists.response(200, description="Το αρχείο (CSV ή XLSX)."))
    _decorated(form_rows, lists.route(f"/{slug}/rows", methods=["GET"], endpoint=f"{slug}_rows"),
               require_roles(*READERS), query_args, lists.response(200, FormRowsSchema))


def _candidate_list(kind: ListKind) -> None:
    slug, label = kind.code.lower(), f"{kind.code}: {kind.title}"

    def page(code: str, pagination_parameters):
        _, contacts = _programme(code)
        count, rows = queries.candidate_rows(session, kind, code, contacts=contacts,
                                             first=pagination_parameters.first_item, size=pagination_parameters.page_size)
        pagination_parameters.item_count = count
        return rows

    def export(query, code: str):
        _, contacts = _programme(code)
        rows = queries.candidate_rows(session, kind, code, contacts=contacts)[1]
        return export_response(query["format"], f"{slug}-{code}".encode("ascii", "replace").decode().replace("?", "_"),
                               kind.code, columns_for(kind, contacts), rows)

    def form_rows(code: str):
        programme, contacts = _programme(code)
        rows = queries.candidate_rows(session, kind, code, contacts=contacts)[1]
        return _form(kind, rows, contacts, queries.heading(programme))

    page.__doc__ = (f"{label}, ενός προγράμματος (σελίδες). Τηλέφωνα και e-mail μόνο για την κεντρική διαχείριση, "
                    "τον/την υπεύθυνο/η του ΚΣΕ και τον/τη συντονιστή/τρια του προγράμματος.")
    export.__doc__ = f"{label}: ως CSV ή XLSX (με τις ίδιες στήλες που βλέπει ο/η χρήστης)."
    form_rows.__doc__ = f"{label}: οι γραμμές και η επικεφαλίδα όπως τις παίρνει το έντυπο {kind.code} της documents-svc."
    _decorated(page, lists.route(f"/{slug}/<code>", methods=["GET"], endpoint=f"{slug}_page"), require_roles(*READERS),
               lists.response(200, CandidateRowSchema(many=True)), lists.paginate(**PAGE))
    _decorated(export, lists.route(f"/{slug}/<code>/export", methods=["GET"], endpoint=f"{slug}_export"),
               require_roles(*READERS), lists.arguments(FileFormatSchema, location="query"),
               lists.response(200, description="Το αρχείο (CSV ή XLSX)."))
    _decorated(form_rows, lists.route(f"/{slug}/<code>/rows", methods=["GET"], endpoint=f"{slug}_rows"),
               require_roles(*READERS), lists.response(200, FormRowsSchema))


for _kind in (K3, K6):
    _programme_list(_kind)
for _kind in (K4, K5):
    _candidate_list(_kind)
