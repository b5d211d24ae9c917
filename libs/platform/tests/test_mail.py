"""mail: the Mailer over SMTP (to the MailSink), its settings, and sending only after a commit."""
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from epimorfosi_platform.mail import Mail, Mailer, MailSettings
from epimorfosi_platform.testing import MailSink


def test_a_greek_mail_reaches_the_sink_with_its_sender():
    with MailSink() as sink:
        mailer = Mailer.from_settings(MailSettings(smtp_port=sink.port, mail_from="noreply@mis.example.gr"))
        mailer.send(Mail("teacher@example.gr", "Εγγραφήκατε", "Αγαπητέ/ή ΜΑΡΙΑ,\nΗ εγγραφή σας καταχωρίστηκε.\n"))
        [message] = sink.wait_for("teacher@example.gr")
    assert message["Subject"] == "Εγγραφήκατε" and "noreply@mis.example.gr" in message["From"]
    assert "καταχωρίστηκε" in message.get_content()


def test_send_after_commit_sends_nothing_for_a_rollback():
    engine = create_engine("sqlite://")
    with MailSink() as sink:
        mailer = Mailer("127.0.0.1", sink.port, "noreply@mis.example.gr")
        with Session(engine) as session:
            session.connection()
            mailer.send_after_commit(session, Mail("rolled@example.gr", "Α", "β"))
            session.rollback()
        with Session(engine) as session:
            session.connection()
            mailer.send_after_commit(session, Mail("kept@example.gr", "Α", "β"))
            session.commit()
        sink.wait_for("kept@example.gr")
        assert sink.to("rolled@example.gr") == []
