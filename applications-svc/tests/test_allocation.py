"""Teacher allocation (random serial dictatorship): hand-checked cases, properties, verification."""
import copy
import hashlib
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from applications_svc import verify as verify_cli
from applications_svc.rules import allocation, rng, seating
from applications_svc.rules.canonical import input_hash
from applications_svc_helpers import allocate, draw_record

SEED_A = "ΚΛΗΡΩΣΗ 2024 #169"  # gives E -> 1, C -> 2, D -> 3, B -> 4, A -> 5
SEED_B = "Β ΦΑΣΗ 2024 #1"     # over A, F, G, H gives A -> 1, G -> 2, H -> 3, F -> 4


def programmes(**capacities):
    return [{"code": code, "capacity": capacity} for code, capacity in capacities.items()]


def applicant(ident, *choices):
    return {"id": ident, "choices": list(choices)}


PHASE_A = [applicant("A", "P1", "P2"), applicant("B", "P1", "P3"), applicant("C", "P1"),
           applicant("D", "P2", "P1"), applicant("E", "P2", "P3")]


def by_code(published):
    return {p["code"]: p for p in published["programmes"]}


def by_id(published):
    return {a["id"]: a for a in published["applicants"]}


def test_random_numbers_of_the_hand_examples():
    assert rng.key_random_numbers("ABCDE", SEED_A) == {"E": 1, "C": 2, "D": 3, "B": 4, "A": 5}
    assert rng.key_random_numbers("AFGH", SEED_B) == {"A": 1, "G": 2, "H": 3, "F": 4}


def test_hand_checked_phase_a():
    # Turns E, C, D, B, A; P1 has 2 seats, P2 and P3 one each.
    # E: P2 free -> seated in P2.           C: P1 free -> seated in P1.
    # D: P2 full -> waitlist P2 [D]; P1 free -> seated in P1 (P1 now full).
    # B: P1 full -> waitlist P1 [B]; P3 free -> seated in P3.
    # A: P1 full -> waitlist P1 [B, A]; P2 full -> waitlist P2 [D, A]; A holds no seat.
    result = allocate(programmes(P1=2, P2=1, P3=1), PHASE_A, SEED_A,
                                 minimum_participants=2)
    published = result.to_dict()
    p = by_code(published)
    assert p["P1"]["seated"] == ["C", "D"]
    assert p["P1"]["waitlist"] == [{"position": 1, "applicant": "B"}, {"position": 2, "applicant": "A"}]
    assert p["P2"]["seated"] == ["E"]
    assert p["P2"]["waitlist"] == [{"position": 1, "applicant": "D"}, {"position": 2, "applicant": "A"}]
    assert p["P3"]["seated"] == ["B"] and p["P3"]["waitlist"] == []
    assert [p[c]["free_seats"] for c in ("P1", "P2", "P3")] == [0, 0, 0]
    assert [p[c]["reaches_minimum"] for c in ("P1", "P2", "P3")] == [True, False, False]
    assert published["to_be_implemented"] == ["P1"]
    a = by_id(published)
    assert a["A"] == {"id": "A", "random_number": 5, "status": "waitlisted", "programme": None,
                      "choice": None, "waitlists": [{"programme": "P1", "position": 2},
                                                    {"programme": "P2", "position": 2}]}
    assert a["D"] == {"id": "D", "random_number": 3, "status": "successful", "programme": "P1",
                      "choice": 2, "waitlists": [{"programme": "P2", "position": 1}]}
    assert a["E"]["programme"] == "P2" and a["E"]["waitlists"] == []
    assert result.random_numbers() == {"E": 1, "C": 2, "D": 3, "B": 4, "A": 5}
    assert result.seats() == {"E": "P2", "C": "P1", "D": "P1", "B": "P3"}
    assert result.waitlist("P2") == ["D", "A"]
    assert result.to_be_implemented() == ["P1"]


