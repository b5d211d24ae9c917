"""enrollment-svc: programmes to implement, enrolments, withdrawals, waitlists."""
from pathlib import Path

from epimorfosi_platform import ServiceDefinition, Settings
from epimorfosi_platform.handlers import Subscription
from epimorfosi_platform.web import create_app as _create_app

from .consumers import record_allocation_published, record_period_opened, record_programme_created
from .closing.sweep import CLOSE_ENROLMENT
from .models import Base
from .offers.sweep import EXPIRE_OFFERS

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
            [record_period_opened, record_programme_created, record_allocation_published],
        ),
    ],
    tasks=[EXPIRE_OFFERS, CLOSE_ENROLMENT],
)


def create_app(settings: Settings | None = None):
    return _create_app(SERVICE, settings)
