"""Issue 3 against the real Keycloak: the identity service in-process with `KeycloakDirectory`
(python-keycloak admin API as the identity-svc service account), its own PostgreSQL test database,
the GSIS sandbox over HTTP and an SMTP sink. Users are checked with the master admin API and
logged in by direct grant with the client epimorfosi-tests.

Every Keycloak user these tests create has an e-mail under @identity-stack.example and is deleted
at the end; nobody else's users are touched.

Needs the stack profile: `deploy/local/stack.sh up && eval "$(deploy/local/stack.sh env)"`, EPI_STACK=1.
"""
from __future__ import annotations

import os
import time
import uuid

import pytest
from keycloak import KeycloakAdmin, KeycloakOpenID
from keycloak.exceptions import KeycloakError

pytestmark = [
    pytest.mark.skipif(os.environ.get("EPI_STACK") != "1", reason="needs the stack profile (EPI_STACK=1)"),
    pytest.mark.timeout(300),
]


REALM = "epimorfosi"
KEYCLOAK_URL = os.environ.get("EPI_KEYCLOAK_URL", "http://127.0.0.1:8180")
ISSUER = f"{KEYCLOAK_URL}/realms/{REALM}"
PUBLIC = "http://identity.stack.test"
DOMAIN = "identity-stack.example"


