"""Greek first (Flask-Babel): the texts are written in Greek, English comes from the catalogue in
translations/. A person switches with the link in the footer; the choice is kept in a cookie."""
from __future__ import annotations

from flask import Blueprint, Flask, g, redirect, request
from flask_babel import Babel, get_translations

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


def translations():
    """This request's catalogue, looked up once: Flask-Babel's own lookup costs more per text
    than the rest of a table row's rendering, and a page shows dozens of texts."""
    found = g.get("_translations")
    if found is None:
        found = g._translations = get_translations()
    return found


def install(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "el")
    Babel(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(  # the templates' _() through the per-request catalogue
        gettext=lambda text: translations().ugettext(text),
        ngettext=lambda one, many, n: translations().ungettext(one, many, n),
        pgettext=lambda context, text: translations().upgettext(context, text),
        npgettext=lambda context, one, many, n: translations().unpgettext(context, one, many, n),
        newstyle=True,
    )
    app.register_blueprint(bp)

    @app.context_processor
    def _language():
        return {"current_language": select_locale(), "languages": LANGUAGES}
