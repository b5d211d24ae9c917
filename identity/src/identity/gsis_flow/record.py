"""The record GSIS certifies (pure)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..gsis import GsisIdentity

# In the order of the manual's screens, with the labels users know.
GSIS_FIELDS: tuple[tuple[str, str], ...] = (
    ("afm", "ΑΦΜ"),
    ("last_name", "Επώνυμο"),
    ("first_name", "Όνομα"),
    ("father_name", "Πατρώνυμο"),
    ("mother_name", "Μητρώνυμο"),
    ("birth_year", "Έτος γέννησης"),
)


def record_of(identity: GsisIdentity) -> dict[str, Any]:
    return {name: getattr(identity, name) for name, _ in GSIS_FIELDS}
