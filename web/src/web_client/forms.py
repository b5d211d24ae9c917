"""Forms in the GOV.GR way: what the person typed comes back with the API's problem+json shown as
an error summary at the top and a message next to each field it concerns."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import request
from flask_babel import gettext

from .api_client import ApiClient, ApiProblem
from .i18n import N_


@dataclass
class FormErrors:
    fields: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)  # not about one field (conflict, state)

    def __bool__(self) -> bool:
        return bool(self.fields or self.general)

    def add(self, name: str, message: str) -> None:
        self.fields.setdefault(name, []).append(message)

    def summary(self, labels: dict[str, str]) -> list[tuple[str | None, str]]:
        """(anchor, text) lines of the summary: field errors in form order, then the rest."""
        lines: list[tuple[str | None, str]] = [(None, m) for m in self.general]
        order = list(labels) + [name for name in self.fields if name not in labels]
        for name in order:
            for message in self.fields.get(name, []):
                lines.append((name, f"{gettext(labels[name]) if name in labels else name}: {message}"))
        return lines


def errors_from_problem(problem: ApiProblem) -> FormErrors:
    """problem+json → FormErrors. The services put field errors under `errors`, by location
    (webargs: {"json": {"field": ["..."]}}); nested fields become "parent.child"."""
    result = FormErrors()
    raw = problem.problem.get("errors")
    if isinstance(raw, dict):
        located = raw
        if set(raw) <= {"json", "query", "form", "files"}:  # by location: the fields of every location
            located = {name: value for where in raw.values() if isinstance(where, dict) for name, value in where.items()}
        _flatten(located, "", result)
    if not result.fields:
        result.general.append(problem.detail)
    if isinstance(raw, list):  # e.g. a file's errors line by line («Γραμμή 3: ...»)
        result.general.extend(str(item) for item in raw)
    return result


MAX_LINES_SHOWN = 200  # a wholly wrong file has an error per line; the first ones say what is wrong


def problem_lines(problem: ApiProblem, anchor: str = "file") -> list[tuple[str | None, str]]:
    """The summary of an imported file refused whole: what happened, then each wrong line of the
    file («Γραμμή 3: ...», linked to the file input `anchor`), the first MAX_LINES_SHOWN of them."""
    lines = problem.problem.get("errors")
    lines = [str(line) for line in lines] if isinstance(lines, list) else []
    summary: list[tuple[str | None, str]] = [(None, problem.detail)]
    summary += [(anchor, line) for line in lines[:MAX_LINES_SHOWN]]
    if len(lines) > MAX_LINES_SHOWN:
        summary.append((None, gettext("και %(count)d ακόμη σφάλματα.", count=len(lines) - MAX_LINES_SHOWN)))
    return summary


def _flatten(value, prefix: str, result: FormErrors) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            _flatten(inner, "_schema" if key == "_schema" and not prefix else name, result)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, list)):
                _flatten(item, prefix, result)
            else:
                if prefix == "_schema":
                    result.general.append(str(item))
                else:
                    result.add(prefix, str(item))
    elif value is not None:
        result.add(prefix or "_schema", str(value))


@dataclass
class FileSent:
    """A register's CSV (form field `file`) sent to the API whole: the API's answer, or, when it was
    refused or no file was chosen, the field's errors and the summary to show (nothing imported)."""
    result: dict | None
    errors: FormErrors
    summary: list[tuple[str | None, str]]


def send_csv_file(api: ApiClient, method: str, service: str, path: str, *, missing: str, field: str = "file",
                  label: str = N_("Αρχείο CSV")) -> FileSent:
    """The file of form field `field` (labelled `label`) sent to the API as its `file`."""
    upload = request.files.get(field)
    errors = FormErrors()
    if upload is None or not upload.filename:
        errors.add(field, missing)
        return FileSent(None, errors, errors.summary({field: label}))
    try:
        result = api.call(method, service, path, files={"file": (upload.filename, upload.read(), "text/csv")})
    except ApiProblem as problem:
        errors.add(field, problem.detail)
        return FileSent(None, errors, problem_lines(problem, anchor=field))
    return FileSent(result, errors, [])
