"""The identity service shell: configuration of the dev issuer, accounts API, seed, events,
OpenAPI, health. The Keycloak realm: test_keycloak_realm_file.py."""
import json

import pytest
from epimorfosi_platform.events import validate_example
from sqlalchemy import func, select

from identity import SERVICE, create_app
from identity.dev_issuer import DevIssuerRefused
from identity.dev_issuer.seed import DEV_PASSWORD, DEV_USERS, seed_dev_users
from identity.accounts.rules import ROLES, password_errors
from epimorfosi_platform.afm import is_valid_afm
from identity.models import UserAccount
from identity_helpers import dev_settings


# -- configuration -----------------------------------------------------------------


def test_dev_issuer_refuses_to_start_in_production(database, tmp_path):
    with pytest.raises(DevIssuerRefused):
        create_app(dev_settings(database, tmp_path, production=True))


def test_production_without_the_dev_issuer_starts_and_has_no_oidc_routes(database, tmp_path):
    app = create_app(dev_settings(database, tmp_path, dev_issuer=False, production=True))
    client = app.test_client()
    assert client.get("/oidc/.well-known/openid-configuration").status_code == 404
    assert client.get("/livez").status_code == 200
    app.extensions["epimorfosi"].db.dispose()


def test_dev_issuer_is_off_unless_asked_for(database, tmp_path):
    app = create_app(dev_settings(database, tmp_path, dev_issuer=False))
    assert app.test_client().get("/oidc/jwks").status_code == 404
    app.extensions["epimorfosi"].db.dispose()


def test_issuer_is_mounted_at_the_path_of_the_configured_url(database, tmp_path):
    app = create_app(dev_settings(database, tmp_path, issuer="http://localhost:9000/auth/dev"))
    doc = app.test_client().get("/auth/dev/.well-known/openid-configuration").get_json()
    assert doc["issuer"] == "http://localhost:9000/auth/dev"
    assert doc["token_endpoint"] == "http://localhost:9000/auth/dev/token"
    app.extensions["epimorfosi"].db.dispose()


# -- accounts ----------------------------------------------------------------------


def test_seed_is_idempotent_and_announces_each_account_once(app, client):
    runtime = app.extensions["epimorfosi"]
    client.get("/oidc/jwks")  # first request seeds
    assert seed_dev_users(runtime) == 0
    with runtime.db.session() as s:
        accounts = s.scalars(select(UserAccount)).all()
        events = [json.loads(r.envelope) for r in s.execute(select(runtime.tables.outbox)).all()]
    assert sorted(a.email for a in accounts) == sorted(u.email for u in DEV_USERS)
    assert {r for a in accounts for r in a.roles} == set(ROLES), "a test user of every role"
    assert [e["type"] for e in events] == ["identity.user.registered.v1"] * len(DEV_USERS)
    assert {e["subject"] for e in events} == {str(a.id) for a in accounts}
    assert all("afm" not in e["data"] and "email" not in e["data"] for e in events)


def test_seed_racing_from_two_workers_creates_each_account_once(app):
    import threading

    runtime = app.extensions["epimorfosi"]
    barrier = threading.Barrier(2)
    results = []

    def seed():
        barrier.wait()
        results.append(seed_dev_users(runtime))

    threads = [threading.Thread(target=seed) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(results) == 2  # both workers finished (a lost race is not an error)
    assert sum(results) == len(DEV_USERS)
    with runtime.db.session() as s:
        assert s.scalar(select(func.count()).select_from(UserAccount)) == len(DEV_USERS)
        assert s.scalar(select(func.count()).select_from(runtime.tables.outbox)) == len(DEV_USERS)


def test_seed_data_is_valid():
    assert password_errors(DEV_PASSWORD) == []
    assert all(is_valid_afm(u.afm) for u in DEV_USERS if u.afm)
    assert len({u.email for u in DEV_USERS}) == len(DEV_USERS)
    assert all(u.centre_id for u in DEV_USERS if {"kse-head", "coordinator"} & set(u.roles))


def test_me_with_a_dev_issuer_token(client, oidc):
    tokens = oidc.tokens_for("kse1@epimorfosi.test")
    response = client.get("/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["has_account"] is True and body["centre_id"] == "KSE-0001"
    assert body["roles"] == [{"id": "kse-head", "label": "Υπεύθυνος ΚΣΕ"}]
    assert body["email"] == "kse1@epimorfosi.test"


def test_me_with_a_keycloak_style_token_and_no_local_account(database, tmp_path, foreign_issuer):
    app = create_app(
        dev_settings(database, tmp_path, dev_issuer=False, issuer=foreign_issuer.issuer, EPI_ACCOUNT_DIRECTORY="local")
    )
    foreign_issuer.install(app)
    headers = foreign_issuer.headers("kc-123", ["teacher"], email="someone@example.gr", name="Κάποιος")
    body = app.test_client().get("/v1/me", headers=headers).get_json()
    assert body["has_account"] is False and body["display_name"] == "Κάποιος"
    assert body["roles"] == [{"id": "teacher", "label": "Εκπαιδευτικός"}]
    app.extensions["epimorfosi"].db.dispose()


def test_me_and_roles_need_a_token(client):
    for path in ("/v1/me", "/v1/roles"):
        response = client.get(path)
        assert response.status_code == 401 and response.mimetype == "application/problem+json"


def test_roles_are_listed_in_greek(client, oidc):
    tokens = oidc.tokens_for("helpdesk1@epimorfosi.test")
    roles = client.get("/v1/roles", headers={"Authorization": f"Bearer {tokens['access_token']}"}).get_json()
    assert [r["id"] for r in roles] == list(ROLES)


@pytest.mark.parametrize(
    "password, broken",
    [("Aa1!aaaa", 0), ("Aa1!", 1), ("Aa1!aaaaaaaaaaaa", 1), ("aaaaaaa1!", 1), ("AAAAAAA1!", 1), ("Aaaaaaaa!", 1),
     ("Aaaaaaaa1", 1), ("Aa1!aaaa€", 1), ("Αα1!aaaaB", 1)],
)
def test_password_policy_of_the_manual(password, broken):
    assert len(password_errors(password)) == broken, password_errors(password)


# -- contracts ---------------------------------------------------------------------


def test_every_published_event_has_an_example_that_matches_its_schema():
    def types(suffix):
        return {p.name.removesuffix(suffix) for p in SERVICE.events_dir.glob(f"*{suffix}")}

    assert types(".schema.json") == types(".example.json") == {"identity.user.registered.v1", "identity.user.verified.v1"}
    for event_type in types(".schema.json"):
        validate_example(SERVICE.events_dir, event_type)


def test_openapi_document_is_served_and_committed(client):
    from epimorfosi_platform.cli import committed_openapi_path

    served = client.get("/v1/openapi.json").get_json()
    assert {"/v1/me", "/v1/roles"} <= set(served["paths"])
    assert not any(p.startswith("/oidc") for p in served["paths"]), "the dev issuer is not part of the API"
    committed = json.loads(committed_openapi_path(SERVICE).read_text(encoding="utf-8"))
    assert committed == served, "run `python -m identity openapi --write`"


def test_health_and_metrics(client):
    assert client.get("/livez").get_json()["service"] == "identity"
    ready = client.get("/readyz").get_json()
    assert ready["checks"]["database"]["ok"] is True
    assert ready["checks"]["signing_keys"]["ok"] is True  # its own keys, read in-process
    assert "outbox_backlog" in client.get("/metrics").get_data(as_text=True)
