"""The programme lottery (centres <- programmes): hand-checked cases, properties, verification."""
import copy
import json
import random
import subprocess
import sys
from collections import Counter, defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from applications_svc import verify as verify_cli
from applications_svc.rules import lottery, rng
from applications_svc.rules.canonical import canonical_text, input_hash
from applications_svc_helpers import draw_record

SEED = "19 23 31 40 44"  # gives K2 -> 1, K4 -> 2, K1 -> 3, K3 -> 4


def centre(code, prefecture, region, clusters, capacity=15, *, room=True, staff=True):
    return {"centre": code, "prefecture": prefecture, "region": region, "clusters": clusters,
            "certified_room": room, "capacity": capacity, "has_staff": staff}


def hand_input(**rules):
    distribution = [
        {"area": "N1", "category": "IIa", "cluster": "B2.3", "programmes": 3},
        {"area": "R1", "category": "IIb", "cluster": "B2.4", "programmes": 2},
        {"area": "N2", "category": "IIa", "cluster": "B2.3", "programmes": 1},
        {"area": "R2", "category": "IIb", "cluster": "B2.3", "programmes": 1},
    ]
    expressions = [
        centre("K1", "N1", "R1", ["B2.3", "B2.4"], 15),
        centre("K2", "N1", "R1", ["B2.4", "B2.3"], 20),
        centre("K3", "N2", "R1", ["B2.4", "B2.3"], 18),
        centre("K4", "N1", "R1", ["B2.3", "B2.4"], 25, staff=False),  # no staff: ineligible
    ]
    return lottery.build_input("7B2", distribution, expressions, **rules)


def summary(result):
    return [(a.programme, a.centre, a.round, a.rank, a.capacity) for a in result.assignments]


def test_random_numbers_of_the_hand_example():
    assert rng.random_numbers(["K1", "K2", "K3", "K4"], SEED) == {"K2": 1, "K4": 2, "K1": 3, "K3": 4}


def test_hand_checked_no_caps():
    # Interests of eligible centres in (rank, random number, category) order:
    #   (1,1,IIb) K2->R1/B2.4  (1,3,IIa) K1->N1/B2.3  (1,4,IIb) K3->R1/B2.4
    #   (2,1,IIa) K2->N1/B2.3  (2,3,IIb) K1->R1/B2.4  (2,4,IIa) K3->N2/B2.3
    # Round 1: K2 R1#1, K1 N1#1, K3 R1#2 (R1 empty), K2 N1#2, K1 finds R1 empty, K3 N2#1.
    # Round 2: K1 N1#3 (N1 empty). Round 3 gives nothing. R2/B2.3: nobody in R2.
    result = lottery.draw(hand_input(), SEED)
    assert summary(result) == [
        ("7B2-IIa-B2.3-N1-001", "K1", 1, 1, 15),
        ("7B2-IIa-B2.3-N1-002", "K2", 1, 2, 20),
        ("7B2-IIa-B2.3-N1-003", "K1", 2, 1, 15),
        ("7B2-IIa-B2.3-N2-001", "K3", 1, 2, 18),
        ("7B2-IIb-B2.4-R1-001", "K2", 1, 1, 20),
        ("7B2-IIb-B2.4-R1-002", "K3", 1, 1, 18),
    ]
    published = result.to_dict()
    assert published["centres"] == [
        {"centre": "K1", "random_number": 3, "eligible": True, "programmes": 2},
        {"centre": "K2", "random_number": 1, "eligible": True, "programmes": 2},
        {"centre": "K3", "random_number": 4, "eligible": True, "programmes": 2},
        {"centre": "K4", "random_number": 2, "eligible": False, "programmes": 0},
    ]
    assert published["unfilled"] == [
        {"category": "IIb", "area": "R2", "cluster": "B2.3", "available": 1, "assigned": 0,
         "unfilled": 1}]
    assert published["assignments"][0] == {
        "programme": "7B2-IIa-B2.3-N1-001", "centre": "K1", "category": "IIa", "area": "N1",
        "cluster": "B2.3", "capacity": 15, "round": 1, "rank": 1}


def test_hand_checked_cap_per_centre():
    # With at most 1 programme per centre, each spends it on its first visit in round 1:
    # K2 R1#1, K1 N1#1, K3 R1#2; K2 and K3 are then capped; N1 keeps 2, N2 keeps 1.
    result = lottery.draw(hand_input(max_programmes_per_centre=1), SEED)
    assert [(a.programme, a.centre) for a in result.assignments] == [
        ("7B2-IIa-B2.3-N1-001", "K1"),
        ("7B2-IIb-B2.4-R1-001", "K2"),
        ("7B2-IIb-B2.4-R1-002", "K3"),
    ]
    left = {(c.category, c.area, c.cluster): n for c, n in result.unfilled}
    assert left == {("IIa", "N1", "B2.3"): 2, ("IIa", "N2", "B2.3"): 1, ("IIb", "R2", "B2.3"): 1}


