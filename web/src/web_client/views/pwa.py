"""What makes the web client an installable PWA: the manifest, the service worker at the origin's
root (scope /), and the offline page it keeps (anonymous: no name, no menu, no CSRF token)."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, url_for

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


@bp.get("/sw.js")
def service_worker():
    response = current_app.send_static_file("sw.js")
    response.mimetype = "text/javascript"
    # Browsers check it for updates on navigation; never kept stale.
    response.cache_control.no_cache = True
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.get("/offline")
def offline():
    # Rendered as for a visitor even when signed in: the service worker keeps it for everybody.
    return render_template("offline.html", signed_in=None, menu=(), role_label=None, csrf_token="")
