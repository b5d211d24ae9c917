"""Outgoing e-mail (SMTP to EPI_SMTP_HOST:EPI_SMTP_PORT) with the Greek texts of the account flows.

Messages are queued on the request's transaction and sent after it commits, in a background
thread: a link is never mailed for a token that was rolled back, and the response time does not
depend on the mail server (credential recovery must not reveal whether an account exists)."""
from __future__ import annotations

import logging
import smtplib
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from epimorfosi_platform.txhooks import on_commit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


class Mailer:
    def __init__(self, host: str, port: int, sender: str, sender_name: str = "Επιμόρφωση ΤΠΕ", timeout: float = 15):
        self.host, self.port, self.sender, self.sender_name, self.timeout = host, port, sender, sender_name, timeout

    def message(self, mail: Mail) -> EmailMessage:
        message = EmailMessage()
        message["From"] = formataddr((self.sender_name, self.sender))
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2] or None)
        message.set_content(mail.body, charset="utf-8")
        return message

    def send(self, mail: Mail) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            smtp.send_message(self.message(mail))

    def send_after_commit(self, session, mail: Mail) -> None:
        on_commit(session, lambda: self._send_in_background(mail))

    def _send_in_background(self, mail: Mail) -> None:
        def run() -> None:
            try:
                self.send(mail)
            except Exception:
                # The person can ask again (resend / recovery); the address is not logged.
                log.exception("sending e-mail failed (subject %r)", mail.subject)

        threading.Thread(target=run, name="identity-mail", daemon=True).start()


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