def test_hand_checked_cap_per_cell():
    # One programme per centre per cell: the second round (K1 N1#3) does not happen.
    result = lottery.draw(hand_input(max_programmes_per_centre_per_cell=1), SEED)
    assert [(a.programme, a.centre) for a in result.assignments] == [
        ("7B2-IIa-B2.3-N1-001", "K1"),
        ("7B2-IIa-B2.3-N1-002", "K2"),
        ("7B2-IIa-B2.3-N2-001", "K3"),
        ("7B2-IIb-B2.4-R1-001", "K2"),
        ("7B2-IIb-B2.4-R1-002", "K3"),
    ]
    left = {(c.category, c.area, c.cluster): n for c, n in result.unfilled}
    assert left == {("IIa", "N1", "B2.3"): 1, ("IIb", "R2", "B2.3"): 1}


def test_no_room_or_zero_capacity_is_ineligible():
    inp = hand_input()
    for e in inp["expressions"]:
        if e["centre"] == "K1":
            e["capacity"] = 0
        if e["centre"] == "K2":
            e["certified_room"] = False
    result = lottery.draw(inp, SEED)
    assert {a.centre for a in result.assignments} == {"K3"}
    assert result.eligible == {"K1": False, "K2": False, "K3": True, "K4": False}


@pytest.mark.parametrize("mutate, message", [
    (lambda i: i["distribution"].append(dict(i["distribution"][0])), "listed twice"),
    (lambda i: i["distribution"][0].update(category="III"), "category"),
    (lambda i: i["distribution"][0].update(programmes=-1), "programmes"),
    (lambda i: i["distribution"][0].update(programmes=1.0), "programmes"),
    (lambda i: i["expressions"].append(dict(i["expressions"][0])), "more than one"),
    (lambda i: i["expressions"][0].update(clusters=["B2.3", "B2.3"]), "twice"),
    (lambda i: i["expressions"][0].update(has_staff="yes"), "booleans"),
    (lambda i: i["expressions"][0].update(prefecture=""), "prefecture"),
    (lambda i: i["rules"].update(version="other"), "rules.version"),
    (lambda i: i["rules"].update(max_programmes_per_centre=-1), "max_programmes_per_centre"),
    (lambda i: i.update(extra=1), "unknown keys"),
    (lambda i: i.update(period=""), "period"),
])
def test_invalid_input_is_refused(mutate, message):
    inp = hand_input()
    mutate(inp)
    with pytest.raises(lottery.InvalidLotteryInput, match=message):
        lottery.draw(inp, SEED)


# -- properties ---------------------------------------------------------------------------------
PREFECTURES = {"N1": "R1", "N2": "R1", "N3": "R2", "N4": "R2"}
CLUSTERS = ["C1", "C2", "C3", "C4"]


@st.composite
def lottery_inputs(draw):
    cells = [("IIa", p, c) for p in PREFECTURES for c in CLUSTERS] + \
            [("IIb", r, c) for r in sorted(set(PREFECTURES.values())) for c in CLUSTERS]
    chosen = draw(st.lists(st.sampled_from(cells), unique=True, min_size=1, max_size=10))
    distribution = [{"category": cat, "area": area, "cluster": cl,
                     "programmes": draw(st.integers(0, 4))} for cat, area, cl in chosen]
    count = draw(st.integers(1, 8))
    expressions = []
    for i in range(count):
        prefecture = draw(st.sampled_from(sorted(PREFECTURES)))
        expressions.append(centre(
            f"K{i:02d}", prefecture, PREFECTURES[prefecture],
            draw(st.permutations(CLUSTERS).flatmap(
                lambda p: st.integers(1, len(p)).map(lambda n: list(p[:n])))),
            draw(st.integers(0, 25)), room=draw(st.booleans() | st.just(True)),
            staff=draw(st.booleans() | st.just(True))))
    caps = dict(
        max_programmes_per_centre=draw(st.none() | st.integers(0, 3)),
        max_programmes_per_centre_per_cell=draw(st.none() | st.integers(0, 2)))
    seed = draw(st.text(min_size=1, max_size=8).filter(lambda s: s.strip()))
    return lottery.build_input("P7", distribution, expressions, **caps), seed


