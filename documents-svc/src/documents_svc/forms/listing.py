"""List forms (K2–K6, M1): a table of rows under the period's title, given by the service that owns
the rows. What a list form is and how its rows are cut into parts (pure); the rendering of the
parts in parallel and their merging is `paging`."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterator, Mapping, Sequence

from .form import Form

PROGRAMME_HEADER = (
    "Επιμόρφωση Εκπαιδευτικών για την Αξιοποίηση και Εφαρμογή των Ψηφιακών Τεχνολογιών στη "
    "Διδακτική Πράξη (Επιμόρφωση Β' Επιπέδου Τ.Π.Ε.)"
)
TEXT, INTEGER = "text", "integer"
MAX_ROWS = 20_000  # the largest list one request may print (a period's K4 of a whole region)
PART_ROWS = 1_000  # the largest part rendered by one process: no giant table in any one layout
MIN_PART_ROWS = 150  # below this, a second process costs more than it saves


@dataclass(frozen=True)
class Column:
    """A column of the manual's table: `key` in each row, its Greek heading, its value type and an
    optional width (CSS length; the others share the rest)."""

    key: str
    label: str
    type: str = TEXT
    width: str | None = None
    required: bool = True
    max_length: int = 200


@dataclass(frozen=True)
class ListForm:
    """A list form: its `Form` (kind, label, readers), its code as printed (Κ4), the columns of its
    rows (a first «Α/Α» column is always added), the fields of its heading (K4/K5: the programme
    the list is about) and whether it prints on landscape A4 (eight columns and more)."""

    form: Form
    code: str
    columns: tuple[Column, ...]
    heading: tuple[Column, ...] = ()
    landscape: bool = False

    @property
    def title(self) -> str:
        return self.form.label


def subject_of(list_form: ListForm, period_code: str, centre: str | None, heading: Mapping[str, Any]) -> str:
    """Decision: a list is about one period and, for K4/K5, one programme (its code, the first
    heading field); a centre's list is its centre's. `K4/<period>/<programme>` or
    `K3/<period>/<centre or «all»>`: what `?subject=` filters on and what versions are counted in."""
    if list_form.heading:
        about = str(heading[list_form.heading[0].key])
    else:
        about = centre or "all"
    return f"{list_form.code}/{period_code}/{about}"[:100]


def programme_of(list_form: ListForm, heading: Mapping[str, Any]) -> str | None:
    """The programme a list is about (K4, K5: the first heading field), for the programme's folder."""
    return str(heading[list_form.heading[0].key])[:100] if list_form.heading else None


def list_title(list_form: ListForm, period_title: str, subject: str) -> str:
    # Public through /v1/verify: the form, the period and the programme or centre, no personal data.
    return f"{list_form.code}: {list_form.title} – {period_title} ({subject.split('/', 2)[-1]})"[:300]


def part_bounds(count: int, workers: int, part_rows: int = PART_ROWS) -> list[tuple[int, int]]:
    """[start, end) of each part of `count` rows: as few parts as keep every worker busy, none
    larger than `part_rows`, none smaller than MIN_PART_ROWS (a short list is one part). Each part
    ends its last page early; so parts are few and equal."""
    if count == 0:
        return [(0, 0)]
    parts = max(1, min(max(workers, 1), count // MIN_PART_ROWS))
    parts = max(parts, -(-count // part_rows))
    size = -(-count // parts)
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def numbered(rows: Sequence[Mapping[str, Any]], start: int, end: int) -> Iterator[dict[str, Any]]:
    """The rows of one part with their «Α/Α» (counted across the whole list, from 1)."""
    for number, row in enumerate(rows[start:end], start=start + 1):
        yield {"number": number, **row}


def input_digest(list_form: ListForm, values: Mapping[str, Any]) -> str:
    """SHA-256 of what a print request asks to print (the form, the period, the centre, the heading,
    the rows in order), as canonical JSON: the same request twice is the same document, any change
    to a row is a new version."""
    printed = {
        "form": list_form.code,
        "period_code": values["period_code"],
        "period_title": values["period_title"],
        "centre_code": values.get("centre_code"),
        "centre_name": values.get("centre_name"),
        "heading": values.get("heading"),
        "rows": [{column.key: row.get(column.key) for column in list_form.columns} for row in values["rows"]],
    }
    canonical = json.dumps(printed, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
