"""The Keycloak realm as code (identity/keycloak/realm-epimorfosi.json), checked offline against what
the services, the configuration and the dev issuer rely on. That the running Keycloak matches this
file is tests/stack/test_keycloak_realm.py's job."""
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from epimorfosi_platform import Settings

from identity.accounts.rules import PASSWORD_MAX, PASSWORD_MIN, PASSWORD_SYMBOLS, ROLES
from identity.dev_issuer.clients import CLIENTS
from identity.dev_issuer.seed import DEV_USERS
from identity.dev_issuer.claims import access_claims
from identity.dev_issuer.server import Lifetimes
from identity.directory import PROFILE_FIELDS
from identity.registration.rules import GENDERS, registry_number_errors

ROOT = Path(__file__).resolve().parents[2]
REALM_FILE = ROOT / "identity" / "keycloak" / "realm-epimorfosi.json"
# Where the deployments name the realm (issuer URLs) and the audience the services require.
CONFIGURATION = [ROOT / "deploy" / "local" / "stack.sh", *sorted((ROOT / "k8s").rglob("*.env")),
                 *sorted((ROOT / "k8s").rglob("*.yaml"))]
PUBLIC_CLIENTS = ("epimorfosi-web", "epimorfosi-mobile")
# Keycloak's value when the realm does not set accessCodeLifespan.
KEYCLOAK_DEFAULT_CODE_LIFESPAN = 60


@pytest.fixture(scope="module")
def realm() -> dict:
    assert REALM_FILE.is_file(), f"the realm as code is missing: {REALM_FILE}"
    return json.loads(REALM_FILE.read_text(encoding="utf-8"))


def clients(realm: dict) -> dict[str, dict]:
    return {c["clientId"]: c for c in realm["clients"]}


def client_scope(realm: dict, name: str) -> dict:
    [scope] = [s for s in realm["clientScopes"] if s["name"] == name]
    return scope


def profile_config(realm: dict) -> dict:
    [component] = realm["components"]["org.keycloak.userprofile.UserProfileProvider"]
    return json.loads(component["config"]["kc.user.profile.config"][0])


def user_profile(realm: dict) -> dict[str, dict]:
    return {a["name"]: a for a in profile_config(realm)["attributes"]}


def configured(pattern: str) -> set[str]:
    found = set()
    for path in CONFIGURATION:
        found |= set(re.findall(pattern, path.read_text(encoding="utf-8")))
    return found


def access_token_claims(scope: dict) -> set[str]:
    names = set()
    for mapper in scope.get("protocolMappers", []):
        config = mapper["config"]
        if config.get("access.token.claim") != "true":
            continue
        if mapper["protocolMapper"] == "oidc-full-name-mapper":
            names.add("name")
        elif "claim.name" in config:
            names.add(config["claim.name"])
    return names


def test_the_realm_is_the_one_every_issuer_url_names(realm):
    assert realm["enabled"] is True
    assert configured(r"/realms/([A-Za-z0-9_-]+)") == {realm["realm"]}


def test_the_realm_states_the_required_policies(realm):
    # Requirements of the call, not choices: lock-out after 5 failures, verified e-mail, Greek first.
    assert realm["bruteForceProtected"] is True and realm["failureFactor"] == 5
    assert realm["verifyEmail"] is True and realm["defaultLocale"] == "el"
    assert realm["registrationEmailAsUsername"] is True and realm["duplicateEmailsAllowed"] is False


def test_the_file_contains_no_people(realm):
    # Only service-account users may appear in the file; people are created through the admin API.
    assert realm["users"] and all(u.get("serviceAccountClientId") for u in realm["users"])


def test_realm_roles_are_exactly_the_roles_identity_knows(realm):
    roles = realm["roles"]["realm"]
    assert [r["name"] for r in roles] == list(ROLES)
    assert all(r["description"] and not r["composite"] for r in roles)


