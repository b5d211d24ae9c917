"""identity's own HTML pages: the GOV.GR look of the web client and the login theme (the theme's
own CSS and fonts, served from its folder), a strict Content-Security-Policy, the password rules the
page lists and password-rules.js ticks being the ones the server checks, and the support page."""
from __future__ import annotations

import json
import re
import subprocess
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings, strategies as st
from sqlalchemy import select

from identity.accounts.rules import PASSWORD_RULES, password_errors
from epimorfosi_platform.afm import afm_check_digit
from identity.gsis_flow.record import GSIS_FIELDS
from identity.models import SupportRequest
from identity_helpers import OidcDriver

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "identity"
THEME_RESOURCES = Path(__file__).resolve().parents[1] / "keycloak" / "themes" / "epimorfosi" / "login" / "resources"
VALID_AFM = "12345678" + str(afm_check_digit("12345678"))


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _linked(html: str, tag: str, attribute: str) -> list[str]:
    return re.findall(rf'<{tag}\b[^>]*\b{attribute}="([^"]+)"', html)


def test_the_pages_use_the_login_themes_own_css_and_fonts(client):
    page = client.get("/v1/support/new")
    html = page.get_data(as_text=True)
    stylesheets = _linked(html, "link", "href")
    assert [urlsplit(u).path.rsplit("/", 1)[-1] for u in stylesheets] == ["digigov.css", "epimorfosi.css", "identity.css"]
    for url in stylesheets:
        served = client.get(_path(url))
        assert served.status_code == 200 and served.mimetype == "text/css", url
    # The theme's files themselves, not copies: the same bytes as the theme's folder.
    assert (PACKAGE / "static" / "theme").resolve() == THEME_RESOURCES.resolve()
    for path in sorted(THEME_RESOURCES.rglob("*")):
        if path.is_file():
            served = client.get(f"/v1/pages/static/theme/{path.relative_to(THEME_RESOURCES).as_posix()}")
            assert served.status_code == 200 and served.data == path.read_bytes(), path.name
    css = client.get("/v1/pages/static/theme/css/epimorfosi.css").get_data(as_text=True)
    for font in re.findall(r"url\(\.\./fonts/([^)]+)\)", css):  # relative to the CSS: resolves under static/theme
        assert client.get(f"/v1/pages/static/theme/fonts/{font}").status_code == 200, font
    assert 'class="govgr-header"' in html and 'class="govgr-footer"' in html and 'lang="el"' in html


def test_a_strict_content_security_policy_and_no_inline_script_or_style(client):
    page = client.get("/v1/support/new")
    policy = page.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert directives["script-src"].startswith("'self'") and directives["style-src"].startswith("'self'")
    for template in sorted((PACKAGE / "templates" / "accounts").glob("*.html")):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=", text), template.name
        assert all("src=" in tag for tag in re.findall(r"<script\b[^>]*>", text)), f"{template.name}: inline script"


def _checklist(app) -> list[tuple[str, str, str]]:
    from flask import render_template

    view = {"gsis": {name: "x" for name, _ in GSIS_FIELDS}, "genders": [{"id": "F", "label": "Γυναίκα"}]}
    with app.test_request_context("/v1/gsis/callback"):
        html = render_template("accounts/register.html", view=view, fields=GSIS_FIELDS, state="s", form={},
                               errors={}, error=None, action="/v1/registration/form")
    assert re.search(r'<script src="[^"]*/v1/pages/static/password-rules\.js" defer>', html)
    items = re.findall(r'<li data-rule="([^"]+)" data-pattern="([^"]+)">([^<]+)<', html)
    return [(rule, unescape(pattern), unescape(label).strip()) for rule, pattern, label in items]


