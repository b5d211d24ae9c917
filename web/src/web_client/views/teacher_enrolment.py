"""The teacher's «Τα προγράμματά μου»: their own state in each programme of the allocation (enrolled,
successful, waitlisted with the live position that moves as seats free up, withdrawn, …), from
enrollment-svc's `/my-entries` (the token's subject: nobody else's). An offered seat shows the offer's
deadline and «Αποδοχή» / «Άρνηση», each behind a Ναι/Όχι confirmation (the offers slice's
`/my-entries/<code>/acceptance|refusal`)."""
from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, abort, redirect, render_template, request, url_for

from .. import roles
from ..api_client import ApiProblem
from ..i18n import N_
from ..signed_in import requires_role, web
from .enrolment import STATE_LABELS

bp = Blueprint("teacher_enrolment", __name__, url_prefix="/my-programmes")

ANSWERS = {  # the API's word -> (the button, the question of the confirmation, what was done)
    "acceptance": (N_("Αποδοχή"), N_("Θέλετε να αποδεχθείτε τη θέση που σας προσφέρεται στο πρόγραμμα;"),
                   N_("Αποδεχθήκατε τη θέση. Το ΚΣΕ θα κάνει την εγγραφή σας.")),
    "refusal": (N_("Άρνηση"), N_("Θέλετε να αρνηθείτε τη θέση που σας προσφέρεται στο πρόγραμμα; Η άρνηση είναι "
                                 "οριστική: η θέση προσφέρεται στον/στην επόμενο/η επιλαχόντα/ούσα."),
                N_("Αρνηθήκατε τη θέση· προσφέρεται στον/στην επόμενο/η επιλαχόντα/ούσα.")),
}


def my_entries() -> list[dict]:
    return web().api.get("enrollment", "enrolment/my-entries") or []


def render_index(error: str | None = None, status: int = 200):
    done = ANSWERS.get(request.args.get("done", ""))
    return render_template("teacher_enrolment/index.html", entries=my_entries(), state_labels=STATE_LABELS,
                           answers=ANSWERS, done=done[2] if done else None, error=error), status


@bp.get("")
@requires_role(roles.TEACHER)
def index():
    return render_index()


@bp.route("/<code>/<answer>", methods=["GET", "POST"])
@requires_role(roles.TEACHER)
def answer(code: str, answer: str):
    """GET: the confirmation (Ναι answers, Όχι goes back); POST: the answer to the offer."""
    if answer not in ANSWERS:
        abort(404)
    if request.method == "POST":
        try:
            web().api.post("enrollment", f"enrolment/my-entries/{quote(code, safe='')}/{answer}")
        except ApiProblem as problem:
            if problem.status == 404:
                abort(404)
            return render_index(problem.detail, 409 if problem.status == 409 else 422)
        return redirect(url_for(".index", done=answer), 303)
    entry = next((e for e in my_entries() if e["programme"]["code"] == code and e["state"] == "offered"), None)
    if entry is None:
        abort(404)
    return render_template("teacher_enrolment/confirm.html", entry=entry, answer=answer,
                           label=ANSWERS[answer][0], question=ANSWERS[answer][1])
