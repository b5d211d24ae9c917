"""Outgoing e-mail over SMTP (`EPI_SMTP_HOST:EPI_SMTP_PORT`, sender `EPI_MAIL_FROM`): what every
service that writes to people shares. The texts are each service's own.

Two ways to send:
- `send(mail)`: now, in the caller's thread; an SMTP failure raises (an event handler lets it roll
  the event back, so the broker delivers it again).
- `send_after_commit(session, mail)`: queued on the transaction, sent after it commits in a
  background thread: nothing is mailed for a change that was rolled back, and the response time
  does not depend on the mail server."""
from __future__ import annotations

import logging
import smtplib
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from .config import Settings
from .txhooks import on_commit

log = logging.getLogger(__name__)


class MailSettings(Settings):
    """The platform's settings plus the SMTP server and sender (a service that mails subclasses it)."""

    smtp_host: str = "127.0.0.1"
    smtp_port: int = 2525
    mail_from: str = "noreply@epimorfosi.example"


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


class Mailer:
    def __init__(self, host: str, port: int, sender: str, sender_name: str = "Επιμόρφωση ΤΠΕ", timeout: float = 15):
        self.host, self.port, self.sender, self.sender_name, self.timeout = host, port, sender, sender_name, timeout

    @classmethod
    def from_settings(cls, settings: MailSettings) -> "Mailer":
        return cls(settings.smtp_host, settings.smtp_port, settings.mail_from)

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

        threading.Thread(target=run, name="mail", daemon=True).start()
