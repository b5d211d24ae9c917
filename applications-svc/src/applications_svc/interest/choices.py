"""The choices of an expression of interest as pure functions (no I/O): the moves between the two
lists («διαθέσιμες» / «επιλεγμένες» συστάδες), the declarations, and what «Οριστική υποβολή» needs."""
from __future__ import annotations

from epimorfosi_platform.errors import Invalid

DECLARATIONS = (
    "Το ΚΣΕ πληροί εξ ολοκλήρου τις απαιτούμενες τεχνικές προδιαγραφές υποδομών (Παράρτημα Γ της Πρόσκλησης).",
    "Το ΚΣΕ δηλώνει την πρόθεση ανάληψης προγραμμάτων επιμόρφωσης με τη σειρά προτίμησης των συστάδων που επέλεξε.",
    "Τα στοιχεία των αιθουσών και του προσωπικού του ΚΣΕ στο Πληροφοριακό Σύστημα είναι ακριβή και επικαιροποιημένα.",
)


class ChoiceError(Invalid):
    """A change of the ordered list that cannot be made (Greek message)."""

    slug = "invalid-choice"


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
