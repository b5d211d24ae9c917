"""The menus: every item that has an endpoint reaches a page, and every area of screens is in some
role's menu (a screen no menu leads to, even through its area's pages, is a screen nobody finds)."""
from __future__ import annotations

from web_client import views
from web_client.roles import MENUS

NOT_SCREENS = {"auth", "pwa", "verification"}  # sign-in/out, the PWA's files, the public verification page


def test_every_menu_endpoint_is_a_page(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    linked = [item.endpoint for menu in MENUS.values() for item in menu if item.endpoint]
    assert linked and set(linked) <= endpoints


def test_every_area_of_screens_is_under_a_menu_item():
    areas = {area for menu in MENUS.values() for item in menu for area in item.areas}
    assert {bp.name for bp in views.blueprints()} - NOT_SCREENS <= areas


def test_the_shared_distribution_screen_marks_each_roles_own_item(client, signed_in, gateway):
    gateway.on("GET", "/api/applications/v1/periods/7", 200, {"id": 7, "code": "P7", "name": "Π7"})
    gateway.on("GET", "/api/applications/v1/periods/7/distribution", 200, {"period_id": 7, "rows": []})
    for role, claims, current in (("central-admin", {}, "Περίοδοι"),
                                  ("kse-head", {"centre_id": "KSE-0001"}, "Προγράμματα επιμόρφωσης")):
        signed_in(role, **claims)
        html = client.get("/periods/7/distribution").get_data(as_text=True)
        active = html[html.index('aria-current="page"'):]
        assert active.startswith(f'aria-current="page">{current}</a>'), role
