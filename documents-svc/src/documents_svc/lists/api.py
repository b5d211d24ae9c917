"""HTTP API of the lists slice: POST /v1/lists/<form code> (k2…k6, m1), one documented route per
list form, each validating the rows against its form's columns. Thin controllers."""
from __future__ import annotations

from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import current_clock, service_context, session
from flask_smorest import Blueprint

from ..documents.schemas import DocumentSchema
from ..forms import LIST_FORMS, ListForm
from . import operations
from .schemas import print_request_schema

lists = Blueprint(
    "lists", __name__, url_prefix="/v1/lists",
    description="Έντυπα καταλόγων – καταστάσεων (Κ2–Κ6) και μητρώων (Μ1) σε PDF («Εκτύπωση σε PDF»)",
)


def _add_route(list_form: ListForm) -> None:
    def print_list(values):
        document, created = operations.print_list(
            session, authenticate(), list_form, values, now=current_clock().now(), config=service_context())
        return document, 201 if created else 200

    code = list_form.code.lower()
    print_list.__name__ = f"print_{code}"
    print_list.__doc__ = (
        f"{list_form.code}: {list_form.title}. Τυπώνει τις γραμμές που έδωσε η υπηρεσία που τις τηρεί "
        "και φυλάσσει το PDF στον Φάκελο Φυσικού Αντικειμένου. Η ίδια αίτηση δίνει το ίδιο έγγραφο (200)· "
        "αλλαγμένα στοιχεία δίνουν νέα έκδοση (201)."
    )
    view = lists.response(201, DocumentSchema)(print_list)
    view = lists.alt_response(200, schema=DocumentSchema, description="Το ίδιο έγγραφο, ήδη εκδομένο")(view)
    view = lists.arguments(print_request_schema(list_form.code))(view)
    view = require_roles(Role.CENTRAL_ADMIN, *sorted(list_form.form.readers or ()))(view)
    lists.route(f"/{code}", methods=["POST"], endpoint=f"print_{code}")(view)


for _list_form in LIST_FORMS.values():
    _add_route(_list_form)
