"""What makes the web client an installable PWA: the manifest, the service worker at the origin's
root (scope /), and the offline page it keeps (anonymous: no name, no menu, no CSRF token)."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for

from ..i18n import N_

bp = Blueprint("pwa", __name__)

NAME = N_("Επιμόρφωση Β' επιπέδου ΤΠΕ")
SHORT_NAME = N_("Επιμόρφωση ΤΠΕ")
THEME = "#003476"  # the GOV.GR header's blue
ICON_SIZES = (192, 512)


@bp.get("/manifest.webmanifest")
def manifest():
    icons = [{"src": url_for("assets", filename=f"icons/icon-{size}.png"), "sizes": f"{size}x{size}",
              "type": "image/png", "purpose": "any"} for size in ICON_SIZES]
    # The text sits inside the central safe zone: the large picture serves as maskable too.
    icons.append({**icons[-1], "purpose": "maskable"})
    response = jsonify({
        "name": NAME, "short_name": SHORT_NAME, "lang": "el", "dir": "ltr",
        "id": "/", "start_url": "/", "scope": "/", "display": "standalone",
        "background_color": "#ffffff", "theme_color": THEME, "icons": icons,
    })
    response.mimetype = "application/manifest+json"
    response.cache_control.no_cache = True
    return response


RELEASE_MARK = "__RELEASE__"  # in sw.js: replaced by the release of the assets when it is served


@bp.get("/sw.js")
def service_worker():
    assets = current_app.extensions["web_assets"]
    release = assets.release()
    # A new release changes the worker's bytes: the browser installs it, and it fills a new cache
    # and deletes the old ones when it takes over.
    source = assets.path("sw.js").read_text(encoding="utf-8").replace(RELEASE_MARK, release)
    response = Response(source, mimetype="text/javascript")
    response.set_etag(release)
    response.make_conditional(request)
    # Browsers check it for updates on navigation; never kept stale.
    response.cache_control.no_cache = True
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.get("/offline")
def offline():
    # Rendered as for a visitor even when signed in: the service worker keeps it for everybody.
    return render_template("offline.html", signed_in=None, menu=(), role_label=None, csrf_token="")
