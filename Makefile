# The two commands: `make run` (whole system, embedded profile) and `make test` (every test suite on
# the real stack: PostgreSQL, RabbitMQ, Keycloak, started and stopped here). See README.md.
SHELL := /bin/bash
PY := .venv/bin/python
PYTEST := .venv/bin/pytest -p no:cacheprovider
SERVICE_DIRS := libs/platform gateway identity resources-svc applications-svc enrollment-svc documents-svc web

.PHONY: run test bench setup stack-up stack-down openapi clean

setup:
	deploy/local/setup.sh

run: setup
	$(PY) deploy/launcher.py --profile embedded

test: setup
	deploy/run-tests.sh

bench: setup
	deploy/run-bench.sh

stack-up: setup
	deploy/local/stack.sh up

stack-down:
	deploy/local/stack.sh down

# Regenerate every committed OpenAPI document after changing an API.
openapi: setup
	@for pkg in gateway identity resources_svc applications_svc enrollment_svc documents_svc; do \
	  $(PY) -m $$pkg openapi --write || exit 1; done

clean:
	deploy/local/stack.sh down || true
	rm -rf var
