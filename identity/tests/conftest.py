import threading

import jwt
import pytest
from epimorfosi_platform.auth import TokenVerifier
from epimorfosi_platform.testing import LocalIssuer, migrated_database
from identity_helpers import AUDIENCE, ISSUER, OidcDriver, dev_settings
from werkzeug.serving import make_server

from identity import SERVICE, create_app


@pytest.fixture(scope="session")
def foreign_issuer():
    """Stands for Keycloak: tokens of an issuer identity does not run itself."""
    return LocalIssuer()


@pytest.fixture
def database(tmp_path):
    with migrated_database(SERVICE, tmp_path) as url:
        yield url


@pytest.fixture
def app(database, tmp_path):
    app = create_app(dev_settings(database, tmp_path))
    yield app
    app.extensions["epimorfosi"].db.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def oidc(client):
    return OidcDriver(client)


@pytest.fixture
def verifier(client):
    """The platform's verifier, fed the issuer's JWKS through the test client (no network)."""
    token_verifier = TokenVerifier(ISSUER, AUDIENCE, jwks_url=f"{ISSUER}/jwks")
    jwks_client = jwt.PyJWKClient(f"{ISSUER}/jwks", cache_keys=True)
    jwks_client.fetch_data = lambda: client.get("/oidc/jwks").get_json()
    token_verifier._jwks_client = jwks_client
    return token_verifier


@pytest.fixture
def live_issuer(database, tmp_path):
    """The identity app with the dev issuer on a real HTTP port (werkzeug, in a thread)."""
    holder = {}
    server = make_server("127.0.0.1", 0, lambda environ, start: holder["app"](environ, start), threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    holder["app"] = create_app(dev_settings(database, tmp_path, issuer=f"{base}/oidc"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    thread.join(5)
    server.server_close()
    holder["app"].extensions["epimorfosi"].db.dispose()
