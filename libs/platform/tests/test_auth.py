"""The token checks that stand between the internet and every service."""
import base64
import json
import time

import jwt
import pytest

from epimorfosi_platform.auth import InvalidToken
from epimorfosi_platform.testing import LocalIssuer


@pytest.fixture(scope="module")
def issuer():
    return LocalIssuer()


@pytest.fixture(scope="module")
def verifier(issuer):
    return issuer.verifier()


def _b64(obj) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


def test_valid_token_gives_principal_with_roles_and_centre(issuer, verifier):
    principal = verifier.verify(issuer.token("u1", ["kse-head"], centre_id="KSE-0001"))
    assert principal.subject == "u1"
    assert principal.has_role("kse-head") and not principal.has_role("central-admin")
    assert principal.centre_id == "KSE-0001"


def test_alg_none_is_refused(issuer, verifier):
    now = int(time.time())
    claims = {"iss": issuer.issuer, "aud": issuer.audience, "sub": "x", "exp": now + 60,
              "realm_access": {"roles": ["central-admin"]}}
    token = f"{_b64({'alg': 'none', 'typ': 'JWT', 'kid': issuer.kid})}.{_b64(claims)}."
    with pytest.raises(InvalidToken):
        verifier.verify(token)


def test_hs256_signed_with_public_key_is_refused(issuer, verifier):
    from cryptography.hazmat.primitives import serialization

    public_pem = issuer.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    now = int(time.time())
    claims = {"iss": issuer.issuer, "aud": issuer.audience, "sub": "x", "exp": now + 60}
    header = _b64({"alg": "HS256", "typ": "JWT", "kid": issuer.kid})
    payload = _b64(claims)
    import hashlib, hmac

    signature = base64.urlsafe_b64encode(
        hmac.new(public_pem, f"{header}.{payload}".encode(), hashlib.sha256).digest()).rstrip(b"=").decode()
    with pytest.raises(InvalidToken):
        verifier.verify(f"{header}.{payload}.{signature}")


@pytest.mark.parametrize("case", ["other-key-same-kid", "unknown-kid", "wrong-issuer", "wrong-audience",
                                  "expired", "garbage"])
def test_forged_tokens_are_refused(issuer, verifier, case):
    if case == "other-key-same-kid":
        forger = LocalIssuer(issuer.issuer, issuer.audience)
        forger.kid = issuer.kid
        token = forger.token("x", ["central-admin"])
    elif case == "unknown-kid":
        token = LocalIssuer(issuer.issuer, issuer.audience).token("x", ["central-admin"])
    elif case == "wrong-issuer":
        token = issuer.token("x", ["central-admin"], issuer="http://evil.test")
    elif case == "wrong-audience":
        token = issuer.token("x", ["central-admin"], audience="another-api")
    elif case == "expired":
        token = issuer.token("x", ["central-admin"], expires_in=-3600)
    else:
        token = "not.a.token"
    with pytest.raises(InvalidToken):
        verifier.verify(token)


def test_key_rotation_by_kid_refetches_jwks(issuer):
    verifier = issuer.verifier()
    assert verifier.verify(issuer.token("u1")).subject == "u1"
    old_key, old_kid = issuer.private_key, issuer.kid
    rotated = LocalIssuer(issuer.issuer, issuer.audience)
    # the issuer now publishes the new key; a token with the new kid must be accepted without restart
    verifier._jwks_client.fetch_data = lambda: {"keys": rotated.jwks()["keys"] + issuer.jwks()["keys"]}
    assert verifier.verify(rotated.token("u2")).subject == "u2"
    assert (issuer.private_key, issuer.kid) == (old_key, old_kid)
