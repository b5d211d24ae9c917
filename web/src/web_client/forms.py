"""Forms in the GOV.GR way: what the person typed comes back with the API's problem+json shown as
an error summary at the top and a message next to each field it concerns."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext

from .api_client import ApiProblem


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
        located = raw.get("json", raw) if set(raw) <= {"json", "query", "form", "files"} else raw
        _flatten(located, "", result)
    if not result.fields:
        result.general.append(problem.detail)
    if isinstance(raw, list):  # e.g. a file's errors line by line («Γραμμή 3: ...»)
        result.general.extend(str(item) for item in raw)
    return result


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
