"""Teacher allocation to programmes: random serial dictatorship (pure, deterministic).

Rules (``RULES_VERSION``; domain.md, "Decisions where the originals are silent")
---------------------------------------------------------------------------------
1. Every applicant ranks one or more distinct programmes (at most the call's ``max_choices``
   when the call sets one).
2. Every applicant gets a **random number** from the published seed: the applicant ids sorted
   ascending by Unicode code point, shuffled by ``rules.rng`` (a fresh stream, block 0
   onwards); the random number is the 1-based position in the shuffled list.
3. Applicants take turns in ascending random number. At their turn an applicant is seated in
   the highest-ranked programme of their list that still has a free seat, or nowhere if all
   are full. An applicant holds at most one seat.
4. The **waitlist** of a programme holds every applicant who ranked it and was seated neither
   in it nor in a programme they ranked higher, in ascending random number; positions are
   1-based. (So an applicant seated at their 3rd choice is on the waitlists of their 1st and
   2nd choices; an applicant seated nowhere is on the waitlist of every programme they ranked.)
5. A programme **is to be implemented** when its seated total (phase-A seats + seats given in
   this run) reaches the call's ``minimum_participants`` (default 10). The others did not
   reach it and are cancelled unless the central authority grants a reduced-composition
   exception (not a matter for this module).

Phase B (``existing_seats``)
----------------------------
Phase B fills the seats left after phase A. ``existing_seats`` maps a programme code to the
ids of the applicants who hold its phase-A seats. Those seats are fixed: a programme's free
seats in phase B are ``capacity - len(existing_seats[code])``. Only phase-B applicants take
part in the run; an applicant who already holds a phase-A seat cannot take part (refused as
invalid input: one seat per applicant). Phase-B applicants get random numbers from the
phase-B seed over the phase-B applicants only. Phase-B waitlists list phase-B applicants only;
they rank after the phase-A waitlist of the same programme (the enrolment service appends
them: a programme that still had free seats after phase A has an empty phase-A waitlist,
since in phase A everyone who ranked it would have been seated). ``reaches_minimum`` counts
phase-A and phase-B seats together.

Cost: one sort of the ids, one Fisher–Yates permutation, and one pass over each applicant's
list up to their seat; waitlists are appended in turn order, so they need no sorting. The
result keeps compact lists; per-applicant views are built only by ``to_dict()``.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import repeat
from operator import itemgetter
from typing import Any

from . import rng
from .canonical import canonical_text, input_hash, loads

KIND = "teacher-allocation"
RULES_VERSION = "teacher-allocation-rsd-v1"
DEFAULT_MINIMUM_PARTICIPANTS = 10

_ID = itemgetter("id")
_CHOICES = itemgetter("choices")


class InvalidAllocationInput(ValueError):
    """The input cannot be allocated (the message says which item and why)."""


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _fail(message: str) -> InvalidAllocationInput:
    return InvalidAllocationInput(message)


class AllocationResult:
    """The outcome of one run, in compact lists. Programmes are indexed in ascending code
    order; applicants by their position in the input; a **turn** ``t`` is the applicant whose
    random number is ``t + 1``. ``to_dict()`` gives the published form."""

    __slots__ = ("codes", "capacities", "existing", "ids", "choices", "order", "seat_by_turn",
                 "waitlists", "minimum_participants", "_index", "_ranked")

    def __init__(self, codes: list[str], capacities: list[int], existing: list[int],
                 ids: list[str], choices: list[Sequence[str]], ranked: list[tuple[int, ...]],
                 order: list[int], seat_by_turn: list[int], waitlists: list[list[int]],
                 minimum_participants: int, index: dict[str, int]) -> None:
        self.codes = codes                  # programme codes, ascending
        self.capacities = capacities
        self.existing = existing            # phase-A seats per programme (0 in phase A)
        self.ids = ids                      # applicant ids (input order)
        self.choices = choices              # applicant choices as given (input order)
        self.order = order                  # turn -> applicant index (ascending random number)
        self.seat_by_turn = seat_by_turn    # turn -> programme index of the seat, or -1
        self.waitlists = waitlists          # programme -> turns on its waitlist, ascending
        self.minimum_participants = minimum_participants
        self._index = index
        self._ranked = ranked               # applicant -> programme indices, in rank order

    # -- queries ------------------------------------------------------------------------
    def random_numbers(self) -> dict[str, int]:
        ids = self.ids
        return {ids[a]: t for t, a in enumerate(self.order, 1)}

    def seats(self) -> dict[str, str]:
        """Applicant id -> programme code, for the applicants seated in this run."""
        ids, codes = self.ids, self.codes
        return {ids[a]: codes[p] for a, p in zip(self.order, self.seat_by_turn) if p >= 0}

    def seated(self) -> dict[str, list[str]]:
        """Programme code -> ids seated in this run, in turn order."""
        out: list[list[str]] = [[] for _ in self.codes]
        ids = self.ids
        for a, p in zip(self.order, self.seat_by_turn):
            if p >= 0:
                out[p].append(ids[a])
        return dict(zip(self.codes, out))

    def waitlist(self, code: str) -> list[str]:
        """The programme's waitlist, position 1 first."""
        ids, order = self.ids, self.order
        return [ids[order[t]] for t in self.waitlists[self._index[code]]]

    def totals(self) -> list[int]:
        """Seated total per programme (phase-A seats + this run), in code order."""
        totals = list(self.existing)
        for p in self.seat_by_turn:
            if p >= 0:
                totals[p] += 1
        return totals

    def to_be_implemented(self) -> list[str]:
        minimum = self.minimum_participants
        return [code for code, total in zip(self.codes, self.totals()) if total >= minimum]

    # -- published form -----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        codes, ids, order = self.codes, self.ids, self.order
        seated = self.seated()
        totals = self.totals()
        minimum = self.minimum_participants
        programmes = []
        for p, code in enumerate(codes):
            programmes.append({
                "code": code,
                "capacity": self.capacities[p],
                "phase_a_seats": self.existing[p],
                "seated": seated[code],
                "seated_total": totals[p],
                "free_seats": self.capacities[p] - totals[p],
                "waitlist": [{"position": i, "applicant": ids[order[t]]}
                             for i, t in enumerate(self.waitlists[p], 1)],
                "reaches_minimum": totals[p] >= minimum,
            })
        turn = [0] * len(ids)
        for t, a in enumerate(order):
            turn[a] = t
        position = [dict(zip(w, range(1, len(w) + 1))) for w in self.waitlists]
        seat_by_turn, ranked = self.seat_by_turn, self._ranked
        applicants = []
        for a in sorted(range(len(ids)), key=ids.__getitem__):
            t = turn[a]
            p_seat = seat_by_turn[t]
            waitlisted = []
            choice = None
            for rank, p in enumerate(ranked[a], 1):
                if p == p_seat:
                    choice = rank
                    break
                waitlisted.append({"programme": codes[p], "position": position[p][t]})
            applicants.append({
                "id": ids[a],
                "random_number": t + 1,
                "status": "successful" if p_seat >= 0 else "waitlisted",
                "programme": codes[p_seat] if p_seat >= 0 else None,
                "choice": choice,
                "waitlists": waitlisted,
            })
        return {
            "algorithm": rng.ALGORITHM_VERSION,
            "rules_version": RULES_VERSION,
            "programmes": programmes,
            "applicants": applicants,
            "to_be_implemented": [c for c, t in zip(codes, totals) if t >= minimum],
        }

    def to_json(self) -> str:
        """Canonical JSON of ``to_dict()`` (what is published and what ``verify`` compares)."""
        return canonical_text(self.to_dict())


