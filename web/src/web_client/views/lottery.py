"""Central administration: a period's programme lottery, the public and reproducible draw of the
manual: «Πάγωμα» of its data (the SHA-256 of the input is shown), the seed from a public source,
the draw, then the published record that anyone can download and check offline. Part of the
«Περίοδοι» area (its routes are on the periods blueprint)."""
from __future__ import annotations

from flask import Response, redirect, render_template, request, url_for
from flask_babel import gettext

from .. import roles
from ..api_client import ApiProblem
from ..forms import FormErrors, errors_from_problem
from ..i18n import N_
from ..signed_in import requires_role, web
from .periods import bp

SEED_LABELS = {"seed": N_("Σπόρος"), "source": N_("Δημόσια πηγή του σπόρου")}
STEPS = {"freeze": "freeze", "draw": "draw"}  # form action -> API path after .../lottery/


def lottery_state(period_id: int) -> dict | None:
    """The draw's record, or None before its data are frozen (the API answers 404 then)."""
    try:
        return web().api.get("applications", f"periods/{period_id}/lottery")
    except ApiProblem as problem:
        if problem.status == 404:
            return None
        raise


@bp.get("/<int:period_id>/lottery")
@requires_role(roles.CENTRAL_ADMIN)
def lottery(period_id: int, errors: FormErrors | None = None, values: dict | None = None):
    period = web().api.get("applications", f"periods/{period_id}")
    errors = errors or FormErrors()
    return render_template("periods/lottery.html", period=period, record=lottery_state(period_id),
                           errors=errors, values=values or {}, labels=SEED_LABELS,
                           summary=errors.summary(SEED_LABELS)), 422 if errors else 200


@bp.post("/<int:period_id>/lottery/<step>")
@requires_role(roles.CENTRAL_ADMIN)
def lottery_step(period_id: int, step: str):
    values = request.form.to_dict()
    try:
        if step == "seed":
            web().api.post("applications", f"periods/{period_id}/lottery/seed",
                           {"seed": values.get("seed", "").strip(), "source": values.get("source", "").strip()})
        elif step in STEPS:
            web().api.post("applications", f"periods/{period_id}/lottery/{STEPS[step]}")
        else:
            errors = FormErrors()
            errors.general.append(gettext("Άγνωστο βήμα της κλήρωσης."))
            return lottery(period_id, errors)
    except ApiProblem as problem:
        return lottery(period_id, errors_from_problem(problem), values)
    return redirect(url_for(".lottery", period_id=period_id, done=step), 303)


@bp.get("/<int:period_id>/lottery/record.json")
@requires_role(roles.CENTRAL_ADMIN)
def lottery_record(period_id: int):
    """The published record as a file, the API's bytes unchanged: `python -m applications_svc.verify`
    checks it."""
    body = web().api.call("GET", "applications", f"periods/{period_id}/lottery", raw=True)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="lottery-{period_id}.json"'})
