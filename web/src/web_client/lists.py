"""Lists as the manual shows them: a filter form above the table (its «Επιλογή» columns; a GET form,
so the address keeps the choice and paging keeps it too), and the shown list as CSV for Excel.

    filters = Filters(programmes, Filter("cluster", N_("Συστάδα"), text=lambda p: ...))
    if wants_csv():
        return csv_response("programmes", [_("Κωδικός"), ...], ([p["code"], ...] for p in filters.selected))
    page = paginate(filters.selected, web().settings.page_size)

and in the template `{{ filter_form(filters) }}` / `{{ csv_link() }}` from macros/lists.html."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence
from urllib.parse import urlencode

from flask import Response, g, request
from werkzeug.datastructures import MultiDict

NOT_FILTERS = {"page", "format"}  # query parameters of the list itself, not of its filters
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a cell Excel would run as a formula
NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
SAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]")


def list_address(path: str, args: dict) -> None:
    """For a list rendered in answer to a POST (a refusal shown again): the GET address that its
    links, paging and filter form build on, instead of the POST's own."""
    g.list_address = (path, MultiDict(args))


def address() -> tuple[str, MultiDict]:
    return g.get("list_address") or (request.path, request.args)


def url_with(**changes: Any) -> str:
    """This page's address with some query parameters changed (None removes one; a list repeats it)."""
    path, current = address()
    args = current.to_dict(flat=False)
    for name, value in changes.items():
        if value is None or value == []:
            args.pop(name, None)
        else:
            args[name] = [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
    query = urlencode(args, doseq=True)
    return path + (f"?{query}" if query else "")


@dataclass(frozen=True)
class Filter:
    """One «Επιλογή» column: the query parameter and item key `name`, its heading, how a value reads."""

    name: str
    label: str
    text: Callable[[dict], str] | None = None
    value: Callable[[dict], Any] | None = None  # default: item[name]

    def value_of(self, item: dict) -> str:
        raw = self.value(item) if self.value else item.get(self.name)
        return "" if raw is None else str(raw)

    def text_of(self, item: dict) -> str:
        return self.text(item) if self.text else self.value_of(item)


class Filters:
    """The filters of one list over `items` (dicts as the API returns them), chosen in the query."""

    def __init__(self, items: Iterable[dict], *filters: Filter):
        self.items, self.filters = list(items), filters
        self.action, args = address()
        self.chosen = {f.name: args.get(f.name, "").strip() for f in filters}

    def options(self, which: Filter) -> list[tuple[str, str]]:
        """(value, text) of each value present in the list, in the order of their texts."""
        seen = {which.value_of(item): which.text_of(item) for item in self.items}
        return sorted(((v, t) for v, t in seen.items() if v), key=lambda option: option[1])

    @property
    def active(self) -> bool:
        return any(self.chosen.values())

    @property
    def selected(self) -> list[dict]:
        wanted = [(f, self.chosen[f.name]) for f in self.filters if self.chosen[f.name]]
        return [item for item in self.items if all(f.value_of(item) == v for f, v in wanted)]

    def kept(self) -> list[tuple[str, str]]:
        """The page's other query parameters, carried as hidden fields by the filter form."""
        own = {f.name for f in self.filters} | NOT_FILTERS
        return [(k, v) for k, v in address()[1].items(multi=True) if k not in own]

    def clear_url(self) -> str:
        return url_with(page=None, **{f.name: None for f in self.filters})


def wants_csv() -> bool:
    return request.args.get("format") == "csv"


def csv_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    # Decision: a text Excel would evaluate (=, +, -, @) is written with a leading apostrophe.
    if text.startswith(FORMULA_START) and not NUMBER.match(text):
        return "'" + text
    return text


def csv_response(name: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Response:
    """The rows as an attachment `<name>.csv`: UTF-8 with a BOM, so that Excel shows the Greek."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    filename = SAFE_FILENAME.sub("_", name) + ".csv"
    return Response(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "private, no-store"})
