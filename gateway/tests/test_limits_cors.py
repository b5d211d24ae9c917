ALLOWED = "http://localhost:8000"


def test_rate_limit_per_subject(make_gateway, issuer):
    client = make_gateway(EPI_RATE_LIMIT="3/minute").test_client()
    alice = issuer.headers("alice")
    for _ in range(3):
        assert client.get("/api/applications/v1/periods", headers=alice).status_code == 200
    response = client.get("/api/applications/v1/periods", headers=alice)
    assert response.status_code == 429
    assert response.mimetype == "application/problem+json"
    assert 0 < int(response.headers["Retry-After"]) <= 60
    problem = response.get_json()
    assert problem["type"] == "urn:epimorfosi:problem:too-many-requests"
    assert "Δοκιμάστε ξανά" in problem["detail"]
    assert response.headers["X-Request-ID"]
    # Another user from the same address is not affected.
    assert client.get("/api/applications/v1/periods", headers=issuer.headers("bob")).status_code == 200
    # Operations endpoints are never limited.
    for _ in range(5):
        assert client.get("/livez").status_code == 200


def test_rate_limit_per_address_without_token(make_gateway):
    client = make_gateway(EPI_RATE_LIMIT="2/minute").test_client()
    school = {"REMOTE_ADDR": "10.1.1.1"}
    for _ in range(2):
        assert client.get("/api/documents/v1/verify/X", environ_base=school).status_code == 200
    assert client.get("/api/documents/v1/verify/X", environ_base=school).status_code == 429
    # Bad tokens are counted by address too.
    bad = {"Authorization": "Bearer nope"}
    assert client.get("/api/documents/v1/verify/X", environ_base=school, headers=bad).status_code == 429
    assert client.get("/api/documents/v1/verify/X", environ_base={"REMOTE_ADDR": "10.2.2.2"}).status_code == 200


def test_cors_preflight_for_allowed_origin(client, upstream):
    before = len(upstream.requests)
    response = client.options(
        "/api/applications/v1/periods",
        headers={
            "Origin": ALLOWED,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type, idempotency-key",
        },
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "authorization" in response.headers["Access-Control-Allow-Headers"].lower()
    assert "idempotency-key" in response.headers["Access-Control-Allow-Headers"].lower()
    assert len(upstream.requests) == before  # answered by the gateway, no token needed


def test_cors_refuses_other_origins(client):
    response = client.options(
        "/api/applications/v1/periods",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_on_actual_responses_exposes_request_id(make_gateway, issuer):
    client = make_gateway(EPI_CORS_ORIGINS="https://epimorfosi.example").test_client()
    response = client.get(
        "/api/applications/v1/periods", headers={**issuer.headers(), "Origin": "https://epimorfosi.example"}
    )
    assert response.headers["Access-Control-Allow-Origin"] == "https://epimorfosi.example"
    exposed = response.headers["Access-Control-Expose-Headers"].lower()
    assert "x-request-id" in exposed and "retry-after" in exposed
    # The default local origins are no longer allowed once configured otherwise.
    response = client.get("/api/applications/v1/periods", headers={**issuer.headers(), "Origin": ALLOWED})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_an_empty_origin_list_allows_no_browser_origin(make_gateway, issuer):
    # k8s/base/gateway/config.env sets EPI_CORS_ORIGINS= : empty is "none", not "the local defaults".
    client = make_gateway(EPI_CORS_ORIGINS="").test_client()
    response = client.get("/api/applications/v1/periods", headers={**issuer.headers(), "Origin": ALLOWED})
    assert response.status_code == 200 and "Access-Control-Allow-Origin" not in response.headers


def test_local_counters_expire_their_windows():
    import time

    from gateway.ratelimit import LocalCounters

    counters = LocalCounters()
    assert counters.incr("k", 0.05) == 1
    assert counters.incr("k", 0.05) == 2
    assert counters.get("k") == 2
    time.sleep(0.06)
    assert counters.get("k") == 0
    assert counters.incr("k", 10) == 1  # a new window
    counters._next_sweep = 0
    counters.incr("other", 0.01)
    time.sleep(0.02)
    counters._next_sweep = 0
    counters.incr("k", 10)
    assert "other" not in counters._counters  # finished windows are swept, no timer threads


def test_trusted_proxy_supplies_the_client_address(make_gateway, issuer):
    client = make_gateway(EPI_TRUSTED_PROXY_HOPS="1", EPI_RATE_LIMIT="1/minute").test_client()
    via_ingress = {"X-Forwarded-For": "203.0.113.5", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "epimorfosi.example"}
    seen = client.get("/api/documents/v1/verify/A", headers=via_ingress).get_json()["headers"]
    assert seen["X-Forwarded-For"] == "203.0.113.5, 127.0.0.1"
    assert seen["X-Forwarded-Proto"] == "https"
    assert seen["X-Forwarded-Host"] == "epimorfosi.example"
    # Limits are per real client, not per ingress.
    assert client.get("/api/documents/v1/verify/A", headers=via_ingress).status_code == 429
    other = {**via_ingress, "X-Forwarded-For": "198.51.100.7"}
    assert client.get("/api/documents/v1/verify/A", headers=other).status_code == 200


def test_the_verification_page_has_its_own_lower_limit_per_address(make_gateway):
    client = make_gateway(EPI_RATE_LIMIT="100/minute", EPI_VERIFY_RATE_LIMIT="3/minute").test_client()
    browser = {"REMOTE_ADDR": "10.3.3.3"}
    for _ in range(3):
        assert client.get("/verify/ABCD-EFGH-JKMN", environ_base=browser).status_code == 200
    refused = client.get("/verify/ABCD-EFGH-JKMP", environ_base=browser)
    assert refused.status_code == 429 and "Δοκιμάστε ξανά" in refused.get_json()["detail"]
    # Other pages from the same address, and the same page from another address, are not affected.
    assert client.get("/programmes", environ_base=browser).status_code == 200
    assert client.get("/verify/ABCD-EFGH-JKMN", environ_base={"REMOTE_ADDR": "10.4.4.4"}).status_code == 200
