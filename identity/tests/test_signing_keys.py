"""Signing keys of the dev issuer: shared through the database, one active key even when workers
race to create the first one, rotation by kid."""
import threading

import jwt
import pytest
from epimorfosi_platform.auth import InvalidToken
from epimorfosi_platform.db import Database
from sqlalchemy import func, select

from identity.dev_issuer import EXTENSION
from identity.dev_issuer.keys import SigningKeys
from identity.models import Base, SigningKey


def key_rows(url):
    db = Database(url, Base.metadata)
    try:
        with db.session() as s:
            return s.execute(select(SigningKey.kid, SigningKey.active)).all()
    finally:
        db.dispose()


def run_together(workers, target):
    """Start `target(i)` in `workers` threads released at the same instant; return their results."""
    barrier = threading.Barrier(workers)
    results, errors = [None] * workers, []

    def run(i):
        try:
            barrier.wait()
            results[i] = target(i)
        except Exception as exc:  # surfaced below, with the thread's traceback
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    return results


def test_two_workers_creating_the_first_key_at_once_end_with_one_active_key(database):
    # Two "workers": separate engines, both skip the lookup and insert at the same moment.
    stores = [SigningKeys(Database(database, Base.metadata)) for _ in range(2)]
    try:
        winners = run_together(2, lambda i: stores[i].create_or_join_active().kid)
    finally:
        for store in stores:
            store.db.dispose()
    rows = key_rows(database)
    assert len(rows) == 1 and rows[0].active is True, "the unique index must refuse the second key"
    assert winners[0] == winners[1] == rows[0].kid


def test_many_threads_asking_for_the_current_key_on_an_empty_table(database):
    stores = [SigningKeys(Database(database, Base.metadata)) for _ in range(6)]
    try:
        kids = run_together(6, lambda i: stores[i].current().kid)
    finally:
        for store in stores:
            store.db.dispose()
    assert len(set(kids)) == 1
    assert [r.active for r in key_rows(database)].count(True) == 1


def test_the_database_refuses_a_second_active_key(database):
    from sqlalchemy.exc import IntegrityError

    db = Database(database, Base.metadata)
    try:
        with db.session() as s, s.begin():
            s.add(SigningKey(kid="a", private_pem="x", active=True))
        with pytest.raises(IntegrityError):
            with db.session() as s, s.begin():
                s.add(SigningKey(kid="b", private_pem="y", active=True))
        with db.session() as s, s.begin():  # inactive keys are not limited
            s.add_all([SigningKey(kid="c", private_pem="z", active=False), SigningKey(kid="d", private_pem="w", active=False)])
    finally:
        db.dispose()


def test_keys_survive_a_restart(database, tmp_path):
    from identity import create_app
    from identity_helpers import dev_settings

    kids = []
    for _ in range(2):  # two app instances = a restart, or two gunicorn workers
        app = create_app(dev_settings(database, tmp_path))
        kids.append([k["kid"] for k in app.test_client().get("/oidc/jwks").get_json()["keys"]])
        app.extensions["epimorfosi"].db.dispose()
    assert kids[0] == kids[1] and len(kids[0]) == 1


def test_rotation_publishes_old_and_new_keys_and_old_tokens_still_verify(app, client, oidc, verifier):
    keys = app.extensions[EXTENSION].keys
    old = oidc.tokens_for("teacher1@epimorfosi.test")["access_token"]
    old_kid = jwt.get_unverified_header(old)["kid"]

    new_kid = keys.rotate()
    published = [k["kid"] for k in client.get("/oidc/jwks").get_json()["keys"]]
    assert published == [new_kid, old_kid]  # active first

    new = oidc.tokens_for("teacher1@epimorfosi.test")["access_token"]
    assert jwt.get_unverified_header(new)["kid"] == new_kid
    assert verifier.verify(old).subject == verifier.verify(new).subject

    # Long after retirement the old key leaves the JWKS, and its tokens stop verifying.
    keys.retired_published_for = keys.retired_published_for * 0
    assert [k["kid"] for k in client.get("/oidc/jwks").get_json()["keys"]] == [new_kid]
    fresh = type(verifier)(verifier.issuer, verifier.audience, jwks_url="unused")
    fresh._jwks_client = jwt.PyJWKClient("http://unused/jwks")
    fresh._jwks_client.fetch_data = lambda: client.get("/oidc/jwks").get_json()
    with pytest.raises(InvalidToken):
        fresh.verify(old)


def test_one_active_key_after_rotation(app, database):
    keys = app.extensions[EXTENSION].keys
    keys.current()
    keys.rotate()
    keys.rotate()
    rows = key_rows(database)
    assert len(rows) == 3 and [r.active for r in rows].count(True) == 1


def test_only_public_parts_are_published(app):
    keys = app.extensions[EXTENSION].keys
    for jwk in keys.public_jwks()["keys"]:
        assert jwk["kty"] == "RSA" and jwk["use"] == "sig" and jwk["alg"] == "RS256"
        assert not {"d", "p", "q", "dp", "dq", "qi"} & set(jwk)
        assert int.from_bytes(jwt.utils.base64url_decode(jwk["n"]), "big").bit_length() == 2048


def test_key_table_is_empty_until_first_use(app, database):
    with app.extensions["epimorfosi"].db.session() as s:
        assert s.scalar(select(func.count()).select_from(SigningKey)) == 0
