#!/usr/bin/env python3
"""Offline checks of the service Dockerfiles (no Docker engine needed).

What hadolint does not know about this project:
  * multi-stage: a builder and a runtime stage, base images pinned by tag (never `latest`);
  * the runtime stage runs as a numeric non-root user (10001), exposes 8080, sets
    PYTHONDONTWRITEBYTECODE=1 and PROMETHEUS_MULTIPROC_DIR=/tmp/metrics;
  * ENTRYPOINT ["python", "-m", "<package>"] with the service's real package, CMD ["web"];
  * every COPY source exists in the build context (the repository root filtered by the root
    .dockerignore, with Docker's matching rules), so `docker build -f <svc>/Dockerfile .` finds it;
  * documents-svc installs WeasyPrint's system libraries and fonts.

`--context-dir DIR` also writes the filtered build context to DIR (used to rehearse the image build).
Exit status 1 when any check fails.
"""
from __future__ import annotations

import argparse
import json
import re
import shlex
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "deploy"))
from dockerfiles import SERVICES as _GENERATED  # noqa: E402  (the one list of services with a Dockerfile)

# folder -> Python package
SERVICES = {folder: spec.get("package", folder.replace("-", "_")) for folder, spec in _GENERATED.items()}
WEASYPRINT_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core",
                       "fonts-noto-core")
RUNTIME_USER = "10001"


# ------------------------------------------------------------------ .dockerignore (Docker's rules)
def _pattern_regex(pattern: str) -> re.Pattern:
    """Docker's patternmatcher: filepath.Match per segment, `**` spans any number of segments."""
    out, i = "", 0
    while i < len(pattern):
        c = pattern[i]
        if c == "*":
            if pattern[i:i + 2] == "**":
                i += 2
                if pattern[i:i + 1] == "/":  # `**/` : zero or more leading directories
                    out += "(?:.*/)?"
                    i += 1
                else:
                    out += ".*"
                continue
            out += "[^/]*"
        elif c == "?":
            out += "[^/]"
        elif c == "[":
            j = pattern.find("]", i)
            if j < 0:
                out += re.escape(c)
            else:
                body = pattern[i + 1:j].replace("\\", "\\\\")
                if body.startswith("^") or body.startswith("!"):
                    body = "^" + body[1:]
                out += f"[{body}]"
                i = j
        elif c == "\\" and i + 1 < len(pattern):
            i += 1
            out += re.escape(pattern[i])
        else:
            out += re.escape(c)
        i += 1
    return re.compile(f"^{out}$")


def read_dockerignore(path: Path) -> list[tuple[bool, re.Pattern]]:
    rules = []
    if not path.exists():
        return rules
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        if negate:
            line = line[1:].strip()
        line = line.lstrip("/")
        line = re.sub(r"/+$", "", line)
        if line:
            rules.append((negate, _pattern_regex(line)))
    return rules


def excluded(rel: str, rules: list[tuple[bool, re.Pattern]]) -> bool:
    """Last matching rule wins; a rule matches a path or any of its parent directories."""
    parts = rel.split("/")
    candidates = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    result = False
    for negate, regex in rules:
        if any(regex.match(c) for c in candidates):
            result = not negate
    return result


def build_context(root: Path) -> list[str]:
    rules = read_dockerignore(root / ".dockerignore")
    files = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith(".git/") or rel == ".git" or not path.is_file():
            continue
        if not excluded(rel, rules):
            files.append(rel)
    return files


# ------------------------------------------------------------------ Dockerfile parsing
def instructions(text: str) -> list[tuple[str, str, int]]:
    """(INSTRUCTION, arguments, line) with line continuations joined and comments dropped."""
    result, buf, start = [], "", 0
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not buf and (not stripped or stripped.startswith("#")):
            continue
        if buf and stripped.startswith("#"):
            continue
        if not buf:
            start = n
        if stripped.endswith("\\"):
            buf += stripped[:-1] + " "
            continue
        buf += stripped
        word, _, rest = buf.partition(" ")
        result.append((word.upper(), rest.strip(), start))
        buf = ""
    return result


