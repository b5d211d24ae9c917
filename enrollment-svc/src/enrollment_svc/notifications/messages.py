"""The e-mail of each status change (pure: no I/O). One mail per change, to the teacher's e-mail
(identity's profile); its subject names the programme, its body says what happened and what to do
next. A state without a text (none today) sends nothing. An offer of a freed seat has a mail of its
own (`offer_mail`, from `enrollment.offer.made.v1`): the offer's deadline in Greek time, the link to
«Τα προγράμματά μου» where the teacher accepts or declines, and the one-click decline link."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from ..enrolment.rules import State

ATHENS = ZoneInfo("Europe/Athens")
SIGNATURE = "\nΜε εκτίμηση,\nΕπιμόρφωση Β' επιπέδου Τ.Π.Ε.\n"


@dataclass(frozen=True)
class Change:
    name: str  # the teacher's name as the profile has it ("" when unknown)
    programme_code: str
    programme_label: str  # cluster and centre, as the lists print them
    state: str
    waitlist_position: int | None
    reason: str | None
    enrolment_deadline: datetime | None
    web_url: str


def _deadline(change: Change) -> str:
    if change.enrolment_deadline is None:
        return "έως την προθεσμία εγγραφών"
    return f"έως τις {change.enrolment_deadline.strftime('%d/%m/%Y %H:%M')} (UTC)"


NEXT_STEPS = {
    State.SUCCESSFUL: lambda c: ("Είστε επιτυχών/ούσα", "Το ΚΣΕ θα επικοινωνήσει μαζί σας για την εγγραφή σας στο "
                                 f"πρόγραμμα, η οποία γίνεται {_deadline(c)}. Αν δεν θα το παρακολουθήσετε, "
                                 "ενημερώστε το ΚΣΕ και υποβάλετε υπεύθυνη δήλωση παραίτησης."),
    State.WAITLISTED: lambda c: ("Είστε επιλαχών/ούσα", f"Η θέση σας στη λίστα επιλαχόντων είναι η {c.waitlist_position}. "
                                 "Αν ελευθερωθεί θέση, προσφέρεται αυστηρά με τη σειρά και θα ενημερωθείτε."),
    State.OFFERED: lambda c: ("Σας προσφέρεται θέση", "Ελευθερώθηκε θέση και σας προσφέρεται. Αποδεχτείτε ή "
                              f"αρνηθείτε τη θέση μέσα από το σύστημα {_deadline(c)}."),
    State.PROMOTED: lambda c: ("Πήρατε θέση στο πρόγραμμα", "Από τη λίστα επιλαχόντων πήρατε θέση. Το ΚΣΕ θα "
                               f"επικοινωνήσει μαζί σας για την εγγραφή σας, {_deadline(c)}."),
    State.ENROLLED: lambda c: ("Εγγραφήκατε στο πρόγραμμα", "Η εγγραφή σας καταχωρίστηκε. Το ΚΣΕ θα σας δώσει τη "
                               "«Β4 – Βεβαίωση εγγραφής»· κρατήστε την."),
    State.WITHDRAWN: lambda c: ("Καταχωρίστηκε η αποχώρησή σας", "Η θέση σας δόθηκε στον/στην επόμενο/η επιλαχόντα/ούσα. "
                                "Δεν χρειάζεται κάποια άλλη ενέργεια από εσάς."),
    State.DECLINED: lambda c: ("Η θέση δεν έγινε δεκτή", "Η θέση που σας προσφέρθηκε πηγαίνει στον/στην επόμενο/η "
                               "επιλαχόντα/ούσα. Δεν χρειάζεται κάποια άλλη ενέργεια από εσάς."),
    State.CANCELLED: lambda c: ("Το πρόγραμμα ακυρώθηκε", "Το πρόγραμμα δεν θα υλοποιηθεί. Μπορείτε να υποβάλετε "
                                "αίτηση σε επόμενη περίοδο επιμόρφωσης."),
}


def status_mail(change: Change) -> tuple[str, str] | None:
    """(subject, body) of the change, or None when the state has no mail."""
    text = NEXT_STEPS.get(State(change.state))
    if text is None:
        return None
    headline, next_step = text(change)
    body = [f"Αγαπητέ/ή {change.name}," if change.name else "Αγαπητέ/ή εκπαιδευτικέ,", "",
            f"{headline} στο πρόγραμμα επιμόρφωσης {change.programme_code} ({change.programme_label}).", "",
            f"Τι κάνετε στη συνέχεια: {next_step}"]
    if change.reason:
        body += ["", f"Αιτιολογία: {change.reason}"]
    if change.web_url:
        body += ["", f"Η κατάστασή σας στο σύστημα: {change.web_url}"]
    return f"{headline} – {change.programme_code}", "\n".join(body) + "\n" + SIGNATURE


@dataclass(frozen=True)
class Offer:
    name: str
    programme_code: str
    programme_label: str
    expires_at: datetime
    my_programmes_url: str  # "" when the web's address is not configured: no links
    decline_url: str


def offer_mail(offer: Offer) -> tuple[str, str]:
    """(subject, body) of the offer of a freed seat to the first waitlisted teacher."""
    deadline = offer.expires_at.astimezone(ATHENS).strftime("%d/%m/%Y %H:%M")
    body = [f"Αγαπητέ/ή {offer.name}," if offer.name else "Αγαπητέ/ή εκπαιδευτικέ,", "",
            f"Σας προσφέρεται θέση στο πρόγραμμα επιμόρφωσης {offer.programme_code} ({offer.programme_label}): "
            "ελευθερώθηκε θέση και είστε ο/η πρώτος/η στη λίστα επιλαχόντων.", "",
            f"Τι κάνετε στη συνέχεια: αποδεχτείτε ή αρνηθείτε τη θέση έως τις {deadline} (ώρα Ελλάδας). "
            "Αν δεν απαντήσετε έως τότε, η θέση προσφέρεται στον/στην επόμενο/η επιλαχόντα/ούσα."]
    if offer.my_programmes_url:
        body += ["", f"Αποδοχή ή άρνηση στα «Τα προγράμματά μου»: {offer.my_programmes_url}",
                 "", f"Άρνηση με ένα κλικ, χωρίς σύνδεση: {offer.decline_url}"]
    return f"Σας προσφέρεται θέση – {offer.programme_code}", "\n".join(body) + "\n" + SIGNATURE
