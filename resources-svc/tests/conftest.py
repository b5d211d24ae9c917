import pytest
from epimorfosi_platform.testing import LocalIssuer, service_app

from resources_svc import SERVICE, create_app


@pytest.fixture(scope="session")
def issuer():
    return LocalIssuer()


@pytest.fixture
def app(tmp_path, issuer):
    with service_app(SERVICE, create_app, tmp_path, issuer, EPI_VAR_DIR=str(tmp_path)) as app:
        yield app


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


@pytest.fixture
def centres_in_open_call(app, client, admin):
    """Two registered centres, period 7 opened, the clock inside its call (staff window open)."""
    from resources_svc_staff_helpers import DURING_CALL, open_period, register_centres, set_clock

    register_centres(client, admin, "KSE-0001", "KSE-0002")
    open_period(app)
    set_clock(app, DURING_CALL)