def reference_draw(inp, seed):
    """Naive restatement of the rules: every round rescans every interest from scratch."""
    numbers = rng.random_numbers([e["centre"] for e in inp["expressions"]], seed)
    cap_total = inp["rules"]["max_programmes_per_centre"]
    cap_cell = inp["rules"]["max_programmes_per_centre_per_cell"]
    left = {(r["category"], r["area"], r["cluster"]): r["programmes"] for r in inp["distribution"]}
    held, held_cell = Counter(), Counter()
    given_to = defaultdict(list)
    while True:
        candidates = []
        for e in inp["expressions"]:
            if not (e["certified_room"] and e["capacity"] > 0 and e["has_staff"]):
                continue
            for rank, cluster in enumerate(e["clusters"], 1):
                for order, (category, area) in enumerate((("IIa", e["prefecture"]),
                                                          ("IIb", e["region"]))):
                    if (category, area, cluster) in left:
                        candidates.append(((rank, numbers[e["centre"]], order), e["centre"],
                                           (category, area, cluster)))
        candidates.sort()
        progress = False
        for _, c, cell in candidates:
            if left[cell] and (cap_total is None or held[c] < cap_total) \
                    and (cap_cell is None or held_cell[c, cell] < cap_cell):
                left[cell] -= 1
                held[c] += 1
                held_cell[c, cell] += 1
                given_to[cell].append(c)
                progress = True
        if not progress:
            return dict(given_to)


def interested(e, cell):
    category, area, cluster = cell
    home = e["prefecture"] if category == "IIa" else e["region"]
    return cluster in e["clusters"] and area == home


def eligible(e):
    return e["certified_room"] and e["capacity"] > 0 and e["has_staff"]


@settings(max_examples=150, deadline=None)
@given(lottery_inputs())
def test_lottery_properties(case):
    inp, seed = case
    result = lottery.draw(inp, seed)
    expressions = {e["centre"]: e for e in inp["expressions"]}
    available = {(r["category"], r["area"], r["cluster"]): r["programmes"] for r in inp["distribution"]}
    rules = inp["rules"]

    per_cell = defaultdict(list)
    for a in result.assignments:
        per_cell[a.category, a.area, a.cluster].append(a.centre)
        e = expressions[a.centre]
        # only a cell the centre applied for, in its own area, and only eligible centres
        assert interested(e, (a.category, a.area, a.cluster))
        assert eligible(e)
        assert a.capacity == e["capacity"]
        assert a.rank == e["clusters"].index(a.cluster) + 1
    # same as the naive restatement, programme by programme
    assert dict(per_cell) == reference_draw(inp, seed)
    # codes: unique, numbered 1..k per cell, in canonical order
    codes = [a.programme for a in result.assignments]
    assert len(set(codes)) == len(codes)
    for cell, centres in per_cell.items():
        assert len(centres) <= available[cell]
        numbers = [a.number for a in result.assignments if (a.category, a.area, a.cluster) == cell]
        assert numbers == list(range(1, len(centres) + 1))
    assert [(a.category, a.area, a.cluster, a.number) for a in result.assignments] == \
        sorted((a.category, a.area, a.cluster, a.number) for a in result.assignments)
    # unfilled accounting
    left = {(c.category, c.area, c.cluster): n for c, n in result.unfilled}
    for cell, n in available.items():
        assert left.get(cell, 0) == n - len(per_cell.get(cell, []))

    totals = Counter(a.centre for a in result.assignments)
    cap_total, cap_cell = rules["max_programmes_per_centre"], rules["max_programmes_per_centre_per_cell"]
    for c in expressions:
        if cap_total is not None:
            assert totals[c] <= cap_total
    for cell in available:
        counts = Counter(per_cell.get(cell, []))
        candidates = [c for c, e in expressions.items() if eligible(e) and interested(e, cell)]
        for c in candidates:
            at_total_cap = cap_total is not None and totals[c] >= cap_total
            if cap_cell is not None:
                assert counts[c] <= cap_cell
            # round-robin fairness: nobody got k+1 while this one got fewer than k (unless capped)
            if not at_total_cap:
                assert max(counts.values(), default=0) <= counts[c] + 1
            # nothing left unfilled while an interested eligible centre could still take one
            if left.get(cell, 0):
                assert at_total_cap or (cap_cell is not None and counts[c] >= cap_cell)
    # every centre has a distinct random number 1..N; ineligible ones hold nothing
    assert sorted(result.random_numbers.values()) == list(range(1, len(expressions) + 1))
    for c, e in expressions.items():
        if not eligible(e):
            assert totals[c] == 0


@settings(max_examples=60, deadline=None)
@given(lottery_inputs(), st.randoms(use_true_random=False))
def test_lottery_independent_of_input_order(case, rnd):
    inp, seed = case
    shuffled = copy.deepcopy(inp)
    rnd.shuffle(shuffled["distribution"])
    rnd.shuffle(shuffled["expressions"])
    shuffled["expressions"] = [dict(reversed(list(e.items()))) for e in shuffled["expressions"]]
    assert lottery.draw(shuffled, seed).to_json() == lottery.draw(inp, seed).to_json()
    assert lottery.draw(inp, seed).to_json() == lottery.draw(inp, seed).to_json()


