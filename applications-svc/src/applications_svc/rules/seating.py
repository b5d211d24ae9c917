"""Rule 3 of the teacher allocation (``rules.allocation``): applicants take turns in ascending
random number, each seated in the highest-ranked programme of their list that still has a free
seat. Pure and deterministic (numpy)."""
from __future__ import annotations

import numpy as np

MAX_ROUNDS = 64  # of the vectorised seating before it falls back to turn by turn


def key_type(largest: int) -> type:
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
    index_type = key_type(none)
    limit = free[:-1]
    for _ in range(MAX_ROUNDS):
        grouped = np.argsort(seat.astype(index_type), kind="stable")  # turns ascending per programme
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