def _exec_form(args: str) -> list[str] | None:
    try:
        value = json.loads(args)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, list) and all(isinstance(v, str) for v in value) else None


def _env_pairs(args: str) -> dict[str, str]:
    pairs = {}
    for token in shlex.split(args):
        if "=" in token:
            k, v = token.split("=", 1)
            pairs[k] = v
    return pairs


def check_dockerfile(root: Path, folder: str, package: str, context: set[str]) -> list[str]:
    errors: list[str] = []
    path = root / folder / "Dockerfile"
    if not path.exists():
        return [f"{folder}/Dockerfile is missing"]
    items = instructions(path.read_text())
    stages: list[dict] = []
    for word, args, line in items:
        if word == "FROM":
            m = re.match(r"^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$", args, re.I)
            if not m:
                errors.append(f"{folder}/Dockerfile:{line}: cannot parse FROM {args}")
                continue
            image, name = m.group(1), m.group(2)
            stages.append({"image": image, "name": name, "items": [], "line": line})
            known = {s["name"] for s in stages[:-1] if s["name"]}
            if image not in known:
                last = image.rsplit("/", 1)[-1]
                if "@sha256:" not in image and (":" not in last or last.endswith(":latest")):
                    errors.append(f"{folder}/Dockerfile:{line}: base image {image} is not pinned by tag")
        elif stages:
            stages[-1]["items"].append((word, args, line))
        else:
            if word not in {"ARG"}:
                errors.append(f"{folder}/Dockerfile:{line}: {word} before the first FROM")
    if len(stages) < 2:
        errors.append(f"{folder}/Dockerfile: not multi-stage ({len(stages)} stage)")
        return errors
    runtime = stages[-1]
    words = [w for w, _, _ in runtime["items"]]

    users = [a for w, a, _ in runtime["items"] if w == "USER"]
    if not users:
        errors.append(f"{folder}/Dockerfile: runtime stage has no USER")
    else:
        user = users[-1].split(":")[0]
        if not user.isdigit() or int(user) == 0:
            errors.append(f"{folder}/Dockerfile: runtime USER {users[-1]} is not a numeric non-root user")
        elif user != RUNTIME_USER:
            errors.append(f"{folder}/Dockerfile: runtime USER {user} is not {RUNTIME_USER} (k8s runAsUser)")
    if "ENTRYPOINT" not in words:
        errors.append(f"{folder}/Dockerfile: runtime stage has no ENTRYPOINT")
    for w, a, line in runtime["items"]:
        if w == "ENTRYPOINT" and _exec_form(a) != ["python", "-m", package]:
            errors.append(f'{folder}/Dockerfile:{line}: ENTRYPOINT must be ["python", "-m", "{package}"], got {a}')
        if w == "CMD" and _exec_form(a) != ["web"]:
            errors.append(f'{folder}/Dockerfile:{line}: CMD must be ["web"], got {a}')
        if w == "EXPOSE" and "8080" not in a.replace("/tcp", "").split():
            errors.append(f"{folder}/Dockerfile:{line}: EXPOSE {a} (expected 8080)")
        if w == "ADD":
            errors.append(f"{folder}/Dockerfile:{line}: use COPY, not ADD")
    if "CMD" not in words:
        errors.append(f'{folder}/Dockerfile: runtime stage has no CMD ["web"]')
    if "EXPOSE" not in words:
        errors.append(f"{folder}/Dockerfile: runtime stage does not EXPOSE 8080")
    env: dict[str, str] = {}
    for w, a, _ in runtime["items"]:
        if w == "ENV":
            env.update(_env_pairs(a))
    for key, value in {"PYTHONDONTWRITEBYTECODE": "1", "PROMETHEUS_MULTIPROC_DIR": "/tmp/metrics"}.items():
        if env.get(key) != value:
            errors.append(f"{folder}/Dockerfile: runtime ENV {key}={value} is missing")
    runs = " ".join(a for w, a, _ in runtime["items"] if w == "RUN")
    if re.search(r"\b(build-essential|gcc|g\+\+|python3-dev|libpq-dev)\b", runs):
        errors.append(f"{folder}/Dockerfile: build tools installed in the runtime stage")
    if "--no-index" not in runs:
        errors.append(f"{folder}/Dockerfile: runtime pip install is not --no-index (wheels from the builder only)")
    if folder == "documents-svc":
        missing = [p for p in WEASYPRINT_PACKAGES if p not in runs]
        if missing:
            errors.append(f"{folder}/Dockerfile: runtime stage lacks WeasyPrint packages {missing}")

    # COPY sources must exist in the (filtered) build context, which is the repository root.
    for stage in stages:
        for w, a, line in stage["items"]:
            if w != "COPY":
                continue
            tokens = shlex.split(a)
            if any(t.startswith("--from") for t in tokens):
                continue
            paths = [t for t in tokens if not t.startswith("--")]
            form = _exec_form(a)
            if form:
                paths = form
            for src in paths[:-1]:
                src = src.rstrip("/")
                present = src in context or any(f.startswith(src + "/") for f in context)
                if not present:
                    errors.append(f"{folder}/Dockerfile:{line}: COPY source {src} is not in the build "
                                  f"context (missing, or excluded by .dockerignore)")
    if not (root / folder / "src" / package / "__main__.py").exists():
        errors.append(f"{folder}: src/{package}/__main__.py not found (ENTRYPOINT would fail)")
    return errors


