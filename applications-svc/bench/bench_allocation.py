"""National-scale benchmark of the draw rules (standard library only).

Synthetic data from a fixed seed: 1,000 centres; a distribution table of ~5,000 programmes
(13 clusters x 52 prefectures (IIa) and 13 regions (IIb)); 5,000 programmes of capacity 15..25;
100,000 teachers with 5 distinct choices each, popularity skewed so that waitlists exist.
The allocation input is the frozen draw input (``allocation.build_input``) read back from its
JSON, i.e. exactly what ``allocation.draw`` gets in production and in ``verify``.

Timed, interleaved (so a noisy neighbour hits all alike), median of a few runs, CPU time of
this process (``time.process_time``; wall-clock medians are reported too):
  (a) one bare pass over all preferences (a loop touching every (applicant, choice) once);
  (b) the teacher allocation (``allocation.run`` on the checked input): random numbers
      (100,000 keys from the seed, one sort), seats and waitlists, with the random order
      alone as a breakdown; the target ratio is (b) / (a);
  (b') reading and checking the frozen input (``allocation.prepare_input``: every choice
      looked up and turned into a programme index, ids in canonical order and distinct, no
      programme ranked twice), and the whole ``allocation.draw`` (b' + b), reported beside
      the target so that nothing is hidden;
  (c) the programme lottery (``lottery.draw``), 1,000 centres x 13 clusters.
Also reported (not part of the target): the allocation's published form (``to_dict``).

Run: ``python applications-svc/bench/bench_allocation.py``; ``run() -> dict`` for ``make bench``.
"""
from __future__ import annotations

import gc
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from draw_bench import skewed_preferences  # also puts the checkout's src on the path if needed

from applications_svc.rules import allocation, lottery, rng

DATA_SEED = 20240917
DRAW_SEED = "07 12 19 28 33 41"  # e.g. the numbers of a published state lottery draw
CENTRES = 1_000
PROGRAMMES = 5_000
TEACHERS = 100_000
CHOICES = 5
CLUSTERS = [f"B2.{i}" for i in range(1, 14)]
REGIONS = 13
PREFECTURES_PER_REGION = 4
TARGET_RATIO = 5.0


