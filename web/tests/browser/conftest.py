"""The browser suite: the whole system started by deploy/launcher.py (as tests/e2e does, on ports of
its own), Debian's Chromium driven by Playwright, signing in by clicking on the issuer's real page:
the dev issuer's (embedded) or Keycloak's (stack, EPI_E2E_PROFILE=stack)."""
from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[3]
PROFILE = os.environ.get("EPI_E2E_PROFILE", "embedded")
PORT_BASE = int(os.environ.get("EPI_BROWSER_PORT_BASE", "19000" if PROFILE == "embedded" else "29000"))
BASE = f"http://127.0.0.1:{PORT_BASE}"
CHROMIUM = os.environ.get("EPI_CHROMIUM", "/usr/bin/chromium")
SCREENS = ROOT / "var" / "artifacts" / "screens"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
DEV_PASSWORD = "Epimorfosi1!"
DEV_USERS = {"central-admin": "admin@epimorfosi.test", "kse-head": "kse1@epimorfosi.test",
             "coordinator": "coord1@epimorfosi.test", "teacher": "teacher1@epimorfosi.test"}
DEV_CENTRE_HEADS = {"KSE-0001": "kse1@epimorfosi.test", "KSE-0002": "kse2@epimorfosi.test"}
BFF_CLIENT = "epimorfosi-bff"
GSIS_SANDBOX = f"http://127.0.0.1:{PORT_BASE + 106}"  # deploy/launcher.py GSIS_SANDBOX_OFFSET


def _system_tests_module():
    """tests/conftest.py (RabbitMQ vhosts, Keycloak test users), loaded under a name of its own."""
    spec = importlib.util.spec_from_file_location("system_tests_helpers", ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Launched:
    def __init__(self, tmp: Path, extra_env: dict[str, str]):
        argv = [sys.executable, str(ROOT / "deploy" / "launcher.py"), "--profile", PROFILE,
                "--port-base", str(PORT_BASE), "--var-dir", str(tmp / "var"), "--log-dir", str(tmp / "logs")]
        self.var, self.suffix = tmp / "var", ""
        if PROFILE == "stack":
            self.suffix = f"_browser_{uuid.uuid4().hex[:6]}"
            argv += ["--database-suffix", self.suffix]
        env = {**os.environ, "EPI_RATE_LIMIT": "100000/minute", **extra_env}
        self.logs = tmp / "logs"
        self.process = subprocess.Popen(argv, cwd=ROOT, env=env, start_new_session=True)

    def database(self, name: str) -> str:
        """The URL of a component's database ("web", "identity"...), as deploy/launcher.py names it:
        for a journey to put the system in a state no screen makes (a session idle too long)."""
        if PROFILE == "stack":
            return f"{os.environ['EPI_PG_URL_BASE']}/{name}{self.suffix}"
        return f"sqlite:///{self.var / (name + '.sqlite')}"

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        urls = [f"{BASE}/readyz", f"http://127.0.0.1:{PORT_BASE + 107}/readyz"]
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"launcher exited with {self.process.returncode}; logs in {self.logs}")
            try:
                if all(requests.get(u, timeout=3).status_code == 200 for u in urls):
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"not ready; logs in {self.logs}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


class KeycloakBff:
    """On the stack: the realm's confidential web client, accepting this run's callback URL. A
    Keycloak imported before the client existed gets it from the realm file, and loses it after."""

    def __init__(self, admin):
        self.admin, self.created, self.original = admin, False, None

    def __enter__(self):
        realm = json.loads((ROOT / "identity" / "keycloak" / "realm-epimorfosi.json").read_text(encoding="utf-8"))
        spec = next(c for c in realm["clients"] if c["clientId"] == BFF_CLIENT)
        spec = {**spec, "secret": "epimorfosi-bff-dev-secret"}
        internal = self.admin.get_client_id(BFF_CLIENT)
        if internal is None:
            self.admin.create_client(spec)
            self.created, internal = True, self.admin.get_client_id(BFF_CLIENT)
        self.internal = internal
        current = self.admin.get_client(internal)
        # webOrigins given explicitly, as the realm file declares them: without them Keycloak derives
        # them from the redirect URIs and keeps them after the restore (tests/stack would then find the
        # running client differing from the file on the next run).
        self.original = {k: current.get(k) for k in ("redirectUris", "attributes")}
        self.original["webOrigins"] = spec.get("webOrigins", [])
        extra = f"{BASE}/*"
        attributes = dict(current.get("attributes") or {})
        attributes["post.logout.redirect.uris"] = "##".join(
            [u for u in attributes.get("post.logout.redirect.uris", "").split("##") if u] + [extra])
        self.admin.update_client(internal, {"redirectUris": [*current.get("redirectUris", []), extra],
                                            "webOrigins": self.original["webOrigins"], "attributes": attributes})
        return self

    def __exit__(self, *exc):
        if self.created:
            self.admin.delete_client(self.internal)
        else:
            self.admin.update_client(self.internal, self.original)


