"""Fixtures for the system tests: the whole system started by deploy/launcher.py on test ports,
tokens obtained from the real issuer of the profile (dev issuer or Keycloak)."""
from __future__ import annotations

import base64
import hashlib
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from epimorfosi_platform.testing import wait_for  # noqa: F401  (used by the system tests)

ROOT = Path(__file__).resolve().parent.parent
PROFILE = os.environ.get("EPI_E2E_PROFILE", "embedded")
PORT_BASE = int(os.environ.get("EPI_E2E_PORT_BASE", "18000" if PROFILE == "embedded" else "28000"))
DEV_PASSWORD = "Epimorfosi1!"
SERVICES = ["identity", "resources", "applications", "enrollment", "documents"]


class System:
    def __init__(self, var_dir: Path, log_dir: Path):
        self.var_dir, self.log_dir = var_dir, log_dir
        self.gateway = f"http://127.0.0.1:{PORT_BASE}"
        self.database_suffix = f"_e2e_{uuid.uuid4().hex[:6]}" if PROFILE == "stack" else ""
        self.process: subprocess.Popen | None = None
        self.extra_env: dict[str, str] = {}

    def url(self, service: str, offset: int) -> str:
        return f"http://127.0.0.1:{PORT_BASE + offset}"

    def start(self) -> None:
        argv = [sys.executable, str(ROOT / "deploy" / "launcher.py"), "--profile", PROFILE,
                "--port-base", str(PORT_BASE), "--var-dir", str(self.var_dir), "--log-dir", str(self.log_dir)]
        if self.database_suffix:
            argv += ["--database-suffix", self.database_suffix]
        env = {**os.environ, "EPI_RATE_LIMIT": "100000/minute", **self.extra_env}
        self.process = subprocess.Popen(argv, cwd=ROOT, env=env, start_new_session=True)
        self.wait_ready()

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        pending = ["gateway", *SERVICES]
        while time.monotonic() < deadline and pending:
            if self.process.poll() is not None:
                raise RuntimeError(f"launcher exited with {self.process.returncode}; logs in {self.log_dir}")
            still = []
            for name in pending:
                port = PORT_BASE + (0 if name == "gateway" else 100 + SERVICES.index(name) + 1)
                try:
                    ok = requests.get(f"http://127.0.0.1:{port}/readyz", timeout=3).status_code == 200
                except requests.RequestException:
                    ok = False
                if not ok:
                    still.append(name)
            pending = still
            if pending:
                time.sleep(0.5)
        if pending:
            raise RuntimeError(f"not ready: {pending}; logs in {self.log_dir}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def system(tmp_path_factory):
    system = System(tmp_path_factory.mktemp("var"), tmp_path_factory.mktemp("logs"))
    if PROFILE == "stack":
        with RabbitVhost("e2e") as vhost:
            system.extra_env["EPI_BROKER_URL"] = vhost.url
            system.start()
            yield system
            system.stop()
    else:
        system.start()
        yield system
        system.stop()


# ---- tokens -----------------------------------------------------------------------------------------

def _dev_issuer_token(email: str, password: str = DEV_PASSWORD) -> str:
    """Authorization code + PKCE against the dev issuer, as a browser would do it."""
    issuer = f"http://127.0.0.1:{PORT_BASE + 101}/oidc"
    config = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=5).json()
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    params = {"client_id": "epimorfosi-tests", "response_type": "code", "scope": "openid profile email",
              "redirect_uri": "http://127.0.0.1/callback", "state": secrets.token_hex(8),
              "code_challenge": challenge, "code_challenge_method": "S256"}
    session = requests.Session()
    form = session.get(config["authorization_endpoint"], params=params, timeout=5)
    assert form.status_code == 200, form.text
    hidden = dict(re.findall(r'name="([^"]+)"\s+value="([^"]*)"', form.text))
    response = session.post(form.url, data={**hidden, "email": email, "password": password},
                            allow_redirects=False, timeout=5)
    assert response.status_code in (302, 303), response.text[:500]
    query = parse_qs(urlparse(response.headers["Location"]).query)
    assert query["state"] == [params["state"]]
    token = session.post(config["token_endpoint"], data={
        "grant_type": "authorization_code", "code": query["code"][0], "redirect_uri": params["redirect_uri"],
        "client_id": "epimorfosi-tests", "code_verifier": verifier}, timeout=5)
    assert token.status_code == 200, token.text
    return token.json()["access_token"]