# -- validation (C-level checks first; a slow pass only to name the culprit) -------------
def _programmes(programmes: Sequence[Mapping[str, Any]]) -> tuple[list[str], list[int]]:
    rows = []
    for i, row in enumerate(programmes):
        if not isinstance(row, Mapping):
            raise _fail(f"programmes[{i}]: expected an object")
        code, capacity = row.get("code"), row.get("capacity")
        if not isinstance(code, str) or not code:
            raise _fail(f"programmes[{i}]: code must be a non-empty string")
        if not _is_int(capacity) or capacity < 0:
            raise _fail(f"programme {code}: capacity must be an integer >= 0")
        rows.append((code, capacity))
    rows.sort()
    codes = [code for code, _ in rows]
    if len(set(codes)) != len(codes):
        dup = next(a for a, b in zip(codes, codes[1:]) if a == b)
        raise _fail(f"programme {dup}: listed twice")
    return codes, [capacity for _, capacity in rows]


def _applicants(applicants: Sequence[Mapping[str, Any]], index: Mapping[str, int],
                max_choices: int | None) -> tuple[list[str], list[Sequence[str]], list[tuple[int, ...]]]:
    """Ids, choices (codes) and choices as programme indices, all in the order given.

    Every check is a C-level pass over the data in memory order; a slow pass runs only to name
    the culprit. The index tuples are what the random-order loop reads (compact, no hashing).
    """
    try:
        ids: list[str] = list(map(_ID, applicants))
        choices: list[Sequence[str]] = list(map(_CHOICES, applicants))
    except (KeyError, TypeError):
        for i, row in enumerate(applicants):
            if not isinstance(row, Mapping) or "id" not in row or "choices" not in row:
                raise _fail(f"applicants[{i}]: expected an object with id and choices") from None
        raise
    if not set(map(type, ids)) <= {str} or not all(ids):
        bad = next(i for i, x in enumerate(ids) if not isinstance(x, str) or not x)
        raise _fail(f"applicants[{bad}]: id must be a non-empty string")
    if not set(map(type, choices)) <= {list, tuple}:
        bad = next(i for i, c in enumerate(choices) if not isinstance(c, (list, tuple)))
        raise _fail(f"applicant {ids[bad]}: choices must be a list of programme codes")
    try:
        ranked = list(map(tuple, map(map, repeat(index.__getitem__), choices)))
    except (KeyError, TypeError):
        for a, row in enumerate(choices):
            for code in row:
                if not isinstance(code, str) or code not in index:
                    raise _fail(f"applicant {ids[a]}: unknown programme {code!r}") from None
        raise
    lengths = list(map(len, ranked))
    if lengths:
        if min(lengths) < 1:
            raise _fail(f"applicant {ids[lengths.index(0)]}: ranks no programme")
        if max_choices is not None and max(lengths) > max_choices:
            bad = next(i for i, n in enumerate(lengths) if n > max_choices)
            raise _fail(f"applicant {ids[bad]}: ranks {lengths[bad]} programmes, "
                        f"the call allows at most {max_choices}")
    if list(map(len, map(set, ranked))) != lengths:
        bad = next(i for i, c in enumerate(ranked) if len(set(c)) != len(c))
        raise _fail(f"applicant {ids[bad]}: ranks a programme twice")
    return ids, choices, ranked