def make_allocation_data(rnd: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    programmes = [{"code": f"7B2-IIa-{CLUSTERS[i % 13]}-N{i % 52:02d}-{i:05d}",
                   "capacity": rnd.randint(15, 25)} for i in range(PROGRAMMES)]
    codes = [p["code"] for p in programmes]
    ids = rnd.sample(range(100_000, 1_000_000), TEACHERS)  # registry numbers (Α.Μ.), unsorted
    lists = skewed_preferences(rnd, codes, TEACHERS, CHOICES)
    applicants = [{"id": f"{am:06d}", "choices": chosen} for am, chosen in zip(ids, lists)]
    return programmes, applicants


def make_lottery_input(rnd: random.Random) -> dict[str, Any]:
    regions = [f"R{r:02d}" for r in range(REGIONS)]
    prefectures = [(f"N{r * PREFECTURES_PER_REGION + k:02d}", regions[r])
                   for r in range(REGIONS) for k in range(PREFECTURES_PER_REGION)]
    distribution = []
    for prefecture, _ in prefectures:
        for cluster in CLUSTERS:
            distribution.append({"area": prefecture, "category": "IIa", "cluster": cluster,
                                 "programmes": rnd.randint(2, 10)})
    for region in regions:
        for cluster in CLUSTERS:
            distribution.append({"area": region, "category": "IIb", "cluster": cluster,
                                 "programmes": rnd.randint(2, 9)})
    expressions = []
    for c in range(CENTRES):
        prefecture, region = prefectures[rnd.randrange(len(prefectures))]
        expressions.append({
            "centre": f"KSE-{c:05d}", "clusters": rnd.sample(CLUSTERS, len(CLUSTERS)),
            "prefecture": prefecture, "region": region,
            "certified_room": rnd.random() < 0.97, "capacity": rnd.randint(12, 25),
            "has_staff": rnd.random() < 0.97,
        })
    rnd.shuffle(expressions)
    return lottery.build_input("7B1-4B2", distribution, expressions,
                               max_programmes_per_centre=8)


def bare_pass(applicants: list[dict[str, Any]]) -> int:
    """(a): touch every (applicant, choice) once."""
    touched = 0
    for applicant in applicants:
        for _code in applicant["choices"]:
            touched += 1
    return touched


def _timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    out = fn()
    return time.process_time() - cpu, time.perf_counter() - wall, out


def run(repeats: int = 7) -> dict[str, Any]:
    """Generate the data, time (a), (b), (c) interleaved; figures in seconds (medians)."""
    rnd = random.Random(DATA_SEED)
    programmes, applicants = make_allocation_data(rnd)
    frozen = allocation.build_input(programmes, applicants, max_choices=CHOICES,
                                    minimum_participants=allocation.DEFAULT_MINIMUM_PARTICIPANTS)
    frozen = json.loads(json.dumps(frozen))  # as read from the published draw file
    lottery_input = json.loads(json.dumps(make_lottery_input(rnd)))
    rows = frozen["applicants"]
    preferences = sum(len(a["choices"]) for a in rows)

    prepared = allocation.prepare_input(frozen)
    tasks: dict[str, Callable[[], Any]] = {
        "bare_pass": lambda: bare_pass(rows),
        "allocation": lambda: allocation.run(prepared, DRAW_SEED),
        "allocation_random_order": lambda: rng.key_permutation(len(rows), DRAW_SEED),
        "allocation_input": lambda: allocation.prepare_input(frozen),
        "draw": lambda: allocation.draw(frozen, DRAW_SEED),
        "lottery": lambda: lottery.draw(lottery_input, DRAW_SEED),
    }
    cpu: dict[str, list[float]] = {name: [] for name in tasks}
    wall: dict[str, list[float]] = {name: [] for name in tasks}
    outputs: dict[str, Any] = {}
    for _ in range(repeats):
        for name, fn in tasks.items():
            c, w, outputs[name] = _timed(fn)
            cpu[name].append(c)
            wall[name].append(w)
    med = {name: statistics.median(v) for name, v in cpu.items()}
    med_wall = {name: statistics.median(v) for name, v in wall.items()}
    result, draw = outputs["draw"], outputs["lottery"]
    assert outputs["allocation"].to_json() == result.to_json()
    to_dict_cpu, _, published = _timed(result.to_dict)

    ratio = med["allocation"] / med["bare_pass"]
    return {
        "programmes": len(frozen["programmes"]),
        "teachers": len(rows),
        "preferences": preferences,
        "seated": sum(1 for p in result.seat_by_turn if p >= 0),
        "waitlisted_entries": sum(map(len, result.waitlists)),
        "to_be_implemented": len(result.to_be_implemented()),
        "bare_pass_s": med["bare_pass"],
        "allocation_s": med["allocation"],
        "allocation_random_order_s": med["allocation_random_order"],
        "allocation_seating_s": max(0.0, med["allocation"] - med["allocation_random_order"]),
        "allocation_ratio": ratio,
        "allocation_ratio_wall": med_wall["allocation"] / med_wall["bare_pass"],
        "allocation_target_ratio": TARGET_RATIO,
        "allocation_within_target": ratio <= TARGET_RATIO,
        "allocation_input_s": med["allocation_input"],
        "allocation_input_ratio": med["allocation_input"] / med["bare_pass"],
        "draw_s": med["draw"],
        "draw_ratio": med["draw"] / med["bare_pass"],
        "allocation_to_dict_s": to_dict_cpu,
        "lottery_centres": len(lottery_input["expressions"]),
        "lottery_programmes_available": sum(r["programmes"] for r in lottery_input["distribution"]),
        "lottery_programmes_assigned": len(draw.assignments),
        "lottery_s": med["lottery"],
        "wall_s": med_wall,
        "repeats": repeats,
        "published_applicants": len(published["applicants"]),
    }


def main() -> int:
    f = run()
    ms = 1000
    print(f"data: {f['programmes']:,} programmes, {f['teachers']:,} teachers, "
          f"{f['preferences']:,} preferences; seated {f['seated']:,}, "
          f"waitlist entries {f['waitlisted_entries']:,}, "
          f"to be implemented {f['to_be_implemented']:,}")
    print(f"(a) bare pass over all preferences: {f['bare_pass_s'] * ms:8.1f} ms")
    print(f"(b) allocation on the checked input: {f['allocation_s'] * ms:6.1f} ms")
    print(f"      random order (keys + sort):     {f['allocation_random_order_s'] * ms:6.1f} ms")
    print(f"      seats and waitlists:            {f['allocation_seating_s'] * ms:6.1f} ms")
    print(f"    allocation / bare pass = {f['allocation_ratio']:.2f}× (target ≤ {TARGET_RATIO:g}×) "
          f"{'OK' if f['allocation_within_target'] else 'OVER'}"
          f"   [wall clock: {f['allocation_ratio_wall']:.2f}×]")
    print(f"(b') reading and checking the frozen input: {f['allocation_input_s'] * ms:6.1f} ms "
          f"= {f['allocation_input_ratio']:.2f}× the bare pass")
    print(f"    whole draw from the frozen input (b' + b): {f['draw_s'] * ms:6.1f} ms "
          f"= {f['draw_ratio']:.2f}× the bare pass")
    print(f"    published form (to_dict, not in the target): {f['allocation_to_dict_s'] * ms:.1f} ms")
    print(f"(c) programme lottery: {f['lottery_centres']:,} centres × 13 clusters, "
          f"{f['lottery_programmes_available']:,} programmes available, "
          f"{f['lottery_programmes_assigned']:,} assigned: {f['lottery_s'] * ms:.1f} ms")
    print(f"(CPU time of this process, median of {f['repeats']} interleaved runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
