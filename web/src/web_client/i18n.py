"""Greek first (Flask-Babel): the texts are written in Greek, English comes from the catalogue in
translations/. A person switches with the link in the footer; the choice is kept in a cookie."""
from __future__ import annotations

from flask import Blueprint, Flask, redirect, request
from flask_babel import Babel

LANGUAGES = ("el", "en")
COOKIE = "epi_lang"

bp = Blueprint("i18n", __name__)


def N_(text: str) -> str:
    """Marks a text kept in a constant for the catalogue (pybabel -k N_); the template translates
    it when shown, `{{ _(label) }}`."""
    return text


def select_locale() -> str:
    chosen = request.cookies.get(COOKIE)
    return chosen if chosen in LANGUAGES else "el"


@bp.get("/language/<code>")
def choose(code: str):
    back = request.args.get("next", "/")
    if not back.startswith("/") or back.startswith("//"):
        back = "/"  # only pages of this site: no open redirect
    response = redirect(back, 303)
    if code in LANGUAGES:
        response.set_cookie(COOKIE, code, max_age=365 * 24 * 3600, httponly=True, samesite="Lax")
    return response


def install(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "el")
    Babel(app, locale_selector=select_locale)
    app.register_blueprint(bp)

    @app.context_processor
    def _language():
        return {"current_language": select_locale(), "languages": LANGUAGES}