def _existing(existing_seats: Mapping[str, Sequence[str]] | None, index: Mapping[str, int],
              capacities: list[int], ids: list[str]) -> list[int]:
    existing = [0] * len(capacities)
    if not existing_seats:
        return existing
    holders: set[str] = set()
    for code, seated in existing_seats.items():
        if code not in index:
            raise _fail(f"existing_seats: unknown programme {code!r}")
        if not isinstance(seated, (list, tuple)) or not all(isinstance(x, str) and x for x in seated):
            raise _fail(f"existing_seats[{code}]: expected a list of applicant ids")
        p = index[code]
        if len(seated) > capacities[p]:
            raise _fail(f"existing_seats[{code}]: {len(seated)} seats over capacity {capacities[p]}")
        for holder in seated:
            if holder in holders:
                raise _fail(f"existing_seats: applicant {holder} holds two seats")
            holders.add(holder)
        existing[p] = len(seated)
    clash = holders.intersection(ids)
    if clash:
        raise _fail(f"applicant {min(clash)} already holds a phase-A seat")
    return existing


# -- the rule ---------------------------------------------------------------------------
def allocate(programmes: Sequence[Mapping[str, Any]], applicants: Sequence[Mapping[str, Any]],
             seed: str, *, existing_seats: Mapping[str, Sequence[str]] | None = None,
             minimum_participants: int = DEFAULT_MINIMUM_PARTICIPANTS,
             max_choices: int | None = None) -> AllocationResult:
    """Seat ``applicants`` (``{"id", "choices"}``) in ``programmes`` (``{"code", "capacity"}``).

    Deterministic in the seed and independent of the order of both lists. Raises
    ``InvalidAllocationInput`` for malformed input. See the module docstring for the rules.
    """
    if not _is_int(minimum_participants) or minimum_participants < 0:
        raise _fail("minimum_participants must be an integer >= 0")
    if max_choices is not None and (not _is_int(max_choices) or max_choices < 1):
        raise _fail("max_choices must be an integer >= 1 or null")
    codes, capacities = _programmes(programmes)
    index = dict(zip(codes, range(len(codes))))
    ids, choices, ranked = _applicants(applicants, index, max_choices)
    existing = _existing(existing_seats, index, capacities, ids)
    try:
        order = rng.draw_order(ids, seed)  # turn -> applicant index
    except ValueError as exc:  # duplicate applicant id
        raise _fail(f"applicants: {exc}") from None

    free = [c - e for c, e in zip(capacities, existing)]
    seat_by_turn = [-1] * len(ids)
    waitlists: list[list[int]] = [[] for _ in codes]
    join = [w.append for w in waitlists]
    # The hot loop: ints, tuples and lists only; writes by turn are sequential, waitlists are
    # appended in turn order (= ascending random number), so nothing is sorted afterwards.
    for t, prefs in enumerate(map(ranked.__getitem__, order)):
        for p in prefs:
            if free[p]:
                free[p] -= 1
                seat_by_turn[t] = p
                break
            join[p](t)
    return AllocationResult(codes, capacities, existing, ids, choices, ranked, order,
                            seat_by_turn, waitlists, minimum_participants, index)