def test_public_clients_are_the_dev_issuers_with_code_flow_and_pkce(realm):
    for client_id in PUBLIC_CLIENTS:
        theirs, ours = clients(realm)[client_id], CLIENTS[client_id]
        assert theirs["publicClient"] is True and ours.is_public, client_id
        assert theirs["standardFlowEnabled"] is True, client_id
        assert theirs["implicitFlowEnabled"] is False and theirs["directAccessGrantsEnabled"] is False, client_id
        assert theirs["attributes"]["pkce.code.challenge.method"] == "S256", client_id
        assert sorted(theirs["redirectUris"]) == sorted(ours.redirect_uris), client_id
        post_logout = theirs["attributes"]["post.logout.redirect.uris"].split("##")
        assert sorted(post_logout) == sorted(ours.post_logout_redirect_uris), client_id
        # "+": the origins of the redirect URIs, which is how the dev issuer derives its own.
        assert theirs["webOrigins"] == (["+"] if ours.web_origins else []), client_id


def test_the_tests_client_has_the_password_grant_the_stack_tests_use(realm):
    tests = clients(realm)["epimorfosi-tests"]
    assert tests["publicClient"] is True and tests["directAccessGrantsEnabled"] is True
    assert tests["standardFlowEnabled"] is False and tests["serviceAccountsEnabled"] is False


def test_confidential_clients_take_their_secret_from_the_environment(realm):
    confidential = {cid: c for cid, c in clients(realm).items() if not c["publicClient"]}
    assert set(confidential) == {"epimorfosi-gateway", "identity-svc", "epimorfosi-bff"}
    for client_id, client in confidential.items():
        assert re.fullmatch(r"\$\{EPI_KC_[A-Z_]+_SECRET:[^}]+\}", client["secret"]), client_id


def test_identitys_service_account_may_manage_users(realm):
    identity = clients(realm)["identity-svc"]
    assert identity["serviceAccountsEnabled"] is True
    assert identity["standardFlowEnabled"] is False and identity["directAccessGrantsEnabled"] is False
    [account] = [u for u in realm["users"] if u.get("serviceAccountClientId") == "identity-svc"]
    assert {"manage-users", "view-users", "query-users"} <= set(account["clientRoles"]["realm-management"])


def test_api_scope_puts_the_audience_and_the_centre_in_every_access_token(realm):
    audience = Settings.from_env("identity", env={}).oidc_audience
    assert configured(r"EPI_OIDC_AUDIENCE=(\S+)") == {audience}
    scope = client_scope(realm, "epimorfosi-api")
    [mapper] = [m for m in scope["protocolMappers"] if m["protocolMapper"] == "oidc-audience-mapper"]
    assert mapper["config"]["included.custom.audience"] == audience
    assert mapper["config"]["access.token.claim"] == "true"
    attributes = {m["config"].get("user.attribute"): m["config"] for m in scope["protocolMappers"]}
    for attribute in ("centre_id", "afm"):
        assert attributes[attribute]["claim.name"] == attribute
        assert attributes[attribute]["access.token.claim"] == "true"
    for client_id, client in clients(realm).items():
        assert {"epimorfosi-api", "roles", "profile", "email"} <= set(client["defaultClientScopes"]), client_id
    assert {"epimorfosi-api", "roles", "profile", "email"} <= set(realm["defaultDefaultClientScopes"])


def test_access_tokens_carry_every_claim_the_dev_issuer_puts_there(realm):
    account = SimpleNamespace(email="a@epimorfosi.test", email_verified=True, first_name="Α", last_name="Β",
                              centre_id="KSE-0001", afm="123456789", roles=("kse-head",))
    dev_claims = set(access_claims(SimpleNamespace(account=account)))
    realm_claims = set().union(*(access_token_claims(client_scope(realm, name))
                                 for name in ("roles", "profile", "email", "epimorfosi-api")))
    # The realm's roles mapper writes the nested claim realm_access.roles.
    assert "realm_access.roles" in realm_claims
    assert dev_claims - {"realm_access"} <= realm_claims, dev_claims - realm_claims


