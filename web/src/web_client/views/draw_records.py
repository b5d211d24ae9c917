"""What a published draw record says, as the page shows it: a few totals and one row per centre
(lottery) or per programme (allocation). Read from the record itself (docs/draws.md), so the page
shows exactly what was published and what `python -m applications_svc.verify` checks."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..i18n import N_


@dataclass(frozen=True)
class RecordSummary:
    totals: list[tuple[str, int]]          # (label, number)
    rows: list[dict[str, Any]]             # the table, paged by the page
    unfilled: list[dict[str, Any]] = field(default_factory=list)


def lottery_summary(record: dict) -> RecordSummary:
    input, result = record["input"], record["result"]
    codes: dict[str, list[str]] = {}
    for assignment in result["assignments"]:
        codes.setdefault(assignment["centre"], []).append(assignment["programme"])
    centres = sorted(result["centres"], key=lambda centre: centre["random_number"])
    rows = [{**centre, "codes": codes.get(centre["centre"], [])} for centre in centres]
    unfilled = [cell for cell in result["unfilled"] if cell["unfilled"]]
    return RecordSummary([
        (N_("Οριστικές αιτήσεις ΚΣΕ"), len(input["expressions"])),
        (N_("Προγράμματα του πίνακα κατανομής"), sum(row["programmes"] for row in input["distribution"])),
        (N_("Προγράμματα που ανατέθηκαν"), len(result["assignments"])),
        (N_("Προγράμματα χωρίς ΚΣΕ"), sum(cell["unfilled"] for cell in unfilled)),
    ], rows, unfilled)


def allocation_summary(record: dict) -> RecordSummary:
    result = record["result"]
    applicants = result["applicants"]
    # The record lists who was seated and who waits (candidate numbers); the table counts them.
    rows = [{**programme, "seated": len(programme["seated"]), "waitlisted": len(programme["waitlist"])}
            for programme in result["programmes"]]
    return RecordSummary([
        (N_("Αιτήσεις εκπαιδευτικών"), len(applicants)),
        (N_("Επιτυχόντες"), sum(1 for applicant in applicants if applicant["status"] == "successful")),
        (N_("Χωρίς θέση (μόνο σε λίστες επιλαχόντων)"),
         sum(1 for applicant in applicants if applicant["status"] != "successful")),
        (N_("Προγράμματα που υλοποιούνται"), len(result["to_be_implemented"])),
    ], rows)


SUMMARIES: dict[str, Callable[[dict], RecordSummary]] = {
    "lottery": lottery_summary, "allocation-A": allocation_summary, "allocation-B": allocation_summary,
}


def summary_of(slug: str, record: dict) -> RecordSummary:
    return SUMMARIES[slug](record)
