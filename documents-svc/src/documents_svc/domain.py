"""Rules of documents-svc as pure functions (no I/O)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Mapping
from zoneinfo import ZoneInfo

from epimorfosi_platform.roles import CENTRE_ROLES, Role

# --- kinds of documents ---------------------------------------------------------------------------

PERIOD_ANNOUNCEMENT = "period-announcement"
FORM_A2 = "form-a2"

KIND_LABELS = {
    PERIOD_ANNOUNCEMENT: "Ανακοίνωση περιόδου επιμόρφωσης",
    FORM_A2: "Έντυπο Α2 – Αίτηση / Υπεύθυνη Δήλωση εκδήλωσης ενδιαφέροντος ΚΣΕ",
}

# Who may read each kind, besides central administrators. None = any authenticated user.
# Later kinds add their roles here, e.g. the B4 enrolment certificate:
#   "b4-certificate": frozenset({Role.TEACHER, Role.KSE_HEAD})
# and the caller adds the data-scope check (the trainee themself, the trainee's centre), which needs
# the document's parties and so is not a question of roles alone.
READERS: Mapping[str, frozenset[str] | None] = {
    PERIOD_ANNOUNCEMENT: None,  # a public notice of the call's dates
    FORM_A2: CENTRE_ROLES,  # and only of their own centre (below)
}

# Kinds that belong to one centre (Document.owner_centre): their READERS read them only when the
# `centre_id` claim of their token is that centre. Central administrators read them all.
CENTRE_SCOPED: frozenset[str] = frozenset({FORM_A2})


def can_read(
    principal_roles: Iterable[str],
    kind: str,
    principal_centre: str | None = None,
    owner_centre: str | None = None,
) -> bool:
    """Whether someone with these realm roles (and the centre of their token, if any) may read a
    document of `kind` owned by `owner_centre`. Unknown kinds are readable by central
    administrators alone; a centre's document needs the reader's centre to be the owner."""
    roles = frozenset(principal_roles)
    if Role.CENTRAL_ADMIN in roles:
        return True
    if kind not in READERS:
        return False
    allowed = READERS[kind]
    if allowed is not None and not roles & allowed:
        return False
    if kind in CENTRE_SCOPED:
        return principal_centre is not None and owner_centre is not None and principal_centre == owner_centre
    return True


def readable_kinds(principal_roles: Iterable[str]) -> frozenset[str] | None:
    """The kinds a listing may show to these roles whatever the document's centre; None means every
    kind. Centre-scoped kinds are added by `own_centre_kinds` for the reader's own centre only."""
    roles = frozenset(principal_roles)
    if Role.CENTRAL_ADMIN in roles:
        return None
    return frozenset(kind for kind in READERS if kind not in CENTRE_SCOPED and can_read(roles, kind))


def own_centre_kinds(principal_roles: Iterable[str]) -> frozenset[str]:
    """The centre-scoped kinds these roles may read when the document is of their own centre."""
    roles = frozenset(principal_roles)
    return frozenset(kind for kind in CENTRE_SCOPED if can_read(roles, kind, "own", "own"))


# --- dates as Greek users read them ---------------------------------------------------------------

ATHENS = ZoneInfo("Europe/Athens")


def to_athens(value: datetime | str) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:  # a printed deadline must not depend on the server's time zone
        raise ValueError(f"timestamp without a time zone: {value!r}")
    return moment.astimezone(ATHENS)


def format_athens(value: datetime | str) -> str:
    """`dd/mm/yyyy HH:MM` in Greek local time (EET/EEST, whichever is in force on that day)."""
    return to_athens(value).strftime("%d/%m/%Y %H:%M")


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
    return f"{KIND_LABELS[PERIOD_ANNOUNCEMENT]}: {period_name}"


# --- form A2: the centre's expression of interest -------------------------------------------------


def form_a2_subject(centre_code: str, period_code: str) -> str:
    """Decision: a form A2 is about one centre in one period, so its subject is
    `<centre code>/<period code>`, e.g. `KSE-0001/2026-B2-4` (what `?subject=` filters on). A
    resubmission for the same centre and period (a new event) is a new document with the same subject."""
    return f"{centre_code}/{period_code}"


def form_a2_title(centre_code: str, centre_name: str, period_name: str) -> str:
    # Public through /v1/verify: the centre (a school) and the period, no personal data.
    title = f"Έντυπο Α2 – Εκδήλωση ενδιαφέροντος ΚΣΕ {centre_code} {centre_name}: {period_name}"
    return title[:300]  # Document.title


@dataclass(frozen=True)
class ClusterChoice:
    rank: int
    code: str
    name: str


def ranked_clusters(clusters: Iterable[ClusterChoice]) -> list[ClusterChoice]:
    """The clusters in order of preference (rank 1 first), whatever order the event listed them in."""
    return sorted(clusters, key=lambda c: c.rank)


# --- verification codes ---------------------------------------------------------------------------

# Crockford's base32: no I, L, O, U, so a code read off paper and typed back is hard to get wrong.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 60 random bits: unguessable, and short enough to type
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalise_code(text: str) -> str | None:
    """The canonical code from what a person typed ("abcd-efgh-jk1m", spaces, O for 0), or None."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -_.\t").translate(_READ_AS)
    if len(cleaned) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in cleaned):
        return None
    return cleaned


def display_code(code: str) -> str:
    """Groups of four for print: ABCD-EFGH-JKMN."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
