"""The programme lottery: programmes of the geographic distribution table to training-support
centres (ΚΣΕ). Pure and deterministic: the frozen input plus the published seed give the
result, and anyone can recompute it (``verify``; ``python -m applications_svc.verify``).

Input (``build_input`` gives it; its canonical hash is published before the seed is drawn)
------------------------------------------------------------------------------------------
``period``
    text used in programme codes, e.g. ``"7B1-4B2"``.
``rules``
    ``version`` (must be ``RULES_VERSION``), ``max_programmes_per_centre`` (int >= 0, or null for
    no cap) and ``max_programmes_per_centre_per_cell`` (int >= 0, or null for no cap).
``distribution`` (Παράρτημα Α)
    rows ``{"area", "category", "cluster", "programmes"}``: category ``"IIa"`` rows are per
    prefecture (area = prefecture code), ``"IIb"`` rows per region (area = region code);
    ``programmes`` is how many programmes of that cluster the area gets. A row is a **cell**.
``expressions`` (the final expressions of interest)
    ``{"centre", "clusters", "prefecture", "region", "certified_room", "capacity",
    "has_staff"}``: ``clusters`` in order of preference (rank 1 first, distinct);
    ``capacity`` is the capacity of the centre's certified room.

Rules (``RULES_VERSION``)
-------------------------
1. **Random numbers.** Every centre of the input (eligible or not) gets a random number from
   the seed: centre codes sorted ascending, shuffled by ``rules.rng`` (fresh stream, block 0),
   the number being the 1-based position. The manual assigns this number at final submission;
   here the draw assigns it, so that it is verifiable. Smaller number = earlier turn.
2. **Eligible** centres have a certified room (``certified_room`` true and ``capacity`` > 0)
   and staff (``has_staff`` true). Ineligible centres get nothing.
3. A centre is **interested** in a cell when the cell's cluster is in its list and the cell's
   area is its prefecture (IIa) or its region (IIb). Its rank in the cell is the cluster's rank.
   A centre may win programmes in several cells (all its clusters, both categories).
4. **Rounds.** In each round, the (centre, cell) interests are visited in ascending
   (rank, random number, category with IIa before IIb); a visit gives the centre one
   programme of the cell if the cell has a programme left, the centre holds fewer than
   ``max_programmes_per_centre`` programmes in all and fewer than
   ``max_programmes_per_centre_per_cell`` in this cell (a null cap never binds). Rounds repeat
   until one gives nothing. So within a cell, programmes go in order of (rank, random number),
   one per centre per round: a centre gets a second programme of a cell only after every
   other interested centre that could take one got one; and a capped centre spends its cap on
   the clusters it ranked highest.
5. **Programme codes**: ``{period}-{category}-{cluster}-{area}-{n:03d}``, ``n`` = 1, 2, ... in
   the order the cell's programmes were given.
6. Programmes left when the rounds end are reported per cell as **unfilled**.

Defaults: both caps null. The distribution table fixes how many programmes exist; a default
cap would leave programmes unfilled although an eligible centre wanted them. The call sets the
caps, and the frozen input always states them, so a published draw is never ambiguous.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import rng
from .canonical import canonical_text

KIND = "programme-lottery"
RULES_VERSION = "programme-lottery-round-robin-v1"
CATEGORIES = ("IIa", "IIb")  # IIa per prefecture (Νομός), IIb per region (Περιφέρεια)
_CATEGORY_ORDER = {c: i for i, c in enumerate(CATEGORIES)}


class InvalidLotteryInput(ValueError):
    """The input cannot be drawn (the message says which item and why)."""


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidLotteryInput(f"{where}: expected a non-empty string")
    return value


def _cap(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if not _is_int(value) or value < 0:
        raise InvalidLotteryInput(f"{where}: expected an integer >= 0 or null")
    return value


@dataclass(frozen=True)
class Cell:
    category: str
    area: str
    cluster: str
    available: int

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.category, self.area, self.cluster)


@dataclass(frozen=True)
class Expression:
    centre: str
    clusters: tuple[str, ...]
    prefecture: str
    region: str
    certified_room: bool
    capacity: int
    has_staff: bool

    @property
    def eligible(self) -> bool:
        return self.certified_room and self.capacity > 0 and self.has_staff


@dataclass(frozen=True)
class Assignment:
    programme: str
    centre: str
    category: str
    area: str
    cluster: str
    number: int  # n of the programme code: 1, 2, ... within the cell
    capacity: int
    round: int
    rank: int  # the centre's preference rank of the cluster

    def to_dict(self) -> dict[str, Any]:
        return {"programme": self.programme, "centre": self.centre, "category": self.category,
                "area": self.area, "cluster": self.cluster, "capacity": self.capacity,
                "round": self.round, "rank": self.rank}


@dataclass(frozen=True)
class Result:
    assignments: list[Assignment]          # sorted by (category, area, cluster, number)
    random_numbers: dict[str, int]         # centre -> random number
    eligible: dict[str, bool]              # centre -> eligible
    unfilled: list[tuple[Cell, int]] = field(default_factory=list)  # (cell, programmes left)

    def programmes_of(self, centre: str) -> list[Assignment]:
        return [a for a in self.assignments if a.centre == centre]

    def to_dict(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for a in self.assignments:
            counts[a.centre] = counts.get(a.centre, 0) + 1
        return {
            "algorithm": rng.ALGORITHM_VERSION,
            "rules_version": RULES_VERSION,
            "assignments": [a.to_dict() for a in self.assignments],
            "centres": [{"centre": c, "random_number": self.random_numbers[c],
                         "eligible": self.eligible[c], "programmes": counts.get(c, 0)}
                        for c in sorted(self.random_numbers)],
            "unfilled": [{"category": cell.category, "area": cell.area, "cluster": cell.cluster,
                          "available": cell.available, "assigned": cell.available - left,
                          "unfilled": left} for cell, left in self.unfilled],
        }

    def to_json(self) -> str:
        """Canonical JSON of ``to_dict()`` (what is published and what ``verify`` compares)."""
        return canonical_text(self.to_dict())


# -- parsing ----------------------------------------------------------------------------------
def _cells(rows: Any) -> list[Cell]:
    if not isinstance(rows, list):
        raise InvalidLotteryInput("distribution: expected a list")
    cells: dict[tuple[str, str, str], Cell] = {}
    for i, row in enumerate(rows):
        where = f"distribution[{i}]"
        if not isinstance(row, Mapping):
            raise InvalidLotteryInput(f"{where}: expected an object")
        category = row.get("category")
        if category not in _CATEGORY_ORDER:
            raise InvalidLotteryInput(f"{where}: category must be one of {list(CATEGORIES)}")
        available = row.get("programmes")
        if not _is_int(available) or available < 0:
            raise InvalidLotteryInput(f"{where}: programmes must be an integer >= 0")
        cell = Cell(category, _text(row.get("area"), f"{where}.area"),
                    _text(row.get("cluster"), f"{where}.cluster"), available)
        if cell.key in cells:
            raise InvalidLotteryInput(f"{where}: cell {'/'.join(cell.key)} listed twice")
        cells[cell.key] = cell
    return sorted(cells.values(), key=lambda c: c.key)


def _expressions(rows: Any) -> list[Expression]:
    if not isinstance(rows, list):
        raise InvalidLotteryInput("expressions: expected a list")
    out: dict[str, Expression] = {}
    for i, row in enumerate(rows):
        where = f"expressions[{i}]"
        if not isinstance(row, Mapping):
            raise InvalidLotteryInput(f"{where}: expected an object")
        centre = _text(row.get("centre"), f"{where}.centre")
        clusters = row.get("clusters")
        if not isinstance(clusters, (list, tuple)):
            raise InvalidLotteryInput(f"centre {centre}: clusters must be a list")
        for c in clusters:
            _text(c, f"centre {centre}: cluster")
        if len(set(clusters)) != len(clusters):
            raise InvalidLotteryInput(f"centre {centre}: a cluster is listed twice")
        certified, staff, capacity = row.get("certified_room"), row.get("has_staff"), row.get("capacity")
        if not isinstance(certified, bool) or not isinstance(staff, bool):
            raise InvalidLotteryInput(f"centre {centre}: certified_room and has_staff must be booleans")
        if not _is_int(capacity) or capacity < 0:
            raise InvalidLotteryInput(f"centre {centre}: capacity must be an integer >= 0")
        if centre in out:
            raise InvalidLotteryInput(f"centre {centre}: more than one expression of interest")
        out[centre] = Expression(centre, tuple(clusters),
                                 _text(row.get("prefecture"), f"centre {centre}: prefecture"),
                                 _text(row.get("region"), f"centre {centre}: region"),
                                 certified, capacity, staff)
    return [out[c] for c in sorted(out)]


_INPUT_KEYS = {"period", "rules", "distribution", "expressions", "meta"}
_RULE_KEYS = {"version", "max_programmes_per_centre", "max_programmes_per_centre_per_cell"}


# -- the rule -----------------------------------------------------------------------------------
def _checked(input: Any) -> tuple[str, int | None, int | None, list[Cell], list[Expression]]:
    """The frozen input's period, caps, cells and expressions, or ``InvalidLotteryInput``."""
    if not isinstance(input, Mapping):
        raise InvalidLotteryInput("input: expected an object")
    unknown = set(input) - _INPUT_KEYS
    if unknown:
        raise InvalidLotteryInput(f"input: unknown keys {sorted(unknown)}")
    period = _text(input.get("period"), "period")
    rules = input.get("rules")
    if not isinstance(rules, Mapping) or rules.get("version") != RULES_VERSION:
        raise InvalidLotteryInput(f"rules.version must be {RULES_VERSION!r}")
    if set(rules) - _RULE_KEYS:
        raise InvalidLotteryInput(f"rules: unknown keys {sorted(set(rules) - _RULE_KEYS)}")
    cap_total = _cap(rules.get("max_programmes_per_centre"), "rules.max_programmes_per_centre")
    cap_cell = _cap(rules.get("max_programmes_per_centre_per_cell"),
                    "rules.max_programmes_per_centre_per_cell")
    return period, cap_total, cap_cell, _cells(input.get("distribution")), _expressions(input.get("expressions"))


