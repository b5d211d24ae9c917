"""The web client on a phone and as a PWA: 360 px wide with touch (no horizontal scroll, the menu
tapped), installable (manifest, icons, a service worker controlling the page), the offline page
after a first visit, and the bytes a page costs (first load ≤ 250 KB, a later navigation ≤ 30 KB)."""
from __future__ import annotations

import re

import pytest
from web_client_browser_helpers import Visitor
from conftest import AXE, PROFILE, SCREENS
from playwright.sync_api import expect

PHONE = {  # a small Android phone: the narrowest width the client supports
    "viewport": {"width": 360, "height": 800}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True,
    "user_agent": "Mozilla/5.0 (Linux; Android 13; Pixel 4a) AppleWebKit/537.36 (KHTML, like Gecko) "
                  "Chrome/120.0.0.0 Mobile Safari/537.36",
}
FIRST_LOAD_LIMIT = 250 * 1024
LATER_NAVIGATION_LIMIT = 30 * 1024


@pytest.fixture
def phone(browser, system, accounts):
    """phone(role, **context options) -> a Visitor on a 360 px touch screen, signed in (role None: not)."""
    contexts = []

    def open_as(role: str | None, **options):
        context = browser.new_context(locale="el-GR", **{**PHONE, **options})
        context.add_init_script(path=str(AXE))
        contexts.append(context)
        visitor = Visitor(context.new_page(), system["base"], PROFILE, SCREENS)
        if role:
            visitor.sign_in(*accounts(role))
        else:
            visitor.goto("/")
        return visitor

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def head_centre(browser, system, accounts):
    """The centre head's centre (KSE-0001) in the registry, as test_journeys registers it: these
    journeys also run alone. Registered by the central administrator by clicking, if missing."""
    context = browser.new_context(locale="el-GR")
    try:
        admin = Visitor(context.new_page(), system["base"], PROFILE, SCREENS)
        admin.sign_in(*accounts("central-admin"))
        page = admin.goto("/centres")
        if page.get_by_role("link", name="KSE-0001", exact=True).count() == 0:
            page.get_by_role("button", name="Καταχώριση ΚΣΕ").click()
            for label, value in (("Κωδικός ΚΣΕ", "KSE-0001"), ("Επωνυμία", "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ"),
                                 ("Διεύθυνση Εκπαίδευσης", "Διεύθυνση Π.Ε. Μεσσηνίας"), ("Νομός", "ΜΕΣΣΗΝΙΑΣ"),
                                 ("Περιφέρεια", "ΠΕΛΟΠΟΝΝΗΣΟΥ")):
                page.get_by_label(label).fill(value)
            page.get_by_role("button", name="Καταχώριση", exact=True).click()
            expect(page.get_by_role("status")).to_contain_text("Το ΚΣΕ καταχωρίστηκε.")
    finally:
        context.close()
    return "KSE-0001"


def assert_fits(visitor: Visitor, name: str) -> None:
    """No horizontal scroll of the page (wide tables scroll inside their own region)."""
    visitor.screen(name)
    widths = visitor.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{name}: the page is {widths[0]} px wide on a {widths[1]} px screen"


def tap_menu(visitor: Visitor, label: str) -> None:
    visitor.page.get_by_role("navigation", name="Κύριο μενού").get_by_role("link", name=label, exact=True).tap()


def test_a_centre_head_uses_every_main_screen_on_a_phone(phone, head_centre):
    head = phone("kse-head")
    page = head.page
    expect(page.get_by_test_id("user-group")).to_have_text("Ομάδα Χρήστη: Υπεύθυνος ΚΣΕ")
    assert_fits(head, "phone-kse-head-home")
    tap_menu(head, "Διαχείριση πόρων ΚΣΕ")
    expect(page.get_by_role("heading", level=1)).to_have_text("Διαχείριση Αιθουσών")
    assert_fits(head, "phone-kse-head-rooms")
    tap_menu(head, "Προγράμματα επιμόρφωσης")
    expect(page).to_have_url(re.compile(r".*/programmes/"))
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Διαχείριση Αιθουσών")
    assert_fits(head, "phone-kse-head-programmes")
    tap_menu(head, "Κεντρική σελίδα")
    expect(page).to_have_url(re.compile(r".*/$"))
    expect(page.get_by_role("button", name="Έξοδος")).to_be_visible()


def test_a_central_admin_uses_every_main_screen_on_a_phone(phone):
    admin = phone("central-admin")
    page = admin.page
    assert_fits(admin, "phone-admin-home")
    tap_menu(admin, "Περίοδοι")
    expect(page.get_by_role("heading", level=1)).to_have_text("Περίοδοι επιμόρφωσης")
    assert_fits(admin, "phone-admin-periods")
    page.get_by_role("button", name="Νέα περίοδος").tap()
    expect(page.get_by_role("button", name="Άνοιγμα περιόδου")).to_be_visible()
    assert_fits(admin, "phone-admin-period-new")
    tap_menu(admin, "ΚΣΕ και αίθουσες")
    assert_fits(admin, "phone-admin-centres")


def test_a_visitor_and_a_wrong_role_see_greek_pages_that_fit(phone):
    visitor = phone(None)
    expect(visitor.page.get_by_role("button", name="Είσοδος")).to_be_visible()
    assert_fits(visitor, "phone-welcome")
    teacher = phone("teacher")
    teacher.goto("/resources/rooms")
    expect(teacher.page.get_by_role("heading", level=1)).to_have_text("Δεν έχετε πρόσβαση σε αυτή τη σελίδα")
    assert_fits(teacher, "phone-teacher-forbidden")


def controlled(visitor: Visitor) -> None:
    visitor.page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)


