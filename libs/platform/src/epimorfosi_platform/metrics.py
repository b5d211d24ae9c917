"""Prometheus metrics. With PROMETHEUS_MULTIPROC_DIR set (gunicorn, workers) every process writes
its samples there and `/metrics` aggregates them (prometheus_client multiprocess mode)."""
from __future__ import annotations

import os
from typing import Callable, Iterable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY, Collector

HTTP_REQUESTS = Counter(
    "http_requests_total", "HTTP requests handled", ["service", "method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "http_request_duration_seconds", "HTTP request latency", ["service", "method", "route"]
)
EVENTS_PUBLISHED = Counter("events_published_total", "Events published by the outbox relay", ["service", "type"])
EVENTS_CONSUMED = Counter(
    "events_consumed_total", "Events handled by consumers", ["consumer", "type", "outcome"]
)
EVENTS_DEAD_LETTERED = Counter(
    "events_dead_lettered_total", "Events sent to the dead-letter queue", ["consumer", "type"]
)
RELAY_FAILURES = Counter("outbox_relay_failures_total", "Failed relay batches", ["service"])


class _CallbackGauge(Collector):
    """A gauge computed at scrape time (e.g. outbox backlog read from the database)."""

    def __init__(self, name: str, documentation: str, labels: dict[str, str], read: Callable[[], float]):
        self.name, self.documentation, self.labels, self.read = name, documentation, labels, read

    def collect(self) -> Iterable[GaugeMetricFamily]:
        family = GaugeMetricFamily(self.name, self.documentation, labels=list(self.labels))
        try:
            family.add_metric(list(self.labels.values()), float(self.read()))
        except Exception:  # a scrape must not fail because the database is down; readyz says so
            return []
        return [family]


ScrapeGauge = tuple[str, str, dict[str, str], Callable[[], float]]


def _scrape_registry(scrape_gauges: list[ScrapeGauge]) -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        for collector in list(REGISTRY._collector_to_names):  # default process-wide metrics
            registry.register(collector)
    for name, doc, labels, read in scrape_gauges:
        registry.register(_CallbackGauge(name, doc, labels, read))
    return registry


def render_metrics(scrape_gauges: list[ScrapeGauge]) -> tuple[bytes, str]:
    return generate_latest(_scrape_registry(scrape_gauges)), CONTENT_TYPE_LATEST


def serve_metrics(port: int, scrape_gauges: list[ScrapeGauge]) -> None:
    """`/metrics` of a process without a web server (the worker: relay and consumer counters,
    dead letters), on its own port, so it can be scraped where it runs (its own pod)."""
    from prometheus_client import start_http_server

    start_http_server(port, addr="0.0.0.0", registry=_scrape_registry(scrape_gauges))


def mark_process_dead(pid: int) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(pid)