class KeycloakUsers:
    """Test users created in the real Keycloak through its admin API (python-keycloak)."""

    def __init__(self):
        from keycloak import KeycloakAdmin, KeycloakOpenID

        url = os.environ.get("EPI_KEYCLOAK_URL", "http://127.0.0.1:8180")
        self.admin = KeycloakAdmin(server_url=url, username=os.environ.get("EPI_KEYCLOAK_ADMIN", "admin"),
                                   password=os.environ.get("EPI_KEYCLOAK_ADMIN_PASSWORD", "admin"),
                                   realm_name="epimorfosi", user_realm_name="master")
        self.openid = KeycloakOpenID(server_url=url, realm_name="epimorfosi", client_id="epimorfosi-tests")
        self.created: list[str] = []

    def user(self, role: str, **attributes) -> tuple[str, str]:
        email = f"{role}-{uuid.uuid4().hex[:8]}@epimorfosi.test"
        password = "Epimorf0si!"
        user_id = self.admin.create_user({
            "username": email, "email": email, "enabled": True, "emailVerified": True,
            "firstName": "Δοκιμή", "lastName": role.upper(),
            "attributes": {k: [v] for k, v in attributes.items()},
            "credentials": [{"type": "password", "value": password, "temporary": False}]})
        self.created.append(user_id)
        self.admin.assign_realm_roles(user_id, [self.admin.get_realm_role(role)])
        return email, password

    def token(self, email: str, password: str) -> str:
        return self.openid.token(email, password)["access_token"]

    def cleanup(self) -> None:
        for user_id in self.created:
            self.admin.delete_user(user_id)


DEV_USERS = {"central-admin": "admin@epimorfosi.test", "kse-head": "kse1@epimorfosi.test",
             "teacher": "teacher1@epimorfosi.test", "coordinator": "coord1@epimorfosi.test",
             "helpdesk-agent": "helpdesk1@epimorfosi.test"}


@pytest.fixture(scope="session")
def token_for(system):
    """token_for(role) -> a real access token of a user with that role."""
    cache: dict[str, str] = {}
    keycloak = KeycloakUsers() if PROFILE == "stack" else None

    def get(role: str) -> str:
        if role not in cache:
            if keycloak:
                extra = {"centre_id": "KSE-0001"} if role in ("kse-head", "coordinator") else {}
                cache[role] = keycloak.token(*keycloak.user(role, **extra))
            else:
                cache[role] = _dev_issuer_token(DEV_USERS[role])
        return cache[role]

    yield get
    if keycloak:
        keycloak.cleanup()


# ---- RabbitMQ isolation -----------------------------------------------------------------------------

def stack_ctl(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([str(ROOT / "deploy" / "local" / "stack.sh"), *args], cwd=ROOT, check=check,
                          capture_output=True, text=True)


class RabbitVhost:
    """A private RabbitMQ virtual host, so suites sharing the broker never see each other's queues."""

    def __init__(self, prefix: str):
        self.name = f"{prefix}-{uuid.uuid4().hex[:6]}"
        base = os.environ.get("EPI_BROKER_URL", "amqp://guest:guest@127.0.0.1:5673//")
        self.url = base.split("//", 1)[0] + "//" + base.split("//", 1)[1].split("/", 1)[0] + "/" + self.name

    def __enter__(self) -> "RabbitVhost":
        stack_ctl("rabbitmqctl", "add_vhost", self.name)
        stack_ctl("rabbitmqctl", "set_permissions", "-p", self.name, "guest", ".*", ".*", ".*")
        return self

    def __exit__(self, *exc) -> None:
        stack_ctl("rabbitmqctl", "delete_vhost", self.name, check=False)
