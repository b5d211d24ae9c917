"""Render benchmark: the period announcement, and K4/K5-like lists of N rows on the shared layout.
Prints figures; not a test. Run: .venv/bin/python documents-svc/bench/bench_render.py [rows ...]"""
import statistics
import sys
import time
from datetime import datetime

from documents_svc.forms import period_announcement, rendering
from documents_svc.consumers import PeriodOpened

LIST_TEMPLATE = """{% extends "base.html.j2" %}
{% block content %}
<h1>Κ4 – Επιτυχόντες και επιλαχόντες</h1>
<table class="list dense">
  <colgroup><col class="narrow"><col><col><col style="width: 18mm"><col><col style="width: 22mm"><col><col style="width: 24mm"></colgroup>
  <thead><tr><th>#</th><th>Επώνυμο</th><th>Όνομα</th><th>Α.Μ.</th><th>Ειδικότητα</th><th>Κινητό</th><th>E-mail</th><th>Κατάσταση</th></tr></thead>
  <tbody>
  {% for r in rows %}
    <tr><td>{{ loop.index }}</td><td>{{ r.surname }}</td><td>{{ r.name }}</td><td>{{ r.am }}</td><td>{{ r.specialty }}</td><td>{{ r.mobile }}</td><td>{{ r.email }}</td><td>{{ r.status }}</td></tr>
  {% endfor %}
  </tbody>
</table>
{% endblock %}"""

COMMON = {
    "title": "Κ4", "kind_label": "Κ4", "verification_code": "7KQ2-M9XD-4TBE", "verify_url": None,
    "layout": "wide", "created_at": "01/09/2026 09:00", "created_at_iso": "2026-09-01T09:00:00+03:00",
}


def rows(n):
    return [
        {"surname": f"ΠΑΠΑΔΟΠΟΥΛΟΣ{i}", "name": "ΓΕΩΡΓΙΟΣ", "am": f"{600000 + i}", "specialty": "ΠΕ86 - ΠΛΗΡΟΦΟΡΙΚΗΣ",
         "mobile": "6900000000", "email": f"teacher{i}@sch.gr", "status": "Επιτυχών" if i % 4 else "Επιλαχών"}
        for i in range(n)
    ]


def timed(fn, repeat=3):
    """Median wall and CPU seconds. CPU time is the figure to compare on a shared, busy machine."""
    fn()  # warm-up: fonts, CSS, template compilation are per process
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu), result


def main(sizes):
    moment = datetime.fromisoformat("2026-09-01T09:00:00+03:00")
    period = PeriodOpened(period_id=7, code="2026-B1-7", name="7η Περίοδος Β1 - 4η Περίοδος Β2", **{
        k: moment for k in (
            "interest_opens_at", "interest_closes_at", "applications_a_opens_at", "applications_a_closes_at",
            "applications_b_opens_at", "applications_b_closes_at", "allocation_published_at", "enrolment_deadline")
    })
    data = {"period": period, "schedule": period_announcement.period_schedule(period)}
    wall, cpu, pdf = timed(lambda: rendering.render_pdf("period_announcement.html.j2", {**COMMON, **data}))
    print(f"period announcement: wall {wall * 1000:7.1f} ms  cpu {cpu * 1000:7.1f} ms  {len(pdf) / 1024:6.1f} KiB")
    template = rendering.template_environment().from_string(LIST_TEMPLATE)
    for n in sizes:
        values = {**COMMON, "rows": rows(n)}
        wall, cpu, pdf = timed(lambda: rendering.html_to_pdf(template.render(**values)), repeat=2)
        print(
            f"list of {n:5d} rows:  wall {wall * 1000:7.1f} ms  cpu {cpu * 1000:7.1f} ms  "
            f"{len(pdf) / 1024:6.1f} KiB  (cpu {cpu / n * 1000:.2f} ms/row)"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [50, 200, 500, 1000])