def test_token_lifetimes_are_the_dev_issuers(realm):
    lifetimes = Lifetimes()
    assert realm["accessTokenLifespan"] == lifetimes.access_token
    assert realm["ssoSessionIdleTimeout"] == lifetimes.session_idle
    assert realm["ssoSessionMaxLifespan"] == lifetimes.session_max
    assert realm.get("accessCodeLifespan", KEYCLOAK_DEFAULT_CODE_LIFESPAN) == lifetimes.code


def test_password_policy_is_the_one_identity_enforces(realm):
    rules = dict(re.fullmatch(r"(\w+)\((.*)\)", rule).groups() for rule in realm["passwordPolicy"].split(" and "))
    assert rules.pop("length") == str(PASSWORD_MIN) and rules.pop("maxLength") == str(PASSWORD_MAX)
    allowed = re.compile(rules.pop("regexPattern"))
    assert allowed.match("Aa1" + PASSWORD_SYMBOLS) and not allowed.match("Aa1!_") and not allowed.match("Αa1!")
    assert rules == {"lowerCase": "1", "upperCase": "1", "digits": "1", "specialChars": "1"}


def test_user_profile_declares_what_identity_stores_and_only_admins_change_it(realm):
    profile = user_profile(realm)
    names = {"first_name": "firstName", "last_name": "lastName"}
    stored = {names.get(f, f) for f in PROFILE_FIELDS}
    assert set(profile) == {"username", "email"} | stored
    for name in stored - {"firstName", "lastName"}:
        # The centre in a token grants authority over that centre; the ΑΦΜ is GSIS-proven.
        assert profile[name]["permissions"]["edit"] == ["admin"], name
    assert profile["gender"]["validations"]["options"]["options"] == list(GENDERS)
    afm = re.compile(profile["afm"]["validations"]["pattern"]["pattern"])
    assert all(afm.match(u.afm) for u in DEV_USERS if u.afm) and not afm.match("12345678")
    registry = re.compile(profile["registry_number"]["validations"]["pattern"]["pattern"])
    for value in ("123456", "ΑΒ12", "A" * 20, "A" * 21, "12 34", "12-34"):
        assert bool(registry.match(value)) is (registry_number_errors(value) == []), value


def test_user_profile_texts_exist_in_every_locale(realm):
    text = json.dumps(profile_config(realm), ensure_ascii=False)
    keys = set(re.findall(r"\$\{(profile\.[^}]+)\}", text))
    keys |= set(re.findall(r'"error-message": "(profile\.[^"]+)"', text))
    keys |= {f"profile.gender.{g}" for g in GENDERS}
    assert keys
    for locale in realm["supportedLocales"]:
        assert keys <= set(realm["localizationTexts"][locale]), (locale, keys - set(realm["localizationTexts"][locale]))


def test_realm_clients_fit_keycloaks_columns_and_the_bff_agrees_with_the_dev_issuer(realm):
    from identity.dev_issuer.clients import BFF_CLIENT_ID, clients_for

    for client in realm["clients"]:
        # Keycloak stores name and description in varchar(255): a longer one fails the import.
        assert len(client.get("description", "")) <= 255 and len(client.get("name", "")) <= 255, client["clientId"]
    theirs = next(c for c in realm["clients"] if c["clientId"] == BFF_CLIENT_ID)
    ours = clients_for(None, None)[BFF_CLIENT_ID]
    assert theirs["publicClient"] is False and not ours.is_public
    assert theirs["secret"] == "${EPI_KC_WEB_SECRET:epimorfosi-bff-dev-secret}"
    assert ours.check_client_secret("epimorfosi-bff-dev-secret")
    assert sorted(ours.redirect_uris) == sorted(theirs["redirectUris"])
