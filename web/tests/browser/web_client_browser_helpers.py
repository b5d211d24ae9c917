"""What a person does in the browser, and what every screen must pass: a screenshot saved as an
artefact, axe-core with no serious or critical violation, no Content-Security-Policy refusal."""
from __future__ import annotations

import re
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests
from playwright.sync_api import expect

from identity.testing import SANDBOX_PASSWORD

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(" "))}));
}"""


class Visitor:
    def __init__(self, page, base: str, profile: str, screens: Path, gsis: str = ""):
        self.page, self.base, self.profile, self.screens = page, base, profile, screens
        self.gsis = gsis  # the GSIS sandbox's origin, where a sign-in may lead first
        self.refusals: list[str] = []
        page.on("console", self._console)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.refusals.append(message.text)

    def goto(self, path: str):
        self.page.goto(self.base + path)
        return self.page

    def sign_in(self, email: str, password: str, *, start: str = "/") -> None:
        """From the welcome page, «Είσοδος», then the issuer's own login page."""
        self.goto(start)
        if start == "/":
            self.page.get_by_role("button", name="Είσοδος").click()
        self.fill_issuer_login(email, password)

    def fill_issuer_login(self, email: str, password: str) -> None:
        page = self.page
        if self.profile == "stack":  # Keycloak's login page
            page.wait_for_selector("#username")
            page.fill("#username", email)
            page.fill("#password", password)
            page.click("#kc-login")
        else:  # the dev issuer's login page
            page.wait_for_selector("input[name=email]")
            page.fill("input[name=email]", email)
            page.fill("input[name=password]", password)
            page.get_by_role("button", name="Είσοδος").click()
        # Back at the web client, or (a teacher not yet confirmed at GSIS) at the GSIS sandbox
        page.wait_for_url(re.compile(f"({re.escape(self.base)}|{re.escape(self.gsis)})/.*"))
        page.wait_for_load_state("networkidle")
        if self.gsis and page.url.startswith(self.gsis):
            self.confirm_at_gsis(email.split("@")[0])

    def gsis_sign_in(self, username: str) -> None:
        """The sandbox's Taxisnet pages: credentials, «Σύνδεση», then «Συνέχεια» and «Αποστολή»."""
        page = self.page
        page.wait_for_selector("#username")
        page.fill("#username", username)
        page.fill("#password", SANDBOX_PASSWORD)
        page.get_by_role("button", name="Σύνδεση").click()
        page.get_by_label("Συνέχεια").check()
        page.get_by_role("button", name="Αποστολή").click()
        page.wait_for_load_state("networkidle")

    def confirm_at_gsis(self, username: str) -> None:
        """The one-time confirmation a sign-in led to: Taxisnet, «Πιστοποίηση και είσοδος», «Είσοδος»."""
        self.gsis_sign_in(username)
        self.page.get_by_role("button", name="Πιστοποίηση και είσοδος").click()
        self.page.get_by_test_id("continue").click()
        self.page.wait_for_url(re.compile(re.escape(self.base) + r"/.*"))
        self.page.wait_for_load_state("networkidle")

    def screen(self, name: str) -> None:
        """The screen as it is now: saved, checked for accessibility and for CSP refusals."""
        page = self.page
        page.wait_for_load_state("networkidle")
        self.screens.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(self.screens / f"{self.profile}-{name}.png"), full_page=True)
        violations = page.evaluate(AXE_RUN)
        assert violations == [], f"{name}: axe-core found {violations}"
        assert self.refusals == [], f"{name}: the CSP refused {self.refusals}"


def confirm(page, answer: str = "Ναι") -> None:
    """The «Επιβεβαίωση» page of a step that cannot be undone: «Ναι» or «Όχι»."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Επιβεβαίωση")
    page.get_by_role("button", name=answer, exact=True).click()


def verify_draw_record(page, folder: Path, input_sha256: str) -> None:
    """A published draw's record, downloaded by the link its page gives and checked offline with
    the command the page names, as anyone would: it must say so and name the frozen input's hash."""
    with page.expect_download() as download:
        page.get_by_role("link", name=page.get_by_test_id("verify-command").inner_text().split()[-1]).click()
    record = folder / download.value.suggested_filename
    download.value.save_as(record)
    checked = subprocess.run([sys.executable, "-m", "applications_svc.verify", str(record)],
                             capture_output=True, text=True)
    assert checked.returncode == 0 and "ΕΠΑΛΗΘΕΥΣΗ: ΕΠΙΤΥΧΗΣ" in checked.stdout, checked.stdout
    assert input_sha256 in checked.stdout


