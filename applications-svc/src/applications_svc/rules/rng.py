"""Reproducible random numbers for public draws: SHA-256 in counter mode.

Anyone holding the published seed can recompute every number this module gives, in any
language, from the following description alone (Python's ``hashlib`` is the only dependency).

Seed
    The seed is text taken from a public source after the draw's input has been frozen
    (e.g. the digits of a published state lottery draw, ``"07 12 19 28 33 41"``). It is
    normalised by removing leading and trailing white space (``str.strip()``) and applying
    Unicode normalisation form NFC, then encoded as UTF-8: these are ``seed_bytes``.
    An empty seed is refused.

Blocks
    ``block_i = SHA-256(seed_bytes || tag || I)`` for ``i = 0, 1, 2, ...``, where ``tag`` is the
    24 ASCII bytes ``epimorfosi-sha256-ctr-v1`` (``ALGORITHM_VERSION``) and ``I`` is ``i`` as an
    8-byte unsigned big-endian integer. Nothing separates the three parts (the tag and counter
    have fixed lengths, so the concatenation is unambiguous). Each block is 32 bytes.

Stream and words
    The stream is ``block_0 || block_1 || ...``. It is read as consecutive 32-bit words:
    ``word_j`` is the unsigned big-endian integer of stream bytes ``4j .. 4j+3`` (so block ``i``
    holds words ``8i .. 8i+7``). Every draw consumes whole words, in order, never reusing one.

``getrandbits(k)``
    ``k = 0`` gives 0 and consumes nothing. Otherwise take the next ``w = ceil(k / 32)`` words,
    concatenate them big-endian into a ``32w``-bit integer and keep its ``k`` most significant
    bits (shift right by ``32w - k``).

``randbelow(n)`` (``n >= 1``), rejection sampling, no modulo bias
    Let ``k`` be the smallest integer with ``2**k >= n`` (``k = (n - 1).bit_length()``). If
    ``k = 0`` (``n = 1``) the answer is 0 and nothing is consumed. Otherwise repeat
    ``x = getrandbits(k)`` until ``x < n``; the answer is ``x``.

``shuffle(items)``, Fisher–Yates (Durstenfeld)
    For ``i = len(items) - 1`` down to ``1``: ``j = randbelow(i + 1)``; swap ``items[i]`` and
    ``items[j]``.

``random_numbers(ids)``
    Sort the (distinct) ids ascending: strings by Unicode code point (the same as comparing
    their UTF-8 bytes), integers numerically. Shuffle the sorted list with a stream started
    at block 0. The random number of an id is 1 + its index in the shuffled list: the numbers
    are 1..N, all distinct, and a smaller number means an earlier turn.

``key_random_numbers(ids)``, random keys (the teacher allocation)
    Sort the (distinct) ids ascending as above. With a stream started at block 0, give the
    ids in that order one key each: ``key = getrandbits(64)`` (id ``i`` gets stream bytes
    ``8i .. 8i+7`` as an unsigned big-endian integer). If two keys are equal, draw a new key
    for every id, in the same order, from where the stream stopped, and repeat until all keys
    differ (rejection: given distinct keys every order is equally likely, so no bias; with
    100,000 ids a repeat happens about once in 3.7 billion draws). The random number of an
    id is 1 + the number of keys smaller than its key. Same properties as ``random_numbers``
    (1..N, distinct, uniform), but computable in bulk (one sort) rather than one swap at a
    time, which is what the national-scale allocation needs.

Every public draw (programme lottery, teacher allocation) uses one fresh stream from its own
seed, starting at block 0.
"""
from __future__ import annotations

import hashlib
import struct
import unicodedata
from collections.abc import Hashable, Iterable, MutableSequence, Sequence
from itertools import islice, repeat
from operator import add, lt, methodcaller
from typing import TypeVar

import numpy as np

ALGORITHM_VERSION = "epimorfosi-sha256-ctr-v1"
TAG = ALGORITHM_VERSION.encode("ascii")
WORD_BITS = 32
_WORDS_PER_BLOCK = 8
_MAX_CHUNK_BLOCKS = 4096
_COUNTER = struct.Struct(">Q").pack
_DIGEST = methodcaller("digest")

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def normalise_seed(seed: str) -> str:
    """The seed as it enters the generator: stripped, NFC. Refuses an empty seed or a non-string."""
    if not isinstance(seed, str):
        raise TypeError("the seed must be a string")
    normal = unicodedata.normalize("NFC", seed.strip())
    if not normal:
        raise ValueError("the seed is empty")
    return normal


