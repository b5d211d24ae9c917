"""The notifier: enrollment.candidate.status_changed.v1 -> one Greek e-mail per change, and
enrollment.offer.made.v1 -> the offer's one mail with its deadline and links, through the SMTP sink;
a redelivered event sends no second mail; no e-mail known -> nothing sent."""
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from epimorfosi_platform.clock import SettableClock
from epimorfosi_platform.events import Event
from epimorfosi_platform.inbox import Inbox
from epimorfosi_platform.testing import MailSink, migrated_database, settings_for_tests
from sqlalchemy import select

from enrollment_svc_helpers import ENROLMENT_CODE as CODE, NOW, PDF, feed_identity, open_programme, profile_changed, teacher_id
from enrollment_svc import SERVICE
from enrollment_svc.enrolment.rules import State
from enrollment_svc.notifications.messages import Change, status_mail

NOTIFIER = next(s for s in SERVICE.subscriptions if s.name == "notifier")
HEAD = ("head-1", ["kse-head"], {"centre_id": "KSE-0001"})


@pytest.fixture
def sink():
    with MailSink() as sink:
        yield sink


@pytest.fixture
def settings(tmp_path, sink):
    with migrated_database(SERVICE, tmp_path) as url:
        yield settings_for_tests(SERVICE, url, tmp_path, smtp_port=sink.port, web_url="https://mis.example.gr")


@pytest.fixture
def runtime_app(app):
    runtime = app.extensions["epimorfosi"]
    runtime.clock = SettableClock(NOW)
    open_programme(runtime)  # seats 1-3, waitlist 4-6
    for n in (1, 4):
        feed_identity(runtime, profile_changed(user_id=teacher_id(n), first_name=f"ΟΝΟΜΑ{n}", email=f"t{n}@example.gr"))
    return runtime


def status_events(runtime, event_type: str = "enrollment.candidate.status_changed.v1") -> list[Event]:
    table = runtime.tables.outbox
    with runtime.db.session() as s:
        rows = s.execute(select(table.c.envelope).where(table.c.event_type == event_type)
                         .order_by(table.c.id)).all()
    return [Event.from_envelope(json.loads(row.envelope)) for row in rows]


def deliver(runtime, events) -> list[bool]:
    inbox = Inbox.of(runtime, NOTIFIER.queue_name(SERVICE.name))
    return [inbox.handle(e, NOTIFIER.handlers[e.type]) for e in events]


def test_an_enrolment_mails_the_teacher_once(client, issuer, runtime_app, sink):
    subject, roles, claims = HEAD
    response = client.post(f"/v1/enrolment/programmes/{CODE}/enrolments", headers=issuer.headers(subject, roles, **claims),
                           json={"teacher_ids": [teacher_id(1)]})
    assert response.status_code == 200, response.get_json()
    [event] = status_events(runtime_app)
    assert deliver(runtime_app, [event, event]) == [True, False]
    [mail] = sink.wait_for("t1@example.gr")
    assert mail["Subject"] == f"Εγγραφήκατε στο πρόγραμμα – {CODE}"
    body = mail.get_content()
    assert "Αγαπητέ/ή ΟΝΟΜΑ1 ΠΑΠΑΔΟΠΟΥΛΟΥ," in body and "Β4 – Βεβαίωση εγγραφής" in body
    assert "https://mis.example.gr" in body
    assert len(sink.to("t1@example.gr")) == 1


