"""applications-svc: periods and calls, expressions of interest, lotteries, teacher applications, allocation."""
from pathlib import Path

from epimorfosi_platform import ServiceDefinition, Settings
from epimorfosi_platform.web import create_app as _create_app

from .consumers import RESOURCES_EVENTS
from .models import Base

SERVICE = ServiceDefinition(
    name="applications-svc",
    package_dir=Path(__file__).parent,
    title="Epimorfosi – applications-svc",
    version="1.0.0",
    description="Περίοδοι και προσκλήσεις, εκδήλωση ενδιαφέροντος ΚΣΕ, κλήρωση προγραμμάτων, αιτήσεις εκπαιδευτικών και κατανομή.",
    metadata=Base.metadata,
    blueprints=lambda: __import__("applications_svc.api", fromlist=["blueprints"]).blueprints(),
    subscriptions=[RESOURCES_EVENTS],
)


def create_app(settings: Settings | None = None):
    return _create_app(SERVICE, settings)