KEYCLOAK_FOLDER = "identity/keycloak"  # the login theme's image; its build context is that folder
KEYCLOAK_MANIFEST = "k8s/components/keycloak/keycloak.yaml"


def check_keycloak_dockerfile(root: Path) -> list[str]:
    """The Keycloak image: pinned base, the same tag as its builder, every COPY source in its own
    context, `start --optimized` (built at image time), and the manifest runs this image."""
    folder = root / KEYCLOAK_FOLDER
    items = instructions((folder / "Dockerfile").read_text())
    errors: list[str] = []
    bases = [args.split()[0] for word, args, _ in items if word == "FROM" and "--from" not in args]
    if len(set(bases)) != 1 or not re.search(r":\d+\.\d+\.\d+$", bases[0]):
        errors.append(f"{KEYCLOAK_FOLDER}/Dockerfile: stages must share one base pinned by version, got {bases}")
    for word, args, line in items:
        if word == "COPY" and "--from=" not in args:
            source = [part for part in args.split() if not part.startswith("--")][0]
            if not (folder / source).exists():
                errors.append(f"{KEYCLOAK_FOLDER}/Dockerfile:{line}: COPY source {source} not found")
    cmd = next((_exec_form(args) for word, args, _ in items if word == "CMD"), None) or []
    if "--optimized" not in cmd:
        errors.append(f"{KEYCLOAK_FOLDER}/Dockerfile: CMD must start the server built at image time (--optimized)")
    if "image: epimorfosi/keycloak:" not in (root / KEYCLOAK_MANIFEST).read_text():
        errors.append(f"{KEYCLOAK_MANIFEST}: does not run the epimorfosi/keycloak image")
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=str(Path(__file__).resolve().parents[2]))
    parser.add_argument("--context-dir", help="write the filtered build context here")
    parser.add_argument("services", nargs="*", default=list(SERVICES))
    args = parser.parse_args()
    root = Path(args.root)
    context = build_context(root)
    if args.context_dir:
        target = Path(args.context_dir)
        for rel in context:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / rel, target / rel)
    context_set = set(context)
    failures = 0
    for folder in args.services:
        errors = check_dockerfile(root, folder, SERVICES[folder], context_set)
        for e in errors:
            print(f"ERROR {e}")
        print(f"{'FAIL' if errors else 'ok  '} {folder}/Dockerfile")
        failures += bool(errors)
    errors = check_keycloak_dockerfile(root)
    for e in errors:
        print(f"ERROR {e}")
    print(f"{'FAIL' if errors else 'ok  '} {KEYCLOAK_FOLDER}/Dockerfile")
    failures += bool(errors)
    print(f"build context: {len(context)} files")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
