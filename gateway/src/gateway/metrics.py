"""Gateway-specific Prometheus metrics (the platform's http_requests_total and
http_request_duration_seconds are recorded too, with service="gateway")."""
from prometheus_client import Counter, Histogram

UPSTREAM_REQUESTS = Counter(
    "gateway_upstream_requests_total",
    "Requests forwarded to a service, by the service's status (or unreachable/timeout)",
    ["upstream", "method", "status"],
)
UPSTREAM_LATENCY = Histogram(
    "gateway_upstream_duration_seconds",
    "Time until a service answered with its status and headers",
    ["upstream"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30),
)
