"""Rules of a centre's staff lists (pure).

- The lists of a period change only while its staff window is open (`periods.window`) and until
  their final submission («Οριστική υποβολή αίτησης αλλαγών στελεχικού δυναμικού»); after either,
  they are read-only. The same rule covers the period's Teachers' Association minutes.
- The final submission is refused while the lists are empty, while the period has no minutes, and
  while anyone on the lists is not confirmed by the period's minutes (manual §5: «τα άτομα που εν
  τέλει θα εμφανίζονται στους καταλόγους ... να επιβεβαιώνονται από τη σύνθεση του προσωπικού που
  απεικονίζεται στο Πρακτικό Συλλόγου Διδασκόντων»). A person is confirmed when the minutes list
  their ΑΦΜ; the refusal names everyone who is not."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

GREECE = ZoneInfo("Europe/Athens")


@dataclass(frozen=True)
class Person:
    afm: str
    surname: str
    given_name: str
    list_label: str  # «Προσωπικό Συντονισμού» / «Τεχνικοί Υπεύθυνοι»


def unconfirmed(people: Iterable[Person], confirmed_afms: Iterable[str]) -> list[Person]:
    """Those on the lists whose ΑΦΜ the minutes do not confirm, in list order."""
    confirmed = set(confirmed_afms)
    return [person for person in people if person.afm not in confirmed]


def describe(person: Person) -> str:
    return f"{person.surname} {person.given_name} (ΑΦΜ {person.afm}, {person.list_label})"


def greek_time(moment: datetime) -> str:
    """A moment as people in Greece read it: 15/09/2026 23:59."""
    return moment.astimezone(GREECE).strftime("%d/%m/%Y %H:%M")
