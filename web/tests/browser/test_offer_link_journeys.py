"""The offer e-mail's one-click decline page, opened by someone not signed in, on the real services:
the gateway lets `/offer-links/<token>` reach enrollment-svc without a token, and a link that no longer
works (answered, expired or unknown) says so in Greek, with no button and no sign-in asked for."""
from __future__ import annotations

import secrets

from playwright.sync_api import expect


def test_a_decline_link_that_no_longer_works_says_so_without_signing_in(visitor):
    page = visitor.page
    response = page.goto(visitor.base + f"/offer-links/{secrets.token_urlsafe(32)}")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Άρνηση θέσης σε πρόγραμμα επιμόρφωσης")
    expect(page.get_by_test_id("link-gone")).to_contain_text("Ο σύνδεσμος δεν ισχύει πλέον")
    expect(page.get_by_role("button", name="Άρνηση της θέσης")).to_have_count(0)
    visitor.screen("offer-link-gone")
    # A forged post from another site is refused before any API call.
    forged = page.request.post(visitor.base + f"/offer-links/{secrets.token_urlsafe(32)}",
                               headers={"Sec-Fetch-Site": "cross-site"}, max_redirects=0)
    assert forged.status == 400
