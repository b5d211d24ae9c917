import pytest
from epimorfosi_platform.clock import SettableClock
from epimorfosi_platform.testing import LocalIssuer, service_app

from applications_svc import SERVICE, create_app
from applications_svc_helpers import DURING_INTEREST


@pytest.fixture(scope="session")
def issuer():
    return LocalIssuer()


@pytest.fixture
def app(tmp_path, issuer):
    with service_app(SERVICE, create_app, tmp_path, issuer) as app:
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def clock(app):
    """The service's clock (the runtime's), moved by tests: ``clock.set("2026-09-20T10:00:00+03:00")``."""
    clock = app.extensions["epimorfosi"].clock = SettableClock(DURING_INTEREST)
    return clock
