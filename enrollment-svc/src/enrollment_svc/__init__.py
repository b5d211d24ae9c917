"""enrollment-svc: programmes to implement, enrolments, withdrawals, waitlists."""
from pathlib import Path

from epimorfosi_platform import ServiceDefinition, Settings
from epimorfosi_platform.handlers import Subscription
from epimorfosi_platform.web import create_app as _create_app

from .closing.sweep import CLOSE_ENROLMENT
from .consumers import (record_allocation_published, record_application_saved,
                        record_period_opened, record_profile_changed, record_programme_created,
                        record_trainer_changed)
from .context import build_context
from .notifications.handlers import mail_offer_made, mail_status_changed
from .models import Base
from .offers.sweep import EXPIRE_OFFERS
from .settings import EnrollmentSettings

SERVICE = ServiceDefinition(
    name="enrollment-svc",
    package_dir=Path(__file__).parent,
    title="Epimorfosi – enrollment-svc",
    version="1.0.0",
    description="Προγράμματα προς υλοποίηση, εγγραφές επιμορφούμενων, αποχωρήσεις και επιλαχόντες.",
    metadata=Base.metadata,
    blueprints=lambda: __import__("enrollment_svc.api", fromlist=["blueprints"]).blueprints(),
    subscriptions=[
        Subscription(
            "applications-events",
            [record_period_opened, record_programme_created, record_allocation_published, record_application_saved],
        ),
        Subscription("resources-events", [record_trainer_changed]),
        Subscription("identity-events", [record_profile_changed]),
        Subscription("notifier", [mail_status_changed, mail_offer_made]),
    ],
    settings=EnrollmentSettings,
    context=build_context,
    tasks=[EXPIRE_OFFERS, CLOSE_ENROLMENT],
    sends_mail=True,
)


def create_app(settings: Settings | None = None):
    return _create_app(SERVICE, settings)
