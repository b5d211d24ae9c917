"""Rules of the GSIS confirmation as pure functions (no I/O)."""
from __future__ import annotations

from typing import Any, Mapping

from ..gsis_flow.record import GSIS_FIELDS

MSG_CONFIRM_AFM_CONFLICT = (
    "Ο ΑΦΜ της ΓΓΠΣ διαφέρει από τον ΑΦΜ του λογαριασμού σας ή ανήκει σε άλλον λογαριασμό. "
    "Πατήστε «Επιστροφή» και υποβάλετε αίτημα στην Τεχνική Υποστήριξη περιγράφοντας το πρόβλημα."
)


def _comparable(value: Any) -> str:
    return " ".join(str(value if value is not None else "").split()).upper()


def compare_with_gsis(account: Mapping[str, Any], gsis: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The two records side by side: per field the label, both values and whether they agree."""
    return [
        {
            "field": name,
            "label": label,
            "account": account.get(name),
            "gsis": gsis.get(name),
            "same": _comparable(account.get(name)) == _comparable(gsis.get(name)),
        }
        for name, label in GSIS_FIELDS
    ]


def gsis_afm_conflict(account_afm: str | None, gsis_afm: str) -> bool:
    """An account that already has an ΑΦΜ may only be confirmed by the same person at GSIS."""
    return bool(account_afm) and account_afm != gsis_afm
