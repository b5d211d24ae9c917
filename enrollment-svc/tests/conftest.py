import pytest
from epimorfosi_platform.service import Runtime
from epimorfosi_platform.testing import LocalIssuer, migrated_database, settings_for_tests

from enrollment_svc import SERVICE, create_app


@pytest.fixture(scope="session")
def issuer():
    return LocalIssuer()


@pytest.fixture
def settings(tmp_path):
    with migrated_database(SERVICE, tmp_path) as url:
        yield settings_for_tests(SERVICE, url, tmp_path)


@pytest.fixture
def runtime(settings):
    """What the worker builds: database, platform tables (inbox) of the service."""
    runtime = Runtime(SERVICE, settings)
    yield runtime
    runtime.db.dispose()


@pytest.fixture
def app(settings, issuer):
    app = create_app(settings)
    issuer.install(app)
    yield app
    app.extensions["epimorfosi"].db.dispose()


@pytest.fixture
def client(app):
    return app.test_client()
