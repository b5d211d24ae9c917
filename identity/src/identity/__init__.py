"""identity: the Keycloak realm as code, the account flows Keycloak lacks (GSIS registration and
re-authentication, forgotten e-mail, support requests), the GSIS client and sandbox, and the dev
OIDC issuer of the embedded profile."""
from pathlib import Path

from epimorfosi_platform import ServiceDefinition
from epimorfosi_platform.web import create_app as _create_app

from .models import Base
from .registration.reconcile import RECONCILE_REGISTRATIONS
from .settings import IdentitySettings


def _configure(app, runtime):
    from .dev_issuer import install_dev_issuer
    from .pages import account_pages

    app.register_blueprint(account_pages())  # HTML where GSIS and e-mail links land; not in the OpenAPI document
    install_dev_issuer(app, runtime)


SERVICE = ServiceDefinition(
    name="identity",
    package_dir=Path(__file__).parent,
    title="Epimorfosi – identity",
    version="1.0.0",
    description="Λογαριασμοί, ρόλοι και ταυτοποίηση χρηστών (Keycloak / ΓΓΠΣ-Taxisnet).",
    metadata=Base.metadata,
    blueprints=lambda: __import__("identity.api", fromlist=["blueprints"]).blueprints(),
    configure_app=_configure,
    context=lambda runtime: __import__("identity.context", fromlist=["build_context"]).build_context(runtime),
    settings=IdentitySettings,
    sends_mail=True,
    tasks=[RECONCILE_REGISTRATIONS],
    # No consumers yet; the worker relays identity.user.* from the outbox.
)


def create_app(settings: IdentitySettings | None = None):
    return _create_app(SERVICE, settings)