def seed_bytes(seed: str) -> bytes:
    """The UTF-8 bytes of the normalised seed (the first part of every block's input)."""
    return normalise_seed(seed).encode("utf-8")


def block(seed: str, index: int) -> bytes:
    """``block_index`` of the stream: SHA-256(seed_bytes || tag || index as 8-byte big-endian)."""
    if not 0 <= index < 1 << 64:
        raise ValueError("block index out of range")
    return hashlib.sha256(seed_bytes(seed) + TAG + _COUNTER(index)).digest()


class Stream:
    """The generator of one draw. Methods consume words from the stream in order."""

    __slots__ = ("_prefix", "_counter", "_words", "_pos", "_chunk")

    def __init__(self, seed: str) -> None:
        self._prefix = seed_bytes(seed) + TAG  # every block's input up to the counter
        self._counter = 0  # index of the next block to compute
        self._words: list[int] = []  # computed words; self._pos is the next unconsumed one
        self._pos = 0
        self._chunk = 16  # blocks computed per refill; grows for long draws

    # -- raw words -------------------------------------------------------------------------
    def _refill(self) -> None:
        """Compute the next chunk of blocks and append their words (precomputing changes nothing:
        the consumption position alone is the generator's state)."""
        counter, chunk = self._counter, self._chunk
        # SHA-256(seed_bytes || tag || counter) for each counter of the chunk, in C-level maps.
        inputs = map(add, repeat(self._prefix), map(_COUNTER, range(counter, counter + chunk)))
        data = b"".join(map(_DIGEST, map(hashlib.sha256, inputs)))
        self._counter = counter + chunk
        self._chunk = min(chunk * 2, _MAX_CHUNK_BLOCKS)
        fresh = struct.unpack(f">{_WORDS_PER_BLOCK * chunk}I", data)
        if self._pos >= len(self._words):
            self._words = list(fresh)
        else:
            self._words = self._words[self._pos:] + list(fresh)
        self._pos = 0

    def next_word(self) -> int:
        """The next 32-bit word of the stream."""
        if self._pos >= len(self._words):
            self._refill()
        word = self._words[self._pos]
        self._pos += 1
        return word

    @property
    def words_consumed(self) -> int:
        return self._counter * _WORDS_PER_BLOCK - (len(self._words) - self._pos)

    def take_bytes(self, count: int) -> bytes:
        """The next ``count`` bytes of the stream (``count`` a multiple of 4: whole words),
        exactly what ``count // 4`` calls of ``next_word`` would give, computed in bulk."""
        if count % 4:
            raise ValueError("count must be a multiple of 4")
        words = count // 4
        have = len(self._words) - self._pos
        head = self._words[self._pos:self._pos + min(have, words)]
        self._pos += len(head)
        missing = words - len(head)
        if not missing:
            return struct.pack(f">{words}I", *head)
        blocks = -(-missing // _WORDS_PER_BLOCK)
        counter = self._counter
        inputs = map(add, repeat(self._prefix), map(_COUNTER, range(counter, counter + blocks)))
        data = b"".join(map(_DIGEST, map(hashlib.sha256, inputs)))
        self._counter = counter + blocks
        # Words of the last block not taken now stay for the next draw.
        rest = data[4 * missing:]
        self._words = list(struct.unpack(f">{len(rest) // 4}I", rest))
        self._pos = 0
        return struct.pack(f">{len(head)}I", *head) + data[:4 * missing]

    # -- integers --------------------------------------------------------------------------
    def getrandbits(self, k: int) -> int:
        """An unsigned integer of ``k`` bits (uniform over 0 .. 2**k - 1)."""
        if k < 0:
            raise ValueError("k must be >= 0")
        if k == 0:
            return 0
        count = -(-k // WORD_BITS)
        value = 0
        for _ in range(count):
            value = (value << WORD_BITS) | self.next_word()
        return value >> (count * WORD_BITS - k)

    def randbelow(self, n: int) -> int:
        """Uniform integer in 0 .. n-1 by rejection sampling (no modulo bias)."""
        if n < 1:
            raise ValueError("n must be >= 1")
        k = (n - 1).bit_length()
        if k == 0:
            return 0
        while True:
            x = self.getrandbits(k)
            if x < n:
                return x

    # -- permutations ----------------------------------------------------------------------
    def permutation(self, n: int) -> list[int]:
        """Fisher–Yates shuffle of ``[0, 1, ..., n-1]``.

        Exactly the same draws and swaps as ``shuffle(list(range(n)))`` done with
        ``randbelow``; this is the inlined fast path (one shift and one compare per word).
        """
        a = list(range(n))
        i = n - 1
        while i >= 1 << WORD_BITS:  # beyond one word per draw (never at our scale): plain path
            j = self.randbelow(i + 1)
            a[i], a[j] = a[j], a[i]
            i -= 1
        while i >= 1:
            k = i.bit_length()  # randbelow(i + 1) draws k bits for every i in [2**(k-1), 2**k - 1]
            low = 1 << (k - 1)
            shift = WORD_BITS - k
            words, pos = self._words, self._pos
            try:
                for i in range(i, low - 1, -1):
                    x = words[pos] >> shift
                    pos += 1
                    while x > i:  # rejected (x >= i + 1): draw again
                        x = words[pos] >> shift
                        pos += 1
                    a[i], a[x] = a[x], a[i]
            except IndexError:
                # Out of computed words while drawing for element i (not yet swapped). The
                # rejection loop keeps no memory, so drawing for i again from the next
                # unconsumed word after a refill continues exactly the same sequence.
                self._pos = pos
                self._refill()
                continue
            self._pos = pos
            i = low - 1
        return a

    def shuffle(self, items: MutableSequence[T]) -> None:
        """Fisher–Yates shuffle in place (see the module docstring)."""
        items[:] = [items[j] for j in self.permutation(len(items))]


def shuffle(items: Iterable[T], seed: str) -> list[T]:
    """A new list: ``items`` shuffled by a fresh stream from ``seed``."""
    out = list(items)
    Stream(seed).shuffle(out)
    return out


def _refuse_duplicates(ids: Sequence[K]) -> None:
    if len(set(ids)) != len(ids):
        seen: set[K] = set()
        for ident in ids:
            if ident in seen:
                raise ValueError(f"duplicate id: {ident!r}")
            seen.add(ident)


def sorted_ids(ids: Iterable[K]) -> list[K]:
    """The ids in canonical order (ascending); refuses duplicates and mixed types."""
    out = sorted(ids)  # type: ignore[type-var]
    _refuse_duplicates(out)
    return out


def canonical_order(ids: Sequence[K]) -> list[int] | None:
    """Indices of ``ids`` in ascending id order (the canonical order of every draw), or None
    when ``ids`` already are in it, as in frozen inputs. Refuses duplicates."""
    if all(map(lt, ids, islice(ids, 1, None))):  # strictly ascending: sorted and distinct
        return None
    _refuse_duplicates(ids)
    return sorted(range(len(ids)), key=ids.__getitem__)


def key_permutation(n: int, seed: str) -> np.ndarray:
    """Canonical positions ``0 .. n-1`` in ``key_random_numbers`` order: element ``t`` is the
    position of the id whose random number is ``t + 1``."""
    stream = Stream(seed)
    while True:
        keys = np.frombuffer(stream.take_bytes(8 * n), dtype=">u8")
        order = np.argsort(keys, kind="stable")
        ranked = keys[order]
        if not np.any(ranked[1:] == ranked[:-1]):
            return order
        # Two equal keys: draw all keys again from where the stream stopped (rejection).


def key_order(ids: Sequence[K], seed: str) -> np.ndarray:
    """Indices into ``ids`` in ``key_random_numbers`` order (random number 1 first), without
    building the mapping. Refuses duplicate ids."""
    canonical = canonical_order(ids)
    order = key_permutation(len(ids), seed)
    if canonical is None:
        return order
    return np.asarray(canonical, dtype=np.intp)[order]


def key_random_numbers(ids: Iterable[K], seed: str) -> dict[K, int]:
    """Each id's random number by random keys (1..N, distinct); smaller means an earlier turn."""
    ids = list(ids)
    return {ids[i]: number for number, i in enumerate(key_order(ids, seed).tolist(), 1)}


def random_numbers(ids: Iterable[K], seed: str) -> dict[K, int]:
    """Each id's random number (1..N, distinct); smaller means an earlier turn."""
    shuffled = shuffle(sorted_ids(ids), seed)
    return {ident: number for number, ident in enumerate(shuffled, 1)}
