"""The public announcement of a training period: the call's dates (from
`applications.period.opened.v1`), readable by any signed-in user."""
from __future__ import annotations

from dataclasses import dataclass

from .dates import format_athens
from .form import Form, FormDocument

FORM = Form(
    kind="period-announcement",
    label="Ανακοίνωση περιόδου επιμόρφωσης",
    template="period_announcement.html.j2",
    readers=None,  # a public notice of the call's dates
)


@dataclass(frozen=True)
class ScheduleRow:
    label: str
    starts: str | None  # None: a single moment (an announcement, a deadline), shown in `ends`
    ends: str


def period_schedule(period) -> list[ScheduleRow]:
    """The call's windows in the order they happen, from the `applications.period.opened.v1` record."""
    window = lambda label, opens, closes: ScheduleRow(label, format_athens(opens), format_athens(closes))  # noqa: E731
    return [
        window("Εκδήλωση ενδιαφέροντος ΚΣΕ", period.interest_opens_at, period.interest_closes_at),
        window("Αιτήσεις εκπαιδευτικών – Α' φάση", period.applications_a_opens_at, period.applications_a_closes_at),
        window("Αιτήσεις εκπαιδευτικών – Β' φάση", period.applications_b_opens_at, period.applications_b_closes_at),
        ScheduleRow("Ανακοίνωση κατανομής", None, format_athens(period.allocation_published_at)),
        ScheduleRow("Προθεσμία εγγραφών", None, format_athens(period.enrolment_deadline)),
    ]


def period_announcement_title(period_name: str) -> str:
    return f"{FORM.label}: {period_name}"


def announcement(period) -> FormDocument:
    """The announcement of the period of an `applications.period.opened.v1` record."""
    return FormDocument(
        FORM,
        subject=str(period.period_id),
        title=period_announcement_title(period.name),
        values={"period": period, "schedule": period_schedule(period)},
    )
