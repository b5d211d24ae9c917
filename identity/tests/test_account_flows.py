"""Issue 3 on the embedded path: the account flows with the dev issuer's table as directory
(LocalDirectory), the GSIS sandbox over real HTTP, and an SMTP sink. The same flows against the
real Keycloak are in tests/stack/test_identity_accounts.py.

XXE, billion laughs and malformed GSIS XML are tested on the parser in test_gsis_userinfo.py; here
one hostile GSIS server checks that such an answer stops the flow with a Greek message."""
from __future__ import annotations

import json
import threading
import time

import pytest
from flask import Flask, jsonify
from sqlalchemy import func, select

from identity import create_app
from identity.accounts.rules import password_errors
from identity.recovery.operations import MSG_RECOVERY_SENT
from identity.recovery.queries import MSG_RESET_MISMATCH
from identity.registration.rules import MSG_AFM_TAKEN, MSG_EMAIL_TAKEN
from identity.gsis.sandbox import DEFAULT_TAXPAYERS, create_sandbox_app, serve_sandbox
from identity.models import AccountClaim, GsisFlow, SupportRequest, UserAccount
from identity.testing import MailSink, gsis_login, path_and_query, random_taxpayer
from identity_helpers import OidcDriver, dev_settings

PUBLIC = "http://identity.test"
NEW_PASSWORD = "Kainourgios1!"
EXTRA = [random_taxpayer("newteacher1"), random_taxpayer("newteacher2"), random_taxpayer("newteacher3")]
TAXPAYERS = {t.username: t for t in (*DEFAULT_TAXPAYERS, *EXTRA)}


@pytest.fixture(scope="module")
def mail():
    with MailSink() as sink:
        yield sink


@pytest.fixture(scope="module")
def gsis_url():
    with serve_sandbox(create_sandbox_app(taxpayers=list(TAXPAYERS.values()))) as url:
        yield url


@pytest.fixture
def app(database, tmp_path, gsis_url, mail):
    app = create_app(
        dev_settings(
            database, tmp_path,
            EPI_ACCOUNT_DIRECTORY="local",
            EPI_GSIS_BASE_URL=gsis_url,
            EPI_SMTP_PORT=str(mail.port),
            EPI_IDENTITY_PUBLIC_URL=PUBLIC,
            EPI_RECOVERY_MIN_SECONDS="0.3",
        )
    )
    app.test_client().get("/oidc/jwks")  # seeds the dev accounts
    yield app
    app.extensions["epimorfosi"].db.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


def runtime_of(app):
    return app.extensions["epimorfosi"]


def events(app, event_type):
    runtime = runtime_of(app)
    with runtime.db.session() as s:
        rows = s.execute(select(runtime.tables.outbox)).all()
    return [e for e in (json.loads(r.envelope) for r in rows) if e["type"] == event_type]


def account(app, email) -> UserAccount | None:
    with runtime_of(app).db.session() as s:
        return s.scalar(select(UserAccount).where(UserAccount.email == email))


def gsis(client, purpose, username, headers=None, **body):
    """Start a flow, log in at the sandbox over HTTP, come back; returns (state, callback response)."""
    started = client.post("/v1/gsis/flows", json={"purpose": purpose, **body}, headers=headers or {})
    assert started.status_code == 201, started.get_json()
    location = gsis_login(started.get_json()["authorize_url"], username)
    assert location.startswith(f"{PUBLIC}/v1/gsis/callback?")
    return started.get_json()["state"], client.get(path_and_query(location))


def register_body(state, email, password="Kodikos1!", **extra):
    return {"state": state, "email": email, "password": password, "gender": "F", "registry_number": "", **extra}


# -- registration ---------------------------------------------------------------------------------