def test_hand_checked_phase_b():
    # Phase-A seats are fixed: P1 2/2, P2 1/1, P3 1/2 -> one free seat, in P3.
    # Turns A, G, H, F (phase-B seed over phase-B applicants only).
    # A: P2 full -> waitlist P2 [A]; P3 free -> seated in P3 (P3 now full).
    # G: P1 full -> waitlist P1 [G].        H: P3 full -> waitlist P3 [H].
    # F: P3 full -> waitlist P3 [H, F]; P1 full -> waitlist P1 [G, F].
    existing = {"P1": ["C", "D"], "P2": ["E"], "P3": ["B"]}
    applicants = [applicant("A", "P2", "P3"), applicant("F", "P3", "P1"), applicant("G", "P1"),
                  applicant("H", "P3")]
    result = allocate(programmes(P1=2, P2=1, P3=2), applicants, SEED_B,
                                 existing_seats=existing, minimum_participants=2)
    published = result.to_dict()
    p = by_code(published)
    assert [p[c]["phase_a_seats"] for c in ("P1", "P2", "P3")] == [2, 1, 1]
    assert [p[c]["seated"] for c in ("P1", "P2", "P3")] == [[], [], ["A"]]
    assert [p[c]["seated_total"] for c in ("P1", "P2", "P3")] == [2, 1, 2]
    assert [[w["applicant"] for w in p[c]["waitlist"]] for c in ("P1", "P2", "P3")] == \
        [["G", "F"], ["A"], ["H", "F"]]
    assert published["to_be_implemented"] == ["P1", "P3"]
    assert by_id(published)["A"]["waitlists"] == [{"programme": "P2", "position": 1}]


def test_phase_b_refuses_a_phase_a_seat_holder_and_bad_existing_seats():
    base = programmes(P1=2, P2=1, P3=2)
    existing = {"P1": ["C", "D"], "P2": ["E"], "P3": ["B"]}
    with pytest.raises(allocation.InvalidAllocationInput, match="already holds"):
        allocate(base, [applicant("B", "P3")], SEED_B, existing_seats=existing)
    with pytest.raises(allocation.InvalidAllocationInput, match="over capacity"):
        allocate(base, [], SEED_B, existing_seats={"P2": ["E", "F"]})
    with pytest.raises(allocation.InvalidAllocationInput, match="unknown programme"):
        allocate(base, [], SEED_B, existing_seats={"P9": ["E"]})
    with pytest.raises(allocation.InvalidAllocationInput, match="two seats"):
        allocate(base, [], SEED_B, existing_seats={"P1": ["E"], "P3": ["E"]})


@pytest.mark.parametrize("apps, progs, kwargs, message", [
    ([applicant("A", "P1", "P1")], None, {}, "twice"),
    ([applicant("A", "P9")], None, {}, "unknown programme"),
    ([applicant("A")], None, {}, "ranks no programme"),
    ([applicant("A", "P1", "P2", "P3")], None, {"max_choices": 2}, "at most 2"),
    ([applicant("A", "P1"), applicant("A", "P2")], None, {}, "duplicate id"),
    ([{"id": 7, "choices": ["P1"]}], None, {}, "id must be"),
    ([{"id": "A", "choices": "P1"}], None, {}, "choices must be"),
    ([{"id": "A"}], None, {}, "id and choices"),
    ([], [{"code": "P1", "capacity": -1}], {}, "capacity"),
    ([], [{"code": "P1", "capacity": 2.0}], {}, "capacity"),
    ([], [{"code": "P1", "capacity": 1}, {"code": "P1", "capacity": 2}], {}, "listed twice"),
    ([], None, {"minimum_participants": -1}, "minimum_participants"),
    ([], None, {"max_choices": 0}, "max_choices"),
])
def test_invalid_input_is_refused(apps, progs, kwargs, message):
    with pytest.raises(allocation.InvalidAllocationInput, match=message):
        allocate(progs or programmes(P1=1, P2=1, P3=1), apps, SEED_A, **kwargs)


def test_empty_allocation():
    published = allocate(programmes(P1=3), [], SEED_A).to_dict()
    assert published["applicants"] == [] and published["to_be_implemented"] == []
    assert by_code(published)["P1"]["free_seats"] == 3


# -- properties ---------------------------------------------------------------------------------
IDS = [f"T{i:02d}" for i in range(30)] + ["Άλφα", "alpha", "Ω1", "z"]


@st.composite
def allocation_cases(draw, phase_b=False):
    m = draw(st.integers(1, 6))
    codes = [f"P{i}" for i in range(m)]
    progs = [{"code": c, "capacity": draw(st.integers(0, 3))} for c in codes]
    ids = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=25))
    apps = []
    for ident in ids:
        order = draw(st.permutations(codes))
        apps.append({"id": ident, "choices": list(order[:draw(st.integers(1, min(m, 4)))])})
    existing = {}
    if phase_b:
        holder = 0
        for p in progs:
            taken = draw(st.integers(0, p["capacity"]))
            existing[p["code"]] = [f"X{holder + k}" for k in range(taken)]
            holder += taken
    seed = draw(st.text(min_size=1, max_size=8).filter(lambda s: s.strip()))
    return progs, apps, existing, seed


