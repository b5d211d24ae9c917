from gateway.routes import ROUTES


def test_openapi_index_lists_every_service(client):
    index = client.get("/api/openapi.json").get_json()
    assert [entry["url"] for entry in index["urls"]] == [f"/api/{name}/v1/openapi.json" for name in ROUTES]
    assert set(index["services"]) == set(ROUTES)


def test_service_document_is_public_and_points_at_the_gateway(client):
    response = client.get("/api/enrollment/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["servers"] == [{"url": "/api/enrollment"}]
    assert document["paths"] == {"/v1/things": {}}


def test_swagger_ui_is_served_locally(client):
    assert client.get("/api/docs").status_code == 308
    page = client.get("/api/docs/?service=documents")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "/api/docs/assets/swagger-ui-bundle.js" in html
    assert "/api/documents/v1/openapi.json" in html
    assert '"urls.primaryName": "documents' in html
    assert "https://" not in html  # no CDN
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui-standalone-preset.js"):
        response = client.get(f"/api/docs/assets/{asset}")
        assert response.status_code == 200
        response.close()
    assert client.get("/static/swagger-init.js").status_code == 200


def test_status_page_with_one_service_up_and_one_down(make_gateway, closed_url):
    client = make_gateway(EPI_UPSTREAM_DOCUMENTS=closed_url).test_client()
    response = client.get("/status")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Κατάσταση υπηρεσιών" in html
    assert "Σε λειτουργία" in html and "Δεν απαντά" in html
    assert "Βάση δεδομένων" in html
    assert "Ορισμένες υπηρεσίες έχουν προβλήματα" in html
    assert "/api/docs/?service=applications" in html
    states = {
        s["name"]: s["state"]
        for s in client.get("/status", headers={"Accept": "application/json"}).get_json()["services"]
    }
    assert states["documents"] == "unreachable"
    assert states["applications"] == "ready"


def test_health_endpoints(client):
    assert client.get("/livez").get_json() == {"status": "ok", "service": "gateway"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["checks"]["signing_keys"]["ok"] is True
    assert b"http_requests_total" in client.get("/metrics").data


def test_committed_openapi_is_current():
    from gateway.__main__ import main

    assert main(["openapi", "--check"]) == 0
