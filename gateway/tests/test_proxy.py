import hashlib
import json
import time
import uuid

PROBLEM = "application/problem+json"


def test_forwards_path_query_body_and_headers(client, issuer, upstream):
    token = issuer.token("teacher-1", ["teacher"])
    body = json.dumps({"τίτλος": "Πρόγραμμα"}, ensure_ascii=False).encode()
    response = client.post(
        "/api/applications/v1/periods/5/items?a=1&b=%CE%B1&b=2",
        data=body,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "X-Correlation-ID": "corr-42",
            "X-Custom": "kept",
            "X-Forwarded-For": "6.6.6.6",  # a client's claim: not trusted without proxies in front
            "Connection": "keep-alive, X-Secret-Hop",
            "X-Secret-Hop": "dropped",
        },
    )
    assert response.status_code == 200
    seen = response.get_json()
    assert seen["method"] == "POST"
    assert seen["path"] == "/v1/periods/5/items"
    assert seen["query"] == "a=1&b=%CE%B1&b=2"
    assert seen["body_sha256"] == hashlib.sha256(body).hexdigest()
    headers = seen["headers"]
    assert headers["Authorization"] == f"Bearer {token}"  # unchanged: the service checks roles itself
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Custom"] == "kept"
    assert headers["X-Correlation-Id"] == "corr-42"
    assert "X-Secret-Hop" not in headers
    assert headers["X-Forwarded-For"] == "127.0.0.1"
    assert headers["X-Forwarded-Proto"] == "http"
    assert headers["X-Forwarded-Host"] == "localhost"
    assert headers["X-Forwarded-Prefix"] == "/api/applications"
    # A request id was created, sent upstream and returned.
    request_id = response.headers["X-Request-ID"]
    assert uuid.UUID(request_id)
    assert headers["X-Request-Id"] == request_id
    # Upstream response headers pass, repeated ones stay separate; the upstream's CORS does not.
    assert response.headers["X-Upstream"] == "fake"
    assert response.headers.getlist("Set-Cookie") == ["a=1; Path=/", "b=2; Path=/"]
    assert "Access-Control-Allow-Origin" not in response.headers


