"""The running Keycloak realm matches identity/keycloak/realm-epimorfosi.json (the source of truth),
and a token issued to a real user carries what the services rely on (aud, realm roles, centre_id).
What the file itself must say is checked offline by identity/tests/test_keycloak_realm_file.py.

Needs the stack profile: `deploy/local/stack.sh up && eval "$(deploy/local/stack.sh env)"`.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path

import pytest
from keycloak import KeycloakAdmin, KeycloakOpenID
from keycloak.exceptions import KeycloakError

pytestmark = [
    pytest.mark.skipif(os.environ.get("EPI_STACK") != "1", reason="needs the stack profile (EPI_STACK=1)"),
    pytest.mark.timeout(120),
]


REALM = "epimorfosi"
REALM_FILE = Path(__file__).resolve().parents[2] / "identity" / "keycloak" / "realm-epimorfosi.json"
KEYCLOAK_URL = os.environ.get("EPI_KEYCLOAK_URL", "http://127.0.0.1:8180")
ISSUER = os.environ.get("EPI_OIDC_ISSUER", f"{KEYCLOAK_URL}/realms/{REALM}")
AUDIENCE = os.environ.get("EPI_OIDC_AUDIENCE", "epimorfosi-api")
PASSWORD = "Abcdef1!"

_PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9_.]+):([^}]*)\}")


def resolve(value: str) -> str:
    """Keycloak replaces ${VAR:default} placeholders at import time; do the same for comparisons."""
    return _PLACEHOLDER.sub(lambda m: os.environ.get(m.group(1), m.group(2)), value)


# ---------------------------------------------------------------- fixtures -----------------------
@pytest.fixture(scope="module")
def spec() -> dict:
    return json.loads(REALM_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def admin() -> KeycloakAdmin:
    return KeycloakAdmin(
        server_url=KEYCLOAK_URL,
        username=os.environ.get("EPI_KEYCLOAK_ADMIN", "admin"),
        password=os.environ.get("EPI_KEYCLOAK_ADMIN_PASSWORD", "admin"),
        realm_name=REALM,
        user_realm_name="master",
    )


@pytest.fixture(scope="module")
def running(admin: KeycloakAdmin) -> dict:
    return admin.get_realm(REALM)


@pytest.fixture(scope="module")
def running_clients(admin: KeycloakAdmin) -> dict[str, dict]:
    return {c["clientId"]: c for c in admin.get_clients()}


@pytest.fixture()
def kse_head(admin: KeycloakAdmin):
    """A KSE head of centre KSE-001, created through the admin API and always deleted afterwards."""
    email = f"kse-head-{uuid.uuid4().hex[:10]}@epimorfosi.example"
    user_id = admin.create_user(
        {
            "username": email,
            "email": email,
            "emailVerified": True,
            "enabled": True,
            "firstName": "Μαρία",
            "lastName": "Παπαδοπούλου",
            "attributes": {"centre_id": ["KSE-001"], "afm": ["123456789"]},
            "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}],
        }
    )
    try:
        admin.assign_realm_roles(user_id, [admin.get_realm_role("kse-head")])
        yield {"id": user_id, "email": email}
    finally:
        admin.delete_user(user_id)


# ---------------------------------------------------------------- realm == file ------------------
REALM_SETTINGS = [
    "passwordPolicy",
    "bruteForceProtected",
    "permanentLockout",
    "failureFactor",
    "waitIncrementSeconds",
    "maxFailureWaitSeconds",
    "verifyEmail",
    "registrationEmailAsUsername",
    "loginWithEmailAllowed",
    "duplicateEmailsAllowed",
    "internationalizationEnabled",
    "defaultLocale",
]


@pytest.mark.parametrize("key", REALM_SETTINGS)
def test_realm_setting_matches_file(spec, running, key):
    assert key in spec, f"{key} must be set explicitly in the realm file"
    assert running.get(key) == spec[key]


def test_locales_and_smtp(spec, running):
    assert set(running["supportedLocales"]) == set(spec["supportedLocales"]) == {"el", "en"}
    for key, value in spec["smtpServer"].items():
        assert running["smtpServer"].get(key) == resolve(value), key


def test_every_realm_role_exists(admin, spec):
    roles = {r["name"]: r for r in admin.get_realm_roles(brief_representation=False)}
    expected = {r["name"]: r for r in spec["roles"]["realm"]}
    assert set(expected) == {
        "central-admin", "kse-head", "coordinator", "technical-lead",
        "teacher", "trainer", "helpdesk-agent", "school-unit",
    }
    for name, role in expected.items():
        assert name in roles, name
        assert roles[name].get("description") == role["description"]


CLIENT_FIELDS = [
    "publicClient",
    "standardFlowEnabled",
    "implicitFlowEnabled",
    "directAccessGrantsEnabled",
    "serviceAccountsEnabled",
]


def test_every_client_exists_as_declared(spec, running_clients):
    for client in spec["clients"]:
        live = running_clients.get(client["clientId"])
        assert live is not None, client["clientId"]
        for field in CLIENT_FIELDS:
            assert live.get(field) == client.get(field, False), (client["clientId"], field)
        assert set(live.get("redirectUris", [])) == set(client.get("redirectUris", []))
        assert set(live.get("webOrigins", [])) == set(client.get("webOrigins", []))
        assert set(client["defaultClientScopes"]) <= set(live.get("defaultClientScopes", []))
        for attr, value in client.get("attributes", {}).items():
            assert live["attributes"].get(attr) == value, (client["clientId"], attr)


def test_public_clients_require_pkce(running_clients):
    for client_id in ("epimorfosi-web", "epimorfosi-mobile"):
        live = running_clients[client_id]
        assert live["publicClient"] and live["standardFlowEnabled"]
        assert live["attributes"].get("pkce.code.challenge.method") == "S256"
    assert running_clients["epimorfosi-mobile"]["redirectUris"] == ["gr.epimorfosi.app:/oauth2redirect"]


def test_api_scope_is_default_for_our_clients(admin, spec, running_clients):
    scope = next(s for s in admin.get_client_scopes() if s["name"] == "epimorfosi-api")
    mappers = {m["name"]: m for m in scope.get("protocolMappers", [])}
    audience = [m for m in mappers.values() if m["protocolMapper"] == "oidc-audience-mapper"]
    assert audience and audience[0]["config"]["included.custom.audience"] == AUDIENCE
    for attribute in ("centre_id", "afm"):
        mapper = next(m for m in mappers.values() if m["config"].get("user.attribute") == attribute)
        assert mapper["config"]["claim.name"] == attribute
        assert mapper["config"]["access.token.claim"] == "true"
    for client in spec["clients"]:
        assert "epimorfosi-api" in running_clients[client["clientId"]]["defaultClientScopes"]


def test_identity_service_account_can_manage_users(admin, running_clients):
    service_user = admin.get_client_service_account_user(running_clients["identity-svc"]["id"])
    realm_management = running_clients["realm-management"]["id"]
    roles = {r["name"] for r in admin.get_client_roles_of_user(service_user["id"], realm_management)}
    assert {"manage-users", "view-users", "query-users"} <= roles


def test_user_profile_attributes(admin, spec):
    component = spec["components"]["org.keycloak.userprofile.UserProfileProvider"][0]
    declared = json.loads(component["config"]["kc.user.profile.config"][0])
    live = admin.connection.raw_get(f"/admin/realms/{REALM}/users/profile").json()
    names = {a["name"] for a in live["attributes"]}
    assert {a["name"] for a in declared["attributes"]} == names
    assert {
        "username", "email", "firstName", "lastName", "afm", "registry_number", "gender",
        "father_name", "mother_name", "birth_year", "centre_id", "gsis_verified_at",
    } <= names
    assert live.get("unmanagedAttributePolicy") == declared.get("unmanagedAttributePolicy")


# ---------------------------------------------------------------- behaviour ----------------------
def test_token_for_kse_head_carries_audience_roles_and_centre(kse_head):
    oidc = KeycloakOpenID(server_url=KEYCLOAK_URL, realm_name=REALM, client_id="epimorfosi-tests")
    tokens = oidc.token(kse_head["email"], PASSWORD)
    claims = oidc.decode_token(tokens["access_token"])  # verifies the RS256 signature with the JWKS
    aud = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    assert AUDIENCE in aud
    assert "kse-head" in claims["realm_access"]["roles"]
    assert claims["centre_id"] == "KSE-001"
    assert claims["afm"] == "123456789"
    assert claims["iss"] == ISSUER
    assert claims["azp"] == "epimorfosi-tests"


@pytest.mark.parametrize(
    "password",
    [
        "Abc1!",             # shorter than 8
        "Abcdefgh12345!x",   # 15 characters: allowed (control, see below)
        "Abcdefgh123456!x",  # 16 characters
        "abcdef1!",          # no upper case
        "ABCDEF1!",          # no lower case
        "Abcdefg!",          # no digit
        "Abcdefg1",          # no symbol
        "Abcdef1!_",         # symbol outside !@#$%^&*()
        "Αbcdef1!",          # Greek capital alpha, not Latin
    ],
)
def test_password_policy(admin, kse_head, password):
    allowed = password == "Abcdefgh12345!x"
    try:
        admin.set_user_password(kse_head["id"], password, temporary=False)
        accepted = True
    except KeycloakError:
        accepted = False
    assert accepted is allowed
