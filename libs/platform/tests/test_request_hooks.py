"""The request hooks every HTTP entry point shares (services through create_app, the gateway)."""
import uuid

import pytest
from flask import Flask, g

from epimorfosi_platform.web import begin_request, end_request, finish_request


@pytest.fixture
def client():
    app = Flask("hooks")
    app.before_request(begin_request)
    app.after_request(lambda response: (finish_request("hooks", response), response)[1])
    app.teardown_request(lambda _exc: end_request())

    @app.get("/ids")
    def ids():
        return {"request_id": g.request_id, "correlation_id": g.correlation_id}

    return app.test_client()


def test_a_plain_client_request_id_is_kept_and_is_the_correlation_by_default(client):
    response = client.get("/ids", headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"
    assert response.get_json() == {"request_id": "abc-123", "correlation_id": "abc-123"}


@pytest.mark.parametrize("bad", ["bad id\twith spaces", "x" * 129, "ένα"])
def test_an_unusable_request_id_is_replaced(client, bad):
    response = client.get("/ids", headers={"X-Request-ID": bad, "X-Correlation-ID": bad})
    body = response.get_json()
    assert uuid.UUID(body["request_id"]) and response.headers["X-Request-ID"] == body["request_id"]
    assert body["correlation_id"] == body["request_id"]


def test_a_missing_request_id_is_created_and_a_correlation_id_kept(client):
    body = client.get("/ids", headers={"X-Correlation-ID": "journey-7"}).get_json()
    assert uuid.UUID(body["request_id"]) and body["correlation_id"] == "journey-7"
