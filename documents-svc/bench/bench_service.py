"""documents-svc benchmark (`make bench`), each figure a ratio to bare WeasyPrint in the same run:

1. a B4 through the service — the enrolment event through the platform Inbox (read models,
   template, render, store, record, outbox) — against bare WeasyPrint rendering the same HTML
   (target ≤ 1.3);
2. a 2,000-row K4 through POST /v1/lists/k4 — parts rendered on every core, merged and numbered —
   against one bare WeasyPrint render of the whole list as one HTML (target ≤ 0.7).

Wall-clock medians (the parallel render is about wall time); on a shared machine other processes'
load moves both sides of each ratio."""
import copy
import json
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

from epimorfosi_platform.events import Event
from epimorfosi_platform.inbox import Inbox
from epimorfosi_platform.testing import LocalIssuer, service_app

from documents_svc import SERVICE, create_app
from documents_svc.documents.operations import Issue
from documents_svc.forms import LIST_FORMS, paging, render_pool, rendering
from documents_svc.forms.form_b4 import form_b4
from documents_svc.trainees.models import Programme

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = {
    "identity.user.registered.v1": REPO / "identity/src/identity/events",
    "applications.programme.created.v1": REPO / "applications-svc/src/applications_svc/events",
    "enrollment.trainee.enrolled.v1": REPO / "enrollment-svc/src/enrollment_svc/events",
}
LIST_ROWS = 2_000


def event(event_type, **data):
    path = EXAMPLES[event_type] / f"{event_type}.example.json"
    envelope = copy.deepcopy(json.loads(path.read_text(encoding="utf-8")))
    envelope["id"] = str(uuid.uuid4())
    envelope["data"].update(data)
    return Event.from_envelope(envelope)


def median_wall(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def deliverer(runtime):
    def deliver(e):
        subscription = next(s for s in SERVICE.subscriptions if e.type in s.handlers)
        Inbox.of(runtime, subscription.queue_name(SERVICE.name)).handle(e, subscription.handlers[e.type])
    return deliver


def bench_b4(runtime, repeat):
    deliver = deliverer(runtime)
    enrolled = event("enrollment.trainee.enrolled.v1")
    deliver(event("applications.programme.created.v1", code=enrolled.data["programme_code"]))
    deliver(event("identity.user.registered.v1", user_id=enrolled.data["teacher_id"], first_name="Ελένη",
                  last_name="Αλεξίου", roles=["teacher"], centre_id=None))
    deliver(event("enrollment.trainee.enrolled.v1"))  # warm-up: fonts, stylesheet, templates
    service = median_wall(lambda: deliver(event("enrollment.trainee.enrolled.v1")), repeat)
    with runtime.db.session() as session:
        programme = session.get(Programme, enrolled.data["programme_code"])
        wanted = form_b4(programme=programme, trainee_name="Ελένη Αλεξίου", head_name=None,
                         enrolled_at=datetime.now(timezone.utc), teacher_id=enrolled.data["teacher_id"])
    issue = Issue("7KQ2M9XD4TBE", datetime.now(timezone.utc), runtime.context.verify_url)
    html = rendering.render_html(wanted.form.template, {**wanted.values, **issue.values(wanted.title, wanted.form.label)})
    bare = median_wall(lambda: rendering.html_to_pdf(html), repeat)
    print(f"B4 through the service {service * 1000:8.1f} ms | bare WeasyPrint {bare * 1000:8.1f} ms | "
          f"ratio {service / bare:.2f} (target ≤ 1.3)")


def k4_body(rows):
    heading = {"programme_code": "Π-0001", "programme_type": "Β2", "centre_name": "ΚΣΕ", "directorate": "Δ.Δ.Ε.",
               "cluster": "ΠΕ86"}
    return {"period_code": "2026-B2-4", "period_title": "7η Περίοδος", "centre_code": "KSE-0001",
            "heading": heading, "rows": [
                {"surname": f"ΠΑΠΑΔΟΠΟΥΛΟΣ{i}", "name": "ΓΕΩΡΓΙΟΣ", "registry_number": f"{600000 + i}",
                 "specialty": "ΠΕ86", "phone": "2100000000", "mobile": "6900000000", "email": f"t{i}@sch.gr",
                 "outcome": "Επιτυχών" if i % 4 else "Επιλαχών"} for i in range(rows)]}


def bench_list(app, issuer):
    client, headers = app.test_client(), issuer.headers("head", ["kse-head"], centre_id="KSE-0001")

    def post(body):
        response = client.post("/v1/lists/k4", json=body, headers=headers)
        assert response.status_code == 201, response.get_json()

    post(k4_body(400))  # warm-up: the pool's processes start
    service = median_wall(lambda: post(k4_body(LIST_ROWS)), 1)
    list_form, body = LIST_FORMS["k4-list"], k4_body(LIST_ROWS)
    context = {**Issue("7KQ2M9XD4TBE", datetime.now(timezone.utc), None).values("K4", list_form.title), "period_title": body["period_title"], "centre_name": None,
               "heading": body["heading"], "total_rows": LIST_ROWS, "version": 1}
    html = rendering.render_html(paging.LIST_TEMPLATE, paging._part_context(list_form, context, body["rows"], 0, LIST_ROWS))
    bare = median_wall(lambda: rendering.html_to_pdf(html), 1)
    print(f"{LIST_ROWS}-row K4 on {render_pool.workers()} cores {service:7.2f} s | one bare WeasyPrint render "
          f"{bare:7.2f} s | ratio {service / bare:.2f} (target ≤ 0.7)")


def main(repeat):
    issuer = LocalIssuer()
    with tempfile.TemporaryDirectory() as tmp, service_app(
        SERVICE, create_app, Path(tmp), issuer, EPI_DOCUMENTS_DIR=f"{tmp}/documents",
        EPI_DOCUMENTS_VERIFY_URL="https://epimorfosi.example/api/documents-svc/v1/verify/",
    ) as app:
        runtime = app.extensions["epimorfosi"]
        with app.app_context():
            bench_b4(runtime, repeat)
        bench_list(app, issuer)
    render_pool.shutdown()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