def key_numbers(ids, seed):
    """Random numbers by random keys, restated from the rng docstring (hashlib only)."""
    prefix = rng.seed_bytes(seed) + b"epimorfosi-sha256-ctr-v1"
    stream, counter = b"", 0
    ids = sorted(ids)
    while True:
        while len(stream) < 8 * len(ids):
            stream += hashlib.sha256(prefix + counter.to_bytes(8, "big")).digest()
            counter += 1
        keys = [int.from_bytes(stream[8 * i:8 * i + 8], "big") for i in range(len(ids))]
        stream = stream[8 * len(ids):]
        if len(set(keys)) == len(keys):
            return {i: 1 + sum(k < key for k in keys) for i, key in zip(ids, keys)}


def reference(progs, apps, existing, seed):
    """Naive restatement: sort by random number, seat, then derive every waitlist by its definition."""
    numbers = key_numbers([a["id"] for a in apps], seed)
    choices = {a["id"]: a["choices"] for a in apps}
    free = {p["code"]: p["capacity"] - len(existing.get(p["code"], [])) for p in progs}
    seat = {}
    for ident in sorted(numbers, key=numbers.get):
        for code in choices[ident]:
            if free[code] > 0:
                free[code] -= 1
                seat[ident] = code
                break
    waitlists = {}
    for p in progs:
        code = p["code"]
        waitlists[code] = [i for i in sorted(numbers, key=numbers.get) if code in choices[i]
                           and (i not in seat or choices[i].index(seat[i]) > choices[i].index(code))]
    return seat, waitlists


def check_properties(progs, apps, existing, seed, minimum=2):
    result = allocate(progs, apps, seed, existing_seats=existing,
                                 minimum_participants=minimum)
    published = result.to_dict()
    p, a = by_code(published), by_id(published)
    choices = {x["id"]: x["choices"] for x in apps}
    numbers = {i: a[i]["random_number"] for i in a}
    assert sorted(numbers.values()) == list(range(1, len(apps) + 1))

    seat, waitlists = reference(progs, apps, existing, seed)
    holders = [i for prog in published["programmes"] for i in prog["seated"]]
    assert len(holders) == len(set(holders))                      # nobody holds two seats
    assert {i: prog["code"] for prog in published["programmes"] for i in prog["seated"]} == seat
    for prog in progs:
        q = p[prog["code"]]
        assert q["phase_a_seats"] == len(existing.get(prog["code"], []))
        assert q["seated_total"] == q["phase_a_seats"] + len(q["seated"]) <= prog["capacity"]
        assert q["free_seats"] == prog["capacity"] - q["seated_total"] >= 0
        assert q["reaches_minimum"] == (q["seated_total"] >= minimum)
        wl = [w["applicant"] for w in q["waitlist"]]
        assert wl == waitlists[prog["code"]]                       # same as the definition
        assert [w["position"] for w in q["waitlist"]] == list(range(1, len(wl) + 1))
        ranks = [numbers[i] for i in wl]
        assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)   # strictly ordered
        for i in wl:                                               # no one seated here or higher
            assert a[i]["programme"] != prog["code"]
            if a[i]["programme"] is not None:
                assert choices[i].index(a[i]["programme"]) > choices[i].index(prog["code"])
        for i in q["seated"]:                                      # seated in turn order
            assert q["seated"].index(i) == sorted(q["seated"], key=numbers.get).index(i)
    for i, res in a.items():
        if res["programme"] is None:
            assert res["status"] == "waitlisted" and res["choice"] is None
            # not seated anywhere: on the waitlist of every programme ranked, all of them full
            assert [w["programme"] for w in res["waitlists"]] == choices[i]
            assert all(p[c]["free_seats"] == 0 for c in choices[i])
        else:
            assert res["status"] == "successful"
            assert choices[i][res["choice"] - 1] == res["programme"]
            assert [w["programme"] for w in res["waitlists"]] == choices[i][:res["choice"] - 1]
            assert all(p[c]["free_seats"] == 0 for c in choices[i][:res["choice"] - 1])
        for w in res["waitlists"]:
            assert p[w["programme"]]["waitlist"][w["position"] - 1]["applicant"] == i
    assert published["to_be_implemented"] == [c for c in sorted(p) if p[c]["reaches_minimum"]]
    return result


@settings(max_examples=200, deadline=None)
@given(allocation_cases())
def test_allocation_properties_phase_a(case):
    check_properties(*case)


@settings(max_examples=150, deadline=None)
@given(allocation_cases(phase_b=True))
def test_allocation_properties_phase_b(case):
    check_properties(*case)


