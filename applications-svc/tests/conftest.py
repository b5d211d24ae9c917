import pytest
from epimorfosi_platform.testing import LocalIssuer, service_app

from applications_svc import SERVICE, create_app


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


class Clock:
    """The app's clock, moved by tests (`clock.at("2026-09-05T10:00:00+03:00")`)."""

    def __init__(self):
        from datetime import datetime

        self.now = datetime.fromisoformat("2026-09-05T10:00:00+03:00")

    def at(self, iso: str) -> "Clock":
        from datetime import datetime

        self.now = datetime.fromisoformat(iso)
        return self

    def __call__(self):
        return self.now


@pytest.fixture
def clock(app):
    clock = Clock()
    app.extensions["applications_clock"] = clock
    return clock
