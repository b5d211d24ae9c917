"""The outcome of one run of the teacher allocation (``rules.allocation``) and its published form."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from . import rng
from .canonical import canonical_text
from .seating import key_type

# The rules of the module docstring of ``rules.allocation``; stated in every input and result.
RULES_VERSION = "teacher-allocation-rsd-v2"


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
        grouped = np.argsort(programme.astype(key_type(none)), kind="stable")
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
