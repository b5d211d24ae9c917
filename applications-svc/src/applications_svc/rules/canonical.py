"""Canonical JSON and the input hash that freezes a draw before its seed is known.

Canonical form: UTF-8; object keys sorted by Unicode code point; no insignificant white space
(``,`` and ``:`` separators only); strings with only the escapes JSON requires (``\\"``, ``\\\\``,
``\\b \\f \\n \\r \\t``, other control characters as ``\\u00xx``), every other character as itself;
numbers are integers only, written in decimal, within ±(2**53 - 1) so that every JSON
implementation reads them exactly; no floats, NaN or infinities; ``true``, ``false``, ``null``.

For such values this coincides with RFC 8785 (JSON Canonicalization Scheme) except that keys
outside the Basic Multilingual Plane would be ordered by code point instead of UTF-16 unit;
our keys are ASCII. It is what ``json.dumps(obj, sort_keys=True, separators=(",", ":"),
ensure_ascii=False)`` gives in Python.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

MAX_SAFE_INTEGER = 2**53 - 1


def _check(obj: Any, path: str) -> None:
    if obj is None or isinstance(obj, (bool, str)):
        return
    if isinstance(obj, int):
        if not -MAX_SAFE_INTEGER <= obj <= MAX_SAFE_INTEGER:
            raise ValueError(f"{path}: integer outside ±(2**53 - 1)")
        return
    if isinstance(obj, float):
        raise ValueError(f"{path}: floats are not allowed in canonical JSON")
    if isinstance(obj, Mapping):
        for key, value in obj.items():
            if not isinstance(key, str):
                raise ValueError(f"{path}: object keys must be strings, got {key!r}")
            _check(value, f"{path}.{key}")
        return
    if isinstance(obj, (list, tuple)):
        for i, value in enumerate(obj):
            _check(value, f"{path}[{i}]")
        return
    raise ValueError(f"{path}: {type(obj).__name__} is not a JSON value")


_PLAIN = {str, bool, type(None)}


def _is_canonical(obj: Any) -> bool:
    """``_check`` without paths, fast on long lists of strings (C-level type scans); a False
    sends the caller to ``_check`` for the message."""
    kind = type(obj)
    if kind in _PLAIN:
        return True
    if kind is int:
        return -MAX_SAFE_INTEGER <= obj <= MAX_SAFE_INTEGER
    if kind is dict:
        return set(map(type, obj)) <= {str} and _all_canonical(list(obj.values()))
    if kind is list:
        return _all_canonical(obj)
    return False


def _all_canonical(items: list) -> bool:
    kinds = set(map(type, items))
    if kinds <= _PLAIN:
        return True
    if kinds <= _PLAIN | {int}:
        ints = [x for x in items if type(x) is int]
        return -MAX_SAFE_INTEGER <= min(ints) and max(ints) <= MAX_SAFE_INTEGER
    return all(map(_is_canonical, items))


def canonical_json(obj: Any) -> bytes:
    """The canonical UTF-8 bytes of ``obj`` (see the module docstring). Refuses floats."""
    if not _is_canonical(obj):
        _check(obj, "$")  # raises with the path of the culprit (or accepts a tuple or Mapping)
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def canonical_text(obj: Any) -> str:
    return canonical_json(obj).decode("utf-8")


def input_hash(obj: Any) -> str:
    """Hex SHA-256 of the canonical JSON of ``obj``: published before the seed is drawn."""
    return hashlib.sha256(canonical_json(obj)).hexdigest()


def text_sha256(text: str) -> str:
    """Hex SHA-256 of text that already is canonical JSON (``canonical_text``'s output): the
    same as ``input_hash`` of its value, without walking the value again."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def loads(text: str | bytes) -> Any:
    """Parse JSON refusing floats, NaN and duplicate keys (so a published file means one thing)."""

    def no_float(value: str) -> Any:
        raise ValueError(f"floats are not allowed: {value}")

    def no_constant(value: str) -> Any:
        raise ValueError(f"not allowed in JSON: {value}")

    def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise ValueError(f"duplicate key: {key!r}")
            out[key] = value
        return out

    return json.loads(text, parse_float=no_float, parse_constant=no_constant,
                      object_pairs_hook=unique_keys)