def test_a_withdrawal_mails_the_withdrawn_and_the_one_offered_the_seat(client, issuer, runtime_app, sink):
    from io import BytesIO
    subject, roles, claims = HEAD
    response = client.post(f"/v1/enrolment/programmes/{CODE}/entries/{teacher_id(1)}/withdrawal",
                           headers=issuer.headers(subject, roles, **claims), content_type="multipart/form-data",
                           data={"file": (BytesIO(PDF), "d.pdf", "application/pdf")})
    assert response.status_code == 200, response.get_json()
    assert deliver(runtime_app, status_events(runtime_app)) == [True, True]
    assert sink.wait_for("t1@example.gr")[0]["Subject"].startswith("Καταχωρίστηκε η αποχώρησή σας")
    assert sink.to("t4@example.gr") == []  # the change to offered: the offer's own event mails it
    [offer] = status_events(runtime_app, "enrollment.offer.made.v1")
    assert deliver(runtime_app, [offer, offer]) == [True, False]
    [offered] = sink.wait_for("t4@example.gr")  # the freed seat is offered to the first waitlisted
    assert offered["Subject"] == f"Σας προσφέρεται θέση – {CODE}"
    body = offered.get_content()
    expires = datetime.fromisoformat(offer.data["expires_at"]).astimezone(ZoneInfo("Europe/Athens"))
    assert f"έως τις {expires.strftime('%d/%m/%Y %H:%M')} (ώρα Ελλάδας)" in body and "ΟΝΟΜΑ4" in body
    assert "https://mis.example.gr/my-programmes\n" in body
    decline_link = f"https://mis.example.gr/offer-links/{offer.data['decline_token']}"
    assert decline_link in body
    assert len(sink.to("t4@example.gr")) == 1
    # The link's token is the one the service accepts for the one-click decline.
    assert client.get(f"/v1/enrolment/offer-links/{offer.data['decline_token']}").get_json()["programme_code"] == CODE


def test_a_mail_server_that_is_down_holds_back_no_event_and_the_worker_sends_the_mail_later(
        client, issuer, runtime_app, sink):
    from epimorfosi_platform.testing import free_port, wait_for
    subject, roles, claims = HEAD
    runtime_app.mail.mailer.port = free_port()  # the mail server is down
    client.post(f"/v1/enrolment/programmes/{CODE}/enrolments", headers=issuer.headers(subject, roles, **claims),
                json={"teacher_ids": [teacher_id(1)]})
    assert deliver(runtime_app, status_events(runtime_app)) == [True]  # handled: the event is not redelivered
    table = runtime_app.service.mail_table

    def kept():
        with runtime_app.db.session() as s:
            return s.execute(select(table.c.recipient, table.c.attempts)).all() or None

    assert wait_for(lambda: [r for r in kept() or [] if r.attempts == 1] or None)[0].recipient == "t1@example.gr"
    assert sink.messages == []
    runtime_app.mail.mailer.port = sink.port  # back
    send_mail = next(t for t in SERVICE.tasks if t.name == "send-mail")
    runtime_app.clock.advance(minutes=1)
    assert send_mail.run(runtime_app) == 1
    [mail] = sink.wait_for("t1@example.gr")
    assert mail["Subject"] == f"Εγγραφήκατε στο πρόγραμμα – {CODE}"
    assert kept() is None and send_mail.run(runtime_app) == 0


def test_no_known_e_mail_sends_nothing(client, issuer, runtime_app, sink):
    subject, roles, claims = HEAD
    client.post(f"/v1/enrolment/programmes/{CODE}/enrolments", headers=issuer.headers(subject, roles, **claims),
                json={"teacher_ids": [teacher_id(2)]})
    assert deliver(runtime_app, status_events(runtime_app)) == [True]
    assert sink.messages == []


def test_every_state_has_a_greek_mail_with_what_to_do_next():
    for state in State:
        subject, body = status_mail(Change("ΜΑΡΙΑ", "P-1", "B1.4 ΠΛΗΡΟΦΟΡΙΚΗ", state, 2, None, None, ""))
        assert subject.endswith("– P-1") and "Τι κάνετε στη συνέχεια:" in body
    _, waiting = status_mail(Change("", "P-1", "", State.WAITLISTED, 2, None, None, ""))
    assert "η 2." in waiting and waiting.startswith("Αγαπητέ/ή εκπαιδευτικέ,")


def test_an_offer_mail_without_the_webs_address_has_no_links():
    from enrollment_svc.notifications.messages import Offer, offer_mail
    subject, body = offer_mail(Offer("", "P-1", "B1.4 ΠΛΗΡΟΦΟΡΙΚΗ", datetime.fromisoformat("2026-01-10T10:00:00+00:00"),
                                     "", ""))
    assert subject == "Σας προσφέρεται θέση – P-1" and "έως τις 10/01/2026 12:00 (ώρα Ελλάδας)" in body
    assert "http" not in body and body.startswith("Αγαπητέ/ή εκπαιδευτικέ,")
