"""The draw generator: known answers, an independent reimplementation, uniformity."""
import hashlib
import struct
import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from applications_svc.rules import rng
from applications_svc.rules.canonical import canonical_json, input_hash, loads

SEED = "07 12 19 28 33 41"

# Known answers, computed once with this implementation and frozen here. They are also
# recomputed below by an independent implementation written from the module docstring.
KAT_BLOCK_0 = "b39820cec9d5076cfa47812688a9e6a7839cb9507bafc27dfdfac503d6cbc3ed"
KAT_BLOCK_1 = "0b219314c7e1d5fcf6257f18ae29d08b74be7b8b29197478ef4d1e3eef013703"
KAT_WORDS = [3013091534, 3386181484, 4198990118, 2292836007, 2208086352, 2075116157,
             4261070083, 3603678189, 186749716, 3353466364]
KAT_RANDBELOW_10 = [8, 8, 7, 0, 7, 2, 1, 6, 1, 3, 0, 2, 5, 9, 8, 0, 5, 1, 9, 4]
KAT_GETRANDBITS = {1: 1, 7: 100, 32: 4198990118, 33: 4585672015, 64: 8912556033977271555,
                   100: 1063618068436707254490554523599}
KAT_SHUFFLE_10 = [1, 2, 4, 5, 7, 0, 6, 3, 9, 8]
KAT_RANDOM_NUMBERS = {"KSE-001": 1, "KSE-002": 2, "KSE-010": 3, "KSE-003": 4}
KAT_KEY_RANDOM_NUMBERS = {"KSE-003": 1, "KSE-001": 2, "KSE-002": 3, "KSE-010": 4}


class Reference:
    """A second implementation, from the docstring only: bytes -> bits, one word per draw."""

    def __init__(self, seed: str) -> None:
        self.seed = unicodedata.normalize("NFC", seed.strip()).encode("utf-8")
        self.buffer = b""
        self.counter = 0

    def word(self) -> int:
        if not self.buffer:
            data = self.seed + b"epimorfosi-sha256-ctr-v1" + self.counter.to_bytes(8, "big")
            self.buffer = hashlib.sha256(data).digest()
            self.counter += 1
        head, self.buffer = self.buffer[:4], self.buffer[4:]
        return int.from_bytes(head, "big")

    def bits(self, k: int) -> int:
        if k == 0:
            return 0
        words = (k + 31) // 32
        value = 0
        for _ in range(words):
            value = value * 2**32 + self.word()
        return value // 2 ** (32 * words - k)

    def below(self, n: int) -> int:
        k = 0
        while 2**k < n:
            k += 1
        while True:
            x = self.bits(k)
            if x < n:
                return x

    def shuffle(self, items: list) -> list:
        items = list(items)
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]
        return items

    def key_numbers(self, ids) -> dict:
        ids = sorted(ids)
        while True:
            keys = [self.bits(64) for _ in ids]
            if len(set(keys)) == len(keys):
                break
        return {ident: 1 + sum(k < key for k in keys) for ident, key in zip(ids, keys)}


def test_known_blocks_and_layout():
    assert rng.block(SEED, 0).hex() == KAT_BLOCK_0
    assert rng.block(SEED, 1).hex() == KAT_BLOCK_1
    layout = SEED.encode() + b"epimorfosi-sha256-ctr-v1" + struct.pack(">Q", 1)
    assert hashlib.sha256(layout).hexdigest() == KAT_BLOCK_1
    assert rng.ALGORITHM_VERSION == "epimorfosi-sha256-ctr-v1"
    assert rng.TAG == b"epimorfosi-sha256-ctr-v1"


def test_known_words():
    stream = rng.Stream(SEED)
    assert [stream.next_word() for _ in range(10)] == KAT_WORDS
    ref = Reference(SEED)
    assert [ref.word() for _ in range(10)] == KAT_WORDS
    assert KAT_WORDS[0] == int(KAT_BLOCK_0[:8], 16)


