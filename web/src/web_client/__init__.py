"""web: the web client of Epimorfosi. A server-rendered Flask BFF (Jinja, htmx, GOV.GR design
system) over the gateway's API; the person's tokens stay in its own database."""
from pathlib import Path

from epimorfosi_platform import ServiceDefinition
from epimorfosi_platform.web import create_app as _create_app

from .models import Base
from .settings import SERVICE_NAME, WebSettings

SERVICE = ServiceDefinition(
    name=SERVICE_NAME,
    package_dir=Path(__file__).parent,
    title="Epimorfosi – web",
    version="1.0.0",
    description="Οι σελίδες του συστήματος για κάθε ρόλο, πάνω στο API του gateway.",
    metadata=Base.metadata,
    blueprints=lambda: [],  # pages, not an OpenAPI: registered by app.configure
    configure_app=lambda app, runtime: __import__("web_client.app", fromlist=["configure"]).configure(app, runtime),
    settings=WebSettings,
    needs_broker=False,  # the web publishes and consumes no events
)


def create_app(settings: WebSettings | None = None):
    return _create_app(SERVICE, settings)
