"""Outgoing e-mail over SMTP (`EPI_SMTP_HOST:EPI_SMTP_PORT`, sender `EPI_MAIL_FROM`): what every
service that writes to people shares. The texts are each service's own.

- `Mailer.send(mail)`: the SMTP transport, now, in the caller's thread; a failure raises.
- `MailOutbox.queue(session, mail)`: the way use cases and event handlers send. The mail is a row of
  the service's `mail_outbox` table, written in the caller's transaction (nothing is mailed for a
  change that was rolled back). After the commit a background thread tries it at once (the response
  time does not depend on the mail server); a mail that fails stays in the table and the worker's
  `send-mail` task retries it with a growing delay (`retry_delay`) until it goes: a mail server
  that is down loses no mail. At least once: a crash between the SMTP answer and the row's delete
  sends it again. A service opts in with `ServiceDefinition(sends_mail=True)`."""
from __future__ import annotations

import logging
import smtplib
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from typing import Callable

from prometheus_client import Counter
from sqlalchemy import Column, DateTime, Index, Integer, MetaData, String, Table, Text, delete, func, select, text, update
from sqlalchemy.orm import Session

from .columns import UtcDateTime
from .config import Settings
from .db import BigId, Database
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



MAILS = Counter("mails_total", "E-mails handed to the SMTP server, or failed and kept for a retry",
                ["service", "outcome"])


def add_mail_outbox(metadata: MetaData) -> Table:
    """The `mail_outbox` table of a service that sends mail (its migrations create it)."""
    if "mail_outbox" in metadata.tables:
        return metadata.tables["mail_outbox"]
    table = Table(
        "mail_outbox",
        metadata,
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("recipient", String(320), nullable=False),
        Column("subject", Text, nullable=False),
        Column("body", Text, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=text("CURRENT_TIMESTAMP")),
        Column("attempts", Integer, nullable=False, server_default=text("0")),
        # Due when not after now. A sender claims a row by moving it CLAIM_LEASE on (a crashed
        # sender's rows come due again); a failed try moves it on by retry_delay(attempts).
        Column("next_attempt_at", UtcDateTime(), nullable=False),
        Column("last_error", Text, nullable=True),
    )
    Index("ix_mail_outbox_due", table.c.next_attempt_at)
    return table


# How long a claimed row is hidden from other senders: longer than any SMTP try (Mailer.timeout).
CLAIM_LEASE = timedelta(minutes=5)


def retry_delay(attempts: int) -> timedelta:
    """How long a mail waits after its `attempts`-th failed try: 30 s, doubling each time, at most
    one hour (a mail server down for a day gets a try every hour, and no storm when it returns).

    >>> [retry_delay(n).total_seconds() for n in (1, 2, 3, 8, 50)]
    [30.0, 60.0, 120.0, 3600.0, 3600.0]
    """
    return timedelta(seconds=min(30 * 2 ** min(max(attempts, 1) - 1, 20), 3600))


class MailOutbox:
    """Mail written in the caller's transaction, sent after it commits, retried until it goes."""

    def __init__(self, service: str, table: Table, db: Database, mailer: Mailer, *, now: Callable[[], datetime]):
        self.service, self.table, self.db, self.mailer, self.now = service, table, db, mailer, now

    def queue(self, session, mail: Mail) -> None:
        """Keep `mail` in the caller's transaction; try it at once after the commit."""
        row_id = session.execute(
            self.table.insert().values(recipient=mail.to, subject=mail.subject, body=mail.body,
                                       next_attempt_at=self.now()).returning(self.table.c.id)
        ).scalar_one()
        on_commit(session, lambda: threading.Thread(target=self._try_now, args=(row_id,), name="mail",
                                                    daemon=True).start())

    def send_due(self, limit: int = 100) -> int:
        """Send the mails that are due (the worker's `send-mail` task); returns how many went."""
        with self.db.session() as session:
            due = session.execute(
                select(self.table.c.id, self.table.c.next_attempt_at)
                .where(self.table.c.next_attempt_at <= self.now()).order_by(self.table.c.id).limit(limit)
            ).all()
        return sum(self._send(row.id, row.next_attempt_at) for row in due)

    def backlog(self, session: Session) -> int:
        return session.execute(select(func.count()).select_from(self.table)).scalar_one()

    def _try_now(self, row_id: int) -> None:
        try:
            with self.db.session() as session:
                due = session.execute(select(self.table.c.next_attempt_at).where(self.table.c.id == row_id)).scalar()
            if due is not None:
                self._send(row_id, due)
        except Exception:
            log.exception("mail outbox: immediate try failed; the worker retries it")

    def _send(self, row_id: int, seen_due: datetime) -> bool:
        """Claim the row (only if nobody moved it since we read it: the UPDATE decides between two
        senders on either database), send it outside any transaction, then delete it or schedule
        its retry."""
        with self.db.session() as session:
            claimed = session.execute(
                update(self.table).where(self.table.c.id == row_id, self.table.c.next_attempt_at == seen_due)
                .values(next_attempt_at=self.now() + CLAIM_LEASE)
                .returning(self.table.c.recipient, self.table.c.subject, self.table.c.body, self.table.c.attempts)
            ).first()
            session.commit()
        if claimed is None:
            return False
        return self._send_row(row_id, claimed)

    def _send_row(self, row_id: int, row) -> bool:
        try:
            self.mailer.send(Mail(row.recipient, row.subject, row.body))
        except Exception as exc:  # noqa: BLE001 - any SMTP or network failure: keep it, retry later
            attempts = row.attempts + 1
            # The address is not logged (personal data); the row keeps the error for operations.
            log.warning("mail %s not sent (attempt %d): %s", row_id, attempts, type(exc).__name__)
            with self.db.session() as session:
                session.execute(update(self.table).where(self.table.c.id == row_id).values(
                    attempts=attempts, last_error=f"{type(exc).__name__}: {exc}"[:1000],
                    next_attempt_at=self.now() + retry_delay(attempts)))
                session.commit()
            MAILS.labels(self.service, "retry").inc()
            return False
        with self.db.session() as session:
            # Sent mail is not kept: its body may hold a one-time link.
            session.execute(delete(self.table).where(self.table.c.id == row_id))
            session.commit()
        MAILS.labels(self.service, "sent").inc()
        return True