def test_known_randbelow_getrandbits_shuffle_random_numbers():
    stream = rng.Stream(SEED)
    assert [stream.randbelow(10) for _ in range(20)] == KAT_RANDBELOW_10
    ref = Reference(SEED)
    assert [ref.below(10) for _ in range(20)] == KAT_RANDBELOW_10

    stream, ref = rng.Stream(SEED), Reference(SEED)
    for k, expected in KAT_GETRANDBITS.items():
        assert stream.getrandbits(k) == expected
        assert ref.bits(k) == expected

    assert rng.shuffle(range(10), SEED) == KAT_SHUFFLE_10
    assert Reference(SEED).shuffle(list(range(10))) == KAT_SHUFFLE_10
    assert rng.random_numbers(["KSE-003", "KSE-001", "KSE-002", "KSE-010"], SEED) == KAT_RANDOM_NUMBERS
    shuffled = Reference(SEED).shuffle(sorted(KAT_RANDOM_NUMBERS))
    assert {c: i for i, c in enumerate(shuffled, 1)} == KAT_RANDOM_NUMBERS


def test_seed_normalisation():
    nfd = unicodedata.normalize("NFD", "Κλήρωση 2024")
    assert nfd != "Κλήρωση 2024"
    assert rng.seed_bytes(f"  {nfd}\n") == "Κλήρωση 2024".encode("utf-8")
    assert rng.shuffle(range(10), f" {SEED}\n") == KAT_SHUFFLE_10
    with pytest.raises(ValueError):
        rng.Stream("   ")
    with pytest.raises(TypeError):
        rng.Stream(1234)  # type: ignore[arg-type]


def test_randbelow_one_consumes_nothing_and_bounds():
    stream = rng.Stream(SEED)
    assert stream.randbelow(1) == 0
    assert stream.getrandbits(0) == 0
    assert stream.words_consumed == 0
    assert stream.next_word() == KAT_WORDS[0]
    with pytest.raises(ValueError):
        stream.randbelow(0)


def test_rejection_sampling_rejects_instead_of_reducing():
    # randbelow(3) draws 2 bits (the top 2 bits of a word) and redraws on 3.
    stream, words = rng.Stream(SEED), rng.Stream(SEED)
    for _ in range(200):
        value = stream.randbelow(3)
        while True:
            top = words.next_word() >> 30
            if top < 3:
                break
        assert value == top
    assert stream.words_consumed == words.words_consumed


def test_randbelow_3_is_uniform_chi_square():
    stream = rng.Stream("uniformity")
    counts = Counter(stream.randbelow(3) for _ in range(30_000))
    chi2 = sum((counts[v] - 10_000) ** 2 / 10_000 for v in range(3))
    assert set(counts) == {0, 1, 2}
    assert chi2 < 25  # 2 degrees of freedom: P(chi2 > 25) is about 4e-6


def test_shuffle_of_three_is_uniform_chi_square():
    stream = rng.Stream("permutations")
    counts = Counter()
    for _ in range(12_000):
        items = [0, 1, 2]
        stream.shuffle(items)
        counts[tuple(items)] += 1
    assert len(counts) == 6
    chi2 = sum((c - 2_000) ** 2 / 2_000 for c in counts.values())
    assert chi2 < 35  # 5 degrees of freedom: P(chi2 > 35) is about 1.5e-6


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=12).filter(lambda s: s.strip()), st.integers(0, 300))
def test_fast_permutation_matches_textbook_fisher_yates(seed, n):
    stream = rng.Stream(seed)
    assert stream.permutation(n) == Reference(seed).shuffle(list(range(n)))
    # and it leaves the stream where the textbook version would
    textbook = rng.Stream(seed)
    items = list(range(n))
    for i in range(n - 1, 0, -1):
        j = textbook.randbelow(i + 1)
        items[i], items[j] = items[j], items[i]
    assert stream.words_consumed == textbook.words_consumed
    assert stream.next_word() == textbook.next_word()


def test_long_permutation_crosses_refills():
    n = 5_000
    assert rng.Stream(SEED).permutation(n) == Reference(SEED).shuffle(list(range(n)))


@pytest.mark.parametrize("numbers", [rng.random_numbers, rng.key_random_numbers])
def test_random_numbers_are_distinct_ranks_and_order_independent(numbers):
    ids = [f"T{i:03d}" for i in range(50)]
    given = numbers(ids, SEED)
    assert sorted(given.values()) == list(range(1, 51))
    assert numbers(reversed(ids), SEED) == given
    assert numbers(ids, SEED + "!") != given
    with pytest.raises(ValueError):
        numbers(["a", "b", "a"], SEED)
    with pytest.raises(ValueError):
        numbers(["b", "a", "a"], SEED)


