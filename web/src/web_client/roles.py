"""Role names (as in the realm) and what each role sees: its «Ομάδα Χρήστη» label and the manual's menu.
The one place the web names roles; adopting the platform's role enum changes only this module."""
from __future__ import annotations

from dataclasses import dataclass

CENTRAL_ADMIN = "central-admin"
KSE_HEAD = "kse-head"
COORDINATOR = "coordinator"
TECHNICAL_LEAD = "technical-lead"
TEACHER = "teacher"
TRAINER = "trainer"
HELPDESK_AGENT = "helpdesk-agent"
SCHOOL_UNIT = "school-unit"

# Display order: a person with several roles is shown under the first of these.
LABELS = {
    CENTRAL_ADMIN: "Κεντρικός Διαχειριστής",
    KSE_HEAD: "Υπεύθυνος ΚΣΕ",
    COORDINATOR: "Συντονιστής ΚΣΕ",
    TECHNICAL_LEAD: "Τεχνικός Υπεύθυνος",
    TRAINER: "Επιμορφωτής",
    TEACHER: "Εκπαιδευτικός",
    HELPDESK_AGENT: "Γραφείο Αρωγής",
    SCHOOL_UNIT: "Σχολική Μονάδα",
}


@dataclass(frozen=True)
class MenuItem:
    label: str
    endpoint: str | None  # None: the screen is not built yet (shown, not linked)
    area: str = ""  # the blueprint whose pages mark this item as current


HOME = MenuItem("Κεντρική σελίδα", "home.index", "home")

MENUS: dict[str, tuple[MenuItem, ...]] = {
    CENTRAL_ADMIN: (
        HOME,
        MenuItem("Περίοδοι", "periods.index", "periods"),
        MenuItem("ΚΣΕ και αίθουσες", "centres.index", "centres"),
    ),
    # The manual's menu of the centre head.
    KSE_HEAD: (
        HOME,
        MenuItem("Διαχείριση πόρων ΚΣΕ", "resources.rooms", "resources"),
        MenuItem("Προγράμματα επιμόρφωσης", None),
        MenuItem("Έγγραφα φυσικού αντικειμένου", None),
        MenuItem("Έντυπα", None),
    ),
    TEACHER: (HOME, MenuItem("Αιτήσεις", None)),
}


def primary_role(roles: frozenset[str] | set[str]) -> str | None:
    return next((role for role in LABELS if role in roles), None)


def role_label(roles) -> str:
    role = primary_role(roles)
    return LABELS[role] if role else "Χωρίς ρόλο"


def menu_for(roles) -> tuple[MenuItem, ...]:
    return MENUS.get(primary_role(roles) or "", (HOME,))
