"""Keycloak's own sign-in pages are the `epimorfosi` theme (identity/keycloak/themes): Greek first,
the GOV.GR look, no script and nothing left of the stock Keycloak styling.

Runs against the Keycloak at EPI_KEYCLOAK_URL (the stack's by default), over plain HTTP as a
browser without JavaScript would: the realm must have been imported from the current realm file
and the theme folder passed to Keycloak (deploy/local/stack.sh does both).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import secrets
import uuid
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

pytestmark = [
    pytest.mark.skipif(os.environ.get("EPI_STACK") != "1", reason="needs the stack profile (EPI_STACK=1)"),
    pytest.mark.timeout(60),
]

REALM = "epimorfosi"
REALM_FILE = Path(__file__).resolve().parents[2] / "identity" / "keycloak" / "realm-epimorfosi.json"
KEYCLOAK_URL = os.environ.get("EPI_KEYCLOAK_URL", "http://127.0.0.1:8180").rstrip("/")
OIDC = f"{KEYCLOAK_URL}/realms/{REALM}/protocol/openid-connect"
# A public client of the realm file with a loopback redirect URI (nothing needs to listen there).
CLIENT_ID, REDIRECT_URI = "epimorfosi-web", "http://127.0.0.1:8000/callback"
STOCK_MARKERS = ["pf-c-", "pf-v5-", "kc-form-card", "login-pf", "keycloak-bg", "patternfly"]


def auth_params(**extra: str) -> dict[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return {"client_id": CLIENT_ID, "redirect_uri": REDIRECT_URI, "response_type": "code", "scope": "openid",
            "state": secrets.token_hex(8), "code_challenge": challenge, "code_challenge_method": "S256", **extra}


def form_action(page: str, form_id: str) -> str:
    match = re.search(rf'<form id="{form_id}"[^>]*\baction="([^"]+)"', page)
    assert match, f"no form #{form_id} in the page"
    return html.unescape(match.group(1))


def assert_themed(page: str, lang: str = "el") -> None:
    assert re.search(rf'<html lang="{lang}"', page), "page is not in the expected language"
    assert 'class="govgr-header"' in page and 'class="govgr-footer"' in page
    assert re.search(r'href="[^"]*/login/epimorfosi/css/digigov\.css"', page), "GOV.GR CSS of the theme not linked"
    assert "<script" not in page, "the theme has no script, inline or not"
    for marker in STOCK_MARKERS:
        assert marker not in page, f"stock Keycloak styling left: {marker}"


class LoopbackBrowser(requests.Session):
    """Keycloak's session cookies are Secure; browsers send those to a loopback host over plain
    HTTP (a potentially trustworthy origin), http.cookiejar does not. Do as the browsers do."""

    def send(self, request, **kwargs):
        for cookie in self.cookies:
            cookie.secure = False
        request.headers.pop("Cookie", None)
        request.prepare_cookies(self.cookies)
        return super().send(request, **kwargs)


@pytest.fixture()
def browser() -> requests.Session:
    session = LoopbackBrowser()
    session.headers["Accept-Language"] = "el-GR,el;q=0.9"
    return session


@pytest.fixture()
def login_page(browser) -> str:
    response = browser.get(f"{OIDC}/auth", params=auth_params(), timeout=10)
    assert response.status_code == 200, response.text[:500]
    return response.text


def test_realm_file_selects_the_theme_in_greek_first():
    spec = json.loads(REALM_FILE.read_text(encoding="utf-8"))
    assert spec["loginTheme"] == "epimorfosi"
    assert spec["internationalizationEnabled"] is True
    assert spec["supportedLocales"] == ["el", "en"] and spec["defaultLocale"] == "el"


def test_login_page_is_greek_and_gov_gr(login_page):
    assert_themed(login_page)
    assert "Είσοδος χρήστη" in login_page
    assert re.search(r'<input class="govgr-input"[^>]*id="username"[^>]*type="email"', login_page)
    assert re.search(r'<input class="govgr-input"[^>]*id="password"[^>]*type="password"', login_page)
    assert re.search(r'<button type="submit" class="govgr-btn govgr-btn-primary"[^>]*>Είσοδος</button>', login_page)
    assert "Ξέχασα τον κωδικό πρόσβασης" in login_page


def test_greek_is_the_default_without_accept_language():
    response = requests.get(f"{OIDC}/auth", params=auth_params(), timeout=10)
    assert response.status_code == 200
    assert_themed(response.text, lang="el")


def test_english_on_request(browser):
    response = browser.get(f"{OIDC}/auth", params=auth_params(ui_locales="en"), timeout=10)
    assert response.status_code == 200
    assert_themed(response.text, lang="en")
    assert "Sign In" in response.text and "There is a problem" not in response.text


def test_theme_resources_are_served(browser, login_page):
    for name, marker in (("digigov.css", ".govgr-btn"), ("epimorfosi.css", "roboto-greek-400-normal.woff2")):
        href = re.search(rf'href="([^"]*/css/{re.escape(name)})"', login_page).group(1)
        response = browser.get(urljoin(KEYCLOAK_URL + "/", href), timeout=10)
        assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/css")
        assert marker in response.text
    font = re.search(r'href="([^"]*/login/epimorfosi/)css/', login_page).group(1) + "fonts/roboto-greek-400-normal.woff2"
    assert browser.get(urljoin(KEYCLOAK_URL + "/", font), timeout=10).content[:4] == b"wOF2"


def test_failed_login_shows_a_greek_error_summary(browser, login_page):
    email = f"nobody-{uuid.uuid4().hex[:8]}@epimorfosi.test"
    response = browser.post(form_action(login_page, "kc-form-login"),
                            data={"username": email, "password": "Wrong1!pass"}, allow_redirects=False, timeout=10)
    assert response.status_code == 200, response.status_code
    page = response.text
    assert_themed(page)
    summary = re.search(r'<div class="govgr-error-summary".*?</div>', page, re.S)
    assert summary and "Υπάρχει πρόβλημα" in summary.group(0)
    assert '<a class="govgr-link" href="#username">Λάθος email ή κωδικός πρόσβασης.</a>' in summary.group(0)
    assert 'class="govgr-field govgr-field__error"' in page and 'aria-invalid="true"' in page
    assert f'value="{email}"' in page


def test_forgot_password_page(browser, login_page):
    href = html.unescape(re.search(r'id="kc-forgot-password" href="([^"]+)"', login_page).group(1))
    page = browser.get(urljoin(KEYCLOAK_URL + "/", href), timeout=10).text
    assert_themed(page)
    assert "Ξέχασα τον κωδικό πρόσβασης" in page and ">Συνέχεια</button>" in page


def test_logout_confirmation_page(browser):
    response = browser.get(f"{OIDC}/logout", timeout=10)
    assert response.status_code == 200
    assert_themed(response.text)
    assert "Θέλετε να αποσυνδεθείτε" in response.text and ">Έξοδος</button>" in response.text


def test_error_page(browser):
    response = browser.get(f"{OIDC}/auth", params=auth_params(client_id="no-such-client"), timeout=10)
    assert response.status_code == 400
    assert_themed(response.text)
    assert "Παρουσιάστηκε πρόβλημα" in response.text and "govgr-error-summary" in response.text
