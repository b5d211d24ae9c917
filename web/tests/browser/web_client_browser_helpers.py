"""What a person does in the browser, and what every screen must pass: a screenshot saved as an
artefact, axe-core with no serious or critical violation, no Content-Security-Policy refusal."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

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