def test_the_client_is_installable_and_shows_the_offline_page_without_network(phone, head_centre):
    head = phone("kse-head")
    page = head.page
    controlled(head)  # registered by pwa.js on the first page, and controlling it (clients.claim)
    cdp = page.context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/manifest.webmanifest") and manifest["errors"] == []
    errors = [e["errorId"] for e in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]]
    # Playwright's contexts are incognito ones, where Chromium installs nothing; every other criterion holds.
    assert [e for e in errors if e != "in-incognito"] == [], errors
    declared = page.request.get(manifest["url"]).json()
    assert declared["name"] == "Επιμόρφωση Β' επιπέδου ΤΠΕ" and declared["display"] == "standalone"
    for icon in declared["icons"]:
        answer = page.request.get(head.base + icon["src"])
        assert answer.ok and answer.headers["content-type"] == "image/png"

    # What the worker keeps: the shell's assets and the offline page, never a page or the API.
    cached = page.evaluate("""async () => {
        const urls = [];
        for (const name of await caches.keys()) {
            for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
        }
        return urls;
    }""")
    assert "/offline" in cached and any(u.endswith(".css") for u in cached) and any(u.endswith(".woff2") for u in cached)
    assert all(u.startswith("/assets/") or u == "/offline" for u in cached), cached

    page.context.set_offline(True)
    tap_menu(head, "Διαχείριση πόρων ΚΣΕ")  # a boosted link: htmx's request, answered by the worker
    expect(page.get_by_role("heading", level=1)).to_have_text("Δεν υπάρχει σύνδεση")
    page.goto(head.base + "/programmes/interest")  # a full navigation too
    expect(page.get_by_role("heading", level=1)).to_have_text("Δεν υπάρχει σύνδεση")
    expect(page.get_by_text("ΔΟΚΙΜΗ")).to_have_count(0)
    head.screen("phone-offline")
    page.context.set_offline(False)
    page.goto(head.base + "/resources/rooms")
    expect(page.get_by_role("heading", level=1)).to_have_text("Διαχείριση Αιθουσών")


def test_the_worker_keeps_one_cache_per_release_and_deletes_older_ones(phone):
    visitor = phone(None)
    page = visitor.page
    controlled(visitor)
    release = re.search(r'const CACHE = "(epi-shell-[0-9a-f]{12})"', page.request.get(visitor.base + "/sw.js").text())
    assert release, "the worker names no release cache"
    names = page.evaluate("async () => await caches.keys()")
    assert names == [release.group(1)], names
    # A cache of an earlier release, as a browser has it after an update; then the worker of this
    # release is installed again (as after a deployment) and takes over.
    page.evaluate("""async () => {
        await (await caches.open("epi-shell-000000000000")).put("/offline", new Response("old"));
        const old = await navigator.serviceWorker.getRegistration();
        await old.unregister();
        const fresh = await navigator.serviceWorker.register("/sw.js", {scope: "/"});
        const worker = fresh.installing || fresh.waiting || fresh.active;
        if (worker.state !== "activated") {
            await new Promise((done) => worker.addEventListener("statechange", () => worker.state === "activated" && done()));
        }
    }""")
    page.wait_for_function(f"async () => (await caches.keys()).join() === '{release.group(1)}'", timeout=15000)
    expect(page.get_by_role("heading", level=1)).to_be_visible()


class Transfers:
    """Bytes received over the network (Chromium's encodedDataLength: compressed body and headers)."""

    def __init__(self, page):
        self.cdp = page.context.new_cdp_session(page)
        self.urls: dict[str, str] = {}
        self.sizes: dict[str, int] = {}
        self.cdp.on("Network.responseReceived", lambda e: self.urls.__setitem__(e["requestId"], e["response"]["url"]))
        self.cdp.on("Network.loadingFinished", lambda e: self.sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
        self.cdp.send("Network.enable")

    def reset(self, *, empty_cache: bool = False) -> None:
        if empty_cache:
            self.cdp.send("Network.clearBrowserCache")
        self.urls.clear()
        self.sizes.clear()

    def total(self) -> int:
        return sum(self.sizes.values())

    def detail(self) -> str:
        return ", ".join(f"{self.urls.get(k, k)}={v}" for k, v in sorted(self.sizes.items(), key=lambda kv: -kv[1]))


def test_a_first_load_costs_at_most_250_kb_and_a_later_navigation_at_most_30_kb(phone, head_centre):
    # The worker blocked: this measures what the network carries (a browser without it, or its first visit).
    head = phone("kse-head", service_workers="block")
    page = head.page
    transfers = Transfers(page)
    transfers.reset(empty_cache=True)
    page.goto(head.base + "/resources/rooms")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", level=1)).to_have_text("Διαχείριση Αιθουσών")
    first = transfers.total()
    assert 20 * 1024 < first <= FIRST_LOAD_LIMIT, f"first load {first} B: {transfers.detail()}"

    transfers.reset()
    tap_menu(head, "Προγράμματα επιμόρφωσης")
    page.wait_for_load_state("networkidle")
    expect(page).to_have_url(re.compile(r".*/programmes"))
    later = transfers.total()
    assert 0 < later <= LATER_NAVIGATION_LIMIT, f"later navigation {later} B: {transfers.detail()}"

    transfers.reset()
    page.goto(head.base + "/")  # a full page load with the assets in the browser's cache
    page.wait_for_load_state("networkidle")
    reload = transfers.total()
    assert 0 < reload <= LATER_NAVIGATION_LIMIT, f"later page load {reload} B: {transfers.detail()}"
    print(f"\ntransferred: first load {first} B, later navigation {later} B, later page load {reload} B")
