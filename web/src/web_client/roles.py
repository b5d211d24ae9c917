"""Role names (as in the realm) and what each role sees: its «Ομάδα Χρήστη» label and the manual's menu.
The roles themselves are the platform's `Role` enum; the short names below are what the views import."""
from __future__ import annotations

from dataclasses import dataclass

from epimorfosi_platform.roles import Role

from .i18n import N_

CENTRAL_ADMIN = Role.CENTRAL_ADMIN
KSE_HEAD = Role.KSE_HEAD
COORDINATOR = Role.COORDINATOR
TECHNICAL_LEAD = Role.TECHNICAL_LEAD
TEACHER = Role.TEACHER
TRAINER = Role.TRAINER
HELPDESK_AGENT = Role.HELPDESK_AGENT
SCHOOL_UNIT = Role.SCHOOL_UNIT

# Display order: a person with several roles is shown under the first of these.
LABELS = {
    CENTRAL_ADMIN: N_("Κεντρικός Διαχειριστής"),
    KSE_HEAD: N_("Υπεύθυνος ΚΣΕ"),
    COORDINATOR: N_("Συντονιστής ΚΣΕ"),
    TECHNICAL_LEAD: N_("Τεχνικός Υπεύθυνος"),
    TRAINER: N_("Επιμορφωτής"),
    TEACHER: N_("Εκπαιδευτικός"),
    HELPDESK_AGENT: N_("Γραφείο Αρωγής"),
    SCHOOL_UNIT: N_("Σχολική Μονάδα"),
}


@dataclass(frozen=True)
class MenuItem:
    label: str
    endpoint: str | None  # None: the screen is not built yet (shown, not linked)
    areas: tuple[str, ...] = ()  # the blueprints whose pages mark this item as current


ENROLMENT_AREAS = ("enrolment", "enrolment_entry", "enrolment_audit")  # «Προγράμματα επιμόρφωσης → Εγγραφή επιμορφούμενων»
HOME = MenuItem(N_("Κεντρική σελίδα"), "home.index", ("home",))
# «Προγράμματα επιμόρφωσης → Κ3 / Κ4 / Κ5 / Κ6» (the lists; the head assigns a programme's staff there)
LISTS = MenuItem(N_("Κατάλογοι Κ3–Κ6"), "programme_lists.index", ("programme_lists", "programme_staff"))

MENUS: dict[str, tuple[MenuItem, ...]] = {
    CENTRAL_ADMIN: (
        HOME,
        MenuItem(N_("Περίοδοι"), "periods.index", ("periods", "distribution", "draws")),
        MenuItem(N_("ΚΣΕ και αίθουσες"), "centres.index", ("centres", "workstations")),
        MenuItem(N_("Μητρώο επιμορφωτών"), "trainers.index", ("trainers",)),
        MenuItem(N_("Εγγραφή επιμορφούμενων"), "enrolment.index", ENROLMENT_AREAS),
        LISTS,
    ),
    # The manual's menu of the centre head.
    KSE_HEAD: (
        HOME,
        MenuItem(N_("Διαχείριση πόρων ΚΣΕ"), "resources.rooms", ("resources", "staff", "minutes", "workstations")),
        MenuItem(N_("Προγράμματα επιμόρφωσης"), "programmes.interest",
                 ("programmes", "centre_results", "distribution", *ENROLMENT_AREAS)),
        LISTS,
        MenuItem(N_("Έγγραφα φυσικού αντικειμένου"), "record_folder.index", ("record_folder",)),
        MenuItem(N_("Έντυπα"), "paper_forms.index", ("paper_forms",)),
    ),
    # A centre's coordinator reads the enrolment lists of their centre.
    COORDINATOR: (
        HOME,
        MenuItem(N_("Εγγραφή επιμορφούμενων"), "enrolment.index", ENROLMENT_AREAS),
        LISTS,
    ),
    TEACHER: (
        HOME,
        MenuItem(N_("Αίτηση συμμετοχής"), "application.index", ("application",)),
        MenuItem(N_("Αποτελέσματα"), "results.index", ("results",)),
        MenuItem(N_("Τα προγράμματά μου"), "teacher_enrolment.index", ("teacher_enrolment", "offer_links")),
    ),
}


def primary_role(roles: frozenset[str] | set[str]) -> str | None:
    return next((role for role in LABELS if role in roles), None)


def role_label(roles) -> str:
    role = primary_role(roles)
    return LABELS[role] if role else N_("Χωρίς ρόλο")


def menu_for(roles) -> tuple[MenuItem, ...]:
    return MENUS.get(primary_role(roles) or "", (HOME,))
