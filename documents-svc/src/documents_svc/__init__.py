"""documents-svc: templates, rendered PDFs, the record folder (Φάκελος Φυσικού Αντικειμένου) and
verification codes."""
from pathlib import Path

from epimorfosi_platform import ServiceDefinition
from epimorfosi_platform.handlers import Subscription
from epimorfosi_platform.web import create_app as _create_app

from . import consumers
from .context import build_context
from .models import Base
from .settings import DocumentsSettings

SERVICE = ServiceDefinition(
    name="documents-svc",
    package_dir=Path(__file__).parent,
    title="Epimorfosi – documents-svc",
    version="1.0.0",
    description=(
        "Έντυπα και ανακοινώσεις σε PDF, Φάκελος Φυσικού Αντικειμένου και επαλήθευση "
        "γνησιότητας εγγράφων με κωδικό επαλήθευσης."
    ),
    metadata=Base.metadata,
    blueprints=lambda: __import__("documents_svc.api", fromlist=["blueprints"]).blueprints(),
    subscriptions=[
        Subscription("applications-events", [consumers.on_period_opened, consumers.on_interest_submitted,
                                              consumers.on_programme_created]),
        Subscription("identity-events", [consumers.on_user_registered]),
        Subscription("enrollment-events", [consumers.on_trainee_enrolled]),
    ],
    context=build_context,
    settings=DocumentsSettings,
)


def create_app(settings: DocumentsSettings | None = None):
    return _create_app(SERVICE, settings)
