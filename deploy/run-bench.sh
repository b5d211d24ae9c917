#!/usr/bin/env bash
# `make bench`: figures as ratios against baselines measured in the same run (shared, noisy machines).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=.venv/bin/python

trap 'deploy/local/stack.sh down' EXIT
deploy/local/stack.sh up
eval "$(deploy/local/stack.sh env)"

echo "=== bus (RabbitMQ + PostgreSQL)"
$PY libs/platform/bench/bench_bus.py
echo "=== gateway"
$PY gateway/bench/bench_gateway.py
echo "=== allocation and lottery (national scale)"
$PY applications-svc/bench/bench_allocation.py
echo "=== the programme lottery through the API (freeze, seed, draw, publish) on PostgreSQL"
$PY applications-svc/bench/bench_api_lottery.py
echo "=== the teacher allocation through the API at national scale (freeze, seed, draw, publish) on PostgreSQL"
$PY applications-svc/bench/bench_api_allocation.py
echo "=== resources: 1,000 centres, 3,000 rooms, 60,000 workstations imported through the API vs a bare COPY (PostgreSQL)"
$PY resources-svc/bench/bench_import.py
echo "=== enrolment: one hot programme, 50 clients, through the gateway vs the same transaction directly on PostgreSQL"
$PY enrollment-svc/bench/bench_enrolment.py
echo "=== web client: a centre head's page through the BFF vs the same API call through the gateway"
$PY web/bench/bench_pages.py
echo "=== documents: a B4 through the service vs bare WeasyPrint; a 2,000-row list on every core vs one bare render"
$PY documents-svc/bench/bench_service.py