def test_request_id_from_client_is_propagated_and_bad_ones_replaced(client, issuer):
    auth = issuer.headers("u1")
    response = client.get("/api/resources/v1/centres", headers={**auth, "X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"
    assert response.get_json()["headers"]["X-Request-Id"] == "abc-123"

    response = client.get("/api/resources/v1/centres", headers={**auth, "X-Request-ID": "bad id\twith spaces"})
    assert uuid.UUID(response.headers["X-Request-ID"])
    assert response.get_json()["headers"]["X-Request-Id"] == response.headers["X-Request-ID"]


def test_unknown_service_is_a_greek_404(client, issuer):
    response = client.get("/api/payroll/v1/things", headers=issuer.headers())
    assert response.status_code == 404
    assert response.mimetype == PROBLEM
    problem = response.get_json()
    assert problem["type"] == "urn:epimorfosi:problem:unknown-service"
    assert "payroll" in problem["detail"] and "υπηρεσία" in problem["detail"]
    assert response.headers["X-Request-ID"]


def test_only_v1_is_forwarded(client, issuer, upstream):
    before = len(upstream.requests)
    for path in ("/api/applications/metrics", "/api/applications/readyz", "/api/applications/v2/x"):
        response = client.get(path, headers=issuer.headers())
        assert response.status_code == 404
        assert response.mimetype == PROBLEM
    # Dot segments would let a public prefix reach another route once normalised upstream.
    response = client.get("/api/documents/v1/verify/%2e%2e/admin")
    assert response.status_code == 400
    assert response.get_json()["type"] == "urn:epimorfosi:problem:invalid-path"
    assert len(upstream.requests) == before


def test_no_token_is_refused_on_protected_routes(client, upstream):
    before = len(upstream.requests)
    response = client.get("/api/applications/v1/periods")
    assert response.status_code == 401
    assert response.mimetype == PROBLEM
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.get_json()["detail"] == "Συνδεθείτε για να συνεχίσετε."
    # A public prefix does not open its look-alikes or other methods.
    assert client.get("/api/documents/v1/verifyx/1").status_code == 401
    assert client.post("/api/documents/v1/verify/ABC").status_code == 401
    assert len(upstream.requests) == before


def test_public_routes_are_forwarded_without_token(client):
    response = client.get("/api/documents/v1/verify/ABC-123?lang=el")
    assert response.status_code == 200
    seen = response.get_json()
    assert seen["path"] == "/v1/verify/ABC-123" and seen["query"] == "lang=el"
    assert "Authorization" not in seen["headers"]
    assert client.post("/api/identity/v1/registration/start", json={"x": 1}).status_code == 200
    assert client.get("/api/identity/v1/gsis/callback?code=1").status_code == 200
    assert client.head("/api/documents/v1/verify/ABC").status_code == 200
    # An offer e-mail's one-click decline link: its token is the credential.
    assert client.get("/api/enrollment/v1/enrolment/offer-links/TOKEN").status_code == 200
    assert client.post("/api/enrollment/v1/enrolment/offer-links/TOKEN/decline").status_code == 200
    assert client.post("/api/enrollment/v1/enrolment/my-entries/P-1/refusal").status_code == 401
    # ...and only on the service that declares them.
    assert client.get("/api/applications/v1/verify/ABC").status_code == 401


def test_head_and_location_rewrite(client, issuer):
    auth = issuer.headers()
    response = client.head("/api/enrollment/v1/things", headers=auth)
    assert response.status_code == 200 and response.data == b""
    response = client.post("/api/applications/v1/created", headers=auth)
    assert response.status_code == 201
    assert response.headers["Location"] == "/api/applications/v1/things/7"


def test_large_upload_is_forwarded_intact(client, issuer):
    body = bytes(range(256)) * 8192  # 2 MiB: above the in-memory limit, streamed to the service
    response = client.put(
        "/api/documents/v1/templates/1/file",
        data=body,
        headers={**issuer.headers(), "Content-Type": "application/octet-stream"},
    )
    seen = response.get_json()
    assert seen["body_length"] == len(body)
    assert seen["body_sha256"] == hashlib.sha256(body).hexdigest()


def test_large_response_is_streamed(client, issuer, upstream):
    upstream.first_chunk_seen.clear()
    upstream.streamed_lazily = None
    response = client.get("/api/documents/v1/big?mib=8", headers=issuer.headers(), buffered=False)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    chunks = iter(response.response)
    first = next(chunks)
    assert first  # arrived while the upstream is still holding back the rest
    upstream.first_chunk_seen.set()
    total = len(first) + sum(len(chunk) for chunk in chunks)
    response.close()
    assert total == 8 * 1024 * 1024
    assert upstream.streamed_lazily is True


def test_upstream_down_is_502(make_gateway, issuer, closed_url):
    client = make_gateway(EPI_UPSTREAM_RESOURCES=closed_url).test_client()
    response = client.get("/api/resources/v1/centres", headers=issuer.headers())
    assert response.status_code == 502
    assert response.mimetype == PROBLEM
    problem = response.get_json()
    assert problem["type"] == "urn:epimorfosi:problem:bad-gateway"
    assert problem["title"] == "Η υπηρεσία δεν απάντησε σωστά"
    assert problem["upstream"] == "resources"
    metrics = client.get("/metrics").get_data(as_text=True)
    assert 'gateway_upstream_requests_total{method="GET",status="unreachable",upstream="resources"}' in metrics


def test_slow_upstream_is_504(make_gateway, issuer):
    client = make_gateway(EPI_UPSTREAM_TIMEOUT="0.3").test_client()
    response = client.get("/api/enrollment/v1/slow?seconds=1.5", headers=issuer.headers())
    assert response.status_code == 504
    assert response.mimetype == PROBLEM
    assert response.get_json()["title"] == "Η υπηρεσία άργησε να απαντήσει"


def test_printing_a_list_has_the_slow_timeout_and_nothing_else_does(make_gateway, issuer):
    client = make_gateway(EPI_UPSTREAM_TIMEOUT="0.3", EPI_UPSTREAM_SLOW_TIMEOUT="3").test_client()
    printed = client.post("/api/documents/v1/lists/k4?seconds=1", json={"rows": []}, headers=issuer.headers())
    assert printed.status_code == 201 and printed.get_json() == {"code": "k4"}
    # The same path read (GET), or another service's POST /v1/lists, keeps the upstream timeout.
    assert client.get("/api/documents/v1/lists/k4?seconds=1", headers=issuer.headers()).status_code == 504
    assert client.post("/api/enrollment/v1/lists/k4?seconds=1", json={}, headers=issuer.headers()).status_code == 504


def test_the_slow_timeout_still_ends_a_hung_render(make_gateway, issuer):
    client = make_gateway(EPI_UPSTREAM_TIMEOUT="0.2", EPI_UPSTREAM_SLOW_TIMEOUT="0.5").test_client()
    response = client.post("/api/documents/v1/lists/k4?seconds=1.5", json={}, headers=issuer.headers())
    assert response.status_code == 504 and response.get_json()["upstream"] == "documents"


def test_the_web_clients_print_pages_wait_as_long_as_the_print(make_gateway, upstream):
    client = make_gateway(EPI_UPSTREAM_TIMEOUT="0.3", EPI_UPSTREAM_SLOW_TIMEOUT="3").test_client()
    assert client.post("/programmes/lists/k4/programme/P1/pdf?sleep=1").status_code == 200
    assert client.post("/trainers/pdf?sleep=1").status_code == 200
    before = len(upstream.requests)
    assert client.get("/programmes/lists/k3?sleep=1").status_code == 504  # a page: the usual timeout
    assert client.post("/trainers/import?sleep=1").status_code == 504
    # The upstream still answers the two the gateway gave up on: wait, so that later tests, which
    # count the upstream's requests, do not see them arrive.
    deadline = time.monotonic() + 10
    while len(upstream.requests) < before + 2 and time.monotonic() < deadline:
        time.sleep(0.05)


def test_slow_routes_are_only_documents_list_printing():
    from gateway.routes import ROUTES, is_slow
    assert [(name, route.slow) for name, route in ROUTES.items() if route.slow] == [
        ("documents", (("POST", "/v1/lists"),))]
    assert is_slow(ROUTES["documents"], "POST", "/v1/lists/m1")
    assert not is_slow(ROUTES["documents"], "POST", "/v1/listsx")


def test_metrics_count_proxied_requests(client, issuer):
    client.get("/api/enrollment/v1/things", headers=issuer.headers())
    text = client.get("/metrics").get_data(as_text=True)
    assert 'gateway_upstream_requests_total{method="GET",status="200",upstream="enrollment"}' in text
    assert 'gateway_upstream_duration_seconds_count{upstream="enrollment"}' in text
    assert 'http_requests_total{method="GET",route="/api/<service>/v1/<path:path>",service="gateway",status="200"}' in text


def test_too_large_body_is_413_and_not_forwarded(make_gateway, issuer, upstream):
    client = make_gateway(EPI_MAX_BODY_BYTES="1000").test_client()
    before = len(upstream.requests)
    response = client.post("/api/documents/v1/upload", data=b"x" * 5000, headers=issuer.headers())
    assert response.status_code == 413
    assert response.mimetype == PROBLEM
    assert response.get_json()["title"] == "Το αίτημα είναι πολύ μεγάλο"
    assert len(upstream.requests) == before
