"""The rules of the lists (pure: no I/O). The docstrings are the spec.

- Who reads: central admins (every centre), a centre's head and coordinators (their centre only;
  another centre's programme is 404), nobody else (`enrolment.access.READERS`).
- Contact data (phone, mobile, e-mail) in K4 and K5 only to central admins, the head of the
  programme's centre and the programme's own coordinator (`may_see_contacts`); everyone else who
  may read the list gets it without those columns.
- The columns are named as documents-svc's list forms name them (forms/programme_lists.py), so
  the rows go to a form unchanged; their Greek headings are the manual's.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from epimorfosi_platform.roles import Role
from epimorfosi_platform.table_export import ExportColumn

from ..enrolment.rules import State

C = ExportColumn
PROGRAMME_CODE = C("programme_code", "Κωδικός Προγράμματος")
CLUSTER = C("cluster", "Συστάδα")
PROGRAMME_TYPE = C("programme_type", "Τύπος Προγράμματος")
CAPACITY = C("capacity", "Δυναμικότητα αίθουσας")
PERIOD = C("implementation_period", "Διάστημα υλοποίησης")
STAFF = C("staff", "Συντελεστές")
CENTRE_NAME = C("centre_name", "Ονομασία Κ.Σ.Ε.")
PERSON = (C("surname", "Επώνυμο"), C("name", "Όνομα"), C("registry_number", "Α.Μ."), C("specialty", "Ειδικότητα"))
CONTACTS = (C("phone", "Τηλέφωνο"), C("mobile", "Κινητό Τηλέφωνο"), C("email", "e-mail"))
CONTACT_KEYS = frozenset(c.key for c in CONTACTS)


@dataclass(frozen=True)
class ListKind:
    code: str  # as printed: K3
    title: str
    columns: tuple[ExportColumn, ...]
    per_programme: bool  # K4/K5: the rows of one programme, with its heading


K3 = ListKind("K3", "Κατάλογος Προγραμμάτων Επιμόρφωσης προς Υλοποίηση",
              (PROGRAMME_CODE, CENTRE_NAME, CLUSTER, PROGRAMME_TYPE, CAPACITY, PERIOD, STAFF,
               C("successful", "Επιτυχόντες"), C("reserves", "Επιλαχόντες")), per_programme=False)
K4 = ListKind("K4", "Συγκεντρωτική Κατάσταση Επιτυχόντων / Επιλαχόντων Προγράμματος Επιμόρφωσης",
              (*PERSON, *CONTACTS, C("outcome", "Επιτυχών/Επιλαχών"), C("position", "Σειρά"),
               C("status", "Κατάσταση")), per_programme=True)
K5 = ListKind("K5", "Συγκεντρωτική Κατάσταση Εγγεγραμμένων Προγράμματος Επιμόρφωσης", (*PERSON, *CONTACTS),
              per_programme=True)
K6 = ListKind("K6", "Κατάλογος Οριστικών Προγραμμάτων Επιμόρφωσης",
              (PROGRAMME_CODE, CENTRE_NAME, CLUSTER, PROGRAMME_TYPE, CAPACITY, C("enrolled", "Εγγεγραμμένοι"), PERIOD,
               STAFF), per_programme=False)
KINDS = {kind.code.lower(): kind for kind in (K3, K4, K5, K6)}

OUTCOME = {"successful": "Επιτυχών", "waitlisted": "Επιλαχών"}
STATE_LABELS = {
    State.SUCCESSFUL: "Επιτυχών", State.WAITLISTED: "Επιλαχών", State.OFFERED: "Προσφέρθηκε θέση",
    State.PROMOTED: "Πήρε θέση (από επιλαχόντες)", State.ENROLLED: "Εγγεγραμμένος/η",
    State.WITHDRAWN: "Αποχώρησε", State.DECLINED: "Αρνήθηκε τη θέση", State.CANCELLED: "Ακυρώθηκε",
}


def may_see_contacts(roles: Iterable[str], principal_centre: str | None, principal_afm: str | None,
                     programme_centre: str, coordinator_afm: str | None) -> bool:
    """Central admins; the head of the programme's centre; the programme's coordinator (a
    coordinator of its centre whose ΑΦΜ is the one the head set as the programme's coordinator).
    A coordinator of a programme without staff yet sees no contact data."""
    roles = frozenset(roles)
    if Role.CENTRAL_ADMIN in roles:
        return True
    if principal_centre != programme_centre:
        return False
    if Role.KSE_HEAD in roles:
        return True
    return Role.COORDINATOR in roles and bool(principal_afm) and principal_afm == coordinator_afm


def columns_for(kind: ListKind, contacts: bool) -> tuple[ExportColumn, ...]:
    """The list's columns, without the contact columns when the reader may not see them."""
    return kind.columns if contacts else tuple(c for c in kind.columns if c.key not in CONTACT_KEYS)


def implementation_period(starts_on: date | None, ends_on: date | None) -> str:
    """«02/11/2026 – 20/12/2026»; empty while the call sets no dates."""
    if not starts_on and not ends_on:
        return ""
    show = lambda d: d.strftime("%d/%m/%Y") if d else "…"  # noqa: E731
    return f"{show(starts_on)} – {show(ends_on)}"


def labelled(code: str, name: str | None) -> str:
    """«B1.4 ΠΛΗΡΟΦΟΡΙΚΗ», «IIb - Μεικτό μοντέλο …»: a code with its name, as the manual prints them."""
    return f"{code} {name}".strip() if code and name and not name.startswith(code) else (name or code or "")


def programme_type(category: str, category_name: str | None) -> str:
    return f"{category} - {category_name}" if category_name else category
