"""Verify a published draw bit for bit: ``python -m applications_svc.verify draw.json``.

``draw.json`` is ``{"kind": "programme-lottery" | "teacher-allocation", "algorithm": ...,
"input": ..., "input_sha256": ..., "seed": ..., "result": ...}`` (what ``GET /v1/periods/{id}/lottery``
and ``GET /v1/periods/{id}/allocation/{phase}`` serve: ``DrawProcedure.record``). The check
recomputes the input's canonical SHA-256 and the result from the input and the seed, and
compares both with what was published.
Exit status 0 when everything matches, 1 otherwise (2 for a wrong command line).
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from typing import Any

from .rules import allocation, lottery, rng
from .rules.canonical import canonical_json, input_hash, loads

OK_MESSAGE = "ΕΠΑΛΗΘΕΥΣΗ: ΕΠΙΤΥΧΗΣ"
FAIL_MESSAGE = "ΕΠΑΛΗΘΕΥΣΗ: ΑΠΟΤΥΧΙΑ"
_DRAWS = {lottery.KIND: lottery.draw, allocation.KIND: allocation.draw}
_MAX_DIFFERENCES = 20


def _differences(expected: Any, published: Any, path: str, out: list[str]) -> None:
    """Paths where ``published`` differs from ``expected`` (at most ``_MAX_DIFFERENCES``)."""
    if len(out) >= _MAX_DIFFERENCES:
        return
    if isinstance(expected, Mapping) and isinstance(published, Mapping):
        for key in sorted(set(expected) | set(published)):
            if key not in published:
                out.append(f"{path}.{key}: λείπει από το δημοσιευμένο αποτέλεσμα")
            elif key not in expected:
                out.append(f"{path}.{key}: δεν προκύπτει από τον υπολογισμό")
            else:
                _differences(expected[key], published[key], f"{path}.{key}", out)
            if len(out) >= _MAX_DIFFERENCES:
                return
    elif isinstance(expected, list) and isinstance(published, list):
        if len(expected) != len(published):
            out.append(f"{path}: {len(published)} στοιχεία δημοσιεύθηκαν, "
                       f"ο υπολογισμός δίνει {len(expected)}")
        for i, (e, p) in enumerate(zip(expected, published)):
            _differences(e, p, f"{path}[{i}]", out)
            if len(out) >= _MAX_DIFFERENCES:
                return
    elif canonical_json(expected) != canonical_json(published):
        out.append(f"{path}: δημοσιεύθηκε {canonical_json(published).decode()[:200]}, "
                   f"ο υπολογισμός δίνει {canonical_json(expected).decode()[:200]}")


def check(record: Any) -> list[str]:
    """Every problem found in a draw record (empty: verified)."""
    if not isinstance(record, Mapping):
        return ["το αρχείο δεν είναι αντικείμενο JSON"]
    problems = []
    missing = [k for k in ("kind", "algorithm", "input", "input_sha256", "seed", "result")
               if k not in record]
    if missing:
        return [f"λείπουν τα πεδία: {', '.join(missing)}"]
    kind = record["kind"]
    if kind not in _DRAWS:
        return [f"άγνωστο είδος κλήρωσης: {kind!r} (αναμένεται {' ή '.join(sorted(_DRAWS))})"]
    if record["algorithm"] != rng.ALGORITHM_VERSION:
        return [f"άγνωστος αλγόριθμος: {record['algorithm']!r} "
                f"(αυτό το εργαλείο υλοποιεί τον {rng.ALGORITHM_VERSION})"]
    try:
        digest = input_hash(record["input"])
    except ValueError as exc:
        return [f"τα δεδομένα εισόδου δεν είναι κανονικό JSON: {exc}"]
    if digest != record["input_sha256"]:
        problems.append(f"input_sha256: δημοσιεύθηκε {record['input_sha256']}, "
                        f"τα δεδομένα εισόδου δίνουν {digest}")
    try:
        expected = _DRAWS[kind](record["input"], record["seed"]).to_dict()
    except (ValueError, TypeError) as exc:
        return problems + [f"τα δεδομένα εισόδου δεν γίνονται δεκτά: {exc}"]
    published = record["result"]
    try:
        same = canonical_json(expected) == canonical_json(published)
    except ValueError as exc:
        return problems + [f"το δημοσιευμένο αποτέλεσμα δεν είναι κανονικό JSON: {exc}"]
    if not same:
        found: list[str] = []
        _differences(expected, published, "result", found)
        problems.extend(found or ["result: διαφέρει από τον υπολογισμό"])
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m applications_svc.verify",
        description="Επαλήθευση δημοσιευμένης κλήρωσης / κατανομής (draw.json).")
    parser.add_argument("draw", help="το αρχείο της κλήρωσης (JSON)")
    args = parser.parse_args(argv)
    try:
        with open(args.draw, "rb") as handle:
            record = loads(handle.read())
    except (OSError, ValueError) as exc:
        print(f"{FAIL_MESSAGE}\nδεν διαβάζεται το αρχείο {args.draw}: {exc}")
        return 1
    problems = check(record)
    if problems:
        print(FAIL_MESSAGE)
        for problem in problems:
            print(f"- {problem}")
        return 1
    print(OK_MESSAGE)
    print(f"είδος: {record['kind']}; αλγόριθμος: {record['algorithm']}; "
          f"input_sha256: {record['input_sha256']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