@settings(max_examples=80, deadline=None)
@given(allocation_cases(phase_b=True), st.randoms(use_true_random=False))
def test_allocation_independent_of_input_order(case, rnd):
    progs, apps, existing, seed = case
    expected = allocate(progs, apps, seed, existing_seats=existing).to_json()
    progs2, apps2 = copy.deepcopy(progs), copy.deepcopy(apps)
    rnd.shuffle(progs2)
    rnd.shuffle(apps2)
    existing2 = {code: existing[code][::-1] for code in reversed(list(existing))}
    assert allocate(progs2, apps2, seed, existing_seats=existing2).to_json() == expected
    assert allocate(progs, apps, seed, existing_seats=existing).to_json() == expected
    # the frozen input gives the same result, whatever order it was built from
    frozen = allocation.build_input(progs2, apps2, existing_seats=existing2)
    assert frozen == allocation.build_input(progs, apps, existing_seats=existing)
    assert allocation.draw(frozen, seed).to_json() == expected


@settings(max_examples=60, deadline=None)
@given(allocation_cases(), st.data())
def test_changing_one_input_changes_the_hash(case, data):
    progs, apps, _, _ = case
    frozen = allocation.build_input(progs, apps)
    changed = copy.deepcopy(frozen)
    what = data.draw(st.sampled_from(["capacity", "choices", "applicant", "minimum"]))
    if what == "capacity":
        changed["programmes"][0]["capacity"] += 1
    elif what == "choices" and changed["applicants"]:
        changed["applicants"][0]["choices"].append("P-new")
    elif what == "applicant":
        changed["applicants"].append({"id": "NEW", "choices": ["P0"]})
    else:
        changed["rules"]["minimum_participants"] += 1
    assert input_hash(changed) != input_hash(frozen)


def national_sample(n=400, m=30, seed=3):
    rnd = random.Random(seed)
    progs = [{"code": f"P{i:03d}", "capacity": rnd.randint(3, 8)} for i in range(m)]
    apps = [{"id": f"{100000 + i}", "choices": rnd.sample([p["code"] for p in progs], 5)}
            for i in range(n)]
    return progs, apps


def test_same_seed_same_result_different_seed_differs():
    progs, apps = national_sample()
    first = allocate(progs, apps, "seed-1").to_json()
    assert allocate(progs, apps, "seed-1").to_json() == first
    assert allocate(progs, apps, " seed-1 ").to_json() == first  # normalised seed
    others = {allocate(progs, apps, f"seed-{i}").to_json() for i in range(2, 6)}
    assert first not in others and len(others) == 4
    check_properties(progs, apps, {}, "seed-1", minimum=10)


def test_max_choices_and_draw_rules_are_frozen_in_the_input():
    progs, apps = national_sample(50, 10)
    frozen = allocation.build_input(progs, apps, max_choices=5, minimum_participants=4,
                                    meta={"call": "7B2", "phase": "A"})
    assert frozen["rules"] == {"version": allocation.RULES_VERSION, "minimum_participants": 4,
                               "max_choices": 5}
    direct = allocate(progs, apps, "s", minimum_participants=4, max_choices=5)
    assert allocation.draw(frozen, "s").to_json() == direct.to_json()
    frozen["rules"]["max_choices"] = 4
    with pytest.raises(allocation.InvalidAllocationInput, match="at most 4"):
        allocation.draw(frozen, "s")
    frozen["rules"]["version"] = "v0"
    with pytest.raises(allocation.InvalidAllocationInput, match="version"):
        allocation.draw(frozen, "s")


# -- verification ---------------------------------------------------------------------------------
def test_verify_round_trip_and_tampering():
    progs, apps = national_sample()
    frozen = allocation.build_input(progs, apps, existing_seats={})
    record = json.loads(json.dumps(draw_record(allocation, frozen, SEED_A)))  # as read from the file
    assert verify_cli.check(record) == []
    assert result_differs(verify_cli.check({**record, "seed": SEED_B}))
    tampered = copy.deepcopy(record["result"])
    waitlisted = next(x for x in tampered["programmes"] if len(x["waitlist"]) >= 2)
    first, second = waitlisted["waitlist"][0], waitlisted["waitlist"][1]
    first["applicant"], second["applicant"] = second["applicant"], first["applicant"]
    assert result_differs(verify_cli.check({**record, "result": tampered}))
    changed = copy.deepcopy(frozen)
    changed["programmes"][0]["capacity"] += 1
    assert verify_cli.check({**record, "input": changed})[0].startswith("input_sha256:")
    assert result_differs(verify_cli.check({**record, "input": changed, "input_sha256": input_hash(changed)}))


