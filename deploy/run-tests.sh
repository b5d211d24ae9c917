#!/usr/bin/env bash
# Everything `make test` runs: the stack is started here and always stopped on exit.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTEST=(.venv/bin/pytest -p no:cacheprovider -q --timeout=900)

trap 'deploy/local/stack.sh down' EXIT
deploy/local/stack.sh up || exit 1
eval "$(deploy/local/stack.sh env)"
export EPI_STACK=1

failed=()
suite() {  # suite NAME ARGS... : run one pytest invocation, remember failures, keep going
  local name="$1"; shift
  echo "=== $name"
  "$@" || failed+=("$name")
}

# Unit and integration tests of the platform and every service, on PostgreSQL and RabbitMQ.
for dir in libs/platform gateway identity resources-svc applications-svc enrollment-svc documents-svc; do
  [ -d "$dir/tests" ] && suite "$dir" "${PYTEST[@]}" "$dir/tests"
done
suite "web" "${PYTEST[@]}" web/tests --ignore=web/tests/browser
# What the repository promises about itself (README, event catalogue, CI).
suite "repository" "${PYTEST[@]}" tests/test_repository.py
# Dockerfiles and Kubernetes manifests, validated offline (kustomize, kubeconform, hadolint, policy).
suite "manifests" deploy/validate-manifests.sh
# Against the running Keycloak and RabbitMQ: realm as code, fault tolerance.
suite "stack" "${PYTEST[@]}" tests/stack
# The walking skeleton on both profiles.
suite "e2e-embedded" env EPI_E2E_PROFILE=embedded "${PYTEST[@]}" tests/e2e
suite "e2e-stack" env EPI_E2E_PROFILE=stack "${PYTEST[@]}" tests/e2e
# The web client in Debian's Chromium on both profiles: journeys by clicking, axe-core, screenshots
# (var/artifacts/screens/).
suite "browser-embedded" env EPI_E2E_PROFILE=embedded "${PYTEST[@]}" web/tests/browser
suite "browser-stack" env EPI_E2E_PROFILE=stack "${PYTEST[@]}" web/tests/browser

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED suites: ${failed[*]}"
  exit 1
fi
echo "all test suites passed"
