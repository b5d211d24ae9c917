"""resources-svc: training-support centres (ΚΣΕ), their rooms, staff and Teachers' Association minutes."""
from pathlib import Path

from epimorfosi_platform import ServiceDefinition, Settings
from epimorfosi_platform.handlers import Subscription
from epimorfosi_platform.web import create_app as _create_app

from .consumers import record_period_opened
from .context import build_context
from .models import Base
from .settings import ResourcesSettings

SERVICE = ServiceDefinition(
    name="resources-svc",
    package_dir=Path(__file__).parent,
    title="Epimorfosi – resources-svc",
    version="1.0.0",
    description="Μητρώο Κέντρων Στήριξης Επιμόρφωσης (ΚΣΕ) και οι αίθουσες/εργαστήριά τους.",
    metadata=Base.metadata,
    blueprints=lambda: __import__("resources_svc.api", fromlist=["blueprints"]).blueprints(),
    subscriptions=[Subscription("applications-events", [record_period_opened])],
    settings=ResourcesSettings,
    context=build_context,
)


def create_app(settings: Settings | None = None):
    return _create_app(SERVICE, settings)
