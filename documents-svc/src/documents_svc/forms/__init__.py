"""Forms slice: every kind of official document (one module per form: its `Form`, its title and
subject, the values its template gets), the templates, and the sandboxed HTML → PDF rendering.
A new form is a module here, its template in templates/, and an entry in FORMS; a new list form
(K2–K6, M1) is a module with a `ListForm` and an entry in LIST_FORMS."""
from . import form_a2, form_b4, form_k2, form_k3, form_k4, form_k5, form_k6, form_m1, period_announcement
from .form import Form, FormDocument
from .listing import ListForm

LIST_FORMS: dict[str, ListForm] = {
    lf.form.kind: lf for lf in (form_k2.LIST, form_k3.LIST, form_k4.LIST, form_k5.LIST, form_k6.LIST, form_m1.LIST)
}
FORMS: dict[str, Form] = {
    form.kind: form
    for form in (period_announcement.FORM, form_a2.FORM, form_b4.FORM, *(lf.form for lf in LIST_FORMS.values()))
}
KIND_LABELS: dict[str, str] = {kind: form.label for kind, form in FORMS.items()}

__all__ = ["FORMS", "KIND_LABELS", "LIST_FORMS", "Form", "FormDocument", "ListForm"]