def new_email(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@{DOMAIN}"


# ---------------------------------------------------------------- fixtures -----------------------


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
def oidc() -> KeycloakOpenID:
    return KeycloakOpenID(server_url=KEYCLOAK_URL, realm_name=REALM, client_id="epimorfosi-tests")


@pytest.fixture(scope="module", autouse=True)
def cleanup(admin):
    yield
    for user in admin.get_users({"search": f"@{DOMAIN}"}):
        if (user.get("email") or "").endswith(f"@{DOMAIN}"):
            admin.delete_user(user["id"])


@pytest.fixture(scope="module")
def mail():
    from identity.testing import MailSink

    with MailSink() as sink:
        yield sink


@pytest.fixture(scope="module")
def people():
    from identity.testing import random_taxpayer

    return {name: random_taxpayer(name) for name in ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa")}


@pytest.fixture(scope="module")
def gsis_url(people):
    from identity.testing import sandbox_with

    with sandbox_with(people.values()) as url:
        yield url


@pytest.fixture(scope="module")
def identity_env(tmp_path_factory, gsis_url, mail):
    """The identity service's environment on its own migrated test database (also what a child
    process gets, see the crash test)."""
    from epimorfosi_platform.testing import migrated_database

    from identity import SERVICE

    tmp = tmp_path_factory.mktemp("identity-stack")
    with migrated_database(SERVICE, tmp, "identity_accounts") as url:
        env = {
            "EPI_DATABASE_URL": url,
            "EPI_BROKER_URL": "filesystem://",
            "EPI_BROKER_FS_DIR": str(tmp / "bus"),
            "EPI_OIDC_ISSUER": ISSUER,
            "EPI_OIDC_AUDIENCE": "epimorfosi-api",
            "EPI_ACCOUNT_DIRECTORY": "keycloak",
            "EPI_KEYCLOAK_URL": KEYCLOAK_URL,
            "EPI_GSIS_BASE_URL": gsis_url,
            "EPI_SMTP_PORT": str(mail.port),
            "EPI_IDENTITY_PUBLIC_URL": PUBLIC,
            "EPI_RECOVERY_MIN_SECONDS": "0.5",
        }
        if os.environ.get("EPI_KC_IDENTITY_SVC_SECRET"):
            env["EPI_KC_IDENTITY_SVC_SECRET"] = os.environ["EPI_KC_IDENTITY_SVC_SECRET"]
        yield env


@pytest.fixture(scope="module")
def app(identity_env):
    from identity import SERVICE, create_app

    app = create_app(SERVICE.settings_from_env(identity_env))
    yield app
    app.extensions["epimorfosi"].db.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


def directory(app):
    return app.extensions["epimorfosi"].context.directory(None)


def gsis(client, purpose, taxpayer, headers=None, **body):
    from identity.testing import gsis_login, path_and_query

    started = client.post("/v1/gsis/flows", json={"purpose": purpose, **body}, headers=headers or {})
    assert started.status_code == 201, started.get_json()
    location = gsis_login(started.get_json()["authorize_url"], taxpayer.username)
    return started.get_json()["state"], client.get(path_and_query(location))


def register(client, taxpayer, email, password="Abcde1!x", **extra):
    state, page = gsis(client, "registration", taxpayer)
    assert page.status_code == 200, page.get_data(as_text=True)
    body = {"state": state, "email": email, "password": password, "gender": "M", "registry_number": "", **extra}
    return client.post("/v1/registration", json=body)


def activate(client, mail, email):
    from identity.testing import MailSink, path_and_query

    [message] = mail.wait_for(email)
    page = client.get(path_and_query(MailSink.link(message)))
    assert page.status_code == 200, page.get_data(as_text=True)


def login(oidc, email, password):
    return oidc.token(email, password)


def kc_user(admin, email) -> dict:
    [user] = [u for u in admin.get_users({"email": email, "exact": True}) if u["email"] == email]
    return user


def make_user(app, email, password, *, roles, centre_id=None, registry_number=None, afm=None):
    from identity.directory import NewAccount

    return directory(app).create_user(
        NewAccount(email=email, first_name="ΜΑΡΙΑ", last_name="ΠΑΠΑΔΟΠΟΥΛΟΥ", roles=roles, centre_id=centre_id,
                   registry_number=registry_number, afm=afm, enabled=True, email_verified=True),
        password,
    )


# ---------------------------------------------------------------- registration -------------------


def test_registration_end_to_end_creates_a_keycloak_teacher(app, client, admin, oidc, mail, people):
    taxpayer = people["alpha"]
    email = new_email("alpha")
    response = register(client, taxpayer, email, registry_number="612345")
    assert response.status_code == 201, response.get_json()

    user = kc_user(admin, email)
    assert user["enabled"] is False and user["emailVerified"] is False
    attrs = user["attributes"]
    assert attrs["afm"] == [taxpayer.afm] and attrs["registry_number"] == ["612345"] and attrs["gender"] == ["M"]
    assert attrs["father_name"] == [taxpayer.father_name] and attrs["mother_name"] == [taxpayer.mother_name]
    assert attrs["birth_year"] == [str(taxpayer.birth_year)] and attrs["gsis_verified_at"][0]
    assert (user["firstName"], user["lastName"]) == (taxpayer.first_name, taxpayer.last_name)
    assert "teacher" in {r["name"] for r in admin.get_realm_roles_of_user(user["id"])}

    with pytest.raises(KeycloakError):  # not activated yet
        login(oidc, email, "Abcde1!x")

    activate(client, mail, email)
    user = kc_user(admin, email)
    assert user["enabled"] is True and user["emailVerified"] is True

    tokens = login(oidc, email, "Abcde1!x")
    claims = oidc.decode_token(tokens["access_token"])
    assert "teacher" in claims["realm_access"]["roles"] and claims["afm"] == taxpayer.afm
    me = client.get("/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}).get_json()
    assert me["has_account"] is True and me["gsis_verified_at"] and me["email_verified"] is True

    runtime = app.extensions["epimorfosi"]
    import json

    from sqlalchemy import select

    with runtime.db.session() as s:
        types = [json.loads(r.envelope)["type"] for r in s.execute(select(runtime.tables.outbox)).all()
                 if json.loads(r.envelope)["subject"] == user["id"]]
    # the profile the programmes' lists print (names, Α.Μ., e-mail) follows the registration
    assert types == ["identity.user.registered.v1", "identity.user.profile_changed.v1", "identity.user.verified.v1"]


BROKEN = [
    ("Ab1!", "από 8 έως 15 χαρακτήρες"),
    ("Abcdefgh12345!xy", "από 8 έως 15 χαρακτήρες"),
    ("abcdefg1!", "κεφαλαίο"),
    ("ABCDEFG1!", "πεζό"),
    ("Abcdefgh!", "ψηφίο"),
    ("Abcdefgh1", "τουλάχιστον ένα από τα σύμβολα"),
    ("Abcdefg1!_", "επιτρέπεται να έχει μόνο"),
]


# A child process that registers and is killed between creating the Keycloak user and committing
# the registration (argv: this folder, identity's environment, the taxpayer's GSIS username, e-mail).
CRASH_CHILD = r"""
import json, os, sys
sys.path.insert(0, sys.argv[1])
env, username, email = json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]
from identity import SERVICE, create_app
from identity.directory.keycloak import KeycloakDirectory
from test_identity_accounts import register

create = KeycloakDirectory.create_user


def create_then_die(self, new, password):
    user_id = create(self, new, password)
    print(user_id, flush=True)
    os._exit(9)


KeycloakDirectory.create_user = create_then_die
taxpayer = type("Taxpayer", (), {"username": username})
register(create_app(SERVICE.settings_from_env(env)).test_client(), taxpayer, email)
print("committed", flush=True)
"""


def crash_during_registration(identity_env, taxpayer, email) -> str:
    import json
    import subprocess
    import sys
    from pathlib import Path

    done = subprocess.run([sys.executable, "-c", CRASH_CHILD, str(Path(__file__).parent), json.dumps(identity_env),
                           taxpayer.username, email], capture_output=True, text=True, timeout=120)
    assert done.returncode == 9, done.stdout + done.stderr
    return done.stdout.split()[0]


def later(runtime, minutes):
    from datetime import datetime, timedelta, timezone

    from epimorfosi_platform.clock import SettableClock

    return SettableClock(datetime.now(timezone.utc) + timedelta(minutes=minutes))


def test_a_registration_killed_before_its_commit_leaves_no_orphan(app, client, admin, identity_env, people):
    from identity.registration.reconcile import RECONCILE_REGISTRATIONS
    from identity.registration.rules import MSG_AFM_TAKEN

    runtime = app.extensions["epimorfosi"]
    clock = runtime.clock
    taxpayer, email = people["iota"], new_email("iota")
    orphan = crash_during_registration(identity_env, taxpayer, email)
    assert kc_user(admin, email)["id"] == orphan  # the Keycloak user outlived the process; no claim names it
    # Within the grace period it may be a registration still in flight: left alone.
    assert RECONCILE_REGISTRATIONS.run(runtime) == 0
    _, page = gsis(client, "registration", taxpayer)
    assert page.status_code == 409 and MSG_AFM_TAKEN in page.get_data(as_text=True)
    try:
        runtime.clock = later(runtime, minutes=11)
        assert RECONCILE_REGISTRATIONS.run(runtime) >= 1  # the job removes it (and any older orphan)
        assert admin.get_users({"email": email, "exact": True}) == []
        assert RECONCILE_REGISTRATIONS.run(runtime) == 0
    finally:
        runtime.clock = clock
    assert register(client, taxpayer, email).status_code == 201  # the person registers again

    # Without the job: the next registration of the same ΑΦΜ, after the grace period, removes it itself.
    taxpayer, email = people["kappa"], new_email("kappa")
    orphan = crash_during_registration(identity_env, taxpayer, email)
    try:
        runtime.clock = later(runtime, minutes=11)
        response = register(client, taxpayer, email)
    finally:
        runtime.clock = clock
    assert response.status_code == 201, response.get_json()
    assert kc_user(admin, email)["id"] != orphan
    # The committed registrations are never orphans, whatever their age.
    try:
        runtime.clock = later(runtime, minutes=60 * 24)
        RECONCILE_REGISTRATIONS.run(runtime)
    finally:
        runtime.clock = clock
    assert kc_user(admin, email)["enabled"] is False  # still there, waiting for its activation link


def test_password_policy_in_greek_and_in_keycloak(app, client, admin, people):
    state, _ = gsis(client, "registration", people["beta"])
    email = new_email("beta")
    for password, message in BROKEN:
        body = {"state": state, "email": email, "password": password, "gender": "F"}
        response = client.post("/v1/registration", json=body)
        assert response.status_code == 422, password
        [error] = response.get_json()["errors"]["password"]
        assert message in error
    assert admin.get_users({"email": email, "exact": True}) == []  # nothing reached Keycloak

    # Keycloak enforces the same policy server-side.
    from identity.directory import PasswordRejected

    helper = make_user(app, new_email("policy"), "Abcde1!x", roles=("teacher",))
    for password, _ in BROKEN:
        with pytest.raises(PasswordRejected):
            directory(app).set_password(helper, password)
    directory(app).set_password(helper, "Abcdefgh12345!x")  # 15 characters
    directory(app).set_password(helper, "Abcde1!x")  # 8 characters

    ok = client.post("/v1/registration", json={"state": state, "email": email, "password": "Abcdefgh12345!x", "gender": "F"})
    assert ok.status_code == 201, ok.get_json()


def test_duplicate_afm_and_email(app, client, admin, mail, people):
    from identity.registration.rules import MSG_AFM_TAKEN, MSG_EMAIL_TAKEN

    first = new_email("gamma")
    assert register(client, people["gamma"], first).status_code == 201
    state, page = gsis(client, "registration", people["gamma"])
    assert page.status_code == 409 and MSG_AFM_TAKEN in page.get_data(as_text=True)
    again = client.post("/v1/registration", json={"state": state, "email": new_email("g2"), "password": "Abcde1!x", "gender": "M"})
    assert again.status_code == 409 and again.get_json()["detail"] == MSG_AFM_TAKEN

    same_email = register(client, people["delta"], first.upper())
    assert same_email.status_code == 409 and same_email.get_json()["detail"] == MSG_EMAIL_TAKEN

    # an e-mail Keycloak has but identity never claimed (an administrator created it): Keycloak's 409
    outside = new_email("outside")
    make_user(app, outside, "Abcde1!x", roles=("trainer",))
    refused = register(client, people["delta"], outside)
    assert refused.status_code == 409 and refused.get_json()["detail"] == MSG_EMAIL_TAKEN
    assert [u["email"] for u in admin.get_users({"q": f"afm:{people['delta'].afm}"})] == []  # nothing left behind


# ---------------------------------------------------------------- recovery ----------------------


def test_forgot_password_and_brute_force_lockout(app, client, admin, oidc, mail, people):
    from identity.recovery.queries import MSG_RESET_MISMATCH

    email = new_email("epsilon")
    assert register(client, people["epsilon"], email).status_code == 201
    activate(client, mail, email)

    def lock_status():
        user_id = kc_user(admin, email)["id"]
        return admin.connection.raw_get(f"admin/realms/{REALM}/attack-detection/brute-force/users/{user_id}").json()

    # The realm locks an account after 5 failures (failureFactor). Failures less than a second apart
    # trip the quick-login check earlier, so these are spaced out to count the 5.
    for attempt in range(5):
        if attempt:
            time.sleep(1.1)
        assert lock_status()["disabled"] is False, attempt
        with pytest.raises(KeycloakError):
            login(oidc, email, "Wrong1!pass")
    status = lock_status()
    assert status["disabled"] is True and status["numFailures"] == 5
    with pytest.raises(KeycloakError):
        login(oidc, email, "Abcde1!x")  # the right password, but locked

    # a mismatching ΑΦΜ is refused
    state, page = gsis(client, "reset-password", people["zeta"], email=email)
    assert page.status_code == 403 and MSG_RESET_MISMATCH in page.get_data(as_text=True)
    refused = client.post("/v1/recovery/password", json={"state": state, "password": "Neos1234!"})
    assert refused.status_code == 403

    state, page = gsis(client, "reset-password", people["epsilon"], email=email)
    assert page.status_code == 200 and email in page.get_data(as_text=True)
    weak = client.post("/v1/recovery/password", json={"state": state, "password": "neos"})
    assert weak.status_code == 422 and all(any("\u0370" <= c <= "\u03ff" for c in m) for m in weak.get_json()["errors"]["password"])
    done = client.post("/v1/recovery/password", json={"state": state, "password": "Neos1234!"})
    assert done.status_code == 200 and done.get_json()["username"] == email
    assert login(oidc, email, "Neos1234!")["access_token"]  # and the lock-out is cleared


def test_forgot_registry_email(client, people, mail):
    email = new_email("eta")
    assert register(client, people["eta"], email).status_code == 201
    state, page = gsis(client, "forgot-email", people["eta"])
    assert page.status_code == 200 and email in page.get_data(as_text=True)
    assert client.get(f"/v1/gsis/flows/current?state={state}").get_json()["email"] == email


def test_kse_head_token_has_centre_and_credentials_recovery(app, client, admin, oidc, mail):
    from identity.recovery.operations import MSG_RECOVERY_SENT
    from identity.testing import MailSink, path_and_query

    email = new_email("kse-head")
    am = f"9{uuid.uuid4().int % 10**7:07d}"
    make_user(app, email, "Abcde1!x", roles=("kse-head",), centre_id="KSE-0042", registry_number=am)
    claims = oidc.decode_token(login(oidc, email, "Abcde1!x")["access_token"])
    assert claims["centre_id"] == "KSE-0042" and "kse-head" in claims["realm_access"]["roles"]

    t0 = time.monotonic()
    found = client.post("/v1/recovery/credentials", json={"identifier": am})
    t_found = time.monotonic() - t0
    t0 = time.monotonic()
    missing = client.post("/v1/recovery/credentials", json={"identifier": "80000000"})
    t_missing = time.monotonic() - t0
    assert found.status_code == missing.status_code == 202
    assert found.get_json() == missing.get_json() == {"detail": MSG_RECOVERY_SENT}
    assert abs(t_found - t_missing) < 0.3, (t_found, t_missing)

    [message] = mail.wait_for(email)
    link = MailSink.link(message)
    assert client.get(path_and_query(link)).status_code == 200
    token = link.split("token=")[1]
    done = client.post("/v1/recovery/reset", json={"token": token, "password": "Kse0042!ok"})
    assert done.status_code == 200 and done.get_json()["username"] == email
    assert login(oidc, email, "Kse0042!ok")["access_token"]


def test_gsis_confirmation_updates_the_keycloak_profile(app, client, admin, oidc, people):
    """An account created without GSIS data (e.g. by an administrator) confirms once against GSIS."""
    email = new_email("confirm")
    make_user(app, email, "Abcde1!x", roles=("trainer",))
    token = login(oidc, email, "Abcde1!x")["access_token"]
    person = people["theta"]
    state, page = gsis(client, "confirm", person, headers={"Authorization": f"Bearer {token}"})
    assert page.status_code == 200 and "Πιστοποίηση και είσοδος" in page.get_data(as_text=True)
    done = client.post("/v1/gsis/confirmation", json={"state": state})
    assert done.status_code == 200, done.get_json()
    user = kc_user(admin, email)
    assert user["attributes"]["afm"] == [person.afm] and user["attributes"]["father_name"] == [person.father_name]
    assert user["attributes"]["gsis_verified_at"][0] and user["firstName"] == person.first_name
    me = client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert me["gsis_verified_at"] is not None


def test_support_requests_per_role_with_keycloak_tokens(app, client, oidc):
    teacher, agent = new_email("sr-teacher"), new_email("sr-agent")
    make_user(app, teacher, "Abcde1!x", roles=("teacher",))
    make_user(app, agent, "Abcde1!x", roles=("helpdesk-agent",))
    t = {"Authorization": f"Bearer {login(oidc, teacher, 'Abcde1!x')['access_token']}"}
    a = {"Authorization": f"Bearer {login(oidc, agent, 'Abcde1!x')['access_token']}"}
    created = client.post("/v1/support-requests", headers=t,
                          json={"topic": "technical", "description": "Πρόβλημα πρόσβασης στο e-IEP."})
    assert created.status_code == 201, created.get_json()
    rid = created.get_json()["id"]
    assert created.get_json()["contact_email"] == teacher
    assert rid in [r["id"] for r in client.get("/v1/support-requests", headers=a).get_json()]
    assert client.put(f"/v1/support-requests/{rid}/status", json={"status": "resolved"}, headers=t).status_code == 403
    assert client.put(f"/v1/support-requests/{rid}/status", json={"status": "resolved"}, headers=a).status_code == 200
    assert [r["status"] for r in client.get("/v1/support-requests", headers=t).get_json()] == ["resolved"]
