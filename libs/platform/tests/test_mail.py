"""mail: the Mailer over SMTP (to the MailSink), and the mail outbox: written in the caller's
transaction, sent after the commit, kept and retried while the mail server is down, sent once."""
import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import MetaData, select

from epimorfosi_platform.clock import SettableClock
from epimorfosi_platform.db import Database
from epimorfosi_platform.mail import Mail, Mailer, MailOutbox, MailSettings, add_mail_outbox, retry_delay
from epimorfosi_platform.testing import MailSink, free_port, fresh_database_url, wait_for

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


def test_a_greek_mail_reaches_the_sink_with_its_sender():
    with MailSink() as sink:
        mailer = Mailer.from_settings(MailSettings(smtp_port=sink.port, mail_from="noreply@mis.example.gr"))
        mailer.send(Mail("teacher@example.gr", "Εγγραφήκατε", "Αγαπητέ/ή ΜΑΡΙΑ,\nΗ εγγραφή σας καταχωρίστηκε.\n"))
        [message] = sink.wait_for("teacher@example.gr")
    assert message["Subject"] == "Εγγραφήκατε" and "noreply@mis.example.gr" in message["From"]
    assert "καταχωρίστηκε" in message.get_content()


def test_the_retry_delay_doubles_from_thirty_seconds_up_to_an_hour():
    assert [retry_delay(n) for n in (1, 2, 3)] == [timedelta(seconds=30), timedelta(seconds=60), timedelta(seconds=120)]
    assert retry_delay(8) == retry_delay(500) == timedelta(hours=1)


@pytest.fixture
def outbox_at(tmp_path):
    """outbox_at(port) -> a MailOutbox on a fresh database (PostgreSQL on the stack), mailing to that port."""
    metadata = MetaData()
    table = add_mail_outbox(metadata)
    url, drop = fresh_database_url("platform_mail", tmp_path)
    db = Database(url, metadata)
    db.create_all()
    clock = SettableClock(NOW)

    def make(port: int) -> MailOutbox:
        outbox = MailOutbox("demo-svc", table, db, Mailer("127.0.0.1", port, "noreply@mis.example.gr", timeout=5),
                            now=clock.now)
        outbox.clock = clock
        return outbox

    yield make
    db.dispose()
    drop()


def rows(outbox: MailOutbox):
    with outbox.db.session() as s:
        return s.execute(select(outbox.table).order_by(outbox.table.c.id)).all()


def test_a_mail_goes_after_the_commit_and_nothing_for_a_rollback(outbox_at):
    with MailSink() as sink:
        outbox = outbox_at(sink.port)
        with outbox.db.session() as session:
            outbox.queue(session, Mail("rolled@example.gr", "Α", "β"))
            session.rollback()
        with outbox.db.session() as session:
            outbox.queue(session, Mail("kept@example.gr", "Εγγραφή", "Σύνδεσμος: https://mis.example.gr/x"))
            assert sink.to("kept@example.gr") == []  # not before the commit
            session.commit()
        [message] = sink.wait_for("kept@example.gr")
        assert message["Subject"] == "Εγγραφή"
        wait_for(lambda: rows(outbox) == [] or None)  # a sent mail is not kept (one-time links)
        assert sink.to("rolled@example.gr") == []


def test_a_mail_server_that_is_down_loses_no_mail_and_the_retry_sends_it_once(outbox_at):
    port = free_port()  # nothing listens there yet
    outbox = outbox_at(port)
    with outbox.db.session() as session:
        outbox.queue(session, Mail("t1@example.gr", "Προσφορά θέσης", "..."))
        session.commit()
    [row] = wait_for(lambda: [r for r in rows(outbox) if r.attempts == 1] or None)
    assert row.next_attempt_at == NOW + timedelta(seconds=30) and "ConnectionRefused" in row.last_error
    assert outbox.send_due() == 0 and rows(outbox)[0].attempts == 1  # not due yet: untouched
    outbox.clock.advance(seconds=30)
    assert outbox.send_due() == 0 and rows(outbox)[0].attempts == 2  # still down: the delay grows
    assert rows(outbox)[0].next_attempt_at == NOW + timedelta(seconds=30 + 60)
    with MailSink(port=port) as sink:
        assert outbox.send_due() == 0  # back, but not due yet
        outbox.clock.advance(seconds=60)
        assert outbox.send_due() == 1
        [message] = sink.wait_for("t1@example.gr")
        assert message["Subject"] == "Προσφορά θέσης"
        assert rows(outbox) == [] and outbox.send_due() == 0
        assert len(sink.to("t1@example.gr")) == 1


def test_two_senders_at_once_send_each_mail_once(outbox_at):
    port = free_port()
    outbox = outbox_at(port)
    with outbox.db.session() as session:
        # Queued while the server is down, so only the two senders below send them.
        for n in range(30):
            outbox.queue(session, Mail(f"t{n}@example.gr", "Α", "β"))
        session.commit()
    wait_for(lambda: all(r.attempts == 1 for r in rows(outbox)) or None)
    outbox.clock.advance(minutes=5)
    with MailSink(port=port) as sink:
        sent = []
        threads = [threading.Thread(target=lambda: sent.append(outbox.send_due(limit=20))) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        while outbox.send_due(limit=20):
            pass
        assert len(sink.messages) == 30
        assert sorted(m["To"] for m in sink.messages) == sorted(f"t{n}@example.gr" for n in range(30))
    assert rows(outbox) == []
