"""The Greek texts of identity's account flows; sending is the platform's mail outbox (`ctx.mail`:
written in the request's transaction, sent after it commits, in a background thread, and retried by
the worker while the mail server is down: a link is never mailed for a token that was rolled back,
and the response time does not depend on the mail server — credential recovery must not reveal
whether an account exists)."""
from __future__ import annotations

from epimorfosi_platform.mail import Mail

__all__ = ["Mail", "reset_mail", "verification_mail"]


def verification_mail(to: str, name: str, link: str, hours: int) -> Mail:
    return Mail(
        to,
        "Ενεργοποίηση λογαριασμού – Επιμόρφωση ΤΠΕ",
        f"Αγαπητέ/ή {name},\n\n"
        "Η εγγραφή σας στο Πληροφοριακό Σύστημα της Επιμόρφωσης ΤΠΕ έγινε με επιτυχία.\n"
        "Για να ενεργοποιήσετε τον λογαριασμό σας και να ολοκληρώσετε την εγγραφή, ακολουθήστε τον σύνδεσμο:\n\n"
        f"{link}\n\n"
        f"Ο σύνδεσμος ισχύει για {hours} ώρες και χρησιμοποιείται μία φορά.\n"
        "Όνομα χρήστη για την είσοδό σας είναι η διεύθυνση e-mail σας.\n\n"
        "Αν δεν κάνατε εσείς την εγγραφή, αγνοήστε αυτό το μήνυμα.\n",
    )


def reset_mail(to: str, name: str, link: str, hours: int) -> Mail:
    return Mail(
        to,
        "Ανάκτηση κωδικών – Επιμόρφωση ΤΠΕ",
        f"Αγαπητέ/ή {name},\n\n"
        "Ζητήθηκε ανάκτηση των κωδικών πρόσβασής σας στο Πληροφοριακό Σύστημα της Επιμόρφωσης ΤΠΕ.\n"
        f"Όνομα χρήστη: {to}\n\n"
        "Για να ορίσετε νέο κωδικό πρόσβασης ακολουθήστε τον σύνδεσμο:\n\n"
        f"{link}\n\n"
        f"Ο σύνδεσμος ισχύει για {hours} ώρες και χρησιμοποιείται μία φορά.\n"
        "Αν δεν το ζητήσατε εσείς, αγνοήστε αυτό το μήνυμα· ο κωδικός σας δεν αλλάζει.\n",
    )