def test_registration_end_to_end(app, client, mail):
    taxpayer = TAXPAYERS["newteacher1"]
    state, page = gsis(client, "registration", taxpayer.username)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Εγγραφή νέου χρήστη" in html
    for value in (taxpayer.afm, taxpayer.last_name, taxpayer.first_name, taxpayer.father_name, taxpayer.mother_name):
        assert value in html  # GSIS data shown read-only (not as inputs)
    assert f'value="{taxpayer.afm}"' not in html

    view = client.get(f"/v1/gsis/flows/current?state={state}").get_json()
    assert view["purpose"] == "registration" and view["gsis"]["afm"] == taxpayer.afm and "error" not in view

    email = "Nea.Ekpaideftikos@Example.gr"
    done = client.post("/v1/registration", json=register_body(state, email, registry_number="700123"))
    assert done.status_code == 201, done.get_json()
    email = email.lower()
    assert done.get_json()["email"] == email

    created = account(app, email)
    assert created.enabled is False and created.email_verified is False
    assert (created.afm, created.registry_number, created.gender) == (taxpayer.afm, "700123", "F")
    assert (created.first_name, created.last_name, created.father_name, created.birth_year) == (
        taxpayer.first_name, taxpayer.last_name, taxpayer.father_name, taxpayer.birth_year)
    assert created.gsis_verified_at is not None and created.roles == ["teacher"]
    [registered] = [e for e in events(app, "identity.user.registered.v1") if e["subject"] == str(created.id)]
    assert registered["data"]["gsis_verified"] is True and registered["data"]["email_verified"] is False
    [profile] = [e for e in events(app, "identity.user.profile_changed.v1") if e["subject"] == str(created.id)]
    assert profile["data"] | {"changed_at": None} == {
        "user_id": str(created.id), "first_name": taxpayer.first_name, "last_name": taxpayer.last_name,
        "father_name": taxpayer.father_name, "registry_number": "700123", "email": email, "changed_at": None}

    # not activated yet: the dev issuer refuses the login
    oidc = OidcDriver(client)
    refused, _ = oidc.login(email, "Kodikos1!")
    assert refused.status_code == 200 and "Λάθος" in refused.get_data(as_text=True)

    [message] = mail.wait_for(email)
    assert message["Subject"] == "Ενεργοποίηση λογαριασμού – Επιμόρφωση ΤΠΕ"
    assert "ενεργοποιήσετε" in message.get_content()
    link = MailSink.link(message)
    assert link.startswith(f"{PUBLIC}/v1/registration/verify?token=")
    activated = client.get(path_and_query(link))
    assert activated.status_code == 200 and "ενεργοποιήθηκε" in activated.get_data(as_text=True)
    assert account(app, email).enabled and account(app, email).email_verified
    [verified] = events(app, "identity.user.verified.v1")
    assert verified["data"] == {"user_id": str(created.id), "method": "email", "email_verified": True, "gsis_verified": True}

    again = client.get(path_and_query(link))
    assert again.status_code == 409 and "έχει ήδη χρησιμοποιηθεί" in again.get_data(as_text=True)

    tokens = oidc.tokens_for(email, password="Kodikos1!")
    me = client.get("/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}).get_json()
    assert [r["id"] for r in me["roles"]] == ["teacher"] and me["gsis_verified_at"] and me["email_verified"]

    # the flow is used up
    reused = client.post("/v1/registration", json=register_body(state, "other@example.gr"))
    assert reused.status_code == 409


def test_without_an_am_the_afm_is_the_registry_number(app, client):
    taxpayer = TAXPAYERS["newteacher2"]
    state, _ = gsis(client, "registration", taxpayer.username)
    assert client.post("/v1/registration", json=register_body(state, "noam@example.gr")).status_code == 201
    assert account(app, "noam@example.gr").registry_number == taxpayer.afm


BROKEN = [
    ("Ab1!", "από 8 έως 15 χαρακτήρες"),
    ("Abcdefgh12345!xy", "από 8 έως 15 χαρακτήρες"),
    ("abcdefg1!", "κεφαλαίο"),
    ("ABCDEFG1!", "πεζό"),
    ("Abcdefgh!", "ψηφίο"),
    ("Abcdefgh1", "τουλάχιστον ένα από τα σύμβολα"),
    ("Abcdefg1!_", "επιτρέπεται να έχει μόνο"),
    ("ΑbcdefG1!", "επιτρέπεται να έχει μόνο"),  # Greek capital alpha
]


@pytest.mark.parametrize("password, message", BROKEN)
def test_each_broken_password_rule_has_its_own_greek_message(password, message):
    [error] = password_errors(password)
    assert message in error


def test_passwords_are_refused_in_greek_and_nothing_changes(app, client):
    state, _ = gsis(client, "registration", TAXPAYERS["newteacher3"].username)
    for password, message in BROKEN:
        response = client.post("/v1/registration", json=register_body(state, "pw@example.gr", password))
        assert response.status_code == 422 and response.mimetype == "application/problem+json"
        [error] = response.get_json()["errors"]["password"]
        assert message in error, (password, error)
    assert account(app, "pw@example.gr") is None
    with runtime_of(app).db.session() as s:
        assert s.scalar(select(func.count()).select_from(AccountClaim)) == 0
    # the form is shown again with the message (HTML path), the flow still usable
    page = client.post("/v1/registration/form", data={**register_body(state, "pw@example.gr", "kodikos"), "gender": ""})
    html = page.get_data(as_text=True)
    assert page.status_code == 422 and "Επιλέξτε φύλο." in html and "κεφαλαίο" in html
    assert 'value="pw@example.gr"' in html
    assert password_errors("Abcde1!x") == [] and password_errors("Abcdefgh12345!x") == []
    done = client.post("/v1/registration/form", data=register_body(state, "pw@example.gr", "Abcdefgh12345!x"))
    assert done.status_code == 201 and "Η εγγραφή σας έγινε με επιτυχία" in done.get_data(as_text=True)


def test_duplicate_afm_is_refused_with_a_greek_message(app, client):
    # teacher1 of the sandbox has the ΑΦΜ of the seeded teacher1@epimorfosi.test
    state, page = gsis(client, "registration", "teacher1")
    assert page.status_code == 409 and MSG_AFM_TAKEN in page.get_data(as_text=True)
    response = client.post("/v1/registration", json=register_body(state, "someone@example.gr"))
    assert response.status_code == 409
    assert response.get_json()["type"].endswith("afm-already-registered")
    assert "Ξέχασα τον κωδικό πρόσβασης" in response.get_json()["detail"]


def test_duplicate_email_is_refused_with_a_greek_message(app, client):
    state, _ = gsis(client, "registration", TAXPAYERS["newteacher1"].username)
    response = client.post("/v1/registration", json=register_body(state, "Teacher1@epimorfosi.test"))
    assert response.status_code == 409 and response.get_json()["detail"] == MSG_EMAIL_TAKEN
    with runtime_of(app).db.session() as s:
        assert s.scalar(select(func.count()).select_from(AccountClaim)) == 0


def test_concurrent_registrations_of_one_afm_create_one_account(app):
    """Two browsers, same person at GSIS, submitting at once: the claim's unique ΑΦΜ decides."""
    taxpayer = TAXPAYERS["newteacher2"]
    clients = [app.test_client(), app.test_client()]
    states = [gsis(c, "registration", taxpayer.username)[0] for c in clients]
    barrier, results = threading.Barrier(2), []

    def submit(i):
        barrier.wait()
        response = clients[i].post("/v1/registration", json=register_body(states[i], f"race{i}@example.gr"))
        results.append(response.status_code)

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(results) == [201, 409]
    with runtime_of(app).db.session() as s:
        assert s.scalar(select(func.count()).select_from(UserAccount).where(UserAccount.afm == taxpayer.afm)) == 1


def test_concurrent_registrations_of_one_email_create_one_account(app):
    clients = [app.test_client(), app.test_client()]
    states = [gsis(c, "registration", u)[0] for c, u in zip(clients, ("newteacher1", "newteacher3"))]
    barrier, results = threading.Barrier(2), []

    def submit(i):
        barrier.wait()
        results.append(clients[i].post("/v1/registration", json=register_body(states[i], "same@example.gr")).status_code)

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(results) == [201, 409]


def test_resend_activation_answers_the_same_for_any_email(app, client, mail):
    state, _ = gsis(client, "registration", TAXPAYERS["newteacher3"].username)
    client.post("/v1/registration", json=register_body(state, "resend@example.gr"))
    mail.wait_for("resend@example.gr")
    known = client.post("/v1/registration/verification-mail", json={"email": "resend@example.gr"})
    unknown = client.post("/v1/registration/verification-mail", json={"email": "nobody@example.gr"})
    assert known.status_code == unknown.status_code == 202 and known.get_json() == unknown.get_json()
    second = mail.wait_for("resend@example.gr", count=2)[1]
    token = MailSink.link(second).split("token=")[1]
    assert client.post("/v1/registration/verification", json={"token": token}).status_code == 200
    assert account(app, "resend@example.gr").enabled


# -- the GSIS flow itself --------------------------------------------------------------------------------


def test_flow_is_bound_to_the_browser_and_single_use(app, client):
    started = client.post("/v1/gsis/flows", json={"purpose": "registration"}).get_json()
    location = gsis_login(started["authorize_url"], "newteacher1")
    stranger = app.test_client()  # has the link but not the HttpOnly cookie
    page = stranger.get(path_and_query(location))
    assert page.status_code == 400 and "ξεκινήστε ξανά" in page.get_data(as_text=True)
    assert client.get(path_and_query(location)).status_code == 200
    assert client.get(path_and_query(location)).status_code == 409  # a code/state is used once
    with runtime_of(app).db.session() as s:
        flow = s.scalars(select(GsisFlow)).one()
    assert started["state"] not in (flow.state_hash, flow.binding_hash)  # stored hashed


def test_cancelled_at_gsis_and_unknown_state(client):
    started = client.post("/v1/gsis/flows", json={"purpose": "registration"}).get_json()
    import requests

    cancelled = requests.post(started["authorize_url"], data={"username": "teacher2", "password": "Taxis123!",
                                                              "user_oauth_approval": "false"}, allow_redirects=False)
    page = client.get(path_and_query(cancelled.headers["Location"]))
    assert page.status_code == 400 and "ακυρώθηκε" in page.get_data(as_text=True)
    assert client.get("/v1/gsis/callback?state=nope&code=x").status_code == 400
    assert client.post("/v1/gsis/flows", json={"purpose": "hack"}).status_code == 422


def hostile_gsis() -> Flask:
    app = Flask("hostile")

    @app.get("/oauth2server/oauth/authorize")
    def authorize():
        from flask import redirect, request

        return redirect(f"{request.args['redirect_uri']}?code=c&state={request.args['state']}")

    @app.post("/oauth2server/oauth/token")
    def token():
        return jsonify(access_token="t0ken", token_type="bearer")

    @app.get("/oauth2server/userinfo")
    def userinfo():
        return (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<root><userinfo taxid="&x;" lastname="A" firstname="B"/></root>'
        ), 200, {"Content-Type": "application/xml"}

    return app


def test_hostile_gsis_xml_stops_the_flow(database, tmp_path, mail):
    import requests

    with serve_sandbox(hostile_gsis()) as url:
        app = create_app(dev_settings(database, tmp_path, EPI_ACCOUNT_DIRECTORY="local", EPI_GSIS_BASE_URL=url,
                                      EPI_IDENTITY_PUBLIC_URL=PUBLIC, EPI_SMTP_PORT=str(mail.port)))
        client = app.test_client()
        started = client.post("/v1/gsis/flows", json={"purpose": "registration"}).get_json()
        location = requests.get(started["authorize_url"], allow_redirects=False).headers["Location"]
        page = client.get(path_and_query(location))
        assert page.status_code == 400 and "μη επιτρεπτές δομές XML" in page.get_data(as_text=True)
        with runtime_of(app).db.session() as s:
            assert s.scalars(select(GsisFlow)).one().identity is None
        app.extensions["epimorfosi"].db.dispose()


# -- login confirmation against GSIS -------------------------------------------------------------------


def bearer(client, email, password=None):
    kwargs = {"password": password} if password else {}
    return {"Authorization": f"Bearer {OidcDriver(client).tokens_for(email, **kwargs)['access_token']}"}


def test_one_time_gsis_confirmation_updates_the_profile(app, client):
    headers = bearer(client, "teacher1@epimorfosi.test")
    assert client.post("/v1/gsis/flows", json={"purpose": "confirm"}).status_code == 401
    state, page = gsis(client, "confirm", "teacher1", headers=headers)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Πιστοποίηση και είσοδος" in html and "Επιστροφή" in html
    assert "ΙΩΑΝΝΗΣ" in html  # the father's name from GSIS next to the (empty) record
    view = client.get(f"/v1/gsis/flows/current?state={state}").get_json()
    rows = {r["field"]: r for r in view["comparison"]}
    assert rows["afm"]["same"] and not rows["father_name"]["same"]
    assert view["account"]["email"] == "teacher1@epimorfosi.test"

    done = client.post("/v1/gsis/confirmation", json={"state": state})
    assert done.status_code == 200, done.get_json()
    updated = account(app, "teacher1@epimorfosi.test")
    assert updated.gsis_verified_at is not None
    assert (updated.father_name, updated.mother_name, updated.birth_year) == ("ΙΩΑΝΝΗΣ", "ΜΑΡΙΑ", 1980)
    [event] = events(app, "identity.user.verified.v1")
    assert event["data"]["method"] == "gsis" and event["data"]["gsis_verified"] is True
    [profile] = events(app, "identity.user.profile_changed.v1")
    assert (profile["data"]["father_name"], profile["data"]["email"]) == ("ΙΩΑΝΝΗΣ", "teacher1@epimorfosi.test")
    assert profile["data"]["registry_number"] == updated.registry_number
    assert client.post("/v1/gsis/confirmation", json={"state": state}).status_code == 409


def test_confirmation_with_another_persons_gsis_is_refused(app, client):
    headers = bearer(client, "trainer1@epimorfosi.test")
    state, page = gsis(client, "confirm", "teacher2", headers=headers)
    html = page.get_data(as_text=True)
    assert page.status_code == 409 and "Επιστροφή" in html and "Πιστοποίηση και είσοδος</button>" not in html
    response = client.post("/v1/gsis/confirmation", json={"state": state})
    assert response.status_code == 409 and "Τεχνική Υποστήριξη" in response.get_json()["detail"]
    assert account(app, "trainer1@epimorfosi.test").gsis_verified_at is None


# -- forgot password / e-mail ---------------------------------------------------------------------------


def test_forgot_password_through_gsis(app, client):
    state, page = gsis(client, "reset-password", "kse1", email="KSE1@epimorfosi.test")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "kse1@epimorfosi.test" in html and "Αλλαγή κωδικού" in html
    weak = client.post("/v1/recovery/password", json={"state": state, "password": "weak"})
    assert weak.status_code == 422 and len(weak.get_json()["errors"]["password"]) == 4
    done = client.post("/v1/recovery/password", json={"state": state, "password": NEW_PASSWORD})
    assert done.status_code == 200 and done.get_json()["username"] == "kse1@epimorfosi.test"
    tokens = OidcDriver(client).tokens_for("kse1@epimorfosi.test", password=NEW_PASSWORD)
    assert tokens["access_token"]


def test_forgot_password_with_a_mismatching_afm_is_refused(app, client):
    state, page = gsis(client, "reset-password", "teacher2", email="kse1@epimorfosi.test")
    assert page.status_code == 403 and MSG_RESET_MISMATCH in page.get_data(as_text=True)
    response = client.post("/v1/recovery/password", json={"state": state, "password": NEW_PASSWORD})
    assert response.status_code == 403
    # an unknown e-mail gets exactly the same answer
    state, page2 = gsis(client, "reset-password", "teacher2", email="nobody@example.gr")
    assert page2.status_code == 403 and MSG_RESET_MISMATCH in page2.get_data(as_text=True)


def test_forgot_registry_email(client):
    _, page = gsis(client, "forgot-email", "coord1")
    assert page.status_code == 200 and "coord1@epimorfosi.test" in page.get_data(as_text=True)
    state, page = gsis(client, "forgot-email", "newteacher3")
    assert page.status_code == 404 and "Δεν βρέθηκε λογαριασμός" in page.get_data(as_text=True)
    assert "email" not in client.get(f"/v1/gsis/flows/current?state={state}").get_json()


def test_html_start_pages(client, gsis_url):
    start = client.get("/v1/gsis/start?purpose=registration")
    assert start.status_code == 303 and start.headers["Location"].startswith(gsis_url)
    assert "HttpOnly" in start.headers["Set-Cookie"]
    assert client.get("/v1/gsis/start?purpose=confirm").status_code == 400
    form = client.get("/v1/recovery/password/start")
    assert form.status_code == 200 and "Ξέχασα τον κωδικό πρόσβασης" in form.get_data(as_text=True)
    assert client.post("/v1/recovery/password/start", data={"email": "a@b.gr"}).status_code == 303


# -- credential recovery by ΑΦΜ or Α.Μ. (seed 001) ----------------------------------------------------------


def test_credential_recovery_by_registry_number_and_afm(app, client, mail):
    t0 = time.monotonic()
    found = client.post("/v1/recovery/credentials", json={"identifier": "600101"})  # kse1's Α.Μ.
    t_found = time.monotonic() - t0
    t0 = time.monotonic()
    missing = client.post("/v1/recovery/credentials", json={"identifier": "999999"})
    t_missing = time.monotonic() - t0
    assert found.status_code == missing.status_code == 202
    assert found.get_json() == missing.get_json() == {"detail": MSG_RECOVERY_SENT}
    assert t_found >= 0.3 and t_missing >= 0.3 and abs(t_found - t_missing) < 0.25

    [message] = mail.wait_for("kse1@epimorfosi.test")
    assert message["Subject"] == "Ανάκτηση κωδικών – Επιμόρφωση ΤΠΕ"
    link = MailSink.link(message)
    form = client.get(path_and_query(link))
    assert form.status_code == 200 and "kse1@epimorfosi.test" in form.get_data(as_text=True)
    token = link.split("token=")[1]
    weak = client.post("/v1/recovery/reset/form", data={"token": token, "password": "abc"})
    assert weak.status_code == 422 and "κεφαλαίο" in weak.get_data(as_text=True)
    done = client.post("/v1/recovery/reset", json={"token": token, "password": NEW_PASSWORD})
    assert done.status_code == 200 and done.get_json()["username"] == "kse1@epimorfosi.test"
    assert client.post("/v1/recovery/reset", json={"token": token, "password": NEW_PASSWORD}).status_code == 409
    assert OidcDriver(client).tokens_for("kse1@epimorfosi.test", password=NEW_PASSWORD)["access_token"]

    afm = next(t.afm for t in DEFAULT_TAXPAYERS if t.username == "coord1")
    assert client.post("/v1/recovery/credentials", json={"identifier": afm}).status_code == 202
    mail.wait_for("coord1@epimorfosi.test")
    # an ΑΦΜ with a wrong check digit matches nobody, with the same answer
    wrong = afm[:-1] + str((int(afm[-1]) + 1) % 10)
    assert client.post("/v1/recovery/credentials", json={"identifier": wrong}).get_json() == {"detail": MSG_RECOVERY_SENT}
    assert client.post("/v1/recovery/credentials", json={"identifier": ""}).status_code == 422


# -- support requests ----------------------------------------------------------------------------------------


def test_support_requests_visibility_per_role(app, client):
    teacher, other, agent = (bearer(client, e) for e in (
        "teacher1@epimorfosi.test", "trainer1@epimorfosi.test", "helpdesk1@epimorfosi.test"))
    afm = TAXPAYERS["teacher1"].afm
    body = {"topic": "technical", "description": "Δεν μπορώ να συνδεθώ στο e-IEP από χθες.", "afm": afm}
    assert client.post("/v1/support-requests", json=body).status_code == 401
    bad = client.post("/v1/support-requests", json={**body, "afm": afm[:-1] + str((int(afm[-1]) + 1) % 10)}, headers=teacher)
    assert bad.status_code == 422 and "Μη έγκυρος ΑΦΜ" in bad.get_json()["errors"]["afm"][0]
    created = client.post("/v1/support-requests", json=body, headers=teacher)
    assert created.status_code == 201, created.get_json()
    request = created.get_json()
    assert request["topic_label"].startswith("Τεχνικά θέματα") and request["status"] == "open"
    assert request["contact_email"] == "teacher1@epimorfosi.test"

    assert [r["id"] for r in client.get("/v1/support-requests", headers=teacher).get_json()] == [request["id"]]
    assert client.get("/v1/support-requests", headers=other).get_json() == []
    assert client.get(f"/v1/support-requests/{request['id']}", headers=other).status_code == 404
    assert len(client.get("/v1/support-requests", headers=agent).get_json()) == 1

    path = f"/v1/support-requests/{request['id']}/status"
    assert client.put(path, json={"status": "resolved"}, headers=teacher).status_code == 403
    moved = client.put(path, json={"status": "in_progress"}, headers=agent)
    assert moved.status_code == 200 and moved.get_json()["status_label"] == "Σε εξέλιξη"
    assert client.put(path, json={"status": "in_progress"}, headers=agent).status_code == 409
    assert client.put(path, json={"status": "lost"}, headers=agent).status_code == 422
    assert client.get(f"/v1/support-requests/{request['id']}", headers=teacher).get_json()["status"] == "in_progress"
    assert client.get("/v1/support-requests?status=open", headers=agent).get_json() == []
    topics = client.get("/v1/support-requests/topics", headers=teacher).get_json()
    assert topics[0]["id"] == "technical"
    with runtime_of(app).db.session() as s:
        assert s.get(SupportRequest, __import__("uuid").UUID(request["id"])).handled_by is not None
