import pytest
from epimorfosi_platform.migrations import upgrade
from epimorfosi_platform.testing import LocalIssuer, fresh_database_url, settings_for_tests

from resources_svc import SERVICE, create_app


@pytest.fixture(scope="session")
def issuer():
    return LocalIssuer()


@pytest.fixture
def app(tmp_path, issuer):
    url, drop = fresh_database_url("resources", tmp_path)
    upgrade(SERVICE, url)
    app = create_app(settings_for_tests(SERVICE, url, tmp_path))
    issuer.install(app)
    yield app
    app.extensions["epimorfosi"].db.dispose()
    drop()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def admin(issuer):
    return issuer.headers("admin", ["central-admin"])


@pytest.fixture
def head(issuer):
    """Head of KSE-0001 (the token's centre_id claim holds the centre code)."""
    return issuer.headers("head-1", ["kse-head"], centre_id="KSE-0001")
