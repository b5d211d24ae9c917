"""The publishable file of a draw and its check, the same for every draw rule (the rule module
gives its ``KIND`` and its ``draw(input, seed)``, whose result has ``to_dict`` and ``to_json``)."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from . import rng
from .canonical import canonical_text, input_hash, loads


def record(kind: str, draw: Callable, input: Mapping[str, Any], seed: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "algorithm": rng.ALGORITHM_VERSION,
        "input": input,
        "input_sha256": input_hash(input),
        "seed": seed,
        "result": draw(input, seed).to_dict(),
    }


def verify(draw: Callable, input_json: str | bytes | Mapping[str, Any], seed: str,
           published_result_json: str | bytes | Mapping[str, Any]) -> bool:
    """True when ``draw`` on the input and seed gives exactly the published result; a malformed
    input or result is simply not verified."""
    try:
        input = loads(input_json) if isinstance(input_json, (str, bytes)) else input_json
        published = (loads(published_result_json)
                     if isinstance(published_result_json, (str, bytes)) else published_result_json)
        return draw(input, seed).to_json() == canonical_text(published)
    except (ValueError, TypeError):
        return False