def test_the_checklist_on_the_page_is_the_list_the_server_checks(app):
    assert _checklist(app) == [(r.id, r.pattern, r.label) for r in PASSWORD_RULES]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ9!_ Ωé@(" + "x" * 3), max_size=18))
def test_one_greek_message_per_broken_rule(password):
    broken = [r for r in PASSWORD_RULES if not re.search(r.pattern, password)]
    assert password_errors(password) == [r.message for r in broken]


SAMPLES = ["", "Kodikos1!", "kodikos1!", "KODIKOS1!", "Kodikos!!", "Kodikos11", "Kod1!", "Kodikos1!Kodikos1!",
           "Κωδικός1!A", "Kodikos 1!", "Kodikos1_", "Aa1!Aa1!", "Aa1(Aa1)Aa1*Aa1"]


def test_the_browser_reads_every_pattern_as_python_does():
    """password-rules.js runs `new RegExp(pattern, "u").test(value)`: the same verdicts as `re.search`."""
    program = ("const [rules, samples] = JSON.parse(process.argv[1]);"
               "console.log(JSON.stringify(samples.map(s => rules.map(p => new RegExp(p, 'u').test(s)))));")
    argument = json.dumps([[r.pattern for r in PASSWORD_RULES], SAMPLES])
    out = subprocess.run(["node", "-e", program, argument], capture_output=True, text=True, check=True, timeout=30)
    expected = [[bool(re.search(r.pattern, s)) for r in PASSWORD_RULES] for s in SAMPLES]
    assert json.loads(out.stdout) == expected
    script = (PACKAGE / "static" / "password-rules.js").read_text(encoding="utf-8")
    assert 'new RegExp(item.getAttribute("data-pattern"), "u")' in script
    assert not any(r.pattern in script for r in PASSWORD_RULES), "the script keeps no rules of its own"


# -- the support page ---------------------------------------------------------------------------------


def test_the_support_page_lists_the_topics_and_preselects_one(client):
    page = client.get("/v1/support/new?topic=technical")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Αίτημα τεχνικής υποστήριξης" in html
    assert '<option value="technical" selected>Τεχνικά θέματα' in html
    assert _path(re.search(r'<form[^>]*action="([^"]+)"', html).group(1)) == "/v1/support/new"


def test_the_support_page_shows_every_wrong_field_at_once(client, app):
    refused = client.post("/v1/support/new", data={"topic": "", "description": "σύντομο", "afm": "123456789",
                                                   "contact_email": "όχι"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'data-testid="error-summary"' in html
    for name in ("topic", "description", "afm", "contact_email"):
        assert f'href="#field-{name}"' in html and f'id="error-{name}"' in html, name
    assert "Μη έγκυρος ΑΦΜ" in html and "Δώστε ένα e-mail επικοινωνίας." in html
    assert 'value="123456789"' in html  # what was typed stays in the form
    with app.extensions["epimorfosi"].db.session() as s:
        assert s.scalars(select(SupportRequest)).all() == []


def test_a_support_request_without_signing_in_reaches_only_the_helpdesk(client, app):
    body = {"topic": "technical", "description": "Δεν μπορώ να συνδεθώ από χθες το βράδυ.", "afm": VALID_AFM,
            "contact_email": "Someone@Example.gr", "requester_name": "Μαρία Παπαδοπούλου"}
    done = client.post("/v1/support/new", data=body)
    html = done.get_data(as_text=True)
    assert done.status_code == 201 and "Το αίτημά σας καταχωρίστηκε" in html and "someone@example.gr" in html
    with app.extensions["epimorfosi"].db.session() as s:
        row = s.scalars(select(SupportRequest)).one()
        assert (row.requester_subject, row.afm, row.contact_email, row.status) == (None, VALID_AFM, "someone@example.gr", "open")
        assert str(row.id) in html
    oidc = OidcDriver(client)
    agent = {"Authorization": f"Bearer {oidc.tokens_for('helpdesk1@epimorfosi.test')['access_token']}"}
    teacher = {"Authorization": f"Bearer {oidc.tokens_for('teacher1@epimorfosi.test')['access_token']}"}
    listed = client.get("/v1/support-requests", headers=agent).get_json()
    assert [(r["id"], r["requester_name"]) for r in listed] == [(str(row.id), "Μαρία Παπαδοπούλου")]
    assert client.get("/v1/support-requests", headers=teacher).get_json() == []