def result_differs(problems):
    return problems != [] and all(p.startswith("result") for p in problems)


def test_verify_cli_for_an_allocation(tmp_path, capsys):
    progs, apps = national_sample(60, 8)
    record = draw_record(allocation, allocation.build_input(progs, apps), SEED_A)
    path = tmp_path / "allocation.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert verify_cli.main([str(path)]) == 0
    assert "ΕΠΑΛΗΘΕΥΣΗ: ΕΠΙΤΥΧΗΣ" in capsys.readouterr().out

    record["result"]["applicants"][0]["random_number"] += 1
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert verify_cli.main([str(path)]) == 1
    assert "result.applicants[0].random_number" in capsys.readouterr().out

    record = draw_record(allocation, allocation.build_input(progs, apps), SEED_A)
    record["algorithm"] = "something-else"
    path.write_text(json.dumps(record), encoding="utf-8")
    assert verify_cli.main([str(path)]) == 1
    assert "άγνωστος αλγόριθμος" in capsys.readouterr().out

    record = draw_record(allocation, allocation.build_input(progs, apps), SEED_A)
    record["kind"] = "raffle"
    path.write_text(json.dumps(record), encoding="utf-8")
    assert verify_cli.main([str(path)]) == 1
    assert "άγνωστο είδος" in capsys.readouterr().out


def turn_by_turn(by_turn, free):
    """Rule 3 as stated: one turn at a time (what ``serial_dictatorship`` computes at once)."""
    free = list(free)
    ranks = []
    for row in by_turn:
        for rank, p in enumerate(row):
            if free[p] > 0:
                free[p] -= 1
                ranks.append(rank)
                break
        else:
            ranks.append(-1)
    return ranks


@pytest.mark.parametrize("rounds", [seating.MAX_ROUNDS, 1])  # 1: the fallback finishes the job
@pytest.mark.parametrize("case", range(12))
def test_seats_at_once_equal_turn_by_turn(case, rounds, monkeypatch):
    """Large skewed cases (many rounds of the fixed point), ragged lists and full programmes."""
    import numpy as np

    rnd = random.Random(case)
    programmes = rnd.randint(5, 400)
    applicants = rnd.randint(0, 6000)
    width = rnd.randint(1, 6)
    weights = [1.0 / (rank + 1) ** rnd.uniform(0.3, 1.5) for rank in range(programmes)]
    none = programmes
    rows = []
    for _ in range(applicants):
        length = rnd.randint(1, width) if case % 2 else width
        chosen = []
        while len(chosen) < min(length, programmes):
            p = rnd.choices(range(programmes), weights)[0]
            if p not in chosen:
                chosen.append(p)
        rows.append(chosen + [none] * (width - len(chosen)))
    free = [rnd.choice([0, 1, 2, 5, 20]) for _ in range(programmes)] + [0]
    by_turn = np.asarray(rows, dtype=np.int32).reshape(applicants, width)
    expected = turn_by_turn(rows, free)
    monkeypatch.setattr(seating, "MAX_ROUNDS", rounds)
    assert seating.serial_dictatorship(by_turn, np.asarray(free)).tolist() == expected


def test_prepare_then_run_is_draw_and_checks_before_the_seed():
    progs, apps = national_sample(300, 20)
    frozen = allocation.build_input(progs, apps, max_choices=5)
    prepared = allocation.prepare_input(frozen)  # no seed needed to check an input
    assert allocation.run(prepared, "seed").to_json() == allocation.draw(frozen, "seed").to_json()
    broken = copy.deepcopy(frozen)
    broken["applicants"][7]["choices"][1] = "P999"
    with pytest.raises(allocation.InvalidAllocationInput, match="unknown programme 'P999'"):
        allocation.prepare_input(broken)


def test_a_long_chain_of_displacements_is_seated_right():
    """Turn t ranks (p[t-1], p[t]), one seat each: every round of the fixed point moves the chain
    by one programme, so 300 of them take the fallback past MAX_ROUNDS."""
    import numpy as np

    k = 300
    rows = [[0, 1]] + [[t - 1, t if t < k else k] for t in range(1, k)]
    free = [1] * k + [0]
    expected = turn_by_turn(rows, free)
    assert expected == [0] + [1] * (k - 1)  # everyone but the first is pushed to their second choice
    got = seating.serial_dictatorship(np.asarray(rows, dtype=np.int32), np.asarray(free))
    assert got.tolist() == expected