def draw(input: Mapping[str, Any], seed: str) -> Result:
    """Draw the lottery for a frozen input (``build_input`` form). Raises
    ``InvalidLotteryInput`` for malformed input. See the module docstring for the rules."""
    period, cap_total, cap_cell, cells, expressions = _checked(input)
    numbers = rng.random_numbers([e.centre for e in expressions], seed)
    by_key = {cell.key: j for j, cell in enumerate(cells)}
    left = [cell.available for cell in cells]

    # Interests of eligible centres: (sort key, centre index, cell index, rank).
    interests: list[tuple[tuple[int, int, int], int, int, int]] = []
    for e_index, e in enumerate(expressions):
        if not e.eligible:
            continue
        for rank, cluster in enumerate(e.clusters, 1):
            for category, area in (("IIa", e.prefecture), ("IIb", e.region)):
                j = by_key.get((category, area, cluster))
                if j is not None and left[j] > 0:
                    key = (rank, numbers[e.centre], _CATEGORY_ORDER[category])
                    interests.append((key, e_index, j, rank))
    interests.sort()

    held = [0] * len(expressions)
    given: list[tuple[int, int, int, int, int]] = []  # (cell, n, centre, round, rank)
    active = interests
    round_no = 0
    while active:
        round_no += 1
        won = []
        for interest in active:
            _, c, j, rank = interest
            if left[j] == 0 or (cap_total is not None and held[c] >= cap_total) \
                    or (cap_cell is not None and round_no > cap_cell):
                continue  # can never succeed again: cells only empty, holdings only grow
            left[j] -= 1
            held[c] += 1
            given.append((j, cells[j].available - left[j], c, round_no, rank))
            won.append(interest)
        active = won  # in each round a (centre, cell) gets one programme, so its count = round

    given.sort()
    assignments = []
    for j, n, c, round_taken, rank in given:
        cell, e = cells[j], expressions[c]
        code = f"{period}-{cell.category}-{cell.cluster}-{cell.area}-{n:03d}"
        assignments.append(Assignment(code, e.centre, cell.category, cell.area, cell.cluster, n,
                                      e.capacity, round_taken, rank))
    return Result(
        assignments=assignments,
        random_numbers={e.centre: numbers[e.centre] for e in expressions},
        eligible={e.centre: e.eligible for e in expressions},
        unfilled=[(cell, left[j]) for j, cell in enumerate(cells) if left[j] > 0],
    )


