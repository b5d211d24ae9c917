"""Form A2: a centre's application / declaration of its expression of interest (from
`applications.interest.submitted.v1`), to be printed, signed, stamped and kept in the centre's
folder. Only the centre's people and central administrators may read it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from epimorfosi_platform.roles import CENTRE_ROLES

from .dates import format_athens
from .form import Form, FormDocument

FORM = Form(
    kind="form-a2",
    label="Έντυπο Α2 – Αίτηση / Υπεύθυνη Δήλωση εκδήλωσης ενδιαφέροντος ΚΣΕ",
    template="form_a2.html.j2",
    readers=CENTRE_ROLES,
    centre_scoped=True,  # and only of their own centre
)


@dataclass(frozen=True)
class ClusterChoice:
    rank: int
    code: str
    name: str


def form_a2_subject(centre_code: str, period_code: str) -> str:
    """Decision: a form A2 is about one centre in one period, so its subject is
    `<centre code>/<period code>`, e.g. `KSE-0001/2026-B2-4` (what `?subject=` filters on). A
    resubmission for the same centre and period (a new event) is a new document with the same subject."""
    return f"{centre_code}/{period_code}"


def form_a2_title(centre_code: str, centre_name: str, period_name: str) -> str:
    # Public through /v1/verify: the centre (a school) and the period, no personal data.
    title = f"Έντυπο Α2 – Εκδήλωση ενδιαφέροντος ΚΣΕ {centre_code} {centre_name}: {period_name}"
    return title[:300]  # Document.title


def ranked_clusters(clusters: Iterable[ClusterChoice]) -> list[ClusterChoice]:
    """The clusters in order of preference (rank 1 first), whatever order the event listed them in."""
    return sorted(clusters, key=lambda c: c.rank)


def form_a2(interest) -> FormDocument:
    """The form A2 of an `applications.interest.submitted.v1` record, owned by its centre."""
    return FormDocument(
        FORM,
        subject=form_a2_subject(interest.centre_code, interest.period_code),
        title=form_a2_title(interest.centre_code, interest.centre_name, interest.period_name),
        values={
            "interest": interest,
            "clusters": ranked_clusters(interest.clusters),
            "submitted_at": format_athens(interest.submitted_at),
        },
        owner_centre=interest.centre_code,
        holder_name=interest.centre_name,  # the centre is who submitted it
    )
