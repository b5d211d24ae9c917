import uuid
from pathlib import Path

import pytest
from epimorfosi_platform.events import Event, validate_example
from epimorfosi_platform.inbox import Inbox
from epimorfosi_platform.testing import LocalIssuer, service_app

from documents_svc import SERVICE, create_app
from documents_svc_helpers import producer_event

REPO_ROOT = Path(__file__).resolve().parents[2]
APPLICATIONS_EVENTS = REPO_ROOT / "applications-svc" / "src" / "applications_svc" / "events"
PERIOD_OPENED = "applications.period.opened.v1"
INTEREST_SUBMITTED = "applications.interest.submitted.v1"


@pytest.fixture(scope="session")
def issuer():
    return LocalIssuer()


@pytest.fixture
def documents_dir(tmp_path):
    return tmp_path / "documents"


@pytest.fixture
def app(tmp_path, issuer, documents_dir):
    with service_app(SERVICE, create_app, tmp_path, issuer, EPI_DOCUMENTS_DIR=str(documents_dir)) as app:
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runtime(app):
    return app.extensions["epimorfosi"]


@pytest.fixture
def period_opened():
    """The producer's own example, checked against the producer's schema."""
    return Event.from_envelope(validate_example(APPLICATIONS_EVENTS, PERIOD_OPENED))


@pytest.fixture
def interest_submitted():
    """The producer's example of a centre's final submission (form A2), checked against its schema."""
    return Event.from_envelope(validate_example(APPLICATIONS_EVENTS, INTEREST_SUBMITTED))


@pytest.fixture
def deliver(runtime):
    """Hand an event to the subscription that reads its type the way the worker does: through the
    platform Inbox."""

    def _deliver(event: Event) -> bool:
        subscription = next(s for s in SERVICE.subscriptions if event.type in s.handlers)
        inbox = Inbox.of(runtime, subscription.queue_name(SERVICE.name))
        return inbox.handle(event, subscription.handlers[event.type])

    return _deliver


@pytest.fixture
def enrolled():
    return producer_event("enrollment.trainee.enrolled.v1")


@pytest.fixture
def known(deliver, enrolled):
    """The trainee, the centre's head and the programme, as their producers announced them."""
    programme = producer_event("applications.programme.created.v1", code=enrolled.data["programme_code"],
                               centre_code=enrolled.data["centre_code"])
    trainee = producer_event("identity.user.registered.v1", user_id=enrolled.data["teacher_id"],
                             first_name="Ελένη", last_name="Αλεξίου", roles=["teacher"], centre_id=None)
    head = producer_event("identity.user.registered.v1", user_id=str(uuid.uuid4()), first_name="Γιώργος",
                          last_name="Κωστόπουλος", roles=["kse-head"], centre_id=enrolled.data["centre_code"])
    for event in (programme, trainee, head):
        assert deliver(event)
