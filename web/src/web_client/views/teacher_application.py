"""The teacher's «Αίτηση συμμετοχής» (phase A or B): the eligible programmes of their specialty
(paged, filtered by area and cluster, CSV), ranked by add / remove / up / down, then saved.

Without JavaScript: the ranking being edited lives in the address (`draft=1&choice=…`, in order), so
every button is a plain link and the back button undoes; «Καταχώριση αίτησης» sends it to
applications-svc, which decides what is allowed (window, eligibility, maximum)."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import roles
from ..api_client import ApiProblem
from ..forms import FormErrors, errors_from_problem
from ..i18n import N_
from ..lists import Filter, Filters, csv_response, list_address, url_with, wants_csv
from ..paging import paginate
from ..signed_in import requires_role, web
from .teacher_calls import PHASE_LABELS, PHASES, chosen_period, default_phase, window

bp = Blueprint("application", __name__, url_prefix="/application")

FILTERS = (
    Filter("area_code", N_("Περιοχή (Νομός / Περιφέρεια)")),
    Filter("cluster", N_("Συστάδα"), text=lambda p: f"{p['cluster']} {p.get('cluster_name', '')}".strip()),
)


def now() -> datetime:
    return datetime.now(timezone.utc)


@bp.get("")
@requires_role(roles.TEACHER)
def index():
    periods = web().api.get("applications", "periods")
    period = chosen_period(periods, request.args.get("period", type=int), now())
    if period is None:
        return render_template("application/no_period.html")
    phase = request.args.get("phase") if request.args.get("phase") in PHASES else default_phase(period, now())
    saved = saved_application(period["id"], phase)
    if request.args.get("draft"):
        specialty, codes = request.args.get("specialty", "").strip(), request.args.getlist("choice")
    else:
        specialty = saved["specialty"] if saved else ""
        codes = [p["code"] for p in saved["programmes"]] if saved else []
    return render_application(period, phase, saved, specialty, codes)


@bp.post("/<int:period_id>/<phase>")
@requires_role(roles.TEACHER)
def save(period_id: int, phase: str):
    specialty, codes = request.form.get("specialty", "").strip(), request.form.getlist("choice")
    errors = FormErrors()
    if not specialty:
        errors.general.append(_("Επιλέξτε κλάδο/ειδικότητα."))
    if not codes:
        errors.general.append(_("Προσθέστε στην αίτηση τουλάχιστον ένα πρόγραμμα."))
    if not errors:
        try:
            web().api.put("applications", f"periods/{period_id}/applications/{phase}/mine",
                          {"specialty": specialty, "programmes": codes})
            return redirect(url_for(".index", period=period_id, phase=phase, done="save"), 303)
        except ApiProblem as problem:
            errors = errors_from_problem(problem)
    period = web().api.get("applications", f"periods/{period_id}")
    saved = saved_application(period_id, phase)
    return render_application(period, phase, saved, specialty, codes, errors, 422)


def saved_application(period_id: int, phase: str) -> dict | None:
    try:
        return web().api.get("applications", f"periods/{period_id}/applications/{phase}/mine")
    except ApiProblem as problem:
        if problem.status == 404:
            return None  # not applied in this phase yet
        raise


def render_application(period: dict, phase: str, saved: dict | None, specialty: str, codes: list[str],
                       errors: FormErrors | None = None, status: int = 200):
    if request.method == "POST":
        list_address(url_for(".index"), {"period": period["id"], "phase": phase, "specialty": specialty,
                                         "draft": "1", "choice": codes})
    phase_window = window(period, phase, now())
    editable = phase_window.is_open and not (saved and saved.get("read_only"))
    eligible = eligible_programmes(period, phase, specialty) if editable and specialty else []
    filters = Filters(eligible, *FILTERS)
    if wants_csv():
        return programmes_csv(period, phase, filters.selected)
    known = {p["code"]: p for p in (saved["programmes"] if saved else [])} | {p["code"]: p for p in eligible}
    saved_codes = [p["code"] for p in saved["programmes"]] if saved else []
    link = lambda chosen: draft_url(period, phase, specialty, chosen)  # noqa: E731
    summary = [(None, line) for line in errors.general] if errors else []
    if errors:
        summary += [(None, m) for messages in errors.fields.values() for m in messages]
    return render_template(
        "application/index.html", period=period, phase=phase, phases=PHASES, phase_labels=PHASE_LABELS,
        window=phase_window, saved=saved, editable=editable, specialty=specialty,
        specialties=specialties_of(period) if editable else [], ranking=ranking_rows(codes, known, link),
        codes=codes, changed=(codes != saved_codes or specialty != (saved or {}).get("specialty", "")),
        full=len(codes) >= int(period.get("max_choices") or 5), filters=filters,
        page=paginate(filters.selected, web().settings.page_size), add_url=lambda code: link(codes + [code]),
        summary=summary), status


def eligible_programmes(period: dict, phase: str, specialty: str) -> list[dict]:
    """The period's programmes in the clusters of the specialty; in phase B only those with free seats."""
    rows = web().api.get_all("applications", f"periods/{period['id']}/programmes", specialty=specialty)
    if phase == "B":
        rows = [p for p in rows if p.get("free_seats") is None or p["free_seats"] > 0]
    return rows


def specialties_of(period: dict) -> list[dict]:
    """Every specialty of the period's level, once, in code order («Κλάδος/Ειδικότητα»)."""
    clusters = web().api.get("applications", "clusters", level=period.get("level", "B2"))
    found = {s["code"]: s for cluster in clusters for s in cluster.get("specialties", [])}
    return [found[code] for code in sorted(found)]


def draft_url(period: dict, phase: str, specialty: str, codes: list[str]) -> str:
    return url_with(period=period["id"], phase=phase, specialty=specialty, draft=1, choice=codes,
                    done=None, format=None)


def ranking_rows(codes: list[str], known: dict[str, dict], draft_url) -> list[dict]:
    """The ranking being edited, with the link of each of its buttons."""
    rows = []
    for index, code in enumerate(codes):
        rest = codes[:index] + codes[index + 1:]
        up = codes[:index - 1] + [code, codes[index - 1]] + codes[index + 1:] if index > 0 else None
        down = codes[:index] + [codes[index + 1], code] + codes[index + 2:] if index + 1 < len(codes) else None
        rows.append({"rank": index + 1, "code": code, "programme": known.get(code),
                     "remove_url": draft_url(rest), "up_url": draft_url(up) if up else None,
                     "down_url": draft_url(down) if down else None})
    return rows


def programmes_csv(period: dict, phase: str, programmes: list[dict]):
    headers = [_("Κωδικός προγράμματος"), _("Συστάδα"), _("Κατηγορία"), _("ΚΣΕ"), _("Περιοχή"),
               _("Δυναμικότητα"), _("Έναρξη"), _("Λήξη")]
    rows = ([p["code"], f"{p['cluster']} {p.get('cluster_name', '')}", p.get("category_name") or p.get("category"),
             p.get("centre_name"), p.get("area_code"), p.get("capacity"), p.get("starts_on"), p.get("ends_on")]
            for p in programmes)
    return csv_response(f"programmes-{period.get('code', period['id'])}-{phase}", headers, rows)