# What journeys of the programme cycle arrange through the API, with the real clock.
STEP = 20  # seconds per window, as tests/e2e/test_programme_cycle.py
CENTRE = "KSE-0001"  # the centre of the kse-head accounts
CLUSTERS = [f"B2.{n}" for n in range(1, 14)]
SEED = {"seed": "05 11 23 31 38 44", "source": "Κλήρωση ΛΟΤΤΟ (δοκιμή)"}


def until(moment: datetime) -> None:
    time.sleep(max(0.0, (moment - datetime.now(timezone.utc)).total_seconds()) + 0.5)


def wait_for(check, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.5)
    return None


class Api:
    def __init__(self, base: str, token):
        self.base, self.token = f"{base}/api", token

    def __call__(self, role: str, method: str, path: str, expect=(200,), **kwargs) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.token(role)}", **kwargs.pop("headers", {})}
        response = requests.request(method, self.base + path, headers=headers, timeout=30, **kwargs)
        assert response.status_code in expect, (method, path, response.status_code, response.text[:300])
        return response


def open_cycle(api: Api, title: str, code: str, enrolment_after: timedelta | None = None,
               allocation_extra: int = 0) -> dict:
    """A period whose interest this centre has submitted, its windows STEP seconds apart from now
    (`at`), the enrolment deadline `enrolment_after` the last of them (default: STEP); the windows
    from phase B on start `allocation_extra` seconds later (a person clicks through the allocation)."""
    api("central-admin", "POST", "/resources/v1/centres", (201, 409), json={
        "code": CENTRE, "name": "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ", "directorate": "Διεύθυνση Π.Ε. Μεσσηνίας",
        "prefecture": "ΜΕΣΣΗΝΙΑΣ", "region": "ΠΕΛΟΠΟΝΝΗΣΟΥ"})
    api("central-admin", "POST", f"/resources/v1/centres/{CENTRE}/rooms", (201, 409), json={
        "name": f"Εργαστήριο {uuid.uuid4().hex[:4]}", "certified": True, "capacity": 15, "workstations": [
            {"label": f"Σταθμός {n}", "processor": "Intel Core i5", "memory": "8 GB", "disk": "SSD 256 GB",
             "operating_system": "Windows 11", "screen": '22" LCD', "network": "Ethernet 1 Gbps",
             "certified": True} for n in range(1, 17)]})
    t0 = datetime.now(timezone.utc).replace(microsecond=0)
    at = [t0 + timedelta(seconds=STEP * (k + 1 if k else 0) + (allocation_extra if k >= 4 else 0)) for k in range(8)]
    if enrolment_after is not None:
        at[7] = at[6] + enrolment_after
    name = f"{title} {uuid.uuid4().hex[:4]}"
    period = api("central-admin", "POST", "/applications/v1/periods", (201,), json={
        "code": f"{code}-{uuid.uuid4().hex[:6]}", "name": name, "minimum_participants": 1, "max_choices": 3,
        "interest_opens_at": (t0 - timedelta(hours=1)).isoformat(), "interest_closes_at": at[1].isoformat(),
        "applications_a_opens_at": at[2].isoformat(), "applications_a_closes_at": at[3].isoformat(),
        "applications_b_opens_at": at[4].isoformat(), "applications_b_closes_at": at[5].isoformat(),
        "allocation_published_at": at[6].isoformat(), "enrolment_deadline": at[7].isoformat()}).json()
    api("central-admin", "PUT", f"/applications/v1/periods/{period['id']}/distribution", headers={"Content-Type": "text/csv"},
        data="area_code,area_name,category,cluster,programmes\nΜΕΣΣΗΝΙΑΣ,Νομός Μεσσηνίας,IIa,B2.4,1\n".encode())
    known = wait_for(lambda: any(r["certified"] for r in api("kse-head", "GET", f"/applications/v1/centres/{CENTRE}",
                                                              (200, 404)).json().get("rooms", [])))
    assert known, "applications-svc never learnt of the centre's certified room"
    interest = f"/applications/v1/periods/{period['id']}/centres/{CENTRE}/interest"
    api("kse-head", "PUT", interest, json={"clusters": CLUSTERS, "declarations_accepted": True})
    api("kse-head", "POST", interest + "/submit", json={"confirm": True})
    return {"api": api, "period": period, "name": name, "at": at}


def menu(page, item: str):
    return page.get_by_role("navigation", name="Κύριο μενού").get_by_role("link", name=item, exact=True)


def draw(api: Api, path: str) -> None:
    api("central-admin", "POST", path + "/freeze", (201,))
    api("central-admin", "POST", path + "/seed", json=SEED)
    api("central-admin", "POST", path + "/draw")