def build_input(period: str, distribution: Sequence[Mapping[str, Any]],
                expressions: Sequence[Mapping[str, Any]], *,
                max_programmes_per_centre: int | None = None,
                max_programmes_per_centre_per_cell: int | None = None,
                meta: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The input to freeze before the seed is known: plain JSON values, rows in canonical
    order (so its hash does not depend on the order the data came in), rules stated in full."""
    out: dict[str, Any] = {
        "period": period,
        "rules": {"version": RULES_VERSION,
                  "max_programmes_per_centre": max_programmes_per_centre,
                  "max_programmes_per_centre_per_cell": max_programmes_per_centre_per_cell},
        "distribution": sorted(
            ({"area": r["area"], "category": r["category"], "cluster": r["cluster"],
              "programmes": r["programmes"]} for r in distribution),
            key=lambda r: (r["category"], r["area"], r["cluster"])),
        "expressions": sorted(
            ({"centre": e["centre"], "clusters": list(e["clusters"]),
              "prefecture": e["prefecture"], "region": e["region"],
              "certified_room": e["certified_room"], "capacity": e["capacity"],
              "has_staff": e["has_staff"]} for e in expressions),
            key=lambda e: e["centre"]),
    }
    if meta is not None:
        out["meta"] = dict(meta)
    return out
