"""Forms slice: every kind of official document (one module per form: its `Form`, its title and
subject, the values its template gets), the templates, and the sandboxed HTML → PDF rendering.
A new form is a module here, its template in templates/, and an entry in FORMS."""
from . import form_a2, period_announcement
from .form import Form, FormDocument

FORMS: dict[str, Form] = {form.kind: form for form in (period_announcement.FORM, form_a2.FORM)}
KIND_LABELS: dict[str, str] = {kind: form.label for kind, form in FORMS.items()}

__all__ = ["FORMS", "KIND_LABELS", "Form", "FormDocument"]
