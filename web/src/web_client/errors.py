"""HTML answers for what goes wrong: sign in again (and come back), «δεν έχετε πρόσβαση», a
service that does not answer, a page that does not exist. Never a stack trace, never JSON."""
from __future__ import annotations

import logging
from urllib.parse import urlencode

from flask import Flask, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from .api_client import ApiUnavailable
from .i18n import N_
from .signed_in import AccessDenied, SignInRequired

log = logging.getLogger(__name__)

MESSAGES = {
    400: (N_("Μη έγκυρο αίτημα"), N_("Η φόρμα έληξε ή δεν στάλθηκε σωστά. Ανοίξτε ξανά τη σελίδα και δοκιμάστε πάλι.")),
    404: (N_("Η σελίδα δεν βρέθηκε"), N_("Ελέγξτε τη διεύθυνση ή επιστρέψτε στην κεντρική σελίδα.")),
    405: (N_("Μη επιτρεπτή ενέργεια"), N_("Η ενέργεια αυτή δεν γίνεται από αυτή τη σελίδα.")),
    413: (N_("Πολύ μεγάλο αρχείο"), N_("Το αρχείο ή η φόρμα ξεπερνά το επιτρεπτό μέγεθος.")),
    500: (N_("Παρουσιάστηκε σφάλμα"), N_("Δοκιμάστε ξανά σε λίγο. Αν το πρόβλημα επιμένει, επικοινωνήστε με το γραφείο αρωγής.")),
}


class CentreNotRegistered(Exception):
    """A centre head's account names a centre that the register does not hold (yet)."""


NOT_REGISTERED = (N_("Το ΚΣΕ δεν έχει καταχωριστεί"),
                  N_("Το ΚΣΕ του λογαριασμού σας δεν έχει καταχωριστεί ακόμη στο μητρώο των ΚΣΕ. "
                     "Επικοινωνήστε με τον Κεντρικό Διαχειριστή."))


def page(status: int, title: str, text: str):
    return render_template("error.html", status=status, title=title, text=text), status


def login_redirect(return_to: str | None):
    target = url_for("auth.login") + "?" + urlencode({"next": return_to or "/"})
    if request.headers.get("HX-Request"):
        # htmx follows redirects inside XHR, which cannot cross to the issuer: send the browser.
        return "", 200, {"HX-Redirect": target}
    return redirect(target, 303)


def install(app: Flask) -> None:
    @app.errorhandler(SignInRequired)
    def _sign_in(exc: SignInRequired):
        return login_redirect(exc.return_to)

    @app.errorhandler(AccessDenied)
    def _denied(_exc):
        return render_template("forbidden.html"), 403

    @app.errorhandler(CentreNotRegistered)
    def _not_registered(_exc):
        return page(404, *NOT_REGISTERED)

    @app.errorhandler(ApiUnavailable)
    def _unavailable(exc):
        log.warning("api unavailable", extra={"error": str(exc)})
        return page(503, N_("Η υπηρεσία δεν είναι διαθέσιμη"),
                    N_("Κάποια υπηρεσία του συστήματος δεν απαντά αυτή τη στιγμή. Δοκιμάστε ξανά σε λίγο."))

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        status = exc.code or 500
        title, text = MESSAGES.get(status, (exc.name, ""))
        return page(status, title, text)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error")
        return page(500, *MESSAGES[500])