# -- frozen input, draw, verify --------------------------------------------------------------
def build_input(programmes: Sequence[Mapping[str, Any]], applicants: Sequence[Mapping[str, Any]],
                *, existing_seats: Mapping[str, Sequence[str]] | None = None,
                minimum_participants: int = DEFAULT_MINIMUM_PARTICIPANTS,
                max_choices: int | None = None,
                meta: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The input to freeze (hash and publish) before the seed is known: plain JSON values,
    lists in canonical order, so its hash does not depend on the order the data came in."""
    out: dict[str, Any] = {
        "rules": {"version": RULES_VERSION, "minimum_participants": minimum_participants,
                  "max_choices": max_choices},
        "programmes": sorted(({"code": p["code"], "capacity": p["capacity"]} for p in programmes),
                             key=itemgetter("code")),
        "applicants": sorted(({"id": a["id"], "choices": list(a["choices"])} for a in applicants),
                             key=itemgetter("id")),
        "existing_seats": {code: sorted(seated) for code, seated in (existing_seats or {}).items()},
    }
    if meta is not None:
        out["meta"] = dict(meta)
    return out


_INPUT_KEYS = {"rules", "programmes", "applicants", "existing_seats", "meta"}


def draw(input: Mapping[str, Any], seed: str) -> AllocationResult:
    """Run the allocation on a frozen input (the ``build_input`` form)."""
    if not isinstance(input, Mapping):
        raise _fail("input: expected an object")
    unknown = set(input) - _INPUT_KEYS
    if unknown:
        raise _fail(f"input: unknown keys {sorted(unknown)}")
    rules = input.get("rules")
    if not isinstance(rules, Mapping) or rules.get("version") != RULES_VERSION:
        raise _fail(f"input.rules.version must be {RULES_VERSION!r}")
    unknown = set(rules) - {"version", "minimum_participants", "max_choices"}
    if unknown:
        raise _fail(f"input.rules: unknown keys {sorted(unknown)}")
    programmes, applicants = input.get("programmes"), input.get("applicants")
    if not isinstance(programmes, list) or not isinstance(applicants, list):
        raise _fail("input: programmes and applicants must be lists")
    existing = input.get("existing_seats") or {}
    if not isinstance(existing, Mapping):
        raise _fail("input.existing_seats: expected an object")
    return allocate(programmes, applicants, seed, existing_seats=existing,
                    minimum_participants=rules.get("minimum_participants",
                                                   DEFAULT_MINIMUM_PARTICIPANTS),
                    max_choices=rules.get("max_choices"))


def record(input: Mapping[str, Any], seed: str) -> dict[str, Any]:
    """The publishable draw file (what ``python -m applications_svc.verify`` checks)."""
    return {
        "kind": KIND,
        "algorithm": rng.ALGORITHM_VERSION,
        "input": input,
        "input_sha256": input_hash(input),
        "seed": seed,
        "result": draw(input, seed).to_dict(),
    }


def verify(input_json: str | bytes | Mapping[str, Any], seed: str,
           published_result_json: str | bytes | Mapping[str, Any]) -> bool:
    """True when recomputing the allocation gives exactly the published result."""
    try:
        input = loads(input_json) if isinstance(input_json, (str, bytes)) else input_json
        published = (loads(published_result_json)
                     if isinstance(published_result_json, (str, bytes)) else published_result_json)
        return draw(input, seed).to_json() == canonical_text(published)
    except (ValueError, TypeError):
        return False