@pytest.fixture(scope="session")
def system(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    if PROFILE == "stack":
        helpers = _system_tests_module()
        keycloak = helpers.KeycloakUsers()
        with helpers.RabbitVhost("browser") as vhost, KeycloakBff(keycloak.admin):
            launched = Launched(tmp, {"EPI_BROKER_URL": vhost.url})
            try:
                launched.wait_ready()
                yield {"base": BASE, "keycloak": keycloak, "logs": launched.logs, "gsis": GSIS_SANDBOX,
                       "database": launched.database}
            finally:
                launched.stop()
                keycloak.cleanup()
    else:
        launched = Launched(tmp, {})
        try:
            launched.wait_ready()
            yield {"base": BASE, "keycloak": None, "logs": launched.logs, "gsis": GSIS_SANDBOX,
                   "database": launched.database}
        finally:
            launched.stop()


@pytest.fixture(scope="session")
def accounts(system):
    """accounts(role, centre) -> (e-mail, password) of a person with that role on this profile's
    issuer; a centre head heads `centre` (KSE-0001 unless another is named)."""
    cache: dict[tuple[str, str], tuple[str, str]] = {}

    def get(role: str, centre: str = "KSE-0001") -> tuple[str, str]:
        key = (role, centre if role == "kse-head" else "")
        if key not in cache:
            keycloak = system["keycloak"]
            if keycloak:
                extra = {"centre_id": centre} if role == "kse-head" else {}
                if role == "coordinator":
                    extra = {"centre_id": "KSE-0001"}
                if role == "teacher":  # Keycloak's test teacher has no GSIS twin: confirmed already
                    extra["gsis_verified_at"] = "2026-01-01T00:00:00+00:00"
                cache[key] = keycloak.user(role, **extra)
            elif role == "kse-head":
                cache[key] = (DEV_CENTRE_HEADS[centre], DEV_PASSWORD)
            else:
                cache[key] = (DEV_USERS[role], DEV_PASSWORD)
        return cache[key]

    return get


@pytest.fixture(scope="session")
def api_token(system, accounts):
    """api_token(role) -> an access token of the same person `person(role)` signs in as, for a
    journey to arrange through the API what is not its subject (e.g. a lottery between two steps)."""
    helpers = _system_tests_module()
    helpers.PORT_BASE = PORT_BASE  # its dev-issuer helper reads the port base of this run's system

    def get(role: str) -> str:
        email, password = accounts(role)
        keycloak = system["keycloak"]
        return keycloak.token(email, password) if keycloak else helpers._dev_issuer_token(email, password)

    return get


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Debian's Chromium: browser downloads (`playwright install`) are not reachable here.
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


@pytest.fixture
def visitor(browser, system):
    """A new browser of someone not signed in (Greek, desktop size), with axe-core injected."""
    from web_client_browser_helpers import Visitor

    context = browser.new_context(locale="el-GR", viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))
    yield Visitor(context.new_page(), system["base"], PROFILE, SCREENS, system["gsis"])
    context.close()


@pytest.fixture
def person(browser, system, accounts):
    """person(role[, centre]) -> a Visitor in a new browser signed in as that role, by clicking."""
    contexts = []

    def sign_in(role: str, centre: str = "KSE-0001"):
        from web_client_browser_helpers import Visitor

        context = browser.new_context(locale="el-GR", viewport={"width": 1280, "height": 900})
        context.add_init_script(path=str(AXE))  # injected by the test: the site's CSP allows no such script
        contexts.append(context)
        visitor = Visitor(context.new_page(), system["base"], PROFILE, SCREENS, system["gsis"])
        visitor.sign_in(*accounts(role, centre))
        return visitor

    yield sign_in
    for context in contexts:
        context.close()
