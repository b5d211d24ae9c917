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
from .allocation_result import RULES_VERSION, AllocationResult
from .seating import serial_dictatorship

KIND = "teacher-allocation"
DEFAULT_MINIMUM_PARTICIPANTS = 10

_ID = itemgetter("id")
_CHOICES = itemgetter("choices")


class InvalidAllocationInput(ValueError):
    """The input cannot be allocated (the message says which item and why)."""


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _fail(message: str) -> InvalidAllocationInput:
    return InvalidAllocationInput(message)


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


# -- frozen input, draw --------------------------------------------------------------
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
