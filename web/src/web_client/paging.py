"""Paging of lists the API returns whole (periods, centres, rooms): `?page=N`, GOV.GR pagination."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from flask import request


@dataclass(frozen=True)
class Page:
    items: Sequence[Any]
    number: int
    pages: int
    total: int
    size: int

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.size + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.number * self.size, self.total)


def paginate(items: Sequence[Any], size: int) -> Page:
    total = len(items)
    pages = max(1, -(-total // size))
    try:
        number = int(request.args.get("page", "1"))
    except ValueError:
        number = 1
    number = min(max(1, number), pages)
    start = (number - 1) * size
    return Page(items[start:start + size], number, pages, total, size)