@settings(max_examples=60, deadline=None)
@given(lottery_inputs(), st.data())
def test_changing_one_input_changes_the_hash(case, data):
    inp, _ = case
    changed = copy.deepcopy(inp)
    what = data.draw(st.sampled_from(["programmes", "capacity", "clusters", "staff", "cap"]))
    if what == "programmes":
        changed["distribution"][0]["programmes"] += 1
    elif what == "capacity":
        changed["expressions"][0]["capacity"] += 1
    elif what == "clusters":
        changed["expressions"][0]["clusters"] = changed["expressions"][0]["clusters"][::-1] + ["X"]
    elif what == "staff":
        changed["expressions"][0]["has_staff"] = not changed["expressions"][0]["has_staff"]
    else:
        changed["rules"]["max_programmes_per_centre"] = (inp["rules"]["max_programmes_per_centre"] or 0) + 1
    assert input_hash(changed) != input_hash(inp)


def big_input(seed=7):
    rnd = random.Random(seed)
    distribution = [{"area": p, "category": "IIa", "cluster": c, "programmes": rnd.randint(1, 4)}
                    for p in PREFECTURES for c in CLUSTERS]
    expressions = [centre(f"K{i:03d}", p, PREFECTURES[p], rnd.sample(CLUSTERS, 4), 20)
                   for i, p in enumerate(rnd.choices(sorted(PREFECTURES), k=60))]
    return lottery.build_input("P7", distribution, expressions, max_programmes_per_centre=2)


def test_different_seeds_differ_and_build_input_is_order_free():
    inp = big_input()
    results = {lottery.draw(inp, f"seed {i}").to_json() for i in range(5)}
    assert len(results) == 5
    rows = inp["expressions"][::-1]
    again = lottery.build_input("P7", inp["distribution"][::-1], rows, max_programmes_per_centre=2)
    assert input_hash(again) == input_hash(inp)


# -- verification ---------------------------------------------------------------------------------
def test_verify_round_trip_and_tampering():
    inp = big_input()
    record = json.loads(json.dumps(draw_record(lottery, inp, SEED)))  # as read from the file
    assert verify_cli.check(record) == []
    assert verify_cli.check({**record, "seed": f" {SEED}\n"}) == []  # the seed is normalised
    assert result_differs(verify_cli.check({**record, "seed": "another seed"}))
    tampered = copy.deepcopy(record["result"])
    first, second = tampered["assignments"][0], tampered["assignments"][1]
    first["centre"], second["centre"] = second["centre"], first["centre"]
    if first["centre"] == second["centre"]:
        first["centre"] = "K999"
    assert result_differs(verify_cli.check({**record, "result": tampered}))
    changed = copy.deepcopy(inp)
    changed["distribution"][0]["programmes"] += 1
    assert verify_cli.check({**record, "input": changed})[0].startswith("input_sha256:")
    assert result_differs(verify_cli.check({**record, "input": changed, "input_sha256": input_hash(changed)}))
    refused = verify_cli.check({**record, "input": "not json", "input_sha256": input_hash("not json")})
    assert len(refused) == 1 and "δεν γίνονται δεκτά" in refused[0]


def result_differs(problems):
    return problems != [] and all(p.startswith("result") for p in problems)


def test_verify_cli(tmp_path, capsys):
    record = draw_record(lottery, hand_input(), SEED)
    path = tmp_path / "draw.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert verify_cli.main([str(path)]) == 0
    assert "ΕΠΑΛΗΘΕΥΣΗ: ΕΠΙΤΥΧΗΣ" in capsys.readouterr().out

    record["result"]["assignments"][0]["centre"] = "K4"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert verify_cli.main([str(path)]) == 1
    out = capsys.readouterr().out
    assert "ΕΠΑΛΗΘΕΥΣΗ: ΑΠΟΤΥΧΙΑ" in out and "result.assignments[0].centre" in out

    record = draw_record(lottery, hand_input(), SEED)
    record["input"]["distribution"][0]["programmes"] = 9
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert verify_cli.main([str(path)]) == 1
    assert "input_sha256" in capsys.readouterr().out


def test_verify_cli_as_a_module(tmp_path):
    record = draw_record(lottery, hand_input(), SEED)
    assert record["input_sha256"] == input_hash(record["input"])
    assert canonical_text(record["result"]) == lottery.draw(hand_input(), SEED).to_json()
    path = tmp_path / "draw.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "applications_svc.verify", str(path)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ΕΠΑΛΗΘΕΥΣΗ: ΕΠΙΤΥΧΗΣ" in done.stdout
    path.write_text("{", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "applications_svc.verify", str(path)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 1
