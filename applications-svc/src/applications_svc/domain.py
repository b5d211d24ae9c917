"""Rules of applications-svc as pure functions (no I/O)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PeriodWindows:
    interest_opens_at: datetime
    interest_closes_at: datetime
    applications_a_opens_at: datetime
    applications_a_closes_at: datetime
    applications_b_opens_at: datetime
    applications_b_closes_at: datetime
    allocation_published_at: datetime
    enrolment_deadline: datetime


# The call's steps happen one after the other; each pair must be strictly ordered.
_ORDER = [
    ("interest_opens_at", "interest_closes_at", "Η λήξη της εκδήλωσης ενδιαφέροντος πρέπει να είναι μετά την έναρξή της."),
    ("interest_closes_at", "applications_a_opens_at", "Η Α' φάση αιτήσεων αρχίζει μετά τη λήξη της εκδήλωσης ενδιαφέροντος."),
    ("applications_a_opens_at", "applications_a_closes_at", "Η λήξη της Α' φάσης πρέπει να είναι μετά την έναρξή της."),
    ("applications_a_closes_at", "applications_b_opens_at", "Η Β' φάση αρχίζει μετά τη λήξη της Α' φάσης."),
    ("applications_b_opens_at", "applications_b_closes_at", "Η λήξη της Β' φάσης πρέπει να είναι μετά την έναρξή της."),
    ("applications_b_closes_at", "allocation_published_at", "Η ανακοίνωση της κατανομής γίνεται μετά τη λήξη της Β' φάσης."),
    ("allocation_published_at", "enrolment_deadline", "Η προθεσμία εγγραφών λήγει μετά την ανακοίνωση της κατανομής."),
]


def window_errors(windows: PeriodWindows) -> dict[str, str]:
    """Field -> Greek message for every ordering rule the windows break (empty when valid)."""
    errors: dict[str, str] = {}
    for earlier, later, message in _ORDER:
        if getattr(windows, earlier) >= getattr(windows, later):
            errors.setdefault(later, message)
    return errors


# -- windows enforced by the server ---------------------------------------------------------------
@dataclass(frozen=True)
class Window:
    """When an action is allowed: `opens_at <= now < closes_at` (None = unbounded on that side)."""

    action: str
    opens_at: datetime | None
    closes_at: datetime | None
    label: str

    def is_open(self, now: datetime) -> bool:
        return (self.opens_at is None or now >= self.opens_at) and (self.closes_at is None or now < self.closes_at)

    def refusal(self, now: datetime) -> str | None:
        """Greek reason why the action is refused at `now` (None when it is allowed)."""
        if self.opens_at is not None and now < self.opens_at:
            return f"{self.label}: η προθεσμία δεν έχει ανοίξει ακόμη (ανοίγει {_greek_time(self.opens_at)})."
        if self.closes_at is not None and now >= self.closes_at:
            return f"{self.label}: η προθεσμία έληξε ({_greek_time(self.closes_at)})."
        return None


def _greek_time(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


# action -> (opens field or None, closes field or None, Greek label)
_WINDOWS = {
    # The expression of interest of the centres (A2).
    "interest": ("interest_opens_at", "interest_closes_at", "Εκδήλωση ενδιαφέροντος ΚΣΕ"),
    # The geographic distribution is published before and during the expression of interest.
    "distribution": (None, "interest_closes_at", "Πίνακας γεωγραφικής κατανομής"),
    # The lottery is drawn between the end of the expressions of interest and phase A.
    "lottery": ("interest_closes_at", "applications_a_opens_at", "Κλήρωση προγραμμάτων"),
    "applications_a": ("applications_a_opens_at", "applications_a_closes_at", "Α' φάση αιτήσεων εκπαιδευτικών"),
    "applications_b": ("applications_b_opens_at", "applications_b_closes_at", "Β' φάση αιτήσεων εκπαιδευτικών"),
    # Phase A is allocated after it closes and before phase B opens (phase B needs its free seats).
    "allocation_a": ("applications_a_closes_at", "applications_b_opens_at", "Κατανομή Α' φάσης"),
    # Phase B is allocated after it closes, before the enrolment deadline.
    "allocation_b": ("applications_b_closes_at", "enrolment_deadline", "Κατανομή Β' φάσης"),
}
ACTIONS = tuple(_WINDOWS)


def window_for(action: str, period, now: datetime) -> Window:
    """The window of `action` in `period` (anything with the period's window attributes).
    `now` is only used to check it is aware; callers decide with `Window.refusal(now)`."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    try:
        opens, closes, label = _WINDOWS[action]
    except KeyError:
        raise ValueError(f"unknown action {action!r}") from None
    return Window(
        action,
        getattr(period, opens) if opens else None,
        getattr(period, closes) if closes else None,
        label,
    )


# -- expression of interest ---------------------------------------------------------------------
DECLARATIONS = (
    "Το ΚΣΕ πληροί εξ ολοκλήρου τις απαιτούμενες τεχνικές προδιαγραφές υποδομών (Παράρτημα Γ της Πρόσκλησης).",
    "Το ΚΣΕ δηλώνει την πρόθεση ανάληψης προγραμμάτων επιμόρφωσης με τη σειρά προτίμησης των συστάδων που επέλεξε.",
    "Τα στοιχεία των αιθουσών και του προσωπικού του ΚΣΕ στο Πληροφοριακό Σύστημα είναι ακριβή και επικαιροποιημένα.",
)


class ChoiceError(ValueError):
    """A change of the ordered list that cannot be made (Greek message)."""


def add_choice(chosen: list[str], cluster: str, allowed: list[str], position: int | None = None) -> list[str]:
    """Move `cluster` from the left list (available) to the right one (chosen), last or at `position` (1-based)."""
    if cluster not in allowed:
        raise ChoiceError(f"Η συστάδα {cluster} δεν ανήκει στις συστάδες της πρόσκλησης.")
    if cluster in chosen:
        raise ChoiceError(f"Η συστάδα {cluster} έχει ήδη επιλεγεί.")
    out = list(chosen)
    if position is None:
        out.append(cluster)
    else:
        if not 1 <= position <= len(out) + 1:
            raise ChoiceError(f"Η θέση πρέπει να είναι από 1 έως {len(out) + 1}.")
        out.insert(position - 1, cluster)
    return out


def remove_choice(chosen: list[str], cluster: str) -> list[str]:
    if cluster not in chosen:
        raise ChoiceError(f"Η συστάδα {cluster} δεν είναι στις επιλογές σας.")
    return [c for c in chosen if c != cluster]


def move_choice(chosen: list[str], cluster: str, *, direction: str | None = None, position: int | None = None) -> list[str]:
    """Move up/down one place, or to `position` (1-based). Moving the first up (last down) is a no-op."""
    if cluster not in chosen:
        raise ChoiceError(f"Η συστάδα {cluster} δεν είναι στις επιλογές σας.")
    index = chosen.index(cluster)
    if position is None:
        if direction not in ("up", "down"):
            raise ChoiceError("Δώστε κατεύθυνση (up ή down) ή θέση.")
        position = index + (0 if direction == "up" else 2)
        position = min(max(position, 1), len(chosen))
    if not 1 <= position <= len(chosen):
        raise ChoiceError(f"Η θέση πρέπει να είναι από 1 έως {len(chosen)}.")
    out = [c for c in chosen if c != cluster]
    out.insert(position - 1, cluster)
    return out


def add_all(chosen: list[str], allowed: list[str]) -> list[str]:
    """Everything left in the left list moves to the right one, exactly in its order."""
    return list(chosen) + [c for c in allowed if c not in chosen]


def replace_choices(clusters: list[str], allowed: list[str]) -> list[str]:
    """Validate a whole ordered list (the client kept the two lists locally)."""
    unknown = [c for c in clusters if c not in allowed]
    if unknown:
        raise ChoiceError(f"Οι συστάδες {', '.join(unknown)} δεν ανήκουν στις συστάδες της πρόσκλησης.")
    if len(set(clusters)) != len(clusters):
        raise ChoiceError("Κάθε συστάδα μπορεί να επιλεγεί μόνο μία φορά.")
    return list(clusters)


def submission_refusals(*, chosen: list[str], required: int, declarations_accepted: bool, saved: bool,
                        usable_rooms: int) -> list[str]:
    """Greek reasons why «Οριστική υποβολή» is not possible yet (empty: it is)."""
    reasons = []
    if not declarations_accepted:
        reasons.append("Πρέπει να αποδεχθείτε τις δηλώσεις («Συμφωνώ»).")
    if len(chosen) < required:
        reasons.append(f"Έχετε επιλέξει {len(chosen)} συστάδες· η πρόσκληση απαιτεί {required}.")
    if not saved:
        reasons.append("Πατήστε πρώτα «Καταχώριση επιλογών» για τις τρέχουσες επιλογές.")
    if usable_rooms == 0:
        reasons.append("Το ΚΣΕ δεν έχει καμία πιστοποιημένη αίθουσα.")
    return reasons


# -- geographic distribution (Παράρτημα Α), CSV import --------------------------------------------
CSV_COLUMNS = {
    "area_code": ("area_code", "κωδικός περιοχής", "κωδικος περιοχης"),
    "area_name": ("area_name", "περιοχή", "περιοχη"),
    "category": ("category", "κατηγορία", "κατηγορια"),
    "cluster": ("cluster", "συστάδα", "συσταδα"),
    "programmes": ("programmes", "προγράμματα", "προγραμματα", "διαθέσιμα προγράμματα"),
}
_CATEGORY_ALIASES = {"iia": "IIa", "iib": "IIb", "ιια": "IIa", "ιιβ": "IIb", "iiα": "IIa", "iiβ": "IIb"}
MAX_CSV_ROWS = 20000


@dataclass(frozen=True)
class DistributionLine:
    line: int
    area_code: str
    area_name: str
    category: str
    cluster: str
    programmes: int


def parse_distribution_csv(data: bytes, clusters: set[str]) -> tuple[list[DistributionLine], list[str]]:
    """Rows of the table, or Greek errors citing line numbers (the file's lines, header = 1).
    All-or-nothing: the caller stores the rows only when there are no errors."""
    import csv
    import io

    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [], [f"Το αρχείο δεν είναι σε κωδικοποίηση UTF-8 (byte {exc.start + 1})."]
    if not text.strip():
        return [], ["Το αρχείο είναι κενό."]
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        return [], [f"Γραμμή 1: μη αναγνώσιμη γραμμή CSV ({exc})."]
    normalised = [h.strip().lower() for h in header]
    index: dict[str, int] = {}
    for column, aliases in CSV_COLUMNS.items():
        for i, name in enumerate(normalised):
            if name in aliases:
                index[column] = i
                break
    missing = [CSV_COLUMNS[c][0] for c in CSV_COLUMNS if c not in index]
    if missing:
        return [], [f"Γραμμή 1: λείπουν οι στήλες {', '.join(missing)} "
                    f"(αναμένονται: {', '.join(a[0] for a in CSV_COLUMNS.values())})."]

    rows: list[DistributionLine] = []
    errors: list[str] = []
    seen: dict[tuple[str, str, str], int] = {}
    area_names: dict[str, tuple[str, int]] = {}
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(rows) + len(errors) >= MAX_CSV_ROWS:
                errors.append(f"Γραμμή {line}: το αρχείο έχει περισσότερες από {MAX_CSV_ROWS} γραμμές.")
                break
            if len(values) != len(header):
                errors.append(f"Γραμμή {line}: αναμένονται {len(header)} στήλες, βρέθηκαν {len(values)}.")
                continue
            get = {c: values[i].strip() for c, i in index.items()}
            line_errors = []
            if not get["area_code"]:
                line_errors.append("ο κωδικός περιοχής είναι κενός")
            if not get["area_name"]:
                line_errors.append("η ονομασία περιοχής είναι κενή")
            if len(get["area_code"]) > 100 or len(get["area_name"]) > 200:
                line_errors.append("πολύ μεγάλος κωδικός ή ονομασία περιοχής")
            category = _CATEGORY_ALIASES.get(get["category"].lower())
            if category is None:
                line_errors.append(f"άγνωστη κατηγορία «{get['category']}» (IIa ή IIb)")
            cluster = get["cluster"].replace("Β", "B").split(" ")[0]
            if cluster not in clusters:
                line_errors.append(f"άγνωστη συστάδα «{get['cluster']}» για την περίοδο")
            try:
                programmes = int(get["programmes"])
                if programmes < 0 or programmes > 10000:
                    raise ValueError
            except ValueError:
                programmes = -1
                line_errors.append(f"το πλήθος προγραμμάτων «{get['programmes']}» πρέπει να είναι ακέραιος από 0 έως 10000")
            if not line_errors:
                key = (category, get["area_code"], cluster)
                if key in seen:
                    line_errors.append(f"η ίδια περιοχή, κατηγορία και συστάδα υπάρχει ήδη στη γραμμή {seen[key]}")
                else:
                    seen[key] = line
                named = area_names.setdefault(get["area_code"], (get["area_name"], line))
                if named[0] != get["area_name"]:
                    line_errors.append(f"ο κωδικός περιοχής {get['area_code']} έχει άλλη ονομασία στη γραμμή {named[1]} "
                                       f"(«{named[0]}»)")
            if line_errors:
                errors.append(f"Γραμμή {line}: " + "· ".join(line_errors) + ".")
            else:
                rows.append(DistributionLine(line, get["area_code"], get["area_name"], category, cluster, programmes))
    except csv.Error as exc:
        errors.append(f"Γραμμή {reader.line_num}: μη αναγνώσιμη γραμμή CSV ({exc}).")
    if not rows and not errors:
        errors.append("Το αρχείο δεν έχει γραμμές δεδομένων.")
    return rows, errors


# -- candidate numbers (the public name of a teacher in a period's allocation records) ----------
CANDIDATE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud and typed by people


def candidate_number(entropy: bytes) -> str:
    """``XXXXX-XXXXX`` from the first 50 bits of ``entropy`` (at least 7 bytes), 32 symbols a
    character: about 10**15 numbers, so random ones practically never collide (the database's
    unique constraint decides when they do)."""
    if len(entropy) < 7:
        raise ValueError("at least 7 bytes of entropy")
    value = int.from_bytes(entropy[:7], "big") >> 6
    symbols = []
    for _ in range(10):
        value, digit = divmod(value, 32)
        symbols.append(CANDIDATE_ALPHABET[digit])
    return "".join(symbols[:5]) + "-" + "".join(symbols[5:])


def new_candidate_number() -> str:
    import secrets

    return candidate_number(secrets.token_bytes(7))
