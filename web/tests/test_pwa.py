"""The PWA's pieces (manifest, service worker at the root, anonymous offline page) and how the bytes
travel: compressed answers, versioned assets cached for a year, pages never cached."""
from __future__ import annotations

import gzip
import re

import brotli


def asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/assets/[^"]+)"', html)


def test_every_page_links_the_manifest_and_registers_the_worker_from_a_file(client):
    html = client.get("/").get_data(as_text=True)
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert re.search(r'<script src="/assets/pwa\.js\?v=[0-9a-f]{12}" defer>', html)
    assert "register(" not in html  # no inline script: the CSP refuses it


def test_the_manifest_is_greek_standalone_with_its_icons(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200 and response.mimetype == "application/manifest+json"
    manifest = response.get_json()
    assert manifest["name"] == "Επιμόρφωση Β' επιπέδου ΤΠΕ" and manifest["lang"] == "el"
    assert manifest["start_url"] == "/" and manifest["scope"] == "/" and manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"] if icon["purpose"] == "any"}
    assert sizes == {"192x192", "512x512"}
    assert any(icon["purpose"] == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200 and image.mimetype == "image/png"
        assert image.data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(image.data[16:20], "big"), int.from_bytes(image.data[20:24], "big")
        assert f"{width}x{height}" == icon["sizes"]


def test_the_service_worker_is_served_from_the_root_and_never_stale(client):
    response = client.get("/sw.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert "no-cache" in response.headers["Cache-Control"]
    source = response.get_data(as_text=True)
    assert '"/offline"' in source and "/assets/" in source
    # Pages from the network only: nothing but assets and the offline page goes into the cache.
    assert source.count("cache.put(") == 2 and "cache.put(OFFLINE" in source and "cache.put(request" in source


def test_the_worker_names_its_cache_after_the_release_and_drops_older_ones(app, client, tmp_path):
    assets = app.extensions["web_assets"]
    release = assets.release()
    assert re.fullmatch(r"[0-9a-f]{12}", release)
    response = client.get("/sw.js")
    source = response.get_data(as_text=True)
    assert f'const CACHE = "epi-shell-{release}";' in source and "__RELEASE__" not in source
    # On activate, every cache of this app but the current one is deleted.
    activate = source[source.index('addEventListener("activate"'):]
    assert 'name.startsWith("epi-shell-") && name !== CACHE' in activate and "caches.delete(name)" in activate
    assert client.get("/sw.js", headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


def test_the_release_changes_with_any_asset_and_only_then(tmp_path):
    from web_client.delivery import Assets

    (tmp_path / "web.css").write_text("body { color: black }")
    (tmp_path / "icons").mkdir()
    (tmp_path / "icons" / "a.png").write_bytes(b"png")
    first, same = Assets(tmp_path).release(), Assets(tmp_path).release()
    (tmp_path / "icons" / "a.png").write_bytes(b"png, redrawn")
    assert first == same and Assets(tmp_path).release() != first


def test_the_offline_page_is_anonymous_even_for_a_signed_in_person(client, signed_in):
    row = signed_in("kse-head", centre_id="KSE-0001")
    html = client.get("/offline").get_data(as_text=True)
    assert "Δεν υπάρχει σύνδεση" in html
    assert "ΔΟΚΙΜΗ" not in html and row.csrf_token not in html and "Έξοδος" not in html


def test_pages_and_assets_are_compressed(client):
    page = client.get("/", headers={"Accept-Encoding": "br, gzip"})
    assert page.headers["Content-Encoding"] == "br" and "Accept-Encoding" in page.headers["Vary"]
    assert "Είσοδος" in brotli.decompress(page.data).decode()
    css = next(u for u in asset_urls(client.get("/").get_data(as_text=True)) if "digigov.css" in u)
    plain = client.get(css)
    packed = client.get(css, headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain.data and len(packed.data) < len(plain.data) / 4
    best = client.get(css, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert best.headers["Content-Encoding"] == "br" and brotli.decompress(best.data) == plain.data
    again = client.get(css, headers={"Accept-Encoding": "br", "If-None-Match": best.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_versioned_assets_are_kept_a_year_and_others_revalidated(client):
    for url in asset_urls(client.get("/").get_data(as_text=True)):
        response = client.get(url)
        assert response.status_code == 200, url
        cache = response.headers["Cache-Control"]
        assert "max-age=31536000" in cache and "immutable" in cache and "public" in cache, url
    stale = client.get("/assets/web.css?v=000000000000")  # a page of an older deployment
    assert "no-cache" in stale.headers["Cache-Control"] and "max-age" not in stale.headers["Cache-Control"]
    font = client.get("/assets/vendor/fonts/roboto-greek-400-normal.woff2")  # named by the CSS, unversioned
    assert font.status_code == 200 and "no-cache" in font.headers["Cache-Control"]
    again = client.get("/assets/vendor/fonts/roboto-greek-400-normal.woff2",
                       headers={"If-None-Match": font.headers["ETag"]})
    assert again.status_code == 304


def test_an_asset_outside_the_folder_gets_no_version_and_is_not_found(client, app):
    with app.test_request_context():
        from flask import url_for

        assert url_for("assets", filename="../app.py") == "/assets/../app.py"
    assert client.get("/assets/nothing-here.css").status_code == 404
