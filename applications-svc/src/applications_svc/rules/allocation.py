"""Teacher allocation to programmes: random serial dictatorship (pure, deterministic).

Rules (``RULES_VERSION``; domain.md, "Decisions where the originals are silent")
---------------------------------------------------------------------------------
1. Every applicant ranks one or more distinct programmes (at most the call's ``max_choices``
   when the call sets one).
2. Every applicant gets a **random number** from the published seed by random keys
   (``rules.rng.key_random_numbers``): the applicant ids sorted ascending by Unicode code
   point get one 64-bit key each from a fresh stream (block 0 onwards), drawn again in the
   rare case of two equal keys; the random number is 1 + the number of smaller keys.
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

Cost: C-level passes to check the input and turn the choices into programme indices, one
SHA-256 block per four applicants and one sort of their keys, then the only Python-level
loop: each applicant's list up to their seat, in turn order. Waitlists are appended in turn
order, so they need no sorting. The result keeps compact lists; per-applicant views are
built only by ``to_dict()``.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain
from operator import itemgetter
from typing import Any

import numpy as np

from . import rng
from .canonical import canonical_text

KIND = "teacher-allocation"
RULES_VERSION = "teacher-allocation-rsd-v2"
DEFAULT_MINIMUM_PARTICIPANTS = 10
MAX_ROUNDS = 64  # of the vectorised seating before it falls back to turn by turn

_ID = itemgetter("id")
_CHOICES = itemgetter("choices")


class InvalidAllocationInput(ValueError):
    """The input cannot be allocated (the message says which item and why)."""


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _fail(message: str) -> InvalidAllocationInput:
    return InvalidAllocationInput(message)


class AllocationResult:
    """The outcome of one run, in compact arrays. Programmes are indexed in ascending code
    order; applicants by their position in the input; a **turn** ``t`` is the applicant whose
    random number is ``t + 1``. ``to_dict()`` gives the published form."""

    __slots__ = ("codes", "capacities", "existing", "ids", "choices", "minimum_participants",
                 "_index", "_order", "_by_turn", "_seat_rank", "_seat", "_waitlisted",
                 "_waitlist_starts")

    def __init__(self, codes: list[str], capacities: list[int], existing: list[int],
                 ids: list[str], choices: list[Sequence[str]], minimum_participants: int,
                 index: dict[str, int], order: np.ndarray, by_turn: np.ndarray,
                 seat_rank: np.ndarray) -> None:
        self.codes = codes                  # programme codes, ascending
        self.capacities = capacities
        self.existing = existing            # phase-A seats per programme (0 in phase A)
        self.ids = ids                      # applicant ids (input order)
        self.choices = choices              # applicant choices as given (input order)
        self.minimum_participants = minimum_participants
        self._index = index
        self._order = order                 # turn -> applicant index (ascending random number)
        self._by_turn = by_turn             # turn -> choices as programme indices (padded)
        self._seat_rank = seat_rank         # turn -> column of the seat in _by_turn, or -1
        turns = np.arange(len(ids))
        none = len(codes)
        seat = by_turn[turns, seat_rank] if len(ids) else np.empty(0, dtype=np.intp)
        self._seat = np.where(seat_rank >= 0, seat, -1)  # turn -> programme index, or -1
        # Waitlists (rule 4): every choice ranked above the seat (all, for no seat), grouped by
        # programme; nonzero() walks turns in ascending order and the sort is stable, so each
        # programme's waitlist is in ascending random number without a comparison of turns.
        width = by_turn.shape[1]
        above = np.where(seat_rank >= 0, seat_rank, width)
        mask = (np.arange(width) < above[:, None]) & (by_turn != none)
        turn_of, column = np.nonzero(mask)
        programme = by_turn[turn_of, column]
        grouped = np.argsort(programme.astype(_key_type(none)), kind="stable")
        self._waitlisted = turn_of[grouped]
        self._waitlist_starts = np.searchsorted(programme[grouped], np.arange(len(codes) + 1))

    # -- queries ------------------------------------------------------------------------
    @property
    def order(self) -> list[int]:
        """Turn -> applicant index."""
        return self._order.tolist()

    @property
    def seat_by_turn(self) -> list[int]:
        """Turn -> programme index of the seat, or -1."""
        return self._seat.tolist()

    @property
    def waitlists(self) -> list[list[int]]:
        """Programme -> turns on its waitlist, ascending."""
        turns, starts = self._waitlisted.tolist(), self._waitlist_starts.tolist()
        return [turns[a:b] for a, b in zip(starts, starts[1:])]

    def random_numbers(self) -> dict[str, int]:
        ids = self.ids
        return {ids[a]: t for t, a in enumerate(self._order.tolist(), 1)}

    def seats(self) -> dict[str, str]:
        """Applicant id -> programme code, for the applicants seated in this run."""
        ids, codes = self.ids, self.codes
        return {ids[a]: codes[p] for a, p in zip(self._order.tolist(), self._seat.tolist()) if p >= 0}

    def seated(self) -> dict[str, list[str]]:
        """Programme code -> ids seated in this run, in turn order."""
        out: list[list[str]] = [[] for _ in self.codes]
        ids = self.ids
        for a, p in zip(self._order.tolist(), self._seat.tolist()):
            if p >= 0:
                out[p].append(ids[a])
        return dict(zip(self.codes, out))

    def waitlist(self, code: str) -> list[str]:
        """The programme's waitlist, position 1 first."""
        p = self._index[code]
        turns = self._waitlisted[self._waitlist_starts[p]:self._waitlist_starts[p + 1]]
        ids = self.ids
        return [ids[a] for a in self._order[turns].tolist()]

    def totals(self) -> list[int]:
        """Seated total per programme (phase-A seats + this run), in code order."""
        seated = np.bincount(self._seat[self._seat >= 0], minlength=len(self.codes))
        return (np.asarray(self.existing, dtype=np.int64) + seated).tolist()

    def to_be_implemented(self) -> list[str]:
        minimum = self.minimum_participants
        return [code for code, total in zip(self.codes, self.totals()) if total >= minimum]

    # -- published form -----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        codes, ids = self.codes, self.ids
        order = self._order.tolist()
        seated = self.seated()
        totals = self.totals()
        minimum = self.minimum_participants
        lists = self.waitlists
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
                             for i, t in enumerate(lists[p], 1)],
                "reaches_minimum": totals[p] >= minimum,
            })
        turn = [0] * len(ids)
        for t, a in enumerate(order):
            turn[a] = t
        position = [dict(zip(w, range(1, len(w) + 1))) for w in lists]
        seat, seat_rank, by_turn = self._seat.tolist(), self._seat_rank.tolist(), self._by_turn.tolist()
        applicants = []
        for a in sorted(range(len(ids)), key=ids.__getitem__):
            t = turn[a]
            p_seat, rank = seat[t], seat_rank[t]
            above = by_turn[t][:rank] if rank >= 0 else by_turn[t][:len(self.choices[a])]
            applicants.append({
                "id": ids[a],
                "random_number": t + 1,
                "status": "successful" if p_seat >= 0 else "waitlisted",
                "programme": codes[p_seat] if p_seat >= 0 else None,
                "choice": rank + 1 if rank >= 0 else None,
                "waitlists": [{"programme": codes[p], "position": position[p][t]} for p in above],
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
                max_choices: int | None) -> tuple[list[str], list[Sequence[str]], np.ndarray]:
    """Ids and choices (codes) in the order given, and the choices as a matrix of programme
    indices: row ``a`` is applicant ``a``'s list in rank order, padded with ``len(index)``.

    Every check is a C-level pass over the data (or a numpy one over the indices); a slow
    pass runs only to name the culprit.
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
    n, none = len(ids), len(index)
    lengths = list(map(len, choices))
    if not lengths:
        return ids, choices, np.empty((0, 1), dtype=np.int32)
    shortest, longest = min(lengths), max(lengths)
    if shortest < 1:
        raise _fail(f"applicant {ids[lengths.index(0)]}: ranks no programme")
    if max_choices is not None and longest > max_choices:
        bad = next(i for i, k in enumerate(lengths) if k > max_choices)
        raise _fail(f"applicant {ids[bad]}: ranks {lengths[bad]} programmes, "
                    f"the call allows at most {max_choices}")
    total = sum(lengths)
    try:
        flat = np.fromiter(map(index.__getitem__, chain.from_iterable(choices)), np.int32, total)
    except (KeyError, TypeError):
        for a, row in enumerate(choices):
            for code in row:
                if not isinstance(code, str) or code not in index:
                    raise _fail(f"applicant {ids[a]}: unknown programme {code!r}") from None
        raise
    if shortest == longest:
        matrix = flat.reshape(n, longest)
    else:
        size = np.asarray(lengths)
        matrix = np.full((n, longest), none, dtype=np.int32)
        matrix[np.arange(longest) < size[:, None]] = flat  # row-major: each row's prefix
    # A programme ranked twice: compare every pair of rank columns.
    twice = np.zeros(n, dtype=bool)
    for j in range(longest):
        for k in range(j + 1, longest):
            twice |= (matrix[:, j] == matrix[:, k]) & (matrix[:, k] != none)
    if twice.any():
        raise _fail(f"applicant {ids[int(np.argmax(twice))]}: ranks a programme twice")
    return ids, choices, matrix


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


class PreparedInput:
    """An allocation input checked and indexed: what ``run`` needs, nothing it must look up.

    Reading and checking the input (``prepare``) is a pass over every preference; the draw
    itself (``run``) works on the matrix of programme indices. The split also lets a caller
    check an input before the seed is known.
    """

    __slots__ = ("codes", "capacities", "existing", "ids", "choices", "matrix", "canonical",
                 "minimum_participants", "index")

    def __init__(self, codes: list[str], capacities: list[int], existing: list[int],
                 ids: list[str], choices: list[Sequence[str]], matrix: np.ndarray,
                 canonical: np.ndarray | None, minimum_participants: int,
                 index: dict[str, int]) -> None:
        self.codes = codes                  # programme codes, ascending
        self.capacities = capacities
        self.existing = existing            # phase-A seats per programme (0 in phase A)
        self.ids = ids                      # applicant ids, in the order given
        self.choices = choices              # their choices as given
        self.matrix = matrix                # row a: applicant a's choices as programme indices
        self.canonical = canonical          # applicant indices by ascending id; None: as given
        self.minimum_participants = minimum_participants
        self.index = index                  # programme code -> index


def prepare(programmes: Sequence[Mapping[str, Any]], applicants: Sequence[Mapping[str, Any]],
            *, existing_seats: Mapping[str, Sequence[str]] | None = None,
            minimum_participants: int = DEFAULT_MINIMUM_PARTICIPANTS,
            max_choices: int | None = None) -> PreparedInput:
    """Check ``programmes`` (``{"code", "capacity"}``) and ``applicants`` (``{"id",
    "choices"}``) and index them; raises ``InvalidAllocationInput`` naming the culprit."""
    if not _is_int(minimum_participants) or minimum_participants < 0:
        raise _fail("minimum_participants must be an integer >= 0")
    if max_choices is not None and (not _is_int(max_choices) or max_choices < 1):
        raise _fail("max_choices must be an integer >= 1 or null")
    codes, capacities = _programmes(programmes)
    index = dict(zip(codes, range(len(codes))))
    ids, choices, matrix = _applicants(applicants, index, max_choices)
    existing = _existing(existing_seats, index, capacities, ids)
    try:
        canonical = rng.canonical_order(ids)
    except ValueError as exc:  # duplicate applicant id
        raise _fail(f"applicants: {exc}") from None
    return PreparedInput(codes, capacities, existing, ids, choices, matrix,
                         None if canonical is None else np.asarray(canonical, dtype=np.intp),
                         minimum_participants, index)


def run(prepared: PreparedInput, seed: str) -> AllocationResult:
    """The draw on a prepared input: random numbers from ``seed``, then rules 3 and 4."""
    order = rng.key_permutation(len(prepared.ids), seed)  # turn -> canonical position
    if prepared.canonical is not None:
        order = prepared.canonical[order]                  # turn -> applicant index
    by_turn = prepared.matrix[order]
    free = np.asarray([c - e for c, e in zip(prepared.capacities, prepared.existing)] + [0],
                      dtype=np.int64)
    seat_rank = serial_dictatorship(by_turn, free)
    return AllocationResult(prepared.codes, prepared.capacities, prepared.existing, prepared.ids,
                            prepared.choices, prepared.minimum_participants, prepared.index,
                            order, by_turn, seat_rank)


def _key_type(largest: int) -> type:
    """The narrowest integer type for programme indices: numpy sorts 16-bit keys by radix."""
    return np.int16 if largest < 1 << 15 else np.int32


def serial_dictatorship(by_turn: np.ndarray, free: np.ndarray) -> np.ndarray:
    """Rule 3 for all turns at once: the column of each turn's seat in ``by_turn`` (its rank
    in the applicant's list, 0-based), or -1 for no seat.

    ``by_turn[t]`` is the list of the applicant whose turn is ``t`` (programme indices in rank
    order, padded with ``len(free) - 1``); ``free[p]`` is programme ``p``'s free seats, with
    ``free[-1] == 0`` for the padding.

    Taking turns one by one is a loop in Python; this computes the same seats as a fixed
    point, in a few vectorised passes. Let ``closes[p]`` be the last turn at which ``p`` still
    has a free seat (the turn of the applicant who takes its last seat; ``n`` if it never
    fills). Given ``closes``, every turn's seat is its first choice ``p`` with
    ``t <= closes[p]``; given the seats, ``closes[p]`` is the ``free[p]``-th seated turn. Start
    from "never fills" and alternate. By induction over the rounds, each round's ``closes`` is
    at least the true one and at most the previous round's (turns can only move down their
    lists, and only the turns whose seat closed before them move), so the rounds stop, and a
    fixed point is the turn-by-turn result: with ``closes`` consistent with the seats,
    ``t <= closes[p]`` says exactly that fewer than ``free[p]`` earlier turns took ``p``.
    Tested against the turn-by-turn loop (``tests/test_allocation.py``).
    """
    n, width = by_turn.shape
    if n == 0:
        return np.empty(0, dtype=np.intp)
    none = len(free) - 1
    turns = np.arange(n)
    closes = np.where(free > 0, n, -1)  # -1: no seat at any turn (the padding, full programmes)

    def first_open(rows: np.ndarray) -> np.ndarray:
        open_ = closes[by_turn[rows]] >= rows[:, None]
        column = open_.argmax(axis=1)
        return np.where(open_[np.arange(len(rows)), column], column, -1)

    seat_rank = first_open(turns)
    seat = np.where(seat_rank >= 0, by_turn[turns, seat_rank], none)
    key_type = _key_type(none)
    limit = free[:-1]
    for _ in range(MAX_ROUNDS):
        grouped = np.argsort(seat.astype(key_type), kind="stable")  # turns ascending per programme
        starts = np.searchsorted(seat[grouped], np.arange(none))
        seated = np.bincount(seat, minlength=none + 1)[:-1]
        fills = (seated >= limit) & (limit > 0)
        new = closes.copy()
        new[:-1][fills] = grouped[starts[fills] + limit[fills] - 1]
        if np.array_equal(new, closes):
            return seat_rank
        closes = new
        moved = np.flatnonzero((seat != none) & (closes[seat] < turns))
        rank = first_open(moved)
        seat_rank[moved] = rank
        seat[moved] = np.where(rank >= 0, by_turn[moved, rank], none)
    # Each round settles at least one more programme's closing turn, so long chains of
    # displacements (not seen in realistic data: 9 rounds at national scale) could take many
    # rounds; past MAX_ROUNDS the plain loop is cheaper, and gives the same seats.
    return _turn_by_turn(by_turn, free)


def _turn_by_turn(by_turn: np.ndarray, free: np.ndarray) -> np.ndarray:
    """Rule 3 one turn at a time (the fallback of ``serial_dictatorship``)."""
    left = free.tolist()
    ranks = [-1] * len(by_turn)
    for t, row in enumerate(by_turn.tolist()):
        for rank, p in enumerate(row):
            if left[p]:
                left[p] -= 1
                ranks[t] = rank
                break
    return np.asarray(ranks, dtype=np.intp)


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


def prepare_input(input: Mapping[str, Any]) -> PreparedInput:
    """Check and index a frozen input (the ``build_input`` form)."""
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
    return prepare(programmes, applicants, existing_seats=existing,
                   minimum_participants=rules.get("minimum_participants",
                                                  DEFAULT_MINIMUM_PARTICIPANTS),
                   max_choices=rules.get("max_choices"))


def draw(input: Mapping[str, Any], seed: str) -> AllocationResult:
    """Run the allocation on a frozen input (the ``build_input`` form)."""
    return run(prepare_input(input), seed)