def test_known_key_random_numbers():
    ids = ["KSE-003", "KSE-001", "KSE-002", "KSE-010"]
    assert rng.key_random_numbers(ids, SEED) == KAT_KEY_RANDOM_NUMBERS
    assert Reference(SEED).key_numbers(ids) == KAT_KEY_RANDOM_NUMBERS


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=12).filter(lambda s: s.strip()),
       st.lists(st.text(min_size=1, max_size=4), unique=True, max_size=300))
def test_key_order_matches_the_description(seed, ids):
    expected = Reference(seed).key_numbers(ids)
    assert rng.key_random_numbers(ids, seed) == expected
    order = rng.key_order(ids, seed).tolist()
    assert [ids[a] for a in order] == sorted(expected, key=expected.get)


def test_key_order_of_sorted_and_unsorted_input_agree():
    ids = [f"T{i:05d}" for i in range(20_000)]  # sorted: the frozen-input fast path
    shuffled = rng.shuffle(ids, "any order")
    in_sorted = [ids[a] for a in rng.key_order(ids, SEED).tolist()]
    in_shuffled = [shuffled[a] for a in rng.key_order(shuffled, SEED).tolist()]
    assert in_sorted == in_shuffled


class _TiedFirst(rng.Stream):
    """A stream whose first draw of keys has a tie (impossible to find by search at 64 bits)."""

    calls = 0

    def take_bytes(self, count: int) -> bytes:
        _TiedFirst.calls += 1
        data = super().take_bytes(count)
        return data[:8] * 2 + data[16:] if _TiedFirst.calls == 1 else data


def test_tied_keys_are_drawn_again_not_broken_by_position(monkeypatch):
    monkeypatch.setattr(rng, "Stream", _TiedFirst)
    order = rng.key_permutation(5, SEED)
    assert _TiedFirst.calls == 2  # the tied draw was rejected as a whole
    monkeypatch.undo()
    again = rng.Stream(SEED)
    again.take_bytes(40)  # the rejected draw
    keys = [again.getrandbits(64) for _ in range(5)]
    assert order.tolist() == sorted(range(5), key=keys.__getitem__)


@given(st.lists(st.integers(0, 40), max_size=12))
def test_take_bytes_is_the_word_stream(counts):
    bulk, words = rng.Stream(SEED), rng.Stream(SEED)
    for n in counts:
        if n % 3 == 0:
            assert bulk.next_word() == words.next_word()
        data = bulk.take_bytes(4 * n)
        assert data == b"".join(words.next_word().to_bytes(4, "big") for _ in range(n))
    assert bulk.words_consumed == words.words_consumed
    assert bulk.next_word() == words.next_word()


def test_key_random_numbers_of_three_are_uniform_chi_square():
    counts = Counter(tuple(sorted("abc", key=rng.key_random_numbers("abc", f"u{i}").get))
                     for i in range(12_000))
    assert len(counts) == 6
    chi2 = sum((c - 2_000) ** 2 / 2_000 for c in counts.values())
    assert chi2 < 35  # 5 degrees of freedom: P(chi2 > 35) is about 1.5e-6


def test_canonical_json():
    assert canonical_json({"b": [1, True, None], "a": "Ά\n"}) == '{"a":"Ά\\n","b":[1,true,null]}'.encode()
    with pytest.raises(ValueError):
        canonical_json({"a": 1.5})
    with pytest.raises(ValueError):
        canonical_json({1: "x"})
    with pytest.raises(ValueError):
        canonical_json(2**53)
    # deep inside long lists (the fast scan) the culprit is still found and named
    with pytest.raises(ValueError, match=r"\$\.rows\[2\]\[3\]: integer outside"):
        canonical_json({"rows": [["a", 1], ["b"], ["c", 2, None, -(2**53)]]})
    with pytest.raises(ValueError, match=r"\$\.rows\[1\]\.x: floats"):
        canonical_json({"rows": [{"x": 1}, {"x": 0.5}]})
    assert canonical_json(("a", {"k": [True]})) == b'["a",{"k":[true]}]'  # tuples pass the slow path
    assert input_hash({"a": 1, "b": 2}) == input_hash({"b": 2, "a": 1})
    assert input_hash({"a": 1}) == hashlib.sha256(b'{"a":1}').hexdigest()
    with pytest.raises(ValueError):
        loads('{"a": 1.0}')
    with pytest.raises(ValueError):
        loads('{"a": 1, "a": 2}')
    with pytest.raises(ValueError):
        loads('{"a": NaN}')
